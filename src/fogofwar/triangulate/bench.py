"""Linking benchmarks: pairwise precision/recall against a known grouping, and scale cost.

``score_folders`` reads folders holding documents and a ``groups.json`` (document file →
true event group; feed rows as ``file.csv:LINE``), ingests, extracts and links them, and
scores document pairs: two documents are predicted together when their main event
mentions land in one linked event. ``score_gtd_related`` measures hard negatives: GTD
records that GTD lists as ``related`` are coordinated but distinct incidents and must stay
apart (its ``linked_pairs`` list what each linked pair's main claims state: targets and
named localities, districts, persons).
"""

from __future__ import annotations

import json
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

from fogofwar.model import AnnotatedDoc, Document
from fogofwar.triangulate.claims import claims_from_doc, doc_info
from fogofwar.triangulate.linking import LinkIndex, is_vague, place_level
from fogofwar.triangulate.records import Claim, ClaimActor, ClaimPlace, DocInfo
from fogofwar.triangulate.rules import Tolerances, default_tolerances

Extractor = Callable[[Document], AnnotatedDoc]


def load_groups(folder: Path) -> dict[str, str]:
    """``groups.json`` of a folder: document file name → true group."""
    return dict(json.loads((folder / "groups.json").read_text("utf-8")))


def doc_key(doc: Document) -> str:
    """The groups.json key of a document: its file name (``name:LINE`` for feed rows)."""
    return Path(doc.path or doc.id).name


def main_claim(claims: Iterable[Claim], tol: Tolerances) -> Claim | None:
    """The document's main event mention: the first mention of the type family the report
    returns to most, among its placed, non-aggregate, not merely planned mentions.

    Each such mention votes for its family once, twice more when it is in the report's
    lead (the first sentence holding one: news reports state their event first), once more
    when it carries figures (what a report counts is what it is about). A displacement
    report that opens with the flight and then recalls the offensive stays a displacement
    report; a battle report that mentions the flight in passing stays a battle report.
    """
    claims = list(claims)
    good = [
        c
        for c in claims
        if place_level(c.place) != "none"
        and not is_vague(c, tol)
        and c.modality not in tol.excluded_modalities
    ]
    if not good:
        return (claims or [None])[0]
    lead = good[0].sentence
    votes: Counter[str] = Counter()
    for c in good:
        votes[c.family] += 1 + (2 if c.sentence == lead else 0) + (1 if c.figures else 0)
    top = max(votes.values())
    return next(c for c in good if votes[c.family] == top)


def pairwise(pred: Mapping[str, str | None], gold: Mapping[str, str]) -> dict[str, Any]:
    """Pairwise precision/recall over documents present in both mappings."""
    keys = sorted(k for k in gold if k in pred)
    tp = fp = fn = 0
    for a, b in combinations(keys, 2):
        same_pred = pred[a] is not None and pred[a] == pred[b]
        same_gold = gold[a] == gold[b]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    pairs = len(keys) * (len(keys) - 1) // 2
    return {
        "precision": precision,
        "recall": recall,
        "pairs": pairs,
        "documents": len(keys),
        "true_pairs": tp + fn,
        "predicted_pairs": tp + fp,
    }


def score_folders(
    folders: Iterable[Path], *, extractor: Extractor | None = None, tol: Tolerances | None = None
) -> dict[str, Any]:
    """Ingest, extract and link every document under ``folders``; score against groups."""
    from fogofwar.ingest.readers import ingest_paths

    tol = tol or default_tolerances()
    folders = [Path(f) for f in folders]
    gold: dict[str, str] = {}
    for f in folders:
        gold.update(load_groups(f))
    if extractor is None:
        from fogofwar.runner import default_extractor

        extractor = default_extractor()
    index, mains = LinkIndex(tol), {}
    for item in ingest_paths(folders):
        if isinstance(item, Document) and doc_key(item) in gold:
            claims = claims_from_doc(extractor(item), tol=tol)
            index.add(doc_info(item, tol=tol), claims)
            mains[doc_key(item)] = main_claim(claims, tol)
    pred = {k: (index.event_of(c.id) if c else None) for k, c in mains.items()}
    return pairwise(pred, gold)


# -- hard negatives: GTD's ``related`` incidents must stay apart --------------------------


def gtd_related_pairs(path: Path) -> tuple[dict[str, str], set[frozenset[str]]]:
    """GTD ``eventid`` → ``related`` cell, and the pairs of records of one file that one
    of them lists as related (coordinated, distinct incidents: same day, same area)."""
    import csv

    with open(path, newline="", encoding="utf-8") as fh:
        related = {row["eventid"]: row.get("related") or "" for row in csv.DictReader(fh)}
    pairs = set()
    for eid, cell in related.items():
        for other in (x.strip() for x in cell.split(",")):
            if other and other != eid and other in related:
                pairs.add(frozenset((eid, other)))
    return related, pairs


