"""Rows of the exportable tables, streamed in article order.

``documents`` yields each article's full ``marsad.document/1`` dict plus what the collection adds
(its copies, the articles it duplicates and its stories); ``flat_documents`` the same as flat
columns for CSV and Parquet. ``events`` yields the flat PLOVER/POLECAT-like event table;
``mentions`` and ``quotes`` one row per record with the collection entity it refers to.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from marsad.store.reads import EVENT_COLUMNS, EVENT_FROM
from marsad.store.records import Row

EXPORT_TABLES = ("documents", "events", "mentions", "quotes")
_BATCH = 500


def stream(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> Iterator[Row]:
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(_BATCH):
        for row in batch:
            yield dict(zip(names, row, strict=True))


def documents(conn: sqlite3.Connection) -> Iterator[Row]:
    """Each article as its ``marsad.document/1`` dict with a ``collection`` section."""
    for row in stream(conn, "SELECT pk, id, text, document FROM articles ORDER BY pk"):
        doc = json.loads(row["document"])
        doc = {"schema": doc.pop("schema"), "id": row["id"], "text": row["text"], **doc}
        doc["collection"] = collection_links(conn, row["pk"], row["id"])
        yield doc


def collection_links(conn: sqlite3.Connection, pk: int, article_id: str) -> Row:
    """An article's copies (same text elsewhere), the articles it duplicates, and its stories."""
    copies = [r[0] for r in conn.execute("SELECT id FROM copies WHERE article_pk = ?", (pk,))]
    duplicates = [
        {"id": r[0], "similarity": r[1], "kind": r[2]}
        for r in conn.execute(
            "SELECT duplicate_of, similarity, kind FROM duplicates WHERE article_id = ?",
            (article_id,),
        )
    ]
    stories = [
        int(r[0])
        for r in conn.execute(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        )
    ]
    return {"copies": copies, "duplicate_of": duplicates, "stories": stories}


def flat_documents(conn: sqlite3.Connection) -> Iterator[Row]:
    """One flat row per article: metadata, text, layer counts, duplicates and stories."""
    sql = """
      SELECT a.id, a.published, a.source, a.url, a.headline, a.agency, a.byline,
        a.pipeline_version, a.text,
        (SELECT count(*) FROM mentions WHERE article_pk = a.pk) AS mentions,
        (SELECT count(*) FROM events WHERE article_pk = a.pk) AS events,
        (SELECT count(*) FROM quotes WHERE article_pk = a.pk) AS quotes,
        (SELECT group_concat(duplicate_of, ' ') FROM duplicates WHERE article_id = a.id)
          AS duplicate_of,
        (SELECT group_concat(story_id, ' ') FROM story_articles WHERE article_id = a.id)
          AS stories
      FROM articles a ORDER BY a.pk
    """
    return stream(conn, sql)


def events(conn: sqlite3.Connection) -> Iterator[Row]:
    """Every event as a flat row (see :data:`marsad.store.reads.EVENT_COLUMNS`)."""
    return stream(conn, f"SELECT {EVENT_COLUMNS} {EVENT_FROM} ORDER BY a.pk, e.idx")


def mentions(conn: sqlite3.Connection) -> Iterator[Row]:
    """Every mention with its article and collection entity."""
    sql = """
      SELECT a.id AS article_id, m.start, m.end, m.text, m.type, e.key AS entity,
        e.name AS entity_name, e.latin AS entity_latin
      FROM mentions m JOIN articles a ON a.pk = m.article_pk
      LEFT JOIN entities e ON e.pk = m.entity_pk ORDER BY a.pk, m.idx
    """
    return stream(conn, sql)


def quotes(conn: sqlite3.Connection) -> Iterator[Row]:
    """Every quote with its cue, speaker and the speaker's collection entity."""
    sql = """
      SELECT a.id AS article_id, a.published, q.start, q.end, q.text, q.kind,
        q.cue_text AS cue, q.speaker_text AS speaker, e.key AS speaker_entity,
        e.latin AS speaker_latin
      FROM quotes q JOIN articles a ON a.pk = q.article_pk
      LEFT JOIN entities e ON e.pk = q.speaker_entity_pk ORDER BY a.pk, q.idx
    """
    return stream(conn, sql)
