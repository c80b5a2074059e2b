"""The SQLite backend: one file, WAL journal, one writer, named migrations.

Every write is one ``BEGIN IMMEDIATE`` transaction (SQLite's write lock makes a second writer
wait), so an article, its search-index row and its layer rows are stored together or not at all:
a process killed at any moment leaves whole articles only, and running the same ingest again adds
exactly the missing ones.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from marsad.doc import Document
from marsad.errors import NotFoundError, StoreError
from marsad.store import export, reads, search, writer
from marsad.store.dedup_reads import ClusterTables, with_links
from marsad.store.migrations import migrate
from marsad.store.records import (
    EntityProfile,
    EntitySummary,
    Filters,
    PreparedArticle,
    Row,
    SearchPage,
    WriteResult,
    input_document,
)

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA cache_size = -65536",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA mmap_size = 268435456",
)
BUSY_TIMEOUT_S = 30.0


class SQLiteStore:
    """A Marsad collection in one SQLite file (see :class:`marsad.store.base.Store`)."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = str(path)
        if not create and not Path(path).is_file():
            raise StoreError(f"no database at {self.path}: create one with `marsad ingest`")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
            for pragma in PRAGMAS:
                self.conn.execute(pragma)
            self.migrations = migrate(self.conn, self.path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back when it raises."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"database {self.path} is not writable: {exc}") from exc
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StoreError(f"database {self.path}: commit failed: {exc}") from exc

    # --- writing ---------------------------------------------------------------------------------

    def has_content(self, content_hash: str) -> bool:
        sql = "SELECT 1 FROM articles WHERE content_hash = ?"
        return self.conn.execute(sql, (content_hash,)).fetchone() is not None

    def content_hashes(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT content_hash FROM articles")}

    def note_copy(self, content_hash: str, doc: Document) -> None:
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT pk, id FROM articles WHERE content_hash = ?", (content_hash,)
            ).fetchone()
            if row is not None:
                writer.note_copy(conn, row[0], row[1], doc)

    def write(
        self, article: PreparedArticle, resolves: tuple[str, str] | None = None
    ) -> WriteResult:
        with self._writing(article.doc.id) as conn:
            if resolves is not None:
                conn.execute("DELETE FROM rejects WHERE source = ? AND reason = ?", resolves)
            return writer.insert_article(conn, article)

    def rejected_sources(self, reason: str) -> set[str]:
        sql = "SELECT source FROM rejects WHERE reason = ?"
        return {r[0] for r in self.conn.execute(sql, (reason,))}

    def replace(self, pk: int, article: PreparedArticle) -> WriteResult:
        with self._writing(article.doc.id) as conn:
            return writer.update_article(conn, pk, article)

    @contextmanager
    def _writing(self, what: str) -> Iterator[sqlite3.Connection]:
        try:
            with self.transaction() as conn:
                yield conn
        except sqlite3.Error as exc:
            raise StoreError(f"database {self.path}: cannot write article '{what}': {exc}") from exc

    def reject(self, source: str, reason: str, detail: str) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO rejects (source, reason, detail, first_seen, last_seen) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, reason) "
                "DO UPDATE SET detail = excluded.detail, last_seen = excluded.last_seen",
                (source, reason, detail, now, now),
            )

    def stale_articles(
        self, pipeline_version: str, everything: bool = False
    ) -> Iterator[tuple[int, Document]]:
        where = "" if everything else "WHERE pipeline_version != ?"
        params = () if everything else (pipeline_version,)
        pks = [
            r[0] for r in self.conn.execute(f"SELECT pk FROM articles {where} ORDER BY pk", params)
        ]
        for pk in pks:
            row = self.conn.execute(
                "SELECT id, text, input_meta FROM articles WHERE pk = ?", (pk,)
            ).fetchone()
            if row is not None:
                yield pk, input_document(row[1], row[0], json.loads(row[2]))

    def count_stale(self, pipeline_version: str, everything: bool = False) -> int:
        if everything:
            return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        sql = "SELECT count(*) FROM articles WHERE pipeline_version != ?"
        return int(self.conn.execute(sql, (pipeline_version,)).fetchone()[0])

    def prune_entities(self) -> int:
        orphan = "SELECT pk FROM entities WHERE pk NOT IN (SELECT entity_pk FROM article_entities)"
        with self.transaction() as conn:
            conn.execute(f"DELETE FROM aliases WHERE entity_pk IN ({orphan})")
            conn.execute(f"DELETE FROM entity_keys WHERE entity_pk IN ({orphan})")
            return conn.execute(f"DELETE FROM entities WHERE pk IN ({orphan})").rowcount

    def add_duplicates(self, pairs: Iterable[tuple[str, str, float, str]]) -> int:
        with self.transaction() as conn:
            cursor = conn.executemany(
                "INSERT OR REPLACE INTO duplicates (article_id, duplicate_of, similarity, kind) "
                "VALUES (?, ?, ?, ?)",
                list(pairs),
            )
            return cursor.rowcount

    def replace_stories(
        self, stories: Iterable[tuple[str, str | None, str | None, list[str]]]
    ) -> int:
        count = 0
        with self.transaction() as conn:
            conn.execute("DELETE FROM story_articles")
            conn.execute("DELETE FROM stories")
            for headline, first, last, article_ids in stories:
                cursor = conn.execute(
                    "INSERT INTO stories (headline, first_date, last_date) VALUES (?, ?, ?)",
                    (headline, first, last),
                )
                conn.executemany(
                    "INSERT OR IGNORE INTO story_articles (story_id, article_id) VALUES (?, ?)",
                    [(cursor.lastrowid, a) for a in article_ids],
                )
                count += 1
        return count

    # --- reading ---------------------------------------------------------------------------------

    def search(self, query: str, filters: Filters, limit: int = 10, offset: int = 0) -> SearchPage:
        return with_links(self.conn, search.search(self.conn, query, filters, limit, offset))

    def entity(self, name: str) -> EntityProfile:
        return reads.entity_profile(self.conn, name)

    def entities(self, name: str) -> list[EntitySummary]:
        from marsad.store.entities import find_entity_pks

        return [reads.entity_summary(self.conn, pk) for pk in find_entity_pks(self.conn, name)]

    def events(
        self, *, actor: str | None = None, type: str | None = None, since: str | None = None,
        until: str | None = None, sort: str | None = None, order: str | None = None,
        limit: int = 100, offset: int = 0,
    ) -> list[Row]:  # fmt: skip
        return reads.events(
            self.conn, actor=actor, type=type, since=since, until=until, sort=sort, order=order,
            limit=limit, offset=offset,
        )  # fmt: skip

    def timeline(self, name: str, limit: int = 200) -> tuple[EntitySummary, list[Row]]:
        return reads.timeline(self.conn, name, limit)

    def rejects(self, reason: str | None = None, limit: int = 100, offset: int = 0) -> list[Row]:
        return reads.rejects(self.conn, reason, limit, offset)

    def stats(self) -> Row:
        out = reads.stats(self.conn)
        out["database"] = {"path": self.path, "bytes": _file_size(self.path)}
        return out

    def stories(self, limit: int = 50, offset: int = 0) -> list[Row]:
        sql = """SELECT s.id, s.headline, s.first_date, s.last_date,
                   count(sa.article_id) AS articles
                 FROM stories s LEFT JOIN story_articles sa ON sa.story_id = s.id
                 GROUP BY s.id ORDER BY articles DESC, s.id LIMIT ? OFFSET ?"""
        return reads.rows(self.conn.execute(sql, (limit, offset)))

    def clusters(self) -> ClusterTables:
        return ClusterTables(self)

    def articles(self) -> Iterator[Row]:
        sql = """SELECT a.id, a.headline, a.published, a.source, a.text,
                   (SELECT group_concat(e.key, '\n') FROM article_entities ae
                    JOIN entities e ON e.pk = ae.entity_pk WHERE ae.article_pk = a.pk) AS entities
                 FROM articles a ORDER BY a.pk"""
        for row in export.stream(self.conn, sql):
            row["entities"] = row["entities"].split("\n") if row["entities"] else []
            yield row

    def article(self, article_id: str) -> Document:
        """The stored analysed Document ``article_id``; :class:`NotFoundError` when absent."""
        row = self.conn.execute(
            "SELECT text, document FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r} in {self.path}")
        return Document.from_dict({**json.loads(row[1]), "text": row[0], "id": article_id})

    def export(self, table: str, *, flat: bool = False) -> Iterator[Row]:
        if table == "documents":
            return export.flat_documents(self.conn) if flat else export.documents(self.conn)
        readers = {"events": export.events, "mentions": export.mentions, "quotes": export.quotes}
        if table not in readers:
            raise StoreError(
                f"unknown table {table!r}: use one of {', '.join(export.EXPORT_TABLES)}"
            )
        return readers[table](self.conn)


def _file_size(path: str) -> int:
    files = [Path(path), Path(path + "-wal")]
    return sum(p.stat().st_size for p in files if p.is_file())
