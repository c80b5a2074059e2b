"""The PostgreSQL backend: the same schema, queries and answers as SQLite, on a database server.

``open_store("postgresql://user@host/db")`` opens one. The store's SQL is shared with the SQLite
backend through :class:`~marsad.store.postgres_sql.PgConnection`; the schema comes from the same
migrations (:mod:`marsad.store.postgres_schema`); search runs over a ``tsvector`` of Marsad's own
terms with a GIN index (:mod:`marsad.store.postgres_search`). Several writers may write at once:
articles are upserted by content hash, and a write that collides with a concurrent one (the same
text, id or entity key committed meanwhile) is retried, then finds what the other wrote.
psycopg 3 is the optional extra ``marsad[postgres]``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from marsad.errors import StoreError
from marsad.store import postgres_search
from marsad.store.dedup_reads import with_links
from marsad.store.postgres_schema import applied, migrate, pg_migrations
from marsad.store.postgres_sql import PgConnection
from marsad.store.readonly import ReadOnlySQLiteStore
from marsad.store.records import Filters, PreparedArticle, Row, SearchPage, WriteResult
from marsad.store.sqlite import SQLiteStore

URL_PREFIXES = ("postgresql://", "postgres://")
RETRIES = 5
_PASSWORD = re.compile(r"(://[^:/@]+):[^@/]*@")
T = TypeVar("T")


def is_postgres_url(target: object) -> bool:
    """Whether ``target`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(URL_PREFIXES)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "a postgresql:// database needs psycopg 3: pip install 'marsad[postgres]'"
        ) from None
    return psycopg


class PostgresStore(SQLiteStore):
    """A Marsad collection in a PostgreSQL database (see :class:`marsad.store.base.Store`)."""

    def __init__(self, url: str, *, create: bool = True, read_only: bool = False) -> None:
        psycopg = _psycopg()
        self.path = _PASSWORD.sub(r"\1:***@", url)
        self.errors = psycopg.Error
        errors = psycopg.errors
        self.collisions = (errors.UniqueViolation, errors.DeadlockDetected,
                           errors.SerializationFailure, errors.ForeignKeyViolation)  # fmt: skip
        options = "-c default_transaction_read_only=on" if read_only else ""
        try:
            raw = psycopg.connect(url, autocommit=True, options=options)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self.conn = PgConnection(raw)  # type: ignore[assignment]
        try:
            self.migrations = self._schema(raw, create and not read_only)
        except StoreError:
            raw.close()
            raise

    def _schema(self, raw: Any, create: bool) -> list[str]:
        try:
            if create:
                return migrate(raw, self.path)
            missing = [n for n, _ in pg_migrations() if n not in applied(raw)]
        except self.errors as exc:
            raise StoreError(f"database {self.path}: migration failed: {exc}") from exc
        if missing:
            raise StoreError(
                f"no Marsad collection in {self.path} (missing migrations "
                f"{', '.join(missing)}): create one with `marsad ingest --db {self.path}`"
            )
        return []

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One write transaction: committed when the block ends, rolled back when it raises."""
        raw = self.conn.raw  # type: ignore[attr-defined]
        try:
            with raw.transaction():
                yield self.conn
        except self.errors as exc:
            raise StoreError(f"database {self.path}: {exc}") from exc

    def _retrying(self, what: str, work: Callable[[Any], T]) -> T:
        """Run ``work`` in a transaction, again when a concurrent writer collided with it."""
        raw = self.conn.raw  # type: ignore[attr-defined]
        for attempt in range(RETRIES):
            try:
                with raw.transaction():
                    return work(self.conn)
            except self.collisions:
                if attempt == RETRIES - 1:
                    raise
                time.sleep(0.01 * (attempt + 1))
            except self.errors as exc:
                raise StoreError(f"database {self.path}: cannot write {what}: {exc}") from exc
        raise StoreError(f"database {self.path}: cannot write {what}")  # not reached

    def write(
        self, article: PreparedArticle, resolves: tuple[str, str] | None = None
    ) -> WriteResult:
        from marsad.store import writer

        def work(conn: Any) -> WriteResult:
            if resolves is not None:
                conn.execute("DELETE FROM rejects WHERE source = ? AND reason = ?", resolves)
            return writer.insert_article(conn, article)

        return self._retrying(f"article '{article.doc.id}'", work)

    def replace(self, pk: int, article: PreparedArticle) -> WriteResult:
        from marsad.store import writer

        return self._retrying(
            f"article '{article.doc.id}'", lambda conn: writer.update_article(conn, pk, article)
        )

    def add_duplicates(self, pairs: Iterable[tuple[str, str, float, str]]) -> int:
        with self.transaction() as conn:
            cursor = conn.executemany(
                "INSERT INTO duplicates (article_id, duplicate_of, similarity, kind) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (article_id, duplicate_of) DO UPDATE "
                "SET similarity = excluded.similarity, kind = excluded.kind",
                list(pairs),
            )
            return int(cursor.rowcount)

    def search(self, query: str, filters: Filters, limit: int = 10, offset: int = 0) -> SearchPage:
        page = postgres_search.search(self.conn, query, filters, limit, offset)
        return with_links(self.conn, page)

    def stats(self) -> Row:
        from marsad.store import reads

        out = reads.stats(self.conn)
        size = self.conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        out["database"] = {"path": self.path, "bytes": int(size)}
        return out


class ReadOnlyPostgresStore(PostgresStore, ReadOnlySQLiteStore):
    """A PostgreSQL collection opened for reading only (for servers): every write is refused."""

    def __init__(self, url: str) -> None:
        PostgresStore.__init__(self, url, create=False, read_only=True)
