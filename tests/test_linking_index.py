"""The fast linking paths give exactly what the plain rules give: blocking by point and
class finds every compatible pair, the split counts neighbours per cluster, syndication
is decided by a sample before the whole intersection, stored mentions load back whole."""

from __future__ import annotations

from datetime import date
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_triangulate_props import _build, documents
from tri_fixtures import M, doc

from fogofwar.store import EventFilter, open_store
from fogofwar.triangulate.claims import claims_from_doc, doc_info, jaccard, similar
from fogofwar.triangulate.linking import (
    LinkIndex,
    canonical_key,
    compatible,
    point_key,
    points_compatible,
    resemblance,
)
from fogofwar.triangulate.rules import default_tolerances

PUB = date(2016, 6, 20)


def _index(ads) -> LinkIndex:
    index = LinkIndex()
    for ad in ads:
        index.add(doc_info(ad.doc), claims_from_doc(ad))
    return index


@settings(max_examples=150, deadline=None)
@given(documents)
def test_blocking_finds_exactly_the_compatible_pairs(spec) -> None:
    ads = _build(spec)
    index = _index(ads)
    claims = list(index.claims.values())
    brute = {frozenset((a.id, b.id)) for a, b in combinations(claims, 2) if compatible(a, b)}
    found = {frozenset((a, b)) for a, near in index._adj.items() for b in near}
    assert found == brute


def _reference_split(index: LinkIndex, members: set[str]) -> list[list[str]]:
    """The split as the rules state it: each claim, in canonical order, joins the most
    resembling (earliest on ties) cluster all of whose members it is compatible with."""
    tol = index.tol
    claims = sorted((index.claims[i] for i in members), key=lambda c: canonical_key(c, tol))
    clusters: list[list] = []
    for c in claims:
        fits = [cl for cl in clusters if all(compatible(c, m, tol) for m in cl)]
        if fits:
            max(fits, key=lambda cl: resemblance(c, cl[0], tol)).append(c)
        else:
            clusters.append([c])
    return [[c.id for c in cl] for cl in clusters]


@settings(max_examples=150, deadline=None)
@given(documents)
def test_split_is_complete_linkage_over_the_canonical_order(spec) -> None:
    index = _index(_build(spec))
    got = sorted(sorted(c.id for c in e.claims) for e in index.events())
    want = []
    for root in {index._find(i) for i in index.claims}:
        want += [sorted(cl) for cl in _reference_split(index, index._members[root])]
    assert got == sorted(want)


def test_events_are_split_when_asked_for_and_stay_split() -> None:
    index = LinkIndex()
    a = doc("A", PUB, M("Coalition jets struck Raqqa on Monday, killing seven.", "struck"))
    b = doc("B", PUB, M("Coalition raids on Raqqa killed nine.", "raids"))
    index.add(doc_info(a.doc), claims_from_doc(a))
    first = index.events()
    index.add(doc_info(b.doc), claims_from_doc(b))
    assert len(first) == 1 and len(index.events()) == 1
    assert len(index.events()[0].claims) == 2
    assert index.event_of(claims_from_doc(b)[0].id) == index.events()[0].id


def test_points_compatible_reads_only_the_points() -> None:
    tol = default_tolerances()
    raqqa = ("geonames:1", "SY", 35.95, 39.01, 1)
    assert points_compatible(raqqa, raqqa, tol)
    assert points_compatible(raqqa, ("geonames:2", "SY", 35.98, 39.05, 1), tol)  # ~5 km
    assert not points_compatible(raqqa, ("geonames:3", "SY", 36.10, 39.01, 1), tol)  # ~17 km
    assert points_compatible(raqqa, ("geonames:3", "SY", 36.10, 39.01, 2), tol)  # "near": 30
    assert not points_compatible(raqqa, ("geonames:4", "IQ", 35.95, 39.01, 1), tol)
    assert points_compatible(raqqa, ("geonames:1", "IQ", 30.0, 45.0, 1), tol)  # same feature
    ad = doc("A", PUB, M("Jets struck Raqqa.", "struck"))
    place = claims_from_doc(ad)[0].place
    assert point_key(place)[:2] == (place.gazetteer_id, place.country_code)


_sets = st.frozensets(st.integers(0, 60), max_size=40)


@settings(max_examples=400, deadline=None)
@given(_sets, _sets, st.sampled_from([0.0, 0.3, 0.5, 0.8, 0.9, 1.0]))
def test_similar_is_jaccard_at_least_the_threshold(a, b, t) -> None:
    assert similar(a, b, t) == (jaccard(a, b) >= t)


@settings(max_examples=200, deadline=None)
@given(st.frozensets(st.integers(), min_size=50, max_size=400), st.integers(0, 120))
def test_similar_on_near_copies(base, edits) -> None:
    """Copies with a few shingles changed sit around the threshold."""
    copy = frozenset(list(base)[edits // 2 :]) | frozenset(range(-edits, -edits // 2))
    for t in (0.7, 0.8, 0.9):
        assert similar(base, copy, t) == (jaccard(base, copy) >= t)


def test_stored_mentions_load_back_whole(tmp_path) -> None:
    ads = [
        doc(
            "A",
            PUB,
            M(
                "Isis fighters attacked Raqqa, killing at least 12.",
                "attacked",
                actors=(("actor1", "isis"),),
                figures=(("killed", "at least 12", 12, None, None, "at least"),),
            ),
            M("Coalition jets struck Manbij.", "struck", place="manbij"),
        ),
        doc("B", PUB, M("Jets struck Tabqa.", "struck", place="tabqa")),
    ]
    with open_store(tmp_path / "s.db") as store:
        for ad in ads:
            store.save(ad)
        every = store.events()
        assert every == [em for ad in ads for em in ad.events]
        assert store.events(EventFilter(limit=1)) == every[:1]
        assert store.events(EventFilter(place="Tabqa")) == [ads[1].events[0]]
        assert store.events(EventFilter(ids=(every[1].id,))) == [every[1]]
        assert store.events(EventFilter(place="Nowhere")) == []
