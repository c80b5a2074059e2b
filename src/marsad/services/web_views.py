"""What the web UI asks of a collection, over read-only connections.

Each function answers one page (and its JSON twin) with the store methods the CLI services use
(``store.search`` as :func:`marsad.services.search.search`, ``store.entity`` as
:func:`marsad.services.browse.entity_profile`, ``store.events``, ``store.stats``,
``store.stories``, ``store.article``), plus the listings, facets and links only a browser needs
(:mod:`marsad.store.web_reads`). A :class:`ReadOnlyCollection` keeps one read-only connection per
server thread, so a request does not pay for opening the database.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.doc import Document
from marsad.services.browse import find_profile
from marsad.store import Filters, Row, SearchPage
from marsad.store import web_reads as reads
from marsad.store.readonly import ReadOnlySQLiteStore, open_read_only
from marsad.store.reads import DEFAULT_EVENT_SORT, EVENT_FIELDS, EVENT_SORTS, SORT_ORDERS
from marsad.store.search import MARK_CLOSE, MARK_OPEN

__all__ = [
    "DEFAULT_EVENT_SORT", "EVENT_FIELDS", "EVENT_SORTS", "MARK_CLOSE", "MARK_OPEN", "SORT_ORDERS",
    "ArticleView", "Filters", "ReadOnlyCollection", "article_view", "articles_page",
    "entities_page", "entity_view", "events_page", "search_facets", "search_view",
    "search_with_facets", "stats_view", "stories_page", "story_view",
]  # fmt: skip

NETWORK_SIZE = 15
"""Co-mentioned entities drawn in an entity's network graph."""


class ReadOnlyCollection:
    """The collection ``db`` for a server: one read-only store per thread, opened on first use."""

    def __init__(self, db: str | Path) -> None:
        self.db = str(db)
        self._local = threading.local()
        self._all: list[ReadOnlySQLiteStore] = []
        self._lock = threading.Lock()
        open_read_only(self.db).close()  # fail at start-up, not at the first request

    def store(self) -> ReadOnlySQLiteStore:
        store: ReadOnlySQLiteStore | None = getattr(self._local, "store", None)
        if store is None:
            store = open_read_only(self.db)
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()


def search_view(
    collection: ReadOnlyCollection, query: str, filters: Filters, limit: int, offset: int
) -> SearchPage:
    """One page of search results, as ``marsad search`` (the same store method)."""
    return collection.store().search(query, filters, limit, offset)


def search_facets(collection: ReadOnlyCollection, query: str, filters: Filters) -> Row:
    """Counts by source, month and entity over the (first) matches of a search."""
    return reads.search_facets(collection.store().conn, query, filters)


def search_with_facets(
    collection: ReadOnlyCollection, query: str, filters: Filters, limit: int, offset: int
) -> tuple[SearchPage, Row]:
    """One page of search results and the facets of the search, one after the other."""
    return (
        search_view(collection, query, filters, limit, offset),
        search_facets(collection, query, filters),
    )


def articles_page(collection: ReadOnlyCollection, filters: Filters, limit: int, offset: int) -> Row:
    total, rows = reads.list_articles(collection.store().conn, filters, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "articles": rows}


@dataclass(frozen=True, slots=True)
class ArticleView:
    doc: Document
    links: Row

    def to_dict(self) -> Row:
        return {**self.doc.to_dict(), "collection": self.links}


def article_view(collection: ReadOnlyCollection, article_id: str) -> ArticleView:
    """A stored article's Document with its copies, duplicates and stories."""
    store = collection.store()
    doc = store.article(article_id)
    return ArticleView(doc, reads.article_links(store.conn, article_id))


def entity_view(collection: ReadOnlyCollection, name: str) -> Row:
    """An entity's profile (as ``marsad entity``), its events and its co-mention network."""
    store = collection.store()
    profile = find_profile(store, name).to_dict()
    key = profile["id"]
    neighbours = [row["id"] for row in profile["co_mentioned"][:NETWORK_SIZE]]
    profile["events"] = reads.entity_events(store.conn, key)
    profile["network"] = {
        "nodes": [{"id": key, "name": profile["name"], "type": profile["type"], "center": True}]
        + [
            {"id": r["id"], "name": r["name"], "type": r["type"], "weight": r["articles"]}
            for r in profile["co_mentioned"][:NETWORK_SIZE]
        ],
        "edges": [{"source": key, "target": r["id"], "articles": r["articles"]}
                  for r in profile["co_mentioned"][:NETWORK_SIZE]]
        + reads.co_mention_edges(store.conn, key, neighbours),
    }  # fmt: skip
    return profile


def entities_page(
    collection: ReadOnlyCollection, name: str | None, type: str | None, limit: int, offset: int
) -> Row:
    found = reads.list_entities(collection.store().conn, name, type, limit, offset)
    return {"limit": limit, "offset": offset, "entities": [e.to_dict() for e in found]}


def events_page(collection: ReadOnlyCollection, **filters: Any) -> list[Row]:
    """Events with ``actor``, ``type``, ``since``, ``until``, ``sort``, ``order``, ``limit``,
    ``offset`` (as ``marsad events``): sorted across every page by the store."""
    return collection.store().events(**filters)


def stories_page(collection: ReadOnlyCollection, limit: int, offset: int) -> Row:
    """Stories, largest first, each with its articles in time order."""
    store = collection.store()
    stories = [reads.story(store.conn, int(s["id"])) for s in store.stories(limit, offset)]
    return {"limit": limit, "offset": offset, "stories": stories}


def story_view(collection: ReadOnlyCollection, story_id: int) -> Row:
    return reads.story(collection.store().conn, story_id)


def stats_view(collection: ReadOnlyCollection) -> Row:
    """Counts and breakdowns (as ``marsad stats``), without the server's file path."""
    data = collection.store().stats()
    data.pop("database", None)
    return data
