"""Read queries over the store, returning model records (never raw rows)."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from fogofwar.model import (
    ActorMention,
    Attribution,
    DateMention,
    Document,
    EventActor,
    EventMention,
    Figure,
    PlaceMention,
    Relation,
)
from fogofwar.store import codec

_CHUNK = 500  # ids per "IN (...)" query, well under SQLite's variable limit


@dataclass(frozen=True)
class EventFilter:
    """Filters for ``Store.events``; text filters are case-insensitive substrings."""

    type: str | None = None  # ACLED event or sub-event type, or PLOVER type
    place: str | None = None  # place name, admin1 or country
    actor: str | None = None  # actor name, canonical id or the text as written
    since: date | None = None
    until: date | None = None
    min_killed: int | None = None
    doc_id: str | None = None
    ids: tuple[str, ...] = ()
    limit: int | None = None


@dataclass(frozen=True)
class DocInfo:
    """A document's metadata without its text (what event listings need)."""

    id: str
    source: str | None
    url: str | None
    published: date | None
    title: str | None
    path: str | None


@dataclass(frozen=True)
class FailureRow:
    doc_id: str | None
    path: str | None
    reason: str
    at: str


RelationRow = Relation


def has_document(conn: sqlite3.Connection, doc_id: str) -> bool:
    return conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None


def is_extracted(conn: sqlite3.Connection, doc_id: str) -> bool:
    sql = "SELECT 1 FROM documents WHERE id = ? AND extracted_at IS NOT NULL"
    return conn.execute(sql, (doc_id,)).fetchone() is not None


def _document(row: sqlite3.Row) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        source=row["source"],
        url=row["url"],
        author=row["author"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        title=row["title"],
        path=row["path"],
        fmt=row["fmt"],
        meta=tuple(sorted(json.loads(row["meta"]).items())),
    )


def document(conn: sqlite3.Connection, doc_id: str) -> Document | None:
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    return _document(row) if row else None


def documents(conn: sqlite3.Connection, *, pending: bool = False) -> Iterator[Document]:
    where = " WHERE extracted_at IS NULL" if pending else ""
    for row in conn.execute(f"SELECT * FROM documents{where} ORDER BY rowid"):
        yield _document(row)


def pending_ids(conn: sqlite3.Connection) -> list[str]:
    sql = "SELECT id FROM documents WHERE extracted_at IS NULL ORDER BY rowid"
    return [r[0] for r in conn.execute(sql)]


def doc_infos(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, DocInfo]:
    sql = "SELECT id, source, url, published, title, path FROM documents WHERE id IN ({})"
    out: dict[str, DocInfo] = {}
    for row in _in_chunks(conn, sql, ids):
        pub = date.fromisoformat(row["published"]) if row["published"] else None
        out[row["id"]] = DocInfo(
            row["id"], row["source"], row["url"], pub, row["title"], row["path"]
        )
    return out


def _in_chunks(conn: sqlite3.Connection, sql: str, ids: Iterable[Any]) -> Iterator[sqlite3.Row]:
    """Run ``sql`` (with one ``IN ({})`` slot) over ``ids`` in chunks."""
    keys = list(dict.fromkeys(ids))
    for i in range(0, len(keys), _CHUNK):
        part = keys[i : i + _CHUNK]
        yield from conn.execute(sql.format(", ".join("?" * len(part))), part)


def _event_where(flt: EventFilter) -> tuple[str, list[Any]]:
    """SQL conditions (over ``e`` = event_mentions) and their parameters."""
    conds: list[str] = []
    args: list[Any] = []
    if flt.type:
        conds.append("(e.event_type LIKE ? OR e.sub_event_type LIKE ? OR e.plover_type LIKE ?)")
        args += [f"%{flt.type}%"] * 3
    if flt.place:
        conds.append(
            "EXISTS (SELECT 1 FROM place_mentions p WHERE p.id = e.place_id AND "
            "(p.name LIKE ? OR p.admin1 LIKE ? OR p.country LIKE ? OR p.text LIKE ?))"
        )
        args += [f"%{flt.place}%"] * 4
    if flt.actor:
        conds.append(
            "EXISTS (SELECT 1 FROM event_actors ea JOIN actor_mentions a ON a.id = ea.actor_id"
            " WHERE ea.event_id = e.id AND (a.name LIKE ? OR a.canonical_id LIKE ? OR"
            " a.text LIKE ?))"
        )
        args += [f"%{flt.actor}%"] * 3
    if flt.since:
        conds.append(
            "EXISTS (SELECT 1 FROM date_mentions d WHERE d.id = e.date_id AND d.last_day >= ?)"
        )
        args.append(flt.since.isoformat())
    if flt.until:
        conds.append(
            "EXISTS (SELECT 1 FROM date_mentions d WHERE d.id = e.date_id AND d.first_day <= ?)"
        )
        args.append(flt.until.isoformat())
    if flt.min_killed is not None:
        conds.append(
            "EXISTS (SELECT 1 FROM event_figures ef JOIN figures f ON f.id = ef.figure_id"
            " WHERE ef.event_id = e.id AND f.kind = 'killed'"
            " AND COALESCE(f.best, f.low, f.high) >= ?)"
        )
        args.append(flt.min_killed)
    if flt.doc_id:
        conds.append("e.doc_id = ?")
        args.append(flt.doc_id)
    if flt.ids:
        conds.append(f"e.id IN ({', '.join('?' * len(flt.ids))})")
        args += list(flt.ids)
    return (" WHERE " + " AND ".join(conds)) if conds else "", args


