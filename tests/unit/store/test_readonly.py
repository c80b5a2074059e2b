"""The read-only store: reads work, writes fail, old or missing databases are refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from marsad.doc import Document, Entity, Mention, Meta
from marsad.errors import StoreError
from marsad.store import Filters, open_store, prepare
from marsad.store import web_reads as reads
from marsad.store.readonly import open_read_only

TEXT = "زار وزير الخارجية الأردني مدينة عمان ثم التقى نظيره المصري في القاهرة."


def _doc(doc_id: str, published: str, source: str) -> Document:
    doc = Document(TEXT + " " + doc_id, id=doc_id, meta=Meta(published=published, source=source))
    amman, cairo = TEXT.index("عمان"), TEXT.index("القاهرة")
    doc.entities = [
        Entity("iso3:JOR", "GPE", "الأردن", "Jordan", {"iso3": "JOR"}),
        Entity("geonames:360630", "GPE", "القاهرة", "Cairo", {"geonames": "360630"}),
    ]
    doc.mentions = [
        Mention(amman, amman + 4, "عمان", "GPE", "iso3:JOR"),
        Mention(cairo, cairo + 7, "القاهرة", "GPE", "geonames:360630"),
    ]
    return doc


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    with open_store(path) as store:
        store.write(prepare(_doc("a1", "2024-01-05", "ألف"), "t"))
        store.write(prepare(_doc("a2", "2024-02-07", "باء"), "t"))
        store.replace_stories([("زيارة", "2024-01-05", "2024-02-07", ["a2", "a1"])])
    return path


def test_reads_work_and_writes_fail(db: Path) -> None:
    with open_read_only(db) as store:
        assert store.article("a1").text.endswith("a1")
        assert store.search("القاهرة", Filters()).total == 2
        with pytest.raises(StoreError, match="readonly"):
            store.reject("x", "y", "z")


def test_missing_or_unmigrated_databases_are_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        open_read_only(tmp_path / "none.db")
    bare = tmp_path / "bare.db"
    sqlite3.connect(bare).close()
    with pytest.raises(StoreError, match="lacks migrations"):
        open_read_only(bare)


def test_listing_facets_story_and_entities(db: Path) -> None:
    with open_read_only(db) as store:
        total, rows = reads.list_articles(store.conn, Filters(source="باء"), 10, 0)
        assert (total, [r["id"] for r in rows]) == (1, ["a2"])
        facets = reads.search_facets(store.conn, "عمان", Filters())
        assert [f["value"] for f in facets["month"]] == ["2024-02", "2024-01"]
        assert {f["value"] for f in facets["entity"]} == {"iso3:JOR", "geonames:360630"}
        story = reads.story(store.conn, 1)
        assert [a["id"] for a in story["articles"]] == ["a1", "a2"]  # in time order
        found = reads.list_entities(store.conn, "القاه", None, 10, 0)
        assert [e.key for e in found] == ["geonames:360630"]
        edges = reads.co_mention_edges(store.conn, "iso3:JOR", ["geonames:360630", "iso3:JOR"])
        assert [({e["source"], e["target"]}, e["articles"]) for e in edges] == [
            ({"iso3:JOR", "geonames:360630"}, 2)
        ]
        assert reads.article_links(store.conn, "a1")["stories"][0]["headline"] == "زيارة"
