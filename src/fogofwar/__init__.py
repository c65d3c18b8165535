"""fogofwar: turn conflict reporting into sourced, structured event data.

Example::

    from datetime import date
    import fogofwar

    ad = fogofwar.extract_text("Isis fighters attacked Mosul on Monday.",
                               published=date(2016, 6, 1))
    for ev in ad.events:
        print(ev.event_type, ev.place and ev.place.name, ev.date and ev.date.first)

    with fogofwar.open_store("fogofwar.db") as store:
        docs = (d for d in fogofwar.ingest_paths(["reports/"]) if isinstance(d, fogofwar.Document))
        for ad in fogofwar.extract_documents(docs):  # many documents: faster than one by one
            store.save(ad)
"""

from fogofwar.errors import FogofwarError, IngestError, PipelineError, ResourceError, StoreError
from fogofwar.extract.pipeline import extract_document, extract_documents, extract_text
from fogofwar.ingest.document import Skip, make_document
from fogofwar.ingest.readers import ingest_paths
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
    Relation,
    Sentence,
)
from fogofwar.resources import Resources, load_resources
from fogofwar.store import EventFilter, Store, open_store

__version__ = "0.1.0"

__all__ = [
    "ActorMention",
    "AnnotatedDoc",
    "Attribution",
    "DateMention",
    "Document",
    "EventActor",
    "EventFilter",
    "EventMention",
    "Figure",
    "FogofwarError",
    "IngestError",
    "PipelineError",
    "PlaceMention",
    "Relation",
    "ResourceError",
    "Resources",
    "Sentence",
    "Skip",
    "Store",
    "StoreError",
    "extract_document",
    "extract_documents",
    "extract_text",
    "ingest_paths",
    "load_resources",
    "make_document",
    "open_store",
]
