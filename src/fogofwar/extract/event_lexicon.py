"""The event lexicon: trigger words, context cues and claim words, compiled for one pass.

``data/event_lexicon.json`` lists, per event type or type class, trigger verbs (inflected
here: "clash" -> clashes/clashed/clashing, irregulars from its ``irregular`` table) and
nouns/phrases; context cues (device words, target words, crowd words); modality cues;
responsibility phrases and attribution verbs. ``data/gtd_attack_types.json`` maps GTD
attack types onto ACLED codings for scoring. Everything is compiled into Aho-Corasick
automata, so a document is scanned once whatever the size of the lexicon.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources as importlib_resources
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick

from fogofwar.errors import ResourceError
from fogofwar.extract import modality as mod


@dataclass(frozen=True)
class EventType:
    key: str
    plover: str
    mode: str
    event_type: str
    sub_event_type: str


class Hit(NamedTuple):
    """One lexicon match in the document: ``kind`` trigger|cue|resp, ``name`` its value."""

    start: int
    end: int
    kind: str
    name: str


@dataclass(frozen=True, eq=False)
class EventLexicon:
    """Compiled event lexicon: types, one automaton for triggers and cues, GTD mapping."""

    types: Mapping[str, EventType]
    gtd: Mapping[str, Mapping[str, Any]]
    party_words: tuple[str, ...]
    automaton: Any  # ahocorasick.Automaton: lower-cased phrase -> (len, ((kind, name), ...), edges)
    attribution: Any  # ahocorasick.Automaton: phrase -> (len, (cue kind, ...), edges)

    def scan(self, text: str) -> list[Hit]:
        """Every trigger, cue and responsibility phrase in ``text``, whole words only."""
        # tuple.__new__ skips the NamedTuple constructor's Python-level call (one per match)
        new = tuple.__new__
        triggers: list[Hit] = []
        others: list[Hit] = []
        for s, e, values in _matches(self.automaton, text):
            for kind, name in values:
                (triggers if kind == "trigger" else others).append(new(Hit, (s, e, kind, name)))
        return _drop_nested(triggers) + others

    def attribution_cues(self, text: str) -> list[tuple[str, int, int]]:
        """``(kind, start, end)`` of each attribution cue: verb | according | responsibility."""
        found = sorted((s, -e, kinds[0]) for s, e, kinds in _matches(self.attribution, text))
        out: list[tuple[str, int, int]] = []
        for s, neg_e, kind in found:
            if out and s < out[-1][2]:
                continue  # "claimed responsibility" already covers "claimed"
            out.append((kind, s, -neg_e))
        return out

    def type_of(self, key: str) -> EventType:
        return self.types[key]

    def gtd_accepts(self, attack_type: str, event_type: str, sub_event_type: str) -> bool | None:
        """Whether an ACLED coding agrees with a GTD ``attacktype1_txt``; None if unscorable.

        >>> lex = load_event_lexicon()
        >>> lex.gtd_accepts("Bombing/Explosion", "Explosions/Remote violence", "Suicide bomb")
        True
        """
        entry = self.gtd.get(attack_type)
        if entry is None or not entry["scorable"]:
            return None
        return any(e == event_type and s in (None, sub_event_type) for e, s in entry["accept"])


def _lower(text: str) -> str:
    """Lower-case without changing length (offsets must stay valid)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[:1] or c for c in text)


# The non-ASCII characters that ``re.IGNORECASE`` matches to an ASCII letter and that
# lower-casing leaves alone, mapped to that letter. Found by testing every code point
# against [a-z] with re.I: also U+0130 (lowered to "i" by _lower) and U+212A KELVIN SIGN
# (lowered to "k").
_FOLD = str.maketrans({"\u0131": "i", "\u017f": "s"})


def fold(text: str) -> str:
    """``text`` lower-cased, offsets kept, with every character that a case-insensitive
    pattern matches to an ASCII letter turned into that letter: where a case-insensitive
    search finds an ASCII word in ``text``, a plain search finds it in ``fold(text)``."""
    return _lower(text).translate(_FOLD)


def gated_search(
    pattern: re.Pattern[str], words: re.Pattern[str], text: str, folded: str, lo: int, hi: int
) -> bool:
    """Whether ``pattern`` (case-insensitive) matches ``text[lo:hi]``.

    ``words`` is a plain lower-case alternation of words one of which every match of
    ``pattern`` contains, searched first in ``folded`` (``fold(text)``): most spans hold
    none of them and skip the costlier case-insensitive search of every position.
    """
    return words.search(folded, lo, hi) is not None and pattern.search(text[lo:hi]) is not None


