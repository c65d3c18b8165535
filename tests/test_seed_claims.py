"""Issue 4 on ../shared/seeds: the Fallujah displacement and the coalition's civilian toll
keep who says them (skipped when ../shared is absent)."""

from __future__ import annotations

from datetime import date

from fogofwar.ingest.readers import ingest_paths
from fogofwar.model import Document
from fogofwar.triangulate.claims import claims_from_doc, doc_info
from fogofwar.triangulate.linking import link
from fogofwar.triangulate.reconcile import reconcile

PUB = date(2016, 6, 1)


def _claims(seeds_dir, res):
    from fogofwar.extract.pipeline import extract_document

    docs = [d for d in ingest_paths([seeds_dir], published=PUB) if isinstance(d, Document)]
    assert docs, "no seed document was read"
    return {d.id: (d, claims_from_doc(extract_document(d, res=res))) for d in docs}


def _with_figure(claims, kind: str, value: int):
    return [
        c
        for _, cs in claims.values()
        for c in cs
        if any(f.kind == kind and value in (f.low, f.best) for f in c.figures)
    ]


def test_displacement_and_coalition_toll_keep_their_claimants(seeds_dir, res) -> None:
    claims = _claims(seeds_dir, res)
    for kind, value in (("displaced", 68000), ("killed", 1206)):
        found = _with_figure(claims, kind, value)
        assert found, f"no claim of {value} {kind}"
        for c in found:
            doc = claims[c.doc_id][0]
            # no one is quoted for these figures: the report's own publisher states them
            assert c.publisher == doc_info(doc).publisher and c.claimant
            assert not c.is_party


def test_the_claims_survive_linking_and_reconciling(seeds_dir, res) -> None:
    claims = _claims(seeds_dir, res)
    infos = {doc_id: doc_info(d) for doc_id, (d, _) in claims.items()}
    events = link([(infos[doc_id], cs) for doc_id, (_, cs) in claims.items()])
    for kind, value in (("displaced", 68000), ("killed", 1206)):
        ids = {c.id for c in _with_figure(claims, kind, value)}
        holding = [e for e in events if ids & {c.id for c in e.claims}]
        assert holding, f"{value} {kind} lost in linking"
        rec = reconcile(holding[0], infos)
        assert any(f.kind == kind and value in (f.low, f.best, f.high) for f in rec.figures)
