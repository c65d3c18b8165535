"""Events (stage ``events.v1``): trigger words → typed event mentions with roles.

One Aho-Corasick pass over the lower-cased document finds every trigger, context cue and
responsibility phrase of ``data/event_lexicon.json``; the rest is per-sentence rules:

1. *classify* each trigger: a specific trigger ("airstrike", "IED", "kidnapped") names its
   ACLED sub-type; a generic one ("attacked", "explosion", "arrested", "captured the town",
   "protest") is resolved from its context — the device cues in the sentence, who attacks
   whom (armed target → Battles, civilians → Violence against civilians, protesters or
   rioters as agents → Riots), state vs non-state agent for arrests and territory;
2. *roles*: actor1 is the agent (the subject group before an active trigger, or "by X"
   after it), actor2 the first actor after it (or the passive subject), assoc the co-agents
   joined by "and" / "backed by";
3. *merge* hits of one clause and type into one EventMention and attach place, date,
   figures, attribution and modality.

``main_event`` picks the one event a coded record (ACLED row, GTD incident) is about.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from fogofwar.extract import modality as mod
from fogofwar.extract.actors import with_country  # the actors stage owns naming
from fogofwar.extract.event_lexicon import (
    EventLexicon,
    EventType,
    Hit,
    fold,
    gated_search,
    load_event_lexicon,
)
from fogofwar.extract.event_roles import _PASSIVE, Roles, clean, find_roles
from fogofwar.extract.event_rules import ARMED, CROWD, Context, classify, kind_of
from fogofwar.extract.figures import SUBCOUNT
from fogofwar.extract.places import main_place, place_rank
from fogofwar.model import (
    ActorMention,
    AnnotatedDoc,
    Attribution,
    DateMention,
    EventActor,
    EventMention,
    Figure,
    Modality,
    PlaceMention,
    Sentence,
    build,
    evolve,
)

if TYPE_CHECKING:
    from fogofwar.resources import Resources

__all__ = ["EventLexicon", "find_events", "load_event_lexicon", "main_event", "run"]

STAGE = "events.v1"
# Internal hot-path records (_Cand, and Hit/Roles/Context in the helper modules) are
# NamedTuples: built tens of times per document, they cost a third of a frozen dataclass.
# Public records stay frozen dataclasses (model.py).

VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_FAMILY_RANK = {
    "Explosions/Remote violence": 0,
    "Violence against civilians": 1,
    "Battles": 1,
    "Riots": 2,
    "Protests": 2,
    "Strategic developments": 3,
}
_EXPLOSION_TYPES = frozenset(
    {"air_strike", "shelling", "suicide_bomb", "remote_explosive", "grenade"}
)
_ABSORBED_TYPES = frozenset(
    {"looting", "change_activity", "disrupted_weapons", "other_development", "base_established"}
)
# An armed party letting civilians leave or stopping them (Strategic developments: Other)
_MOVEMENT = "movement_control"
_CLOSE_RANGE = frozenset({"shelling", "grenade"})
_FIGURE_KINDS = {
    "displacement": frozenset({"displaced"}),
    "arrests": frozenset({"detained"}),
    "abduction": frozenset({"abducted", "detained", "killed", "injured"}),
}
_ABDUCTION = "Abduction/forced disappearance"
_RELATIVE_PASSIVE = re.compile(
    r"\bwho\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?$", re.I
)
# Fighters "arrested", "detained" or "captured" in a clash are taken in the fight, not
# hostages: the fight stays the record's event.
_HELD_IN_FIGHT = re.compile(r"(?:arrest|detain|detention|captur|custody)", re.I)
_DEFAULT_FIGURE_KINDS = frozenset({"killed", "injured"})
# Riot nouns that name earlier unrest ("after the riots in the capital"), not this event.
_BACKGROUND_NOUNS = frozenset({"riot", "riots", "unrest", "violent protests", "protests"})
# A bare "no"/"not" in a claim ("say NO to the war") denies nothing said before; a claimant's
# "did not" / "has not" does.
_BARE_NEGATORS = frozenset({"no", "nobody", "not", "nor", "without"})
_INCLUDING = re.compile(r"\b(?:including|among them|of whom|of them)\W*$", re.I)


class _Cand(NamedTuple):
    hit: Hit
    key: str
    roles: Roles
    clause: int
    modality: Modality
    attribution: Attribution | None


_TARGET_CUES = frozenset({"armed_target", "civ_target"})
_DENIAL_CUES = frozenset({"denied", "negated"})
_UNASSERTED = frozenset({"negated", "denied"})  # modalities that do not assert the event


class _SentHits(NamedTuple):
    """The lexicon hits of one sentence, split by kind once: every rule reads one kind."""

    triggers: Sequence[Hit]
    cues: Sequence[Hit]
    mods: Sequence[mod.Cue]  # modality cues as (name, start, end)
    denials: Sequence[Hit]  # "denied" / "negated" modality hits
    resp: Sequence[Hit]
    split: bool  # a contrastive word is present: the sentence may hold several clauses
    cue_names: frozenset[str]
    target: str | None  # the name of its first target cue (armed_target | civ_target)


_NO_HITS = _SentHits((), (), (), (), (), False, frozenset(), None)


def _sentence_hits(hits: Iterable[Hit], end: int) -> _SentHits | None:
    """Split the hits of a sentence ending at ``end`` by kind in one pass (in text order
    within each kind); None if every hit runs past the sentence's end."""
    triggers: list[Hit] = []
    cues: list[Hit] = []
    mods: list[mod.Cue] = []
    denials: list[Hit] = []
    resp: list[Hit] = []
    cue_names: set[str] = set()
    split = False
    target = None
    for h in hits:
        if h.end > end:
            continue
        kind = h.kind
        if kind == "trigger":
            triggers.append(h)
        elif kind == "cue":
            cues.append(h)
            cue_names.add(h.name)
            if target is None and h.name in _TARGET_CUES:
                target = h.name
        elif kind == "mod":
            mods.append((h.name, h.start, h.end))
            if h.name in _DENIAL_CUES:
                denials.append(h)
        elif kind == "resp":
            resp.append(h)
        elif kind == "clause":
            split = True
    if not (triggers or cues or mods or resp or split):
        return None
    names = frozenset(cue_names) if cue_names else _NO_HITS.cue_names
    return _SentHits(triggers, cues, mods, denials, resp, split, names, target)


