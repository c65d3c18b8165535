"""Claims: every event mention seen as the assertion of a claimant in a publisher's document.

Example::

    claims = claims_from_doc(extract_text("Isis killed at least 5 in Mosul, police said."))
    claims[0].claimant, claims[0].is_party, claims[0].figures[0].low   # 'police', True, 5
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Callable
from datetime import timedelta
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from fogofwar.model import (
    ActorMention,
    AnnotatedDoc,
    Document,
    EventActor,
    EventMention,
    Figure,
    PlaceMention,
)
from fogofwar.triangulate.details import NO_DETAILS, Details, read_details
from fogofwar.triangulate.records import (
    Claim,
    ClaimActor,
    ClaimFigure,
    ClaimPlace,
    DocInfo,
)
from fogofwar.triangulate.rules import Tolerances, default_tolerances

if TYPE_CHECKING:
    from fogofwar.extract.actors import ActorDictionary

Interval = tuple[float, float]
_WORD = re.compile(r"[^\W_]+")


def publisher_of(doc: Document) -> str:
    """The publisher is the document's source; an unnamed one is its own source."""
    return publisher_name(doc.source, doc.id)


def publisher_name(source: str | None, doc_id: str) -> str:
    """``publisher_of`` from a document's source and id."""
    return source.strip() if source and source.strip() else f"unknown ({doc_id})"


def claim_figure(fig: Figure, tol: Tolerances) -> ClaimFigure:
    """Keep the qualifier's meaning; fill empty bounds of count words ("dozens")."""
    low, best, high = fig.low, fig.best, fig.high
    qual = (fig.qualifier or "").lower().strip()
    if low is None and best is None and high is None and qual in tol.qualifiers:
        low, best, high = tol.qualifiers[qual]
    return ClaimFigure(
        kind=fig.kind,
        low=low,
        best=best,
        high=high,
        qualifier=fig.qualifier,
        text=fig.text,
        start=fig.start,
        end=fig.end,
        who=fig.who,
    )


@lru_cache(maxsize=1)
def _actor_dictionary() -> ActorDictionary:
    from fogofwar.extract.actors import load_actor_dictionary

    return load_actor_dictionary()


def actor_side(actor: ActorMention) -> tuple[str, ...]:
    """The actor, what it is part of (from the actor dictionary) and, for the forces and
    organs of a state, ``state:<CC>``: the army, police and government of one country, or
    a state's regional forces, are one side."""
    return _side(actor.canonical_id, actor.kind, actor.country)


def side_of(actor_id: str) -> tuple[str, ...]:
    """``actor_side`` for a bare actor id (a claimant's): kind and country from the actor
    dictionary, or from a generic id such as ``military_forces:IQ``."""
    actors = _actor_dictionary()
    entry = actors.entries.get(actor_id)
    if entry is not None:
        return _side(actor_id, entry.kind, entry.country)
    key, _, cc = actor_id.partition(":")
    cat = actors.categories.get(key)
    return _side(actor_id, cat.kind if cat else "other", cc if len(cc) == 2 else None)


@lru_cache(maxsize=8192)
def _side(actor_id: str, kind: str, country: str | None) -> tuple[str, ...]:
    side = list(_actor_dictionary().lineage(actor_id))
    if kind == "state" and country:
        side.append(f"state:{country}")
    return tuple(side)


def claim_actor(a: EventActor) -> ClaimActor:
    m = a.actor
    return ClaimActor(a.role, m.canonical_id, m.name, m.kind, actor_side(m))


def claim_place(p: PlaceMention | None) -> ClaimPlace | None:
    if p is None:
        return None
    return ClaimPlace(
        name=p.name,
        gazetteer_id=p.gazetteer_id,
        country_code=p.country_code,
        admin1=p.admin1,
        lat=p.lat,
        lon=p.lon,
        geo_precision=p.geo_precision,
    )


def _window(em: EventMention, doc: Document, family: str, tol: Tolerances) -> tuple:
    """The date window; an undated mention is taken to be recent news (before publication).
    A displacement count is a running total ("have fled since 23 May"): its window runs
    from its date to the publication date."""
    if em.date is not None:
        first, last = em.date.first, em.date.last
        if family in tol.running_families and doc.published and first <= doc.published > last:
            return first, doc.published, "range"
        return first, last, em.date.precision
    if doc.published is not None:
        return doc.published - timedelta(days=tol.undated_days), doc.published, "week"
    return None, None, None


def _sentence_start(ad: AnnotatedDoc, em: EventMention) -> int:
    for s in ad.sentences:
        if s.index == em.sentence:
            return s.start
    found = ad.doc.text.find(em.sentence_text)
    return max(found, 0)


def claim_from_mention(
    em: EventMention, ad: AnnotatedDoc, *, tol: Tolerances | None = None
) -> Claim:
    """Turn one event mention into a claim (claimant defaults to the publisher)."""
    tol = tol or default_tolerances()
    doc = ad.doc
    publisher = publisher_of(doc)
    att = em.attribution
    family = tol.family(em.event_type, em.sub_event_type)
    first, last, precision = _window(em, doc, family, tol)
    s0 = _sentence_start(ad, em)
    details = mention_details(em, s0, tol)
    return Claim(
        id=em.id,
        doc_id=em.doc_id,
        sentence=em.sentence,
        start=em.start,
        end=em.end,
        text=em.text,
        sentence_text=em.sentence_text,
        claimant=att.claimant if att else publisher,
        claimant_actor=att.claimant_actor if att else None,
        is_party=bool(att and att.is_party),
        publisher=publisher,
        published=doc.published,
        modality=em.modality,
        family=family,
        event_type=em.event_type,
        sub_event_type=em.sub_event_type,
        plover_type=em.plover_type,
        actors=tuple(claim_actor(a) for a in em.actors),
        place=claim_place(em.place),
        first=first,
        last=last,
        date_precision=precision,
        figures=tuple(claim_figure(f, tol) for f in em.figures),
        sentence_start=s0,
        targets=details.targets,
        named=details.named,
    )


