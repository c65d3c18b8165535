"""Ingest: files, folders and feeds become ``Document`` records (or ``Skip`` reasons)."""

from fogofwar.ingest.document import IngestOptions, Skip, make_document
from fogofwar.ingest.readers import ingest_paths, read_path

__all__ = ["IngestOptions", "Skip", "ingest_paths", "make_document", "read_path"]
