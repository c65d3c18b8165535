"""Readers for human-coded event data (GTD, ACLED) into ``GoldRecord`` s.

Any CSV with the original column names works (the GTD export and ACLED's 2020 layout).
Unknown codes (empty cells, GTD's -9 and -99) become ``None`` so they are never scored.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources as ir
from pathlib import Path
from typing import Literal

from fogofwar.errors import IngestError, ResourceError
from fogofwar.extract.sentences import split as split_sentences
from fogofwar.ingest.document import make_document
from fogofwar.model import Document

Dataset = Literal["gtd", "acled"]
_UNKNOWN = frozenset({"", "-9", "-99", "-9.0", "-99.0"})
GTD_COLUMNS = ("eventid", "event_date", "country_txt", "summary", "attacktype1_txt", "gname")
# optional GTD columns read when present: approxdate, provstate, city, latitude, longitude,
# specificity, nkill, nwound
ACLED_COLUMNS = ("data_id", "event_date", "country", "notes", "event_type", "actor1")


@dataclass(frozen=True)
class GoldRecord:
    """One coded event with the text it was coded from. ``None`` = unknown, not scored."""

    dataset: Dataset
    id: str
    text: str
    event_date: date | None
    country: str | None
    admin1: str | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    town_precision: bool = False  # GTD specificity 1 / ACLED geo_precision 1
    event_type: str | None = None  # ACLED
    sub_event_type: str | None = None  # ACLED
    attack_type: str | None = None  # GTD attacktype1_txt as published
    actor1: str | None = None  # GTD gname / ACLED actor1 ("Unknown" kept: it is scored)
    actor2: str | None = None  # ACLED
    fatalities: int | None = None
    wounded: int | None = None  # GTD only


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if value in _UNKNOWN else value


def _int(value: str | None) -> int | None:
    value = _text(value)
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    value = _text(value)
    try:
        return None if value is None else float(value)
    except ValueError:
        return None


def _date(value: str | None) -> date | None:
    value = _text(value)
    try:
        return None if value is None else date.fromisoformat(value[:10])
    except ValueError:
        return None


def _place_text(value: str | None) -> str | None:
    """GTD writes "Unknown" for an unknown province or city."""
    value = _text(value)
    return None if value is None or value.lower() == "unknown" else value


# ACLED coders append remarks that real reports never carry; they would leak the gold
# fatality count or sub-event type into the text, so they are removed before extraction:
_BRACKETS = re.compile(r"\s*\[[^\]]*\]")  # "[size=dozens]", "[2 fatalities split among 4 events]"
_LABEL = re.compile(r"^[A-Z][A-Za-z /,-]{2,48}:\s+(?=On\b)")  # "Looting: On 3 May 2020, ..."
_CODED_ASIDE = re.compile(  # "(coded as Southern Resistance)", ", coded at Bangao (Tin-Akoff),"
    r"\s*\([^()]*\bcoded\b[^()]*\)|,\s*coded (?:as|at|to)\b[^,.;()]*(?:\([^()]*\)[^,.;]*)?"
)
_CODING = re.compile(
    r"\bcoded\b"  # "Fatalities coded as 4.", "Unknown fatalities coded as 10."
    r"|\bfatalit(?:y|ies)\b.{0,40}\b(?:split|spread|distributed)\b"
    r"|^\d+ fatalit(?:y|ies)\.?$",  # a bare "3 fatalities."
    re.I,
)


def clean_acled_notes(notes: str) -> str:
    """Drop ACLED's coding remarks (fatality coding, [size=...], sub-event labels)."""
    text = _CODED_ASIDE.sub("", _LABEL.sub("", _BRACKETS.sub("", notes.strip())))
    kept: list[str] = []
    for start, end in split_sentences(text):
        clauses = [c for c in text[start:end].split(";") if not _CODING.search(c.strip())]
        sentence = ";".join(clauses).strip()
        if sentence:
            kept.append(sentence if sentence[-1] in ".!?" else sentence + ".")
    return " ".join(kept)