def _matches(automaton: Any, text: str) -> list[tuple[int, int, Any]]:
    """``(start, end, values)`` of every whole-word match of the automaton in ``text``."""
    # One space on either side (no key starts or ends with a space) gives every match a
    # character before and after it, and shifts offsets by one: a match ending at
    # ``last`` in ``padded`` spans [last - length, last) of ``text``.
    padded = f" {_lower(text)} "
    out = []
    # A key that starts or ends with punctuation (";") needs no word edge on that side;
    # whether a key's first/last character is alphanumeric is stored with it (_build_automaton).
    for last, (length, values, word_start, word_end) in automaton.iter(padded):
        start = last - length
        if word_start and padded[start].isalnum():
            continue
        if word_end and padded[last + 1].isalnum():
            continue
        out.append((start, last, values))
    return out


_START = itemgetter(0)
_END = itemgetter(1)


def _drop_nested(triggers: list[Hit]) -> list[Hit]:
    """Keep only the longest trigger where triggers overlap ("suicide car bomb" ⊃ "bomb")."""
    # Longest first among those starting together: two stable sorts, by end descending then
    # by start, order them as a sort on (start, -end) would, without a key call per hit.
    triggers = sorted(triggers, key=_END, reverse=True)
    triggers.sort(key=_START)
    kept: list[Hit] = []
    for h in triggers:
        if kept and h.start < kept[-1].end:
            continue
        kept.append(h)
    return kept


def _inflect(verb: str, irregular: Mapping[str, Sequence[str]]) -> set[str]:
    """The forms of a verb: lemma, -s, -ed, -ing (regular spelling rules) or the irregulars."""
    if verb in irregular:
        return {verb, *irregular[verb]}
    if verb.endswith("e"):
        return {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    if re.search(r"(?:s|sh|ch|x|z)$", verb):
        return {verb, verb + "es", verb + "ed", verb + "ing"}
    if re.search(r"[^aeiou]y$", verb):
        return {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    forms = {verb, verb + "s", verb + "ed", verb + "ing"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", verb) and len(verb) <= 5:
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}  # stab -> stabbed
    return forms


def _phrase_forms(phrase: str, irregular: Mapping[str, Sequence[str]]) -> set[str]:
    """Inflect the first word of a verb phrase: "take control of" -> "took control of"."""
    head, _, rest = phrase.partition(" ")
    return {f"{form} {rest}".strip() for form in _inflect(head, irregular)}


def _build_automaton(entries: Iterable[tuple[str, Any]]) -> Any:
    table: dict[str, list[Any]] = {}
    for key, value in entries:
        if key != key.strip():
            raise ValueError(f"lexicon phrase with outer spaces: {key!r}")  # see _matches
        table.setdefault(key.lower(), []).append(value)
    auto = ahocorasick.Automaton()
    for key, values in table.items():
        edges = (key[:1].isalnum(), key[-1:].isalnum())
        auto.add_word(key, (len(key), tuple(dict.fromkeys(values)), *edges))
    auto.make_automaton()
    return auto


def _scan_entries(raw: Mapping[str, Any]) -> Iterator[tuple[str, tuple[str, str]]]:
    irregular = raw["irregular"]
    for trig in raw["triggers"]:
        name = trig.get("type") or trig["class"]
        for verb in trig.get("verbs", ()):
            for form in _phrase_forms(verb, irregular):
                yield form, ("trigger", name)
        for term in trig.get("terms", ()):
            yield term, ("trigger", name)
    for cue, words in raw["cues"].items():
        for w in words:
            yield w, ("cue", cue)
    for kind, words in raw["responsibility"].items():
        for w in words:
            yield w, ("resp", kind)
    for name, words in raw["modality"].items():
        for w in words:
            yield w, ("mod", name)
    for w in mod.CLAUSE_WORDS:
        yield w, ("clause", "clause")


def _attribution_entries(raw: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for kind in ("verbs", "according", "responsibility"):
        for w in raw[kind]:
            yield w, "verb" if kind == "verbs" else kind


def load_event_lexicon(path: str | Path | None = None) -> EventLexicon:
    """Load and compile ``event_lexicon.json`` and ``gtd_attack_types.json``.

    ``path`` overrides the lexicon file (the GTD table is read from beside it).
    """
    base = Path(path) if path else Path(str(importlib_resources.files("fogofwar") / "data"))
    lex_path = base if base.is_file() else base / "event_lexicon.json"
    try:
        raw = json.loads(lex_path.read_text(encoding="utf-8"))
        gtd = json.loads((lex_path.parent / "gtd_attack_types.json").read_text(encoding="utf-8"))
        types = {k: EventType(k, *v) for k, v in raw["types"].items()}
        att = raw["attribution"]
        return EventLexicon(
            types=types,
            gtd=gtd["attack_types"],
            party_words=tuple(att["party_words"]),
            automaton=_build_automaton(_scan_entries(raw)),
            attribution=_build_automaton(_attribution_entries(att)),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ResourceError(f"event lexicon {lex_path} is missing or malformed: {exc}") from exc
