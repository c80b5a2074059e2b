"""Read queries the web UI needs beyond the CLI's: listings, facets, links, stories, networks.

All are read-only and bounded (a page, a capped number of matches), so a page over a large
collection answers quickly. Filters and query parsing are those of search
(:mod:`marsad.store.filters`, :mod:`marsad.store.query`).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from marsad.errors import NotFoundError
from marsad.store.entities import find_entity_pks, folded_name
from marsad.store.filters import article_conditions
from marsad.store.query import parse_query
from marsad.store.reads import EVENT_COLUMNS, EVENT_FROM, entity_summary, resolve_entity, rows
from marsad.store.records import EntitySummary, Filters, Row

FACET_SCAN = 1000
"""Facets count the first this many matching articles (a bounded sample on huge result sets)."""
FACET_SIZE = 10
NETWORK_ARTICLES = 200
"""Edges between co-mentioned entities are counted over the entity's latest this many articles
(a bounded sample: a hub entity is named in thousands)."""


def article_links(conn: sqlite3.Connection, article_id: str) -> Row:
    """An article's copies, the articles it duplicates (or that duplicate it), and its stories."""
    row = conn.execute("SELECT pk FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no article with id {article_id!r}")
    copies = rows(
        conn.execute("SELECT id, url, source, published FROM copies WHERE article_pk = ?", row)
    )
    duplicates = rows(
        conn.execute(
            """SELECT d.duplicate_of AS id, a.headline, d.similarity, d.kind
               FROM duplicates d LEFT JOIN articles a ON a.id = d.duplicate_of
               WHERE d.article_id = :id
               UNION ALL
               SELECT d.article_id, a.headline, d.similarity, d.kind
               FROM duplicates d LEFT JOIN articles a ON a.id = d.article_id
               WHERE d.duplicate_of = :id ORDER BY 3 DESC LIMIT 50""",
            {"id": article_id},
        )
    )
    stories = rows(
        conn.execute(
            """SELECT s.id, s.headline, s.first_date, s.last_date FROM story_articles sa
               JOIN stories s ON s.id = sa.story_id WHERE sa.article_id = ?""",
            (article_id,),
        )
    )
    return {"copies": copies, "duplicates": duplicates, "stories": stories}


def list_articles(
    conn: sqlite3.Connection, filters: Filters, limit: int, offset: int
) -> tuple[int, list[Row]]:
    """Articles passing ``filters``, newest first: (total, one page of rows)."""
    where, params = article_conditions(conn, filters)
    clause = " AND ".join(where) or "1"
    total = int(
        conn.execute(f"SELECT count(*) FROM articles a WHERE {clause}", params).fetchone()[0]
    )
    page = rows(
        conn.execute(
            f"""SELECT a.id, a.headline, a.published, a.source, a.url,
                  substr(a.text, 1, 220) AS lead FROM articles a WHERE {clause}
                ORDER BY a.published_day IS NULL, a.published DESC, a.pk LIMIT ? OFFSET ?""",
            (*params, limit, offset),
        )
    )
    return total, page


def search_facets(conn: sqlite3.Connection, query: str, filters: Filters) -> Row:
    """Counts by source, month and entity over the (first :data:`FACET_SCAN`) matches."""
    pks = _matching_pks(conn, query, filters)
    ids = json.dumps(pks)
    scope = "SELECT value FROM json_each(?)"
    sources = conn.execute(
        f"""SELECT coalesce(source, '') AS value, count(*) AS n FROM articles
            WHERE pk IN ({scope}) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?""",
        (ids, FACET_SIZE),
    )
    months = conn.execute(
        f"""SELECT coalesce(substr(published_day, 1, 7), '') AS value, count(*) AS n
            FROM articles WHERE pk IN ({scope}) GROUP BY 1 ORDER BY 1 DESC LIMIT ?""",
        (ids, FACET_SIZE * 2),
    )
    entities = conn.execute(
        f"""SELECT e.key AS value, e.name, e.type, e.latin, top.n FROM (
              SELECT entity_pk, count(DISTINCT article_pk) AS n FROM article_entities
              WHERE article_pk IN ({scope}) GROUP BY entity_pk ORDER BY n DESC, entity_pk LIMIT ?
            ) AS top JOIN entities e ON e.pk = top.entity_pk ORDER BY top.n DESC, e.pk""",
        (ids, FACET_SIZE),
    )
    return {
        "scanned": len(pks), "sample": len(pks) >= FACET_SCAN,
        "source": rows(sources), "month": rows(months), "entity": rows(entities),
    }  # fmt: skip


