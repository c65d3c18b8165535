"""A hand-built AnnotatedDoc (no extraction stages needed) shared by store/export/CLI tests."""

from __future__ import annotations

from datetime import date

from fogofwar.ingest.document import make_document
from fogofwar.model import (
    ActorMention,
    AnnotatedDoc,
    Attribution,
    DateMention,
    EventActor,
    EventMention,
    Figure,
    PlaceMention,
    Relation,
    Sentence,
)

TEXT = (
    "Iraqi troops backed by US airstrikes attacked Fallujah on 23 May. "
    "At least 12 civilians were killed, a medic said."
)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def annotated(text: str = TEXT, *, source: str = "Example Wire") -> AnnotatedDoc:
    """One document with two sentences, every mention kind and one event."""
    doc = make_document(text, published=date(2016, 6, 1), source=source, url="http://x.test/1")
    d = doc.id
    s1_end = text.index(".") + 1
    sents = (
        Sentence(d, 0, 0, s1_end, text[:s1_end]),
        Sentence(d, 1, s1_end + 1, len(text), text[s1_end + 1 :]),
    )

    def at(needle: str) -> tuple[int, int, str]:
        a, b = _span(text, needle)
        return a, b, needle

    iraq = ActorMention(
        d,
        *at("Iraqi troops"),
        0,
        "military_forces_of_iraq",
        "Military Forces of Iraq",
        "state",
        "IQ",
    )
    us = ActorMention(
        d,
        *at("US"),
        0,
        "military_forces_of_united_states",
        "Military Forces of the United States",
        "state",
        "US",
    )
    place = PlaceMention(
        d,
        *at("Fallujah"),
        0,
        "Al Fallujah",
        "geonames:98530",
        "Iraq",
        "IQ",
        "Anbar",
        33.35,
        43.78,
        1,
    )
    when = DateMention(d, *at("23 May"), 0, date(2016, 5, 23), date(2016, 5, 23), "day")
    fig = Figure(
        d,
        *at("At least 12 civilians were killed"),
        1,
        "killed",
        12,
        12,
        None,
        "at least",
        "civilians",
    )
    attr = Attribution(d, *at("a medic said"), 1, "a medic")
    rel = Relation(
        d,
        *at("backed by US"),
        0,
        "backs",
        "military_forces_of_united_states",
        "military_forces_of_iraq",
    )
    ev = EventMention(
        id=f"{d}:0:0",
        doc_id=d,
        start=text.index("attacked"),
        end=text.index("attacked") + len("attacked"),
        text="attacked",
        sentence=0,
        sentence_text=sents[0].text,
        plover_type="ASSAULT",
        event_type="Battles",
        sub_event_type="Armed clash",
        actors=(EventActor("actor1", iraq), EventActor("assoc", us)),
        place=place,
        date=when,
        figures=(fig,),
        attribution=attr,
        modality="attributed",
    )
    return AnnotatedDoc(doc, sents, (iraq, us), (place,), (when,), (fig,), (attr,), (rel,), (ev,))


# The keys docs/schema.md promises in every `events --format json` object.
EVENT_KEYS = {
    "id",
    "event_type",
    "sub_event_type",
    "plover_type",
    "date",
    "date_precision",
    "place",
    "actors",
    "figures",
    "attribution",
    "modality",
    "mentions",
    "source",
}
