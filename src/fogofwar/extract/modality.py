"""Modality of an event mention: reported, alleged, attributed, planned, denied, negated.

Pure functions over a clause and the trigger's position in it. The cue words live in
``data/event_lexicon.json`` (``modality``) and are compiled once by :func:`compile_cues`.
Cues are looked for in a short window *before* the trigger (negation, planning) or anywhere
in the clause (denial, allegation), because that is where English puts them: "no attack
took place", "plans to launch an offensive", "HRW alleged summary executions".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fogofwar.model import Modality

# Words a negator or a planning verb may stand apart from the trigger: "did not launch an
# attack", "will soon launch a new offensive".
_NEG_WINDOW_WORDS = 3
_PLAN_WINDOW_WORDS = 6
# A negator or planning cue does not reach across these words into another clause:
# "no injuries after gunmen attacked" does not negate the attack.
_GAP_STOP = r"(?:after|when|as|before|and|or|which|that|who|because|since|while|but|then)"
# Clause boundaries inside one sentence: contrastive conjunctions and semicolons split
# "some reports said X, while others denied it" into two claims.
_CLAUSE = re.compile(
    r";|,?\s+(?:while|whereas|but|however)\s+|,\s+(?=(?:others|other reports|some)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ModalityCues:
    """Compiled cue patterns, one per modality that has cues."""

    alleged: re.Pattern[str]
    planned: re.Pattern[str]
    denied: re.Pattern[str]
    negated: re.Pattern[str]


def _alternation(words: Sequence[str]) -> str:
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def compile_cues(table: Mapping[str, Sequence[str]]) -> ModalityCues:
    """Compile the lexicon's ``modality`` table.

    Negation and planning cues must end within a few words of the trigger, so their
    patterns are anchored at the end of the text before it.
    """

    def gap(words: int) -> str:
        return rf"(?:[^\w,.;]+(?!{_GAP_STOP}\b)[\w'-]+){{0,{words}}}[^\w,.;]*$"

    return ModalityCues(
        alleged=re.compile(rf"\b(?:{_alternation(table['alleged'])})\b", re.IGNORECASE),
        planned=re.compile(
            rf"\b(?:{_alternation(table['planned'])})\b{gap(_PLAN_WINDOW_WORDS)}", re.IGNORECASE
        ),
        denied=re.compile(rf"\b(?:{_alternation(table['denied'])})\b", re.IGNORECASE),
        negated=re.compile(
            rf"\b(?:{_alternation(table['negated'])})\b{gap(_NEG_WINDOW_WORDS)}", re.IGNORECASE
        ),
    )


def clauses(text: str) -> list[tuple[int, int]]:
    """Split a sentence into clause spans ``(start, end)`` relative to ``text``.

    >>> clauses("Some said it fell, while others denied it.")
    [(0, 17), (25, 42)]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def clause_index(spans: Sequence[tuple[int, int]], offset: int) -> int:
    """Index of the clause holding ``offset`` (relative to the sentence)."""
    for i, (_, end) in enumerate(spans):
        if offset < end:
            return i
    return len(spans) - 1


def is_negated(before: str, cues: ModalityCues) -> bool:
    """True when a negator stands just before the trigger ("no attack", "did not fire")."""
    return cues.negated.search(before[-60:]) is not None


def is_planned(before: str, cues: ModalityCues) -> bool:
    """True when a planning/threat cue governs the trigger ("plans to launch an offensive")."""
    return cues.planned.search(before[-80:]) is not None


def decide(
    clause: str, trigger_start: int, *, cues: ModalityCues, attributed: bool = False
) -> Modality:
    """Modality of the trigger at ``trigger_start`` (relative to ``clause``).

    Order matters: a denial outranks everything (it is a counter-claim); a negation
    asserted by a named claimant is a denial too ("others claimed it did not happen").
    """
    before = clause[:trigger_start]
    if cues.denied.search(clause):
        return "denied"
    if is_negated(before, cues):
        return "denied" if attributed else "negated"
    if is_planned(before, cues):
        return "planned"
    if cues.alleged.search(clause):
        return "alleged"
    return "attributed" if attributed else "reported"
