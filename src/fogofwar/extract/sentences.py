"""Sentence segmentation (stage ``sentences.v1``).

A small rule-based splitter rather than pysbd or spaCy's senter: news and NGO prose
needs only terminal punctuation, abbreviations and paragraph breaks, and this runs at
several million characters per second, which the fast backend's throughput target needs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fogofwar.model import AnnotatedDoc, Sentence, evolve

STAGE = "sentences.v1"

_ABBREV = frozenset(
    "mr mrs ms dr st gen lt col maj capt sgt cpl pvt adm brig rep sen gov pres prof "
    "jr sr no vs etc approx est jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k u.n e.g i.e a.m p.m inc ltd co corp dept univ govt mt ft".split()
)
_LONGER = max(map(len, _ABBREV)) + 1
# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([A-Za-z.]+)$")
_WORD_BACK = re.compile(r"[A-Za-z.]+")  # the same word, read in the reversed text
_PARAGRAPH = re.compile(r"\n\s*\n|\r\n\s*\r\n|\n(?=\s*[-*\u2022])")


def _is_abbreviation(text: str, dot: int, rev: str | None = None) -> bool:
    """True when the '.' at ``dot`` ends an abbreviation or a single initial.

    ``rev`` is ``text`` reversed, when the caller has it: the word before the dot is then
    one anchored match instead of a search through the 12 characters before it.
    """
    if text[dot] != ".":
        return False
    lo = max(0, dot - 12)
    if rev is None or text[dot - 1] == "\n":  # "$" also matches before a final newline
        m = _LAST_WORD.search(text[lo:dot])
        word = m.group(1) if m else ""
    else:
        n = len(text)
        m = _WORD_BACK.match(rev, n - dot, n - lo)
        word = m.group()[::-1] if m else ""
    if not word:
        return False
    word = word.lower().strip(".")
    return word in _ABBREV or (len(word) == 1 and word.isalpha())


def _terminal_marks(text: str) -> list[int]:
    """Positions of every '.', '!' and '?' in ``text``, in order."""
    out: list[int] = []
    for mark in ".!?":
        find = text.find
        p = find(mark)
        while p >= 0:
            out.append(p)
            p = find(mark, p + 1)
    if len(out) > 1 and ("!" in text or "?" in text):
        out.sort()
    return out


def split(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``, whitespace trimmed.

    >>> split("Isis fled. The army entered Fallujah.")
    [(0, 10), (11, 37)]
    """
    cuts = [0]
    if "\n" in text:  # every paragraph break holds one
        cuts.extend(m.end() for m in _PARAGRAPH.finditer(text))
    rev = text[::-1]
    # What _BOUNDARY.finditer(text) yields, tried only where a match can start: str.find
    # locates the punctuation several times faster than the regex engine scans for it.
    nxt = 0
    for p in _terminal_marks(text):
        if p >= nxt:
            m = _BOUNDARY.match(text, p)
            if m is not None:
                nxt = m.end()
                # A word of more ASCII letters than the longest abbreviation before the mark
                # is none: that test is cheaper than reading the word (_is_abbreviation).
                w = text[p - _LONGER : p]
                if (w.isalpha() and w.isascii() and p >= _LONGER) or not _is_abbreviation(
                    text, p, rev
                ):
                    cuts.append(nxt)
    cuts.append(len(text))
    cuts = sorted(set(cuts))
    spans: list[tuple[int, int]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
    return spans


def run(ad: AnnotatedDoc, *, res: object = None) -> AnnotatedDoc:
    """Assign ``sentences``."""
    global _last_starts
    text, doc_id = ad.doc.text, ad.doc.id
    sents = []
    spans = split(text)
    new = object.__new__
    for i, (a, b) in enumerate(spans):
        # model.build, inlined (a call less per sentence): the frozen dataclass's __init__
        # costs as much as finding the sentence
        s = new(Sentence)
        s.__dict__.update(doc_id=doc_id, index=i, start=a, end=b, text=text[a:b])
        sents.append(s)
    out = tuple(sents)
    _last_starts = (out, [a for a, _ in spans])
    return evolve(ad, sentences=out)


_last_starts: tuple[tuple[Sentence, ...], list[int]] = ((), [])


def starts(sentences: Sequence[Sentence]) -> list[int]:
    """``[s.start for s in sentences]``; not to be modified.

    When ``sentences`` is the tuple this stage built last, the list it kept is returned:
    the later stages each need it, and reading 30-odd sentence objects that the stages in
    between have pushed out of the CPU cache costs more than a lookup.
    """
    kept, offsets = _last_starts
    return offsets if sentences is kept else [s.start for s in sentences]
