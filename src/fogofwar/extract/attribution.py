"""Attribution (stage ``attribution.v1``): who says so.

Finds the claimant of each statement: "Human Rights Watch said", "according to a US
diplomat", "some reports have stated", "a spokesman for the coalition said", "X claimed
responsibility". The cue words come from ``event_lexicon.json`` (``attribution``); the
claimant is the short noun phrase before the verb (after it for "according to" and for
inverted "…, said a spokesman"). A claimant that is an armed actor or a government is
flagged ``is_party`` so triangulation can tell acknowledgement from outside reporting.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from fogofwar.model import ActorMention, AnnotatedDoc, Attribution, Sentence

if TYPE_CHECKING:
    from fogofwar.resources import Resources

STAGE = "attribution.v1"

PARTY_KINDS = frozenset({"state", "rebel", "political_militia", "identity_militia", "external"})
_MAX_WORDS = 8
# The claimant phrase before a verb starts after the last clause boundary.
_BOUNDARY = re.compile(
    r"""[,;:"\u201c\u201d(]|\b(?:that|while|whilst|whereas|though|although|but|however)\b"""
    r"""|\band\b(?=\s+(?:the\s+)?\w+\s*$)""",
    re.IGNORECASE,
)
_AUX_TAIL = re.compile(
    r"(?:\s+(?:have|has|had|also|later|previously|earlier|repeatedly|have\s+also|"
    r"has\s+also|separately|further|would|could|had\s+also))+\s*$",
    re.IGNORECASE,
)
# The end of the last boundary in one match: the greedy ".*" backtracks from the right, so
# it stops at the last place _BOUNDARY matches, which is its last match in a left-to-right
# scan too (its matches are single characters or whole words, so they never overlap).
_LAST_BOUNDARY = re.compile(rf"(?s:.*)(?:{_BOUNDARY.pattern})", re.IGNORECASE)
_PASSIVE_TAIL = re.compile(r"\b(?:was|were|been|is|are|be|being|not|no)\s*$", re.IGNORECASE)
_PRONOUN = frozenset("he she it they we i you this that which who there".split())
# Pronouns and negated subjects ("No group claimed responsibility") name no claimant.
_NOBODY = _PRONOUN | {"no", "nobody", "none", "neither"}
# Words that end a claimant phrase read forward ("according to reports the attack …").
_FORWARD_STOP = frozenset("on in at during after as when while who which that said".split())
_DETERMINER = frozenset("the a an this these those he she it they there its their".split())
_DANGLING = frozenset("a an the to of for and or in on at with by us".split())
_LINKERS = frozenset("of for from with and to".split())
_WORD = re.compile(r"[\w'’.-]+")


def _phrase_before(text: str, start: int, verb_start: int) -> tuple[int, int] | None:
    """The claimant phrase ending just before ``verb_start`` (offsets into ``text``)."""
    window = text[start:verb_start]
    boundary = _LAST_BOUNDARY.match(window)
    cut = boundary.end() if boundary else 0
    head = window[cut:]
    tail = _AUX_TAIL.search(head)
    if tail:
        head = head[: tail.start()]
    if _PASSIVE_TAIL.search(head):
        return None
    words = _WORD.findall(head)  # maximal runs of word characters
    if not words or len(words) > _MAX_WORDS or words[0].lower() in _NOBODY:
        return None
    if words[-1].lower() in _DANGLING:
        return None  # "an estimated 300", "join us to say": not a claimant
    # Only non-word characters lie before the first run and after the last one, so find()
    # and rfind() of their text are where they are.
    first, last = head.find(words[0]), head.rfind(words[-1]) + len(words[-1])
    return start + cut + first, start + cut + last


def _phrase_after(text: str, pos: int, end: int) -> tuple[int, int] | None:
    """The claimant phrase starting at ``pos``, read forward up to a clause boundary."""
    last: re.Match[str] | None = None
    first: re.Match[str] | None = None
    prev = ""
    for i, m in enumerate(_WORD.finditer(text, pos, end)):
        w = m.group().lower().rstrip(".")
        gap = text[last.end() if last else pos : m.start()]
        stop = i >= _MAX_WORDS or any(c in gap for c in ',;:."')
        stop = stop or w in _FORWARD_STOP or (i > 0 and w in _DETERMINER and prev not in _LINKERS)
        if stop:
            break
        first = first or m
        last, prev = m, w
        if m.group().endswith("."):
            break
    if last is not None and last.group().endswith(".") and last.group().count(".") == 1:
        # a full stop, not an abbreviation like "U.S."
        return (first.start(), last.end() - 1) if first is not None else None
    if first is None or last is None or first.group().lower() in _PRONOUN:
        return None
    return first.start(), last.end()


