"""Batch runs: ingest → extract → store, one document per transaction.

A document whose extraction raises is stored unextracted and recorded as failed with its
reason; the batch goes on. An interrupted run loses nothing already committed, and the
next ``extract`` (or ``run``) picks up the documents left pending. After a batch that
extracted anything, the store's linked events are recomputed and kept in it
(``triangulate.persist.refresh``).

Example::

    with open_store("fogofwar.db") as store:
        report = run_batch(store, ["reports/"], published=date(2016, 6, 1))
    print(report.extracted, report.skipped)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from fogofwar.extract.pipeline import BATCH, DEFAULT_PIPELINE, Pipeline, extract_document
from fogofwar.ingest.document import DEFAULT_MAX_BYTES, IngestOptions, Skip
from fogofwar.ingest.readers import iter_files, read_path
from fogofwar.model import AnnotatedDoc, Document
from fogofwar.resources import Resources
from fogofwar.store.db import Store
from fogofwar.triangulate.persist import refresh

Extractor = Callable[[Document], AnnotatedDoc]
Advance = Callable[..., None]


@dataclass
class RunReport:
    """What a batch did: counts, and every skip and failure with its reason."""

    read: int = 0  # documents read from the inputs
    new: int = 0  # of which not stored before
    duplicates: int = 0  # already stored (or repeated within the batch)
    extracted: int = 0
    events: int = 0
    undated: int = 0  # read documents without a publication date
    skipped: list[Skip] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (doc id or path, reason)

    def skip_reasons(self) -> dict[str, int]:
        """Skips counted by reason (the part of the reason before any detail)."""
        out: dict[str, int] = {}
        for s in self.skipped:
            key = s.reason.split(" (")[0]
            out[key] = out.get(key, 0) + 1
        return out


@dataclass(frozen=True)
class PipelineExtractor:
    """The real pipeline over loaded resources: called on one document, or ``many`` on a
    stream (stage by stage over small batches, faster: see ``pipeline.BATCH``)."""

    pipeline: Pipeline
    res: Resources

    def __call__(self, doc: Document) -> AnnotatedDoc:
        return extract_document(doc, res=self.res, pipeline=self.pipeline)

    def many(self, docs: Iterable[Document]) -> Iterator[tuple[Document, AnnotatedDoc | Exception]]:
        return self.pipeline.map(docs, res=self.res)


def default_extractor(pipeline: Sequence[str] | None = None) -> PipelineExtractor:
    """The real pipeline over the bundled resources (loaded once, here, at the edge)."""
    from fogofwar.extract.pipeline import build
    from fogofwar.resources import load_resources

    return PipelineExtractor(build(pipeline or DEFAULT_PIPELINE), load_resources())


def extract_many(
    extractor: Extractor, docs: Iterable[Document]
) -> Iterator[tuple[Document, AnnotatedDoc | Exception]]:
    """``(doc, annotated doc or the exception raised on it)`` for each document, in order;
    through the extractor's ``many`` when it has one."""
    many = getattr(extractor, "many", None)
    if many is not None:
        yield from many(docs)
        return
    for doc in docs:
        try:
            yield doc, extractor(doc)
        except Exception as e:  # one bad document must not stop the batch
            yield doc, e


@contextmanager
def progress_bar(total: int | None, label: str, *, enabled: bool = True) -> Iterator[Advance]:
    """A rich progress bar on stderr, shown only on a terminal; yields ``advance(read)``:
    one more input file done, ``read`` documents read so far (a feed file may hold
    thousands, so the document count is shown beside the files)."""
    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[docs]:,} documents"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not (enabled and console.is_terminal),
    ) as bar:
        task = bar.add_task(label, total=total, docs=0)

        def advance(read: int | None = None, *, file_done: bool = True) -> None:
            fields = {"docs": read} if read is not None else {}
            bar.update(task, advance=1 if file_done else 0, **fields)

        yield advance


