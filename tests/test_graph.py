"""The actor-relation graph: edges with sources, dates, grades; GraphML and JSON."""

from __future__ import annotations

from datetime import date

import networkx as nx

from fogofwar.model import Relation
from fogofwar.triangulate.graph import build_edges, edge_to_dict, edges_touching, write_graphml
from fogofwar.triangulate.records import DocInfo

INFOS = {
    "d1": DocInfo("d1", "Levant Wire", date(2016, 6, 1), frozenset()),
    "d2": DocInfo("d2", "Euphrates Monitor", date(2016, 6, 3), frozenset()),
}


def _rel(doc: str, kind: str, src: str, dst: str, text: str = "US-backed") -> Relation:
    return Relation(doc, 0, len(text), text, 0, kind, src, dst)  # type: ignore[arg-type]


def test_edges_gather_sources_and_dates() -> None:
    edges = build_edges(
        [
            _rel("d1", "backs", "usa", "sdf"),
            _rel("d2", "backs", "usa", "sdf"),
            _rel("d1", "fights", "sdf", "isis", "fighting"),
            _rel("d2", "fights", "isis", "sdf", "battle"),
        ],
        INFOS,
    )
    backs, fights = sorted(edges, key=lambda e: e.kind)
    assert (backs.source, backs.target, backs.sources, backs.grade) == (
        "usa",
        "sdf",
        2,
        "corroborated",
    )
    assert (backs.first, backs.last) == (date(2016, 6, 1), date(2016, 6, 3))
    assert (fights.source, fights.target, fights.sources) == ("isis", "sdf", 2)  # symmetric, merged


def test_backing_direction_matters() -> None:
    edges = build_edges(
        [_rel("d1", "backs", "iran", "pmf"), _rel("d2", "backs", "pmf", "iran")], INFOS
    )
    assert len(edges) == 2 and all(e.grade == "single source" for e in edges)


def test_graphml_and_json_exports(tmp_path) -> None:
    edges = build_edges([_rel("d1", "backs", "usa", "sdf")], INFOS)
    path = tmp_path / "g.graphml"
    write_graphml(edges, str(path), {"sdf": "Syrian Democratic Forces"})
    g = nx.read_graphml(path)
    assert g.nodes["sdf"]["label"] == "Syrian Democratic Forces"
    (data,) = [d for _, _, d in g.edges(data=True)]
    assert data["kind"] == "backs" and data["publishers"] == "Levant Wire"
    obj = edge_to_dict(edges[0])
    assert obj["mentions"][0]["text"] == "US-backed" and obj["sources"] == 1
    assert edges_touching(edges, "SDF") == edges and edges_touching(edges, "isis") == ()