@dataclass
class _Doc:
    """Per-document indexes built once: mentions grouped by sentence, the fall-backs.

    Every ``Mapping[int, ...]`` is keyed by sentence index and holds only the sentences
    that have such mentions, in text order.
    """

    ad: AnnotatedDoc
    lex: EventLexicon
    text: str
    folded: str  # event_lexicon.fold(text), for gated_search
    hits: Mapping[int, _SentHits]
    actors: Mapping[int, tuple[ActorMention, ...]]
    places: Mapping[int, tuple[PlaceMention, ...]]
    dates: Mapping[int, tuple[DateMention, ...]]  # without the dates of an aftermath
    figures: Mapping[int, tuple[Figure, ...]]
    subcounts: Mapping[int, tuple[Figure, ...]]  # the sub-count figures of each sentence
    attributions: Mapping[int, tuple[Attribution, ...]]
    dated: tuple[int, ...]  # indexes of sentences with a date, ascending
    responsible: ActorMention | None

    @cached_property
    def all_dates(self) -> Mapping[int, tuple[DateMention, ...]]:
        """Every date, in the dates stage's order (read only for dated sub-counts)."""
        return _group_by_sentence(self.ad.dates, ordered=False)

    @cached_property
    def main_place(self) -> PlaceMention | None:
        """The document's main place: ranked only when an event's sentence names none."""
        return _main_place(self.ad) if self.ad.places else None

    @cached_property
    def place_rank(self) -> Callable[[PlaceMention], tuple[int, ...]]:
        """The places stage's ranking of this document's places (built when first needed)."""
        return place_rank(self.ad)  # the places stage owns the choice


_BY_SENTENCE = attrgetter("sentence")
_BY_SENTENCE_START = attrgetter("sentence", "start")


def _group_by_sentence(items: Iterable[Any], *, ordered: bool = True) -> dict[int, tuple[Any, ...]]:
    """Items grouped by sentence index, each group by start offset (stable) when ``ordered``,
    else in the given order."""
    key = _BY_SENTENCE_START if ordered else _BY_SENTENCE
    return {k: tuple(g) for k, g in groupby(sorted(items, key=key), key=_BY_SENTENCE)}


_BY_START = attrgetter("start")


def _hits_by_sentence(sentences: Sequence[Sentence], hits: list[Hit]) -> dict[int, _SentHits]:
    """The hits inside each sentence (sentences.v1 gives them in text order, disjoint):
    each sentence takes the run of start-sorted hits that begin in it, found by bisection."""
    hits = sorted(hits, key=_BY_START)
    starts = [h.start for h in hits]
    out: dict[int, _SentHits] = {}
    hi = 0
    for s in sentences:
        lo = bisect.bisect_left(starts, s.start, hi)
        hi = bisect.bisect_left(starts, s.end, lo)
        if lo < hi:
            sh = _sentence_hits(hits[lo:hi], s.end)
            if sh is not None:
                out[s.index] = sh
    return out


def _responsible(
    hits: Mapping[int, _SentHits], actors: Mapping[int, tuple[ActorMention, ...]]
) -> ActorMention | None:
    """The group a document says did it: "X claimed responsibility", "sources attributed
    the attack to X" (GTD phrasing). "No group claimed responsibility" names nobody."""
    for idx, sent_hits in hits.items():
        if not sent_hits.resp:
            continue
        acts = [a for a in actors.get(idx, ()) if a.kind in ARMED]
        for h in sent_hits.resp:
            if h.name == "claim_before":
                cands = [a for a in acts if a.end <= h.start and h.start - a.end <= 40]
                found = cands[-1] if cands else None
            else:
                # "attributed the attack to the Heroes front of the ELN": the group may
                # follow a unit's name; other phrases ("blamed") name it at once
                reach = 100 if h.end - h.start > 20 else 30
                found = next((a for a in acts if 0 <= a.start - h.end <= reach), None)
            if found is not None:
                return found
    return None


def _main_place(ad: AnnotatedDoc) -> PlaceMention | None:
    return main_place(ad)  # the places stage owns the choice


# "abducted … and released on March 18", "occupied the area until at least April 21": the
# date of a later state, never of the event itself.
_AFTERMATH = re.compile(
    r"\b(?:released|freed|rescued|returned|until|till|later)\b(?:\s+(?:at\s+least|on|in))?\s*$",
    re.I,
)
_AFTERMATH_WORDS = re.compile("released|freed|rescued|returned|til|later")  # "til": until, till