def mention_details(em: EventMention, sentence_start: int, tol: Tolerances) -> Details:
    """The target, areas and persons the mention's sentence states (``details.py``), for
    the link classes whose incidents they tell apart; the place's span is used when the
    place was read in this sentence."""
    if (
        tol.link_class(
            tol.family(em.event_type, em.sub_event_type), em.sub_event_type, em.plover_type
        )
        not in tol.details.link_classes
    ):
        return NO_DETAILS
    span, name = None, ""
    p = em.place
    if p is not None:
        name = p.name
        a, b = p.start - sentence_start, p.end - sentence_start
        if 0 <= a < b <= len(em.sentence_text) and em.sentence_text[a:b] == p.text:
            span = (a, b)
    return read_details(em.sentence_text, span, name, tol.details)


def claims_from_doc(ad: AnnotatedDoc, *, tol: Tolerances | None = None) -> tuple[Claim, ...]:
    """Every event mention of an annotated document as a claim, in document order."""
    tol = tol or default_tolerances()
    return tuple(claim_from_mention(em, ad, tol=tol) for em in ad.events)


def shingles(text: str, k: int = 5) -> frozenset[int]:
    """Word k-gram fingerprints of lower-cased text without punctuation (crc32: stable)."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return frozenset([zlib.crc32(" ".join(words).encode())]) if words else frozenset()
    grams = (" ".join(words[i : i + k]) for i in range(len(words) - k + 1))
    return frozenset(zlib.crc32(g.encode()) for g in grams)


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)  # = len(a | b), without building the union


def similar(a: frozenset[int], b: frozenset[int], threshold: float) -> bool:
    """``jaccard(a, b) >= threshold``, rejecting most dissimilar pairs without the whole
    intersection: similarity >= t needs |a ∩ b| >= t/(1+t)·(|a|+|b|), so at most
    |a| - that many shingles of ``a`` may be missing from ``b``; a sample of ``a`` that
    already misses more settles it (exact: the margin only ever lets a pair through)."""
    if not a or not b:
        return jaccard(a, b) >= threshold
    if threshold > 0:
        need = math.ceil(threshold * (len(a) + len(b)) / (1 + threshold) - 1e-6)
        spare = len(a) - need  # shingles of a that may be missing from b
        if spare < 0 or len(b) < need:
            return False
        sample = spare + spare // 2 + 8
        if sample < len(a) and sample - sum(map(b.__contains__, islice(a, sample))) > spare:
            return False
    return jaccard(a, b) >= threshold


def doc_info(doc: Document, *, tol: Tolerances | None = None) -> DocInfo:
    """What linking and source counting need of a document."""
    tol = tol or default_tolerances()
    return DocInfo(doc.id, publisher_of(doc), doc.published, shingles(doc.text, tol.shingle))


def is_denial(claim: Claim, tol: Tolerances | None = None) -> bool:
    """Whether the claim says the event did not happen."""
    return claim.modality in (tol or default_tolerances()).denial_modalities


# -- figure semantics: what a stated figure allows, and when two disagree ------------------


def interval(f: ClaimFigure) -> Interval:
    """What a stated figure allows: "at least 12" → [12, ∞); "up to 40" → [0, 40]."""
    lo = f.low if f.low is not None else (0 if f.high is not None else f.best)
    hi = f.high if f.high is not None else (math.inf if f.low is not None else f.best)
    return float(lo if lo is not None else 0), float(hi if hi is not None else math.inf)


def stated(f: ClaimFigure) -> Interval:
    """What a source's figure says, for the disagreement test: the number it states
    ("at least 21" → 21, "up to 56" → 56, "some 68,000" → 68,000), or the span of a count
    word or explicit range ("dozens" → 24..99). An open qualifier does not stretch a
    figure to infinity or to zero: "at least 21" and "up to 56" are two tolls 35 apart,
    not two compatible bounds; the tolerance absorbs ordinary imprecision."""
    if f.low is not None and f.high is not None and f.low < f.high:
        return float(f.low), float(f.high)
    p = point(f)
    return (float(p), float(p)) if p is not None else interval(f)


def point(f: ClaimFigure) -> int | None:
    return f.best if f.best is not None else f.low if f.low is not None else f.high


def disagree(a: Interval, b: Interval, widen: Callable[[float], float]) -> bool:
    """Two intervals lie apart by more than the tolerance at the larger figure."""
    lo, hi = (a, b) if a[1] <= b[1] else (b, a)
    return hi[0] - lo[1] > widen(hi[0])


def figures_agree(a: Claim, b: Claim, tol: Tolerances) -> bool:
    """Whether two claims give a figure of the same kind that agree within its tolerance
    (a distinctive detail two reports of one event share)."""
    for fa in a.figures:
        ft = tol.figure_tolerance.get(fa.kind)
        if ft is None:
            continue
        for fb in b.figures:
            if fb.kind == fa.kind and not disagree(stated(fa), stated(fb), ft.widen):
                return True
    return False
