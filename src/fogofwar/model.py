"""Records that flow through fogofwar: plain, frozen, typed dataclasses with no I/O.

Every extracted value carries its provenance: the document id, the character span
``[start, end)`` in ``Document.text`` (so ``doc.text[m.start:m.end] == m.text``), the
index of its sentence, and the versioned name of the stage that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, TypeVar

_T = TypeVar("_T")


def build(cls: type[_T], **fields: Any) -> _T:
    """``cls(**fields)`` for one of these frozen dataclasses, given every field, without
    its ``__init__``.

    A frozen dataclass's ``__init__`` sets each field with ``object.__setattr__``, which
    costs as much as finding a mention; the extraction stages build thousands per
    document, so they fill the instance's ``__dict__`` instead. The result compares and
    hashes equal to the one ``__init__`` builds (tests/test_model_build.py).
    """
    obj = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj


def evolve(obj: _T, **changes: Any) -> _T:
    """``dataclasses.replace(obj, **changes)`` for one of these frozen dataclasses, built
    with ``build``: ``replace`` inspects the fields and runs the frozen ``__init__`` on every
    call (~30,000 instructions per annotated document and stage)."""
    return build(type(obj), **{**vars(obj), **changes})


ActorKind = Literal[
    "state",  # state forces: army, police, air force, government
    "rebel",  # rebel / insurgent / jihadist group
    "political_militia",
    "identity_militia",  # ethnic, sectarian, communal militia
    "rioters",
    "protesters",
    "civilians",
    "external",  # external coalition / other
    "ngo",  # NGO / IGO / UN agency / media
    "other",
]
FigureKind = Literal["killed", "injured", "displaced", "detained", "abducted"]
Modality = Literal["reported", "alleged", "attributed", "planned", "denied", "negated"]
DatePrecision = Literal["day", "week", "month", "year", "range"]
RelationKind = Literal["backs", "allied_with", "fights", "besieges", "part_of"]
ActorRole = Literal["actor1", "actor2", "assoc"]


@dataclass(frozen=True)
class Document:
    """One ingested report. ``id`` is the content hash (sha256 hex, first 16 chars)."""

    id: str
    text: str
    source: str | None = None  # publisher, e.g. "Reuters", "Human Rights Watch"
    url: str | None = None
    author: str | None = None
    published: date | None = None
    title: str | None = None
    path: str | None = None  # where it was read from
    fmt: str = "txt"  # txt | html | jsonl | csv | api
    meta: tuple[tuple[str, str], ...] = ()  # extra key/value metadata (e.g. illustrative=1)


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ActorMention:
    doc_id: str
    start: int
    end: int
    text: str
    sentence: int
    canonical_id: str  # e.g. "isis", "sdf", "military_forces_of_iraq"
    name: str  # canonical display name, ACLED-style where one exists
    kind: ActorKind
    country: str | None  # ISO 3166-1 alpha-2 of the actor's home country, if any
    stage: str = "actors.v1"


@dataclass(frozen=True)
class PlaceMention:
    doc_id: str
    start: int
    end: int
    text: str
    sentence: int
    name: str  # gazetteer name of the resolved feature
    gazetteer_id: str | None  # "geonames:<id>" or "country:<ISO2>" / "admin1:<CC>.<code>"
    country: str | None  # English country name, e.g. "Syria"
    country_code: str | None  # ISO2
    admin1: str | None  # first-level admin unit name
    lat: float | None
    lon: float | None
    geo_precision: int  # 1 town itself, 2 near / part of region, 3 region or country only
    feature: str = "city"  # city | admin1 | admin2 | country
    stage: str = "places.v1"


@dataclass(frozen=True)
class DateMention:
    doc_id: str
    start: int
    end: int
    text: str
    sentence: int
    first: date  # earliest day the expression can mean
    last: date  # latest day (== first for day precision)
    precision: DatePrecision
    stage: str = "dates.v1"


@dataclass(frozen=True)
class Figure:
    doc_id: str
    start: int
    end: int
    text: str
    sentence: int
    kind: FigureKind
    low: int | None
    best: int | None
    high: int | None
    qualifier: str | None  # "at least", "some", "over", "dozens", ...
    who: str | None = None  # civilians | combatants | children | ... when stated
    stage: str = "figures.v1"


@dataclass(frozen=True)
class Attribution:
    """Who says so: "Human Rights Watch said", "according to a US diplomat"."""

    doc_id: str
    start: int
    end: int
    text: str
    sentence: int
    claimant: str  # normalised claimant name, e.g. "Human Rights Watch", "some reports"
    claimant_actor: str | None = None  # canonical actor id if the claimant is in the dictionary
    is_party: bool = False  # an armed actor / its government is the claimant
    stage: str = "attribution.v1"


@dataclass(frozen=True)
class Relation:
    doc_id: str
    start: int
    end: int
    text: str
    sentence: int
    kind: RelationKind
    source: str  # canonical actor id (the backer in "backs")
    target: str  # canonical actor id (the backed)
    stage: str = "relations.v1"


@dataclass(frozen=True)
class EventActor:
    role: ActorRole
    actor: ActorMention


@dataclass(frozen=True)
class EventMention:
    """One event as stated in one sentence of one document."""

    id: str  # "<doc_id>:<sentence>:<n>"
    doc_id: str
    start: int  # span of the trigger word(s)
    end: int
    text: str  # trigger text
    sentence: int
    sentence_text: str
    plover_type: str  # ASSAULT, FIGHT, COERCE, PROTEST, MOBILIZE, AID, ...
    event_type: str  # ACLED event type
    sub_event_type: str  # ACLED sub-event type
    actors: tuple[EventActor, ...] = ()
    place: PlaceMention | None = None
    date: DateMention | None = None
    figures: tuple[Figure, ...] = ()
    attribution: Attribution | None = None
    modality: Modality = "reported"
    stage: str = "events.v1"


@dataclass(frozen=True)
class AnnotatedDoc:
    """The container that flows through the extraction pipeline (cf. spaCy's ``Doc``).

    Each stage returns a new ``AnnotatedDoc`` with the fields it ``assigns`` filled.
    """

    doc: Document
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    figures: tuple[Figure, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[EventMention, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def sentence_of(self, offset: int) -> Sentence | None:
        """Return the sentence containing character ``offset``."""
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None