def _index(ad: AnnotatedDoc, lex: EventLexicon) -> _Doc:
    text = ad.doc.text
    folded = fold(text)
    hits = _hits_by_sentence(ad.sentences, _drop_grievance_arrests(text, lex.scan(text)))
    actors = _group_by_sentence(ad.actors)
    dates = _group_by_sentence(x for x in ad.dates if not _aftermath(text, folded, x.start))
    subcounts = [f for f in ad.figures if f.qualifier == SUBCOUNT]
    return _Doc(
        ad=ad,
        lex=lex,
        text=text,
        folded=folded,
        hits=hits,
        actors=actors,
        places=_group_by_sentence(ad.places),
        dates=dates,
        figures=_group_by_sentence(ad.figures),
        subcounts=_group_by_sentence(subcounts) if subcounts else {},
        attributions=_group_by_sentence(ad.attributions),
        dated=tuple(sorted(dates)),
        responsible=_responsible(hits, actors),
    )


# "He was arrested in connection with ...": one person's arrest told after a protest is
# its grievance, not the police's answer to the crowd.
_ONE_PERSON_HELD = re.compile(r"\b(?:he|she|who)\s+(?:was|had\s+been|has\s+been)\s+$", re.I)
_HELD_WORDS = frozenset({"arrested", "detained"})


def _drop_grievance_arrests(text: str, hits: list[Hit]) -> list[Hit]:
    return [
        h
        for h in hits
        if not (
            h.name == "intervention"
            and text[h.start : h.end].lower() in _HELD_WORDS
            and _ONE_PERSON_HELD.search(text, max(0, h.start - 20), h.start)
        )
    ]


def _aftermath(text: str, folded: str, date_start: int) -> bool:
    """Whether the date at ``date_start`` dates a later state ("released on March 18")."""
    lo = max(0, date_start - 30)
    return gated_search(_AFTERMATH, _AFTERMATH_WORDS, text, folded, lo, date_start)


def _place(d: _Doc, idx: int) -> PlaceMention | None:
    """The best place named in the sentence by the document's place ranking (the country
    the document is about first, then the finest feature), else the document's main place."""
    here = d.places.get(idx, ())
    if len(here) <= 1:
        return here[0] if here else d.main_place
    return min(here, key=d.place_rank)


def _date(d: _Doc, idx: int) -> DateMention | None:
    """The sentence's date, else the last dated sentence before it, else the first date."""
    if not d.dated:
        return None
    i = bisect.bisect_right(d.dated, idx) - 1
    return d.dates[d.dated[i] if i >= 0 else d.dated[0]][0]


def _previous_party(d: _Doc, idx: int) -> ActorMention | None:
    """ "The Military Police carried out an operation. A shoot-out broke out.": a fight told
    with no party at all takes the armed subject of the sentence just before it."""
    if any(a.kind != "civilians" for a in d.actors.get(idx, ())):
        return (
            None  # the sentence names a party of its own: no borrowing (its victims do not count)
        )
    armed = [a for a in d.actors.get(idx - 1, ()) if a.kind in ARMED]
    return armed[0] if armed else None


def _with_country(actor: ActorMention, place: PlaceMention | None) -> ActorMention:
    """Give a generic actor ("protesters:?") the country of the event's place."""
    if place is None or not place.country_code or not actor.canonical_id.endswith(":?"):
        return actor
    return with_country(actor, place.country_code, place.country or place.country_code)


def _crowd(d: _Doc, sent: Sentence, hit: Hit, kind: str) -> ActorMention:
    """A generic crowd (or civilians) actor on the trigger span, for "dozens demonstrated"
    with no noun."""
    return ActorMention(
        doc_id=d.ad.doc.id,
        start=hit.start,
        end=hit.end,
        text=d.text[hit.start : hit.end],
        sentence=sent.index,
        canonical_id=f"{kind}:?",
        name=kind.capitalize(),
        kind=kind,  # type: ignore[arg-type]
        country=None,
        stage=STAGE,
    )


def _crowd_roles(d: _Doc, sent: Sentence, hit: Hit, roles: Roles, et: EventType) -> Roles:
    """Protests and riots are coded with the crowd as actor1 and whoever meets it as actor2."""
    crowd_kind = "protesters" if et.event_type == "Protests" else "rioters"
    actors = [a for a in (roles.actor1, roles.actor2, *roles.assoc) if a is not None]
    crowd = next((a for a in actors if a.kind in CROWD), None)
    if (
        crowd is None
        and kind_of(roles.actor1) == "civilians"
        and any(a.kind not in CROWD and a.kind != "civilians" for a in actors[1:])
    ):
        # "labourers pelted stones at police": the civilians who riot are the crowd, the
        # police they meet actor2 (civilians met by civilians stay actor2: mob violence)
        crowd = roles.actor1
        actors = actors[1:]
    if crowd is None or crowd.kind != crowd_kind:
        crowd = _crowd(d, sent, crowd or hit, crowd_kind)  # type: ignore[arg-type]
    others = [a for a in actors if a.kind not in CROWD]
    if not others and et.sub_event_type in _MET_BY_FORCE:
        # "Teachers held a sit-in. Police dispersed them.": the force that meets the crowd
        # is often named a sentence later
        met = _forces_after(d, sent.index)
        others = [met] if met is not None else []
    return Roles(crowd, others[0] if others else None, tuple(others[1:]), roles.explicit)


_MET_BY_FORCE = frozenset(
    {
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
        "Mob violence",
    }
)


def _forces_after(d: _Doc, idx: int) -> ActorMention | None:
    """The first state force named in the two sentences after ``idx``."""
    for i in (idx + 1, idx + 2):
        for a in d.actors.get(i, ()):
            if a.kind == "state":
                return a
    return None


