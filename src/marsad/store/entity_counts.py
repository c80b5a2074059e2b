"""Counts maintained with each article: entity co-mentions, mentions by month, search facets.

An entity profile answers "which entities are named with this one, in how many articles" and
"how often is it named each month". Computed from the layer tables, both grow with how often the
entity is named (a country is named in thousands of articles). The tables ``entity_comentions``
and ``entity_months`` (migration ``0007_entity_counts``) hold the answers; the writer adds an
article's share in the transaction that stores it (:func:`add_article`) and takes it away
before the article's analysis is replaced (:func:`remove_article`), so the counts are exact and
a profile reads one entity's rows only. ``article_facets`` (migration ``0009_article_facets``)
keeps, in the same way, the one narrow row per article that search facets count. The SQL runs
on both backends.

* ``entity_comentions(entity_pk, other_pk, articles)``: the articles naming both entities (both
  directions are stored);
* ``entity_months(entity_pk, month, mentions, articles)``: mentions of the entity in articles
  published that month (``YYYY-MM``, or ``undated``) and how many articles they are in;
* ``article_facets(article_pk, source, published_day, entities)``: the article's source,
  publication day (or NULL) and distinct entity pks separated by spaces.
"""

from __future__ import annotations

import sqlite3

UNDATED = "undated"

_ADD_PAIR = (
    "INSERT INTO entity_comentions (entity_pk, other_pk, articles) VALUES (?, ?, 1) "
    "ON CONFLICT (entity_pk, other_pk) DO UPDATE SET articles = entity_comentions.articles + 1"
)
_ADD_MONTH = (
    "INSERT INTO entity_months (entity_pk, month, mentions, articles) VALUES (?, ?, ?, 1) "
    "ON CONFLICT (entity_pk, month) DO UPDATE SET "
    "mentions = entity_months.mentions + excluded.mentions, "
    "articles = entity_months.articles + 1"
)


def _entities(conn: sqlite3.Connection, pk: int) -> list[int]:
    sql = "SELECT DISTINCT entity_pk FROM article_entities WHERE article_pk = ?"
    return sorted(int(r[0]) for r in conn.execute(sql, (pk,)))


def _share(
    conn: sqlite3.Connection, pk: int, entities: list[int]
) -> tuple[list[tuple[int, int]], str, list[tuple[int, int]]]:
    """The article ``pk``'s entity pairs (ordered, so concurrent writers lock rows alike), its
    month and its (entity pk, mentions) counts, as stored now."""
    pairs = [(a, b) for a in entities for b in entities if a != b]
    row = conn.execute("SELECT published_day FROM articles WHERE pk = ?", (pk,)).fetchone()
    month = str(row[0])[:7] if row and row[0] else UNDATED
    mentions = [
        (int(r[0]), int(r[1]))
        for r in conn.execute(
            "SELECT entity_pk, count(*) FROM mentions WHERE article_pk = ? "
            "AND entity_pk IS NOT NULL GROUP BY entity_pk ORDER BY entity_pk",
            (pk,),
        )
    ]
    return pairs, month, mentions


def add_article(conn: sqlite3.Connection, pk: int) -> None:
    """Count the stored article ``pk`` (its layer rows are written) in the entity counts, and
    write its facets row."""
    entities = _entities(conn, pk)
    pairs, month, mentions = _share(conn, pk, entities)
    conn.executemany(_ADD_PAIR, pairs)
    conn.executemany(_ADD_MONTH, [(entity, month, n) for entity, n in mentions])
    conn.execute(
        "INSERT INTO article_facets (article_pk, source, published_day, entities) "
        "SELECT pk, source, published_day, ? FROM articles WHERE pk = ?",
        (" ".join(str(e) for e in entities), pk),
    )


def remove_article(conn: sqlite3.Connection, pk: int) -> None:
    """Take the stored article ``pk`` out of the entity counts and drop its facets row (before
    its rows change)."""
    conn.execute("DELETE FROM article_facets WHERE article_pk = ?", (pk,))
    pairs, month, mentions = _share(conn, pk, _entities(conn, pk))
    conn.executemany(
        "DELETE FROM entity_comentions WHERE entity_pk = ? AND other_pk = ? AND articles <= 1",
        pairs,
    )
    conn.executemany(
        "UPDATE entity_comentions SET articles = articles - 1 WHERE entity_pk = ? AND other_pk = ?",
        pairs,
    )
    months = [(entity, month) for entity, _ in mentions]
    conn.executemany(
        "DELETE FROM entity_months WHERE entity_pk = ? AND month = ? AND articles <= 1", months
    )
    conn.executemany(
        "UPDATE entity_months SET mentions = mentions - ?, articles = articles - 1 "
        "WHERE entity_pk = ? AND month = ?",
        [(n, entity, month) for entity, n in mentions],
    )
