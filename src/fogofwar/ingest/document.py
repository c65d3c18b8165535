"""Building ``Document`` records: text normalisation and the content hash."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from datetime import date

from fogofwar.model import Document


def normalise_text(text: str) -> str:
    """NFC-normalise, unify newlines and drop control characters (keeps offsets stable after)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def content_hash(text: str) -> str:
    """The document id: first 16 hex chars of sha256 over the whitespace-collapsed text."""
    canon = " ".join(text.split())
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16]


def make_document(
    text: str,
    *,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    author: str | None = None,
    title: str | None = None,
    path: str | None = None,
    fmt: str = "txt",
    meta: dict[str, str] | None = None,
) -> Document:
    """Normalise ``text`` and wrap it with its metadata into a ``Document``."""
    text = normalise_text(text)
    return Document(
        id=content_hash(text),
        text=text,
        source=source,
        url=url,
        author=author,
        published=published,
        title=title,
        path=path,
        fmt=fmt,
        meta=tuple(sorted((meta or {}).items())),
    )


@dataclass(frozen=True)
class Skip:
    """A file (or one record of a feed) that was not ingested, and why, in one line."""

    path: str
    reason: str
    line: int | None = None  # 1-based line (JSONL) or row (CSV) number inside a feed

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class IngestOptions:
    """Defaults applied while reading: a document's own metadata always wins over these."""

    published: date | None = None  # used when the document states no publication date
    source: str | None = None  # used when the document names no publisher
    max_bytes: int = DEFAULT_MAX_BYTES  # larger files (or feed records) are skipped
