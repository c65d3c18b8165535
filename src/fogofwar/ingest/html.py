"""HTML pages: boilerplate removal and metadata with trafilatura (offline, no fetching)."""

from __future__ import annotations

import re

from fogofwar.ingest.document import IngestOptions, Skip, make_document
from fogofwar.ingest.meta import parse_published
from fogofwar.model import Document

# Only dates the page states (meta tags, <time>): an "extensive search" guesses from any
# date-like string in the page, which would silently resolve relative dates wrongly.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(html: str, *, path: str, opts: IngestOptions) -> Document | Skip:
    """Extract the main text and its title/author/date/site name from one HTML page."""
    import trafilatura  # imported here: it costs ~0.3 s and only HTML input needs it

    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
    )
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not text:
        return Skip(path, "no main text found in HTML")
    # trafilatura separates paragraphs by one newline; a blank line keeps them apart
    # for the sentence splitter (a headline has no final full stop).
    text = re.sub(r"\n+", "\n\n", text)
    return make_document(
        text,
        published=parse_published(result.date) or opts.published,
        source=result.sitename or opts.source,
        url=result.url,
        author=result.author,
        title=result.title,
        path=path,
        fmt="html",
    )
