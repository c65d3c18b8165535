"""Event type rules: which ACLED sub-type a trigger means in its context.

A specific trigger ("airstrike", "IED", "kidnapped") names its type. A generic one is
resolved here: "attacked"/"killed" by who attacks whom (armed target -> Battles,
civilians -> Violence against civilians, a crowd as agent -> Riots), "explosion" by the
device words of the sentence, "arrested" by who arrests (state -> Arrests, armed group ->
Abduction), "captured the town" by who captures (state -> Government regains territory),
"protest" by the police reaction told with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from fogofwar.extract.event_lexicon import EventLexicon, Hit
from fogofwar.extract.event_roles import Roles
from fogofwar.model import ActorMention, PlaceMention

ARMED = frozenset({"state", "rebel", "political_militia", "identity_militia", "external"})
NON_STATE_ARMED = ARMED - {"state", "external"}
CROWD = frozenset({"protesters", "rioters"})
_DEVICE_CUES = (
    ("suicide", "suicide_bomb"),
    ("air", "air_strike"),
    ("grenade", "grenade"),
    ("ied", "remote_explosive"),
    ("shell", "shelling"),
)
_PROTEST_SEVERITY = ("violent_demonstration", "excessive_force", "protest_intervention")
_PASSIVE_ANY = re.compile(r"\b(?:was|were|been|being|is|are|got)\b", re.I)
_ASSAULT_WORD = re.compile(r"(?:attack|ambush|raid|assault)", re.I)


class Context(NamedTuple):
    """What a trigger's type may depend on: its sentence's cues and the text."""

    text: str
    cues: Sequence[Hit]
    names: frozenset[str]  # cue names in the sentence
    window: frozenset[str]  # cue names in the sentence and the two after it
    triggers: Sequence[Hit]  # the sentence's event triggers
    places: Sequence[PlaceMention]
    later_target: str | None  # the first target cue of the next two sentences
    later_riot: bool = False  # the next sentence tells of rioting and names no state force


def kind_of(actor: ActorMention | None) -> str | None:
    return actor.kind if actor is not None else None


def _target_cue(ctx: Context, hit: Hit, roles: Roles) -> str | None:
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


_BY_END = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?$", re.I)
# "a group of armed criminals" is an armed group, not a crowd
_ARMED_AFTER = re.compile(
    r"\s*(?:of\s+)?(?:\w+\s+)?(?:armed|gunmen|criminals|bandits|militants|assailants|attackers)",
    re.I,
)


def _mob_agent(hit: Hit, ctx: Context) -> bool:
    """ "two thieves were beaten up by locals": a crowd named as the agent after the trigger."""
    text = ctx.text
    return any(
        c.name == "mob"
        and 0 <= c.start - hit.end <= 60
        and _BY_END.search(text[hit.end : c.start])
        and not _ARMED_AFTER.match(text, c.end)
        for c in ctx.cues
    )


# A demonstration voices a demand (or its crowd is called rioters); a crowd that fights the
# police without one is a mob (ACLED: violent demonstration vs mob violence).
_DEMANDS = re.compile(
    r"\b(?:demand\w*|call(?:ed|ing)? for|protest\w*|demonstrat\w*|rall(?:y|ied|ies)|"
    r"march(?:ed|es|ing)?|sit-in|agitat\w*|strike|slogans?|against|rioters?|rioted|rioting)\b",
    re.I,
)


def _riot_with_state(hit: Hit, k1: str | None, k2: str | None, ctx: Context) -> str:
    return _crowd_violence(hit, ctx) if "state" in (k1, k2) else "mob_violence"


def _crowd_violence(hit: Hit, ctx: Context) -> str:
    """A violent demonstration when a demand is voiced within 300 characters, else a mob."""
    lo, hi = max(0, hit.start - 300), hit.end + 300
    return "violent_demonstration" if _DEMANDS.search(ctx.text, lo, hi) else "mob_violence"


def _violence(hit: Hit, roles: Roles, ctx: Context) -> str:
    k1, k2 = kind_of(roles.actor1), kind_of(roles.actor2)
    if k1 == "protesters":
        return "violent_demonstration"
    if k1 in CROWD:
        # "a mob set a clinic ablaze": a crowd's violence with no demand voiced near it is
        # mob violence; with one ("rioters demanding ...") a violent demonstration
        return _crowd_violence(hit, ctx)
    mob_before = "mob" in ctx.names and any(
        c.name == "mob"
        and 0 <= hit.start - c.end <= 40
        and not _PASSIVE_ANY.search(ctx.text[c.end : hit.start])
        # "aid groups said an assault ...": the crowd word tells of it, it is no mob
        and not _TELLS_OR_FLEES.search(ctx.text, c.end, hit.start)
        for c in ctx.cues
    )
    if k1 not in ARMED and (mob_before or ("mob" in ctx.names and _mob_agent(hit, ctx))):
        return "mob_violence"
    if "stones" in ctx.names and k1 not in NON_STATE_ARMED:
        return _riot_with_state(hit, k1, k2, ctx)
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


_AMONG = re.compile(r"\b(?:between|among|involving|pitting|with)\b", re.I)
# Between a crowd word and the trigger: the crowd tells of the fight or flees it.
_TELLS_OR_FLEES = re.compile(
    r"\b(?:said|say|says|told|tell|reported|according|fled|flee|fleeing|escape|escaping)\b",
    re.I,
)


def _crowd_party(hit: Hit, ctx: Context) -> bool:
    """Whether a crowd word names a party of the clash: its subject before it ("two groups
    of villagers clashed") or after "between"/"with" ("clashed with a group of youths");
    not the people who tell of it ("residents said fighting continued") or flee it."""
    text = ctx.text
    for c in ctx.cues:
        if c.name != "mob":
            continue
        if c.end <= hit.start:
            if not _TELLS_OR_FLEES.search(text, c.end, hit.start):
                return True
        elif c.start - hit.end <= 60 and _AMONG.search(text, hit.end, c.start):
            return True
    return False


def _clash(hit: Hit, k1: str | None, k2: str | None, ctx: Context) -> str:
    """Armed actors clash in battles; crowds clash in riots ("residents clashed with
    police" is a violent demonstration, "two groups of villagers clashed" mob violence)."""
    if k1 in CROWD or k2 in CROWD:
        return "violent_demonstration"
    armed = {k1, k2} & (ARMED - {"state"})
    crowd = "stones" in ctx.names or ("mob" in ctx.names and _crowd_party(hit, ctx))
    if armed or "small_arms" in ctx.names or not crowd:
        return "armed_clash"
    return _riot_with_state(hit, k1, k2, ctx)


def _explosion(names: frozenset[str]) -> str:
    return next((key for cue, key in _DEVICE_CUES if cue in names), "remote_explosive")


_RIOT = frozenset({"riot"})


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


_OBJECT_GAP = re.compile(r"\s+(?:the\s+)?")


def _takes_place(hit: Hit, ctx: Context) -> bool:
    """ "captured Manbij" / "captured the town" is territory, "captured 3 soldiers" an arrest."""
    if _PLACE_NOUN.match(ctx.text[hit.end : hit.end + 40]):
        return True
    # the place is the object: "captured Manbij", not "detained in Basra"
    return any(
        0 <= p.start - hit.end <= 5 and _OBJECT_GAP.fullmatch(ctx.text, hit.end, p.start)
        for p in ctx.places
    )


def _territory(hit: Hit, roles: Roles, ctx: Context) -> str:
    """State forces regain territory; anyone else overtakes it. With no agent named,
    "recaptured"/"liberated" are what governments say of their own advances."""
    k1 = kind_of(roles.actor1)
    if k1 == "state":
        return "gov_regains"
    if k1 is None and re.match(r"re|liberat", ctx.text[hit.start : hit.end].lower()):
        return "gov_regains"
    return "nonstate_overtakes"


def classify(hit: Hit, roles: Roles, ctx: Context, lex: EventLexicon) -> str:
    """The lexicon type key of a trigger in its context."""
    name = hit.name
    if (
        name in ("violent_demonstration", "mob_violence")
        and kind_of(roles.actor1) in NON_STATE_ARMED
    ):
        # "assailants threw Molotov cocktails at a church": an armed group's attack, not a riot
        return _violence(hit, roles, ctx)
    if name == "violent_demonstration" and kind_of(roles.actor1) not in CROWD:
        # "villagers pelted stones at police" with no demand voiced: a mob
        return _riot_with_state(hit, "state", None, ctx)
    if name in lex.types:
        return name
    k1, k2 = kind_of(roles.actor1), kind_of(roles.actor2)
    if name == "explosion":
        return _explosion(ctx.names)
    if name == "clash":
        return _clash(hit, k1, k2, ctx)
    if name == "protest":
        # Riot cues count in the sentence only; police reactions often come a sentence later.
        riot = ctx.names & {"riot"} or (_RIOT if ctx.later_riot else frozenset())
        return _protest(ctx.window - {"riot"} | riot)
    if name == "arrest":
        if _takes_place(hit, ctx):
            return _territory(hit, roles, ctx)
        return "abduction" if k1 in NON_STATE_ARMED else "arrests"
    if name == "territory":
        return _territory(hit, roles, ctx)
    if name == "storm" and (k1 in CROWD or any(h.name == "protest" for h in ctx.triggers)):
        return "violent_demonstration"
    return _violence(hit, roles, ctx)
