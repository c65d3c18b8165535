"""Linking claims from many documents into events, incrementally and order-independently.

Two claims are *compatible* when their type family, place, date window and actors agree
(``compatible``). Candidates come from blocking keys (country, coarse grid cell, week), so
a new claim is compared only with claims near it in space and time, never with all.

The partition does not depend on arrival order: compatible pairs form a graph whose
connected components are order-free; each component is then split deterministically
(complete linkage over a canonical order of its claims), so a vague claim that is
compatible with two mutually incompatible ones cannot chain them together.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from fogofwar.triangulate.claims import figures_agree
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


def places_compatible(a: Claim, b: Claim, tol: Tolerances) -> bool:
    """Precision-aware place test. Two points (town or "near" a town) link within the sum
    of their precisions' allowances. A place known only to its region or country is
    compatible with any place in it; across documents such a coarse place is no evidence
    of sameness by itself (a province sees many attacks a day), so the two reports must
    also give an agreeing figure of one kind, and at country level name one perpetrator."""
    pa, pb = a.place, b.place
    if pa is None or pb is None:
        return a.doc_id == b.doc_id  # a placeless mention only joins its own document's
    same_id = bool(pa.gazetteer_id) and pa.gazetteer_id == pb.gazetteer_id
    if pa.country_code != pb.country_code and not same_id:
        return False
    la, lb = place_level(pa), place_level(pb)
    if la == "fine" and lb == "fine":
        if same_id:
            return True
        reach = tol.allowance_km.get(pa.geo_precision, 0) + tol.allowance_km.get(
            pb.geo_precision, 0
        )
        return haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) <= reach  # type: ignore[arg-type]
    if "country" in (la, lb):
        if not perpetrators(a, tol) & perpetrators(b, tol):
            return False  # "in Syria" links only on a shared perpetrator
    elif not same_id and pa.admin1 != pb.admin1:
        return False  # one of them is only known to its admin1, the other lies elsewhere
    return a.doc_id == b.doc_id or figures_agree(a, b, tol)


def times_compatible(a: Claim, b: Claim, tol: Tolerances) -> bool:
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return a.doc_id == b.doc_id and a.first is None and b.first is None
    va, vb = is_vague(a, tol), is_vague(b, tol)
    if va or vb:
        return va and vb and (a.first.year, a.first.month) == (b.first.year, b.first.month)
    # Two exact days stated in one document are different days. Across documents, a day
    # of slack absorbs "yesterday" or "overnight" read against different publication
    # dates; a week, month or range already spans its own uncertainty ("in June" does not
    # reach 31 May).
    days = a.date_precision == b.date_precision == "day"
    slack = timedelta(days=tol.slack_days if days and a.doc_id != b.doc_id else 0)
    return a.first <= b.last + slack and b.first <= a.last + slack


def _sides(c: Claim, ids: frozenset[str]) -> frozenset[str]:
    return frozenset(
        s for a in c.actors if a.canonical_id in ids for s in a.side or (a.canonical_id,)
    )


def same_side(a: Claim, b: Claim, tol: Tolerances) -> bool:
    """Whether the perpetrators can be one: no known perpetrator on either side, or one's
    perpetrator is among the other's actors (roles may swap: "Isis attacked the SDF" / "the
    SDF repelled Isis"), counting units of one force and organs of one state as one."""
    a1, b1 = perpetrators(a, tol), perpetrators(b, tol)
    if not a1 or not b1:
        return True
    a_all = _sides(a, a.actor_ids - {x for x in a.actor_ids if _unknown(x)})
    b_all = _sides(b, b.actor_ids - {x for x in b.actor_ids if _unknown(x)})
    return bool(_sides(a, a1) & b_all or _sides(b, b1) & a_all)


def actors_compatible(a: Claim, b: Claim, tol: Tolerances) -> bool:
    if same_side(a, b, tol):
        return True
    # A denial disputes that something happened; the actor a denial sentence yields is
    # the denier or whoever the text named last, so it does not keep a denial apart.
    if a.modality in tol.denial_modalities or b.modality in tol.denial_modalities:
        return True
    # Who carried out one strike is itself often disputed: the same means, same town and
    # same day link despite different perpetrators, and reconciling marks them contested.
    return (
        a.date_precision == b.date_precision == "day"
        and a.first == b.first
        and a.sub_event_type == b.sub_event_type
        and a.sub_event_type in tol.means_by_sub
        and a.place is not None
        and b.place is not None
        and a.place.gazetteer_id is not None
        and a.place.gazetteer_id == b.place.gazetteer_id
    )


