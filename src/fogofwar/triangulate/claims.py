"""Claims: every event mention seen as the assertion of a claimant in a publisher's document.

Example::

    claims = claims_from_doc(extract_text("Isis killed at least 5 in Mosul, police said."))
    claims[0].claimant, claims[0].is_party, claims[0].figures[0].low   # 'police', True, 5
"""

from __future__ import annotations

import re
import zlib
from datetime import timedelta
from functools import lru_cache
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

_WORD = re.compile(r"[^\W_]+")


def publisher_of(doc: Document) -> str:
    """The publisher is the document's source; an unnamed one is its own source."""
    return doc.source.strip() if doc.source and doc.source.strip() else f"unknown ({doc.id})"


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
    side = list(_actor_dictionary().lineage(actor.canonical_id))
    if actor.kind == "state" and actor.country:
        side.append(f"state:{actor.country}")
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
        sentence_start=_sentence_start(ad, em),
    )


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
    return len(a & b) / len(a | b)


def doc_info(doc: Document, *, tol: Tolerances | None = None) -> DocInfo:
    """What linking and source counting need of a document."""
    tol = tol or default_tolerances()
    return DocInfo(doc.id, publisher_of(doc), doc.published, shingles(doc.text, tol.shingle))


def is_denial(claim: Claim, tol: Tolerances | None = None) -> bool:
    """Whether the claim says the event did not happen."""
    return claim.modality in (tol or default_tolerances()).denial_modalities
