"""Stage places.v1: find place names and geocode them from document context.

``match`` finds gazetteer names and keeps those that read as places (not a person's name,
not inside an actor's name); ``resolve`` picks one gazetteer entry per name using the
countries the document talks about; ``run`` assigns the resulting ``PlaceMention``s.

Example::

    ad = run(ad, res=res)   # "Clashes in Tripoli, the Libyan capital" -> Tripoli, Libya
    main_place(ad)          # the most specific, most salient place of the document
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple
from weakref import WeakKeyDictionary

from fogofwar.geo.gazetteer import GazEntry, Gazetteer
from fogofwar.geo.normalize import name_key
from fogofwar.model import AnnotatedDoc, PlaceMention, build, evolve
from fogofwar.resources import Resources

STAGE = "places.v1"
SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
# Towns and districts: what a report names below a province, and may share with a namesake
# abroad (a person's name, a foreign village).
_LOCAL = frozenset({"city", "admin2"})
_WORD_AFTER = re.compile(r"[\s,]*([a-z-]*)")
# What may stand between a place and the unit that contains it: "X, Y", "X district, Y",
# "X village in Y".
_QUALIFIER_GAP = re.compile(
    r"^\s*(?:(?:district|sub-district|province|governorate|city|town|village|area|region|"
    r"county|municipality|state|camp|neighbou?rhood|quarter)\s*)?"
    r"(?:,|in|of|\(|\(in)\s*(?:the\s+)?$"
)
_FRAGMENT_AFTER = re.compile(
    r"(?: (?:al|el|ad|an|ar|as|at|az|ash|ud|ed|e|i|bin|ibn|abu|bani|de|da|do|du|del|la|le)[- ]"
    r"| |-(?:e-|i-|ul-|al-)?)([A-Z][\w'’]*)"
)
_SUFFIX_LISTS = ("geo_suffixes", "admin1_words", "district_words", "city_words", "directions")
# "X in Y", "X city in Y", "X (Y": a second name right after a place is its province.
_AFTER_PLACE = re.compile(
    r"^\s*(?:city|town|village|area|district|camp|neighbou?rhood|sub-district)?\s*"
    r"(?:in|\(|in the)\s+$"
)
_COUNTRYSIDE_OF = re.compile(r"countryside of (?:the )?$")
_UNIT_WORDS = frozenset({"province", "governorate", "state", "region", "oblast", "department"})
_ORG_OF = re.compile(r"\b(?:State|Front|Army|Party) (?:of|in|for) (?:the )?$")
_LAST_WORD = re.compile(r"\b([a-z]+)\.? +$")
# A capitalised word right before a name, with what may join them ("Haider al-", "Sar-e-"),
# read backwards: matched at the start of the reversed 31 characters before the name, it
# tries one position where a forward search ending at the name tries thirty. "(?=\W)" on
# the 31st character is the "\b" before the word (a space is added at the text's start).
_NAME_BEFORE_REV = re.compile(
    r"(?:[- ](?:la|le|nib|nbi|uba|ed|led|ad|od|sod|sad|id|ud|sed|al|el|sol|sal) | |"
    r"(?:-e|-i|-lu|-la| e| i)?-)([a-z]+[A-Z])(?=\W)"
)
# "..., Tal Salman, Raqqah" or "(Jowhar, Middle Shabelle)": where a report puts the province.
_IN_QUALIFIER_SLOT = re.compile(r"(?:[a-z]\w*, |\()$")
# "Arzo neighbourhood, Ghazni", "the first police district, Ghazni": the town's slot.
_IN_CITY_SLOT = re.compile(r"\b(?:neighbou?rhoods?|police district|quarter)(?:, |\()$")
_QUALIFIER_ENDS = (", ", "(", ", \n", "(\n")
# A name used for a road, not the place itself: "Herat-Turghundi highway", "Brighton Road".
_ROAD_WORDS = ("road", "highway", "street", "motorway", "avenue")
_ROAD_AFTER = re.compile(rf"(?:-[A-Z][\w' -]{{0,25}})? (?:{'|'.join(_ROAD_WORDS)})\b", re.I)
# Where a report puts an event's place: "in X", "near X", "the town of X", "attacked X".
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|at|of|near|outside|around|into|inside|across|between|on|from|entered|captured|"
    r"seized|stormed|attacked|shelled|struck|hit|targeted|raided|besieged|recaptured|retook)|"
    r"(?:town|city|village|district|province|area|outskirts|suburbs?|vicinity|countryside|"
    r"north|south|east|west|northeast|northwest|southeast|southwest) of)(?: the)?\s+$"
)
_SENTENCE_END = re.compile(r"(?:[.!?:;\n\"“]\s*|^\s*)$")
_POSSESSIVE_PERSON = re.compile(
    r"['’]s (?:spokesman|spokeswoman|office|wife|son|daughter|family|"
    r"government|administration|cabinet|party|aides?)\b"
)


class _KeyInfo(NamedTuple):
    """What a looked-up name says whatever its context, computed once per name."""

    key: str
    entries: tuple[GazEntry, ...]
    demonym: str | None
    country: str | None  # country code when the first entry is a country
    units: frozenset[str]  # countries of its provinces and countries
    all_city: bool  # every entry (if any) is a town
    evidence: tuple[str, float] | None  # ``evidence`` of a hit with these entries
    pop_terms: tuple[float, ...]  # the population part of ``_score``, entry by entry
    ccs: frozenset[str]  # countries of its entries


class _Cues(NamedTuple):
    """The word lists of ``cues.json`` the hot loops read, fetched once per document."""

    titles: frozenset[str]
    geo_prefixes: frozenset[str]
    not_first_names: tuple[frozenset[str], ...]  # directions, locative, function words
    speech_verbs: frozenset[str]
    admin1_words: frozenset[str]
    city_words: frozenset[str]
    district_words: frozenset[str]
    suffixes: tuple[frozenset[str], ...]  # ``_SUFFIX_LISTS``
    near: re.Pattern[str]


def _cue_sets(cues: dict[str, frozenset[str]]) -> _Cues:
    none: frozenset[str] = frozenset()
    return _Cues(
        cues.get("titles", none),
        cues.get("geo_prefixes", none),
        tuple(cues.get(k, none) for k in ("directions", "locative", "function_words")),
        cues.get("speech_verbs", none),
        cues.get("admin1_words", none),
        cues.get("city_words", none),
        cues.get("district_words", none),
        tuple(cues.get(k, none) for k in _SUFFIX_LISTS),
        _near_pattern(cues.get("near", none)),
    )


_NO_INFO = _KeyInfo("", (), None, None, frozenset(), True, None, (), frozenset())


class Hit(NamedTuple):
    """A gazetteer name found in the text, with what its surroundings say about it.

    A NamedTuple rather than a frozen dataclass: it never leaves this module and is built
    for every candidate name, where a dataclass's slower constructor showed in profiles.
    """

    start: int
    end: int
    text: str
    entries: tuple[GazEntry, ...]
    demonym: str | None  # country code when the hit is "Syrian", "Iraqi", ...
    in_actor: bool
    after: str  # next word(s), lower-case: "province", "district", "said"
    before: str  # up to 30 characters before the name, lower-case
    ev: tuple[str, float] | None = None  # what ``evidence`` says of it
    info: _KeyInfo = _NO_INFO  # what its name says in any context
    word: str | None = None  # ``next_word``, once known


# -- matching -------------------------------------------------------------------------
def match(text: str, gaz: Gazetteer, actor_spans: Sequence[tuple[int, int]] = ()) -> list[Hit]:
    """Gazetteer names in ``text`` with their context words (no resolution yet)."""
    hits = []
    spans = sorted(actor_spans)
    span_starts = [s for s, _ in spans]
    n_spans = len(spans)
    j = last = 0  # spans[:j] start at or before the hit: hits come in text order
    cues = gaz.cues
    infos = _INFOS.get(gaz)
    if infos is None:
        infos = _INFOS[gaz] = {}
    for start, end, surface, key in gaz.find_keyed(text):
        info = infos.get(surface)
        if info is None or info.key != key:
            info = _key_info(gaz, key, surface)
            if len(infos) < 100_000:
                infos[surface] = info
        demonym = info.demonym
        if not info.entries and demonym is None:
            continue
        if start < last:  # never seen, but stay exact if the hits ever go backwards
            j = bisect_right(span_starts, start)
        while j < n_spans and span_starts[j] <= start:
            j += 1
        last = start
        in_actor = False
        for k in range(max(0, j - 3), j):
            if spans[k][1] >= end:
                in_actor = True
                break
        after = text[end : end + 30].lower()
        before = text[max(0, start - 30) : start].lower()
        if info.country is not None and _modifier(after, cues):
            # "US dollar", "Turkey-backed", "Burundi troops": a nationality, not a location;
            # "~" marks a modifier: weaker evidence than a demonym
            demonym = info.country
            ev: tuple[str, float] | None = (demonym, 0.5)
            hit = (
                start,
                end,
                surface,
                (),
                demonym,
                in_actor,
                "~" + after,
                before,
                ev,
                _NO_INFO,
                "",
            )
            hits.append(_new_tuple(Hit, hit))
            continue
        ev = (demonym, 1) if demonym else info.evidence
        word = _WORD_AFTER.match(after).group(1)  # type: ignore[union-attr]  # always matches
        hit = (start, end, surface, info.entries, demonym, in_actor, after, before, ev, info, word)
        hits.append(_new_tuple(Hit, hit))
    return hits


# A NamedTuple's own ``__new__`` is a Python function; ``tuple.__new__`` builds the same
# tuple without that call, for every hit.
_new_tuple = tuple.__new__
# Per gazetteer: the ``_KeyInfo`` of each name as written.
_INFOS: WeakKeyDictionary[Gazetteer, dict[str, _KeyInfo]] = WeakKeyDictionary()


def _key_info(gaz: Gazetteer, key: str, surface: str) -> _KeyInfo:
    entries = gaz.entries_for_key(key)
    demonym = gaz.country_code(surface) if gaz.is_demonym_key(key) else None
    if demonym and not any(e.feature == "country" for e in entries):
        entries = ()  # "Somali", "Malian": the adjective, not a village of that name
    country = entries[0].country_code if entries and entries[0].feature == "country" else None
    return _KeyInfo(
        key,
        entries,
        demonym,
        country,
        frozenset(e.country_code for e in entries if e.feature != "city"),
        all(e.feature in _LOCAL for e in entries),
        _entries_evidence(entries),
        tuple(0.35 * math.log10(e.population + 10) for e in entries),
        frozenset(e.country_code for e in entries),
    )


def _modifier(after: str, cues: dict[str, frozenset[str]]) -> bool:
    if after[:1] == "-":
        return True
    m = _WORD_AFTER.match(after)
    return after[:1] == " " and m is not None and m.group(1) in cues.get("modifier_nouns", ())


def next_word(hit: Hit) -> str:
    """The word after the name, skipping a comma: "X province" -> "province"."""
    if hit.word is not None:
        return hit.word
    m = _WORD_AFTER.match(hit.after)
    return m.group(1) if m else ""


def is_person(hit: Hit, text: str, cues: dict[str, frozenset[str]]) -> bool:
    """'Mr Jordan', 'Haider al-Abadi', 'Abadi said', 'Abadi's office': a person."""
    return _is_person(hit, text, _cue_sets(cues))


