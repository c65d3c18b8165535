"""Modality of an event mention: reported, alleged, attributed, planned, denied, negated.

Pure functions over the text and the positions of cue words. The cue words live in
``data/event_lexicon.json`` (``modality``) and are found by the event lexicon's single
Aho-Corasick pass (``EventLexicon.scan`` hits of kind ``"mod"``), so deciding a trigger's
modality costs a few comparisons, not a regex search per trigger.

Where English puts the cues decides the reading:
- negation and planning govern the words just after them: "no attack took place", "did not
  fire", "plans to launch an offensive" (a short window, not crossing "after", "and", ...);
- denial and allegation colour the whole clause: "the army denied shelling the village",
  "allegations of summary executions".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fogofwar.model import Modality

Cue = tuple[str, int, int]  # (alleged|planned|denied|negated, start, end), document offsets

NEG_WINDOW_WORDS = 3
PLAN_WINDOW_WORDS = 6
# A negator or planning cue does not reach across these words into another clause:
# "no injuries after gunmen attacked" does not negate the attack.
_GAP_STOP = frozenset(
    "after when as before and or which that who because since while but then".split()
)
# "carried out a planned attack": the plan was carried out, the attack happened.
_DONE = re.compile(
    r"\b(?:carried\s+out|conducted|launched|staged|held|executed|mounted)\s+(?:a|an|the)?\s*$",
    re.IGNORECASE,
)
# Clause boundaries inside one sentence: contrastive conjunctions and semicolons split
# "some reports said X, while others denied it" into two claims.
_CLAUSE = re.compile(
    r";|,?\s+(?:while|whilst|whereas|though|although|but|however)\s+"
    r"|,\s+(?=(?:others|other reports|some)\b)",
    re.IGNORECASE,
)


# Words whose presence makes a sentence worth splitting (a cheap pre-check for callers).
CLAUSE_WORDS = (
    ";",
    "while",
    "whilst",
    "whereas",
    "though",
    "although",
    "but",
    "however",
    "others",
    "other reports",
    "some",
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


def governs(gap: str, max_words: int) -> bool:
    """Whether a cue followed by ``gap`` still governs the word after it: at most
    ``max_words`` words, no clause punctuation, no clause-opening word."""
    if any(c in gap for c in ",.;:"):
        return False
    words = gap.lower().split()
    return len(words) <= max_words and not any(w in _GAP_STOP for w in words)


def _governed(text: str, cues: Sequence[Cue], name: str, start: int, window: int) -> bool:
    return any(n == name and e <= start and governs(text[e:start], window) for n, _, e in cues)


# A modal verb right after a noun trigger: "an assault could come within days", "the
# battle would force thousands out"; a passive after it tells of the event as a thing
# done: "the blast could be heard", "the attack will be investigated".
_MODALS_AFTER = frozenset({"could", "would", "might", "will"})
_PERCEIVED = re.compile(
    r"\s+(?:not\s+)?be\s+(?:\w+ed|heard|seen|felt|known|shown|done)\b", re.IGNORECASE
)
_ONE_WORD_GAP = re.compile(r"\s+(?:[\w'’-]+\s+)?")


def _modal_after(text: str, cues: Sequence[Cue], trigger_end: int) -> bool:
    for name, s, e in cues:
        if (
            name == "planned"
            and 0 < s - trigger_end <= 16
            and text[s:e].lower() in _MODALS_AFTER
            and _ONE_WORD_GAP.fullmatch(text, trigger_end, s)
            and not _PERCEIVED.match(text, e)
        ):
            return True
    return False


def decide(
    text: str,
    cues: Sequence[Cue],
    trigger_start: int,
    clause: tuple[int, int],
    *,
    attributed: bool = False,
    trigger_end: int | None = None,
) -> Modality:
    """Modality of the trigger at ``trigger_start`` whose clause is ``clause`` (offsets in
    ``text``), given the modality cue hits of the sentence.

    A denial outranks everything (it is a counter-claim); a negation asserted by a named
    claimant is a denial too ("others claimed it did not happen").
    """
    if not cues:  # most sentences hold no modality cue
        return "attributed" if attributed else "reported"
    lo, hi = clause
    here = [c for c in cues if lo <= c[1] < hi]
    # A denial governs what follows it ("the army denied shelling"), not what precedes
    # ("protested against the denial of permits").
    if any(n == "denied" and s < trigger_start for n, s, _ in here):
        return "denied"
    if _governed(text, here, "negated", trigger_start, NEG_WINDOW_WORDS):
        return "denied" if attributed else "negated"
    plans = [c for c in here if not _DONE.search(text[max(0, c[1] - 25) : c[1]])]
    if _governed(text, plans, "planned", trigger_start, PLAN_WINDOW_WORDS):
        return "planned"
    if trigger_end is not None and _modal_after(text, here, trigger_end):
        return "planned"
    if any(n == "alleged" for n, _, _ in here):
        return "alleged"
    return "attributed" if attributed else "reported"
