"""Feed readers: JSON Lines and CSV files holding one report per line or row.

A malformed line or row is skipped on its own (with its number); the rest of the feed goes on.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator

from fogofwar.ingest.document import IngestOptions, Skip, make_document
from fogofwar.ingest.meta import FIELD_ALIASES, parse_published, pick
from fogofwar.model import Document

# A report in one CSV cell can exceed csv's default 128 KB field limit.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
_KNOWN = frozenset(name for names in FIELD_ALIASES.values() for name in names)


def record_to_document(
    record: dict[str, object], *, path: str, line: int, fmt: str, opts: IngestOptions
) -> Document | Skip:
    """Build a Document from one feed record (keys matched case-insensitively)."""
    rec = {str(k).strip().lower(): "" if v is None else str(v) for k, v in record.items()}
    text = pick(rec, "text")
    if text is None:
        return Skip(
            path, f"no text field (expected one of {', '.join(FIELD_ALIASES['text'])})", line
        )
    if len(text.encode("utf-8")) > opts.max_bytes:
        return Skip(path, f"record too large (> {opts.max_bytes} bytes)", line)
    doc = make_document(
        text,
        published=parse_published(pick(rec, "published")) or opts.published,
        source=pick(rec, "source") or opts.source,
        url=pick(rec, "url"),
        author=pick(rec, "author"),
        title=pick(rec, "title"),
        path=f"{path}:{line}",
        fmt=fmt,
        meta={k: v for k, v in rec.items() if k not in _KNOWN and v.strip()},
    )
    return doc if doc.text.strip() else Skip(path, "empty text", line)


def read_jsonl(text: str, *, path: str, opts: IngestOptions) -> Iterator[Document | Skip]:
    """Yield one Document (or Skip) per non-blank line of a JSON Lines feed."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Skip(path, f"malformed JSON ({e.msg})", n)
            continue
        if not isinstance(record, dict):
            yield Skip(path, f"expected a JSON object, got {type(record).__name__}", n)
            continue
        yield record_to_document(record, path=path, line=n, fmt="jsonl", opts=opts)


def read_csv(text: str, *, path: str, opts: IngestOptions) -> Iterator[Document | Skip]:
    """Yield one Document (or Skip) per row of a CSV feed with a header row."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield Skip(path, f"malformed CSV row ({e})", reader.line_num)
            continue
        if None in row:  # more cells than header columns
            yield Skip(path, "malformed CSV row (more cells than columns)", reader.line_num)
            continue
        yield record_to_document(row, path=path, line=reader.line_num, fmt="csv", opts=opts)
