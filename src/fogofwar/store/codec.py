"""Record <-> row conversion for the mention tables, driven by the dataclass fields.

Column names equal field names except for a few SQL keywords (see ``_RENAME``); dates are
stored as ISO text and booleans as 0/1.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from datetime import date
from functools import cache, lru_cache
from sys import intern
from typing import Any, TypeVar

from fogofwar.model import (
    ActorMention,
    Attribution,
    DateMention,
    Figure,
    PlaceMention,
    Relation,
)

T = TypeVar("T")

TABLES: dict[type, str] = {
    ActorMention: "actor_mentions",
    PlaceMention: "place_mentions",
    DateMention: "date_mentions",
    Figure: "figures",
    Attribution: "attributions",
    Relation: "relations",
}
_RENAME = {"start": "char_start", "end": "char_end", "first": "first_day", "last": "last_day"}
_DATE_FIELDS = frozenset(("first", "last", "published"))


@cache
def columns(cls: type) -> tuple[tuple[str, str], ...]:
    """``(field, column)`` pairs of a record class."""
    return tuple((f.name, _RENAME.get(f.name, f.name)) for f in dataclasses.fields(cls))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f for f, _ in columns(cls))


def to_value(name: str, value: Any) -> Any:
    """A field value as stored in SQLite."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def from_value(cls: type, name: str, value: Any) -> Any:
    """A stored value back as the field's Python type."""
    if value is not None and name in _DATE_FIELDS:
        return date.fromisoformat(value)
    if name == "is_party":
        return bool(value)
    return value


@cache
def insert_sql(cls: type, *, with_id: bool = False) -> str:
    """``INSERT`` of a record's fields; ``with_id`` puts an explicit row id first."""
    cols = (["id"] if with_id else []) + [c for _, c in columns(cls)]
    marks = ", ".join("?" * len(cols))
    return f"INSERT INTO {TABLES[cls]} ({', '.join(cols)}) VALUES ({marks})"


def to_row(rec: object) -> tuple[Any, ...]:
    return tuple(to_value(f, getattr(rec, f)) for f in _field_names(type(rec)))


def select_sql(cls: type) -> str:
    """``SELECT id, <columns> FROM <table>``: the id first, then the record's fields."""
    return f"SELECT id, {', '.join(c for _, c in columns(cls))} FROM {TABLES[cls]}"


def from_row(cls: type[T], row: sqlite3.Row | tuple[Any, ...]) -> T:
    """Rebuild a record from a ``select_sql`` row (whose first value is the row id)."""
    return decoder(cls)(tuple(row))


# Fields that take few distinct values (kinds, ids, names, codes): loaded as one shared
# string object per value, so that the comparisons and lookups triangulation makes by the
# million over them hit on identity rather than comparing characters.
SHARED_FIELDS = frozenset(
    (
        "doc_id", "stage", "kind", "canonical_id", "name", "country", "country_code",
        "admin1", "gazetteer_id", "feature", "precision", "qualifier", "who", "claimant",
        "claimant_actor", "source", "target",
    )
)  # fmt: skip


@lru_cache(maxsize=65536)
def iso_day(text: str) -> date:
    """``date.fromisoformat``, remembered: stores repeat few days many times."""
    return date.fromisoformat(text)


@cache
def decoder(cls: type[T]) -> Callable[[tuple[Any, ...]], T]:
    """``from_row`` for plain tuple rows, made once per class: the fields in column order
    go to the constructor positionally; dates and flags are converted, and values of
    ``SHARED_FIELDS`` shared (loading every mention of a large store spends its time here)."""
    fields = [f for f, _ in columns(cls)]
    dates = [n for n, f in enumerate(fields, start=1) if f in _DATE_FIELDS]
    flags = [n for n, f in enumerate(fields, start=1) if f == "is_party"]
    shared = [n for n, f in enumerate(fields, start=1) if f in SHARED_FIELDS]

    def decode(row: tuple[Any, ...]) -> T:
        values = list(row)
        for n in shared:
            if values[n] is not None:
                values[n] = intern(values[n])
        for n in dates:
            if values[n] is not None:
                values[n] = iso_day(values[n])
        for n in flags:
            values[n] = bool(values[n])
        return cls(*values[1:])

    return decode
