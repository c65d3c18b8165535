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
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import ahocorasick

from fogofwar.errors import ResourceError
from fogofwar.extract import modality as mod
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
)

if TYPE_CHECKING:
    from fogofwar.resources import Resources

STAGE = "events.v1"
# Internal hot-path records (Hit, Roles, _Cand, _Context) are NamedTuples: built tens of
# times per document, they cost a third of a frozen dataclass. Public records stay frozen
# dataclasses (model.py).

ARMED = frozenset({"state", "rebel", "political_militia", "identity_militia", "external"})
NON_STATE_ARMED = ARMED - {"state", "external"}
CROWD = frozenset({"protesters", "rioters"})
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# Rank of an event family when choosing a record's main event (lower wins).
_FAMILY_RANK = {
    "Explosions/Remote violence": 0,
    "Violence against civilians": 1,
    "Battles": 1,
    "Riots": 2,
    "Protests": 2,
    "Strategic developments": 3,
}
_DEVICE_CUES = (
    ("suicide", "suicide_bomb"),
    ("air", "air_strike"),
    ("grenade", "grenade"),
    ("ied", "remote_explosive"),
    ("shell", "shelling"),
)
_EXPLOSION_TYPES = frozenset(
    {"air_strike", "shelling", "suicide_bomb", "remote_explosive", "grenade"}
)
# Low-information developments folded into a violent event of the same sentence
# ("the blast destroyed a house" is one bombing, not a bombing plus property destruction).
_ABSORBED_TYPES = frozenset(
    {"looting", "change_activity", "disrupted_weapons", "other_development", "base_established"}
)
# Weapons that, used in a fire fight, are part of the battle rather than remote violence.
_CLOSE_RANGE = frozenset({"shelling", "grenade"})
_PROTEST_SEVERITY = ("violent_demonstration", "excessive_force", "protest_intervention")
# The figure kinds an event type can carry.
_FIGURE_KINDS = {
    "displacement": frozenset({"displaced"}),
    "arrests": frozenset({"detained"}),
    "abduction": frozenset({"abducted", "detained", "killed", "injured"}),
}
_ABDUCTION = "Abduction/forced disappearance"
_RELATIVE_PASSIVE = re.compile(
    r"\bwho\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:\w+ly\s+)?$", re.I
)
_DEFAULT_FIGURE_KINDS = frozenset({"killed", "injured"})
_FEATURE_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
_BY_AGENT = re.compile(r"\b(?:by|of)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.I)
_PASSIVE_ANY = re.compile(r"\b(?:was|were|been|being|is|are|got)\b", re.I)
_LINK = re.compile(
    r"^\W*(?:and|as well as|alongside|together with|along with|with|joined by|"
    r"backed by|supported by|aided by|assisted by|with the support of)?\W*(?:the\s+)?$",
    re.I,
)
_BACKING = re.compile(r"\b(?:backed|supported|aided|assisted|joined)\s+by\b|\bsupport of\b", re.I)
_DETACH = re.compile(
    r"\b(?:near|in|at|from|outside|inside|during|after|before|while|as|when|who|which|"
    r"where|because|following|amid|since|close to|of)\b|[,;]",
    re.I,
)
_ASSAULT_WORD = re.compile(r"(?:attack|ambush|raid|assault)", re.I)
_TARGET = re.compile(r"\b(?:on|against|at|targeting|with|between)\b", re.I)
_INCLUDING = re.compile(r"\b(?:including|among them|of whom|of them)\W*$", re.I)


# --------------------------------------------------------------------------- lexicon


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
    automaton: Any  # ahocorasick.Automaton: lower-cased phrase -> tuple of (kind, name)
    attribution: Any  # ahocorasick.Automaton: phrase -> attribution cue kind

    def scan(self, text: str) -> list[Hit]:
        """Every trigger, cue and responsibility phrase in ``text``, whole words only."""
        hits = [Hit(s, e, k, n) for s, e, vals in _matches(self.automaton, text) for k, n in vals]
        return _drop_nested_triggers(hits)

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


def _matches(automaton: Any, text: str) -> Iterator[tuple[int, int, Any]]:
    low = _lower(text)
    n = len(low)
    for last, (length, value) in automaton.iter(low):
        start, end = last - length + 1, last + 1
        # Whole words only; a key that starts or ends with punctuation (";") needs no edge.
        if start > 0 and low[start].isalnum() and low[start - 1].isalnum():
            continue
        if end < n and low[last].isalnum() and low[end].isalnum():
            continue
        yield start, end, value


def _drop_nested_triggers(hits: list[Hit]) -> list[Hit]:
    """Keep only the longest trigger where triggers overlap ("suicide car bomb" ⊃ "bomb")."""
    triggers = sorted((h for h in hits if h.kind == "trigger"), key=lambda h: (h.start, -h.end))
    kept: list[Hit] = []
    for h in triggers:
        if kept and h.start < kept[-1].end:
            continue
        kept.append(h)
    return kept + [h for h in hits if h.kind != "trigger"]


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
        table.setdefault(key.lower(), []).append(value)
    auto = ahocorasick.Automaton()
    for key, values in table.items():
        auto.add_word(key, (len(key), tuple(dict.fromkeys(values))))
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


# --------------------------------------------------------------------------- roles


class Roles(NamedTuple):
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
        if not _LINK.match(text[prev.end : group[0].start]):
            break
        group.insert(0, prev)
    return group[0], group[1:]


def _object_roles(
    text: str, pos: int, after: list[ActorMention]
) -> tuple[ActorMention | None, list[ActorMention]]:
    """actor2 is the first actor after the trigger that is not a backer ("backed by X")."""
    actor2: ActorMention | None = None
    assoc: list[ActorMention] = []
    start = pos
    for a in after:
        if a.start - pos > 80:
            break  # too far to be governed by the trigger
        if _BACKING.search(text[pos : a.start]):
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
    target = list(_TARGET.finditer(gap))
    return bool(target) and target[-1].start() > detach[-1].start()


def _by_agent(text: str, end: int, after: list[ActorMention]) -> ActorMention | None:
    for a in after[:2]:
        gap = text[end : a.start]
        if len(gap) <= 50 and _BY_AGENT.search(gap):
            return a
    return None


def _clean(roles: Roles) -> Roles:
    """No actor twice: drop actor2/assoc that repeat actor1 (same canonical id)."""
    seen = {roles.actor1.canonical_id} if roles.actor1 else set()
    a2 = roles.actor2 if roles.actor2 and roles.actor2.canonical_id not in seen else None
    seen |= {a2.canonical_id} if a2 else set()
    assoc = []
    for a in roles.assoc:
        if a.canonical_id not in seen:
            seen.add(a.canonical_id)
            assoc.append(a)
    return Roles(roles.actor1, a2, tuple(assoc), roles.explicit)


def find_roles(text: str, sent: Sentence, actors: Sequence[ActorMention], hit: Hit) -> Roles:
    """actor1 / actor2 / assoc of the trigger ``hit`` from the actors of its sentence."""
    before = [a for a in actors if a.end <= hit.start]
    after = [a for a in actors if a.start >= hit.end]
    agent = _by_agent(text, hit.end, after)
    if agent is not None:
        rest = [a for a in after if a.start >= agent.end]
        a2, assoc = _object_roles(text, agent.end, rest)
        if a2 is not None and not _TARGET.search(text[agent.end : a2.start]):
            a2 = None  # "an attack by X on Y": only a target preposition introduces actor2
        if a2 is None and before and _PASSIVE.search(text[hit.start - 30 : hit.start]):
            a2 = before[-1]  # "civilians were killed by X"
        return _clean(Roles(agent, a2, tuple(assoc), True))
    if before and _PASSIVE.search(text[max(before[-1].end, hit.start - 30) : hit.start]):
        return _clean(Roles(None, before[-1]))
    a1, assoc1 = _subject_group(text, before)
    if a1 is None and len(after) >= 2 and "between" in text[hit.end : after[0].start]:
        return _clean(Roles(after[0], after[1]))
    a2, assoc2 = _object_roles(text, hit.end, after)
    return _clean(Roles(a1, a2, tuple(assoc1 + assoc2)))


# --------------------------------------------------------------------------- classify


class _Context(NamedTuple):
    """What a trigger's type may depend on: its sentence's cues and the text."""

    text: str
    cues: tuple[Hit, ...]
    names: frozenset[str]  # cue names in the sentence
    window: frozenset[str]  # cue names in the sentence and the two after it
    trigger_names: frozenset[str]
    places: tuple[PlaceMention, ...]
    later_target: str | None  # the first target cue of the next two sentences


def _kind(actor: ActorMention | None) -> str | None:
    return actor.kind if actor is not None else None


def _target_cue(ctx: _Context, hit: Hit, roles: Roles) -> str | None:
    """The target class named by cue words: after the trigger first, then before it,
    ignoring words inside actor1's own mention ("gunmen" is the agent, not a target)."""
    a1 = roles.actor1
    cues = [
        c
        for c in ctx.cues
        if c.name in ("armed_target", "civ_target") and not (a1 and a1.start <= c.start < a1.end)
    ]
    after = [c for c in cues if c.start >= hit.end]
    before = [c for c in cues if c.end <= hit.start]
    pick = after[0] if after else (before[-1] if before else None)
    return pick.name if pick else ctx.later_target


def _violence(hit: Hit, roles: Roles, ctx: _Context) -> str:
    k1, k2 = _kind(roles.actor1), _kind(roles.actor2)
    if k1 in CROWD:
        return "violent_demonstration"
    mob_before = any(
        c.name == "mob"
        and 0 <= hit.start - c.end <= 40
        and not _PASSIVE_ANY.search(ctx.text[c.end : hit.start])
        for c in ctx.cues
    )
    if k1 not in ARMED and mob_before:
        return "mob_violence"
    if "stones" in ctx.names and k1 not in NON_STATE_ARMED:
        return "violent_demonstration" if "state" in (k1, k2) else "mob_violence"
    if k2 in ARMED:
        return "armed_clash"
    if k2 in CROWD:
        return "excessive_force" if k1 == "state" else "civilian_attack"
    if k2 == "civilians":
        return "civilian_attack"
    target = _target_cue(ctx, hit, roles)
    if target is not None:
        return "armed_clash" if target == "armed_target" else "civilian_attack"
    # No target named: an armed group's "attack"/"ambush" is most often on armed men,
    # while "shot"/"killed" with no victim class told is most often a person's killing.
    assault = _ASSAULT_WORD.match(ctx.text, hit.start)
    return "armed_clash" if k1 in NON_STATE_ARMED and assault else "civilian_attack"


def _clash(k1: str | None, k2: str | None, ctx: _Context) -> str:
    """Armed actors clash in battles; crowds clash in riots ("residents clashed with
    police" is a violent demonstration, "two groups of villagers clashed" mob violence)."""
    if k1 in CROWD or k2 in CROWD:
        return "violent_demonstration"
    armed = {k1, k2} & (ARMED - {"state"})
    crowd = "mob" in ctx.names or "stones" in ctx.names
    if armed or "small_arms" in ctx.names or not crowd:
        return "armed_clash"
    return "violent_demonstration" if "state" in (k1, k2) else "mob_violence"


def _explosion(names: frozenset[str]) -> str:
    return next((key for cue, key in _DEVICE_CUES if cue in names), "remote_explosive")


def _protest(names: frozenset[str]) -> str:
    cue_of = {
        "violent_demonstration": "riot",
        "excessive_force": "excessive",
        "protest_intervention": "intervention",
    }
    return next((k for k in _PROTEST_SEVERITY if cue_of[k] in names), "peaceful_protest")


_PLACE_NOUN = re.compile(
    r"^\W+(?:the\s+)?(?:town|city|village|district|area|base|airport|province|region|"
    r"neighbou?rhood|hill|border|crossing|capital|strategic)\b",
    re.I,
)


def _takes_place(hit: Hit, ctx: _Context) -> bool:
    """ "captured Manbij" / "captured the town" is territory, "captured 3 soldiers" an arrest."""
    if _PLACE_NOUN.match(ctx.text[hit.end : hit.end + 40]):
        return True
    return any(0 <= p.start - hit.end <= 5 for p in ctx.places)


def _territory(hit: Hit, roles: Roles, ctx: _Context) -> str:
    """State forces regain territory; anyone else overtakes it. With no agent named,
    "recaptured"/"liberated" are what governments say of their own advances."""
    k1 = _kind(roles.actor1)
    if k1 == "state":
        return "gov_regains"
    if k1 is None and re.match(r"re|liberat", ctx.text[hit.start : hit.end].lower()):
        return "gov_regains"
    return "nonstate_overtakes"


def classify(hit: Hit, roles: Roles, ctx: _Context, lex: EventLexicon) -> str:
    """The lexicon type key of a trigger in its context."""
    name = hit.name
    if name in lex.types:
        return name
    k1, k2 = _kind(roles.actor1), _kind(roles.actor2)
    if name == "explosion":
        return _explosion(ctx.names)
    if name == "clash":
        return _clash(k1, k2, ctx)
    if name == "protest":
        # Riot cues count in the sentence only; police reactions often come a sentence later.
        return _protest(ctx.window - {"riot"} | (ctx.names & {"riot"}))
    if name == "arrest":
        if _takes_place(hit, ctx):
            return _territory(hit, roles, ctx)
        return "abduction" if k1 in NON_STATE_ARMED else "arrests"
    if name == "territory":
        return _territory(hit, roles, ctx)
    if name == "storm" and (k1 in CROWD or "protest" in ctx.trigger_names):
        return "violent_demonstration"
    return _violence(hit, roles, ctx)


# --------------------------------------------------------------------------- assemble


class _Cand(NamedTuple):
    hit: Hit
    key: str
    roles: Roles
    clause: int
    modality: Modality
    attribution: Attribution | None
    generic: bool  # the trigger's type came from context, not from the word itself


@dataclass(frozen=True)
class _Doc:
    """Per-document indexes built once: mentions grouped by sentence, the fall-backs."""

    ad: AnnotatedDoc
    lex: EventLexicon
    hits: Mapping[int, tuple[Hit, ...]]
    actors: Mapping[int, tuple[ActorMention, ...]]
    places: Mapping[int, tuple[PlaceMention, ...]]
    dates: Mapping[int, tuple[DateMention, ...]]
    figures: Mapping[int, tuple[Figure, ...]]
    attributions: Mapping[int, tuple[Attribution, ...]]
    dated: tuple[int, ...]  # indexes of sentences with a date, ascending
    main_place: PlaceMention | None
    responsible: ActorMention | None


def _by_sentence(items: Iterable[Any]) -> dict[int, tuple[Any, ...]]:
    out: dict[int, list[Any]] = {}
    for x in items:
        out.setdefault(x.sentence, []).append(x)
    return {k: tuple(sorted(v, key=lambda m: m.start)) for k, v in out.items()}


def _hits_by_sentence(sentences: Sequence[Sentence], hits: list[Hit]) -> dict[int, tuple[Hit, ...]]:
    starts = [s.start for s in sentences]
    out: dict[int, list[Hit]] = {}
    for h in sorted(hits, key=lambda h: h.start):
        i = bisect.bisect_right(starts, h.start) - 1
        if i >= 0 and h.end <= sentences[i].end:
            out.setdefault(sentences[i].index, []).append(h)
    return {k: tuple(v) for k, v in out.items()}


def _responsible(
    text: str, hits: Mapping[int, tuple[Hit, ...]], actors: Mapping[int, tuple[ActorMention, ...]]
) -> ActorMention | None:
    """The group a document says did it: "X claimed responsibility", "sources attributed
    the attack to X" (GTD phrasing). "No group claimed responsibility" names nobody."""
    for idx, sent_hits in hits.items():
        acts = [a for a in actors.get(idx, ()) if a.kind in ARMED]
        for h in (h for h in sent_hits if h.kind == "resp"):
            if h.name == "claim_before":
                cands = [a for a in acts if a.end <= h.start and h.start - a.end <= 40]
                found = cands[-1] if cands else None
            else:
                found = next((a for a in acts if 0 <= a.start - h.end <= 30), None)
            if found is not None:
                return found
    return None


def _main_place(ad: AnnotatedDoc) -> PlaceMention | None:
    from fogofwar.extract.places import main_place  # the places stage owns the choice

    return main_place(ad)


def _index(ad: AnnotatedDoc, lex: EventLexicon) -> _Doc:
    hits = _hits_by_sentence(ad.sentences, lex.scan(ad.doc.text))
    actors = _by_sentence(ad.actors)
    dates = _by_sentence(ad.dates)
    return _Doc(
        ad=ad,
        lex=lex,
        hits=hits,
        actors=actors,
        places=_by_sentence(ad.places),
        dates=dates,
        figures=_by_sentence(ad.figures),
        attributions=_by_sentence(ad.attributions),
        dated=tuple(sorted(dates)),
        main_place=_main_place(ad) if ad.places else None,
        responsible=_responsible(ad.doc.text, hits, actors),
    )


def _place(d: _Doc, idx: int) -> PlaceMention | None:
    """The finest place named in the sentence, else the document's main place."""
    here = d.places.get(idx, ())
    if not here:
        return d.main_place
    return min(here, key=lambda p: (_FEATURE_RANK.get(p.feature, 4), p.start))


def _date(d: _Doc, idx: int) -> DateMention | None:
    """The sentence's date, else the last dated sentence before it, else the first date."""
    if not d.dated:
        return None
    i = bisect.bisect_right(d.dated, idx) - 1
    return d.dates[d.dated[i] if i >= 0 else d.dated[0]][0]


def _with_country(actor: ActorMention, place: PlaceMention | None) -> ActorMention:
    """Give a generic actor ("protesters:?") the country of the event's place."""
    if not actor.canonical_id.endswith(":?") or place is None or not place.country_code:
        return actor
    from fogofwar.extract.actors import with_country  # the actors stage owns naming

    return with_country(actor, place.country_code, place.country or place.country_code)


def _crowd(d: _Doc, sent: Sentence, hit: Hit, kind: str) -> ActorMention:
    """A generic crowd actor on the trigger span, for "dozens demonstrated" with no noun."""
    text = d.ad.doc.text[hit.start : hit.end]
    return ActorMention(
        doc_id=d.ad.doc.id,
        start=hit.start,
        end=hit.end,
        text=text,
        sentence=sent.index,
        canonical_id=f"{kind}:?",
        name=kind.capitalize(),
        kind=kind,
        country=None,
        stage=STAGE,  # type: ignore[arg-type]
    )


def _crowd_roles(d: _Doc, sent: Sentence, hit: Hit, roles: Roles, et: EventType) -> Roles:
    """Protests and riots are coded with the crowd as actor1 and whoever meets it as actor2."""
    crowd_kind = "protesters" if et.event_type == "Protests" else "rioters"
    actors = [a for a in (roles.actor1, roles.actor2, *roles.assoc) if a is not None]
    crowd = next((a for a in actors if a.kind in CROWD), None)
    if crowd is None or crowd.kind != crowd_kind:
        crowd = _crowd(d, sent, crowd or hit, crowd_kind)  # type: ignore[arg-type]
    others = [a for a in actors if a.kind not in CROWD]
    return Roles(crowd, others[0] if others else None, tuple(others[1:]), roles.explicit)


def _final_roles(d: _Doc, sent: Sentence, cands: Sequence[_Cand], et: EventType) -> Roles:
    first = cands[0]
    roles = next((c.roles for c in cands if c.roles.explicit), None)
    roles = roles or next((c.roles for c in cands if c.roles.actor1), first.roles)
    if et.event_type in ("Protests", "Riots"):
        return _crowd_roles(d, sent, first.hit, roles, et)
    if et.event_type in VIOLENT_TYPES and _kind(roles.actor1) == "civilians":
        # "civilians were shot …" read as a subject: civilians are the target, never the agent
        roles = _clean(Roles(None, roles.actor2 or roles.actor1, roles.assoc, roles.explicit))
    a1 = roles.actor1
    generic = a1 is None or (a1.canonical_id.endswith(":?") and a1.kind != "state")
    if d.responsible is not None and et.event_type in VIOLENT_TYPES and generic:
        return _clean(Roles(d.responsible, roles.actor2, roles.assoc, True))
    return roles


def _event_actors(roles: Roles, place: PlaceMention | None) -> tuple[EventActor, ...]:
    pairs = [("actor1", roles.actor1), ("actor2", roles.actor2)]
    pairs += [("assoc", a) for a in roles.assoc]
    return tuple(EventActor(r, _with_country(a, place)) for r, a in pairs if a is not None)  # type: ignore[arg-type]


def _figures(figs: Sequence[Figure], key: str, taken: set[int]) -> tuple[Figure, ...]:
    kinds = _FIGURE_KINDS.get(key, _DEFAULT_FIGURE_KINDS)
    out = tuple(f for f in figs if f.kind in kinds and f.start not in taken)
    taken.update(f.start for f in out)
    return out


def _attribution(
    d: _Doc, sent: Sentence, spans: Sequence[tuple[int, int]], clause: int
) -> Attribution | None:
    here = d.attributions.get(sent.index, ())
    lo, hi = spans[clause]
    same = [a for a in here if lo <= a.start - sent.start < hi]
    return same[0] if same else (here[0] if here else None)


def _window_names(d: _Doc, idx: int) -> frozenset[str]:
    """Cue names of a sentence and the two after it: a protest's "police dispersed them"
    often comes one sentence later."""
    return frozenset(
        h.name for i in range(idx, idx + 3) for h in d.hits.get(i, ()) if h.kind == "cue"
    )


_NOT_AN_EVENT = re.compile(
    r"(?:\b(?:backed|supported|aided|assisted|covered)\s+by\b[^.;]{0,40}"  # support, not an event
    r"|\bsince\s+(?:the\s+)?|\bresponsibility\s+for\s+(?:the\s+)?)$",
    re.I,
)


def _real_triggers(d: _Doc, sent: Sentence, hits: Sequence[Hit]) -> list[Hit]:
    """Triggers that state an event. Not: backing ("backed by US airstrikes"), references
    to an event told elsewhere ("since the offensive", "responsibility for the attack"),
    responsibility phrases, or an aim ("an offensive to retake X" has not retaken it)."""
    text = d.ad.doc.text
    resp = [h for h in hits if h.kind == "resp"]
    out = []
    for h in (h for h in hits if h.kind == "trigger"):
        before = text[max(sent.start, h.start - 60) : h.start]
        if _NOT_AN_EVENT.search(before) or any(r.start <= h.start < r.end for r in resp):
            continue
        if h.name == "territory" and re.search(r"\bto\s+$", before):
            continue
        out.append(h)
    return out


def _later_target(d: _Doc, idx: int) -> str | None:
    """ "Militants attacked X. Two civilians were killed." tells the target one sentence on."""
    for i in (idx + 1, idx + 2):
        for h in d.hits.get(i, ()):
            if h.kind == "cue" and h.name in ("armed_target", "civ_target"):
                return h.name
    return None


def _candidates(d: _Doc, sent: Sentence, spans: Sequence[tuple[int, int]]) -> list[_Cand]:
    hits = d.hits.get(sent.index, ())
    triggers = _real_triggers(d, sent, hits)
    if not triggers:
        return []
    cues = tuple(h for h in hits if h.kind == "cue")
    ctx = _Context(
        text=d.ad.doc.text,
        cues=cues,
        names=frozenset(c.name for c in cues),
        window=_window_names(d, sent.index),
        trigger_names=frozenset(h.name for h in triggers),
        places=d.places.get(sent.index, ()),
        later_target=_later_target(d, sent.index),
    )
    # The claimant of "HRW said" is a source, not a party to the event.
    claims = d.attributions.get(sent.index, ())
    acts = [
        a
        for a in d.actors.get(sent.index, ())
        if not any(c.start <= a.start < c.end for c in claims)
    ]
    mods = [(h.name, h.start, h.end) for h in hits if h.kind == "mod"]
    out = []
    for h in triggers:
        roles = find_roles(d.ad.doc.text, sent, acts, h)
        clause = mod.clause_index(spans, h.start - sent.start)
        att = _attribution(d, sent, spans, clause)
        lo, hi = spans[clause]
        where = (sent.start + lo, sent.start + hi)
        modality = mod.decide(d.ad.doc.text, mods, h.start, where, attributed=att is not None)
        key = classify(h, roles, ctx, d.lex)
        out.append(_Cand(h, key, roles, clause, modality, att, h.name not in d.lex.types))
    return _absorb(out, d.lex, ctx.names)


def _sentence_clash(cands: Sequence[_Cand], names: frozenset[str]) -> str | None:
    """The clash type of the sentence, if it tells of a fire fight: a clash trigger, or
    artillery/grenades used together with small arms (ACLED codes those as Battles)."""
    clash = next((c.key for c in cands if c.hit.name == "clash"), None)
    if clash is None and "small_arms" in names and any(c.key in _CLOSE_RANGE for c in cands):
        return "armed_clash"
    return clash


def _absorb(cands: list[_Cand], lex: EventLexicon, names: frozenset[str]) -> list[_Cand]:
    """Fold generic hits into the specific event of their sentence: "an airstrike killed 5"
    is one air strike, a clash "involving heavy artillery" one clash, "the blast destroyed
    shops" one bombing; all attack/kill words of a sentence share the first one's type."""
    clash = _sentence_clash(cands, names)
    melee = clash == "armed_clash"
    explosive = sorted(
        {c.key for c in cands if c.key in _EXPLOSION_TYPES} - (_CLOSE_RANGE if melee else set())
    )
    violence = next((c.key for c in cands if c.hit.name == "violence"), None)
    if not explosive and "air" in names and not melee:
        explosive = ["air_strike"]  # "the air force targeted positions"
    out = []
    for c in cands:
        key = c.key
        if c.hit.name == "violence":
            key = explosive[0] if explosive else (clash or violence or key)
        elif melee and (key in _CLOSE_RANGE or c.hit.name == "explosion"):
            key = "armed_clash"
        out.append(c if key == c.key else c._replace(key=key))
    violent = any(lex.types[c.key].event_type in VIOLENT_TYPES for c in out)
    return [c for c in out if not (violent and c.key in _ABSORBED_TYPES)]


def _group(cands: list[_Cand]) -> list[list[_Cand]]:
    groups: dict[tuple[int, str], list[_Cand]] = {}
    for c in cands:
        groups.setdefault((c.clause, c.key), []).append(c)
    return sorted(groups.values(), key=lambda g: g[0].hit.start)


def _build(
    d: _Doc, sent: Sentence, n: int, cands: Sequence[_Cand], taken: set[int]
) -> EventMention:
    first = cands[0]
    et = d.lex.types[first.key]
    place = _place(d, sent.index)
    roles = _final_roles(d, sent, cands, et)
    # A clause is negated only when every trigger of the group is; one asserted
    # trigger ("no one was killed, but the bomb exploded") keeps it reported.
    asserted = [c for c in cands if c.modality not in ("negated", "denied")]
    modality = (asserted[0] if asserted else first).modality
    text = d.ad.doc.text
    return EventMention(
        id=f"{d.ad.doc.id}:{sent.index}:{n}",
        doc_id=d.ad.doc.id,
        start=first.hit.start,
        end=first.hit.end,
        text=text[first.hit.start : first.hit.end],
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
    cues = [
        h for h in d.hits.get(sent.index, ()) if h.kind == "mod" and h.name in ("denied", "negated")
    ]
    for cue in cues:
        i = mod.clause_index(spans, cue.start - sent.start)
        att = _attribution(d, sent, spans, i)
        # "No casualties were reported" negates nothing said before; a claimant's "did
        # not" ("others said it did not happen") does.
        if i in busy or (cue.name == "negated" and att is None):
            continue
        return replace(
            prev,
            id=f"{d.ad.doc.id}:{sent.index}:{n}",
            start=cue.start,
            end=cue.end,
            text=d.ad.doc.text[cue.start : cue.end],
            sentence=sent.index,
            sentence_text=sent.text,
            figures=(),
            attribution=att,
            modality="denied",
        )
    return None


def _sentence_events(d: _Doc, sent: Sentence, prev: EventMention | None) -> list[EventMention]:
    taken: set[int] = set()
    hits = d.hits.get(sent.index, ())
    # Most sentences are one clause; split only when a contrastive word is present.
    split = any(h.kind == "clause" for h in hits)
    spans = mod.clauses(sent.text) if split else [(0, len(sent.text))]
    groups = _group(_candidates(d, sent, spans))
    events = [_build(d, sent, n, g, taken) for n, g in enumerate(groups)]
    last = events[-1] if events else prev
    if last is not None and (last.sentence >= sent.index - 1):
        busy = {g[0].clause for g in groups}
        echo = _denial_echo(d, sent, len(events), last, spans, busy)
        if echo is not None:
            events.append(echo)
    return events


def find_events(ad: AnnotatedDoc, *, lex: EventLexicon) -> list[EventMention]:
    """Every event mention of the document, in text order (the pure ``match`` step)."""
    d = _index(ad, lex)
    out: list[EventMention] = []
    for sent in ad.sentences:
        out.extend(_sentence_events(d, sent, out[-1] if out else None))
    return out


def run(ad: AnnotatedDoc, *, res: Resources) -> AnnotatedDoc:
    """Stage entry point: assign ``events``."""
    return replace(ad, events=tuple(find_events(ad, lex=res.lexicon)))


# --------------------------------------------------------------------------- main event


def _rank(e: EventMention) -> int:
    if e.sub_event_type == "Displacement":
        return 4
    return _FAMILY_RANK.get(e.event_type, 3)


def _protest_upgrade(main: EventMention, events: Sequence[EventMention]) -> EventMention:
    """A protest record takes the most severe protest/riot coding of its sentences."""
    family = [
        e
        for e in events
        if e.event_type in ("Protests", "Riots") and e.sentence <= main.sentence + 1
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
        actors=main.actors,
    )


def _record_figures(
    ad: AnnotatedDoc, main: EventMention, events: Sequence[EventMention]
) -> tuple[Figure, ...]:
    """The main event's figures plus casualty figures of the other sentences about it
    (sentences with no event of another family), minus sub-counts ("including 3 children")."""
    other = {e.sentence for e in events if _rank(e) != _rank(main) and e.sentence != main.sentence}
    kinds = {f.kind for f in main.figures} | set(_DEFAULT_FIGURE_KINDS)
    text = ad.doc.text
    seen: set[tuple[int, int]] = set()
    out: list[Figure] = []
    for f in sorted((*main.figures, *ad.figures), key=lambda f: f.start):
        if (f.start, f.end) in seen or f.kind not in kinds or f.sentence in other:
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
    return e.event_type in VIOLENT_TYPES and bool(
        _PASSIVE.search(text[max(0, e.start - 30) : e.start])
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
                and not _RELATIVE_PASSIVE.search(text[max(0, e.start - 40) : e.start])
            ),
            main,
        )
    if main.event_type in ("Protests", "Riots"):
        main = _protest_upgrade(main, events)
    return replace(main, figures=_record_figures(ad, main, events))
