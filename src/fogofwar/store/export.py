"""Export writers: the documented JSON objects, ACLED-style CSV, GeoJSON and Parquet.

The JSON object of one event (docs/schema.md) is built by ``event_to_dict``; CSV, GeoJSON
and Parquet are flat rows from ``acled_row``. Until triangulation links mentions across
documents, an "event" is one event mention.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fogofwar.model import DateMention, EventMention, Figure, Relation
from fogofwar.store.queries import DocInfo

FORMATS = ("csv", "geojson", "json", "parquet")

# ACLED time_precision: 1 = the day is known, 2 = the week, 3 = the month or longer.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "range": 3}

ACLED_COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "fatalities",
    "notes",
    "source",
)
PROVENANCE_COLUMNS = (
    "event_id",
    "doc_id",
    "start",
    "end",
    "sentence",
    "trigger",
    "plover_type",
    "modality",
    "attribution",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "fatalities_qualifier",
    "date_end",
    "published",
    "url",
)
CSV_COLUMNS = ACLED_COLUMNS + PROVENANCE_COLUMNS


@dataclass(frozen=True)
class ExportResult:
    path: Path
    written: int
    omitted: int = 0  # e.g. events without coordinates in GeoJSON
    note: str = ""


def _date(d: DateMention | None) -> str | None:
    return d.first.isoformat() if d else None


def event_to_dict(ev: EventMention, info: DocInfo | None = None) -> dict[str, Any]:
    """The documented JSON object for one event (see docs/schema.md)."""
    p = ev.place
    return {
        "id": ev.id,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "plover_type": ev.plover_type,
        "date": _date(ev.date),
        "date_end": ev.date.last.isoformat() if ev.date else None,
        "date_precision": ev.date.precision if ev.date else None,
        "place": None
        if p is None
        else {
            "name": p.name,
            "country": p.country,
            "admin1": p.admin1,
            "lat": p.lat,
            "lon": p.lon,
            "geo_precision": p.geo_precision,
            "gazetteer_id": p.gazetteer_id,
        },
        "actors": [
            {
                "name": a.actor.name,
                "canonical_id": a.actor.canonical_id,
                "kind": a.actor.kind,
                "role": a.role,
                "text": a.actor.text,
            }
            for a in ev.actors
        ],
        "figures": [
            {
                "kind": f.kind,
                "low": f.low,
                "best": f.best,
                "high": f.high,
                "qualifier": f.qualifier,
                "who": f.who,
                "text": f.text,
            }
            for f in ev.figures
        ],
        "attribution": ev.attribution.claimant if ev.attribution else None,
        "modality": ev.modality,
        "mentions": [
            {
                "doc_id": ev.doc_id,
                "start": ev.start,
                "end": ev.end,
                "sentence": ev.sentence,
                "text": ev.text,
                "sentence_text": ev.sentence_text,
            }
        ],
        "source": info.source if info else None,
        "url": info.url if info else None,
        "published": info.published.isoformat() if info and info.published else None,
    }


def relations_to_dicts(
    rels: Iterable[Relation], names: dict[str, str], infos: dict[str, DocInfo]
) -> list[dict[str, Any]]:
    """Relations grouped by (kind, source actor, target actor), each with its mentions."""
    groups: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    for r in rels:
        groups[(r.kind, r.source, r.target)].append(r)
    return [
        {
            "kind": kind,
            "source": src,
            "source_name": names.get(src, src),
            "target": tgt,
            "target_name": names.get(tgt, tgt),
            "sources": sorted({s for r in rs if (s := _source(infos, r.doc_id))}),
            "mentions": [
                {
                    "doc_id": r.doc_id,
                    "start": r.start,
                    "end": r.end,
                    "sentence": r.sentence,
                    "text": r.text,
                }
                for r in rs
            ],
        }
        for (kind, src, tgt), rs in groups.items()
    ]


def _source(infos: dict[str, DocInfo], doc_id: str) -> str | None:
    info = infos.get(doc_id)
    return info.source if info else None


def conservative_killed(figures: Sequence[Figure]) -> Figure | None:
    """The killed figure to report: largest conservative value (low, else best).

    ACLED codes the lowest credible count; when a sentence holds several killed figures
    ("12 people, including 3 children") the largest is the event's total.
    """
    killed = [f for f in figures if f.kind == "killed" and (f.low or f.best) is not None]
    return max(killed, key=lambda f: f.low if f.low is not None else f.best or 0, default=None)


def _names(ev: EventMention, role: str) -> list[str]:
    return [a.actor.name for a in ev.actors if a.role == role]


def acled_row(ev: EventMention, info: DocInfo | None = None) -> dict[str, Any]:
    """One flat row: ACLED's columns where they apply, then our provenance columns."""
    p, fig = ev.place, conservative_killed(ev.figures)
    actor1, actor2 = _names(ev, "actor1"), _names(ev, "actor2")
    return {
        "event_date": _date(ev.date),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": actor1[0] if actor1 else None,
        "assoc_actor_1": "; ".join(actor1[1:] + _names(ev, "assoc")) or None,
        "actor2": "; ".join(actor2) or None,
        "country": p.country if p else None,
        "admin1": p.admin1 if p else None,
        "location": p.name if p else None,
        "latitude": p.lat if p else None,
        "longitude": p.lon if p else None,
        "geo_precision": p.geo_precision if p else None,
        "time_precision": TIME_PRECISION[ev.date.precision] if ev.date else None,
        "fatalities": (fig.low if fig.low is not None else fig.best) if fig else 0,
        "notes": ev.sentence_text,
        "source": info.source if info else None,
        "event_id": ev.id,
        "doc_id": ev.doc_id,
        "start": ev.start,
        "end": ev.end,
        "sentence": ev.sentence,
        "trigger": ev.text,
        "plover_type": ev.plover_type,
        "modality": ev.modality,
        "attribution": ev.attribution.claimant if ev.attribution else None,
        "fatalities_low": fig.low if fig else None,
        "fatalities_best": fig.best if fig else None,
        "fatalities_high": fig.high if fig else None,
        "fatalities_qualifier": fig.qualifier if fig else None,
        "date_end": ev.date.last.isoformat() if ev.date else None,
        "published": info.published.isoformat() if info and info.published else None,
        "url": info.url if info else None,
    }


