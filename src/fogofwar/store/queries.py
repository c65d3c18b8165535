"""Read queries over the store, returning model records (never raw rows)."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from sys import intern
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
from fogofwar.triangulate.records import FigureRange, LinkedEvent, LinkedFilter, Reconciled

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
    linked: LinkedFilter | None = None  # mentions of the persisted linked events passing it
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
    if flt.linked is not None:
        where, more = _linked_where(flt.linked)
        conds.append(
            "e.id IN (SELECT m.mention_id FROM linked_event_mentions m"
            f" WHERE m.event_id IN (SELECT l.id FROM linked_events l{where}))"
        )
        args += more
    return (" WHERE " + " AND ".join(conds)) if conds else "", args


def events(conn: sqlite3.Connection, flt: EventFilter) -> list[EventMention]:
    """Event mentions matching ``flt``, loaded back into records, in document order."""
    where, args = _event_where(flt)
    chosen = f"FROM event_mentions e{where} ORDER BY e.rowid"
    if flt.limit is not None:
        chosen += f" LIMIT {int(flt.limit)}"
    rows = list(_tuples(conn, f"SELECT {_EVENT_COLUMNS} {chosen}", args))
    if not rows:
        return []
    return _load_events(conn, rows, chosen if where or flt.limit is not None else "", args)


# event_mentions columns in EventMention's field order; then the three mention ids
_EVENT_COLUMNS = (
    "e.id, e.doc_id, e.char_start, e.char_end, e.text, e.sentence, e.sentence_text,"
    " e.plover_type, e.event_type, e.sub_event_type, e.modality, e.stage,"
    " e.place_id, e.date_id, e.attribution_id"
)


def _tuples(conn: sqlite3.Connection, sql: str, args: Sequence[Any] = ()) -> Iterator[tuple]:
    """Rows as plain tuples (cheaper than ``sqlite3.Row`` when there are many)."""
    cur = conn.cursor()
    cur.row_factory = None
    return cur.execute(sql, args)


def _by_id(conn: sqlite3.Connection, cls: type, ids: str, args: Sequence[Any]) -> dict[int, Any]:
    """Records of ``cls`` whose row ids the subquery ``ids`` selects."""
    decode = codec.decoder(cls)
    sql = f"{codec.select_sql(cls)} WHERE id IN ({ids})"
    return {row[0]: decode(row) for row in _tuples(conn, sql, args)}


def _load_events(
    conn: sqlite3.Connection, rows: Sequence[tuple], chosen: str, args: Sequence[Any]
) -> list[EventMention]:
    """Records of ``rows`` (``_EVENT_COLUMNS``) with their places, dates, attributions,
    actors and figures. ``chosen`` (``FROM event_mentions e ...``, with ``args``) selected
    the rows, empty for all of them: the related rows are selected by the same query, not
    by thousands of ids."""
    chosen = chosen or "FROM event_mentions e"

    def ids(col: str) -> str:
        return f"SELECT e.{col} {chosen}"

    places = _by_id(conn, PlaceMention, ids("place_id"), args)
    dates = _by_id(conn, DateMention, ids("date_id"), args)
    attrs = _by_id(conn, Attribution, ids("attribution_id"), args)
    actors = _event_actors(conn, ids("id"), args)
    figures = _event_figures(conn, ids("id"), args)
    none: tuple = ()
    return [
        EventMention(
            r[0],
            intern(r[1]),
            *r[2:7],
            *map(intern, r[7:10]),
            actors=tuple(actors.get(r[0], none)),
            place=places.get(r[12]),
            date=dates.get(r[13]),
            figures=tuple(figures.get(r[0], none)),
            attribution=attrs.get(r[14]),
            modality=intern(r[10]),
            stage=intern(r[11]),
        )
        for r in rows
    ]


def _event_actors(
    conn: sqlite3.Connection, ids: str, args: Sequence[Any]
) -> dict[str, list[EventActor]]:
    cols = ", ".join(f"a.{c}" for _, c in codec.columns(ActorMention))
    sql = (
        f"SELECT ea.event_id, ea.role, a.id, {cols} FROM event_actors ea"
        f" JOIN actor_mentions a ON a.id = ea.actor_id WHERE ea.event_id IN ({ids})"
        " ORDER BY ea.event_id, ea.ord"
    )
    return _per_event(conn, sql, args, ActorMention, lambda role, a: EventActor(role, a))


def _event_figures(conn: sqlite3.Connection, ids: str, args: Sequence[Any]) -> dict[str, list]:
    cols = ", ".join(f"f.{c}" for _, c in codec.columns(Figure))
    sql = (
        f"SELECT ef.event_id, NULL, f.id, {cols} FROM event_figures ef"
        f" JOIN figures f ON f.id = ef.figure_id WHERE ef.event_id IN ({ids})"
        " ORDER BY ef.event_id, ef.ord"
    )
    return _per_event(conn, sql, args, Figure, lambda _, f: f)


def _per_event(
    conn: sqlite3.Connection,
    sql: str,
    args: Sequence[Any],
    cls: type,
    make: Callable[[Any, Any], Any],
) -> dict[str, list]:
    """Rows ``(event id, extra, record id, record columns...)`` as lists per event of
    ``make(extra, record)``; a record shared by several events is decoded once."""
    decode = codec.decoder(cls)
    records: dict[int, Any] = {}
    out: dict[str, list] = defaultdict(list)
    for row in _tuples(conn, sql, args):
        rec = records.get(row[2])
        if rec is None:
            rec = records[row[2]] = decode(row[2:])
        out[row[0]].append(make(row[1], rec))
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


# -- triangulation's persisted result ------------------------------------------------------


def content_revision(conn: sqlite3.Connection) -> str:
    """What the extracted content is, as far as triangulation is concerned: extracted
    documents and event mentions (count and last row). Storing a document again changes
    none of these; extracting one more changes them."""
    docs = conn.execute("SELECT COUNT(*) FROM documents WHERE extracted_at IS NOT NULL")
    mentions = conn.execute("SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM event_mentions")
    (n_docs,), (n, last) = docs.fetchone(), mentions.fetchone()
    return f"docs={n_docs};mentions={n};last={last}"


def linked_revision(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT revision FROM triangulation WHERE id = 1").fetchone()
    return row[0] if row else None


def _linked_where(flt: LinkedFilter) -> tuple[str, list[Any]]:
    conds: list[str] = []
    args: list[Any] = []
    if flt.contested:
        conds.append("l.contested = 1")
    if flt.grade:
        conds.append("l.grade = ?")
        args.append(flt.grade)
    if flt.min_sources:
        conds.append("l.sources >= ?")
        args.append(flt.min_sources)
    if flt.ids or flt.mention_ids:
        conds.append(
            f"(l.id IN ({', '.join('?' * len(flt.ids)) or 'NULL'}) OR l.id IN"
            " (SELECT event_id FROM linked_event_mentions WHERE mention_id IN"
            f" ({', '.join('?' * len(flt.mention_ids)) or 'NULL'})))"
        )
        args += [*flt.ids, *flt.mention_ids]
    return (" WHERE " + " AND ".join(conds)) if conds else "", args


def linked(conn: sqlite3.Connection, flt: LinkedFilter) -> list[LinkedEvent]:
    """The persisted linked events passing ``flt``, by id."""
    where, args = _linked_where(flt)
    rows = list(
        _tuples(
            conn,
            "SELECT l.id, l.event_type, l.sub_event_type, l.place, l.country, l.first_day,"
            " l.last_day, l.grade, l.sources, l.contested, l.contested_on, l.reasons,"
            f" l.publishers FROM linked_events l{where} ORDER BY l.id",
            args,
        )
    )
    chosen = f"SELECT l.id FROM linked_events l{where}"
    members: dict[str, list[str]] = defaultdict(list)
    sql = "SELECT event_id, mention_id FROM linked_event_mentions WHERE event_id IN ({})"
    for event_id, mention_id in _tuples(conn, sql.format(chosen) + " ORDER BY event_id, ord", args):
        members[event_id].append(mention_id)
    figures: dict[str, list[FigureRange]] = defaultdict(list)
    sql = (
        "SELECT event_id, kind, low, best, high, sources, contested FROM linked_event_figures"
        " WHERE event_id IN ({}) ORDER BY event_id, ord"
    )
    for r in _tuples(conn, sql.format(chosen), args):
        figures[r[0]].append(FigureRange(r[1], r[2], r[3], r[4], r[5], bool(r[6])))
    day = date.fromisoformat
    return [
        LinkedEvent(
            reconciled=Reconciled(
                event_id=r[0],
                grade=r[7],
                reasons=tuple(json.loads(r[11])),
                sources=r[8],
                publishers=tuple(json.loads(r[12])),
                contested=bool(r[9]),
                contested_on=tuple(json.loads(r[10])),
                figures=tuple(figures.get(r[0], ())),
                first=day(r[5]) if r[5] else None,
                last=day(r[6]) if r[6] else None,
            ),
            mention_ids=tuple(members[r[0]]),
            event_type=r[1],
            sub_event_type=r[2],
            place=r[3],
            country=r[4],
        )
        for r in rows
    ]


def linked_mention_ids(conn: sqlite3.Connection, flt: LinkedFilter) -> set[str]:
    """The mentions of the persisted linked events passing ``flt``."""
    where, args = _linked_where(flt)
    sql = (
        "SELECT m.mention_id FROM linked_event_mentions m"
        f" WHERE m.event_id IN (SELECT l.id FROM linked_events l{where})"
    )
    return {r[0] for r in _tuples(conn, sql, args)}


def linked_actors(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str]]:
    """(linked event id, canonical actor id, actor name) for every actor of every member
    mention, in event id, mention and actor order."""
    return _tuples(
        conn,
        "SELECT m.event_id, a.canonical_id, a.name FROM linked_event_mentions m"
        " JOIN event_actors ea ON ea.event_id = m.mention_id"
        " JOIN actor_mentions a ON a.id = ea.actor_id ORDER BY m.event_id, m.ord, ea.ord",
    )


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
