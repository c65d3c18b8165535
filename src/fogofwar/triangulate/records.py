"""Records of triangulation: claims, linked events, reconciled figures, relation edges.

A ``Claim`` is one event mention as asserted (or denied) by one claimant in one
publisher's document. ``Event`` groups claims that describe the same real-world event;
``Reconciled`` is what we conclude about an event from its claims, with reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from fogofwar.model import DatePrecision, FigureKind, Modality, RelationKind

Grade = Literal["confirmed", "corroborated", "single source", "contested", "denied"]
GRADES: tuple[str, ...] = ("confirmed", "corroborated", "single source", "contested", "denied")


@dataclass(frozen=True)
class ClaimFigure:
    """A figure as one claimant states it; open bounds are ``None``."""

    kind: FigureKind
    low: int | None
    best: int | None
    high: int | None
    qualifier: str | None
    text: str
    start: int
    end: int
    who: str | None = None


@dataclass(frozen=True)
class ClaimActor:
    role: str  # actor1 | actor2 | assoc
    canonical_id: str
    name: str
    kind: str
    # Who the actor fights alongside, for linking: its id, what it is part of
    # ("ypg" -> "sdf"), and "state:<CC>" for any force or organ of one state.
    side: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClaimPlace:
    name: str
    gazetteer_id: str | None
    country_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geo_precision: int


@dataclass(frozen=True)
class Claim:
    """One event mention, seen as a claim by ``claimant`` published by ``publisher``."""

    id: str  # the event mention id "<doc_id>:<sentence>:<n>"
    doc_id: str
    sentence: int
    start: int  # trigger span in the document
    end: int
    text: str
    sentence_text: str
    claimant: str
    claimant_actor: str | None
    is_party: bool
    publisher: str
    published: date | None
    modality: Modality
    family: str  # violence | demonstrations | displacement | strategic:* | other
    event_type: str
    sub_event_type: str
    plover_type: str
    actors: tuple[ClaimActor, ...]
    place: ClaimPlace | None
    first: date | None  # date window, already widened for missing dates
    last: date | None
    date_precision: DatePrecision | None
    figures: tuple[ClaimFigure, ...]
    sentence_start: int = 0  # offset of the sentence in the document (for highlighting)
    # What was hit ("checkpoint", "mosque": classes of the details vocabulary) and the
    # localities, districts and persons named (kind, names), read from the sentence
    # (details.py)
    targets: frozenset[str] = frozenset()
    named: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def actor1(self) -> frozenset[str]:
        return frozenset(a.canonical_id for a in self.actors if a.role == "actor1")

    @property
    def actor_ids(self) -> frozenset[str]:
        return frozenset(a.canonical_id for a in self.actors)


@dataclass(frozen=True)
class DocInfo:
    """What linking needs of a document: who published it and its text fingerprint."""

    doc_id: str
    publisher: str
    published: date | None
    shingles: frozenset[int]


@dataclass(frozen=True)
class Event:
    """Claims linked as one real-world event. ``id`` derives from its seed claim."""

    id: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class FigureRange:
    kind: FigureKind
    low: int | None
    best: int | None
    high: int | None
    sources: int  # independent sources giving this figure
    contested: bool


@dataclass(frozen=True)
class Reconciled:
    """Our conclusion about one event, with reasons a person can read."""

    event_id: str
    grade: Grade
    reasons: tuple[str, ...]
    sources: int  # independent sources (syndicated copies and shared claimants merged)
    publishers: tuple[str, ...]
    contested: bool
    contested_on: tuple[str, ...]  # "figures:killed", "actor1", "occurrence"
    figures: tuple[FigureRange, ...]
    first: date | None
    last: date | None


@dataclass(frozen=True)
class GraphEdge:
    """One reconciled actor relation with every source that states it."""

    source: str
    target: str
    kind: RelationKind
    publishers: tuple[str, ...]
    doc_ids: tuple[str, ...]
    mentions: tuple[tuple[str, int, int, str], ...]  # (doc_id, start, end, text)
    first: date | None
    last: date | None
    sources: int
    grade: Grade


@dataclass(frozen=True)
class LinkedEvent:
    """A linked event as the store keeps it: what reconciling concluded, its member
    mentions (canonical order, the seed first) and what listings show of its seed."""

    reconciled: Reconciled
    mention_ids: tuple[str, ...]
    event_type: str
    sub_event_type: str
    place: str | None
    country: str | None

    @property
    def id(self) -> str:
        return self.reconciled.event_id


@dataclass(frozen=True)
class LinkedFilter:
    """Filters for ``Store.linked``: the triangulation filters, or given events (by id or
    by the id of one of their mentions)."""

    contested: bool = False
    grade: str | None = None
    min_sources: int = 0
    ids: tuple[str, ...] = ()
    mention_ids: tuple[str, ...] = ()
