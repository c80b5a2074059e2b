"""The maintained entity counts (co-mentions, mentions by month): written with each article,
corrected when an article is re-analysed, filled by the migration for an older collection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from marsad.doc import Document, Entity, Mention, Meta
from marsad.store import SQLiteStore, open_store, prepare

from .conftest import VERSION, plain_doc, second_doc, span, talks_doc

Pairs = dict[tuple[int, int], int]
Months = dict[tuple[int, str], tuple[int, int]]


def facets(conn: sqlite3.Connection) -> dict[str, tuple[str | None, str | None, set[str]]]:
    """Each article's facets row: (source, publication day, entity keys)."""
    keys = dict(conn.execute("SELECT pk, key FROM entities").fetchall())
    return {
        article: (source, month, {keys[int(pk)] for pk in entities.split()})
        for article, source, month, entities in conn.execute(
            "SELECT a.id, f.source, f.published_day, f.entities FROM article_facets f "
            "JOIN articles a ON a.pk = f.article_pk"
        )
    }


def stored_counts(conn: sqlite3.Connection) -> tuple[Pairs, Months]:
    pairs = {(a, b): n for a, b, n in conn.execute("SELECT * FROM entity_comentions")}
    months = {
        (e, m): (n, k)
        for e, m, n, k in conn.execute(
            "SELECT entity_pk, month, mentions, articles FROM entity_months"
        )
    }
    return pairs, months


def recounted(conn: sqlite3.Connection) -> tuple[Pairs, Months]:
    """The counts worked out again from the layer tables, one article at a time, in Python."""
    entities: dict[int, set[int]] = {}
    for article, entity in conn.execute("SELECT article_pk, entity_pk FROM article_entities"):
        entities.setdefault(article, set()).add(entity)
    pairs: Pairs = {}
    for named in entities.values():
        for a in named:
            for b in named - {a}:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    day = dict(conn.execute("SELECT pk, published_day FROM articles").fetchall())
    per_article: dict[tuple[int, str], dict[int, int]] = {}
    for article, entity in conn.execute(
        "SELECT article_pk, entity_pk FROM mentions WHERE entity_pk IS NOT NULL"
    ):
        month = day[article][:7] if day[article] else "undated"
        seen = per_article.setdefault((entity, month), {})
        seen[article] = seen.get(article, 0) + 1
    months = {key: (sum(s.values()), len(s)) for key, s in per_article.items()}
    return pairs, months


def entity_pk(store: SQLiteStore, key: str) -> int:
    row = store.conn.execute("SELECT entity_pk FROM entity_keys WHERE key = ?", (key,)).fetchone()
    return int(row[0])


def cairo_doc(id: str, published: str | None, with_china: bool) -> Document:
    text = "التقى بلينكن في القاهرة نظيره المصري، وتحدث بلينكن عن الصين والقاهرة."
    doc = Document(text, id=id, meta=Meta(published=published))
    doc.entities = [
        Entity("wikidata:Q7831", "PER", "بلينكن", "Antony Blinken", {"wikidata": "Q7831"}),
        Entity("wikidata:Q85", "GPE", "القاهرة", "Cairo", {"wikidata": "Q85"}),
    ]
    doc.mentions = [
        Mention(*span(text, "بلينكن"), "بلينكن", "PER", "wikidata:Q7831"),
        Mention(*span(text, "القاهرة"), "القاهرة", "GPE", "wikidata:Q85"),
        Mention(*span(text, "بلينكن", 1), "بلينكن", "PER", "wikidata:Q7831"),
        Mention(*span(text, "القاهرة", 1), "القاهرة", "GPE", "wikidata:Q85"),
    ]
    if with_china:
        doc.entities.append(Entity("wikidata:Q148", "GPE", "الصين", "China"))
        doc.mentions.append(Mention(*span(text, "الصين"), "الصين", "GPE", "wikidata:Q148"))
    doc.check()
    return doc


def test_counts_are_written_with_each_article(store: SQLiteStore) -> None:
    for doc in (talks_doc(), second_doc(), cairo_doc("cairo", "2024-03-20", True)):
        store.write(prepare(doc, VERSION))
    store.write(prepare(plain_doc("خبر بلا كيانات عن الطقس", "plain"), VERSION))
    pairs, months = stored_counts(store.conn)
    assert (pairs, months) == recounted(store.conn)
    blinken, china = entity_pk(store, "wikidata:Q7831"), entity_pk(store, "wikidata:Q148")
    assert pairs[(blinken, china)] == pairs[(china, blinken)] == 2
    assert months[(blinken, "2024-03")] == (3, 2)  # one mention in talks, two in cairo
    profile = store.entity("wikidata:Q7831")
    assert profile.co_mentioned[0]["id"] == "wikidata:Q148"
    assert profile.co_mentioned[0]["articles"] == 2
    assert [(m["month"], m["mentions"], m["articles"]) for m in profile.by_month] == [
        ("2024-03", 3, 2), ("2024-04", 1, 1),
    ]  # fmt: skip


