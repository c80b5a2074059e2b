"""Writing one analysed article: its row, its search-index row and its layer rows.

The caller (:class:`marsad.store.sqlite.SQLiteStore`) wraps each call in one transaction, so an
article is stored whole or not at all. Articles are keyed by the hash of their folded text: a text
already stored is not stored again (a copy under another id is noted in ``copies``). The
entity counts (:mod:`marsad.store.entity_counts`) change in the same transaction.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any

from marsad.doc import Actor, Document, Event, Quote
from marsad.store import entity_counts
from marsad.store.entities import link_entities
from marsad.store.records import PreparedArticle, WriteResult

_ARTICLE_COLUMNS = (
    "id", "content_hash", "text", "headline", "agency", "byline", "published", "published_day",
    "url", "source", "language", "pipeline_version", "document", "input_meta", "ingested_at",
)  # fmt: skip
_INSERT_ARTICLE = (
    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_ARTICLE_COLUMNS))}) ON CONFLICT (content_hash) DO NOTHING"
)
_LAYER_TABLES = ("mentions", "times", "quantities", "quotes", "events", "article_entities")


def insert_article(conn: sqlite3.Connection, article: PreparedArticle) -> WriteResult:
    """Store ``article`` unless its text is already stored (then note the copy)."""
    existing = conn.execute(
        "SELECT pk, id FROM articles WHERE content_hash = ?", (article.content_hash,)
    ).fetchone()
    if existing is not None:
        note_copy(conn, existing[0], existing[1], article.doc)
        return WriteResult("duplicate", article.doc.id, existing[1])
    article_id = _free_id(conn, article.doc.id, article.content_hash)
    cursor = conn.execute(_INSERT_ARTICLE, _article_values(article, article_id))
    pk = int(cursor.lastrowid or 0)
    conn.execute(
        "INSERT INTO search (rowid, base, stem) VALUES (?, ?, ?)", (pk, article.base, article.stem)
    )
    write_layers(conn, pk, article.doc)
    entity_counts.add_article(conn, pk)
    return WriteResult("stored", article_id)


def update_article(conn: sqlite3.Connection, pk: int, article: PreparedArticle) -> WriteResult:
    """Replace the analysis of the stored article ``pk`` (same text) with ``article``'s."""
    entity_counts.remove_article(conn, pk)
    for table in _LAYER_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE article_pk = ?", (pk,))
    values = dict(zip(_ARTICLE_COLUMNS, _article_values(article, article.doc.id), strict=True))
    changed = ("headline", "agency", "byline", "published", "published_day", "url", "source",
               "language", "pipeline_version", "document")  # fmt: skip
    assignments = ", ".join(f"{c} = ?" for c in changed)
    conn.execute(
        f"UPDATE articles SET {assignments} WHERE pk = ?",
        (*(values[c] for c in changed), pk),
    )
    write_layers(conn, pk, article.doc)
    entity_counts.add_article(conn, pk)
    return WriteResult("updated", article.doc.id)


def write_layers(conn: sqlite3.Connection, pk: int, doc: Document) -> None:
    """Insert the rows of every annotation layer of ``doc`` for the article ``pk``."""
    entity_pks, links = link_entities(conn, doc)
    conn.executemany(
        "INSERT INTO article_entities (article_pk, doc_entity, entity_pk) VALUES (?, ?, ?)",
        [(pk, doc_id, entity_pk) for doc_id, entity_pk in entity_pks.items()],
    )
    conn.executemany(
        "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (pk, i, m.start, m.end, m.text, m.type, link, entity_pks.get(link or ""))
            for i, (m, link) in enumerate(zip(doc.mentions, links, strict=True))
        ],
    )
    conn.executemany(
        "INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (pk, i, t.start, t.end, t.text, t.type, t.value, *(t.range or (None, None)))
            for i, t in enumerate(doc.times)
        ],
    )
    conn.executemany(
        "INSERT INTO quantities VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (pk, i, q.start, q.end, q.text, q.kind, q.value, q.unit)
            for i, q in enumerate(doc.quantities)
        ],
    )
    conn.executemany(
        f"INSERT INTO quotes VALUES ({', '.join('?' * 13)})",
        [_quote_row(pk, i, q, entity_pks) for i, q in enumerate(doc.quotes)],
    )
    conn.executemany(
        f"INSERT INTO events VALUES ({', '.join('?' * 21)})",
        [_event_row(pk, i, e, entity_pks) for i, e in enumerate(doc.events)],
    )


def _article_values(article: PreparedArticle, article_id: str) -> tuple[Any, ...]:
    meta = article.doc.meta
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return (
        article_id, article.content_hash, article.doc.text, meta.headline, meta.agency,
        meta.byline, meta.published, meta.published[:10] if meta.published else None, meta.url,
        meta.source, meta.language, article.pipeline_version, article.document,
        json.dumps(article.input_meta, ensure_ascii=False), now,
    )  # fmt: skip


def _free_id(conn: sqlite3.Connection, wanted: str, content_hash: str) -> str:
    """``wanted``, or when another text holds it, ``wanted~<hash prefix>``."""
    taken = conn.execute("SELECT 1 FROM articles WHERE id = ?", (wanted,)).fetchone()
    return wanted if taken is None else f"{wanted}~{content_hash[:10]}"


def note_copy(conn: sqlite3.Connection, pk: int, stored_id: str, doc: Document) -> None:
    """Note that ``doc`` (another id) has the same text as the stored article ``pk``."""
    if doc.id != stored_id:
        conn.execute(
            "INSERT OR IGNORE INTO copies (article_pk, id, url, source, published) "
            "VALUES (?, ?, ?, ?, ?)",
            (pk, doc.id, doc.meta.url, doc.meta.source, doc.meta.published),
        )


def _quote_row(pk: int, i: int, q: Quote, entities: dict[str, int]) -> tuple[Any, ...]:
    cue, speaker = q.cue, q.speaker
    return (
        pk, i, q.start, q.end, q.text, q.kind,
        cue.start if cue else None, cue.end if cue else None, cue.text if cue else None,
        speaker.start if speaker else None, speaker.end if speaker else None,
        speaker.text if speaker else None,
        entities.get(speaker.entity or "") if speaker else None,
    )  # fmt: skip


def _actor(actor: Actor | None, entities: dict[str, int]) -> tuple[Any, ...]:
    if actor is None:
        return (None, None, None, None, None)
    return (actor.text, actor.start, actor.end, entities.get(actor.entity or ""), actor.code)


def _event_row(pk: int, i: int, e: Event, entities: dict[str, int]) -> tuple[Any, ...]:
    location = e.location
    return (
        pk, i, e.type, e.cameo, e.mode, *_actor(e.source, entities), *_actor(e.target, entities),
        e.date, location.text if location else None,
        entities.get(location.entity or "") if location else None,
        e.evidence.start, e.evidence.end, e.confidence,
    )  # fmt: skip
