"""Named migrations: applied once, in order, recorded; a newer database is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from marsad.errors import StoreError
from marsad.store import open_store
from marsad.store.migrations import MIGRATIONS, applied


def test_fresh_database_gets_every_migration_in_order(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as store:
        assert store.migrations == [name for name, _ in MIGRATIONS]
        assert applied(store.conn) == [name for name, _ in MIGRATIONS]
        mode = store.conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
    with open_store(tmp_path / "a.db") as again:
        assert again.migrations == []


def test_expected_tables_exist(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as store:
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    for table in ("articles", "entities", "aliases", "mentions", "entity_mentions", "times",
                  "quantities", "quotes", "events", "rejects", "duplicates", "stories",
                  "story_articles", "search", "migrations"):  # fmt: skip
        assert table in names


def test_unknown_migration_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO migrations VALUES ('9999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="9999_future"):
        open_store(path)


def test_missing_database_is_an_error_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="marsad ingest"):
        open_store(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        open_store(path)