def _final_roles(d: _Doc, sent: Sentence, cands: Sequence[_Cand], et: EventType) -> Roles:
    first = cands[0]
    if len(cands) == 1:  # most groups: no choice to make between triggers
        roles = first.roles
        a2 = roles.actor2
        victims: Collection[str] = (a2.canonical_id,) if a2 is not None else ()
    else:
        roles = next((c.roles for c in cands if c.roles.explicit), None)
        roles = roles or next((c.roles for c in cands if c.roles.actor1), first.roles)
        victims = {c.roles.actor2.canonical_id for c in cands if c.roles.actor2 is not None}
    if roles.actor1 is not None and roles.actor1.canonical_id in victims:
        # "a policeman was killed when a bomb detonated": the victim of one trigger is
        # not the agent of the other
        roles = Roles(None, roles.actor1, roles.assoc, roles.explicit)
    if et.event_type in ("Protests", "Riots"):
        return _crowd_roles(d, sent, first.hit, roles, et)
    violent = et.event_type in VIOLENT_TYPES
    if (violent or et.key == _MOVEMENT) and kind_of(roles.actor1) == "civilians":
        # "civilians were shot …" read as a subject: civilians are the target, never the agent;
        # "residents may leave": the people let go or held are the object of the control
        roles = clean(Roles(None, roles.actor2 or roles.actor1, roles.assoc, roles.explicit))
    a1 = roles.actor1
    generic = a1 is None or (a1.canonical_id.endswith(":?") and a1.kind != "state")
    if d.responsible is not None and violent and generic:
        return clean(Roles(d.responsible, roles.actor2, roles.assoc, True))
    return roles


# Events and their actors are built with model.build: their frozen dataclasses' __init__
# took 7% of this stage's interpreted instructions.


def _event_actors(roles: Roles, place: PlaceMention | None) -> tuple[EventActor, ...]:
    out = []
    if roles.actor1 is not None:
        out.append(build(EventActor, role="actor1", actor=_with_country(roles.actor1, place)))
    if roles.actor2 is not None:
        out.append(build(EventActor, role="actor2", actor=_with_country(roles.actor2, place)))
    for a in roles.assoc:
        out.append(build(EventActor, role="assoc", actor=_with_country(a, place)))
    return tuple(out)


def _figures(figs: Sequence[Figure], key: str, taken: set[int]) -> tuple[Figure, ...]:
    if not figs:
        return ()
    kinds = _FIGURE_KINDS.get(key, _DEFAULT_FIGURE_KINDS)
    out = [f for f in figs if f.kind in kinds and f.start not in taken and f.qualifier != SUBCOUNT]
    for f in out:
        taken.add(f.start)
    return tuple(out)


def _attribution(
    d: _Doc, sent: Sentence, spans: Sequence[tuple[int, int]], clause: int
) -> Attribution | None:
    here = d.attributions.get(sent.index, ())
    if not here:
        return None
    lo, hi = spans[clause]
    for a in here:
        if lo <= a.start - sent.start < hi:
            return a
    return here[0]


def _window_names(d: _Doc, idx: int) -> frozenset[str]:
    """Cue names of a sentence and the two after it: a protest's "police dispersed them"
    often comes one sentence later."""
    get = d.hits.get
    return (
        get(idx, _NO_HITS).cue_names
        | get(idx + 1, _NO_HITS).cue_names
        | get(idx + 2, _NO_HITS).cue_names
    )


_NOT_AN_EVENT = re.compile(
    # support, not an event: "backed by US airstrikes"
    r"(?:\b(?:backed|supported|aided|assisted|covered)\s+(?:up\s+)?by\b[^.;,\u2013\u2014]{0,40}"
    r"|\bsince\s+(?:the\s+)?|\bresponsibility\s+for\s+(?:the\s+)?"
    # what people flee: "men escaping the fighting" tells of the flight, not of a fight
    r"|\b(?:escap(?:e|es|ed|ing)|flee|flees|fleeing|fled)\s+(?:from\s+)?(?:the\s+)?"
    r"(?:[\w-]+\s+)?"
    # "have fled since Iraqi forces launched their assault": the start of a campaign told
    # as the time since which something else happened
    r"|\bsince\s+(?:[\w'-]+\s+){1,3}(?:launched|began|started|mounted)\s+"
    r"(?:(?:the|their|its|an?)\s+)?(?:[\w-]+\s+)?"
    # the grievance of a protest: "protested against the killing of a man"
    r"|\b(?:against|over|condemning|denouncing|decrying|protesting)\s+the\s+(?:[\w-]+\s+)?"
    # the state of a war, not an incident: "called for a pause in the fighting", "rebuild
    # once the fighting ends"
    r"|\b(?:pause|halt|lull|end|truce|ceasefire|cease-fire|respite)\s+(?:in|to|of)\s+"
    r"(?:the\s+)?(?:[\w-]+\s+)?|\b(?:once|until|till)\s+the\s+(?:[\w-]+\s+)?"
    # a campaign named as what others take part in or back: "parties to the fighting",
    # "countries supporting the offensive"; one told as past background: "earlier fighting"
    r"|\b(?:part(?:y|ies)\s+to|supporting|support\s+for|backing)\s+(?:the\s+)?(?:[\w-]+\s+)?"
    r"|\b(?:earlier|previous|past|former)\s+)$",
    re.I,
)
# One of these is in every match of _NOT_AN_EVENT (for gated_search).
_NOT_AN_EVENT_WORDS = re.compile(
    "backed|supported|aided|assisted|covered|since|responsibility|escap|flee|fled"
    "|against|over|condemning|denouncing|decrying|protesting"
    r"|pause|halt|lull|end\s|truce|cease|respite|once|until|till"
    r"|party|parties|support|backing|earlier|previous|past\s|former"
)


