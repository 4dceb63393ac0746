"""Letter history: every exported letter and notice, kept in a local SQLite database.

The checker's repeat-incident rule asks it for earlier apologies (`HistoryStore.past_apologies`)
and the app lists, searches and follows up from it. Nothing here imports Qt.
"""

from desktop.core.history.opening import HistoryError, HistoryTooNew
from desktop.core.history.records import HistoryEntry
from desktop.core.history.schema import SCHEMA_VERSION
from desktop.core.history.store import HistoryStore, default_history_path

__all__ = [
    "SCHEMA_VERSION",
    "HistoryEntry",
    "HistoryError",
    "HistoryStore",
    "HistoryTooNew",
    "default_history_path",
]
