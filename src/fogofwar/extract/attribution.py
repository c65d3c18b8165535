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
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from fogofwar.model import ActorMention, AnnotatedDoc, Attribution, Sentence, build, evolve

if TYPE_CHECKING:
    from fogofwar.resources import Resources

STAGE = "attribution.v1"

PARTY_KINDS = frozenset({"state", "rebel", "political_militia", "identity_militia", "external"})
_MAX_WORDS = 8
# The claimant phrase before a verb starts after the last clause boundary (a dash ends a
# dateline: "BEIRUT \u2014 The US-led coalition said"; a subordinator opens a clause).
_BOUNDARY = re.compile(
    r"""[,;:"\u201c\u201d(\u2014]|\s\u2013\s"""
    r"""|\b(?:that|while|whilst|whereas|though|although|but|however)\b"""
    # a subordinate clause opens before its own subject: "..., after the commander of the
    # operation announced": the claimant is "the commander of the operation"
    r"""|\b(?:after|before|when|once|because|since|until|unless)\b"""
    r"""|\band\b(?=\s+(?:the\s+)?\w+\s*$)""",
    re.IGNORECASE,
)
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
# Auxiliaries, adverbs and a day between a claimant and its verb ("Civilian Harm Monitor
# has so far documented", "Amnesty International on Monday reported")
_AUX_TAIL = re.compile(
    r"(?:\s+(?:have|has|had|also|later|previously|earlier|repeatedly|have\s+also|"
    r"has\s+also|separately|further|would|could|had\s+also|so\s+far|now|already|again|"
    r"recently|yesterday|today|on\s+(?:" + "|".join(_WEEKDAYS) + r")))+\s*$",
    re.IGNORECASE,
)
# The end of the last boundary in one match: the greedy ".*" backtracks from the right, so
# it stops at the last place _BOUNDARY matches, which is its last match in a left-to-right
# scan too (its matches are single characters or whole words, so they never overlap).
# The lookahead only skips, cheaply, the positions where no branch can start (each branch
# opens with one of these characters, or a word boundary before one of these letters, in
# any case): the backtracking otherwise tries every branch at every character.
_LAST_BOUNDARY = re.compile(
    rf"(?s:.*)(?=[,;:\"\u201c\u201d(\u2014\stwhabuos])(?:{_BOUNDARY.pattern})", re.IGNORECASE
)
_PASSIVE_TAIL = re.compile(r"\b(?:was|were|been|is|are|be|being|not|no)\s*$", re.IGNORECASE)
# The last words these two tails can end with. A search for "...$" tries every position of
# the text, so it is run only when the text ends with one of them (see _may_end_with).
_AUX_LAST = tuple("have has had also later previously earlier repeatedly separately further "
                  "would could far now already again recently yesterday today".split()
                  + _WEEKDAYS)  # fmt: skip
_PASSIVE_LAST = ("was", "were", "been", "is", "are", "be", "being", "not", "no")


def _may_end_with(text: str, words: tuple[str, ...]) -> bool:
    """False when a case-blind ``...(?:words)\\s*$`` cannot match ``text``: it is ASCII (a
    case-blind regex also reads some other letters as ASCII ones: "ſ" as "s", "ı" as "i")
    and, trailing whitespace stripped, ends with none of ``words``."""
    return not text.isascii() or text.rstrip().lower().endswith(words)


_PRONOUN = frozenset("he she it they we i you this that which who there".split())
_PERSONAL = frozenset("he she it they we i you".split())
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
    tail = _AUX_TAIL.search(head) if _may_end_with(head, _AUX_LAST) else None
    if tail:
        head = head[: tail.start()]
    if _may_end_with(head, _PASSIVE_LAST) and _PASSIVE_TAIL.search(head):
        return None
    words = _WORD.findall(head)  # maximal runs of word characters
    if not words or len(words) > _MAX_WORDS or words[0].lower() in _NOBODY:
        return None
    if words[-1].lower() in _PERSONAL:
        return None  # "photographs of what they said": the speaker is a pronoun
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


