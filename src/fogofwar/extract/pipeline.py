"""The extraction pipeline: an ordered list of registered stages.

Each stage is a pure function ``run(ad: AnnotatedDoc, *, res: Resources) -> AnnotatedDoc``
living in its own module. The registry below names every stage with a versioned name and
declares what it ``requires`` and ``assigns``; ``build()`` checks the order once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from fogofwar.errors import PipelineError
from fogofwar.ingest.document import make_document
from fogofwar.model import AnnotatedDoc, Document
from fogofwar.resources import Resources, default_resources

StageFn = Callable[..., AnnotatedDoc]


@dataclass(frozen=True)
class StageSpec:
    name: str
    module: str  # module holding ``run``
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


REGISTRY: dict[str, StageSpec] = {
    s.name: s
    for s in (
        StageSpec("sentences.v1", "fogofwar.extract.sentences", (), ("sentences",)),
        StageSpec("actors.v1", "fogofwar.extract.actors", ("sentences",), ("actors",)),
        StageSpec("places.v1", "fogofwar.extract.places", ("sentences", "actors"), ("places",)),
        StageSpec("dates.v1", "fogofwar.extract.dates", ("sentences",), ("dates",)),
        StageSpec("figures.v1", "fogofwar.extract.figures", ("sentences",), ("figures",)),
        StageSpec(
            "attribution.v1",
            "fogofwar.extract.attribution",
            ("sentences", "actors"),
            ("attributions",),
        ),
        StageSpec(
            "relations.v1",
            "fogofwar.extract.relations",
            ("sentences", "actors"),
            ("relations",),
        ),
        StageSpec(
            "events.v1",
            "fogofwar.extract.events",
            ("sentences", "actors", "places", "dates", "figures", "attributions"),
            ("events",),
        ),
    )
}

DEFAULT_PIPELINE: tuple[str, ...] = tuple(REGISTRY)


@dataclass(frozen=True)
class Pipeline:
    names: tuple[str, ...]
    fns: tuple[StageFn, ...]

    def __call__(self, ad: AnnotatedDoc, *, res: Resources) -> AnnotatedDoc:
        for fn in self.fns:
            ad = fn(ad, res=res)
        return ad


def build(names: Sequence[str] = DEFAULT_PIPELINE) -> Pipeline:
    """Resolve stage names to functions, checking each stage's requirements are met."""
    have: set[str] = set()
    fns: list[StageFn] = []
    for name in names:
        spec = REGISTRY.get(name)
        if spec is None:
            raise PipelineError(f"unknown stage {name!r}; known: {', '.join(REGISTRY)}")
        missing = set(spec.requires) - have
        if missing:
            raise PipelineError(f"stage {name} requires {sorted(missing)}; add it earlier")
        fns.append(importlib.import_module(spec.module).run)
        have.update(spec.assigns)
    return Pipeline(tuple(names), tuple(fns))


def extract_document(
    doc: Document, *, res: Resources | None = None, pipeline: Pipeline | None = None
) -> AnnotatedDoc:
    """Run the pipeline over one document."""
    pipe = pipeline or build()
    return pipe(AnnotatedDoc(doc), res=res or default_resources())


def extract_text(
    text: str,
    *,
    published: date | None = None,
    source: str | None = None,
    res: Resources | None = None,
) -> AnnotatedDoc:
    """Extract every fact from one text.

    Example::

        ad = extract_text("Isis killed 5 in Mosul on Monday.", published=date(2016, 6, 1))
        ad.events[0].event_type
    """
    return extract_document(make_document(text, published=published, source=source), res=res)
