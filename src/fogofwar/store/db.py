"""The SQLite store: opening, migrating, and writing one document per transaction.

Example::

    store = open_store("fogofwar.db")
    store.save(extract_document(doc))     # document + every mention, atomically
    events = store.events(EventFilter(place="Fallujah"))
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fogofwar.errors import StoreError
from fogofwar.model import AnnotatedDoc, Document, EventMention
from fogofwar.store import codec, queries
from fogofwar.store.migrations import MIGRATIONS
from fogofwar.store.queries import EventFilter
from fogofwar.triangulate.records import LinkedEvent, LinkedFilter


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def connect(path: str | Path) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode (we manage transactions), WAL, foreign keys on."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        if str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a crash loses no commit
        conn.execute("PRAGMA busy_timeout=5000")
        return conn
    except sqlite3.DatabaseError as e:
        raise StoreError(f"cannot open store {path}: {e}; is it a fogofwar database?") from e


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration not yet applied, each in its own transaction; return version."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise StoreError(
            f"store schema version {version} is newer than this fogofwar "
            f"({len(MIGRATIONS)}); upgrade fogofwar"
        )
    for n, mig in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.executescript(
            f"BEGIN;\n{mig.sql}\n"
            f"INSERT INTO migrations VALUES ('{mig.name}', '{_now()}');\n"
            f"PRAGMA user_version = {n};\nCOMMIT;"
        )
    return len(MIGRATIONS)


class Store:
    """The system of record. The only class in fogofwar that speaks SQL."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.version = migrate(conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- writing ---------------------------------------------------------------------------

    def add_document(self, doc: Document) -> bool:
        """Store a document (not yet extracted); False when its content is already stored."""
        with self.transaction() as conn:
            return _insert_document(conn, doc)

    def save(self, ad: AnnotatedDoc, *, pipeline: tuple[str, ...] = ()) -> bool:
        """Store a document with all its mentions in one transaction.

        Returns False (and changes nothing) when the document was already extracted.
        """
        with self.transaction() as conn:
            _insert_document(conn, ad.doc)
            row = conn.execute(
                "SELECT extracted_at FROM documents WHERE id = ?", (ad.doc.id,)
            ).fetchone()
            if row["extracted_at"] is not None:
                return False
            _insert_annotations(conn, ad)
            conn.execute(
                "UPDATE documents SET extracted_at = ?, pipeline = ?, warnings = ? WHERE id = ?",
                (_now(), ",".join(pipeline), json.dumps(list(ad.warnings)), ad.doc.id),
            )
            conn.execute("DELETE FROM failures WHERE doc_id = ?", (ad.doc.id,))
            return True

    def save_linked(self, revision: str, events: Iterable[LinkedEvent]) -> None:
        """Replace the persisted triangulation with ``events``, computed from ``revision``
        (one transaction: readers see the old result or the new one, never a mix)."""
        events_rows: list[tuple[Any, ...]] = []
        members: list[tuple[str, int, str]] = []
        figures: list[tuple[Any, ...]] = []
        for le in events:
            r = le.reconciled
            events_rows.append(
                (
                    *(r.event_id, le.event_type, le.sub_event_type, le.place, le.country),
                    r.first.isoformat() if r.first else None,
                    r.last.isoformat() if r.last else None,
                    *(r.grade, r.sources, int(r.contested), _json_list(r.contested_on)),
                    _json_list(r.reasons),
                    _json_list(r.publishers),
                )
            )
            members.extend((r.event_id, n, m) for n, m in enumerate(le.mention_ids))
            figures.extend(
                (r.event_id, n, f.kind, f.low, f.best, f.high, f.sources, int(f.contested))
                for n, f in enumerate(r.figures)
            )
        with self.transaction() as conn:
            for table in ("linked_event_figures", "linked_event_mentions", "linked_events"):
                conn.execute(f"DELETE FROM {table}")
            conn.executemany(
                "INSERT INTO linked_events (id, event_type, sub_event_type, place, country,"
                " first_day, last_day, grade, sources, contested, contested_on, reasons,"
                " publishers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                events_rows,
            )
            conn.executemany("INSERT INTO linked_event_mentions VALUES (?, ?, ?)", members)
            conn.executemany(
                "INSERT INTO linked_event_figures VALUES (?, ?, ?, ?, ?, ?, ?, ?)", figures
            )
            conn.execute(
                "INSERT OR REPLACE INTO triangulation (id, revision, computed_at) VALUES (1, ?, ?)",
                (revision, _now()),
            )

    def record_failure(self, doc_id: str | None, path: str | None, reason: str) -> None:
        """Record that a document could not be extracted, and why."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO failures (doc_id, path, reason, at) VALUES (?, ?, ?, ?)",
                (doc_id, path, reason, _now()),
            )

    # -- reading (see queries.py) ----------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return queries.has_document(self.conn, doc_id)

    def is_extracted(self, doc_id: str) -> bool:
        return queries.is_extracted(self.conn, doc_id)

    def document(self, doc_id: str) -> Document | None:
        return queries.document(self.conn, doc_id)

    def documents(self, *, pending: bool = False) -> list[Document]:
        return list(queries.documents(self.conn, pending=pending))

    def pending_ids(self) -> list[str]:
        return queries.pending_ids(self.conn)

    def events(self, flt: EventFilter | None = None) -> list[EventMention]:
        return queries.events(self.conn, flt or EventFilter())

    def event(self, event_id: str) -> EventMention | None:
        found = queries.events(self.conn, EventFilter(ids=(event_id,)))
        return found[0] if found else None

    def relations(self, actor: str | None = None) -> list[queries.RelationRow]:
        return queries.relations(self.conn, actor)

    def doc_infos(self, doc_ids: Iterable[str]) -> dict[str, queries.DocInfo]:
        return queries.doc_infos(self.conn, doc_ids)

    def actor_names(self, canonical_ids: Iterable[str]) -> dict[str, str]:
        """Display name of each canonical id: as its stored mentions name it, else as the
        actor dictionary does (a relation's bare country "backed by Iran" is stored as
        ``government:IR`` with no actor mention of its own)."""
        ids = set(canonical_ids)
        names = queries.actor_names(self.conn, ids)
        missing = ids - names.keys()
        if missing:
            from fogofwar.extract.actors import load_actor_dictionary

            actors = load_actor_dictionary()
            for cid in missing:
                entry = actors.get(cid)
                if entry is not None:
                    names[cid] = entry.name
        return names

    def content_revision(self) -> str:
        """What triangulation would be computed from now (``queries.content_revision``)."""
        return queries.content_revision(self.conn)

    def linked_revision(self) -> str | None:
        """The revision the persisted triangulation was computed from (None: never)."""
        return queries.linked_revision(self.conn)

    def linked(self, flt: LinkedFilter | None = None) -> list[LinkedEvent]:
        """Persisted linked events passing ``flt``, by id (see ``save_linked``)."""
        return queries.linked(self.conn, flt or LinkedFilter())

    def linked_mention_ids(self, flt: LinkedFilter | None = None) -> set[str]:
        return queries.linked_mention_ids(self.conn, flt or LinkedFilter())

    def linked_actors(self) -> Iterator[tuple[str, str, str]]:
        return queries.linked_actors(self.conn)

    def failures(self) -> list[queries.FailureRow]:
        return queries.failures(self.conn)

    def counts(self) -> dict[str, int]:
        return queries.counts(self.conn)


def open_store(path: str | Path = "fogofwar.db") -> Store:
    """Open (creating and migrating as needed) the SQLite store at ``path``."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return Store(connect(path))


_encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for many small lists


def _json_list(items: tuple[str, ...]) -> str:
    return _encode(list(items)) if items else "[]"


def _insert_document(conn: sqlite3.Connection, doc: Document) -> bool:
    cur = conn.execute(
        "INSERT OR IGNORE INTO documents (id, text, source, url, author, published, title,"
        " path, fmt, meta, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc.id,
            doc.text,
            doc.source,
            doc.url,
            doc.author,
            doc.published.isoformat() if doc.published else None,
            doc.title,
            doc.path,
            doc.fmt,
            json.dumps(dict(doc.meta)),
            _now(),
        ),
    )
    return cur.rowcount == 1


def _insert_annotations(conn: sqlite3.Connection, ad: AnnotatedDoc) -> None:
    conn.executemany(
        "INSERT INTO sentences (doc_id, idx, char_start, char_end, text) VALUES (?, ?, ?, ?, ?)",
        [(s.doc_id, s.index, s.start, s.end, s.text) for s in ad.sentences],
    )
    rows = _Rows(conn)
    for recs in (ad.actors, ad.places, ad.dates, ad.figures, ad.attributions, ad.relations):
        for rec in recs:
            rows.add(rec)
    events: list[tuple[Any, ...]] = []
    event_actors: list[tuple[Any, ...]] = []
    event_figures: list[tuple[Any, ...]] = []
    for ev in ad.events:
        events.append(_event_row(ev, rows))
        event_actors.extend((ev.id, n, a.role, rows.get(a.actor)) for n, a in enumerate(ev.actors))
        event_figures.extend((ev.id, n, rows.get(f)) for n, f in enumerate(ev.figures))
    rows.flush()  # mentions first: the event tables reference them
    conn.executemany(
        "INSERT INTO event_mentions (id, doc_id, char_start, char_end, text, sentence,"
        " sentence_text, plover_type, event_type, sub_event_type, place_id, date_id,"
        " attribution_id, modality, stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events,
    )
    conn.executemany(
        "INSERT INTO event_actors (event_id, ord, role, actor_id) VALUES (?, ?, ?, ?)",
        event_actors,
    )
    conn.executemany(
        "INSERT INTO event_figures (event_id, ord, figure_id) VALUES (?, ?, ?)", event_figures
    )


