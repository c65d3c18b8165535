"""Property tests: linking does not depend on arrival order; re-ingesting changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from tri_fixtures import M, doc

from fogofwar.triangulate.claims import claims_from_doc, doc_info
from fogofwar.triangulate.linking import LinkIndex, partition
from fogofwar.triangulate.reconcile import reconcile_all

PUB = date(2016, 6, 20)
TOWNS = [
    "raqqa",
    "tabqa",
    "manbij",
    "aleppo",
    "fallujah",
    "near_fallujah",
    "saqlawiyah",
    "anbar",
    "syria",
    None,
]
KINDS = ["air", "clash", "attack", "bomb", "flee", "shelling", "abduction", "arrests", "other"]
ACTORS = [
    (),
    (("actor1", "isis"),),
    (("actor1", "coalition"),),
    (("actor1", "sdf"), ("actor2", "isis")),
    (("actor1", "syrian_army"),),
    (("actor1", "unidentified"),),
    (("actor1", "ypg"),),
    (("actor1", "iraqi_army"), ("actor2", "isis")),
    (("actor1", "iraqi_police"),),
    (("actor1", "civilians"),),
]
MODALITIES = ["reported", "reported", "alleged", "denied", "negated", "planned"]

mention = st.builds(
    lambda town, kind, actors, offset, span, modality, n: M(
        f"Report {n}: {'leaflets' if n % 2 else 'event'} in town.",
        "leaflets" if n % 2 else "event",
        kind=kind,
        place=town,
        actors=actors,
        day=None if offset is None else date(2016, 6, 1) + timedelta(days=offset),
        last=None if offset is None else date(2016, 6, 1) + timedelta(days=offset + span),
        precision="day" if span == 0 else "range",
        modality=modality,
        figures=(("killed", "Report", n % 7, n % 7, n % 7, None),),
    ),
    st.sampled_from(TOWNS),
    st.sampled_from(KINDS),
    st.sampled_from(ACTORS),
    st.one_of(st.none(), st.integers(0, 15)),
    st.sampled_from([0, 0, 0, 6, 20, 30, 400]),
    st.sampled_from(MODALITIES),
    st.integers(0, 10_000),
)
documents = st.lists(
    st.tuples(
        st.sampled_from(["Wire", "Monitor", "Blog", "Agency"]),
        st.lists(mention, min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=9,
)


def _build(spec):
    ads = {}
    for i, (source, ms) in enumerate(spec):
        ad = doc(source, PUB, *ms, tail=f"Document {i}.")
        ads[ad.doc.id] = ad
    return list(ads.values())


def _run(ads):
    index = LinkIndex()
    for ad in ads:
        index.add(doc_info(ad.doc), claims_from_doc(ad))
    return index


@settings(max_examples=100, deadline=None)
@given(documents, st.randoms(use_true_random=False))
def test_any_arrival_order_gives_the_same_events(spec, rnd) -> None:
    ads = _build(spec)
    first = _run(ads)
    shuffled = ads[:]
    rnd.shuffle(shuffled)
    second = _run(shuffled)
    assert partition(first.events()) == partition(second.events())
    assert [e.id for e in first.events()] == [e.id for e in second.events()]
    infos = first.docs
    assert reconcile_all(first.events(), infos) == reconcile_all(second.events(), infos)


@settings(max_examples=100, deadline=None)
@given(documents, st.data())
def test_reingesting_documents_changes_nothing(spec, data) -> None:
    ads = _build(spec)
    index = _run(ads)
    before = index.events()
    again = data.draw(st.lists(st.sampled_from(ads), min_size=1, max_size=len(ads)))
    for ad in again:
        assert index.add(doc_info(ad.doc), claims_from_doc(ad)) == set()
    assert index.events() == before


@settings(max_examples=100, deadline=None)
@given(documents)
def test_every_claim_lands_in_exactly_one_event_of_compatible_claims(spec) -> None:
    from fogofwar.triangulate.linking import compatible

    ads = _build(spec)
    events = _run(ads).events()
    ids = [c.id for e in events for c in e.claims]
    assert sorted(ids) == sorted(c.id for ad in ads for c in claims_from_doc(ad))
    for e in events:
        for i, a in enumerate(e.claims):
            assert all(compatible(a, b) for b in e.claims[i + 1 :])
