"""Who did what to whom: actor1 / actor2 / assoc of an event trigger.

Plain English order rules over the actor mentions of the trigger's sentence: the agent is
the subject group before an active trigger (walking back over "X and Y", "X, backed by
Y"), or "by X" after it; the target is the first actor after the trigger that is its
object ("attacked the army", "clashed with Isis"), or the passive subject ("civilians were
killed"); backers after the trigger ("backed by US airstrikes") are associates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from fogofwar.extract.event_lexicon import Hit, gated_search
from fogofwar.model import ActorMention, Sentence

_BY_AGENT = re.compile(
    r"\bby\s+(?:at\s+least\s+)?(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}[\"\u201c\u2018']?$", re.I
)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.I)
_LINK = re.compile(
    r"^\W*(?:\([^()]{1,12}\)\W*)?(?:and|as well as|alongside|together with|along with|with|"
    r"(?:and\s+)?(?:joined|backed|backed up|supported|aided|assisted|led) by|"
    r"with the support of)?\W*(?:the\s+)?(?:[A-Z][\w'\u2019-]*\s+)?$",
    re.I,
)
# "military forces of India and Pakistan": the first force's country (capitalised words)
# stands between two coordinated actors
_CAP = r"[A-Z][\w'\u2019-]*"
_OF_COUNTRY_AND = re.compile(rf"^\s+of\s+(?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,3}}\s+and\s+$")


def _linked(gap: str) -> bool:
    return _LINK.match(gap) is not None or _OF_COUNTRY_AND.match(gap) is not None


def _plain_and(gap: str) -> bool:
    return _PLAIN_AND.match(gap) is not None or _OF_COUNTRY_AND.match(gap) is not None


_BACKING = re.compile(
    r"\b(?:backed|supported|aided|assisted|joined)\s+(?:up\s+)?by\b|\bsupport of\b", re.I
)
# "fighting, as the army ...": the actors after a noun trigger are its agents only when they
# open a subordinate clause of which they are the subject.
_CLAUSE_SUBJECT = re.compile(r"^[^.;]{0,40}\b(?:as|when|while|whilst|where)\s+(?:the\s+)?$", re.I)
_DETACH = re.compile(
    r"\b(?:near|in|at|from|outside|inside|during|after|before|while|as|when|who|which|"
    r"where|because|following|amid|since|close to|of)\b|;|,\s",
    re.I,
)
_TARGET = re.compile(r"\b(?:on|against|at|targeting|with|between)\b", re.I)
# "fired on the positions of the SDF", "killed a member of the SDF": the place or person
# words of a target belong to the target.
_TARGET_OF = re.compile(
    r"(?:^|\b(?:on|against|at|targeting))\s+(?:the\s+|a\s+)?(?:[\w-]+\s+)?(?:positions?|posts?|"
    r"bases?|strongholds?|hideouts?|checkpoints?|barracks|headquarters|convoys?|camps?|"
    r"vehicles?|patrols?|members?|fighters?|soldiers?|commanders?|leaders?|officers?|"
    r"elements?|personnel)\s+of\s+(?:the\s+)?$",
    re.I,
)
# "a hut being used by the KNU": "by X" inside a relative clause after the trigger names
# who uses the target, not who acted.
_RELATIVE_BY = re.compile(
    r"\b(?:being|which|that|who|whose|where)\b|\b(?:used|owned|run|held|controlled|occupied|"
    r"manned|belonging|frequented|guarded)\s+(?:\w+\s+)?by\b"
    # "shot down a drone operated by X": X runs the object named after the trigger
    r"|^\W*(?:a|an|the)\s[^,;]*\b\w+ed\s+by\b",
    re.I,
)
# Verbs whose two parties act alike: "GNA and LNA forces clashed" names both sides.
_SYMMETRIC = re.compile(r"(?:clash|fight|fought|battl|exchang|engag|skirmish)", re.I)
_PLAIN_AND = re.compile(r"^\W*(?:and|as well as)\W*(?:the\s+)?$", re.I)
# "is turning back families": an auxiliary before an -ing verb makes a progressive, not a
# passive; its subject is the agent. Applied to the types
# listed only: for all triggers it fixes some roles but moves one ACLED dev record's
# sub-event type (a storming read as an attack instead of a clash).
_PROGRESSIVE = re.compile(r"[a-z]+ing\b", re.I)
_PROGRESSIVE_TYPES = frozenset({"movement_control"})
# For gated_search: one of these words is in every match of the pattern named.
_BY_AGENT_WORDS = re.compile("by")
_PASSIVE_WORDS = re.compile("was|were|been|being|is|are|got")
_BACKING_WORDS = re.compile("backed|support|aided|assisted|joined")  # "support": -ed, "of"


# "an airstrike by X killed 12 Y": the verb after the agent takes actor2 as its object
_HIT_VERB = re.compile(
    r"\b(?:killed|killing|wounded|wounding|injured|injuring|targeted|targeting|hit|struck|"
    r"destroyed|ambushed|attacked)\s+(?:\w+\s+){0,3}$",
    re.I,
)


class Roles(NamedTuple):
    """The roles of one trigger (a NamedTuple: built for every trigger)."""

    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc: tuple[ActorMention, ...] = ()
    explicit: bool = False  # the agent was named with "by X"


def _subject_group(
    text: str, before: list[ActorMention]
) -> tuple[ActorMention | None, list[ActorMention]]:
    """Walk back from the actor nearest the trigger over "X and Y", "X backed by Y" links."""
    if not before:
        return None, []
    group = [before[-1]]
    for prev in reversed(before[:-1]):
        if not _linked(text[prev.end : group[0].start]):
            break
        group.insert(0, prev)
    return group[0], group[1:]


def _object_roles(
    text: str, folded: str, pos: int, after: list[ActorMention]
) -> tuple[ActorMention | None, list[ActorMention]]:
    """actor2 is the first actor after the trigger that is not a backer ("backed by X")."""
    actor2: ActorMention | None = None
    assoc: list[ActorMention] = []
    start = pos
    for a in after:
        if a.start - pos > 80:
            break  # too far to be governed by the trigger
        if gated_search(_BACKING, _BACKING_WORDS, text, folded, pos, a.start):
            assoc.append(a)
        elif actor2 is None and _is_object(text[start : a.start]):
            actor2 = a
        pos = a.end
    return actor2, assoc


def _is_object(gap: str) -> bool:
    """Whether an actor after the trigger is its object: close to it ("attacked the army",
    "clashed with Isis"), not set apart by a place or time ("near a QSD checkpoint")."""
    detach = list(_DETACH.finditer(gap))
    if not detach:
        return len(gap.split()) <= 8
    if _TARGET_OF.search(gap):
        return True
    target = list(_TARGET.finditer(gap))
    if not target:
        return False
    last = target[-1].start()
    # "at" both detaches ("at a checkpoint") and aims: it aims when it is the one
    # preposition after the things thrown or fired ("fired mortars and small arms at the
    # positions of", "pelted stones at police"), not "at least" nor "at a village".
    return last > detach[-1].start() or (
        last == detach[-1].start()
        and all(m.group()[0] == "," for m in detach[:-1])
        and not gap[last:].lower().startswith("at least")
    )


def _by_agent(text: str, folded: str, end: int, after: list[ActorMention]) -> ActorMention | None:
    for a in after[:2]:
        if (
            a.start - end <= 50
            and gated_search(_BY_AGENT, _BY_AGENT_WORDS, text, folded, end, a.start)
            and not _RELATIVE_BY.search(text[end : a.start])
        ):
            return a
    return None


def _passive_before(text: str, folded: str, lo: int, hi: int) -> bool:
    """ "were killed": a passive auxiliary right before ``hi``."""
    return gated_search(_PASSIVE, _PASSIVE_WORDS, text, folded, lo, hi)


def clean(roles: Roles) -> Roles:
    """No actor twice: drop actor2/assoc that repeat actor1 (same canonical id)."""
    if not roles.assoc and (roles.actor1 is None or roles.actor2 is None):
        return roles  # nothing can repeat (the common case)
    seen = {roles.actor1.canonical_id} if roles.actor1 else set()
    a2 = roles.actor2 if roles.actor2 and roles.actor2.canonical_id not in seen else None
    seen |= {a2.canonical_id} if a2 else set()
    assoc = []
    for a in roles.assoc:
        if a.canonical_id not in seen:
            seen.add(a.canonical_id)
            assoc.append(a)
    return Roles(roles.actor1, a2, tuple(assoc), roles.explicit)


def find_roles(
    text: str, folded: str, sent: Sentence, actors: Sequence[ActorMention], hit: Hit
) -> Roles:
    """actor1 / actor2 / assoc of the trigger ``hit`` from the actors of its sentence.

    ``folded`` is ``event_lexicon.fold(text)``. Monitors and NGOs ("the OSCE observed …")
    report events; they are never their agent.
    """
    before: list[ActorMention] = []
    after: list[ActorMention] = []
    for a in actors:
        # a named actor holding the trigger ("Coalition aircraft") is its agent too
        holds = a.start < hit.start < a.end and not a.canonical_id.endswith(":?")
        if (a.end <= hit.start or holds) and a.kind != "ngo":
            before.append(a)
        if a.start >= hit.end:
            after.append(a)
    agent = _by_agent(text, folded, hit.end, after) if after else None
    if agent is not None:
        rest = [a for a in after if a.start >= agent.end]
        a2, assoc = _object_roles(text, folded, agent.end, rest)
        gap = text[agent.end : a2.start] if a2 is not None else ""
        if a2 is not None and not _TARGET.search(gap) and not _HIT_VERB.search(gap):
            a2 = None  # "an attack by X on Y": a target preposition or a verb brings actor2
        if a2 is None and before:
            # "civilians were killed by X"; "police repelled an attack by X": the subject
            # met the agent's attack
            a2 = before[-1]
        return clean(Roles(agent, a2, tuple(assoc), True))
    if (
        before
        and not (hit.name in _PROGRESSIVE_TYPES and _PROGRESSIVE.match(text, hit.start))
        and _passive_before(text, folded, max(before[-1].end, hit.start - 30), hit.start)
    ):
        return clean(Roles(None, before[-1]))
    a1, assoc1 = _subject_group(text, before) if before else (None, [])
    if a1 is None and len(after) >= 2 and "between" in text[hit.end : after[0].start]:
        return clean(Roles(after[0], after[1]))
    a2, assoc2 = _object_roles(text, folded, hit.end, after) if after else (None, [])
    if (
        a1 is None
        and a2 is None
        and after
        and _CLAUSE_SUBJECT.search(text[hit.end : after[0].start])
    ):
        return _agents_after(text, after)
    if (
        a2 is None
        and len(assoc1) == 1
        and a1 is not None
        and _SYMMETRIC.match(text, hit.start)
        and _plain_and(text[a1.end : assoc1[0].start])
    ):
        return clean(Roles(a1, assoc1[0], tuple(assoc2)))  # "the NPA and the military engaged"
    return clean(Roles(a1, a2, tuple(assoc1 + assoc2)))


def _agents_after(text: str, after: list[ActorMention]) -> Roles:
    """A trigger with no actor before it and no object after it is told first, its agents
    after: "the fiercest fighting, as the army and militias, backed by US jets, push Isis
    out" -> actor1 army, assoc militias and US, actor2 Isis."""
    group = [after[0]]
    for nxt in after[1:]:
        if not _LINK.match(text[group[-1].end : nxt.start]):
            break
        group.append(nxt)
    rest = after[len(group) :]
    a2 = rest[0] if rest and rest[0].start - group[-1].end <= 60 else None
    return clean(Roles(group[0], a2, tuple(group[1:])))
