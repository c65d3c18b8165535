"""Reading files and folders into Documents.

Readers never raise for one bad file: they yield a ``Skip`` with a one-line reason and the
batch goes on. Supported: .txt (with an optional ``Key: value`` header block), .html/.htm,
.jsonl and .csv feeds, and folders of these (recursively).

Example::

    for item in ingest_paths(["reports/"], published=date(2016, 6, 1)):
        print(item.id if isinstance(item, Document) else f"skipped {item}")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from fogofwar.errors import IngestError
from fogofwar.ingest.decode import decode
from fogofwar.ingest.document import DEFAULT_MAX_BYTES, IngestOptions, Skip, make_document
from fogofwar.ingest.feeds import read_csv, read_jsonl
from fogofwar.ingest.html import read_html
from fogofwar.ingest.meta import parse_published, split_header
from fogofwar.model import Document

TEXT_SUFFIXES = frozenset((".txt", ".text", ".md"))
HTML_SUFFIXES = frozenset((".html", ".htm", ".xhtml"))
FEED_SUFFIXES = frozenset((".jsonl", ".ndjson", ".csv"))
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
# A folder's linking ground truth (``fogofwar bench linking``: document file -> true event
# group) describes the documents beside it; it is not a report and not worth a skip line.
METADATA_NAMES = frozenset({"groups.json"})
_HEADER_FIELDS = ("title", "source", "author", "url", "published", "date")

Item = Document | Skip


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Skip]:
    """Expand folders recursively (sorted; hidden files and a folder's ``groups.json`` are
    ignored); unknown types are skipped with a reason."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith((".", "__")) for part in child.relative_to(path).parts):
                    continue
                if child.name in METADATA_NAMES:
                    continue
                if child.suffix.lower() in SUPPORTED:
                    yield child
                else:
                    yield Skip(str(child), f"unsupported file type {child.suffix or '(none)'}")
        elif path.is_file():
            yield path  # an explicitly named file of unknown type is read as plain text
        else:
            yield Skip(str(path), "no such file or folder")


def read_text_file(
    text: str, *, path: str, opts: IngestOptions, encoding: str = "utf-8"
) -> Document:
    """A plain-text report, with its optional ``Key: value`` header block stripped off."""
    header, body = split_header(text)
    published = parse_published(header.get("published") or header.get("date"))
    meta = {k: v for k, v in header.items() if k not in _HEADER_FIELDS}
    if encoding == "cp1252":  # keep the fallback visible to whoever reads the store
        meta["encoding"] = encoding
    return make_document(
        body,
        published=published or opts.published,
        source=header.get("source") or opts.source,
        url=header.get("url"),
        author=header.get("author"),
        title=header.get("title"),
        path=path,
        meta=meta,
    )


def read_path(path: Path, opts: IngestOptions | None = None) -> Iterator[Item]:
    """Yield the Documents in one file (one for a report, many for a feed), or Skips."""
    opts = opts or IngestOptions()
    name = str(path)
    try:
        size = path.stat().st_size
        if size > opts.max_bytes and path.suffix.lower() not in FEED_SUFFIXES:
            yield Skip(name, f"too large ({size:,} bytes > {opts.max_bytes:,})")
            return
        text, encoding = decode(path.read_bytes(), name=name)
    except IngestError as e:
        yield Skip(name, str(e).removeprefix(f"{name}: "))
        return
    except OSError as e:
        yield Skip(name, f"unreadable ({e.strerror or e})")
        return
    if not text.strip():
        yield Skip(name, "empty")
        return
    yield from _parse(text, path=path, opts=opts, encoding=encoding)


def _parse(text: str, *, path: Path, opts: IngestOptions, encoding: str) -> Iterator[Item]:
    suffix, name = path.suffix.lower(), str(path)
    if suffix in (".jsonl", ".ndjson"):
        yield from read_jsonl(text, path=name, opts=opts)
    elif suffix == ".csv":
        yield from read_csv(text, path=name, opts=opts)
    elif suffix in HTML_SUFFIXES:
        yield read_html(text, path=name, opts=opts)
    else:
        doc = read_text_file(text, path=name, opts=opts, encoding=encoding)
        yield doc if doc.text.strip() else Skip(name, "empty (header only)")


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Read files and folders; yield each new Document once and a Skip for everything else.

    Content seen earlier in the same call is skipped as a duplicate (ids are content hashes).
    """
    opts = IngestOptions(published=published, source=source, max_bytes=max_bytes)
    seen: dict[str, str] = {}
    for entry in iter_files(paths):
        items = [entry] if isinstance(entry, Skip) else read_path(entry, opts)
        for item in items:
            if isinstance(item, Document):
                if item.id in seen:
                    item = Skip(item.path or "?", f"duplicate content of {seen[item.id]}")
                else:
                    seen[item.id] = item.path or "?"
            yield item