def _is_person(hit: Hit, text: str, cs: _Cues) -> bool:
    prev = hit.before[-14:].split()
    if prev and prev[-1].rstrip(".") in cs.titles:
        return True
    if _capitalised_name_before(hit, text, cs):
        return True
    info = hit.info
    if not (
        info.all_city
        if info.entries is hit.entries
        else all(e.feature in _LOCAL for e in hit.entries)
    ):
        return False  # countries and provinces "say" things too: "Syria said"
    after = hit.after
    if after[:1] == " " and next_word(hit) in cs.speech_verbs:
        # "Jordan said" is a person; "elders from Fallujah said", "residents of Mosul
        # said": a preposition makes the town part of the speakers' description
        return not (prev and prev[-1].lower() in _SPEAKERS_FROM)
    return bool(_POSSESSIVE_PERSON.match(after))


_SPEAKERS_FROM = frozenset({"from", "of", "in", "near", "outside", "inside", "around", "at"})


def _capitalised_name_before(hit: Hit, text: str, cs: _Cues) -> bool:
    """A capitalised word glued before the name ("Haider al-Abadi") marks a person."""
    start = hit.start
    if start < 2 or text[start - 1] not in " -":
        return False
    back = text[start - 31 : start][::-1] if start >= 31 else text[:start][::-1] + " "
    m = _NAME_BEFORE_REV.match(back)
    if not m:
        return False
    word = m.group(1)[::-1].lower()
    if word in cs.titles or word in cs.geo_prefixes:
        return True  # "President Jordan"; "Bir Hasan" (a longer place name we lack)
    # Even at a sentence start a capitalised word glued to the name is a first name
    # ("Michael Jordan"), unless it is a direction or a function word ("Northern Syria",
    # "In Mosul", "The Hague").
    return not any(word in words for words in cs.not_first_names)


