"""Errors raised by fogofwar.

FogofwarError
 ├── IngestError          a document could not be read (empty, binary, undecodable, too big)
 ├── ResourceError        a data file (gazetteer, actor dictionary, lexicon) is missing or bad
 ├── PipelineError        stages were registered or ordered inconsistently
 └── StoreError           the database is unusable (wrong schema version, locked, corrupt)
"""

from __future__ import annotations


class FogofwarError(Exception):
    """Root of every error fogofwar raises on purpose."""


class IngestError(FogofwarError):
    """A document could not be ingested; the message names it and says why."""


class ResourceError(FogofwarError):
    """A bundled data file is missing or malformed."""


class PipelineError(FogofwarError):
    """Stages do not fit together (a stage requires what no earlier stage assigns)."""


class StoreError(FogofwarError):
    """The store cannot be opened or migrated."""
