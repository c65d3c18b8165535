"""Record <-> row conversion for the mention tables, driven by the dataclass fields.

Column names equal field names except for a few SQL keywords (see ``_RENAME``); dates are
stored as ISO text and booleans as 0/1.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from functools import cache
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
    values = tuple(row)[1:]
    kwargs = {f: from_value(cls, f, v) for (f, _), v in zip(columns(cls), values, strict=True)}
    return cls(**kwargs)