def write_csv(rows: Sequence[dict[str, Any]], path: Path) -> ExportResult:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return ExportResult(path, len(rows))


def geojson(rows: Sequence[dict[str, Any]]) -> tuple[dict[str, Any], int]:
    """A FeatureCollection of the rows with coordinates, and how many had none."""
    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
            "properties": {k: v for k, v in r.items() if k not in ("latitude", "longitude")},
        }
        for r in rows
        if r["latitude"] is not None and r["longitude"] is not None
    ]
    return {"type": "FeatureCollection", "features": feats}, len(rows) - len(feats)


def write_geojson(rows: Sequence[dict[str, Any]], path: Path) -> ExportResult:
    coll, omitted = geojson(rows)
    path.write_text(json.dumps(coll, ensure_ascii=False), encoding="utf-8")
    note = f"{omitted} events without coordinates omitted" if omitted else ""
    return ExportResult(path, len(coll["features"]), omitted, note)


def write_json(objs: Sequence[dict[str, Any]], path: Path) -> ExportResult:
    path.write_text(json.dumps(list(objs), ensure_ascii=False, indent=1), encoding="utf-8")
    return ExportResult(path, len(objs))


def write_parquet(rows: Sequence[dict[str, Any]], path: Path) -> ExportResult:
    import pyarrow as pa  # imported here: only this format needs it
    import pyarrow.parquet as pq

    types = _arrow_types()
    schema = pa.schema([(c, types.get(c, pa.string())) for c in CSV_COLUMNS])
    table = pa.Table.from_pylist([{c: r.get(c) for c in CSV_COLUMNS} for r in rows], schema)
    pq.write_table(table, path)
    return ExportResult(path, len(rows))


def _arrow_types() -> dict[str, Any]:
    import pyarrow as pa

    ints = (
        "geo_precision",
        "time_precision",
        "fatalities",
        "start",
        "end",
        "sentence",
        "fatalities_low",
        "fatalities_best",
        "fatalities_high",
    )
    return {"latitude": pa.float64(), "longitude": pa.float64()} | {c: pa.int64() for c in ints}


def export_events(
    events: Sequence[EventMention], infos: dict[str, DocInfo], fmt: str, out_dir: Path
) -> ExportResult:
    """Write ``events`` to ``out_dir/events.<ext>`` in format ``fmt`` (one of FORMATS)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        objs = [event_to_dict(ev, infos.get(ev.doc_id)) for ev in events]
        return write_json(objs, out_dir / "events.json")
    rows = [acled_row(ev, infos.get(ev.doc_id)) for ev in events]
    writers = {"csv": write_csv, "geojson": write_geojson, "parquet": write_parquet}
    return writers[fmt](rows, out_dir / f"events.{fmt}")