# -- resolution -----------------------------------------------------------------------
def country_context(
    hits: list[Hit],
    actor_countries: Sequence[str],
    evs: dict[int, tuple[str, float] | None] | None = None,
) -> Counter[str]:
    """How strongly the document points at each country (ISO2 -> weight).

    Actors' home countries count 2 each; a named country 3 per mention; a name whose
    candidates (a province among them) all lie in one country 2, else 1, a name that is a
    province in one country but a town elsewhere 1 (each
    distinct name once, so a repeated village does not outvote a named country).
    """
    ctx: Counter[str] = Counter()  # float weights
    for cc in actor_countries:
        ctx[cc] += 2
    seen: set[str] = set()
    for h in hits:
        ev = evs[h.start] if evs is not None else evidence(h)
        if ev and (ev[1] == 3 or h.text not in seen):
            ctx[ev[0]] += ev[1]
            seen.add(h.text)
    return ctx


def evidence(h: Hit) -> tuple[str, float] | None:
    """The country one hit points at, and how strongly (see ``country_context``)."""
    if h.demonym:
        return h.demonym, 1 if h.after[:1] != "~" else 0.5
    return _entries_evidence(h.entries)


def _entries_evidence(entries: tuple[GazEntry, ...]) -> tuple[str, float] | None:
    countries = [e.country_code for e in entries if e.feature == "country"]
    if countries:
        return countries[0], 3
    ccs = {e.country_code for e in entries}
    units = {e.country_code for e in entries if e.feature == "admin1"}
    if len(ccs) == 1:
        return next(iter(ccs)), 2 if units else 1
    # "Tripoli" is a Libyan province and towns in four countries: a weak hint only.
    return (next(iter(units)), 1) if len(units) == 1 else None


def _slot(hit: Hit, cues: dict[str, frozenset[str]], prev: Hit | None = None) -> str | None:
    """Which kind of feature the words around a name ask for: admin1, city or none."""
    return _slot_of(hit, _cue_sets(cues), prev)