def link_class(c: Claim, tol: Tolerances) -> str:
    return tol.link_class(c.family, c.sub_event_type)


_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def trigger_stem(c: Claim) -> str:
    """The trigger word, lower-cased, without a plural or verb ending ("leaflets" →
    "leaflet", "announced" → "announc")."""
    word = c.text.lower().strip()
    return _SUFFIX.sub("", word) if len(word) > 4 else word


def types_compatible(a: Claim, b: Claim, tol: Tolerances) -> bool:
    """Same or compatible link classes (the documented table); differing means stay apart.
    Across documents a catch-all class (Strategic developments: Other, leaflet drops as
    well as announcements) links only on the same trigger word."""
    ca, cb = link_class(a, tol), link_class(b, tol)
    if not tol.classes_compatible(ca, cb):
        return False
    if ca in tol.catch_all_classes and a.doc_id != b.doc_id and trigger_stem(a) != trigger_stem(b):
        return False
    if (a.modality in tol.excluded_modalities) != (b.modality in tol.excluded_modalities):
        return False  # a planned protest is not the protest that happened
    ma, mb = tol.means_by_sub.get(a.sub_event_type), tol.means_by_sub.get(b.sub_event_type)
    return ma is None or mb is None or ma == mb


def compatible(a: Claim, b: Claim, tol: Tolerances | None = None) -> bool:
    """Whether two claims may describe the same real-world event (symmetric)."""
    tol = tol or default_tolerances()
    return (
        types_compatible(a, b, tol)
        and times_compatible(a, b, tol)
        and places_compatible(a, b, tol)
        and actors_compatible(a, b, tol)
    )


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


def _vague_key(c: Claim) -> Key:
    where = c.place.country_code if c.place and c.place.country_code else c.doc_id
    return ("vague", where, c.first.year, c.first.month)  # type: ignore[union-attr]


def index_keys(c: Claim, tol: Tolerances) -> list[Key]:
    """The buckets a claim is stored under."""
    keys: list[Key] = [("doc", c.doc_id)]
    p = c.place
    if c.first is None or p is None or not p.country_code:
        return keys
    if is_vague(c, tol):
        return [*keys, _vague_key(c)]
    level, cc = place_level(p), p.country_code
    for w in _weeks(c, tol):
        keys.append(("cc", cc, w))
        if p.admin1:
            keys.append(("a1", cc, p.admin1, w))
        if level == "fine":
            keys.append(("cell", *_cell(p.lat, p.lon, tol.grid_degrees), w))  # type: ignore[arg-type]
        elif level == "admin1":
            keys.append(("coarse-a1", cc, p.admin1, w))
        else:
            keys.append(("coarse-cc", cc, w))
    return keys


def query_keys(c: Claim, tol: Tolerances) -> list[Key]:
    """The buckets that can hold a claim compatible with ``c`` (complete for ``compatible``)."""
    keys: list[Key] = [("doc", c.doc_id)]
    p = c.place
    if c.first is None or p is None or not p.country_code:
        return keys
    if is_vague(c, tol):
        return [*keys, _vague_key(c)]
    level, cc = place_level(p), p.country_code
    cells = list(_near_cells(p, tol)) if level == "fine" else []
    for w in _weeks(c, tol):
        if level == "country":
            keys.append(("cc", cc, w))
            continue
        keys.append(("coarse-cc", cc, w))
        if level == "admin1":
            keys.append(("a1", cc, p.admin1, w))
            continue
        keys.extend(("cell", y, x, w) for y, x in cells)
        if p.admin1:
            keys.append(("coarse-a1", cc, p.admin1, w))
    return keys


def specificity(c: Claim, tol: Tolerances) -> int:
    """How much a claim pins down (place, date, perpetrator, assertion)."""
    level = {"fine": 3, "admin1": 2, "country": 1, "none": 0}[place_level(c.place)]
    when = {"day": 2, "week": 1, "month": 1}.get(c.date_precision or "", 0)
    asserts = 0 if c.modality in tol.denial_modalities else 1
    return level + when + (1 if perpetrators(c, tol) else 0) + asserts


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


