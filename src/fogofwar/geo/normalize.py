"""Name folding shared by the gazetteer build, its lookups and its text matcher.

``fold_text`` keeps the text's length (one character in, one out), so a match found in
the folded text has the same offsets in the original. ``name_key`` is the lookup key:
folded, single-spaced, with a leading Arabic article dropped ("al-Raqqa" -> "raqqa").
"""

from __future__ import annotations

import re
import unicodedata

# Arabic definite-article forms as they appear in romanised names ("ar-Raqqa", "as-Sukhnah").
# "el" only with a hyphen: "El Salvador" and "El Paso" are names, not "al-" transliterations.
_ARTICLE = re.compile(r"^(?:al|ar|as|ad|an|az|at|ash|ath|adh|ed|es|et|er|ul) (?=\w)")
_EL = re.compile(r"^[Ee]l-(?=\w)")
_SPACES = re.compile(r" {2,}")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold_char(code: int) -> str:
    ch = chr(code)
    if ch.isalnum():
        base = unicodedata.normalize("NFKD", ch)[0].lower()
        special = {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ß": "s", "æ": "a", "œ": "o"}
        base = special.get(base, base)
        return base if len(base) == 1 else ch.lower()[:1] or ch
    return " "


# Latin-1, Latin Extended-A/B and Latin Extended Additional: fold to one ASCII-ish char.
_FOLD = {c: _fold_char(c) for c in (*range(0x80, 0x250), *range(0x1E00, 0x1F00))}
_FOLD.update({c: " " for c in range(0x80) if not chr(c).isalnum()})
_ASCII_FOLD = bytes(
    [ord(ch.lower()) if ch.isalnum() else ord(" ") for ch in map(chr, range(128))] + [32] * 128
)


def fold_text(text: str) -> str:
    """Lower-case, strip diacritics and turn every non-alphanumeric character into a space.

    The result has exactly ``len(text)`` characters.
    """
    if not text.isascii():
        # Reports are mostly ASCII: fold the few other characters one by one, then the rest
        # goes through the fast bytes table. Non-Latin letters become spaces.
        text = _NON_ASCII.sub(_fold_match, text)
    return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")


def _fold_match(m: re.Match[str]) -> str:
    ch = _FOLD.get(ord(m.group()), " ")
    return ch if ch.isascii() else " "


def fold_name(name: str) -> str:
    """Folded, single-spaced form of a name: "Deir ez-Zor" -> "deir ez zor"."""
    return _SPACES.sub(" ", fold_text(name)).strip()


def name_key(name: str) -> str:
    """Lookup key of a name: folded with a leading Arabic article dropped."""
    return _ARTICLE.sub("", fold_name(_EL.sub("", name, count=1)), count=1)


def name_key_raw(folded: str) -> str:
    """``name_key`` for an already folded name."""
    return _ARTICLE.sub("", folded, count=1)
