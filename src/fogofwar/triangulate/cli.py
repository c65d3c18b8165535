"""Triangulation commands: ``linked``, ``event ID``, ``actors``, ``graph``.

The core CLI adds them with one line: ``register(cli)``. Linking is recomputed from the
store's event mentions on each call (it costs well under a millisecond per document).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from fogofwar.errors import FogofwarError
from fogofwar.model import AnnotatedDoc
from fogofwar.triangulate.claims import claims_from_doc, doc_info
from fogofwar.triangulate.graph import build_edges, edge_to_dict, edges_touching, write_graphml
from fogofwar.triangulate.linking import LinkIndex, paused_gc
from fogofwar.triangulate.reconcile import reconcile
from fogofwar.triangulate.records import GRADES, Claim, ClaimFigure, DocInfo, Event, Reconciled


@dataclass(frozen=True)
class Triangulation:
    events: tuple[Event, ...]
    reconciled: dict[str, Reconciled]
    infos: dict[str, DocInfo]


def triangulate_store(store: Any) -> Triangulation:
    """Link and reconcile every event mention in a store."""
    with paused_gc():
        by_doc: dict[str, list] = {}
        for em in store.events():
            by_doc.setdefault(em.doc_id, []).append(em)
        index = LinkIndex()
        for doc_id in sorted(by_doc):
            doc = store.document(doc_id)
            ad = AnnotatedDoc(doc=doc, events=tuple(by_doc[doc_id]))
            index.add(doc_info(doc), claims_from_doc(ad))
        events = index.events()
        reconciled = {e.id: reconcile(e, index.docs) for e in events}
    return Triangulation(events, reconciled, index.docs)


def select(
    tri: Triangulation, *, contested: bool = False, grade: str | None = None, min_sources: int = 0
) -> list[tuple[Event, Reconciled]]:
    """Events passing the triangulation filters."""
    out = []
    for e in tri.events:
        r = tri.reconciled[e.id]
        if (contested and not r.contested) or (grade and r.grade != grade):
            continue
        if r.sources >= min_sources:
            out.append((e, r))
    return out


def export_linked(store: Any, formats: Any, out: Path) -> list[tuple[Path, int]]:
    """Write linked events (ranges, source counts, grades, contested flags) beside the
    mention exports: ``linked_events.csv`` (ACLED columns, ``fatalities`` = the conservative
    low) and/or ``linked_events.json``. Returns (path, events written) per file."""
    rows = select(triangulate_store(store))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    if "csv" in formats:
        path = out / "linked_events.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
            writer.writeheader()
            writer.writerows(csv_row(e, r) for e, r in rows)
        written.append((path, len(rows)))
    if "json" in formats:
        path = out / "linked_events.json"
        data = [event_to_dict(e, r) for e, r in rows]
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append((path, len(rows)))
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
    rows = select(
        triangulate_store(store), contested=contested, grade=grade, min_sources=min_sources
    )
    ok = {c.id for e, _ in rows for c in e.claims}
    return [m for m in mentions if m.id in ok]


def fig_text(f: ClaimFigure) -> str:
    q = f"{f.qualifier} " if f.qualifier else ""
    nums = "/".join("-" if v is None else str(v) for v in (f.low, f.best, f.high))
    return f"{f.kind} {q}{f.text!r} (low/best/high {nums})"


def event_to_dict(e: Event, r: Reconciled) -> dict[str, Any]:
    """One linked event as JSON: conclusion, figure ranges and every claim."""
    seed = e.claims[0]
    return {
        "id": e.id,
        "event_type": seed.event_type,
        "sub_event_type": seed.sub_event_type,
        "place": seed.place.name if seed.place else None,
        "country": seed.place.country_code if seed.place else None,
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
        "claims": [claim_to_dict(c) for c in e.claims],
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


def csv_row(e: Event, r: Reconciled) -> dict[str, Any]:
    """ACLED-style: ``fatalities`` is the conservative low; our range in extra columns."""
    killed = next((f for f in r.figures if f.kind == "killed"), None)
    d = event_to_dict(e, r)
    return {
        "event_id": e.id,
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


def events_table(rows: list[tuple[Event, Reconciled]]) -> Table:
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
    for e, r in rows:
        d = event_to_dict(e, r)
        k = next((f for f in r.figures if f.kind == "killed"), None)
        rng = f"{k.low}-{k.best}-{k.high}" if k else ""
        table.add_row(
            e.id,
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
    with _store(ctx) as store:
        rows = select(
            triangulate_store(store), contested=contested, grade=grade, min_sources=min_sources
        )
    if fmt == "json":
        click.echo(json.dumps([event_to_dict(e, r) for e, r in rows], ensure_ascii=False, indent=1))
    elif fmt == "csv":
        out = [csv_row(e, r) for e, r in rows]
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
        tri = triangulate_store(store)
    found = [e for e in tri.events if e.id == event_id or any(c.id == event_id for c in e.claims)]
    if not found:
        raise FogofwarError(f"no linked event {event_id!r}; list them with `fogofwar linked`")
    e, r = found[0], tri.reconciled[found[0].id]
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
        tri = triangulate_store(store)
        edges = build_edges(store.relations(), tri.infos)
    names: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for e in tri.events:
        ids = {a.canonical_id for c in e.claims for a in c.actors}
        names.update({a.canonical_id: a.name for c in e.claims for a in c.actors})
        counts.update(ids)
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
        infos = {d.id: doc_info(d) for d in store.documents()}
        edges = build_edges(rels, infos)
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
