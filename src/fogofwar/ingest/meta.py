"""Metadata helpers shared by the readers: publication dates and "Key: value" headers."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

# Field names accepted in feeds and headers, mapped to Document fields. The first name of
# each list that holds a value wins.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "notes", "summary", "article", "full_text"),
    "source": ("source", "publisher", "sitename", "site", "outlet", "source_name"),
    "url": ("url", "link", "source_url", "href"),
    "author": ("author", "authors", "byline", "by"),
    "published": (
        "published",
        "date",
        "published_at",
        "pubdate",
        "publication_date",
        "published_date",
        "event_date",
        "datetime",
    ),
    "title": ("title", "headline", "name"),
}
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y/%m/%d")
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,30}):[ \t]*(.*?)[ \t]*$")
_HEADER_KEYS = frozenset(("title", "source", "author", "url", "published", "date"))


@lru_cache(maxsize=4096)
def parse_published(value: str | None) -> date | None:
    """Parse a feed or header publication date; None when empty or not understood.

    >>> parse_published("2016-06-01T08:30:00Z"), parse_published("1 June 2016")
    (datetime.date(2016, 6, 1), datetime.date(2016, 6, 1))
    """
    value = (value or "").strip()
    if not value:
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def pick(record: dict[str, str], field: str) -> str | None:
    """The first non-empty value among ``field``'s accepted names (keys lower-cased)."""
    for name in FIELD_ALIASES[field]:
        value = record.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a leading block of ``Key: value`` lines (ended by a blank line) from ``text``.

    The block counts as a header only when every line is ``Key: value`` and at least one
    key is a known one (Title, Source, Author, URL, Published), so a report that opens
    with "Update: ..." keeps its first line.

    >>> split_header("Title: Sirte\\nSource: Wire\\n\\nFighting resumed.")
    ({'title': 'Sirte', 'source': 'Wire'}, 'Fighting resumed.')
    """
    head, sep, rest = text.lstrip("\ufeff").partition("\n\n")
    if not sep:
        return {}, text
    fields: dict[str, str] = {}
    for line in head.strip("\n").split("\n"):
        m = _HEADER_LINE.match(line)
        if not m:
            return {}, text
        fields[m.group(1).strip().lower().replace(" ", "_")] = m.group(2)
    if not _HEADER_KEYS & fields.keys():
        return {}, text
    return fields, rest.lstrip("\n")