def _slot_of(hit: Hit, cs: _Cues, prev: Hit | None, nxt: Hit | None = None) -> str | None:
    word = next_word(hit)
    before = hit.before
    if word in cs.admin1_words:
        return "admin1"  # "Idlib province"
    if word in cs.city_words:
        return "city"  # "Kabul city", "Kolofata town", even in a qualifier's slot
    if nxt is not None and nxt.start - hit.end == 2 and nxt.text == hit.text:
        if nxt.before.endswith(", "):
            return "city"  # "Rawda, Marib, Marib, Yemen": the town, then its province
    # (endswith and "in" are cheap guards: the regexes can only match then; "$" also
    # matches before a final newline)
    if before.endswith(_QUALIFIER_ENDS):
        if ("neighbo" in before or "district" in before or "quarter" in before) and (
            _IN_CITY_SLOT.search(before)
        ):
            return "city"  # "Arzo neighbourhood, Ghazni": a neighbourhood lies in a town
        if _IN_QUALIFIER_SLOT.search(before):
            return "admin1"  # "Ras al-Ain, Al Hasakah, Syria"
    if "countryside" in before and _COUNTRYSIDE_OF.search(before):
        return "admin1"  # "the northern countryside of Aleppo"
    if prev is not None and hit.start - prev.end <= 30:
        gap = hit.before[len(hit.before) - (hit.start - prev.end) :]
        if _AFTER_PLACE.match(gap):
            return "admin1"  # "Afrin city in Aleppo", "Kansafra in Idleb countryside"
    return None


def _score(
    e: GazEntry, ctx: Counter[str], total: int, after: GazEntry | None, slot: str | None
) -> float:
    # A share of the evidence, damped when there is little of it: one stray "US" does not
    # send Sidon to Mississippi.
    score = 4.0 * ctx[e.country_code] / max(total, 3)
    score += 0.35 * math.log10(e.population + 10)
    if after is not None:  # "X, Y": Y is X's admin1 or country
        same_cc = after.country_code == e.country_code
        same_a1 = after.feature != "admin1" or after.admin1_code == e.admin1_code
        score += 6.0 * same_cc + 2.0 * (same_cc and same_a1)
    if slot is not None:
        score += 3.0 if e.feature == slot else 0.0
    elif e.feature == "country":
        score += 2.0  # "Jordan" alone means the country far more often than a US town
    elif e.feature == "city":
        score += 0.5
    return score


def resolve(hits: list[Hit], ctx: Counter[str], cues: dict[str, frozenset[str]]) -> list[GazEntry]:
    """One entry per hit, consistent for repeated names."""
    return _resolve(hits, ctx, _cue_sets(cues))


def _resolve(hits: list[Hit], ctx: Counter[str], cs: _Cues) -> list[GazEntry]:
    total = sum(ctx.values())
    denom = max(total, 3)
    chosen: dict[tuple[object, ...], GazEntry] = {}
    qualified: dict[str, GazEntry] = {}
    out: list[GazEntry] = []
    last = len(hits) - 1
    for i, h in enumerate(hits):
        entries = h.entries
        if len(entries) == 1:
            out.append(entries[0])
            continue
        after = _qualifier(hits, i) if i + 1 < len(hits) else None
        # Places named close together are usually in one country: "northern Yemen (Al Jawf)".
        near = out[-1].country_code if out and h.start - hits[i - 1].end < 80 else None
        slot = _slot_of(h, cs, hits[i - 1] if i else None, hits[i + 1] if i < last else None)
        host = (
            out[-1]
            if out and h.start - hits[i - 1].end <= 30 and _qualifies(hits[i - 1], h)
            else None
        )
        info = h.info
        mine = info.entries is entries
        if mine and near not in info.ccs:
            near = None  # a bonus none of the entries gets: same scores, fewer keys
        if host is not None and mine and host.country_code not in info.ccs:
            host = None
        key = (h.text, after, slot, near, host)
        best = chosen.get(key)
        if best is None:
            pops = info.pop_terms if mine else None
            best = chosen[key] = _best(entries, pops, ctx, denom, after, slot, near, host)
        out.append(best)
        if after is not None:
            qualified.setdefault(h.text, best)
    # One name, one place: "a plant in Tuzla industrial zone in Tuzla, Istanbul" means the
    # Tuzla that its qualifier placed, at every mention without a qualifier of its own.
    for i, h in enumerate(hits if qualified else ()):
        fixed = qualified.get(h.text)
        if fixed is not None and out[i] is not fixed and fixed in h.entries:
            if not (i + 1 < len(hits) and _qualifier(hits, i) is not None):
                out[i] = fixed
    return out


def _qualifies(prev: Hit, h: Hit) -> bool:
    """ "Valdivia (Los Rios)", "Mariupol, Donetsk": ``h`` names what contains ``prev``."""
    gap = h.start - prev.end
    return 0 <= gap <= 30 and bool(_QUALIFIER_GAP.match(h.before[len(h.before) - gap :]))


