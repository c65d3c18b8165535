"""The store keeps triangulation's result: what it keeps equals what linking the store
again gives, re-ingesting changes nothing, a new document updates it, and the commands
read it instead of linking the store again."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from click.testing import CliRunner
from tri_fixtures import M, doc, onto

from fogofwar.cli import cli
from fogofwar.runner import extract_pending, run_batch
from fogofwar.store import open_store
from fogofwar.store.migrations import MIGRATIONS
from fogofwar.triangulate import persist
from fogofwar.triangulate.records import LinkedFilter

PUB = date(2016, 6, 1)

WIRE = doc(
    "Levant Wire",
    PUB,
    M(
        "Coalition jets struck a Raqqa market on Monday, killing seven.",
        "struck",
        figures=(("killed", "seven", 7, 7, 7, None),),
    ),
    M("Jets also struck Manbij.", "struck", place="manbij"),
)
MONITOR = doc(
    "Euphrates Monitor",
    PUB,
    M(
        "Activists said coalition raids on Raqqa killed 30 on Monday.",
        "raids",
        figures=(("killed", "30", 30, 30, 30, None),),
    ),
)
RADIO = doc(
    "Tabqa Radio",
    PUB,
    M(
        "Residents said coalition jets hit the Raqqa market, killing eight.",
        "hit",
        figures=(("killed", "eight", 8, 8, 8, None),),
    ),
)


def _save(path, *ads) -> None:
    with open_store(path) as store:
        for ad in ads:
            store.save(ad)


def _recomputed(store) -> list:
    tri = persist.triangulate_store(store)
    return [persist.linked_event(e, tri.reconciled[e.id]) for e in tri.events]


def test_persisted_equals_recomputed(tmp_path) -> None:
    db = tmp_path / "s.db"
    _save(db, WIRE, MONITOR, RADIO)
    with open_store(db) as store:
        assert store.linked_revision() is None
        fresh = persist.refresh(store)
        assert fresh is not None
        assert store.linked_revision() == persist.revision(store)
        kept = store.linked()
        assert kept == _recomputed(store)
        raqqa = [le for le in kept if le.place == "Raqqa"]
        assert len(raqqa) == 1 and raqqa[0].reconciled.sources == 3
        assert [f.kind for f in raqqa[0].reconciled.figures] == ["killed"]
        # claims loaded for the kept events are the claims linking gives
        pairs = persist.with_claims(store)
        assert [(e, r) for e, r in pairs] == [(e, fresh.reconciled[e.id]) for e in fresh.events]
        assert persist.refresh(store) is None  # nothing changed: nothing recomputed


def test_filters_read_in_sql_match_the_events(tmp_path) -> None:
    db = tmp_path / "s.db"
    _save(db, WIRE, MONITOR, RADIO)
    with open_store(db) as store:
        every = persist.linked(store)
        for flt in (
            LinkedFilter(contested=True),
            LinkedFilter(grade="contested"),
            LinkedFilter(grade="single source"),
            LinkedFilter(min_sources=2),
            LinkedFilter(ids=(every[0].id,)),
            LinkedFilter(mention_ids=(every[-1].mention_ids[-1],)),
        ):
            r = [le.reconciled for le in every]
            want = [
                le
                for le, x in zip(every, r, strict=True)
                if (not flt.contested or x.contested)
                and (not flt.grade or x.grade == flt.grade)
                and x.sources >= flt.min_sources
                and (
                    not (flt.ids or flt.mention_ids)
                    or le.id in flt.ids
                    or set(le.mention_ids) & set(flt.mention_ids)
                )
            ]
            assert store.linked(flt) == want, flt
            ids = {m for le in want for m in le.mention_ids}
            assert store.linked_mention_ids(flt) == ids
        assert store.linked(LinkedFilter(ids=("ev-none",))) == []


def test_saving_the_same_document_again_changes_nothing(tmp_path) -> None:
    db = tmp_path / "s.db"
    _save(db, WIRE, MONITOR)
    with open_store(db) as store:
        persist.refresh(store)
        before, rev = store.linked(), store.linked_revision()
        assert store.save(WIRE) is False
        assert store.add_document(MONITOR.doc) is False
        assert store.linked_revision() == rev == persist.revision(store)
        assert persist.refresh(store) is None
        assert store.linked() == before


def test_a_new_document_updates_the_linked_events(tmp_path) -> None:
    db = tmp_path / "s.db"
    _save(db, WIRE)
    with open_store(db) as store:
        raqqa = [le for le in persist.linked(store) if le.place == "Raqqa"]
        assert raqqa[0].reconciled.sources == 1
        assert raqqa[0].reconciled.grade == "single source"
        store.save(MONITOR)
        assert store.linked_revision() != persist.revision(store)
        raqqa = [le for le in persist.linked(store) if le.place == "Raqqa"]
        assert raqqa[0].reconciled.sources == 2 and len(raqqa[0].mention_ids) == 2
        assert raqqa[0].reconciled.contested  # 7 vs 30 killed
        assert store.linked() == _recomputed(store)


def _feed(tmp_path, *ads):
    """Write the documents as files; a fake extractor gives their hand-built mentions."""
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    built = {}
    for n, ad in enumerate(ads):
        (folder / f"r{n}.txt").write_text(ad.doc.text, encoding="utf-8")
        built[ad.doc.text.strip()] = ad
    return folder, lambda d: onto(d, built[d.text.strip()])


def test_run_and_extract_persist_and_reingest_changes_nothing(tmp_path) -> None:
    db = tmp_path / "s.db"
    folder, fake = _feed(tmp_path, WIRE, MONITOR)
    with open_store(db) as store:
        report = run_batch(store, [folder], extractor=fake, progress=False)
        assert report.extracted == 2
        assert store.linked_revision() == persist.revision(store)  # kept at once
        kept = store.linked()
        assert kept == _recomputed(store)
        again = run_batch(store, [folder], extractor=fake, progress=False)
        assert again.extracted == 0 and again.duplicates == 2
        assert store.linked() == kept and persist.refresh(store) is None
    folder, fake = _feed(tmp_path, WIRE, MONITOR, RADIO)
    with open_store(db) as store:
        run_batch(store, [folder], extractor=fake, extract=False, progress=False)
        assert store.linked() == kept  # ingested, not extracted: nothing to link yet
        extract_pending(store, extractor=fake, progress=False)
        assert store.linked_revision() == persist.revision(store)
        assert store.linked() == _recomputed(store) != kept


def test_commands_read_the_kept_result(tmp_path, monkeypatch) -> None:
    db = tmp_path / "s.db"
    _save(db, WIRE, MONITOR, RADIO)
    run = CliRunner().invoke
    first = run(cli, ["--db", str(db), "linked", "--format", "json"])
    assert first.exit_code == 0, first.output

    def fail(*_a, **_k):
        raise AssertionError("the store was linked again")

    monkeypatch.setattr(persist, "triangulate_store", fail)
    again = run(cli, ["--db", str(db), "linked", "--format", "json"])
    assert again.exit_code == 0, again.output
    assert again.output == first.output
    events = json.loads(first.output)
    raqqa = next(e for e in events if e["place"] == "Raqqa")
    assert raqqa["sources"] == 3 and len(raqqa["claims"]) == 3
    for args in (
        ["event", raqqa["id"], "--format", "json"],
        ["event", raqqa["claims"][1]["mention_id"], "--format", "json"],
        ["events", "--contested", "--format", "json"],
        ["linked", "--format", "csv"],
        ["linked", "--min-sources", "2"],
        ["actors"],
    ):
        out = run(cli, ["--db", str(db), *args])
        assert out.exit_code == 0, (args, out.output)
    one = json.loads(run(cli, ["--db", str(db), "event", raqqa["id"], "--format", "json"]).output)
    assert one == raqqa
    contested = run(cli, ["--db", str(db), "events", "--contested", "--format", "json"])
    mentions = json.loads(contested.output)
    assert sorted(m["id"] for m in mentions) == sorted(c["mention_id"] for c in raqqa["claims"])
    # a changed store is linked again
    _save(db, doc("Daily Courier", PUB, M("Coalition jets struck Tabqa.", "struck", place="tabqa")))
    with pytest.raises(AssertionError, match="linked again"):
        with open_store(db) as store:
            persist.linked(store)


def test_the_linked_tables_are_a_migration(tmp_path) -> None:
    assert MIGRATIONS[-1].name == "0002_linked_events"
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)  # a store made before triangulation was kept
    conn.executescript(
        "CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);"
        f"{MIGRATIONS[0].sql}"
        "INSERT INTO migrations VALUES ('0001_documents_and_mentions', 'then');"
        "PRAGMA user_version = 1;"
    )
    conn.close()
    _save(db, WIRE, MONITOR)
    with open_store(db) as store:
        assert store.version == len(MIGRATIONS)
        assert store.linked() == []  # nothing kept yet
        assert persist.linked(store) == _recomputed(store)