@lru_cache(maxsize=4096)  # actor names recur across a corpus
def _lower_words(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


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

    @cached_property
    def by_last_word(self) -> dict[str, list[tuple[tuple[str, ...], ActorMention]]]:
        """Each mention's lower-cased words, by its last word (built on first use)."""
        out: dict[str, list[tuple[tuple[str, ...], ActorMention]]] = {}
        for a in self.mentions:
            words = _lower_words(a.text)
            if words:
                out.setdefault(words[-1], []).append((words, a))
        return out

    def named_by(self, words: list[str], at: int) -> ActorMention | None:
        """The mention nearest before ``at`` (else after it) whose name ends with ``words``:
        "the coalition" or "a coalition spokesman" after "the US-led coalition"."""
        n = len(words)
        before = after = None
        for tail, a in self.by_last_word.get(words[-1], ()):
            if list(tail[-n:]) == words:
                if a.end <= at:
                    before = a if before is None or a.start > before.start else before
                elif after is None or a.start < after.start:
                    after = a
        return before or after

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
    voices: dict[str, ActorMention],
) -> Attribution:
    text = ad.doc.text
    phrase = text[claimant[0] : claimant[1]]
    actor = actors.last_inside(*claimant) or _named_actor(phrase, claimant[0], actors, voices)
    name = _normalise(phrase)
    if actor is not None and name == _normalise(actor.text):
        name = actor.name
    # model.build: the frozen dataclass's __init__ sets its 9 fields one at a time
    return build(
        Attribution,
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


# Words of a claimant phrase that name a part or voice of an actor, not the actor.
_VOICE = frozenset(
    "spokesman spokeswoman spokesperson spokespeople official officials ministry command "
    "commander commanders statement representative representatives officer officers press "
    "office headquarters".split()
)
_ARTICLES = frozenset(("the", "a", "an"))


def _named_actor(
    phrase: str, at: int, actors: _Actors, voices: dict[str, ActorMention]
) -> ActorMention | None:
    """The actor a claimant names by the last word(s) of a name the document gave it in
    full: "The coalition", "a coalition spokesman" after "the US-led coalition"; "the
    spokesman" is the last spokesman whose actor is known (``voices``, updated here)."""
    words = list(_lower_words(phrase))
    definite = bool(words) and words[0] == "the"
    if words and words[0] in _ARTICLES:
        words = words[1:]
    voice = words[-1] if words and words[-1] in _VOICE else None
    while words and words[-1] in _VOICE:
        words = words[:-1]
    if not words:
        return voices.get(voice) if definite and voice is not None else None
    if (
        len(words) > 2
        or words[-1].endswith("s")
        or any(w in _VOICE or w in _ARTICLES for w in words)
    ):
        return None  # plural heads ("analysts", "some reports") are no one actor's short name
    actor = actors.named_by(words, at)
    if actor is not None and voice is not None:
        voices[voice] = actor
    return actor


def _claimant(text: str, sent: Sentence, kind: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the claimant of the cue at ``[start, end)`` is, by cue kind."""
    if kind == "according":
        return _phrase_after(text, end, sent.end)
    found = _phrase_before(text, sent.start, start)
    if found is None and kind == "verb" and text[sent.start : start].rstrip().endswith(","):
        found = _phrase_after(text, end, sent.end)  # inverted: "…, said a spokesman."
        if found is not None and _VERBAL.search(text, found[0], found[1]):
            return None  # "…, said the leaflets had been dropped": a clause, not a speaker
    return found


# Words of a clause, never of a speaker read after an inverted verb.
_VERBAL = re.compile(
    r"\b(?:had|has|have|been|was|were|is|are|be|would|will|could|should|can|may|might|did|"
    r"does|do|to)\b",
    re.IGNORECASE,
)


def find(ad: AnnotatedDoc, *, res: Resources) -> list[Attribution]:
    """Every attribution in the document, in text order (pure ``match`` step)."""
    text = ad.doc.text
    sents = ad.sentences
    starts = [s.start for s in sents]
    actors = _Actors.of(ad.actors)
    party_words = _party_regex(res.lexicon.party_words)
    out: list[Attribution] = []
    voices: dict[str, ActorMention] = {}
    for kind, start, end in res.lexicon.attribution_cues(text):
        i = bisect.bisect_right(starts, start) - 1
        if i < 0 or end > sents[i].end:
            continue
        claimant = _claimant(text, sents[i], kind, start, end)
        if claimant is not None:
            span = (min(claimant[0], start), max(claimant[1], end))
            out.append(_make(ad, sents[i], span, claimant, actors, party_words, voices))
    return out


def run(ad: AnnotatedDoc, *, res: Resources) -> AnnotatedDoc:
    """Stage entry point: assign ``attributions``."""
    return evolve(ad, attributions=tuple(find(ad, res=res)))
