"""Linking claims from many documents into events, incrementally and order-independently.

Two claims are *compatible* when their type family, place, date window and actors agree
and, across reports, the targets and sub-locations they state do not clearly differ
(``compatible``; ``details.py``). Candidates come from blocking keys (country, coarse
grid cell, week), so a new claim is compared only with claims near it in space and time,
never with all.

The partition does not depend on arrival order: compatible pairs form a graph whose
connected components are order-free; each component is then split deterministically
(complete linkage over a canonical order of its claims), so a vague claim that is
compatible with two mutually incompatible ones cannot chain them together.
"""

from __future__ import annotations

import gc
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from fogofwar.triangulate.claims import Interval, disagree, stated
from fogofwar.triangulate.details import Details, details_differ
from fogofwar.triangulate.records import Claim, ClaimPlace, DocInfo, Event
from fogofwar.triangulate.rules import Tolerances, default_tolerances

Key = tuple[object, ...]
_EARTH_KM = 6371.0
_KM_PER_DEG = 111.2


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def place_level(p: ClaimPlace | None) -> str:
    """none | country | admin1 | fine (a point we can measure distances from)."""
    if p is None:
        return "none"
    if p.geo_precision <= 2 and p.lat is not None and p.lon is not None:
        return "fine"
    return "admin1" if p.admin1 else "country"


def _unknown(actor_id: str) -> bool:
    return actor_id.startswith(("unidentified", "unknown"))


def perpetrators(c: Claim, tol: Tolerances) -> frozenset[str]:
    """The known actor1s that can be disputed: not unidentified, not victims or crowds."""
    return frozenset(
        a.canonical_id
        for a in c.actors
        if a.role == "actor1"
        and not _unknown(a.canonical_id)
        and a.kind not in tol.non_perpetrator_kinds
    )


def is_vague(c: Claim, tol: Tolerances) -> bool:
    """An aggregate, not one event: a window longer than ``vague_days`` ("since 2014"), or a
    stated range longer than ``period_days`` ("in recent weeks", "since May": a period of
    activity). Running totals (displacement) are periods by nature and use only the first."""
    if c.first is None or c.last is None:
        return False
    span = (c.last - c.first).days
    if span > tol.vague_days:
        return True
    return (
        c.date_precision == "range"
        and span > tol.period_days
        and c.family not in tol.running_families
    )


# -- what linking compares of a claim, computed once -------------------------------------


@dataclass(slots=True, eq=False)
class Profile:
    """What the linking rules read of one claim, computed once per claim (``profile``) so
    that the millions of pair tests on a dense store compare ready-made values: link class
    and its partners, date window as day numbers, place level and coordinates, perpetrator
    sides, figures as stated intervals. Hashes by identity (one profile per claim)."""

    claim: Claim
    id: str
    doc: str
    cls: str  # link class
    partners: frozenset[str]  # the link classes it may link with
    catch_all: bool
    stem: str  # trigger stem (only for catch-all classes and their partners)
    excluded: bool  # planned / threatened
    means: str | None
    sub: str
    denial: bool
    first: date | None
    window: tuple[date | None, date | None]
    dated: bool  # first and last known
    lo: int  # first and last as day numbers (0 when not dated)
    hi: int
    day: bool  # date precision "day"
    vague: bool
    month: tuple[int, int] | None
    place: ClaimPlace | None
    gaz: str | None  # gazetteer id as stored
    gid: str | None  # gazetteer id when non-empty
    cc: str | None
    admin1: str | None
    level: str
    perps: frozenset[str]
    perp_sides: frozenset[str]
    all_sides: frozenset[str]
    figs: tuple[tuple[str, Interval, Callable[[float], float]], ...]  # kinds with tolerance
    fig_kinds: frozenset[str]
    order: tuple[int, int, str]  # canonical_key
    pt: Key | None  # point_key of a town-level place
    details: Details | None  # stated targets and names (None when it states none)


_NONE: frozenset[str] = frozenset()