def _best(
    entries: tuple[GazEntry, ...],
    pops: tuple[float, ...] | None,
    ctx: Counter[str],
    denom: int,
    after: GazEntry | None,
    slot: str | None,
    near: str | None,
    host: GazEntry | None = None,
) -> GazEntry:
    """The entry of highest ``_score`` (+1.5 in the ``near`` country, +3 in the country of
    the place it qualifies, ``host``); the first on ties.

    ``_score`` written out in one loop, with the population term computed once per name:
    the same sums in the same order, so the same floats, at a third of the cost.
    """
    best, top = entries[0], -math.inf
    for k, e in enumerate(entries):
        cc = e.country_code
        score = 4.0 * ctx.get(cc, 0) / denom  # (Counter's [] calls Python for a miss)
        score += pops[k] if pops is not None else 0.35 * math.log10(e.population + 10)
        if after is not None:  # "X, Y": Y is X's admin1 or country
            same_cc = after.country_code == cc
            same_a1 = after.feature != "admin1" or after.admin1_code == e.admin1_code
            score += 6.0 * same_cc + 2.0 * (same_cc and same_a1)
        feature = e.feature
        if slot is not None:
            # a qualifier's slot asks for a unit: a district is one too ("Pinabacdao, Samar")
            score += 3.0 if feature == slot or (slot == "admin1" and feature == "admin2") else 0.0
        elif feature == "country":
            score += 2.0
        elif feature == "city":
            score += 0.5
        score = score + 1.5 * (cc == near)
        if host is not None and host.country_code == cc:
            score += 3.0  # "Valdivia (Los Rios)": Chile's Los Rios, not Ecuador's
        if score > top:
            best, top = e, score
    return best


def contradicted(hits: list[Hit], i: int, e: GazEntry) -> bool:
    """ "Baharak district, Takhar" when our only Baharak lies in Badakhshan: the report means
    another, unknown place; the named province or country says where it is."""
    return _contradicting_units(hits, i, e) is not None


def _contradicting_units(hits: list[Hit], i: int, e: GazEntry) -> list[GazEntry] | None:
    """The units named after ``e`` when they contradict it (see ``contradicted``)."""
    if e.feature not in _LOCAL or i + 1 >= len(hits):
        return None
    nxt = hits[i + 1]
    gap = nxt.start - hits[i].end
    if gap > 30 or not _QUALIFIER_GAP.match(nxt.before[len(nxt.before) - gap :]):
        return None
    units = [u for u in nxt.entries if u.feature in _UNITS]
    as_unit = (
        next_word(nxt) in _UNIT_WORDS
        or not any(u.feature == "city" for u in nxt.entries)
        or _capital_of_namesake_unit(nxt.entries, e.country_code)
    )
    if not units or not as_unit or _listed(hits, i + 1):
        return None  # "Tal Afar, Mosul": the next name may be a town
    if any(
        u.country_code == e.country_code
        and (
            u.feature == "country"
            # a district's parent codes are less reliable than its point: near is inside
            or (u.feature == "admin2" and _km(u, e) <= _DISTRICT_KM)
            or (u.feature == "admin1" and u.admin1_code == e.admin1_code)
        )
        for u in units
    ):
        return None
    return units


_DISTRICT_KM = 100  # a district's towns lie within this of its point (its towns' mean)


