"""The interface every store backend implements (SQLite now; PostgreSQL can follow).

Services talk to a :class:`Store` only; SQL lives in the backend's modules. A store has one
writer: each ``write``/``replace``/``reject`` is one transaction of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from marsad.doc import Document
from marsad.store.dedup_reads import ClusterTables
from marsad.store.records import (
    EntityProfile,
    EntitySummary,
    Filters,
    PreparedArticle,
    Row,
    SearchPage,
    WriteResult,
)


class Store(Protocol):
    """A collection of analysed articles with search, entity and event queries."""

    path: str

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *_: object) -> None: ...

    # --- writing (one writer) ---------------------------------------------------------------

    def has_content(self, content_hash: str) -> bool:
        """Whether an article with this content hash is stored."""
        ...

    def content_hashes(self) -> set[str]:
        """The content hash of every stored article."""
        ...

    def note_copy(self, content_hash: str, doc: Document) -> None:
        """Note that ``doc`` repeats the text of the stored article with ``content_hash``."""
        ...

    def write(
        self, article: PreparedArticle, resolves: tuple[str, str] | None = None
    ) -> WriteResult:
        """Store one article with its index and layer rows, atomically; idempotent by hash.

        ``resolves`` names a rejection (source, reason) the stored article supersedes (an
        earlier pipeline failure on the same input): it is deleted in the same transaction.
        """
        ...

    def rejected_sources(self, reason: str) -> set[str]:
        """The sources rejected for ``reason``."""
        ...

    def reject(self, source: str, reason: str, detail: str) -> None:
        """Record a rejected input (once per source and reason)."""
        ...

    def stale_articles(
        self, pipeline_version: str, everything: bool = False
    ) -> Iterator[tuple[int, Document]]:
        """Stored articles analysed by another pipeline version (or all), as fresh inputs."""
        ...

    def count_stale(self, pipeline_version: str, everything: bool = False) -> int:
        """How many articles :meth:`stale_articles` yields."""
        ...

    def replace(self, pk: int, article: PreparedArticle) -> WriteResult:
        """Replace the analysis of the stored article ``pk``, atomically."""
        ...

    def prune_entities(self) -> int:
        """Drop entities no article refers to any more; returns how many."""
        ...

    def add_duplicates(self, pairs: Iterable[tuple[str, str, float, str]]) -> int:
        """Record (article id, duplicate of id, similarity, kind) pairs; returns how many."""
        ...

    def replace_stories(
        self, stories: Iterable[tuple[str, str | None, str | None, list[str]]]
    ) -> int:
        """Replace every story with (headline, first date, last date, article ids) tuples."""
        ...

    # --- reading ------------------------------------------------------------------------------

    def search(
        self, query: str, filters: Filters, limit: int = 10, offset: int = 0
    ) -> SearchPage: ...

    def entity(self, name: str) -> EntityProfile: ...

    def entities(self, name: str) -> list[EntitySummary]: ...

    def events(
        self, *, actor: str | None = None, type: str | None = None, since: str | None = None,
        until: str | None = None, sort: str | None = None, order: str | None = None,
        limit: int = 100, offset: int = 0,
    ) -> list[Row]:  # fmt: skip
        """Events by actor, type and dates, sorted across all pages by ``sort`` (a column of
        :data:`marsad.store.reads.EVENT_SORTS`) in ``order`` (asc, desc)."""
        ...

    def timeline(self, name: str, limit: int = 200) -> tuple[EntitySummary, list[Row]]: ...

    def rejects(
        self, reason: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Row]: ...

    def stats(self) -> Row: ...

    def stories(self, limit: int = 50, offset: int = 0) -> list[Row]: ...

    def clusters(self) -> ClusterTables:
        """Duplicate pairs, story vectors and story listings (:mod:`marsad.store.dedup_reads`)."""
        ...

    def articles(self) -> Iterator[Row]:
        """Every article (id, headline, published, source, text, entity ids), in stored order."""
        ...

    def article(self, article_id: str) -> Document:
        """The stored analysed Document ``article_id``."""
        ...

    def export(self, table: str, *, flat: bool = False) -> Iterator[Row]:
        """Rows of an export table (documents, events, mentions, quotes)."""
        ...