# "the fees demanded by smugglers", "demanded a ransom": a demand that is no protest's
_NOT_A_DEMAND = re.compile(r"\s+(?:by\b|that\b|(?:a\s+|the\s+)?ransom\b)", re.I)
_TARGET_OF = re.compile(r"\s+of\b", re.I)
# "the next target is Mosul": the noun names an aim; "targeted" is the attack
_AIM_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|next|main|ultimate|primary|key|prime|legitimate)\s+$", re.I
)
_TARGET_NOUNS = frozenset({"target", "targets"})

_SUPPORT_WEAPONS = frozenset({"air_strike", "shelling"})
_SUPPORT_LIST = re.compile(r"\b(?:backed|supported|covered)\s+(?:up\s+)?by\b[^.;]{0,50}$", re.I)


# An aircraft named as the trigger is a strike only if it does not just drop paper or aid.
_PLATFORM = re.compile(
    r"(?:war\s?planes?|aircraft|jets?|fighter jets?|helicopters?|drones?|planes?)", re.I
)
_NON_ATTACK_DROP = re.compile(
    r"\b(?:leaflets?|pamphlets?|flyers?|fliers?|airdrops? of (?:aid|food))\b", re.I
)
_AIM = re.compile(r"\bto\s+$")
# "it has gathered credible accounts": gathering what is said, not a gathering of people.
_GATHERED_WORDS = re.compile(
    r"\s+(?:\w+\s+)?(?:accounts|evidence|information|testimon(?:y|ies)|data|reports|"
    r"statements|details|intelligence)\b",
    re.I,
)
# "announced the start of operations to liberate Mosul": the announcement tells of another
# event of the sentence; it is no development of its own.
_ANNOUNCES_EVENT = re.compile(
    r"\s+(?:that\s+)?(?:the\s+)?(?:start|launch|beginning|opening|operations?|offensive|"
    r"battle|campaign|assault)\b",
    re.I,
)
# A trigger word that only qualifies the noun after it names no event: "Daesh fighting
# positions", "aircraft tracks", "a bomb factory", "the fighting season".
_QUALIFIED = re.compile(
    r"[ -](?:positions?|tracks|logs|records|data|factory|factories|workshops?|hangars?|"
    r"capabilit(?:y|ies)|season)\b",
    re.I,
)


@lru_cache(maxsize=1024)  # keyed by trigger words (a closed set, up to case)
def _is_platform(trigger: str) -> bool:
    return _PLATFORM.fullmatch(trigger) is not None


def _real_triggers(d: _Doc, sent: Sentence, sh: _SentHits) -> list[Hit]:
    """Triggers that state an event. Not: backing ("backed by US airstrikes"), references
    to an event told elsewhere ("since the offensive", "responsibility for the attack"),
    responsibility phrases, or an aim ("an offensive to retake X" has not retaken it)."""
    text = d.text
    resp = sh.resp
    names = d.actors.get(sent.index, ())
    out = []
    for h in sh.triggers:
        if names and _in_name(h, names, text):
            continue  # "Accord" in "Government of National Accord"
        lo = max(sent.start, h.start - 60)  # the 60 characters before the trigger
        if (resp and any(r.start <= h.start < r.end for r in resp)) or gated_search(
            _NOT_AN_EVENT, _NOT_AN_EVENT_WORDS, text, d.folded, lo, h.start
        ):
            continue
        if h.name in _SUPPORT_WEAPONS and _SUPPORT_LIST.search(text[lo : h.start]):
            continue  # "backed up by US, Australian and British airstrikes"
        if h.name == "territory" and _AIM.search(text[lo : h.start]):
            continue
        if _QUALIFIED.match(text, h.end):
            continue  # "aircraft tracks", "fighting positions"
        if h.name == "other_development" and _ANNOUNCES_EVENT.match(text, h.end):
            continue
        if h.name == "protest" and (
            _GATHERED_WORDS.match(text, h.end)
            or (
                text[h.start : h.start + 6].lower() == "demand" and _NOT_A_DEMAND.match(text, h.end)
            )
        ):
            continue
        if text[h.start : h.end].lower() in _TARGET_NOUNS and (
            _TARGET_OF.match(text, h.end) or _AIM_BEFORE.search(text, lo, h.start)
        ):
            continue  # "Mosul is the ultimate target of the campaign": an aim, not an attack
        if _is_platform(text[h.start : h.end]) and _NON_ATTACK_DROP.search(sent.text):
            continue  # "warplanes dropped leaflets over Raqqa" is a warning, not a strike
        out.append(h)
    return out


_PEOPLE_KINDS = frozenset({"protesters", "rioters", "civilians"})


def _in_name(h: Hit, actors: Sequence[ActorMention], text: str) -> bool:
    """Whether a trigger lies inside a named actor ("Popular Mobilisation Forces"); a
    platform that ends the mention still acts ("Coalition aircraft struck"), and a generic
    or crowd mention ("unidentified gunmen", "the rioters") is its own trigger's party."""
    for a in actors:
        if a.start <= h.start and h.end <= a.end:
            if a.canonical_id.endswith(":?") or a.kind in _PEOPLE_KINDS:
                return False  # "gunmen", "rioters", "refugees": the word is the event's party
            return not (h.end == a.end and _is_platform(text[h.start : h.end]))
    return False