def test_a_copy_adds_nothing(store: SQLiteStore) -> None:
    store.write(prepare(talks_doc(), VERSION))
    before = stored_counts(store.conn)
    again = talks_doc()
    again.id = "talks-copy"
    assert store.write(prepare(again, VERSION)).status == "duplicate"
    assert stored_counts(store.conn) == before


def test_reprocessing_keeps_counts_exact(store: SQLiteStore) -> None:
    for doc in (talks_doc(), cairo_doc("cairo", "2024-03-20", True)):
        store.write(prepare(doc, VERSION))
    cairo_pk = store.conn.execute("SELECT pk FROM articles WHERE id = 'cairo'").fetchone()[0]
    china, blinken = entity_pk(store, "wikidata:Q148"), entity_pk(store, "wikidata:Q7831")
    # Re-analysed: China is no longer found and the article moves to another month.
    store.replace(cairo_pk, prepare(cairo_doc("cairo", "2024-05-02", False), VERSION + "+2"))
    pairs, months = stored_counts(store.conn)
    assert (pairs, months) == recounted(store.conn)
    assert pairs[(blinken, china)] == 1
    cairo = entity_pk(store, "wikidata:Q85")
    assert (china, cairo) not in pairs and (cairo, china) not in pairs  # zero rows are dropped
    assert months[(blinken, "2024-03")] == (1, 1) and months[(blinken, "2024-05")] == (2, 1)
    assert (cairo, "2024-03") not in months
    # The same analysis again changes nothing; an undated version counts as "undated".
    store.replace(cairo_pk, prepare(cairo_doc("cairo", "2024-05-02", False), VERSION + "+2"))
    assert stored_counts(store.conn) == (pairs, months)
    store.replace(cairo_pk, prepare(cairo_doc("cairo", None, True), VERSION + "+3"))
    assert stored_counts(store.conn) == recounted(store.conn)
    assert stored_counts(store.conn)[1][(cairo, "undated")] == (2, 1)


def test_facets_row_follows_the_article(store: SQLiteStore) -> None:
    store.write(prepare(talks_doc(), VERSION))
    store.write(prepare(cairo_doc("cairo", "2024-03-20", True), VERSION))
    assert facets(store.conn) == {
        "talks": ("وكالة الأنباء", "2024-03-05", {"wikidata:Q7831", "wikidata:Q148"}),
        "cairo": (None, "2024-03-20", {"wikidata:Q7831", "wikidata:Q85", "wikidata:Q148"}),
    }
    cairo_pk = store.conn.execute("SELECT pk FROM articles WHERE id = 'cairo'").fetchone()[0]
    store.replace(cairo_pk, prepare(cairo_doc("cairo", None, False), VERSION + "+2"))
    assert facets(store.conn)["cairo"] == (None, None, {"wikidata:Q7831", "wikidata:Q85"})


def test_reprocess_service_keeps_counts_exact(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with open_store(path) as store:
        for doc in (talks_doc(), second_doc()):
            store.write(prepare(doc, VERSION))
        before = stored_counts(store.conn)
        for pk, doc in list(store.stale_articles("other", everything=True)):
            store.replace(pk, prepare(doc, "other"))  # the inputs carry no analysis
        assert stored_counts(store.conn) == recounted(store.conn) == ({}, {})
        assert before != ({}, {})
        assert store.entity("wikidata:Q7831").co_mentioned == []


def test_migration_fills_counts_of_an_older_collection(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_store(path) as store:
        for doc in (talks_doc(), second_doc(), cairo_doc("cairo", None, True)):
            store.write(prepare(doc, VERSION))
        expected = stored_counts(store.conn)
        expected_facets = facets(store.conn)
    # Make it a collection written before the migrations existed.
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TABLE entity_comentions; DROP TABLE entity_months; DROP TABLE article_facets; "
        "DELETE FROM migrations WHERE name IN ('0007_entity_counts', '0009_article_facets');"
    )
    conn.close()
    with open_store(path) as reopened:
        assert reopened.migrations == ["0007_entity_counts", "0009_article_facets"]
        assert stored_counts(reopened.conn) == expected == recounted(reopened.conn)
        assert expected[0] and expected[1]
        assert facets(reopened.conn) == expected_facets and len(expected_facets) == 3