def profile(c: Claim, tol: Tolerances) -> Profile:
    """The linking profile of a claim (see ``Profile``)."""
    cls = link_class(c, tol)
    partners = tol.class_partners(cls)
    p = c.place
    level = place_level(p)
    perps = perpetrators(c, tol) if c.actors else _NONE
    # the sides are read only when both claims name a perpetrator (``_same_side``)
    perp_sides = all_sides = _NONE
    if perps:
        known = frozenset(a.canonical_id for a in c.actors if not _unknown(a.canonical_id))
        perp_sides, all_sides = _sides(c, perps), _sides(c, known)
    dated = c.first is not None and c.last is not None
    figs = tuple(
        (f.kind, stated(f), ft.widen)
        for f in c.figures
        if (ft := tol.figure_tolerance.get(f.kind)) is not None
    )
    return Profile(
        claim=c,
        id=c.id,
        doc=c.doc_id,
        cls=cls,
        partners=partners,
        catch_all=cls in tol.catch_all_classes,
        stem=trigger_stem(c) if partners & tol.catch_all_classes else "",
        excluded=c.modality in tol.excluded_modalities,
        means=tol.means_by_sub.get(c.sub_event_type),
        sub=c.sub_event_type,
        denial=c.modality in tol.denial_modalities,
        first=c.first,
        window=(c.first, c.last),
        dated=dated,
        lo=c.first.toordinal() if dated else 0,  # type: ignore[union-attr]
        hi=c.last.toordinal() if dated else 0,  # type: ignore[union-attr]
        day=c.date_precision == "day",
        vague=is_vague(c, tol),
        month=(c.first.year, c.first.month) if c.first is not None else None,
        place=p,
        gaz=p.gazetteer_id if p is not None else None,
        gid=(p.gazetteer_id or None) if p is not None else None,
        cc=p.country_code if p is not None else None,
        admin1=p.admin1 if p is not None else None,
        level=level,
        perps=perps,
        perp_sides=perp_sides,
        all_sides=all_sides,
        figs=figs,
        fig_kinds=frozenset(f.kind for f in c.figures) if c.figures else _NONE,
        order=(-salience(c), -_specificity(c, level, perps, tol), c.id),
        pt=point_key(p) if level == "fine" else None,  # type: ignore[arg-type]
        details=Details(c.targets, c.named) if c.targets or c.named else None,
    )


def _figures_agree(a: Profile, b: Profile) -> bool:
    """``claims.figures_agree`` over profiles: a figure of one kind within tolerance."""
    for kind, iv, widen in a.figs:
        for kb, ivb, _ in b.figs:
            if kb == kind and not disagree(iv, ivb, widen):
                return True
    return False


def points_compatible(a: Key, b: Key, tol: Tolerances) -> bool:
    """The place test of two town-level places, from their ``point_key``: the same
    gazetteer feature, or in one country within the sum of their precisions' allowances."""
    gid, cc, lat, lon, precision = a
    if gid is not None and gid == b[0]:
        return True
    if cc != b[1]:
        return False
    reach = tol.allowance_km.get(precision, 0) + tol.allowance_km.get(b[4], 0)
    # The great-circle distance is at least the latitude difference (an exact reject).
    if abs(math.radians(lat) - math.radians(b[2])) * _EARTH_KM > reach + 1e-6:
        return False
    return haversine_km(lat, lon, b[2], b[3]) <= reach


def _places(a: Profile, b: Profile, tol: Tolerances) -> bool:
    pa, pb = a.place, b.place
    if pa is None or pb is None:
        return a.doc == b.doc  # a placeless mention only joins its own document's
    same_id = a.gid is not None and a.gid == b.gid
    if a.cc != b.cc and not same_id:
        return False
    la, lb = a.level, b.level
    if la == "fine" and lb == "fine":
        return points_compatible(a.pt, b.pt, tol)  # type: ignore[arg-type]
    if la == "country" or lb == "country":
        if not a.perps & b.perps:
            return False  # "in Syria" links only on a shared perpetrator
    elif not same_id and a.admin1 != b.admin1:
        return False  # one of them is only known to its admin1, the other lies elsewhere
    return a.doc == b.doc or _figures_agree(a, b)