def _later_riot(d: _Doc, idx: int) -> bool:
    """ "Prisoners demonstrated. The inmates burnt documents.": rioting told one sentence
    on by the crowd itself (a sentence naming a state force may tell of its reaction)."""
    if "riot" not in d.hits.get(idx + 1, _NO_HITS).cue_names:
        return False
    return not any(a.kind == "state" for a in d.actors.get(idx + 1, ()))


def _later_target(d: _Doc, idx: int) -> str | None:
    """ "Militants attacked X. Two civilians were killed." tells the target one sentence on."""
    get = d.hits.get
    return get(idx + 1, _NO_HITS).target or get(idx + 2, _NO_HITS).target


_SELF_CLAIM = re.compile(r"\s+to\s+have\b", re.I)


def _inside(offset: int, spans: Iterable[Attribution]) -> bool:
    for s in spans:
        if s.start <= offset < s.end:
            return True
    return False


def _candidates(
    d: _Doc, sent: Sentence, sh: _SentHits, spans: Sequence[tuple[int, int]]
) -> list[_Cand]:
    triggers = _real_triggers(d, sent, sh)
    if not triggers:
        return []
    idx = sent.index
    text = d.text
    ctx = Context(
        text=text,
        cues=sh.cues,
        names=sh.cue_names,
        window=_window_names(d, idx),
        triggers=triggers,
        places=d.places.get(idx, ()),
        later_target=_later_target(d, idx),
        later_riot=_later_riot(d, idx),
    )
    # The claimant of "HRW said" is a source, not a party to the event.
    claims = d.attributions.get(idx, ())
    acts = d.actors.get(idx, ())
    if claims:
        # ... unless it claims its own deed: "X claimed to have fired on Y"
        own = [c for c in claims if _SELF_CLAIM.match(text, c.end)]
        acts = [a for a in acts if not _inside(a.start, claims) or _inside(a.start, own)]
    # The clause, attribution and span of each clause, computed once per clause.
    clause_info: dict[int, tuple[Attribution | None, tuple[int, int]]] = {}
    out = []
    for h in triggers:
        roles = find_roles(text, d.folded, sent, acts, h)
        clause = mod.clause_index(spans, h.start - sent.start) if len(spans) > 1 else 0
        info = clause_info.get(clause)
        if info is None:
            lo, hi = spans[clause]
            info = (_attribution(d, sent, spans, clause), (sent.start + lo, sent.start + hi))
            clause_info[clause] = info
        att, where = info
        modality = mod.decide(
            text, sh.mods, h.start, where, attributed=att is not None, trigger_end=h.end
        )
        key = classify(h, roles, ctx, d.lex)
        out.append(_Cand(h, key, roles, clause, modality, att))
    return _absorb(out, d.lex, ctx.names)


def _absorb(cands: list[_Cand], lex: EventLexicon, names: frozenset[str]) -> list[_Cand]:
    """Fold generic hits into the specific event of their sentence: "an airstrike killed 5"
    is one air strike, a clash "involving heavy artillery" one clash, "the blast destroyed
    shops" one bombing; all attack/kill words of a sentence share the first one's type."""
    clash = violence = None  # the type of the first clash / violence trigger
    aimed = False  # whether ``violence`` came from a trigger with a named target
    explosive: set[str] = set()
    close_range = False
    for c in cands:
        name, key = c.hit.name, c.key
        if name == "clash" and clash is None:
            clash = key
        elif name == "violence" and (violence is None or (not aimed and c.roles.actor2)):
            # the first violence word that names its target decides ("gunmen killed two
            # members of the SDF": the killing of fighters, not the word "gunmen")
            violence, aimed = key, c.roles.actor2 is not None
        if key in _EXPLOSION_TYPES:
            explosive.add(key)
            close_range = close_range or key in _CLOSE_RANGE
    # A fire fight: a clash trigger, or artillery/grenades used together with small arms
    # (ACLED codes those as Battles).
    if clash is None and close_range and "small_arms" in names:
        clash = "armed_clash"
    melee = clash == "armed_clash"
    if melee:
        explosive -= _CLOSE_RANGE
    if explosive:
        device: str | None = min(explosive)
    else:  # "the air force targeted positions"
        device = "air_strike" if "air" in names and not melee else None
    out = []
    violent = absorbed = False
    for c in cands:
        key = c.key
        if c.hit.name == "violence":
            key = device or clash or violence or key
        elif melee and (key in _CLOSE_RANGE or c.hit.name == "explosion"):
            key = "armed_clash"
        out.append(c if key == c.key else c._replace(key=key))
        violent = violent or lex.types[key].event_type in VIOLENT_TYPES
        absorbed = absorbed or key in _ABSORBED_TYPES
    if violent and absorbed:
        return _defused([c for c in out if c.key not in _ABSORBED_TYPES], cands)
    return out


_STATE_KINDS = frozenset({"state", "external"})


def _defused(kept: list[_Cand], cands: list[_Cand]) -> list[_Cand]:
    """ "Security forces defused an IED": the forces that defuse or intercept a device did
    not plant or launch it. The device's event loses them as its agent (the group a
    responsibility phrase names, or nobody, takes the place)."""
    defusers = {
        c.roles.actor1.start
        for c in cands
        if c.key == "disrupted_weapons"
        and c.roles.actor1 is not None
        and c.roles.actor1.kind in _STATE_KINDS
    }
    if not defusers:
        return kept
    out = []
    for c in kept:
        a1 = c.roles.actor1
        if c.key in _EXPLOSION_TYPES and a1 is not None and a1.start in defusers:
            c = c._replace(roles=Roles(None, c.roles.actor2, c.roles.assoc))
        out.append(c)
    return out