def _km(a: GazEntry, b: GazEntry) -> float:
    """Great-circle distance in km (haversine)."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 12_742 * math.asin(math.sqrt(h))


_UNITS = frozenset({"admin2", "admin1", "country"})
_CITY = 100_000  # people: a town this size is what its name means, whatever unit follows


def _border_unit(
    gaz: Gazetteer, h: Hit, e: GazEntry, units: list[GazEntry], cs: _Cues
) -> GazEntry | None:
    """ "Tarmiyah, Saladin" when GeoNames puts Tarmiyah in Baghdad province, a few km from
    Salah ad Din; "Mariupol, Zaporizhia" for the city of Donetsk province: the report names
    a neighbouring unit of the same country. The town stays when it lies within ~20 km of
    the named unit's towns, in the report's unit (borders move, and reports follow their
    own), or when it is a city of 100,000 or more called by its own name, in its own unit
    (the report erred; not "Ado district, Benue", nor "Salem", an old name of Jerusalem).
    Returns the entry to keep, else None."""
    own_name = name_key(h.text) == name_key(e.name)
    big = e.population >= _CITY and own_name and next_word(h) not in cs.district_words
    for u in units:
        if u.feature != "admin1" or u.country_code != e.country_code or u.admin1_code is None:
            continue
        unit = gaz.admin1(u.country_code, u.admin1_code)
        if unit is None:
            continue
        # A unit without towns is one GeoNames' codes do not cover, carved out of older
        # units: its towns are coded in the unit they were in ("Bunia, Ituri"). Only a
        # town called by its own name then, not an alias ("Madero" for "Francisco I.
        # Madero", in "Gustavo A. Madero, Ciudad de Mexico").
        if unit.near(e.lat, e.lon) or (unit.bbox is None and own_name):
            return replace(e, admin1=unit.name)
    return e if big and any(u.country_code == e.country_code for u in units) else None


def _abroad_of_qualifier(hits: list[Hit], i: int, unit: GazEntry) -> bool:
    """ "Samboko village (Mambasa, Nord-Kivu)": Kenya's Mombasa province (an alias) cannot
    lie in DR Congo's Nord-Kivu; when no reading of the name lies in the country of the
    unit that qualifies it, the name is a place we do not know."""
    if unit.feature not in ("admin1", "country") or not _qualifies(hits[i], hits[i + 1]):
        return False
    cc = unit.country_code
    return not any(x.country_code == cc for x in hits[i].entries) and not _listed(hits, i + 1)


def _confirmed(hits: list[Hit], i: int, e: GazEntry, unit: GazEntry) -> bool:
    """ "Trujillo, La Libertad": the unit right after the town, as resolved, contains it."""
    return (
        unit.feature in ("admin1", "country")
        and unit.country_code == e.country_code
        and (unit.feature == "country" or unit.admin1_code == e.admin1_code)
        and _qualifies(hits[i], hits[i + 1])
    )


_LIST_GAP = re.compile(r"^\s*,?\s*(?:and|or)\s*$")


def _listed(hits: list[Hit], j: int) -> bool:
    """ "Mosul, Kirkuk and Erbil": the name at ``j`` is an item of a list of towns, not the
    province of the name before it. ("Raqqah, Syria" and "Rome, Lazio, Italy" are
    qualifier chains; in "Al Jawf, Ad Dali and Taizz governorates" the items are units.)"""
    if j + 1 >= len(hits):
        return False
    h, nxt = hits[j], hits[j + 1]
    gap = nxt.start - h.end
    return (
        0 <= gap <= 8
        and bool(_LIST_GAP.match(nxt.before[len(nxt.before) - gap :]))
        and any(e.feature == "city" for e in nxt.entries)
        and next_word(nxt) not in _UNIT_WORDS
        and next_word(nxt).rstrip("s") not in _UNIT_WORDS
    )


_VILLAGE = 20_000  # people: below this a foreign namesake is no match to keep


def _village_abroad(hits: list[Hit], i: int, e: GazEntry, ctx: Counter[str]) -> bool:
    """ "Elenovka, Donetsk", "Zap (Amadiya)": the name after it places it, and no reading of
    that name lies in the country of our only namesake, a village nothing else in the
    document points at. (A town of some size stays: "Kabul, Baghdad and Damascus".)"""
    h, nxt = hits[i], hits[i + 1]
    if e.population >= _VILLAGE or not nxt.entries or not _qualifies(h, nxt):
        return False
    if _listed(hits, i + 1):
        return False
    cc = e.country_code
    if any(u.country_code == cc for u in nxt.entries):
        return False
    own = h.ev[1] if h.ev and h.ev[0] == cc else 0
    return ctx.get(cc, 0) - own <= 0


def _capital_of_namesake_unit(entries: Sequence[GazEntry], cc: str) -> bool:
    """ "Kamyanka, Donetsk": when every town called Donetsk lies in Donetsk province, the
    name after the comma reads as the province either way."""
    units = [u for u in entries if u.feature == "admin1" and u.country_code == cc]
    towns = [t for t in entries if t.feature == "city" and t.country_code == cc]
    return any(all(t.admin1_code == u.admin1_code for t in towns) for u in units)


def _qualifier(hits: list[Hit], i: int) -> GazEntry | None:
    """For "Tal Salman, Raqqah, Syria": the best containing unit named right after."""
    h = hits[i]
    if i + 1 >= len(hits) or not _QUALIFIER_GAP.match(
        hits[i + 1].before[h.end - hits[i + 1].start :]
    ):
        return None
    nxt = hits[i + 1]
    wider = [e for e in nxt.entries if e.feature in ("admin1", "country")]
    ccs = {e.country_code for e in h.entries}
    fitting = [e for e in wider if e.country_code in ccs]
    return max(fitting, key=lambda e: SPECIFICITY[e.feature] * -1) if fitting else None


def precision(hit: Hit, e: GazEntry, cues: dict[str, frozenset[str]]) -> int:
    """1 the town itself, 2 near it or its district, 3 only a region or country."""
    return _precision(hit, e, _cue_sets(cues))


def _precision(hit: Hit, e: GazEntry, cs: _Cues) -> int:
    if e.feature in ("admin1", "country"):
        return 3
    if e.feature == "admin2":
        return 2
    word = next_word(hit)
    if word in cs.district_words:
        return 2
    after = hit.after
    # _ROAD_AFTER can only match " road..." or "-Name road..." (a cheap test first)
    if (after[:1] == "-" or (after[:1] == " " and word.startswith(_ROAD_WORDS))) and (
        _ROAD_AFTER.match(after)
    ):
        return 2
    return 2 if cs.near.match(hit.before[::-1]) else 1


@lru_cache(maxsize=8)
def _near_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """'near X', 'outskirts of X', 'north of the X': one regex over the words before X.

    It reads them backwards (match the reversed text, ``^`` for ``$``): anchored, it tries
    one position instead of thirty, for the same answer.
    """
    alts = "|".join(sorted((re.escape(w[::-1]) for w in words), key=len, reverse=True))
    return re.compile(rf"\s*(?:eht )?(?:fo )?(?:{alts})\b")


# -- stage ----------------------------------------------------------------------------
def run(ad: AnnotatedDoc, *, res: Resources) -> AnnotatedDoc:
    """Assign ``places``: every place name in the document, geocoded."""
    gaz = res.gazetteer
    text = ad.doc.text
    cs = _cue_sets(gaz.cues)
    hits = match(text, gaz, [(a.start, a.end) for a in ad.actors])
    kept = _places_only(hits, text, cs)
    # Actors fight abroad ("Russian forces ... in Ar-Raqqa"): only what the text says of
    # places decides whether a town's lone namesake is plausible.
    place_ctx = country_context(kept, (), {h.start: h.ev for h in kept})
    total = sum(place_ctx.values())
    said: list[float] = []  # _said_total(kept), computed when first needed
    ctx = place_ctx.copy()  # weights are halves: exact sums in any order
    for a in ad.actors:
        if a.country:
            ctx[a.country] += 2
    kept = [h for h in kept if h.entries]
    sentence_starts = [s.start for s in ad.sentences]
    doc_id = ad.doc.id
    names: dict[str, str] = {}
    places = []
    last = len(kept) - 1
    resolved = _resolve(kept, ctx, cs)
    refuted: set[str] = set()  # entries a qualifier contradicted: not at later mentions
    for i, (h, e) in enumerate(zip(kept, resolved, strict=True)):
        if e.feature == "admin1" and i < last and _abroad_of_qualifier(kept, i, resolved[i + 1]):
            continue
        if e.feature in _LOCAL:
            close = i < last and kept[i + 1].start - h.end <= 30
            if (
                place_ctx.get(e.country_code, 0) != total
                and not _plausible(e, h.ev, place_ctx, total)
                and not _said_elsewhere_by_actors_only(e, h.ev, kept, said)
                and not (close and _confirmed(kept, i, e, resolved[i + 1]))
            ):
                continue
            if e.id in refuted:
                continue  # "in Castilla, Piura ... the Castilla offices": the same place
            if close:
                units = _contradicting_units(kept, i, e)
                if units is not None:
                    kept_as = _border_unit(gaz, h, e, units, cs)
                    if kept_as is None:
                        refuted.add(e.id)
                        continue
                    e = kept_as
                elif _village_abroad(kept, i, e, place_ctx):
                    continue
        cc = e.country_code
        country = names.get(cc)
        if country is None:
            country = names[cc] = gaz.country_name(cc)
        sentence = max(0, bisect_right(sentence_starts, h.start) - 1) if sentence_starts else 0
        prec = _precision(h, e, cs)
        places.append(_place_mention(doc_id, h, e, sentence, country, prec))
    if not places:
        inferred = _inferred_country(ad, hits, gaz)
        if inferred is not None:
            places.append(inferred)
    return evolve(ad, places=tuple(places))


def _inferred_country(ad: AnnotatedDoc, hits: list[Hit], gaz: Gazetteer) -> PlaceMention | None:
    """The country of a document that names no place we keep, from its adjectives and its
    actors: "Iraqi forces shelled IS positions in <a village we do not know>", "Police
    Forces of Nigeria ...". Weights as in ``country_context`` (an actor 2, an adjective 1,
    "US-backed" 0.5); the country must lead alone with at least 1. (Names we dropped as
    persons or fragments were tried too: "Elias" in "Qabb Elias" points at Colombia.)

    The mention spans the first word that says it, is of precision 3 and has no point:
    the report names a place, we only do not know where it is.
    """
    weight: Counter[str] = Counter()
    spans: dict[str, tuple[int, int, str]] = {}
    for a in ad.actors:
        if a.country:
            weight[a.country] += 2
            spans.setdefault(a.country, (a.start, a.end, a.text))
    for h in hits:
        ev = h.ev if h.ev is not None else evidence(h)
        if ev and h.demonym and not h.entries:
            weight[ev[0]] += ev[1]
            if h.start < spans.get(ev[0], (len(ad.doc.text),))[0]:
                spans[ev[0]] = (h.start, h.end, h.text)
    top = weight.most_common(2)
    if not top or top[0][1] < 1 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    cc = top[0][0]
    country = gaz.country_by_code(cc)
    if country is None:
        return None
    start, end, text = spans[cc]
    starts = [s.start for s in ad.sentences]
    return PlaceMention(
        doc_id=ad.doc.id,
        start=start,
        end=end,
        text=text,
        sentence=max(0, bisect_right(starts, start) - 1) if starts else 0,
        name=country.name,
        gazetteer_id=f"country:{country.code}",
        country=country.name,
        country_code=country.code,
        admin1=None,
        lat=None,
        lon=None,
        geo_precision=3,
        feature="country",
    )


def _places_only(hits: list[Hit], text: str, cs: _Cues) -> list[Hit]:
    """The hits kept as places, and country adjectives."""
    units = {h.start: h.info.units for h in hits}
    return [
        h
        for h in hits
        if h.demonym
        or (
            h.entries
            and not h.in_actor
            and not _actor_prefix(h, text)
            and not _is_person(h, text, cs)
            and not _fragment(h, text, cs, units)
        )
    ]


def _fragment(hit: Hit, text: str, cs: _Cues, units: dict[int, frozenset[str]]) -> bool:
    """'Ras' in "Ras al-Ain", 'Romeo' in "Romeo Berdida": part of a longer unknown name.

    A following province or country of the same country ("Dihok Iraq") does not make a
    fragment; a foreign one does ("Michael Jordan").
    """
    if text[hit.end : hit.end + 1] not in (" ", "-"):
        return False
    m = _FRAGMENT_AFTER.match(text, hit.end)
    if not m:
        return False
    info = hit.info
    ccs = info.ccs if info.entries is hit.entries else {e.country_code for e in hit.entries}
    if units.get(m.start(1), _NO_UNITS) & ccs:
        return False
    word = m.group(1).lower()
    return not any(word in words for words in cs.suffixes)


_NO_UNITS: frozenset[str] = frozenset()


def _plausible(e: GazEntry, own: tuple[str, float] | None, ctx: Counter[str], total: float) -> bool:
    """Drop a town or province in a country the document otherwise never points at.

    "Kachi district, Balochistan, Pakistan" has no Pakistani Kachi in GeoNames; its only
    namesake is in Japan. When the document names other countries, such a lone foreign
    namesake is almost always a wrong match.
    """
    if e.feature not in _LOCAL:
        return True
    own_weight = own[1] if own and own[0] == e.country_code else 0
    others = total - own_weight
    return ctx.get(e.country_code, 0) - own_weight > 0 or others < 2


def _said_total(kept: list[Hit]) -> float:
    """The weight of ``country_context`` without the adjectives inside actors' names."""
    total, seen = 0.0, set()
    for h in kept:
        ev = h.ev
        if ev and not (h.in_actor and h.demonym and not h.entries):
            if ev[1] == 3 or h.text not in seen:
                total += ev[1]
                seen.add(h.text)
    return total


