"""The policywatch database (SQLite through sqlite-utils). Only this package holds SQL.

    from store import Store
    with Store("policywatch.db") as store:
        for change_set in store.change_sets(source_id="xiaomi-privacy"):
            print(change_set.detected_at, change_set.summary)
"""

import sys as _sys


def _import_sqlite_utils_without_numpy() -> None:
    """sqlite-utils imports numpy when it can, only to give numpy scalars a column type when a
    table is created from inserted rows; the store never inserts numpy values, and importing
    numpy costs every `policywatch` process ~50 ms of its start-up. Hidden for that import
    only: code that needs numpy later (the learned tagger, through scikit-learn) imports it."""
    if "numpy" in _sys.modules or "sqlite_utils" in _sys.modules:
        return
    _sys.modules["numpy"] = None  # makes `import numpy` raise ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del _sys.modules["numpy"]


_import_sqlite_utils_without_numpy()

from .errors import NotFound, StoreError  # noqa: E402
from .query import BadSearch, NoVersionAt, fts_query
from .store import RecordedChangeSet, Store, now, sha256
from . import outbox  # noqa: F401  (registers the notifier's migrations)
from . import meaning  # noqa: F401  (registers the meaning migration)
from .meaning import MODEL_SUFFIX
from .snapshots import CorruptSnapshot
from . import fetcher  # noqa: F401  (registers the browser's migrations)
from . import fingerprints  # noqa: F401  (registers the text fingerprints' migration)

# The [store] table of config.toml: key -> (type, default).
CONFIG = {
    "path": (str, "policywatch.db"),
    "busy_timeout": (float, 10.0),  # seconds to wait for another writer before failing
}

__all__ = [
    "CONFIG", "MODEL_SUFFIX", "BadSearch", "CorruptSnapshot", "NoVersionAt", "NotFound", "RecordedChangeSet", "Store", "StoreError",
    "fts_query", "now", "sha256",
]