def _matching_pks(conn: sqlite3.Connection, query: str, filters: Filters) -> list[int]:
    where, params = article_conditions(conn, filters)
    extra = "".join(" AND " + w for w in where)
    if query.strip():
        sql = (
            "SELECT a.pk FROM search JOIN articles a ON a.pk = search.rowid "
            f"WHERE search MATCH ? {extra} LIMIT ?"
        )
        args: list[Any] = [parse_query(query).fts, *params, FACET_SCAN]
    else:
        sql = f"SELECT a.pk FROM articles a WHERE {' AND '.join(where) or '1'} LIMIT ?"
        args = [*params, FACET_SCAN]
    return [int(r[0]) for r in conn.execute(sql, args)]


def list_entities(
    conn: sqlite3.Connection, name: str | None, type: str | None, limit: int, offset: int
) -> list[EntitySummary]:
    """Entities, most mentioned first; ``name`` finds ids, aliases (and their prefixes), Latin."""
    if name:
        pks = find_entity_pks(conn, name)
        prefix = folded_name(name)
        more = conn.execute(
            "SELECT DISTINCT entity_pk FROM aliases WHERE folded >= ? AND folded < ? LIMIT 200",
            (prefix, prefix + "\uffff"),
        )
        pks += [int(r[0]) for r in more if int(r[0]) not in pks]
        summaries = [entity_summary(conn, pk) for pk in pks]
        if type:
            summaries = [s for s in summaries if s.type == type.upper()]
        summaries.sort(key=lambda s: (-s.mentions, s.key))
        return summaries[offset : offset + limit]
    where = "WHERE e.type = ?" if type else ""
    params: list[Any] = [type.upper()] if type else []
    top = conn.execute(
        f"""SELECT m.entity_pk FROM mentions m JOIN entities e ON e.pk = m.entity_pk {where}
            GROUP BY m.entity_pk ORDER BY count(*) DESC, m.entity_pk LIMIT ? OFFSET ?""",
        (*params, limit, offset),
    )
    return [entity_summary(conn, int(r[0])) for r in top.fetchall()]


def entity_events(conn: sqlite3.Connection, name: str, limit: int = 50) -> list[Row]:
    """Events where the entity ``name`` is the source or the target (``role`` says which)."""
    pk, _ = resolve_entity(conn, name)
    chosen = """
      SELECT ev.article_pk, ev.idx FROM events ev JOIN articles ar ON ar.pk = ev.article_pk
      WHERE ev.article_pk IN (SELECT article_pk FROM article_entities WHERE entity_pk = :pk)
        AND :pk IN (ev.source_entity_pk, ev.target_entity_pk)
      ORDER BY ar.published_day DESC, ar.pk, ev.idx LIMIT :limit"""
    sql = f"""
      SELECT CASE WHEN e.source_entity_pk = :pk THEN 'source' ELSE 'target' END AS role,
        {EVENT_COLUMNS} {EVENT_FROM}
      WHERE (e.article_pk, e.idx) IN ({chosen})
      ORDER BY a.published_day DESC, a.pk, e.idx"""
    return rows(conn.execute(sql, {"pk": pk, "limit": limit}))


def co_mention_edges(conn: sqlite3.Connection, name: str, keys: list[str]) -> list[Row]:
    """How often each pair of ``keys`` (entity ids) is named together in the entity's articles."""
    pk, _ = resolve_entity(conn, name)
    sql = """
      WITH own AS MATERIALIZED (
        SELECT article_pk FROM article_entities WHERE entity_pk = :pk
        ORDER BY article_pk DESC LIMIT :cap),
      chosen AS MATERIALIZED (
        SELECT pk, key FROM entities WHERE key IN (SELECT value FROM json_each(:keys))),
      links AS MATERIALIZED (
        SELECT DISTINCT ae.article_pk, ae.entity_pk FROM own
        JOIN article_entities ae ON ae.article_pk = own.article_pk
        WHERE ae.entity_pk IN (SELECT pk FROM chosen))
      SELECT ca.key AS source, cb.key AS target, count(*) AS articles
      FROM links a JOIN links b ON b.article_pk = a.article_pk AND a.entity_pk < b.entity_pk
      JOIN chosen ca ON ca.pk = a.entity_pk JOIN chosen cb ON cb.pk = b.entity_pk
      GROUP BY a.entity_pk, b.entity_pk ORDER BY articles DESC LIMIT 200"""
    params = {"pk": pk, "cap": NETWORK_ARTICLES, "keys": json.dumps(keys)}
    return rows(conn.execute(sql, params))


def story(conn: sqlite3.Connection, story_id: int) -> Row:
    """A story with its articles in time order."""
    head = rows(
        conn.execute(
            "SELECT id, headline, first_date, last_date FROM stories WHERE id = ?", (story_id,)
        )
    )
    if not head:
        raise NotFoundError(f"no story with id {story_id}")
    articles = rows(
        conn.execute(
            """SELECT a.id, a.headline, a.published, a.source, a.url
               FROM story_articles sa JOIN articles a ON a.id = sa.article_id
               WHERE sa.story_id = ? ORDER BY a.published_day IS NULL, a.published, a.pk""",
            (story_id,),
        )
    )
    return {**head[0], "articles": articles}
