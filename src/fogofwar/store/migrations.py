"""Named schema migrations, applied in order; ``PRAGMA user_version`` = how many are applied.

To change the schema, APPEND a ``Migration`` to ``MIGRATIONS`` (never edit or reorder one
that has shipped: stores in the wild already ran it). Each runs in its own transaction and
is recorded in the ``migrations`` table with the time it was applied. docs/schema.md
describes the resulting tables.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


# Shared by every mention table: provenance of the extracted value.
_SPAN = """
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    stage TEXT NOT NULL"""

_INITIAL = f"""
CREATE TABLE documents (
    id TEXT PRIMARY KEY,            -- content hash (sha256 hex, 16 chars)
    text TEXT NOT NULL,
    source TEXT, url TEXT, author TEXT,
    published TEXT,                 -- ISO date or NULL
    title TEXT, path TEXT,
    fmt TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{{}}',  -- JSON object
    ingested_at TEXT NOT NULL,
    extracted_at TEXT,              -- NULL until extracted
    pipeline TEXT,                  -- stage names used, comma-separated
    warnings TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX documents_pending ON documents(extracted_at) WHERE extracted_at IS NULL;

CREATE TABLE sentences (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE actor_mentions ({_SPAN},
    canonical_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT
);
CREATE INDEX actor_mentions_doc ON actor_mentions(doc_id);
CREATE INDEX actor_mentions_canonical ON actor_mentions(canonical_id);
CREATE TABLE place_mentions ({_SPAN},
    name TEXT NOT NULL, gazetteer_id TEXT, country TEXT, country_code TEXT, admin1 TEXT,
    lat REAL, lon REAL, geo_precision INTEGER NOT NULL, feature TEXT NOT NULL
);
CREATE INDEX place_mentions_doc ON place_mentions(doc_id);
CREATE TABLE date_mentions ({_SPAN},
    first_day TEXT NOT NULL, last_day TEXT NOT NULL, precision TEXT NOT NULL
);
CREATE INDEX date_mentions_doc ON date_mentions(doc_id);
CREATE TABLE figures ({_SPAN},
    kind TEXT NOT NULL, low INTEGER, best INTEGER, high INTEGER, qualifier TEXT, who TEXT
);
CREATE INDEX figures_doc ON figures(doc_id);
CREATE TABLE attributions ({_SPAN},
    claimant TEXT NOT NULL, claimant_actor TEXT, is_party INTEGER NOT NULL
);
CREATE INDEX attributions_doc ON attributions(doc_id);
CREATE TABLE relations ({_SPAN},
    kind TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL
);
CREATE INDEX relations_doc ON relations(doc_id);
CREATE INDEX relations_actors ON relations(source, target);

CREATE TABLE event_mentions (
    id TEXT PRIMARY KEY,            -- "<doc_id>:<sentence>:<n>"
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, text TEXT NOT NULL,
    sentence INTEGER NOT NULL, sentence_text TEXT NOT NULL,
    plover_type TEXT NOT NULL, event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
    place_id INTEGER REFERENCES place_mentions(id),
    date_id INTEGER REFERENCES date_mentions(id),
    attribution_id INTEGER REFERENCES attributions(id),
    modality TEXT NOT NULL,
    stage TEXT NOT NULL
);
CREATE INDEX event_mentions_doc ON event_mentions(doc_id);
CREATE INDEX event_mentions_type ON event_mentions(event_type);
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, role TEXT NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES actor_mentions(id),
    PRIMARY KEY (event_id, ord)
);
CREATE INDEX event_actors_actor ON event_actors(actor_id);
CREATE TABLE event_figures (
    event_id TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    figure_id INTEGER NOT NULL REFERENCES figures(id),
    PRIMARY KEY (event_id, ord)
);
CREATE INDEX event_figures_figure ON event_figures(figure_id);

CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    doc_id TEXT, path TEXT,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
"""

# Triangulation's result (linked events and what reconciling concluded), kept so that
# commands read it instead of linking the whole store again; ``triangulation`` records
# what it was computed from (rewritten whenever the extracted content or the rules change).
_LINKED = """
CREATE TABLE linked_events (
    id TEXT PRIMARY KEY,            -- "ev-" + 10 hex of sha1(seed mention id)
    event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,  -- the seed mention's
    place TEXT, country TEXT,       -- the seed mention's place name and ISO2
    first_day TEXT, last_day TEXT,  -- ISO window every claim allows (or their span)
    grade TEXT NOT NULL,            -- confirmed | corroborated | single source | contested | denied
    sources INTEGER NOT NULL,       -- independent sources
    contested INTEGER NOT NULL,     -- 0/1
    contested_on TEXT NOT NULL DEFAULT '[]',  -- JSON list: "figures:killed", "actor1", ...
    reasons TEXT NOT NULL DEFAULT '[]',       -- JSON list of sentences
    publishers TEXT NOT NULL DEFAULT '[]'     -- JSON list
);
CREATE INDEX linked_events_grade ON linked_events(grade);
CREATE TABLE linked_event_mentions (
    event_id TEXT NOT NULL REFERENCES linked_events(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,           -- canonical order: 0 is the seed
    mention_id TEXT NOT NULL REFERENCES event_mentions(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, ord)
);
CREATE UNIQUE INDEX linked_event_mentions_mention ON linked_event_mentions(mention_id);
CREATE TABLE linked_event_figures (
    event_id TEXT NOT NULL REFERENCES linked_events(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    kind TEXT NOT NULL, low INTEGER, best INTEGER, high INTEGER,
    sources INTEGER NOT NULL,       -- independent sources giving this figure
    contested INTEGER NOT NULL,     -- 0/1: they disagree beyond tolerance
    PRIMARY KEY (event_id, ord)
);
CREATE TABLE triangulation (
    id INTEGER PRIMARY KEY CHECK (id = 1),  -- one row
    revision TEXT NOT NULL,         -- rules version + extracted content it was computed from
    computed_at TEXT NOT NULL
);
"""

MIGRATIONS: list[Migration] = [
    Migration("0001_documents_and_mentions", _INITIAL),
    Migration("0002_linked_events", _LINKED),
]