_ONE_DAY = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


def _gtd_date(row: dict[str, str]) -> date | None:
    """The coded day, or None when ``approxdate`` says it is a range ("January 3-9, 2021")."""
    approx = _text(row.get("approxdate"))
    if approx is not None and not _ONE_DAY.match(approx):
        return None
    return _date(row.get("event_date"))


def _gtd_record(row: dict[str, str]) -> GoldRecord:
    return GoldRecord(
        dataset="gtd",
        id=row["eventid"],
        text=(row.get("summary") or "").strip(),
        event_date=_gtd_date(row),
        country=_text(row.get("country_txt")),
        admin1=_place_text(row.get("provstate")),
        location=_place_text(row.get("city")),
        lat=_float(row.get("latitude")),
        lon=_float(row.get("longitude")),
        town_precision=_int(row.get("specificity")) == 1,
        attack_type=_place_text(row.get("attacktype1_txt")),
        actor1=_text(row.get("gname")),
        fatalities=_int(row.get("nkill")),
        wounded=_int(row.get("nwound")),
    )


def _acled_record(row: dict[str, str]) -> GoldRecord:
    exact_day = _int(row.get("time_precision")) in (None, 1)
    when = _date(row.get("event_date_iso")) or _acled_date(row.get("event_date"))
    return GoldRecord(
        dataset="acled",
        id=row["data_id"],
        text=clean_acled_notes(row.get("notes") or ""),
        event_date=when if exact_day else None,
        country=_text(row.get("country")),
        admin1=_text(row.get("admin1")),
        location=_text(row.get("location")),
        lat=_float(row.get("latitude")),
        lon=_float(row.get("longitude")),
        town_precision=_int(row.get("geo_precision")) == 1,
        event_type=_text(row.get("event_type")),
        sub_event_type=_text(row.get("sub_event_type")),
        actor1=_text(row.get("actor1")),
        actor2=_text(row.get("actor2")),
        fatalities=_int(row.get("fatalities")),
    )


def _acled_date(value: str | None) -> date | None:
    """ACLED's export format, e.g. "9-May-20"."""
    value = _text(value)
    for fmt in ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return None if value is None else datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


_READERS = {"gtd": (_gtd_record, GTD_COLUMNS), "acled": (_acled_record, ACLED_COLUMNS)}


def read_records(
    dataset: Dataset, path: str | Path, *, limit: int | None = None
) -> Iterator[GoldRecord]:
    """Yield the records of a GTD or ACLED CSV (rows without text are skipped).

    Example::

        for rec in read_records("acled", "dev.csv", limit=10): print(rec.country)
    """
    build, columns = _READERS[dataset]
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise IngestError(f"{path}: not a {dataset} CSV, missing columns {missing}")
        count = 0
        for row in reader:
            if limit is not None and count >= limit:
                return
            record = build(row)
            if record.text:
                count += 1
                yield record


def to_document(record: GoldRecord) -> Document:
    """The record's text as a document published the day after the event."""
    published = record.event_date + timedelta(days=1) if record.event_date else None
    return make_document(
        record.text, published=published, source=record.dataset, meta={"gold_id": record.id}
    )


AcledType = tuple[str, str | None]  # (event_type, sub_event_type or None for any sub-type)


@lru_cache(maxsize=1)
def load_attack_types() -> dict[str, tuple[AcledType, ...]]:
    """GTD attack type -> the ACLED (type, sub-type) codings it may take (gtd_attack_types.json).

    Types the table marks unscorable (GTD's own "Unknown") are left out.
    """
    try:
        raw = json.loads(ir.files("fogofwar.data").joinpath("gtd_attack_types.json").read_text())
        table = raw["attack_types"]
    except (OSError, ValueError, KeyError) as exc:
        raise ResourceError(f"gtd_attack_types.json is missing or malformed: {exc}") from exc
    return {
        name: tuple((pair[0], pair[1]) for pair in spec["accept"])
        for name, spec in table.items()
        if spec.get("scorable", True) and spec.get("accept")
    }