def score_gtd_related(
    path: Path,
    *,
    extractor: Extractor | None = None,
    tol: Tolerances | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Link every GTD record's text (one document each, published the day after) and count
    how many ``related`` pairs end up as one event: each is a distinct incident, so every
    linked pair is a false link. ``main`` compares the records' main mentions (as the
    folder benchmark does); ``any`` counts a pair as linked when any two of their mentions
    share an event. ``other_pairs_linked`` counts linked records that GTD does not even
    relate (GTD holds each incident once)."""
    from dataclasses import replace

    from fogofwar.benchmark.datasets import read_records, to_document

    tol = tol or default_tolerances()
    if extractor is None:
        from fogofwar.runner import default_extractor

        extractor = default_extractor()
    _, pairs = gtd_related_pairs(Path(path))
    index, mains, events_of = LinkIndex(tol), {}, {}
    for rec in read_records("gtd", path, limit=limit):
        doc = replace(to_document(rec), source=f"GTD {rec.id}")
        claims = claims_from_doc(extractor(doc), tol=tol)
        index.add(doc_info(doc, tol=tol), claims)
        mains[rec.id] = main_claim(claims, tol)
        events_of[rec.id] = [c.id for c in claims]
    main_ev = {k: (index.event_of(c.id) if c else None) for k, c in mains.items()}
    any_ev = {k: {index.event_of(i) for i in ids} for k, ids in events_of.items()}
    scored = [p for p in pairs if p <= main_ev.keys()]
    linked_main = [p for p in scored if _same(main_ev, *sorted(p))]
    linked_any = [p for p in scored if set.intersection(*(any_ev[k] for k in p))]
    by_event: dict[str, list[str]] = {}
    for k, e in main_ev.items():
        if e is not None:
            by_event.setdefault(e, []).append(k)
    together = {frozenset(p) for ks in by_event.values() for p in combinations(sorted(ks), 2)}
    return {
        "records": len(mains),
        "related_pairs": len(scored),
        "related_pairs_linked_main": len(linked_main),
        "related_pairs_linked_any": len(linked_any),
        "related_pairs_apart": (1 - len(linked_main) / len(scored)) if scored else 1.0,
        "other_pairs_linked": len(together - set(scored)),
        "linked_examples": sorted(sorted(p) for p in linked_main)[:20],
        # every linked related pair, with what each main claim states (details.py), to
        # read for general patterns
        "linked_pairs": [
            {k: _stated(mains[k]) for k in pair} for pair in sorted(sorted(p) for p in linked_main)
        ],
    }


def _stated(c: Claim | None) -> dict[str, Any]:
    if c is None:
        return {}
    return {
        "sub_event_type": c.sub_event_type,
        "place": c.place.name if c.place else None,
        "targets": sorted(c.targets),
        "named": {kind: list(names) for kind, names in c.named},
    }


def _same(events: Mapping[str, str | None], a: str, b: str) -> bool:
    return events[a] is not None and events[a] == events[b]


# -- scale: cost of linking one new document into a large index ---------------------------

_THEATRE = [
    ("SY", 32.5, 37.0, 35.5, 42.0),
    ("IQ", 30.0, 39.0, 37.0, 48.0),
    ("LY", 26.0, 10.0, 33.0, 25.0),
]
_SUBS = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Displacement"),
]
_ACTORS = ["isis", "sdf", "coalition", "iraqi_army", "pmf", "syrian_army", "russia", "lna", "gna"]


def synthetic_claim(rnd: random.Random, n: int, day0: date, days: int, tol: Tolerances) -> Claim:
    """A plausible claim somewhere in Syria/Iraq/Libya over ``days`` days (for scale runs)."""
    cc, la0, lo0, la1, lo1 = rnd.choice(_THEATRE)
    lat, lon = round(rnd.uniform(la0, la1), 2), round(rnd.uniform(lo0, lo1), 2)
    place = ClaimPlace(
        f"p{n % 5000}",
        f"geonames:{int(lat * 100)}{int(lon * 100)}",
        cc,
        f"{cc}.{int(lat) % 7}",
        lat,
        lon,
        rnd.choice([1, 1, 1, 2]),
    )
    etype, sub = rnd.choice(_SUBS)
    first = day0 + timedelta(days=rnd.randrange(days))
    actors = (ClaimActor("actor1", rnd.choice(_ACTORS), "", "rebel"),)
    return Claim(
        id=f"syn{n:08d}:0:0",
        doc_id=f"syn{n:08d}",
        sentence=0,
        start=0,
        end=0,
        text="",
        sentence_text="",
        claimant="wire",
        claimant_actor=None,
        is_party=False,
        publisher=f"pub{n % 40}",
        published=first,
        modality="reported",
        family=tol.family(etype, sub),
        event_type=etype,
        sub_event_type=sub,
        plover_type="",
        actors=actors,
        place=place,
        first=first,
        last=first,
        date_precision="day",
        figures=(),
    )


def scale_benchmark(
    mentions: int = 100_000, probes: int = 1000, *, days: int = 3 * 365, seed: int = 7
) -> dict[str, Any]:
    """Fill an index with ``mentions`` synthetic claims, then time adding ``probes`` more,
    each linked and its event settled (``event_of``)."""
    tol, rnd, day0 = default_tolerances(), random.Random(seed), date(2014, 1, 1)
    index = LinkIndex(tol)
    t0 = time.perf_counter()
    for n in range(mentions):
        c = synthetic_claim(rnd, n, day0, days, tol)
        index.add(DocInfo(c.doc_id, c.publisher, c.published, frozenset()), (c,))
    index.events()  # split what filling left to split, as a command reading events would
    fill = time.perf_counter() - t0
    before = index.comparisons
    t1 = time.perf_counter()
    for n in range(mentions, mentions + probes):
        c = synthetic_claim(rnd, n, day0, days, tol)
        index.add(DocInfo(c.doc_id, c.publisher, c.published, frozenset()), (c,))
        index.event_of(c.id)  # a new document's event, split as far as it changed
    per_doc = (time.perf_counter() - t1) / probes
    return {
        "mentions": mentions,
        "probes": probes,
        "fill_seconds": round(fill, 2),
        "ms_per_new_document": round(per_doc * 1000, 4),
        "comparisons_per_new_document": round((index.comparisons - before) / probes, 1),
        "events": len(index.events()),
    }