class _Rows:
    """Mention rows of one document, given their row ids up front and written with one
    ``executemany`` per table, so an event links to the same rows (a mention an event
    carries that the document-level lists lack is added as well).

    Ids continue ``MAX(id)`` of each table, read inside the document's write transaction
    (``BEGIN IMMEDIATE`` holds the only write lock, so no other writer can take them).
    Records are found by identity first (events carry the very objects of the document
    lists) and only then by value, which needs hashing every record.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.next_id: dict[type, int] = {}
        self.pending: dict[type, list[tuple[Any, ...]]] = {}
        self.by_identity: dict[int, int] = {}
        self.added: list[tuple[object, int]] = []
        self._by_value: dict[tuple[type, object], int] | None = None

    def add(self, rec: object) -> int:
        """Queue ``rec`` (even if an equal one exists: the lists are stored as given)."""
        cls = type(rec)
        rowid = self.next_id.get(cls)
        if rowid is None:
            sql = f"SELECT COALESCE(MAX(id), 0) + 1 FROM {codec.TABLES[cls]}"
            rowid = int(self.conn.execute(sql).fetchone()[0])
        self.next_id[cls] = rowid + 1
        self.pending.setdefault(cls, []).append((rowid, *codec.to_row(rec)))
        self.by_identity.setdefault(id(rec), rowid)
        self.added.append((rec, rowid))
        if self._by_value is not None:
            self._by_value.setdefault((cls, rec), rowid)
        return rowid

    def get(self, rec: object) -> int:
        found = self.by_identity.get(id(rec))
        if found is not None:
            return found
        if self._by_value is None:
            self._by_value = {}
            for r, rowid in self.added:
                self._by_value.setdefault((type(r), r), rowid)
        found = self._by_value.get((type(rec), rec))
        return found if found is not None else self.add(rec)

    def flush(self) -> None:
        for cls, rows in self.pending.items():
            self.conn.executemany(codec.insert_sql(cls, with_id=True), rows)
        self.pending.clear()


def _event_row(ev: EventMention, rows: _Rows) -> tuple[Any, ...]:
    place = rows.get(ev.place) if ev.place else None
    when = rows.get(ev.date) if ev.date else None
    said = rows.get(ev.attribution) if ev.attribution else None
    return (
        *(ev.id, ev.doc_id, ev.start, ev.end, ev.text, ev.sentence, ev.sentence_text),
        *(ev.plover_type, ev.event_type, ev.sub_event_type, place, when, said),
        *(ev.modality, ev.stage),
    )