@dataclass(frozen=True)
class _Actors:
    """A document's actor mentions, indexed by start for lookups by span."""

    mentions: tuple[ActorMention, ...]
    starts: list[int]
    ordered: bool  # sorted by start, each with start <= end: a lookup can bisect

    @classmethod
    def of(cls, mentions: tuple[ActorMention, ...]) -> _Actors:
        starts = [a.start for a in mentions]
        ordered = starts == sorted(starts) and all(a.start <= a.end for a in mentions)
        return cls(mentions, starts, ordered)

    def last_inside(self, start: int, end: int) -> ActorMention | None:
        """The last actor mention inside ``[start, end)``: in "a spokesman for the coalition"
        the organisation, not the spokesman, is what the dictionary knows."""
        if not self.ordered:
            inside = [a for a in self.mentions if a.start >= start and a.end <= end]
            return inside[-1] if inside else None
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_right(self.starts, end)
        for a in reversed(self.mentions[lo:hi]):
            if a.end <= end:
                return a
        return None


_COMMON_HEADS = frozenset(
    "some other others local several many sources reports unnamed activists residents "
    "witnesses officials a an one two".split()
)


@lru_cache(maxsize=4096)  # claimants and actor names recur across a corpus
def _normalise(phrase: str) -> str:
    """Collapse spaces, drop a leading "the", lower-case a sentence-initial common word."""
    phrase = " ".join(phrase.split())
    if phrase.lower().startswith("the "):
        phrase = phrase[4:]
    head = phrase.split(" ", 1)[0]
    if head.lower() in _COMMON_HEADS and head.istitle():
        phrase = phrase[:1].lower() + phrase[1:]
    return phrase


@lru_cache(maxsize=8)
def _party_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``words`` with a space either side (one search instead of one per word)."""
    return re.compile("|".join(re.escape(f" {w} ") for w in words) or "(?!)")  # none: no match


def _is_party(phrase: str, actor: ActorMention | None, party_words: re.Pattern[str]) -> bool:
    if actor is not None and actor.kind in PARTY_KINDS:
        return True
    return party_words.search(f" {phrase.lower()} ") is not None


def _make(
    ad: AnnotatedDoc,
    sent: Sentence,
    span: tuple[int, int],
    claimant: tuple[int, int],
    actors: _Actors,
    party_words: re.Pattern[str],
) -> Attribution:
    text = ad.doc.text
    phrase = text[claimant[0] : claimant[1]]
    actor = actors.last_inside(*claimant)
    name = _normalise(phrase)
    if actor is not None and name == _normalise(actor.text):
        name = actor.name
    return Attribution(
        doc_id=ad.doc.id,
        start=span[0],
        end=span[1],
        text=text[span[0] : span[1]],
        sentence=sent.index,
        claimant=name,
        claimant_actor=actor.canonical_id if actor is not None else None,
        is_party=_is_party(phrase, actor, party_words),
        stage=STAGE,
    )


def _claimant(text: str, sent: Sentence, kind: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the claimant of the cue at ``[start, end)`` is, by cue kind."""
    if kind == "according":
        return _phrase_after(text, end, sent.end)
    found = _phrase_before(text, sent.start, start)
    if found is None and kind == "verb" and text[sent.start : start].rstrip().endswith(","):
        found = _phrase_after(text, end, sent.end)  # inverted: "…, said a spokesman."
    return found


def find(ad: AnnotatedDoc, *, res: Resources) -> list[Attribution]:
    """Every attribution in the document, in text order (pure ``match`` step)."""
    text = ad.doc.text
    sents = ad.sentences
    starts = [s.start for s in sents]
    actors = _Actors.of(ad.actors)
    party_words = _party_regex(res.lexicon.party_words)
    out: list[Attribution] = []
    for kind, start, end in res.lexicon.attribution_cues(text):
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or end > sents[i].end:
            continue
        claimant = _claimant(text, sents[i], kind, start, end)
        if claimant is not None:
            span = (min(claimant[0], start), max(claimant[1], end))
            out.append(_make(ad, sents[i], span, claimant, actors, party_words))
    return out


def run(ad: AnnotatedDoc, *, res: Resources) -> AnnotatedDoc:
    """Stage entry point: assign ``attributions``."""
    return replace(ad, attributions=tuple(find(ad, res=res)))