class _Pending:
    """Documents waiting for extraction: extracted and saved a batch at a time (each
    document still in its own transaction, so an interruption loses only the batch not
    yet saved, never anything stored)."""

    def __init__(
        self, store: Store, extractor: Extractor, pipeline: tuple[str, ...], report: RunReport
    ) -> None:
        self.store, self.extractor, self.pipeline, self.report = store, extractor, pipeline, report
        self.docs: dict[str, Document] = {}

    def add(self, doc: Document) -> None:
        if doc.id in self.docs or self.store.is_extracted(doc.id):
            self.report.duplicates += 1
            return
        self.report.new += not self.store.has_document(doc.id)
        self.docs[doc.id] = doc
        if len(self.docs) >= BATCH:
            self.flush()

    def flush(self) -> None:
        docs, self.docs = list(self.docs.values()), {}
        for doc, result in extract_many(self.extractor, docs):
            _save(self.store, doc, result, self.pipeline, self.report)


def _save(
    store: Store,
    doc: Document,
    result: AnnotatedDoc | Exception,
    pipeline: tuple[str, ...],
    report: RunReport,
) -> None:
    if isinstance(result, Exception):  # stored unextracted, with the reason
        store.add_document(doc)
        reason = f"{type(result).__name__}: {result}"
        store.record_failure(doc.id, doc.path, reason)
        report.failed.append((doc.path or doc.id, reason))
        return
    if store.save(result, pipeline=pipeline):
        report.extracted += 1
        report.events += len(result.events)


def _ingest_only(store: Store, doc: Document, report: RunReport) -> None:
    stored = store.add_document(doc)
    report.new += stored
    report.duplicates += not stored


def run_batch(
    store: Store,
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    extractor: Extractor | None = None,
    extract: bool = True,
    pipeline: Sequence[str] = (),
    progress: bool = True,
) -> RunReport:
    """Read ``paths`` (files, folders, feeds) and store each document, extracted if asked.

    ``extractor`` defaults to the real pipeline when ``extract`` is true; with
    ``extract=False`` documents are stored pending extraction (``fogofwar ingest``).
    """
    opts = IngestOptions(published=published, source=source, max_bytes=max_bytes)
    report = RunReport()
    files = list(iter_files(paths))
    ext = (extractor or default_extractor(pipeline or None)) if extract else None
    names = tuple(pipeline) or (DEFAULT_PIPELINE if extractor is None else ())
    with progress_bar(
        len(files), "ingest" if ext is None else "extract", enabled=progress
    ) as advance:
        pending = _Pending(store, ext, names, report) if ext is not None else None
        for entry in files:
            items = [entry] if isinstance(entry, Skip) else read_path(entry, opts)
            for item in items:
                if isinstance(item, Skip):
                    report.skipped.append(item)
                    continue
                report.read += 1
                report.undated += item.published is None
                if pending is None:
                    _ingest_only(store, item, report)
                else:
                    pending.add(item)
                if report.read % 100 == 0:  # a long feed moves the document count
                    advance(report.read, file_done=False)
            advance(report.read)
        if pending is not None:
            pending.flush()
    if report.extracted:
        _refresh(store, progress)
    return report


def _refresh(store: Store, progress: bool) -> None:
    """Link and reconcile again and keep the result in the store (seconds on a large
    store: a spinner says so on a terminal)."""
    console = Console(stderr=True)
    if progress and console.is_terminal:
        with console.status("linking events across documents"):
            refresh(store)
    else:
        refresh(store)


def extract_pending(
    store: Store,
    *,
    extractor: Extractor | None = None,
    pipeline: Sequence[str] = (),
    progress: bool = True,
) -> RunReport:
    """Extract every stored document not yet extracted (earlier failures are retried)."""
    report = RunReport()
    pending = store.pending_ids()
    if not pending:
        return report
    ext = extractor or default_extractor(pipeline or None)
    names = tuple(pipeline) or (DEFAULT_PIPELINE if extractor is None else ())
    with progress_bar(len(pending), "extract", enabled=progress) as advance:
        docs = (d for d in map(store.document, pending) if d is not None)
        for doc, result in extract_many(ext, docs):
            report.read += 1
            report.undated += doc.published is None
            _save(store, doc, result, names, report)
            advance(report.read)
    if report.extracted:
        _refresh(store, progress)
    return report