def events(conn: sqlite3.Connection, flt: EventFilter) -> list[EventMention]:
    """Event mentions matching ``flt``, loaded back into records, in document order."""
    where, args = _event_where(flt)
    sql = f"SELECT e.* FROM event_mentions e{where} ORDER BY e.rowid"
    if flt.limit is not None:
        sql += f" LIMIT {int(flt.limit)}"
    rows = conn.execute(sql, args).fetchall()
    return _load_events(conn, rows)


def _by_id(conn: sqlite3.Connection, cls: type, ids: Iterable[int | None]) -> dict[int, Any]:
    sql = codec.select_sql(cls) + " WHERE id IN ({})"
    return {
        row[0]: codec.from_row(cls, row)
        for row in _in_chunks(conn, sql, (i for i in ids if i is not None))
    }


def _load_events(conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[EventMention]:
    ids = [r["id"] for r in rows]
    places = _by_id(conn, PlaceMention, (r["place_id"] for r in rows))
    dates = _by_id(conn, DateMention, (r["date_id"] for r in rows))
    attrs = _by_id(conn, Attribution, (r["attribution_id"] for r in rows))
    actors = _event_actors(conn, ids)
    figures = _event_figures(conn, ids)
    return [
        EventMention(
            id=r["id"],
            doc_id=r["doc_id"],
            start=r["char_start"],
            end=r["char_end"],
            text=r["text"],
            sentence=r["sentence"],
            sentence_text=r["sentence_text"],
            plover_type=r["plover_type"],
            event_type=r["event_type"],
            sub_event_type=r["sub_event_type"],
            actors=tuple(actors[r["id"]]),
            place=places.get(r["place_id"]),
            date=dates.get(r["date_id"]),
            figures=tuple(figures[r["id"]]),
            attribution=attrs.get(r["attribution_id"]),
            modality=r["modality"],
            stage=r["stage"],
        )
        for r in rows
    ]


def _event_actors(conn: sqlite3.Connection, ids: list[str]) -> dict[str, list[EventActor]]:
    links = list(
        _in_chunks(
            conn,
            "SELECT event_id, role, actor_id FROM event_actors WHERE event_id IN ({})"
            " ORDER BY event_id, ord",
            ids,
        )
    )
    mentions = _by_id(conn, ActorMention, (r["actor_id"] for r in links))
    out: dict[str, list[EventActor]] = defaultdict(list)
    for r in links:
        out[r["event_id"]].append(EventActor(role=r["role"], actor=mentions[r["actor_id"]]))
    return out


def _event_figures(conn: sqlite3.Connection, ids: list[str]) -> dict[str, list[Figure]]:
    links = list(
        _in_chunks(
            conn,
            "SELECT event_id, figure_id FROM event_figures WHERE event_id IN ({})"
            " ORDER BY event_id, ord",
            ids,
        )
    )
    figs = _by_id(conn, Figure, (r["figure_id"] for r in links))
    out: dict[str, list[Figure]] = defaultdict(list)
    for r in links:
        out[r["event_id"]].append(figs[r["figure_id"]])
    return out


def relations(conn: sqlite3.Connection, actor: str | None = None) -> list[Relation]:
    """Actor relations, optionally those touching ``actor`` (canonical id or name substring)."""
    sql, args = codec.select_sql(Relation), []
    if actor:
        names = "SELECT canonical_id FROM actor_mentions WHERE name LIKE ? OR canonical_id LIKE ?"
        sql += f" WHERE source IN ({names}) OR target IN ({names})"
        args = [f"%{actor}%"] * 4
    return [codec.from_row(Relation, r) for r in conn.execute(sql + " ORDER BY id", args)]


def actor_names(conn: sqlite3.Connection, canonical_ids: Iterable[str]) -> dict[str, str]:
    sql = "SELECT canonical_id, name FROM actor_mentions WHERE canonical_id IN ({})"
    return {r[0]: r[1] for r in _in_chunks(conn, sql, canonical_ids)}


def failures(conn: sqlite3.Connection) -> list[FailureRow]:
    rows = conn.execute("SELECT doc_id, path, reason, at FROM failures ORDER BY id")
    return [FailureRow(r["doc_id"], r["path"], r["reason"], r["at"]) for r in rows]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of the main tables, plus documents pending extraction and undated ones."""
    one = {
        "documents": "SELECT COUNT(*) FROM documents",
        "pending": "SELECT COUNT(*) FROM documents WHERE extracted_at IS NULL",
        "undated": "SELECT COUNT(*) FROM documents WHERE published IS NULL",
        "events": "SELECT COUNT(*) FROM event_mentions",
        "relations": "SELECT COUNT(*) FROM relations",
        "failures": "SELECT COUNT(*) FROM failures",
    }
    return {k: conn.execute(sql).fetchone()[0] for k, sql in one.items()}
