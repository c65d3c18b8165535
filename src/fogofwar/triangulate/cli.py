"""Triangulation commands: ``linked``, ``event ID``, ``actors``, ``graph``.

The core CLI adds them with one line: ``register(cli)``. They read the linked events the
store keeps (``triangulate.persist``), recomputed first only when the store's extracted
content changed since (``fogofwar extract`` and ``run`` recompute them at once).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from fogofwar.errors import FogofwarError
from fogofwar.triangulate.claims import publisher_name
from fogofwar.triangulate.graph import build_edges, edge_to_dict, edges_touching, write_graphml
from fogofwar.triangulate.persist import linked as linked_events
from fogofwar.triangulate.persist import linked_event, refresh, with_claims
from fogofwar.triangulate.records import (
    GRADES,
    Claim,
    ClaimFigure,
    DocInfo,
    Event,
    LinkedEvent,
    LinkedFilter,
    Reconciled,
)


def export_linked(store: Any, formats: Any, out: Path) -> list[tuple[Path, int]]:
    """Write linked events (ranges, source counts, grades, contested flags) beside the
    mention exports: ``linked_events.csv`` (ACLED columns, ``fatalities`` = the conservative
    low) and/or ``linked_events.json``. Returns (path, events written) per file."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    if "csv" in formats:
        rows = linked_events(store)
        path = out / "linked_events.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
            writer.writeheader()
            writer.writerows(csv_row(le) for le in rows)
        written.append((path, len(rows)))
    if "json" in formats:
        pairs = with_claims(store)
        path = out / "linked_events.json"
        data = [event_to_dict(e, r) for e, r in pairs]
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append((path, len(pairs)))
    return written


def triangulation_filters(fn: Any) -> Any:
    """``--contested``, ``--grade``, ``--min-sources`` for the core ``events`` command."""
    fn = click.option("--min-sources", type=int, default=0, help="At least N independent sources.")(
        fn
    )
    fn = click.option("--grade", type=click.Choice(GRADES), help="Only events with this grade.")(fn)
    return click.option("--contested", is_flag=True, help="Only events whose sources disagree.")(fn)


def keep_linked(
    store: Any,
    mentions: list[Any],
    *,
    contested: bool = False,
    grade: str | None = None,
    min_sources: int = 0,
    **_: Any,
) -> list[Any]:
    """The event mentions whose linked event passes the triangulation filters."""
    if not (contested or grade or min_sources):
        return mentions
    refresh(store)
    ok = store.linked_mention_ids(
        LinkedFilter(contested=contested, grade=grade, min_sources=min_sources)
    )
    return [m for m in mentions if m.id in ok]


def fig_text(f: ClaimFigure) -> str:
    q = f"{f.qualifier} " if f.qualifier else ""
    nums = "/".join("-" if v is None else str(v) for v in (f.low, f.best, f.high))
    return f"{f.kind} {q}{f.text!r} (low/best/high {nums})"


def event_to_dict(e: Event, r: Reconciled) -> dict[str, Any]:
    """One linked event as JSON: conclusion, figure ranges and every claim."""
    return {**summary_to_dict(linked_event(e, r)), "claims": [claim_to_dict(c) for c in e.claims]}


def summary_to_dict(le: LinkedEvent) -> dict[str, Any]:
    """``event_to_dict`` without the claims (what the store keeps of an event)."""
    r = le.reconciled
    return {
        "id": le.id,
        "event_type": le.event_type,
        "sub_event_type": le.sub_event_type,
        "place": le.place,
        "country": le.country,
        "first": r.first.isoformat() if r.first else None,
        "last": r.last.isoformat() if r.last else None,
        "grade": r.grade,
        "reasons": list(r.reasons),
        "sources": r.sources,
        "publishers": list(r.publishers),
        "contested": r.contested,
        "contested_on": list(r.contested_on),
        "figures": [
            {
                "kind": f.kind,
                "low": f.low,
                "best": f.best,
                "high": f.high,
                "sources": f.sources,
                "contested": f.contested,
            }
            for f in r.figures
        ],
    }


