"""A collection opened read-only (``mode=ro``), for servers that only answer questions.

:class:`ReadOnlySQLiteStore` is a :class:`~marsad.store.sqlite.SQLiteStore` whose connection
SQLite itself refuses to write through (``mode=ro`` URI plus ``PRAGMA query_only``), so a read
route cannot change the collection whatever it runs. It does not migrate: a database that lacks
the current schema is refused with a message saying how to upgrade it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from marsad.errors import StoreError
from marsad.store.migrations import MIGRATIONS
from marsad.store.sqlite import BUSY_TIMEOUT_S, SQLiteStore

READ_PRAGMAS = (
    "PRAGMA query_only = ON",
    "PRAGMA cache_size = -65536",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA mmap_size = 268435456",
)


class ReadOnlySQLiteStore(SQLiteStore):
    """A collection that can be read but not written (every write raises StoreError)."""

    def __init__(self, path: str | Path) -> None:  # no super().__init__: it would migrate
        self.path = str(path)
        file = Path(path)
        if not file.is_file():
            raise StoreError(f"no database at {self.path}: create one with `marsad ingest`")
        uri = f"{file.resolve().as_uri()}?mode=ro"
        try:
            self.conn = sqlite3.connect(
                uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_S,
                check_same_thread=False,
            )  # fmt: skip
            for pragma in READ_PRAGMAS:
                self.conn.execute(pragma)
            self.migrations = []
            _check_schema(self.conn, self.path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path} read-only: {exc}") from exc


def _check_schema(conn: sqlite3.Connection, path: str) -> None:
    try:
        done = {r[0] for r in conn.execute("SELECT name FROM migrations")}
    except sqlite3.OperationalError:
        done = set()
    missing = [name for name, _ in MIGRATIONS if name not in done]
    if missing:
        raise StoreError(
            f"database {path} lacks migrations {', '.join(missing)}: open it once for writing "
            "(e.g. `marsad stats --db ...`) to upgrade it, then serve it"
        )


def open_read_only(path: str | Path) -> ReadOnlySQLiteStore:
    """The collection at ``path`` opened read-only; :class:`StoreError` when absent or old."""
    if isinstance(path, str) and path.startswith(("postgresql://", "postgres://")):
        from marsad.store.postgres import ReadOnlyPostgresStore

        return ReadOnlyPostgresStore(path)
    return ReadOnlySQLiteStore(path)
