"""Writing articles: idempotent by content hash, whole layers, entities merged across articles."""

from __future__ import annotations

import json
from typing import Any

from marsad.store import SQLiteStore, prepare

VERSION = "test+1"


def _count(store: SQLiteStore, table: str) -> int:
    return int(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_same_text_is_stored_once(store: SQLiteStore, build: Any) -> None:
    first = store.write(prepare(build.talks(), VERSION))
    again = store.write(prepare(build.talks(), VERSION))
    assert (first.status, again.status) == ("stored", "duplicate")
    assert _count(store, "articles") == 1
    assert _count(store, "search") == 1
    assert _count(store, "mentions") == 2


def test_copy_under_another_id_is_noted_not_stored(store: SQLiteStore, build: Any) -> None:
    store.write(prepare(build.plain("نص الخبر الأول عن الأمطار الغزيرة", "a"), VERSION))
    result = store.write(prepare(build.plain("نصُّ الخبر الأول  عن الأمطار الغزيرة", "b"), VERSION))
    assert (result.status, result.duplicate_of) == ("duplicate", "a")
    assert _count(store, "articles") == 1
    assert store.conn.execute("SELECT id FROM copies").fetchall() == [("b",)]


def test_id_taken_by_another_text_gets_a_suffix(store: SQLiteStore, build: Any) -> None:
    store.write(prepare(build.plain("الخبر الأول عن الطقس", "same"), VERSION))
    result = store.write(prepare(build.plain("الخبر الثاني عن الاقتصاد", "same"), VERSION))
    assert result.status == "stored"
    assert result.id.startswith("same~")


def test_layers_are_stored_with_original_spans(filled: SQLiteStore, build: Any) -> None:
    text, document = filled.conn.execute(
        "SELECT text, document FROM articles WHERE id = 'talks'"
    ).fetchone()
    assert "text" not in json.loads(document)
    start, end, value = filled.conn.execute("SELECT start, end, value FROM times").fetchone()
    assert (text[start:end], value) == ("٢٠٢٤", "2024")
    assert filled.conn.execute("SELECT value, unit FROM quantities").fetchone() == (5e11, "USD")
    cue, speaker = filled.conn.execute("SELECT cue_text, speaker_text FROM quotes").fetchone()
    assert (cue, speaker) == ("وأضاف", "أنتوني بلينكن")
    assert filled.article("talks").to_dict() == build.talks().to_dict()


def test_entities_merge_across_articles(filled: SQLiteStore, build: Any) -> None:
    rows = filled.conn.execute("SELECT key, name, latin FROM entities ORDER BY pk").fetchall()
    assert [r[0] for r in rows] == ["wikidata:Q7831", "wikidata:Q148", "marsad:GPE:بكين"]
    aliases = {r[0] for r in filled.conn.execute("SELECT alias FROM aliases WHERE entity_pk = 1")}
    assert aliases == {"أنتوني بلينكن", "بلينكن"}
    mentions = filled.conn.execute("SELECT count(*) FROM entity_mentions WHERE entity_pk = 1")
    assert mentions.fetchone()[0] == 2


def test_strong_ids_do_not_merge_on_a_shared_name(store: SQLiteStore, build: Any) -> None:
    from marsad.doc import Entity, Mention

    for i, qid in enumerate(("Q1", "Q2")):
        doc = build.plain(f"محمد علي في الخبر رقم {i} عن الرياضة", f"d{i}")
        doc.mentions = [Mention(0, 7, "محمد علي", "PER", f"wikidata:{qid}")]
        doc.entities = [Entity(f"wikidata:{qid}", "PER", "محمد علي", kb={"wikidata": qid})]
        store.write(prepare(doc, VERSION))
    assert _count(store, "entities") == 2


def test_mentions_without_entity_layer_become_entities(store: SQLiteStore, build: Any) -> None:
    from marsad.doc import Mention

    for i in range(2):
        doc = build.plain(f"زار الرئيس تونس في اليوم {i} من الشهر", f"t{i}")
        doc.mentions = [Mention(10, 14, "تونس", "GPE")]
        store.write(prepare(doc, VERSION))
    assert store.conn.execute("SELECT key FROM entities").fetchall() == [("marsad:GPE:تونس",)]
    assert _count(store, "entity_mentions") == 2


def test_replace_rewrites_layers_and_version(filled: SQLiteStore, build: Any) -> None:
    pk = filled.conn.execute("SELECT pk FROM articles WHERE id = 'beijing'").fetchone()[0]
    doc = build.second()
    doc.events = []
    filled.replace(pk, prepare(doc, "test+2"))
    assert filled.conn.execute(
        "SELECT count(*) FROM events WHERE article_pk = ?", (pk,)
    ).fetchone() == (0,)
    assert filled.count_stale("test+2") == 1
    assert filled.prune_entities() == 0


def test_rejects_are_recorded_once_per_source_and_reason(store: SQLiteStore, build: Any) -> None:
    store.reject("a.bin", "binary", "not text")
    store.reject("a.bin", "binary", "still not text")
    store.reject("a.bin", "too_large", "big")
    rows = store.rejects()
    assert [(r["source"], r["reason"], r["detail"]) for r in rows] == [
        ("a.bin", "binary", "still not text"),
        ("a.bin", "too_large", "big"),
    ]