def _group(cands: list[_Cand]) -> list[list[_Cand]]:
    if len(cands) <= 1:
        return [cands] if cands else []
    groups: dict[tuple[int, str], list[_Cand]] = {}
    for c in cands:
        groups.setdefault((c.clause, c.key), []).append(c)
    return sorted(groups.values(), key=lambda g: g[0].hit.start)


def _build(
    d: _Doc,
    sent: Sentence,
    n: int,
    cands: Sequence[_Cand],
    taken: set[int],
    place: PlaceMention | None,
) -> EventMention:
    first = cands[0]
    et = d.lex.types[first.key]
    roles = _final_roles(d, sent, cands, et)
    if (
        roles.actor1 is None
        and (roles.actor2 is None or roles.actor2.kind == "civilians")
        and et.event_type in VIOLENT_TYPES
    ):
        # "Two villagers were shot dead." after a sentence naming the armed group
        roles = roles._replace(actor1=_previous_party(d, sent.index))
    if (
        roles.actor2 is None
        and et.event_type == "Violence against civilians"
        and (roles.actor1 is not None or d.hits[sent.index].target == "civ_target")
    ):
        # the type says who was hit: "a man was shot dead" -> Civilians (ACLED's coding)
        roles = roles._replace(actor2=_crowd(d, sent, first.hit, "civilians"))
    # A clause is negated only when every trigger of the group is; one asserted
    # trigger ("no one was killed, but the bomb exploded") keeps it reported.
    modality = first.modality
    if modality in _UNASSERTED and len(cands) > 1:
        modality = next((c.modality for c in cands if c.modality not in _UNASSERTED), modality)
    start, end = first.hit.start, first.hit.end
    return build(
        EventMention,
        id=f"{d.ad.doc.id}:{sent.index}:{n}",
        doc_id=d.ad.doc.id,
        start=start,
        end=end,
        text=d.text[start:end],
        sentence=sent.index,
        sentence_text=sent.text,
        plover_type=et.plover,
        event_type=et.event_type,
        sub_event_type=et.sub_event_type,
        actors=_event_actors(roles, place),
        place=place,
        date=_date(d, sent.index),
        figures=_figures(d.figures.get(sent.index, ()), first.key, taken),
        attribution=first.attribution,
        modality=modality,
        stage=STAGE,
    )


def _denial_echo(
    d: _Doc,
    sent: Sentence,
    n: int,
    prev: EventMention,
    spans: Sequence[tuple[int, int]],
    busy: set[int],
) -> EventMention | None:
    """A clause that denies what the previous clause asserted, without repeating the trigger
    ("…, while others denied it") becomes a denied copy of that event: both claims stay."""
    if prev.modality in ("denied", "negated"):
        return None
    for cue in d.hits[sent.index].denials:
        i = mod.clause_index(spans, cue.start - sent.start)
        att = _attribution(d, sent, spans, i)
        # "No casualties were reported" negates nothing said before; a claimant's "did
        # not" ("others said it did not happen") does.
        neg_word = d.text[cue.start : cue.end].lower()
        if i in busy or (cue.name == "negated" and (att is None or neg_word in _BARE_NEGATORS)):
            continue
        return replace(
            prev,
            id=f"{d.ad.doc.id}:{sent.index}:{n}",
            start=cue.start,
            end=cue.end,
            text=d.text[cue.start : cue.end],
            sentence=sent.index,
            sentence_text=sent.text,
            figures=(),
            attribution=att,
            modality="denied",
        )
    return None


def _sentence_events(
    d: _Doc, sent: Sentence, sh: _SentHits, prev: EventMention | None
) -> list[EventMention]:
    if not sh.triggers and not sh.denials:
        return []  # no trigger and no denial cue: nothing to build or echo
    # Most sentences are one clause; split only when a contrastive word is present.
    spans = mod.clauses(sent.text) if sh.split else [(0, len(sent.text))]
    groups = _group(_candidates(d, sent, sh, spans))
    events: list[EventMention] = []
    if groups:
        taken: set[int] = set()
        place = _place(d, sent.index)
        events = [_build(d, sent, n, g, taken, place) for n, g in enumerate(groups)]
        if sent.index in d.subcounts:
            events += _dated_subcounts(d, sent, events)
    last = events[-1] if events else prev
    if sh.denials and last is not None and (last.sentence >= sent.index - 1):
        busy = {g[0].clause for g in groups}
        echo = _denial_echo(d, sent, len(events), last, spans, busy)
        if echo is not None:
            events.append(echo)
    return events


def _dated_subcounts(d: _Doc, sent: Sentence, events: Sequence[EventMention]) -> list[EventMention]:
    """A sub-count with its own date is an incident of its own: "1,206 killed since 2014,
    including 7 members of one family last week" -> a second event, dated last week, with
    the 7. Undated sub-counts ("including 3 children") stay inside their event."""
    out: list[EventMention] = []
    dates = d.all_dates.get(sent.index, ())
    for f in d.subcounts.get(sent.index, ()):
        host = [e for e in events if e.start < f.start]
        # the date belongs to the sub-count: inside its phrase or right after it
        own = [x for x in dates if f.start < x.start and _adjacent(d.text, f.end, x.start)]
        if not host or not own:
            continue
        out.append(
            replace(
                host[-1],
                id=f"{d.ad.doc.id}:{sent.index}:{len(events) + len(out)}",
                figures=(f,),
                date=own[0],
            )
        )
    return out


