"""Triangulating a whole store, and keeping the result in it.

``triangulate_store`` links and reconciles every event mention of a store (from scratch:
about 7 s of CPU for 2,000 reports / 49,000 mentions). ``refresh`` does that only when the
store's extracted content or the rules changed since the persisted result was computed,
and writes the result back (``Store.save_linked``); ``fogofwar extract`` and ``run`` call
it after extracting, and every triangulation command before reading. Commands then read
the persisted linked events (``Store.linked``) and load claims only for the events they
show (``with_claims``).

Example::

    with open_store("fogofwar.db") as store:
        refresh(store)
        contested = store.linked(LinkedFilter(contested=True))
        for event, rec in with_claims(store, LinkedFilter(contested=True)):
            print(event.id, rec.grade, [c.claimant for c in event.claims])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fogofwar.model import AnnotatedDoc, EventMention
from fogofwar.store.queries import EventFilter
from fogofwar.triangulate.claims import claims_from_doc, doc_info
from fogofwar.triangulate.linking import LinkIndex, paused_gc
from fogofwar.triangulate.reconcile import reconcile
from fogofwar.triangulate.records import (
    Claim,
    DocInfo,
    Event,
    LinkedEvent,
    LinkedFilter,
    Reconciled,
)
from fogofwar.triangulate.rules import Tolerances, default_tolerances

# Bump when the linking or reconciling code changes what it concludes: persisted results
# of another revision are recomputed (the tolerances' own version counts too).
# .4: link classes by PLOVER type too ("movement"); .5: targets and sub-locations;
# .6: whether a device went off or was defused
RULES_REVISION = "triangulate.6"


@dataclass(frozen=True)
class Triangulation:
    events: tuple[Event, ...]
    reconciled: dict[str, Reconciled]
    infos: dict[str, DocInfo]


def _by_doc(mentions: Iterable[EventMention]) -> dict[str, list[EventMention]]:
    by_doc: dict[str, list[EventMention]] = {}
    for em in mentions:
        by_doc.setdefault(em.doc_id, []).append(em)
    return by_doc


def triangulate_store(store: Any, tol: Tolerances | None = None) -> Triangulation:
    """Link and reconcile every event mention in a store (from scratch, nothing read from
    or written to the persisted result)."""
    tol = tol or default_tolerances()
    with paused_gc():
        by_doc = _by_doc(store.events())
        docs = {d.id: d for d in store.documents()}  # one query, not one per document
        index = LinkIndex(tol)
        for doc_id in sorted(by_doc):
            doc = docs[doc_id]
            ad = AnnotatedDoc(doc=doc, events=tuple(by_doc[doc_id]))
            index.add(doc_info(doc, tol=tol), claims_from_doc(ad, tol=tol))
        events = index.events()
        reconciled = {e.id: reconcile(e, index.docs, tol) for e in events}
    return Triangulation(events, reconciled, index.docs)


def linked_event(e: Event, r: Reconciled) -> LinkedEvent:
    """What the store keeps of one linked event."""
    seed = e.claims[0]
    return LinkedEvent(
        reconciled=r,
        mention_ids=tuple(c.id for c in e.claims),
        event_type=seed.event_type,
        sub_event_type=seed.sub_event_type,
        place=seed.place.name if seed.place else None,
        country=seed.place.country_code if seed.place else None,
    )


def revision(store: Any, tol: Tolerances | None = None) -> str:
    """What a triangulation of ``store`` now would be computed from: the rules and the
    extracted content (``Store.content_revision``)."""
    tol = tol or default_tolerances()
    return f"{RULES_REVISION};{tol.version};{store.content_revision()}"


def refresh(store: Any, tol: Tolerances | None = None) -> Triangulation | None:
    """Recompute and persist the triangulation when the store changed since it was
    computed (or never was); return it then, else None."""
    rev = revision(store, tol)
    if store.linked_revision() == rev:
        return None
    tri = triangulate_store(store, tol)
    store.save_linked(rev, (linked_event(e, tri.reconciled[e.id]) for e in tri.events))
    return tri


def linked(store: Any, flt: LinkedFilter | None = None) -> list[LinkedEvent]:
    """The linked events passing ``flt`` (by id), from the persisted result, brought up to
    date first."""
    refresh(store)
    return store.linked(flt or LinkedFilter())


def with_claims(store: Any, flt: LinkedFilter | None = None) -> list[tuple[Event, Reconciled]]:
    """The linked events passing ``flt`` with every claim (mentions loaded only for them)."""
    flt = flt or LinkedFilter()
    rows = linked(store, flt)
    if not rows:
        return []
    claims = claims_of(store, store.events(EventFilter(linked=flt)))
    return [(Event(le.id, tuple(claims[m] for m in le.mention_ids)), le.reconciled) for le in rows]


def claims_of(store: Any, mentions: Iterable[EventMention]) -> dict[str, Claim]:
    """Event mentions as claims (each needs its document's publisher and text)."""
    out: dict[str, Claim] = {}
    for doc_id, ems in _by_doc(mentions).items():
        ad = AnnotatedDoc(doc=store.document(doc_id), events=tuple(ems))
        out.update((c.id, c) for c in claims_from_doc(ad))
    return out
