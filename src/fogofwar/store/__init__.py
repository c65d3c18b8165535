"""The SQLite store (the only SQL in fogofwar) and the export writers."""

from fogofwar.store.db import Store, open_store
from fogofwar.store.queries import DocInfo, EventFilter, FailureRow

__all__ = ["DocInfo", "EventFilter", "FailureRow", "Store", "open_store"]