def _adjacent(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return start <= end or (len(gap) <= 40 and not re.search(r"[,;.()]", gap))


def find_events(ad: AnnotatedDoc, *, lex: EventLexicon) -> list[EventMention]:
    """Every event mention of the document, in text order (the pure ``match`` step)."""
    d = _index(ad, lex)
    out: list[EventMention] = []
    for sent in ad.sentences:
        sh = d.hits.get(sent.index)
        if sh is not None:  # a sentence with no lexicon hit has no event
            out.extend(_sentence_events(d, sent, sh, out[-1] if out else None))
    return out


def run(ad: AnnotatedDoc, *, res: Resources) -> AnnotatedDoc:
    """Stage entry point: assign ``events``."""
    return evolve(ad, events=tuple(find_events(ad, lex=res.lexicon)))


# --------------------------------------------------------------------------- main event


def _rank(e: EventMention) -> int:
    if e.sub_event_type == "Displacement":
        return 4
    return _FAMILY_RANK.get(e.event_type, 3)


def _protest_upgrade(main: EventMention, events: Sequence[EventMention]) -> EventMention:
    """A protest record takes the most severe protest/riot coding of its sentences."""
    family = [main] + [
        e
        for e in events
        if e.event_type in ("Protests", "Riots")
        and e.sentence <= main.sentence + 1
        and e.text.lower() not in _BACKGROUND_NOUNS
    ]
    order = [
        "Violent demonstration",
        "Mob violence",
        "Excessive force against protesters",
        "Protest with intervention",
        "Peaceful protest",
    ]
    best = min(
        family, key=lambda e: order.index(e.sub_event_type) if e.sub_event_type in order else 9
    )
    if order.index(best.sub_event_type) >= order.index(main.sub_event_type):
        return main
    return replace(
        main,
        event_type=best.event_type,
        sub_event_type=best.sub_event_type,
        plover_type=best.plover_type,
        # protesters who turn violent are coded as rioters: take the riot's crowd actor
        actors=best.actors if best.event_type != main.event_type else main.actors,
    )


# "Four soldiers were killed in the attack": a casualty sentence that points back at the
# event told before it adds its figures to that event, whatever its own trigger's type.
_BACK_REFERENCE = re.compile(
    r"\b(?:in|during|by|from)\s+the\s+(?:attack|attacks|blast|blasts|explosion|explosions|"
    r"incident|bombing|assault|ambush|raid|strike|airstrike|clash|clashes|fighting|shooting|"
    r"violence|firing|exchange|shelling)\b",
    re.I,
)


def _record_figures(
    ad: AnnotatedDoc, main: EventMention, events: Sequence[EventMention]
) -> tuple[Figure, ...]:
    """The main event's figures plus casualty figures of the other sentences about it
    (sentences with no event of another family), minus sub-counts ("including 3 children")."""
    other = {
        e.sentence
        for e in events
        if _rank(e) != _rank(main)
        and e.sentence != main.sentence
        and not _BACK_REFERENCE.search(e.sentence_text)
    }
    kinds = {f.kind for f in main.figures} | set(_DEFAULT_FIGURE_KINDS)
    text = ad.doc.text
    seen: set[tuple[int, int]] = set()
    out: list[Figure] = []
    for f in sorted((*main.figures, *ad.figures), key=lambda f: f.start):
        if (f.start, f.end) in seen or f.kind not in kinds or f.sentence in other:
            continue
        if f.qualifier == SUBCOUNT:
            continue
        if f.sentence != main.sentence and _INCLUDING.search(text[max(0, f.start - 20) : f.start]):
            continue
        seen.add((f.start, f.end))
        out.append(f)
    return tuple(out)


def _backstory(text: str, e: EventMention) -> bool:
    """A passive violent verb in a lead sentence is often the reason for the event, not the
    event: "families whose sons were kidnapped held a sit-in", "a protester was killed
    when police fired on the march" (coded as the protest, with excessive force)."""
    if e.event_type not in VIOLENT_TYPES:
        return False
    return (
        bool(_PASSIVE.search(text[max(0, e.start - 30) : e.start]))
        or text[e.end : e.end + 4].lower() == " by "
    )


def main_event(ad: AnnotatedDoc) -> EventMention | None:
    """The one event a coded record is about: in the first sentence with an asserted event,
    the most violent; a violent event elsewhere beats a first-sentence development; the
    result carries the casualty figures of every sentence about it."""
    asserted = [e for e in ad.events if e.modality not in ("negated", "denied", "planned")]
    events = asserted or [e for e in ad.events if e.modality == "planned"]
    if not events:
        return None
    first = min(e.sentence for e in events)
    # In the lead sentence the main clause comes first: "residents protested the killing
    # of a man" is a protest; only developments give way to any violence told after them.
    text = ad.doc.text
    main = min(
        (e for e in events if e.sentence == first),
        key=lambda e: (_rank(e) >= 3, _backstory(text, e), e.start),
    )
    if _rank(main) >= 3:
        violent = [e for e in events if _rank(e) <= 1]
        main = violent[0] if violent else main
    if main.sub_event_type in ("Attack", "Armed clash"):
        # Coders rank hostage taking above the assault it came with (GTD Codebook's
        # attack-type hierarchy): "attacked a post … three officers were abducted".
        main = next(
            (
                e
                for e in events
                if e.sub_event_type == _ABDUCTION
                and e.modality != "alleged"
                and not _HELD_IN_FIGHT.match(e.text)
                and not _RELATIVE_PASSIVE.search(text[max(0, e.start - 40) : e.start])
            ),
            main,
        )
    if main.event_type in ("Protests", "Riots"):
        main = _protest_upgrade(main, events)
    return replace(main, figures=_record_figures(ad, main, events))