def places_compatible(a: Claim, b: Claim, tol: Tolerances) -> bool:
    """Precision-aware place test. Two points (town or "near" a town) link within the sum
    of their precisions' allowances. A place known only to its region or country is
    compatible with any place in it; across documents such a coarse place is no evidence
    of sameness by itself (a province sees many attacks a day), so the two reports must
    also give an agreeing figure of one kind, and at country level name one perpetrator."""
    return _places(profile(a, tol), profile(b, tol), tol)


def _times(a: Profile, b: Profile, tol: Tolerances) -> bool:
    if not (a.dated and b.dated):
        return a.doc == b.doc and a.first is None and b.first is None
    if a.vague or b.vague:
        return a.vague and b.vague and a.month == b.month
    # Two exact days stated in one document are different days. Across documents, a day
    # of slack absorbs "yesterday" or "overnight" read against different publication
    # dates; a week, month or range already spans its own uncertainty ("in June" does not
    # reach 31 May).
    slack = tol.slack_days if a.day and b.day and a.doc != b.doc else 0
    return a.lo <= b.hi + slack and b.lo <= a.hi + slack


def times_compatible(a: Claim, b: Claim, tol: Tolerances) -> bool:
    return _times(profile(a, tol), profile(b, tol), tol)


def _sides(c: Claim, ids: frozenset[str]) -> frozenset[str]:
    return frozenset(
        s for a in c.actors if a.canonical_id in ids for s in a.side or (a.canonical_id,)
    )


def _same_side(a: Profile, b: Profile) -> bool:
    return (
        not a.perps
        or not b.perps
        or bool(a.perp_sides & b.all_sides)
        or bool(b.perp_sides & a.all_sides)
    )


def same_side(a: Claim, b: Claim, tol: Tolerances) -> bool:
    """Whether the perpetrators can be one: no known perpetrator on either side, or one's
    perpetrator is among the other's actors (roles may swap: "Isis attacked the SDF" / "the
    SDF repelled Isis"), counting units of one force and organs of one state as one."""
    return _same_side(profile(a, tol), profile(b, tol))


def _actors(a: Profile, b: Profile) -> bool:
    if _same_side(a, b):
        return True
    # A denial disputes that something happened; the actor a denial sentence yields is
    # the denier or whoever the text named last, so it does not keep a denial apart.
    if a.denial or b.denial:
        return True
    # Who carried out one strike is itself often disputed: the same means, same town and
    # same day link despite different perpetrators, and reconciling marks them contested.
    return (
        a.day
        and b.day
        and a.first == b.first
        and a.sub == b.sub
        and a.means is not None
        and a.gaz is not None
        and a.gaz == b.gaz
    )


def actors_compatible(a: Claim, b: Claim, tol: Tolerances) -> bool:
    return _actors(profile(a, tol), profile(b, tol))


def link_class(c: Claim, tol: Tolerances) -> str:
    return tol.link_class(c.family, c.sub_event_type, c.plover_type)


_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def trigger_stem(c: Claim) -> str:
    """The trigger word, lower-cased, without a plural or verb ending ("leaflets" →
    "leaflet", "announced" → "announc")."""
    word = c.text.lower().strip()
    return _SUFFIX.sub("", word) if len(word) > 4 else word


def _types(a: Profile, b: Profile) -> bool:
    if b.cls not in a.partners:
        return False
    if a.catch_all and a.doc != b.doc and a.stem != b.stem:
        return False
    if a.excluded != b.excluded:
        return False  # a planned protest is not the protest that happened
    return a.means is None or b.means is None or a.means == b.means


def types_compatible(a: Claim, b: Claim, tol: Tolerances) -> bool:
    """Same or compatible link classes (the documented table); differing means stay apart.
    Across documents a catch-all class (Strategic developments: Other, leaflet drops as
    well as announcements) links only on the same trigger word."""
    return _types(profile(a, tol), profile(b, tol))


def _details(a: Profile, b: Profile, tol: Tolerances) -> bool:
    # Within one report later sentences elaborate on the lead ("the blast at the
    # checkpoint also damaged a mosque"): the test compares claims of different reports.
    if a.details is None or b.details is None or a.doc == b.doc:
        return True
    return not details_differ(a.details, b.details, tol.details)


