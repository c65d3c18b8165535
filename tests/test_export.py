"""Exports: the documented JSON object, ACLED-style CSV, GeoJSON and Parquet."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
from annotated_fixture import EVENT_KEYS, annotated

from fogofwar.model import EventMention, Figure
from fogofwar.store import open_store
from fogofwar.store.export import (
    ACLED_COLUMNS,
    conservative_killed,
    event_to_dict,
    export_events,
    relations_to_dicts,
)
from fogofwar.store.queries import DocInfo


def _stored() -> tuple[list[EventMention], dict[str, DocInfo]]:
    with open_store(":memory:") as store:
        store.save(annotated())
        evs = store.events()
        return evs, store.doc_infos(e.doc_id for e in evs)


def test_event_json_has_the_documented_keys() -> None:
    evs, infos = _stored()
    obj = event_to_dict(evs[0], infos[evs[0].doc_id])
    assert EVENT_KEYS <= obj.keys()
    assert obj["date"] == "2016-05-23" and obj["date_precision"] == "day"
    assert set(obj["place"]) == {
        "name",
        "country",
        "admin1",
        "lat",
        "lon",
        "geo_precision",
        "gazetteer_id",
    }
    assert [(a["canonical_id"], a["role"]) for a in obj["actors"]] == [
        ("military_forces_of_iraq", "actor1"),
        ("military_forces_of_united_states", "assoc"),
    ]
    fig = obj["figures"][0]
    assert (fig["kind"], fig["low"], fig["qualifier"]) == ("killed", 12, "at least")
    mention = obj["mentions"][0]
    assert {"doc_id", "start", "end", "sentence"} <= mention.keys()
    assert obj["source"] == "Example Wire" and obj["attribution"] == "a medic"


def test_event_without_place_or_date_serialises() -> None:
    evs, _ = _stored()
    obj = event_to_dict(replace(evs[0], place=None, date=None))
    assert obj["place"] is None and obj["date"] is None and obj["source"] is None


def test_csv_has_acled_columns_and_conservative_fatalities(tmp_path: Path) -> None:
    evs, infos = _stored()
    res = export_events(evs, infos, "csv", tmp_path)
    rows = list(csv.DictReader(res.path.open(encoding="utf-8")))
    assert list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    row = rows[0]
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"]) == (
        "Military Forces of Iraq",
        "Military Forces of the United States",
        "",
    )
    assert (row["location"], row["country"], row["time_precision"]) == ("Al Fallujah", "Iraq", "1")
    assert row["fatalities"] == "12" and row["fatalities_qualifier"] == "at least"
    assert row["notes"].startswith("Iraqi troops") and row["url"] == "http://x.test/1"


def test_conservative_killed_prefers_low_and_ignores_other_kinds() -> None:
    def fig(kind: str, low: int | None, best: int | None) -> Figure:
        return Figure("d", 0, 1, "x", 0, kind, low, best, None, None)  # type: ignore[arg-type]

    assert conservative_killed([fig("injured", 90, 90)]) is None
    chosen = conservative_killed([fig("killed", 3, 5), fig("killed", None, 12)])
    assert chosen is not None and chosen.best == 12
    assert conservative_killed([fig("killed", 20, 40)]).low == 20  # type: ignore[union-attr]


def test_geojson_omits_and_counts_events_without_coordinates(tmp_path: Path) -> None:
    evs, infos = _stored()
    nowhere = replace(evs[0], id="x:0:1", place=None)
    res = export_events([evs[0], nowhere], infos, "geojson", tmp_path)
    coll = json.loads(res.path.read_text())
    assert coll["type"] == "FeatureCollection"
    assert (res.written, res.omitted) == (1, 1)
    assert coll["features"][0]["geometry"]["coordinates"] == [43.78, 33.35]


def test_json_and_parquet_exports(tmp_path: Path) -> None:
    evs, infos = _stored()
    objs = json.loads(export_events(evs, infos, "json", tmp_path).path.read_text())
    assert EVENT_KEYS <= objs[0].keys()
    table = pq.read_table(export_events(evs, infos, "parquet", tmp_path).path)
    assert table.num_rows == 1
    assert table.column("fatalities").to_pylist() == [12]
    assert table.column("latitude").to_pylist() == [33.35]


def test_relations_grouped_with_mentions() -> None:
    ad = annotated()
    rel = ad.relations[0]
    infos = {ad.doc.id: DocInfo(ad.doc.id, "Example Wire", None, None, None, None)}
    (obj,) = relations_to_dicts([rel, rel], {rel.target: "Military Forces of Iraq"}, infos)
    assert (obj["kind"], obj["target_name"], obj["sources"]) == (
        "backs",
        "Military Forces of Iraq",
        ["Example Wire"],
    )
    assert len(obj["mentions"]) == 2
    assert obj["source_name"] == rel.source  # unknown name falls back to the id
