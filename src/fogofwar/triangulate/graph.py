"""The actor-relation graph: each edge (backs, allied_with, fights, besieges, part_of) with
every source that states it, its dates, and a grade, exportable to GraphML and JSON."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from fogofwar.model import Relation
from fogofwar.triangulate.records import DocInfo, GraphEdge

SYMMETRIC = frozenset({"allied_with", "fights"})


def edge_key(r: Relation) -> tuple[str, str, str]:
    """Symmetric relations are stored once, actors in sorted order."""
    a, b = sorted((r.source, r.target)) if r.kind in SYMMETRIC else (r.source, r.target)
    return a, r.kind, b


def build_edges(
    relations: Iterable[Relation], infos: Mapping[str, DocInfo]
) -> tuple[GraphEdge, ...]:
    """Group relation mentions into edges; independent sources are counted by publisher."""
    groups: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
    for r in relations:
        groups[edge_key(r)].append(r)
    return tuple(_edge(k, rs, infos) for k, rs in sorted(groups.items()))


def _edge(
    key: tuple[str, str, str], rels: list[Relation], infos: Mapping[str, DocInfo]
) -> GraphEdge:
    src, kind, dst = key
    pubs = sorted({infos[r.doc_id].publisher if r.doc_id in infos else r.doc_id for r in rels})
    days = sorted(d for r in rels if r.doc_id in infos and (d := infos[r.doc_id].published))
    return GraphEdge(
        source=src,
        target=dst,
        kind=kind,  # type: ignore[arg-type]
        publishers=tuple(pubs),
        doc_ids=tuple(sorted({r.doc_id for r in rels})),
        mentions=tuple(sorted((r.doc_id, r.start, r.end, r.text) for r in rels)),
        first=days[0] if days else None,
        last=days[-1] if days else None,
        sources=len(pubs),
        grade="corroborated" if len(pubs) >= 2 else "single source",
    )


def to_networkx(
    edges: Iterable[GraphEdge], names: Mapping[str, str] | None = None
) -> nx.MultiDiGraph:
    """A multigraph (one edge per relation kind); attributes are GraphML-safe scalars."""
    names = names or {}
    g = nx.MultiDiGraph()
    for e in edges:
        for node in (e.source, e.target):
            g.add_node(node, label=names.get(node, node))
        g.add_edge(
            e.source,
            e.target,
            key=e.kind,
            kind=e.kind,
            sources=e.sources,
            grade=e.grade,
            publishers="; ".join(e.publishers),
            documents="; ".join(e.doc_ids),
            first=e.first.isoformat() if e.first else "",
            last=e.last.isoformat() if e.last else "",
            symmetric=e.kind in SYMMETRIC,
        )
    return g


def edge_to_dict(e: GraphEdge, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    names = names or {}
    return {
        "source": e.source,
        "source_name": names.get(e.source, e.source),
        "kind": e.kind,
        "target": e.target,
        "target_name": names.get(e.target, e.target),
        "sources": e.sources,
        "grade": e.grade,
        "publishers": list(e.publishers),
        "first": e.first.isoformat() if e.first else None,
        "last": e.last.isoformat() if e.last else None,
        "mentions": [{"doc_id": d, "start": s, "end": t, "text": x} for d, s, t, x in e.mentions],
    }


def write_graphml(
    edges: Iterable[GraphEdge], path: str, names: Mapping[str, str] | None = None
) -> None:
    nx.write_graphml(to_networkx(edges, names), path)


def edges_touching(edges: Iterable[GraphEdge], actor: str) -> tuple[GraphEdge, ...]:
    """Edges where ``actor`` (id or name substring, case-insensitive) is an end."""
    a = actor.lower()
    return tuple(e for e in edges if a in e.source.lower() or a in e.target.lower())
