"""The ``fogofwar`` command line: thin click commands over the library.

Every command's help ends with an ``Example:``; output flags come from one decorator.
Other packages register their commands at the bottom of this file.
"""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from fogofwar.errors import FogofwarError
from fogofwar.ingest.document import DEFAULT_MAX_BYTES
from fogofwar.model import EventMention
from fogofwar.runner import RunReport, extract_pending, run_batch
from fogofwar.store import EventFilter, Store, open_store
from fogofwar.store.export import (
    CSV_COLUMNS,
    FORMATS,
    acled_row,
    event_to_dict,
    export_events,
    relations_to_dicts,
)
from fogofwar.triangulate.cli import keep_linked, triangulation_filters

F = TypeVar("F", bound=Callable[..., Any])
SUMMARY_ROWS = 40  # events listed in a run's summary table; the rest are counted


@dataclass(frozen=True)
class Settings:
    db: Path

    def store(self) -> Store:
        return open_store(self.db)


def output_format(*choices: str, default: str = "table") -> Callable[[F], F]:
    """The shared ``--format`` option of listing commands."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter(f"{value!r} is not a date like 2016-06-01") from e


def date_option(name: str, help: str) -> Callable[[F], F]:
    return click.option(name, callback=_iso_date, metavar="YYYY-MM-DD", help=help)


def ingest_options(fn: F) -> F:
    """Options shared by ``ingest`` and ``run``."""
    fn = click.option(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Skip files (and feed records) larger than this.",
    )(fn)
    fn = click.option("--source", help="Publisher for documents that name none.")(fn)
    fn = date_option(
        "--published",
        "Publication date for documents that state none; "
        "relative dates ('last week') resolve against it.",
    )(fn)
    return click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False))(fn)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="FOGOFWAR_DB",
    default="fogofwar.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite store (env FOGOFWAR_DB).",
)
@click.version_option(package_name="fogofwar")
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """Turn conflict reports into sourced, structured event data.

    Example: fogofwar --db events.db run reports/ --published 2016-06-01 --out out/
    """
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s")
    ctx.obj = Settings(Path(db))


@cli.command()
@ingest_options
@click.pass_obj
def ingest(
    settings: Settings,
    paths: Sequence[str],
    published: date | None,
    source: str | None,
    max_bytes: int,
) -> None:
    """Read reports (.txt, .html, .jsonl, .csv or folders) into the store, unextracted.

    Example: fogofwar ingest reports/ feed.jsonl --published 2016-06-01
    """
    with settings.store() as store:
        report = run_batch(
            store, paths, published=published, source=source, max_bytes=max_bytes, extract=False
        )
    _print_counts(report, Console(stderr=True))


@cli.command()
@click.pass_obj
def extract(settings: Settings) -> None:
    """Extract every stored document not yet extracted (earlier failures are retried).

    Example: fogofwar extract
    """
    with settings.store() as store:
        report = _guard(lambda: extract_pending(store))
    _print_counts(report, Console(stderr=True))


def event_filters(fn: F) -> F:
    """The filter options of ``events`` and ``export``."""
    fn = click.option("--min-killed", type=int, help="At least this many killed.")(fn)
    fn = date_option("--until", "Events on or before this day.")(fn)
    fn = date_option("--since", "Events on or after this day.")(fn)
    fn = click.option("--actor", help="Actor name or id (substring).")(fn)
    fn = click.option("--place", help="Place, admin1 or country (substring).")(fn)
    return click.option("--type", "type_", help="Event, sub-event or PLOVER type.")(fn)


def _filter(**kw: Any) -> EventFilter:
    return EventFilter(
        type=kw["type_"],
        place=kw["place"],
        actor=kw["actor"],
        since=kw["since"],
        until=kw["until"],
        min_killed=kw["min_killed"],
        limit=kw.get("limit"),
    )


@cli.command()
@event_filters
@triangulation_filters
@click.option("--limit", type=int, help="Show at most this many events.")
@output_format("table", "json", "csv")
@click.pass_obj
def events(settings: Settings, fmt: str, **filters: Any) -> None:
    """List events (one per event mention until triangulation links them).

    Example: fogofwar events --place Fallujah --since 2016-05-01 --format json
    """
    with settings.store() as store:
        evs = keep_linked(store, store.events(_filter(**filters)), **filters)
        infos = store.doc_infos(e.doc_id for e in evs)
    if fmt == "json":
        click.echo(
            json.dumps(
                [event_to_dict(e, infos.get(e.doc_id)) for e in evs], ensure_ascii=False, indent=1
            )
        )
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(acled_row(e, infos.get(e.doc_id)) for e in evs)
    else:
        sources = {k: v.source or "" for k, v in infos.items()}
        Console().print(events_table(evs, sources, title=f"{len(evs)} events"))


@cli.command()
@click.argument("actor", required=False)
@output_format("table", "json")
@click.pass_obj
def relations(settings: Settings, actor: str | None, fmt: str) -> None:
    """List actor relations (backs, allied_with, fights, ...) with their mentions.

    Example: fogofwar relations sdf --format json
    """
    with settings.store() as store:
        rels = store.relations(actor)
        names = store.actor_names({r.source for r in rels} | {r.target for r in rels})
        objs = relations_to_dicts(rels, names, store.doc_infos(r.doc_id for r in rels))
    if fmt == "json":
        click.echo(json.dumps(objs, ensure_ascii=False, indent=1))
        return
    table = Table("source", "relation", "target", "mentions", "sources", title="Relations")
    for o in objs:
        table.add_row(
            o["source_name"],
            o["kind"],
            o["target_name"],
            str(len(o["mentions"])),
            ", ".join(o["sources"]),
        )
    Console().print(table)


@cli.command()
@event_filters
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(FORMATS),
    help="Format(s) to write; all of them when not given.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default="out",
    show_default=True,
    help="Folder to write events.<format> into.",
)
@click.pass_obj
def export(settings: Settings, formats: Sequence[str], out: str, **filters: Any) -> None:
    """Write events as ACLED-style CSV, GeoJSON, JSON and/or Parquet.

    Example: fogofwar export --format csv --format geojson --out exports/
    """
    with settings.store() as store:
        _export(store, formats or FORMATS, Path(out), _filter(**filters), Console(stderr=True))


def _export(
    store: Store, formats: Sequence[str], out: Path, flt: EventFilter, console: Console
) -> None:
    evs = store.events(flt)
    infos = store.doc_infos(e.doc_id for e in evs)
    for fmt in formats:
        res = export_events(evs, infos, fmt, out)
        note = f" ({res.note})" if res.note else ""
        console.print(f"wrote {res.written} events to {res.path}{note}")
    from fogofwar.triangulate.cli import export_linked  # linking is costly: only on export

    for path, n in export_linked(store, formats, out):
        console.print(f"wrote {n} linked events to {path}")


@cli.command()
@ingest_options
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default="out",
    show_default=True,
    help="Folder for the exports (CSV, GeoJSON, JSON, Parquet).",
)
@click.pass_obj
def run(
    settings: Settings,
    paths: Sequence[str],
    published: date | None,
    source: str | None,
    max_bytes: int,
    out: str,
) -> None:
    """Ingest, extract and export in one go, then print a summary of what was found.

    Example: fogofwar run src/fogofwar/data/samples --out out/
    """
    console = Console()
    if not console.is_terminal:
        console = Console(width=160)  # piped or logged: keep the summary table readable
    with settings.store() as store:
        report = _guard(
            lambda: run_batch(store, paths, published=published, source=source, max_bytes=max_bytes)
        )
        evs = store.events()
        sources = {k: v.source or "" for k, v in store.doc_infos(e.doc_id for e in evs).items()}
        _export(store, FORMATS, Path(out), EventFilter(), console)
    print_summary(evs, sources, console)
    _print_counts(report, console)


def _guard(fn: Callable[[], RunReport]) -> RunReport:
    """Turn a missing extraction stage or data file into a readable error."""
    try:
        return fn()
    except (ImportError, FogofwarError) as e:
        raise click.ClickException(f"extraction is unavailable: {e}") from e


# -- rendering --------------------------------------------------------------------------------


def _actors(ev: EventMention) -> str:
    return "; ".join(f"{a.actor.name} ({a.role})" for a in ev.actors)


def _figures(ev: EventMention) -> str:
    parts = []
    for f in ev.figures:
        value = f.best if f.best is not None else f.low if f.low is not None else f.high
        parts.append(f"{f.kind} {(f.qualifier + ' ') if f.qualifier else ''}{value}")
    return "; ".join(parts)


_FEATURE_LABEL = {"admin1": "province", "admin2": "district"}


def _place(ev: EventMention) -> str:
    """ "Ar Raqqah, Syria" for the town, "Ar-Raqqah (province), Syria" for the
    governorate of the same name: they are different places."""
    p = ev.place
    if p is None:
        return ""
    label = _FEATURE_LABEL.get(p.feature)
    name = f"{p.name} ({label})" if label else p.name
    return ", ".join(x for x in (name, p.country) if x)


def events_table(
    evs: Sequence[EventMention], sources: dict[str, str], *, title: str, limit: int | None = None
) -> Table:
    """Events as a rich table: type, date, place, actors, figures, source."""
    table = Table(
        "type",
        "date",
        "place",
        "actors",
        "figures",
        "modality",
        "source",
        title=title,
        show_lines=False,
    )
    for ev in list(evs)[:limit]:
        table.add_row(
            f"{ev.event_type}\n[dim]{ev.sub_event_type}[/dim]",
            ev.date.first.isoformat() if ev.date else "",
            _place(ev),
            _actors(ev),
            _figures(ev),
            ev.modality + (f"\n[dim]{ev.attribution.claimant}[/dim]" if ev.attribution else ""),
            sources.get(ev.doc_id, ""),
        )
    return table


def _count_table(title: str, counter: Counter[str], top: int = 10) -> Table:
    table = Table(title, "events", title=None)
    for key, n in counter.most_common(top):
        table.add_row(key or "(unknown)", str(n))
    return table


def print_summary(evs: Sequence[EventMention], sources: dict[str, str], console: Console) -> None:
    """The run summary: events by type and by place, then the events themselves."""
    console.print(_count_table("event type", Counter(e.event_type for e in evs)))
    console.print(_count_table("place", Counter(_place(e) for e in evs)))
    shown = min(len(evs), SUMMARY_ROWS)
    title = f"Events ({shown} of {len(evs)} shown)" if shown < len(evs) else "Events"
    console.print(events_table(evs, sources, title=title, limit=SUMMARY_ROWS))


def _print_counts(report: RunReport, console: Console) -> None:
    """Documents read/new/duplicate, skips with reasons, failures, undated documents."""
    console.print(
        f"documents: {report.read} read, {report.new} new, {report.duplicates} already stored;"
        f" {report.extracted} extracted, {report.events} events"
    )
    if report.skipped:
        reasons = ", ".join(f"{n} {r}" for r, n in sorted(report.skip_reasons().items()))
        console.print(f"skipped: {len(report.skipped)} ({reasons})")
        for s in report.skipped:
            console.print(f"  skipped {s}", markup=False, soft_wrap=True)
    if report.failed:
        console.print(f"[red]failed: {len(report.failed)}[/red]")
        for where, reason in report.failed:
            console.print(f"  failed {where}: {reason}", markup=False, soft_wrap=True)
    if report.undated:
        console.print(
            f"[yellow]{report.undated} documents without publication date: "
            "relative dates unresolved[/yellow] (use --published YYYY-MM-DD)"
        )


def main() -> None:
    """Console-script entry point."""
    try:
        cli()
    except FogofwarError as e:
        raise SystemExit(f"error: {e}") from e


# -- commands registered by other packages (one line each) -------------------------------------
from fogofwar.bench_cli import bench  # noqa: E402  (bench group: accuracy, linking)

cli.add_command(bench)
from fogofwar.triangulate.cli import register as _register_triangulation  # noqa: E402

_register_triangulation(cli)  # linked, event ID, actors, graph