def details_compatible(a: Claim, b: Claim, tol: Tolerances) -> bool:
    """Across reports, two claims that both state a target (or a sub-location of one
    kind) and these clearly differ are distinct incidents (``details.details_differ``);
    a claim that states none is compatible."""
    return _details(profile(a, tol), profile(b, tol), tol)


def _compatible(a: Profile, b: Profile, tol: Tolerances) -> bool:
    # cheapest tests first; all must hold, so the order changes no result
    return (
        _types(a, b)
        and _times(a, b, tol)
        and _actors(a, b)
        and _details(a, b, tol)
        and _places(a, b, tol)
    )


def compatible(a: Claim, b: Claim, tol: Tolerances | None = None) -> bool:
    """Whether two claims may describe the same real-world event (symmetric)."""
    tol = tol or default_tolerances()
    return _compatible(profile(a, tol), profile(b, tol), tol)


def _weeks(c: Claim, tol: Tolerances) -> range:
    slack = timedelta(days=tol.slack_days)
    return range((c.first - slack).toordinal() // 7, (c.last + slack).toordinal() // 7 + 1)  # type: ignore[operator]


def _cell(lat: float, lon: float, g: float) -> tuple[int, int]:
    return math.floor(lat / g), math.floor(lon / g)


def _near_cells(p: ClaimPlace, tol: Tolerances) -> Iterator[tuple[int, int]]:
    """Cells within the largest distance a fine place may link over."""
    reach = 2 * max(tol.allowance_km.values())
    g = tol.grid_degrees
    dy = math.ceil(reach / _KM_PER_DEG / g)
    coslat = max(math.cos(math.radians(p.lat or 0.0)), 0.05)
    dx = math.ceil(reach / (_KM_PER_DEG * coslat) / g)
    cy, cx = _cell(p.lat, p.lon, g)  # type: ignore[arg-type]
    for y in range(cy - dy, cy + dy + 1):
        for x in range(cx - dx, cx + dx + 1):
            yield y, x


def _month(c: Claim) -> Key:
    where = c.place.country_code if c.place and c.place.country_code else c.doc_id
    return (where, c.first.year, c.first.month)  # type: ignore[union-attr]


def point_key(p: ClaimPlace) -> Key:
    """What the place test reads of a town-level place (``points_compatible``)."""
    return (p.gazetteer_id or None, p.country_code, p.lat, p.lon, p.geo_precision)


def _at_points(c: Claim) -> bool:
    """Whether a claim is blocked by its town-level point (``LinkIndex``), not by keys."""
    p = c.place
    return (
        c.first is not None and p is not None and bool(p.country_code) and place_level(p) == "fine"
    )


def index_keys(c: Claim, tol: Tolerances) -> list[Key]:
    """The buckets a claim is stored under: its document; a coarse place under its country
    or admin1 (``coarse-*``); every placed claim under its country and admin1 too, for
    coarse claims to find it; aggregates by country and start month. A claim at a
    town-level place is also stored by grid cell and point (``LinkIndex``)."""
    keys: list[Key] = [("doc", c.doc_id)]
    p = c.place
    if c.first is None or p is None or not p.country_code:
        return keys
    level, cc = place_level(p), p.country_code
    if is_vague(c, tol):
        keys.append(("vague", *_month(c)))
        if level != "fine":
            keys.append(("vague-coarse", *_month(c)))
        return keys
    for w in _weeks(c, tol):
        keys.append(("cc", cc, w))
        if p.admin1:
            keys.append(("a1", cc, p.admin1, w))
        if level == "admin1":
            keys.append(("coarse-a1", cc, p.admin1, w))
        elif level == "country":
            keys.append(("coarse-cc", cc, w))
    return keys


def query_keys(c: Claim, tol: Tolerances) -> list[Key]:
    """The buckets that can hold a claim compatible with ``c``; with, for a claim at a
    town-level place, the claims at the points near it (``LinkIndex``), complete for
    ``compatible``."""
    keys: list[Key] = [("doc", c.doc_id)]
    p = c.place
    if c.first is None or p is None or not p.country_code:
        return keys
    level, cc = place_level(p), p.country_code
    if is_vague(c, tol):
        return [*keys, ("vague-coarse" if level == "fine" else "vague", *_month(c))]
    for w in _weeks(c, tol):
        if level == "country":
            keys.append(("cc", cc, w))
            continue
        keys.append(("coarse-cc", cc, w))
        if level == "admin1":
            keys.append(("a1", cc, p.admin1, w))
        elif p.admin1:
            keys.append(("coarse-a1", cc, p.admin1, w))
    return keys


_NEAR_MEMO = 1 << 16  # pairs of points remembered (then forgotten: stores with many towns)
_CELLS_MEMO = 1 << 12  # points whose nearby cells are remembered


_LEVEL_POINTS = {"fine": 3, "admin1": 2, "country": 1, "none": 0}
_WHEN_POINTS = {"day": 2, "week": 1, "month": 1}


def specificity(c: Claim, tol: Tolerances) -> int:
    """How much a claim pins down (place, date, perpetrator, assertion)."""
    return _specificity(c, place_level(c.place), perpetrators(c, tol), tol)


def _specificity(c: Claim, level: str, perps: frozenset[str], tol: Tolerances) -> int:
    when = _WHEN_POINTS.get(c.date_precision or "", 0)
    asserts = 0 if c.modality in tol.denial_modalities else 1
    return _LEVEL_POINTS[level] + when + (1 if perps else 0) + asserts


def salience(c: Claim) -> int:
    """How central a claim is to its report: the lead sentence states the report's event
    (2), and a claim with casualty or displacement figures is what the report is about (1).
    Background mentions ("since the offensive began on 23 May") score 0."""
    return (2 if c.sentence == 0 else 0) + (1 if c.figures else 0)


def canonical_key(c: Claim, tol: Tolerances) -> tuple[int, int, str]:
    """The order in which a component's claims are placed into events: the claims reports
    lead with first, then the most specific, then by id (a total order, so the result does
    not depend on arrival order)."""
    return (-salience(c), -specificity(c, tol), c.id)


def _resemblance(a: Profile, b: Profile) -> int:
    return (
        (a.gid is not None and a.gid == b.gid)
        + (a.window == b.window)
        + (a.cls == b.cls)
        + (a.sub == b.sub)
        + bool(a.perps & b.perps)
        + bool(a.fig_kinds & b.fig_kinds)
        + (a.doc == b.doc)
    )


def resemblance(a: Claim, b: Claim, tol: Tolerances) -> int:
    """Points of likeness between two compatible claims (one each): the same gazetteer
    place, the same date window, the same link class, the same sub-event type, a shared
    perpetrator, a shared figure kind, the same document."""
    return _resemblance(profile(a, tol), profile(b, tol))


def event_id(seed: Claim) -> str:
    return "ev-" + hashlib.sha1(seed.id.encode()).hexdigest()[:10]


class LinkIndex:
    """An incremental linker: ``add`` one document's claims at a time; ``events()`` any time.

    Adding a document already present changes nothing (re-ingest is idempotent). A
    component is split into events when they are asked for (``events``, ``event_of``),
    once however many documents touched it since: the split is a function of the
    component alone, so when it runs changes nothing.
    """

    def __init__(self, tol: Tolerances | None = None) -> None:
        self.tol = tol or default_tolerances()
        self.claims: dict[str, Claim] = {}
        self.docs: dict[str, DocInfo] = {}
        self._profiles: dict[str, Profile] = {}
        # Buckets hold their claims by link class: a claim looks only in the classes it may
        # link with (types are the first test of ``compatible``, so no link is lost).
        self._buckets: dict[Key, dict[str, list[Profile]]] = defaultdict(dict)
        self._adj: dict[str, set[str]] = {}
        self._parent: dict[str, str] = {}
        self._members: dict[str, set[str]] = {}
        self._clusters: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._dirty: set[str] = set()  # component roots to split again
        # Claims at town-level places by grid cell and week, point and link class
        # (aggregates: by country and start month, point and class). The place test of two
        # such claims reads only their points: a point that may not link with the new
        # claim's is passed over with all its claims, and the claims found pass the test.
        self._cells: dict[tuple[int, int, int], dict[Key, dict[str, list[Profile]]]] = defaultdict(
            dict
        )
        self._vague_points: dict[Key, dict[Key, dict[str, list[Profile]]]] = defaultdict(dict)
        self._near: dict[tuple[Key, Key], bool] = {}  # points_compatible of pairs seen
        self._near_cells: dict[Key, list[tuple[int, int]]] = {}
        self.comparisons = 0  # how many pairs were tested (for the cost benchmark)

    def _find(self, x: str) -> str:
        while self._parent[x] != x:
            self._parent[x] = self._parent[self._parent[x]]
            x = self._parent[x]
        return x

    def _union(self, a: str, b: str) -> str:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return ra
        if len(self._members[ra]) < len(self._members[rb]):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra] |= self._members.pop(rb)
        self._clusters.pop(rb, None)
        return ra

    def _lookup(self, p: Profile, keys: Iterable[Key]) -> set[Profile]:
        """Claims in the buckets ``keys`` of the link classes ``p`` may link with."""
        found: set[Profile] = set()
        partners = p.partners
        for key in keys:
            by_class = self._buckets.get(key)
            if by_class:
                for cls, bucket in by_class.items():
                    if cls in partners:
                        found.update(bucket)
        return found

    def _fits(self, p: Profile, pt: Key) -> bool:
        ok = self._near.get((p.pt, pt))  # type: ignore[arg-type]
        if ok is None:
            if len(self._near) >= _NEAR_MEMO:
                self._near.clear()
            ok = self._near[(p.pt, pt)] = points_compatible(p.pt, pt, self.tol)  # type: ignore[arg-type,index]
        return ok

    def _nearby(self, p: Profile) -> set[Profile]:
        """Claims at the town-level points whose place may link with ``p``'s (``p`` is
        at one), in the link classes ``p`` may link with: they pass the place test."""
        found: set[Profile] = set()
        partners, c = p.partners, p.claim
        if p.vague:
            for pt, by_class in self._vague_points.get(_month(c), {}).items():
                if self._fits(p, pt):
                    for cls, bucket in by_class.items():
                        if cls in partners:
                            found.update(bucket)
            return found
        weeks = _weeks(c, self.tol)
        cells = self._near_cells.get(p.pt)  # type: ignore[arg-type]
        if cells is None:
            if len(self._near_cells) >= _CELLS_MEMO:
                self._near_cells.clear()
            cells = self._near_cells[p.pt] = list(_near_cells(c.place, self.tol))  # type: ignore[arg-type,index]
        at = self._cells
        for y, x in cells:
            for w in weeks:
                by_point = at.get((y, x, w))
                if not by_point:
                    continue
                for pt, by_class in by_point.items():
                    if self._fits(p, pt):
                        for cls, bucket in by_class.items():
                            if cls in partners:
                                found.update(bucket)
        return found

    def _store(self, p: Profile) -> None:
        """File a claim under its keys (and at its town-level point)."""
        c, cls = p.claim, p.cls
        for key in index_keys(c, self.tol):
            self._buckets[key].setdefault(cls, []).append(p)
        if not _at_points(c):
            return
        if p.vague:
            self._vague_points[_month(c)].setdefault(p.pt, {}).setdefault(cls, []).append(p)  # type: ignore[arg-type]
            return
        y, x = _cell(c.place.lat, c.place.lon, self.tol.grid_degrees)  # type: ignore[arg-type,union-attr]
        for w in _weeks(c, self.tol):
            self._cells[(y, x, w)].setdefault(p.pt, {}).setdefault(cls, []).append(p)  # type: ignore[arg-type]

    def _insert(self, c: Claim) -> str:
        tol = self.tol
        p = profile(c, tol)
        self.claims[c.id] = c
        self._profiles[c.id] = p
        self._parent[c.id] = c.id
        self._members[c.id] = {c.id}
        general = self._lookup(p, query_keys(c, tol))
        placed = self._nearby(p) - general if _at_points(c) else set()
        self.comparisons += len(general) + len(placed)
        near = {q.id for q in general if _compatible(p, q, tol)}
        near.update(
            q.id
            for q in placed
            if _types(p, q) and _times(p, q, tol) and _actors(p, q) and _details(p, q, tol)
        )
        self._adj[c.id] = near
        for other in near:
            self._adj[other].add(c.id)
        self._store(p)
        root = c.id
        for other in {self._find(o) for o in near}:
            root = self._union(root, other)
        return root

    def add(self, info: DocInfo, claims: Iterable[Claim]) -> set[str]:
        """Link one document's claims; return the component roots that changed."""
        if info.doc_id in self.docs:
            return set()
        self.docs[info.doc_id] = info
        touched = {self._insert(c) for c in claims if c.id not in self.claims}
        roots = {self._find(r) for r in touched}
        self._dirty |= roots
        return roots

    def _settle(self) -> None:
        """Split every component changed since the last split."""
        for root in {self._find(r) for r in self._dirty}:
            self._clusters[root] = self._split(self._members[root])
        self._dirty.clear()

    def _split(self, members: set[str]) -> tuple[tuple[str, ...], ...]:
        """Complete linkage over a canonical order: each claim joins, among the clusters
        all of whose members it is compatible with, the one whose seed it most resembles
        (the earliest on ties), or seeds a new one. Leads and claims with figures go first,
        so each report's own event takes shape before background mentions are placed.

        A cluster fits when all its members are among the claim's compatible neighbours:
        counting the neighbours placed in each cluster finds those in one pass over the
        neighbours, not over every cluster's members."""
        prof = self._profiles
        order = sorted((prof[i] for i in members), key=lambda p: p.order)
        clusters: list[list[Profile]] = []
        where: dict[str, int] = {}
        for p in order:
            hits: dict[int, int] = {}
            for m in self._adj[p.id]:
                k = where.get(m)
                if k is not None:
                    hits[k] = hits.get(k, 0) + 1
            fits = sorted(k for k, n in hits.items() if n == len(clusters[k]))
            if fits:
                # max() keeps the first of equals: the earliest cluster wins ties
                k = max(fits, key=lambda k: _resemblance(p, clusters[k][0]))
            else:
                k = len(clusters)
                clusters.append([])
            clusters[k].append(p)
            where[p.id] = k
        return tuple(tuple(q.id for q in cl) for cl in clusters)

    def events(self) -> tuple[Event, ...]:
        """Every linked event, sorted by id; claims in canonical order (seed first)."""
        self._settle()
        out = []
        for root, clusters in self._clusters.items():
            if self._find(root) != root:
                continue
            for cl in clusters:
                claims = tuple(self.claims[i] for i in cl)
                out.append(Event(event_id(claims[0]), claims))
        return tuple(sorted(out, key=lambda e: e.id))

    def event_of(self, claim_id: str) -> str | None:
        """The id of the event a claim belongs to."""
        if claim_id not in self.claims:
            return None
        self._settle()
        for cl in self._clusters.get(self._find(claim_id), ()):
            if claim_id in cl:
                return event_id(self.claims[cl[0]])
        return None


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block without the cyclic garbage collector. Linking a store allocates a few
    million small objects that all live until the end and hold no reference cycles; the
    collector would walk them again and again (over half the time on 49,000 mentions).
    On the way out what survived is frozen (``gc.freeze``): the collector no longer walks
    it (else its first young-generation pass would cost a second); reference counting
    still frees it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def link(
    docs: Iterable[tuple[DocInfo, Iterable[Claim]]], tol: Tolerances | None = None
) -> tuple[Event, ...]:
    """Link every document's claims at once (same result as adding them one by one)."""
    with paused_gc():
        index = LinkIndex(tol)
        for info, claims in docs:
            index.add(info, claims)
        return index.events()


def partition(events: Iterable[Event]) -> frozenset[frozenset[str]]:
    """The events as a set of claim-id sets (for comparing linkings)."""
    return frozenset(frozenset(c.id for c in e.claims) for e in events)


def window_of(events: Iterable[Event]) -> tuple[date | None, date | None]:
    """The earliest first and latest last date over the events' claims."""
    firsts = [c.first for e in events for c in e.claims if c.first]
    lasts = [c.last for e in events for c in e.claims if c.last]
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)