def resemblance(a: Claim, b: Claim, tol: Tolerances) -> int:
    """Points of likeness between two compatible claims (one each): the same gazetteer
    place, the same date window, the same link class, the same sub-event type, a shared
    perpetrator, a shared figure kind, the same document."""
    pa, pb = a.place, b.place
    return sum(
        (
            bool(pa and pb and pa.gazetteer_id and pa.gazetteer_id == pb.gazetteer_id),
            (a.first, a.last) == (b.first, b.last),
            link_class(a, tol) == link_class(b, tol),
            a.sub_event_type == b.sub_event_type,
            bool(perpetrators(a, tol) & perpetrators(b, tol)),
            bool({f.kind for f in a.figures} & {f.kind for f in b.figures}),
            a.doc_id == b.doc_id,
        )
    )


def event_id(seed: Claim) -> str:
    return "ev-" + hashlib.sha1(seed.id.encode()).hexdigest()[:10]


class LinkIndex:
    """An incremental linker: ``add`` one document's claims at a time; ``events()`` any time.

    Adding a document already present changes nothing (re-ingest is idempotent).
    """

    def __init__(self, tol: Tolerances | None = None) -> None:
        self.tol = tol or default_tolerances()
        self.claims: dict[str, Claim] = {}
        self.docs: dict[str, DocInfo] = {}
        self._buckets: dict[Key, list[str]] = defaultdict(list)
        self._adj: dict[str, set[str]] = {}
        self._parent: dict[str, str] = {}
        self._members: dict[str, set[str]] = {}
        self._clusters: dict[str, tuple[tuple[str, ...], ...]] = {}
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

    def _candidates(self, c: Claim) -> set[str]:
        found: set[str] = set()
        for key in query_keys(c, self.tol):
            found.update(self._buckets.get(key, ()))
        found.discard(c.id)
        return found

    def _insert(self, c: Claim) -> str:
        self.claims[c.id] = c
        self._parent[c.id] = c.id
        self._members[c.id] = {c.id}
        near: set[str] = set()
        for other in self._candidates(c):
            self.comparisons += 1
            if compatible(c, self.claims[other], self.tol):
                near.add(other)
        self._adj[c.id] = near
        for other in near:
            self._adj[other].add(c.id)
        for key in index_keys(c, self.tol):
            self._buckets[key].append(c.id)
        root = c.id
        for other in near:
            root = self._union(root, other)
        return root

    def add(self, info: DocInfo, claims: Iterable[Claim]) -> set[str]:
        """Link one document's claims; return the component roots that changed."""
        if info.doc_id in self.docs:
            return set()
        self.docs[info.doc_id] = info
        touched = {self._insert(c) for c in claims if c.id not in self.claims}
        roots = {self._find(r) for r in touched}
        for root in roots:
            self._clusters[root] = self._split(self._members[root])
        return roots

    def _split(self, members: set[str]) -> tuple[tuple[str, ...], ...]:
        """Complete linkage over a canonical order: each claim joins, among the clusters
        all of whose members it is compatible with, the one whose seed it most resembles
        (the earliest on ties), or seeds a new one. Leads and claims with figures go first,
        so each report's own event takes shape before background mentions are placed."""
        claims, tol = self.claims, self.tol
        order = sorted(members, key=lambda i: canonical_key(claims[i], tol))
        clusters: list[list[str]] = []
        for cid in order:
            adj, c = self._adj[cid], claims[cid]
            fits = [cl for cl in clusters if all(m in adj for m in cl)]
            if not fits:
                clusters.append([cid])
                continue
            # max() keeps the first of equals: the earliest cluster wins ties
            max(fits, key=lambda cl: resemblance(c, claims[cl[0]], tol)).append(cid)
        return tuple(tuple(cl) for cl in clusters)

    def events(self) -> tuple[Event, ...]:
        """Every linked event, sorted by id; claims in canonical order (seed first)."""
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
        for cl in self._clusters.get(self._find(claim_id), ()):
            if claim_id in cl:
                return event_id(self.claims[cl[0]])
        return None


def link(
    docs: Iterable[tuple[DocInfo, Iterable[Claim]]], tol: Tolerances | None = None
) -> tuple[Event, ...]:
    """Link every document's claims at once (same result as adding them one by one)."""
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
