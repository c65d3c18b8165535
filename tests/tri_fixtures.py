"""Hand-built extraction output for the triangulation tests (no extraction stage needed).

Every sentence here is written for these tests. ``doc(...)`` builds an ``AnnotatedDoc``
whose event mentions carry real spans into the document text.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from fogofwar.ingest.document import make_document
from fogofwar.model import (
    ActorMention,
    AnnotatedDoc,
    Attribution,
    DateMention,
    Document,
    EventActor,
    EventMention,
    Figure,
    PlaceMention,
    Sentence,
)

# name, gazetteer id, country, ISO2, admin1, lat, lon, precision, feature
PLACES = {
    "raqqa": ("Raqqa", "geonames:163915", "Syria", "SY", "Ar-Raqqah", 35.95, 39.01, 1, "city"),
    "tabqa": ("Tabqa", "geonames:163345", "Syria", "SY", "Ar-Raqqah", 35.84, 38.55, 1, "city"),
    "manbij": ("Manbij", "geonames:166365", "Syria", "SY", "Aleppo", 36.53, 37.95, 1, "city"),
    "aleppo": ("Aleppo", "geonames:170063", "Syria", "SY", "Aleppo", 36.20, 37.16, 1, "city"),
    "fallujah": ("Fallujah", "geonames:96994", "Iraq", "IQ", "Anbar", 33.35, 43.78, 1, "city"),
    "near_fallujah": ("Fallujah", "geonames:96994", "Iraq", "IQ", "Anbar", 33.35, 43.78, 2, "city"),
    "saqlawiyah": ("Saqlawiyah", "geonames:91705", "Iraq", "IQ", "Anbar", 33.40, 43.69, 1, "city"),
    "mosul": ("Mosul", "geonames:99072", "Iraq", "IQ", "Nineveh", 36.34, 43.13, 1, "city"),
    "anbar": ("Anbar", "admin1:IQ.01", "Iraq", "IQ", "Anbar", 33.0, 42.0, 3, "admin1"),
    "syria": ("Syria", "country:SY", "Syria", "SY", None, 35.0, 38.0, 3, "country"),
    "sirte": ("Sirte", "geonames:2210554", "Libya", "LY", "Surt", 31.21, 16.59, 1, "city"),
}

ACTORS = {
    "isis": ("Islamic State (Iraq and Syria)", "rebel", None),
    "sdf": ("Syrian Democratic Forces", "rebel", "SY"),
    "coalition": ("US-led Coalition", "external", None),
    "iraqi_army": ("Military Forces of Iraq", "state", "IQ"),
    "iraqi_police": ("Police Forces of Iraq", "state", "IQ"),
    "ypg": ("People's Protection Units", "rebel", "SY"),
    "pmf": ("Popular Mobilization Forces", "political_militia", "IQ"),
    "russia": ("Military Forces of Russia", "external", "RU"),
    "syrian_army": ("Military Forces of Syria", "state", "SY"),
    "civilians": ("Civilians", "civilians", None),
    "unidentified": ("Unidentified Armed Group", "other", None),
}

TYPES = {
    "air": ("ASSAULT", "Explosions/Remote violence", "Air/drone strike"),
    "clash": ("FIGHT", "Battles", "Armed clash"),
    "attack": ("ASSAULT", "Violence against civilians", "Attack"),
    "bomb": ("ASSAULT", "Explosions/Remote violence", "Suicide bomb"),
    "flee": ("MOBILIZE", "Strategic developments", "Displacement"),
    "protest": ("PROTEST", "Protests", "Peaceful protest"),
    "agreement": ("AGREE", "Strategic developments", "Agreement"),
    "abduction": ("ASSAULT", "Violence against civilians", "Abduction/forced disappearance"),
    "arrests": ("COERCE", "Strategic developments", "Arrests"),
    "other": ("MOBILIZE", "Strategic developments", "Other"),
    "shelling": ("ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
}


@dataclass(frozen=True)
class M:
    """One event mention to build: the sentence and what the stages would have found."""

    sentence: str
    trigger: str
    kind: str = "air"
    actors: tuple[tuple[str, str], ...] = (("actor1", "coalition"),)
    place: str | None = "raqqa"
    day: date | None = date(2016, 5, 30)
    last: date | None = None
    precision: str = "day"
    # (kind, text in the sentence, low, best, high, qualifier)
    figures: tuple[tuple[str, str, int | None, int | None, int | None, str | None], ...] = ()
    claimant: str | None = None
    claimant_actor: str | None = None
    party: bool = False
    modality: str = "reported"
    extra: dict = field(default_factory=dict)


def _span(text: str, needle: str, base: int) -> tuple[int, int]:
    i = text.index(needle, base)
    return i, i + len(needle)


def _actor(doc_id: str, key: str, sent: int, start: int) -> ActorMention:
    name, kind, country = ACTORS[key]
    return ActorMention(doc_id, start, start, "", sent, key, name, kind, country)  # type: ignore[arg-type]


def _place(doc_id: str, key: str, sent: int, start: int) -> PlaceMention:
    name, gid, country, cc, a1, lat, lon, prec, feat = PLACES[key]
    return PlaceMention(
        doc_id, start, start, "", sent, name, gid, country, cc, a1, lat, lon, prec, feat
    )


def _mention(doc_id: str, text: str, sent: int, base: int, m: M) -> EventMention:
    s0 = base
    t0, t1 = _span(text, m.trigger, s0)
    plover, etype, sub = TYPES[m.kind]
    figs = []
    for kind, ftext, low, best, high, qual in m.figures:
        f0, f1 = _span(text, ftext, s0)
        figs.append(Figure(doc_id, f0, f1, ftext, sent, kind, low, best, high, qual))  # type: ignore[arg-type]
    when = None
    if m.day is not None:
        when = DateMention(doc_id, s0, s0, "", sent, m.day, m.last or m.day, m.precision)  # type: ignore[arg-type]
    att = None
    if m.claimant:
        a0, a1 = _span(text, m.claimant, s0) if m.claimant in m.sentence else (s0, s0)
        att = Attribution(doc_id, a0, a1, text[a0:a1], sent, m.claimant, m.claimant_actor, m.party)
    return EventMention(
        id=f"{doc_id}:{sent}:0",
        doc_id=doc_id,
        start=t0,
        end=t1,
        text=m.trigger,
        sentence=sent,
        sentence_text=m.sentence,
        plover_type=plover,
        event_type=etype,
        sub_event_type=sub,
        actors=tuple(EventActor(r, _actor(doc_id, a, sent, s0)) for r, a in m.actors),  # type: ignore[arg-type]
        place=_place(doc_id, m.place, sent, s0) if m.place else None,
        date=when,
        figures=tuple(figs),
        attribution=att,
        modality=m.modality,  # type: ignore[arg-type]
    )


def doc(source: str | None, published: date | None, *mentions: M, tail: str = "") -> AnnotatedDoc:
    """An annotated document: the sentences of ``mentions`` (then ``tail``), one event each."""
    text = " ".join([m.sentence for m in mentions] + ([tail] if tail else []))
    d = make_document(text, source=source, published=published)
    sents, events, base = [], [], 0
    for i, m in enumerate(mentions):
        sents.append(Sentence(d.id, i, base, base + len(m.sentence), m.sentence))
        events.append(_mention(d.id, d.text, i, base, m))
        base += len(m.sentence) + 1
    return AnnotatedDoc(doc=d, sentences=tuple(sents), events=tuple(events))


def onto(d: Document, built: AnnotatedDoc) -> AnnotatedDoc:
    """``built``'s sentences and event mentions re-keyed onto the document ``d`` (a fake
    extractor's output for a document read from disk)."""
    events = tuple(
        replace(e, id=e.id.replace(built.doc.id, d.id), doc_id=d.id) for e in built.events
    )
    return AnnotatedDoc(doc=d, sentences=built.sentences, events=events)