def claim_to_dict(c: Claim) -> dict[str, Any]:
    return {
        "mention_id": c.id,
        "doc_id": c.doc_id,
        "start": c.start,
        "end": c.end,
        "sentence": c.sentence,
        "sentence_text": c.sentence_text,
        "publisher": c.publisher,
        "claimant": c.claimant,
        "is_party": c.is_party,
        "modality": c.modality,
        "actors": [
            {"role": a.role, "canonical_id": a.canonical_id, "name": a.name} for a in c.actors
        ],
        "figures": [
            {
                "kind": f.kind,
                "low": f.low,
                "best": f.best,
                "high": f.high,
                "qualifier": f.qualifier,
                "text": f.text,
            }
            for f in c.figures
        ],
    }


CSV_FIELDS = (
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "location",
    "country",
    "fatalities",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "sources",
    "grade",
    "contested",
    "contested_on",
    "source",
)


def csv_row(le: LinkedEvent) -> dict[str, Any]:
    """ACLED-style: ``fatalities`` is the conservative low; our range in extra columns."""
    r = le.reconciled
    killed = next((f for f in r.figures if f.kind == "killed"), None)
    d = summary_to_dict(le)
    return {
        "event_id": le.id,
        "event_date": d["first"],
        "event_type": d["event_type"],
        "sub_event_type": d["sub_event_type"],
        "location": d["place"],
        "country": d["country"],
        "fatalities": killed.low
        if killed and killed.low is not None
        else (killed.best if killed else 0),
        "fatalities_low": killed.low if killed else None,
        "fatalities_best": killed.best if killed else None,
        "fatalities_high": killed.high if killed else None,
        "sources": r.sources,
        "grade": r.grade,
        "contested": int(r.contested),
        "contested_on": ";".join(r.contested_on),
        "source": "; ".join(r.publishers),
    }


def highlighted(c: Claim) -> Text:
    """The claim's sentence with the trigger and figures highlighted."""
    t = Text(c.sentence_text)
    off = c.sentence_start
    t.stylize("bold yellow", c.start - off, c.end - off)
    for f in c.figures:
        t.stylize("bold red", f.start - off, f.end - off)
    return t


def claims_table(e: Event, r: Reconciled) -> Table:
    table = Table(
        "source",
        "claimant",
        "party",
        "modality",
        "figures",
        "sentence",
        title=f"{e.id}: {r.grade} ({r.sources} independent sources)",
        caption="\n".join(r.reasons),
        show_lines=True,
    )
    for c in e.claims:
        table.add_row(
            c.publisher,
            c.claimant,
            "yes" if c.is_party else "",
            c.modality,
            "\n".join(fig_text(f) for f in c.figures),
            highlighted(c),
        )
    return table


def events_table(rows: list[LinkedEvent]) -> Table:
    table = Table(
        "id",
        "type",
        "place",
        "date",
        "killed (low-best-high)",
        "sources",
        "grade",
        title=f"{len(rows)} linked events",
    )
    for le in rows:
        r, d = le.reconciled, summary_to_dict(le)
        k = next((f for f in r.figures if f.kind == "killed"), None)
        rng = f"{k.low}-{k.best}-{k.high}" if k else ""
        table.add_row(
            le.id,
            d["sub_event_type"],
            d["place"] or "",
            d["first"] or "",
            rng,
            str(r.sources),
            r.grade + (" *" if r.contested else ""),
        )
    return table


def _store(ctx: click.Context) -> Any:
    return ctx.obj.store()


def publishers(store: Any, doc_ids: Iterable[str]) -> dict[str, DocInfo]:
    """Publisher and publication date of documents (no text: no shingles)."""
    return {
        d: DocInfo(d, publisher_name(m.source, d), m.published, frozenset())
        for d, m in store.doc_infos(doc_ids).items()
    }