def _said_elsewhere_by_actors_only(
    e: GazEntry, own: tuple[str, float] | None, kept: list[Hit], memo: list[float]
) -> bool:
    """An implausible place stays when only adjectives inside actors' names ("Turkish and
    Russian forces patrolled ... Al-Hasakeh") point elsewhere: they say who, not where.
    ``memo`` holds ``_said_total(kept)`` once computed."""
    if not memo:
        memo.append(_said_total(kept))
    own_weight = own[1] if own and own[0] == e.country_code else 0
    return memo[0] - own_weight <= 0


def _actor_prefix(hit: Hit, text: str) -> bool:
    """'Islamic State of Iraq', 'State of Libya' style names when no actor span covers them."""
    head = text[max(0, hit.start - 20) : hit.start]
    return (" of " in head or " in " in head or " for " in head) and bool(_ORG_OF.search(head))


def _place_mention(
    doc_id: str, h: Hit, e: GazEntry, sentence: int, country: str, prec: int
) -> PlaceMention:
    """A ``PlaceMention``, filled in without the frozen dataclass's ``__init__``.

    That ``__init__`` sets its 15 fields one ``object.__setattr__`` at a time (~3 us);
    this stage builds one per place name. The result is the same object:
    ``tests/test_places_speed.py`` checks it equals the one ``__init__`` builds.
    """
    return build(
        PlaceMention,
        doc_id=doc_id,
        start=h.start,
        end=h.end,
        text=h.text,
        sentence=sentence,
        name=e.name,
        gazetteer_id=e.id,
        country=country,
        country_code=e.country_code,
        admin1=e.admin1,
        lat=e.lat,
        lon=e.lon,
        geo_precision=prec,
        feature=e.feature,
        stage=STAGE,
    )


