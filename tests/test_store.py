"""The SQLite store: migrations, round-trips, dedupe, filters, failures, interrupted runs."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from annotated_fixture import annotated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fogofwar.errors import StoreError
from fogofwar.ingest.document import make_document
from fogofwar.model import (
    ActorMention,
    AnnotatedDoc,
    Attribution,
    DateMention,
    EventActor,
    EventMention,
    Figure,
    PlaceMention,
    Relation,
)
from fogofwar.runner import run_batch
from fogofwar.store import EventFilter, open_store
from fogofwar.store.migrations import MIGRATIONS

# -- hypothesis: any AnnotatedDoc survives the store unchanged ------------------------------

_s = st.text(max_size=12)
_opt = st.none() | _s
_n = st.integers(min_value=0, max_value=10**7)
_day = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def annotated_docs(draw: st.DrawFn) -> AnnotatedDoc:
    doc = make_document(
        draw(st.text(min_size=1, max_size=60)) + "x",
        published=draw(st.none() | _day),
        source=draw(_opt),
    )
    d = doc.id

    def span() -> tuple[str, int, int, str, int]:
        a = draw(st.integers(0, len(doc.text) - 1))
        b = draw(st.integers(a, len(doc.text)))
        return d, a, b, doc.text[a:b], draw(st.integers(0, 20))

    actor = st.builds(lambda: ActorMention(*span(), draw(_s), draw(_s), "rebel", draw(_opt)))
    actors = [draw(actor) for _ in range(draw(st.integers(0, 3)))]
    place = PlaceMention(
        *span(),
        draw(_s),
        draw(_opt),
        draw(_opt),
        draw(_opt),
        draw(_opt),
        draw(st.none() | st.floats(-90, 90)),
        draw(st.none() | st.floats(-180, 180)),
        draw(st.integers(1, 3)),
    )
    first = draw(_day)
    when = DateMention(
        *span(),
        first,
        draw(st.dates(min_value=first)),
        draw(st.sampled_from(["day", "week", "month", "year", "range"])),
    )
    figs = [
        Figure(
            *span(),
            draw(st.sampled_from(["killed", "injured", "displaced"])),
            draw(st.none() | _n),
            draw(st.none() | _n),
            draw(st.none() | _n),
            draw(_opt),
            draw(_opt),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    attr = Attribution(*span(), draw(_s), draw(_opt), draw(st.booleans()))
    rels = [Relation(*span(), "backs", draw(_s), draw(_s)) for _ in range(draw(st.integers(0, 2)))]
    ev = EventMention(
        f"{d}:0:0",
        d,
        0,
        1,
        doc.text[0],
        0,
        draw(_s),
        draw(_s),
        draw(_s),
        draw(_s),
        actors=tuple(
            EventActor(draw(st.sampled_from(["actor1", "actor2", "assoc"])), a) for a in actors
        ),
        place=draw(st.none() | st.just(place)),
        date=draw(st.none() | st.just(when)),
        figures=tuple(figs),
        attribution=draw(st.none() | st.just(attr)),
        modality=draw(st.sampled_from(["reported", "alleged", "denied"])),
    )
    return AnnotatedDoc(
        doc, (), tuple(actors), (place,), (when,), tuple(figs), (attr,), tuple(rels), (ev,)
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated_docs())
def test_round_trip_of_records_through_the_store(ad: AnnotatedDoc) -> None:
    with open_store(":memory:") as store:
        assert store.save(ad)
        assert store.events() == list(ad.events)
        assert store.event(ad.events[0].id) == ad.events[0]
        assert store.relations() == list(ad.relations)
        assert store.document(ad.doc.id) == ad.doc


# -- behaviour ---------------------------------------------------------------------------------


def test_schema_version_and_migrations_recorded(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = [r[0] for r in conn.execute("SELECT name FROM migrations")]
    assert names == [m.name for m in MIGRATIONS]
    conn.close()
    open_store(db).close()  # reopening applies nothing twice


def test_store_newer_than_code_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(StoreError, match="upgrade fogofwar"):
        open_store(db)


def test_saving_the_same_document_twice_is_a_no_op() -> None:
    with open_store(":memory:") as store:
        ad = annotated()
        assert store.save(ad) is True
        assert store.save(ad) is False
        assert store.add_document(ad.doc) is False
        assert store.counts()["events"] == 1 and store.counts()["documents"] == 1


def test_ingested_document_is_pending_until_saved() -> None:
    with open_store(":memory:") as store:
        ad = annotated()
        assert store.add_document(ad.doc)
        assert store.pending_ids() == [ad.doc.id]
        assert store.save(ad)
        assert store.pending_ids() == []


@pytest.mark.parametrize(
    ("flt", "hits"),
    [
        (EventFilter(), 1),
        (EventFilter(type="battles"), 1),
        (EventFilter(type="protest"), 0),
        (EventFilter(place="fallujah"), 1),
        (EventFilter(place="anbar"), 1),
        (EventFilter(place="Raqqa"), 0),
        (EventFilter(actor="iraq"), 1),
        (EventFilter(actor="isis"), 0),
        (EventFilter(since=date(2016, 5, 23), until=date(2016, 5, 23)), 1),
        (EventFilter(since=date(2016, 5, 24)), 0),
        (EventFilter(until=date(2016, 5, 22)), 0),
        (EventFilter(min_killed=12), 1),
        (EventFilter(min_killed=13), 0),
    ],
)
def test_event_filters(flt: EventFilter, hits: int) -> None:
    with open_store(":memory:") as store:
        store.save(annotated())
        store.save(AnnotatedDoc(make_document("Protesters gathered peacefully in Basra.")))
        assert len(store.events(flt)) == hits


def test_relations_filtered_by_actor() -> None:
    with open_store(":memory:") as store:
        store.save(annotated())
        assert len(store.relations("Military Forces of Iraq")) == 1
        assert store.relations("isis") == []


def test_failed_extraction_is_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Report number {n} from Idlib.")

    def extractor(doc):  # noqa: ANN001, ANN202 - a test double
        if "number 1" in doc.text:
            raise ValueError("stage exploded")
        return AnnotatedDoc(doc)

    with open_store(":memory:") as store:
        report = run_batch(store, [tmp_path], extractor=extractor, progress=False)
        assert report.extracted == 2
        assert report.failed[0][1] == "ValueError: stage exploded"
        (failure,) = store.failures()
        assert failure.reason == "ValueError: stage exploded"
        assert len(store.pending_ids()) == 1  # kept, to retry with `fogofwar extract`


def test_interrupted_run_keeps_documents_already_stored(tmp_path: Path) -> None:
    for n in range(4):
        (tmp_path / f"{n}.txt").write_text(f"Dispatch {n}: clashes near Tobruk.")
    seen: list[str] = []

    def extractor(doc):  # noqa: ANN001, ANN202
        if len(seen) == 2:
            raise KeyboardInterrupt
        seen.append(doc.id)
        return AnnotatedDoc(doc)

    db = tmp_path / "s.db"
    with open_store(db) as store, pytest.raises(KeyboardInterrupt):
        run_batch(store, [tmp_path], extractor=extractor, progress=False)
    with open_store(db) as store:
        assert sorted(d.id for d in store.documents()) == sorted(seen)
        # rerunning finishes the job and does not redo the stored ones
        report = run_batch(store, [tmp_path], extractor=AnnotatedDoc, progress=False)
        assert (report.extracted, report.duplicates) == (2, 2)


def test_event_mention_not_in_document_lists_is_still_stored() -> None:
    ad = annotated()
    ev = ad.events[0]
    extra = replace(ev.place, name="Somewhere else") if ev.place else None
    ad = replace(ad, events=(replace(ev, place=extra),))
    with open_store(":memory:") as store:
        store.save(ad)
        assert store.events()[0].place == extra


def test_actor_names_fall_back_to_the_dictionary_for_bare_countries() -> None:
    # "backed by Iran" stores government:IR, which no actor mention names
    with open_store(":memory:") as store:
        names = store.actor_names({"government:IR", "military_forces:RU", "no_such_actor"})
    assert names == {
        "government:IR": "Government of Iran",
        "military_forces:RU": "Military Forces of Russia",
    }