@click.command("linked")
@click.option("--contested", is_flag=True, help="Only events whose sources disagree.")
@click.option("--grade", type=click.Choice(GRADES), help="Only events with this grade.")
@click.option("--min-sources", type=int, default=0, help="At least N independent sources.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.pass_context
def linked(
    ctx: click.Context, contested: bool, grade: str | None, min_sources: int, fmt: str
) -> None:
    """List linked events (mentions of many reports joined) with grades and source counts.

    Example: fogofwar linked --contested --min-sources 2 --format json
    """
    flt = LinkedFilter(contested=contested, grade=grade, min_sources=min_sources)
    with _store(ctx) as store:
        if fmt == "json":
            pairs = with_claims(store, flt)
        else:
            rows = linked_events(store, flt)
    if fmt == "json":
        data = [event_to_dict(e, r) for e, r in pairs]
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        out = [csv_row(le) for le in rows]
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(out)
    else:
        Console().print(events_table(rows))


@click.command("event")
@click.argument("event_id")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.pass_context
def event(ctx: click.Context, event_id: str, fmt: str) -> None:
    """Show one linked event with all its claims side by side.

    Example: fogofwar event ev-1a2b3c4d5e
    """
    with _store(ctx) as store:
        found = with_claims(store, LinkedFilter(ids=(event_id,), mention_ids=(event_id,)))
    if not found:
        raise FogofwarError(f"no linked event {event_id!r}; list them with `fogofwar linked`")
    e, r = found[0]
    if fmt == "json":
        click.echo(json.dumps(event_to_dict(e, r), ensure_ascii=False, indent=1))
    else:
        Console().print(claims_table(e, r))


@click.command("actors")
@click.pass_context
def actors(ctx: click.Context) -> None:
    """List actors with how many linked events and relations name them.

    Example: fogofwar actors
    """
    with _store(ctx) as store:
        refresh(store)
        names: dict[str, str] = {}
        counts: Counter[str] = Counter()
        for _, rows in groupby(store.linked_actors(), key=itemgetter(0)):
            ids = set()
            for _, aid, name in rows:
                ids.add(aid)
                names[aid] = name
            counts.update(ids)
        rels = store.relations()
        edges = build_edges(rels, publishers(store, {r.doc_id for r in rels}))
    rels = Counter(x for ed in edges for x in (ed.source, ed.target))
    table = Table("actor", "name", "events", "relations", title="Actors")
    for aid in sorted(set(counts) | set(rels), key=lambda a: (-counts[a], a)):
        table.add_row(aid, names.get(aid, aid), str(counts[aid]), str(rels[aid]))
    Console().print(table)


@click.command("graph")
@click.argument("actor", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "graphml"]),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here (GraphML needs a file).",
)
@click.pass_context
def graph(ctx: click.Context, actor: str | None, fmt: str, out: Path | None) -> None:
    """Export the actor-relation graph (each edge with its sources) for Gephi or networkx.

    Example: fogofwar graph sdf --format graphml --out sdf.graphml
    """
    with _store(ctx) as store:
        rels = store.relations()
        edges = build_edges(rels, publishers(store, {r.doc_id for r in rels}))
        names = store.actor_names({x for e in edges for x in (e.source, e.target)})
    edges = edges_touching(edges, actor) if actor else edges
    if fmt == "graphml":
        if out is None:
            raise click.UsageError("--format graphml needs --out FILE")
        write_graphml(edges, str(out), names)
        return
    text = json.dumps([edge_to_dict(e, names) for e in edges], ensure_ascii=False, indent=1)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


def register(cli_group: click.Group) -> None:
    """Add the triangulation commands to the core ``fogofwar`` group."""
    for cmd in (linked, event, actors, graph):
        cli_group.add_command(cmd)
