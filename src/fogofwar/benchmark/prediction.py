"""What a system (ours or a baseline) says about one record, in the scorer's terms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from fogofwar.model import ActorMention, AnnotatedDoc, EventMention, Figure, PlaceMention


@dataclass(frozen=True)
class PredActor:
    name: str
    canonical_id: str | None = None


@dataclass(frozen=True)
class Prediction:
    """One system's answer for one record; ``None`` means it said nothing."""

    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    feature: str | None = None  # city | admin2 | admin1 | country
    lat: float | None = None
    lon: float | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: PredActor | None = None
    actor2: PredActor | None = None
    fatalities: int | None = None
    wounded: int | None = None
    date: date | None = None


def pred_actor(mention: ActorMention | None) -> PredActor | None:
    if mention is None:
        return None
    return PredActor(name=mention.name, canonical_id=mention.canonical_id)


def figure_value(fig: Figure) -> int | None:
    """The single number a coder would write: best, else the low bound, else the high one."""
    for value in (fig.best, fig.low, fig.high):
        if value is not None:
            return value
    return None


def sum_figures(figures: Iterable[Figure], kind: str) -> int:
    """Sum of one kind of figure; 0 when none is stated (coders write 0 then, too)."""
    return sum(figure_value(f) or 0 for f in figures if f.kind == kind)


def _role(event: EventMention, role: str) -> ActorMention | None:
    return next((a.actor for a in event.actors if a.role == role), None)


def from_place(place: PlaceMention | None) -> dict[str, object]:
    if place is None:
        return {}
    return {
        "country": place.country,
        "admin1": place.admin1,
        "place": place.name,
        "feature": place.feature,
        "lat": place.lat,
        "lon": place.lon,
    }


def first_day(ad: AnnotatedDoc) -> date | None:
    """The document's first day-precise date (the lead date of most reports)."""
    days = sorted((d for d in ad.dates if d.precision == "day"), key=lambda d: d.start)
    return days[0].first if days else None


def from_event(
    event: EventMention | None, place: PlaceMention | None, day: date | None = None
) -> Prediction:
    """Our answer: the main event's fields; ``place`` and ``day`` stand in for what it lacks."""
    if event is None:
        return Prediction(**from_place(place), fatalities=0, wounded=0, date=day)  # type: ignore[arg-type]
    when = event.date.first if event.date and event.date.precision == "day" else None
    return Prediction(
        **from_place(event.place or place),  # type: ignore[arg-type]
        event_type=event.event_type or None,
        sub_event_type=event.sub_event_type or None,
        actor1=pred_actor(_role(event, "actor1")),
        actor2=pred_actor(_role(event, "actor2")),
        fatalities=sum_figures(event.figures, "killed"),
        wounded=sum_figures(event.figures, "injured"),
        date=when if event.date else day,
    )


def ours(ad: AnnotatedDoc) -> Prediction:
    """The main event (events stage), the main place (places stage) and the lead date."""
    from fogofwar.extract.events import main_event
    from fogofwar.extract.places import main_place

    return from_event(main_event(ad), main_place(ad), first_day(ad))