def main_place(ad: AnnotatedDoc) -> PlaceMention | None:
    """The document's most specific, most salient place (used to geocode its main event).

    Places in the document's dominant country come first; then towns beat districts beat
    provinces beat countries; then a place introduced as a location ("in X", "near X",
    "the town of X") beats one used as a modifier ("a Kabul Bank employee"); among equals
    the first sentence and then the earliest mention win.
    """
    if not ad.places:
        return None
    return min(ad.places, key=place_rank(ad))


def place_rank(ad: AnnotatedDoc) -> Callable[[PlaceMention], tuple[int, ...]]:
    """The sort key of ``main_place``, built once per document: ``min(places, key=...)``
    picks the best of any of its places, e.g. of one sentence's. The sentence index only
    breaks ties, so within a sentence it orders as the document order does.
    """
    weight: Counter[str | None] = Counter(p.country_code for p in ad.places)
    top = max(weight.values()) if weight else 0
    text = ad.doc.text

    def rank(p: PlaceMention) -> tuple[int, ...]:
        outside = 0 if weight[p.country_code] == top else 1
        locative = _LOCATIVE_BEFORE.search(text[max(0, p.start - 30) : p.start].lower())
        road = bool(_ROAD_AFTER.match(text, p.end))
        return (outside, SPECIFICITY.get(p.feature, 3), road, not locative, p.sentence > 0, p.start)

    return rank
