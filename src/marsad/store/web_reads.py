"""Read queries the web UI needs beyond the CLI's: listings, facets, links, stories, networks.

All are read-only and bounded (a page, a capped number of matches), so a page over a large
collection answers quickly. Filters and query parsing are those of search
(:mod:`marsad.store.filters`, :mod:`marsad.store.query`).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from itertools import chain
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
    """Counts by source, month and entity over the (first :data:`FACET_SCAN`) matches.

    Each match is one short ``article_facets`` row (kept by the writer), counted here: the same
    answer on every backend, without reading the wide article rows.
    """
    pks = _matching_pks(conn, query, filters)
    found = conn.execute(
        "SELECT source, substr(published_day, 1, 7), entities FROM article_facets "
        "WHERE article_pk IN (SELECT value FROM json_each(?))",
        (json.dumps(pks),),
    ).fetchall()
    sources = Counter(str(r[0] or "") for r in found)
    months = Counter(str(r[1] or "") for r in found)
    named = Counter(chain.from_iterable(str(r[2]).split() for r in found))
    # The most named entities, ties by pk: only counts reaching the tenth best can be in it.
    least = min((n for _, n in named.most_common(FACET_SIZE)), default=0)
    top = sorted((-n, int(pk)) for pk, n in named.items() if n >= least)
    return {
        "scanned": len(pks), "sample": len(pks) >= FACET_SCAN,
        "source": [{"value": v, "n": n}
                   for v, n in sorted(sources.items(), key=lambda t: (-t[1], t[0]))[:FACET_SIZE]],
        "month": [{"value": v, "n": n} for v, n in sorted(months.items(), reverse=True)[
            : FACET_SIZE * 2]],
        "entity": _entity_facet(conn, [(-n, pk) for n, pk in top[:FACET_SIZE]]),
    }  # fmt: skip


def _entity_facet(conn: sqlite3.Connection, top: list[tuple[int, int]]) -> list[Row]:
    """The (count, entity pk) pairs ``top`` as facet rows, most frequent first."""
    if not top:
        return []
    pks = ", ".join(str(pk) for _, pk in top)  # integers parsed from the facets table
    sql = f"SELECT pk, key, name, type, latin FROM entities WHERE pk IN ({pks})"
    known = {int(r[0]): r[1:] for r in conn.execute(sql)}
    return [
        {"value": key, "name": name, "type": type_, "latin": latin, "n": n}
        for n, pk in top
        if pk in known
        for key, name, type_, latin in [known[pk]]
    ]


def _matching_pks(conn: sqlite3.Connection, query: str, filters: Filters) -> list[int]:
    where, params = article_conditions(conn, filters)
    extra = "".join(" AND " + w for w in where)
    if query.strip():
        joined = "JOIN articles a ON a.pk = search.rowid " if where else ""  # only to filter
        sql = f"SELECT search.rowid FROM search {joined}WHERE search MATCH ? {extra} LIMIT ?"
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
        f"""SELECT m.entity_pk FROM entity_months m JOIN entities e ON e.pk = m.entity_pk {where}
            GROUP BY m.entity_pk ORDER BY sum(m.mentions) DESC, m.entity_pk LIMIT ? OFFSET ?""",
        (*params, limit, offset),
    )
    return [entity_summary(conn, int(r[0])) for r in top.fetchall()]


def entity_events(conn: sqlite3.Connection, name: str, limit: int = 50) -> list[Row]:
    """Events where the entity ``name`` is the source or the target (``role`` says which)."""
    pk, _ = resolve_entity(conn, name)
    chosen = """
      SELECT ev.article_pk, ev.idx FROM events ev
      JOIN article_facets ar ON ar.article_pk = ev.article_pk
      WHERE ev.source_entity_pk = :pk OR ev.target_entity_pk = :pk
      ORDER BY ar.published_day DESC, ar.article_pk, ev.idx LIMIT :limit"""
    sql = f"""
      SELECT CASE WHEN e.source_entity_pk = :pk THEN 'source' ELSE 'target' END AS role,
        {EVENT_COLUMNS} {EVENT_FROM}
      WHERE (e.article_pk, e.idx) IN ({chosen})
      ORDER BY a.published_day DESC, a.pk, e.idx"""
    return rows(conn.execute(sql, {"pk": pk, "limit": limit}))


def co_mention_edges(conn: sqlite3.Connection, name: str, keys: list[str]) -> list[Row]:
    """How many articles name each pair of ``keys`` (entity ids) together, over the whole
    collection (exact, from the maintained co-mention counts): the edges between the neighbours
    of the entity ``name`` in its network graph."""
    resolve_entity(conn, name)
    found = conn.execute(
        "SELECT pk, key FROM entities WHERE key IN (SELECT value FROM json_each(?))",
        (json.dumps(keys),),
    )
    chosen = {int(pk): str(key) for pk, key in found}
    if len(chosen) < 2:
        return []
    pks = ", ".join(str(pk) for pk in sorted(chosen))  # integers read from the table
    sql = f"""SELECT entity_pk, other_pk, articles FROM entity_comentions
              WHERE entity_pk IN ({pks}) AND other_pk IN ({pks}) AND entity_pk < other_pk
              ORDER BY articles DESC, entity_pk, other_pk LIMIT 200"""
    return [
        {"source": chosen[int(a)], "target": chosen[int(b)], "articles": int(n)}
        for a, b, n in conn.execute(sql)
    ]


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
