"""What the duplicate and story service needs of a collection beyond the :class:`Store` methods.

``Store.add_duplicates``, ``Store.replace_stories`` and ``Store.stories`` write and list the
``duplicates`` and ``stories`` tables; :class:`ClusterTables` (``store.clusters()``) adds the
pairs already recorded, the article texts in ingest order, the cache of story vectors and a story
listing with dates and member articles; :func:`with_links` gives search hits their duplicate
links. The SQL is written for SQLite and runs unchanged on the PostgreSQL backend through its
dialect translation.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import Any, Protocol

from marsad.store.export import stream
from marsad.store.filters import day_bound
from marsad.store.reads import rows
from marsad.store.records import HitLinks, Row, SearchPage

STORY_MEMBERS = 20
"""Member articles listed per story (the count covers them all)."""


class _Backend(Protocol):
    path: str
    conn: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...


@dataclass(frozen=True, slots=True)
class ArticleText:
    """An article as duplicate detection and story clustering read it."""

    id: str
    headline: str | None
    published: str | None
    text: str


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which stories a listing shows: overlapping ``since``..``until``, with enough articles."""

    since: str | None = None
    until: str | None = None
    min_articles: int = 1
    limit: int = 20
    offset: int = 0


class ClusterTables:
    """Duplicate pairs, story vectors and story listings of one open store."""

    def __init__(self, store: _Backend) -> None:
        self.store = store

    def articles(self) -> Iterator[ArticleText]:
        """Every article's id, headline, publication date and text, in ingest order."""
        sql = "SELECT id, headline, published, text FROM articles ORDER BY pk"
        for row in stream(self.store.conn, sql):
            yield ArticleText(row["id"], row["headline"], row["published"], row["text"])

    def entity_keys(self) -> dict[str, frozenset[str]]:
        """The collection-level entity keys each article names."""
        sql = """SELECT a.id, e.key FROM article_entities ae
                 JOIN articles a ON a.pk = ae.article_pk JOIN entities e ON e.pk = ae.entity_pk"""
        keys: dict[str, set[str]] = {}
        for article_id, key in self.store.conn.execute(sql):
            keys.setdefault(article_id, set()).add(key)
        return {article_id: frozenset(found) for article_id, found in keys.items()}

    def duplicate_pairs(self) -> set[tuple[str, str]]:
        """Every recorded (article id, duplicate of id) pair."""
        sql = "SELECT article_id, duplicate_of FROM duplicates"
        return {(r[0], r[1]) for r in self.store.conn.execute(sql)}

    def remove_duplicates(self, pairs: Iterable[tuple[str, str]]) -> int:
        """Delete the given (article id, duplicate of id) pairs; returns how many."""
        chosen = list(pairs)
        with self.store.transaction() as conn:
            conn.executemany(
                "DELETE FROM duplicates WHERE article_id = ? AND duplicate_of = ?", chosen
            )
        return len(chosen)

    def story_vectors(self) -> dict[str, tuple[str, str]]:
        """The cached story vectors: article id -> (key, base64 float16 vector)."""
        sql = "SELECT article_id, key, vector FROM story_vectors"
        return {r[0]: (r[1], r[2]) for r in self.store.conn.execute(sql)}

    def save_story_vectors(self, vectors: Iterable[tuple[str, str, str]]) -> int:
        """Store (article id, key, base64 vector) rows, replacing older ones; returns how many."""
        chosen = list(vectors)
        with self.store.transaction() as conn:
            conn.executemany(
                "INSERT INTO story_vectors (article_id, key, vector) VALUES (?, ?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET key = excluded.key, "
                "vector = excluded.vector",
                chosen,
            )
        return len(chosen)

    def stories(self, chosen: StoryFilter) -> tuple[int, list[Row]]:
        """(number of matching stories, one page of them with their first member articles)."""
        where, params = _story_conditions(chosen)
        matching = f"""SELECT s.id, s.headline, s.first_date, s.last_date,
                         count(sa.article_id) AS articles
                       FROM stories s JOIN story_articles sa ON sa.story_id = s.id
                       WHERE {where} GROUP BY s.id, s.headline, s.first_date, s.last_date
                       HAVING count(sa.article_id) >= ?"""
        conn = self.store.conn
        total = conn.execute(f"SELECT count(*) FROM ({matching}) AS m", params).fetchone()[0]
        page = rows(
            conn.execute(
                f"""{matching} ORDER BY articles DESC, s.last_date DESC, s.id
                    LIMIT ? OFFSET ?""",
                (*params, chosen.limit, chosen.offset),
            )
        )
        for story in page:
            story["members"] = self._members(int(story["id"]))
        return int(total), page

    def _members(self, story_id: int) -> list[Row]:
        sql = """SELECT a.id, a.headline, a.published, a.source FROM story_articles sa
                 JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?
                 ORDER BY a.published_day IS NULL, a.published, a.pk LIMIT ?"""
        return rows(self.store.conn.execute(sql, (story_id, STORY_MEMBERS)))


def hit_links(conn: sqlite3.Connection, ids: list[str]) -> dict[str, HitLinks]:
    """The duplicate links of the articles ``ids`` (a page of search hits), in three queries."""
    if not ids:
        return {}
    chosen = json.dumps(ids, ensure_ascii=False)
    originals: dict[str, list[Row]] = {}
    for row in rows(
        conn.execute(
            """SELECT d.article_id, d.duplicate_of AS id, a.headline, d.similarity, d.kind
               FROM duplicates d LEFT JOIN articles a ON a.id = d.duplicate_of
               WHERE d.article_id IN (SELECT value FROM json_each(?))
               ORDER BY d.article_id, d.similarity DESC, d.duplicate_of""",
            (chosen,),
        )
    ):
        originals.setdefault(str(row.pop("article_id")), []).append(row)
    duplicates = dict(
        conn.execute(
            """SELECT duplicate_of, count(*) FROM duplicates
               WHERE duplicate_of IN (SELECT value FROM json_each(?)) GROUP BY duplicate_of""",
            (chosen,),
        ).fetchall()
    )
    copies = dict(
        conn.execute(
            """SELECT a.id, count(*) FROM copies c JOIN articles a ON a.pk = c.article_pk
               WHERE a.id IN (SELECT value FROM json_each(?)) GROUP BY a.id""",
            (chosen,),
        ).fetchall()
    )
    return {
        i: HitLinks(tuple(originals.get(i, ())), int(duplicates.get(i, 0)), int(copies.get(i, 0)))
        for i in ids
    }


def with_links(conn: sqlite3.Connection, page: SearchPage) -> SearchPage:
    """``page`` with each hit's duplicate links (:func:`hit_links`) filled in."""
    links = hit_links(conn, [hit.id for hit in page.hits])
    hits = [replace(hit, links=links[hit.id]) for hit in page.hits]
    return replace(page, hits=hits)


def _story_conditions(chosen: StoryFilter) -> tuple[str, list[Any]]:
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if chosen.since:
        where.append("coalesce(s.last_date, s.first_date) >= ?")
        params.append(day_bound(chosen.since, last=False, option="since"))
    if chosen.until:
        where.append("s.first_date <= ?")
        params.append(day_bound(chosen.until, last=True, option="until"))
    params.append(max(1, chosen.min_articles))
    return " AND ".join(where), params
