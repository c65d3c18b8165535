"""Bundled resources the extraction stages need, loaded once at the edge and passed in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fogofwar.extract.actors import ActorDictionary
    from fogofwar.extract.events import EventLexicon
    from fogofwar.geo.gazetteer import Gazetteer


@dataclass(frozen=True)
class Resources:
    """Everything a stage may read. Tests build one from small fakes."""

    gazetteer: Gazetteer
    actors: ActorDictionary
    lexicon: EventLexicon


def load_resources() -> Resources:
    """Load the bundled gazetteer, actor dictionary and event lexicon from ``fogofwar/data``."""
    from fogofwar.extract.actors import load_actor_dictionary
    from fogofwar.extract.events import load_event_lexicon
    from fogofwar.geo.gazetteer import load_gazetteer

    return Resources(
        gazetteer=load_gazetteer(),
        actors=load_actor_dictionary(),
        lexicon=load_event_lexicon(),
    )


@lru_cache(maxsize=1)
def default_resources() -> Resources:
    """The bundled resources, loaded on first use and then shared (read-only)."""
    return load_resources()
