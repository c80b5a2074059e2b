"""The database: one writer, named migrations, idempotent upserts, Arabic full-text search.

:func:`open_store` opens (and migrates) a collection; every backend implements
:class:`~marsad.store.base.Store`. SQL lives in this package only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from marsad.store.base import Store
from marsad.store.postgres import PostgresStore, is_postgres_url
from marsad.store.records import (
    EntityProfile,
    EntitySummary,
    Filters,
    PreparedArticle,
    Row,
    SearchHit,
    SearchPage,
    Snippet,
    WriteResult,
    prepare,
)
from marsad.store.sqlite import SQLiteStore

BACKENDS: dict[str, Callable[..., Store]] = {"sqlite": SQLiteStore, "postgresql": PostgresStore}
"""Store backends by name; each implements :class:`Store`."""


def open_store(path: str | Path, *, create: bool = True) -> Store:
    """The collection at ``path`` (a SQLite file or a ``postgresql://`` URL), migrated.

    With ``create=False`` a missing file raises :class:`~marsad.errors.StoreError` instead of
    starting an empty collection.
    """
    backend = "postgresql" if is_postgres_url(path) else "sqlite"
    return BACKENDS[backend](path, create=create)


__all__ = [
    "BACKENDS", "EntityProfile", "EntitySummary", "Filters", "PreparedArticle", "Row",
    "SQLiteStore", "SearchHit", "SearchPage", "Snippet", "Store", "WriteResult", "open_store",
    "prepare",
]  # fmt: skip
