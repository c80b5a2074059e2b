"""The store contract: every backend (SQLite, PostgreSQL) gives the same answers.

Each test runs once per backend (the ``backend`` fixture); the PostgreSQL half is skipped when no
server can be started here. The fixtures are the hand-built documents of the store unit tests.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from marsad.doc import Document, Meta
from marsad.errors import NotFoundError, QueryError
from marsad.store import Filters, Store, open_store, prepare
from marsad.store.migrations import MIGRATIONS
from marsad.store.postgres_schema import pg_migrations

from .conftest import docs

VERSION = docs.VERSION


def ids(store: Store, query: str, **filters: Any) -> set[str]:
    return {h.id for h in store.search(query, Filters(**filters), limit=50).hits}


def count(store: Store, table: str) -> int:
    return int(store.stats()["counts"][table])


def test_schema_is_migrated_once(backend: str, target: str) -> None:
    names = [n for n, _ in (MIGRATIONS if backend == "sqlite" else pg_migrations())]
    assert set(names) >= {n for n, _ in MIGRATIONS}
    with open_store(target) as first:
        assert first.migrations == names  # type: ignore[attr-defined]
    with open_store(target) as again:
        assert again.migrations == []  # type: ignore[attr-defined]


def test_missing_collection_is_refused_without_create(backend: str, target: str) -> None:
    if backend == "sqlite":
        target += ".absent"
    with pytest.raises(Exception, match="marsad ingest"):
        open_store(target, create=False)


def test_same_text_is_stored_once_and_copies_noted(store: Store) -> None:
    first = store.write(prepare(docs.plain_doc("خبر أول عن الأمطار الغزيرة", "a"), VERSION))
    again = store.write(prepare(docs.plain_doc("خبرٌ أول عن  الأمطار الغزيرة", "b"), VERSION))
    assert (first.status, again.status, again.duplicate_of) == ("stored", "duplicate", "a")
    assert count(store, "articles") == 1 and count(store, "copies") == 1
    assert len(store.content_hashes()) == 1
    taken = store.write(prepare(docs.plain_doc("خبر ثان عن الاقتصاد", "a"), VERSION))
    assert taken.status == "stored" and taken.id.startswith("a~")


def test_document_round_trips(filled: Store) -> None:
    assert filled.article("talks").to_dict() == docs.talks_doc().to_dict()
    with pytest.raises(NotFoundError):
        filled.article("absent")


@pytest.mark.parametrize(
    ("query", "filters", "expected"),
    [
        ("الامريكية", {}, {"talks"}),
        ("الأمريكي", {}, {"talks"}),
        ("وبالمحادثات", {}, {"talks", "beijing"}),
        ("٥٠٠", {}, {"talks"}),
        ('"وزير الخارجية"', {}, {"talks"}),
        ('"الخارجية وزير"', {}, set()),
        ("بلينكن -الصين", {}, {"beijing"}),
        ("بكين OR التجاري", {}, {"talks", "beijing"}),
        ("بكين التجاري", {}, set()),
        ("بلين*", {}, {"talks", "beijing"}),
        ("بلينكن", {"since": "2024-04"}, {"beijing"}),
        ("بلينكن", {"source": "صحيفة"}, {"beijing"}),
        ("بلينكن", {"event_type": "consult"}, {"talks"}),
        ("محادثات", {"entity": "Antony Blinken"}, {"talks", "beijing"}),
        ("", {"entity": "wikidata:Q7831"}, {"talks", "beijing"}),
    ],
)
def test_search(filled: Store, query: str, filters: dict[str, str], expected: set[str]) -> None:
    assert ids(filled, query, **filters) == expected


def test_search_page_and_errors(filled: Store) -> None:
    page = filled.search("بلينكن", Filters(), limit=1)
    assert (page.total, len(page.hits)) == (2, 1)
    assert "[[" in page.hits[0].snippet.text
    for bad in ('"بلينكن', "(بلينكن", "-بلينكن", "OR"):
        with pytest.raises(QueryError):
            filled.search(bad, Filters())
    with pytest.raises(QueryError, match="no entity"):
        filled.search("بلينكن", Filters(entity="غير موجود"))


def test_entity_profile_events_timeline(filled: Store) -> None:
    profile = filled.entity("antony blinken")
    assert (profile.entity.key, profile.entity.mentions, profile.entity.articles) == (
        "wikidata:Q7831", 2, 2,
    )  # fmt: skip
    assert [(m["month"], m["mentions"]) for m in profile.by_month] == [
        ("2024-03", 1), ("2024-04", 1),
    ]  # fmt: skip
    assert {c["id"] for c in profile.co_mentioned} == {"wikidata:Q148", "marsad:GPE:بكين"}
    assert [e["event_type"] for e in filled.events()] == ["CONSULT", "REJECT"]
    assert [e["event_type"] for e in filled.events(since="2024-05")] == ["CONSULT"]
    assert filled.events(actor="chn")[0]["evidence"].startswith("قال وزير الخارجية")
    assert [e["event_type"] for e in filled.events(sort="confidence", limit=1)] == ["REJECT"]
    assert [e["event_type"] for e in filled.events(sort="target_actor", order="desc")] == [
        "CONSULT", "REJECT",
    ]  # fmt: skip
    _, rows = filled.timeline("wikidata:Q7831")
    kinds = [(r["date"], r["kind"]) for r in rows]
    assert ("2024", "event") in kinds and ("2024-04-10", "article") in kinds
    assert [e.key for e in filled.entities("بلينكن")] == ["wikidata:Q7831"]


def test_rejects_stories_duplicates_and_exports(filled: Store) -> None:
    filled.reject("bad.html", "empty", "no text")
    filled.reject("bad.html", "empty", "still no text")
    assert [(r["source"], r["detail"]) for r in filled.rejects()] == [("bad.html", "still no text")]
    assert filled.rejected_sources("empty") == {"bad.html"}
    assert filled.add_duplicates([("beijing", "talks", 0.91, "near")]) == 1
    filled.replace_stories([("محادثات", "2024-03-05", "2024-04-10", ["talks", "beijing"])])
    exported = {d["id"]: d for d in filled.export("documents")}
    assert exported["beijing"]["collection"]["duplicate_of"] == [
        {"id": "talks", "similarity": 0.91, "kind": "near"}
    ]
    flat = {d["id"]: d for d in filled.export("documents", flat=True)}
    assert flat["beijing"]["duplicate_of"] == "talks" and flat["talks"]["stories"] == "1"
    assert filled.stories()[0]["articles"] == 2
    assert len(list(filled.export("events"))) == 2
    assert next(iter(filled.export("quotes")))["speaker_entity"] == "wikidata:Q7831"
    assert set(next(iter(filled.articles()))["entities"]) == {"wikidata:Q7831", "wikidata:Q148"}


def test_reprocess_replaces_and_prunes(filled: Store) -> None:
    assert filled.count_stale("test+2") == 2
    for pk, doc in list(filled.stale_articles("test+2")):
        assert filled.replace(pk, prepare(doc, "test+2")).status == "updated"
    assert filled.count_stale("test+2") == 0
    assert filled.prune_entities() == 3
    assert count(filled, "mentions") == 0


def _profile_counts(store: Store) -> tuple[list[tuple[str, int]], list[tuple[str, int, int]]]:
    profile = store.entity("wikidata:Q7831")
    return (
        sorted((c["id"], c["articles"]) for c in profile.co_mentioned),
        [(m["month"], m["mentions"], m["articles"]) for m in profile.by_month],
    )


def test_entity_counts_follow_reprocessing(filled: Store) -> None:
    assert _profile_counts(filled) == (
        [("marsad:GPE:بكين", 1), ("wikidata:Q148", 1)], [("2024-03", 1, 1), ("2024-04", 1, 1)],
    )  # fmt: skip
    stale = dict(filled.stale_articles("test+2", everything=True))
    (beijing_pk,) = [pk for pk, doc in stale.items() if doc.id == "beijing"]
    filled.replace(beijing_pk, prepare(stale[beijing_pk], "test+2"))  # now names no entity
    assert _profile_counts(filled) == ([("wikidata:Q148", 1)], [("2024-03", 1, 1)])
    filled.replace(beijing_pk, prepare(docs.second_doc(), "test+3"))
    assert _profile_counts(filled)[0] == [("marsad:GPE:بكين", 1), ("wikidata:Q148", 1)]


def test_entity_counts_migration_fills_an_older_collection(filled: Store, target: str) -> None:
    before = _profile_counts(filled)
    with filled.transaction() as conn:
        conn.execute("DROP TABLE entity_comentions")
        conn.execute("DROP TABLE entity_months")
        conn.execute("DELETE FROM migrations WHERE name = ?", ("0007_entity_counts",))
    filled.close()
    with open_store(target) as reopened:
        assert reopened.migrations == ["0007_entity_counts"]
        assert _profile_counts(reopened) == before


def test_search_hits_carry_duplicate_links(filled: Store) -> None:
    filled.add_duplicates([("beijing", "talks", 0.91, "near")])
    copy = docs.talks_doc()
    copy.id = "talks-mirror"
    assert filled.write(prepare(copy, VERSION)).status == "duplicate"
    links = {h.id: h.links.to_dict() for h in filled.search("بلينكن", Filters()).hits}
    assert links == {
        "talks": {"duplicate_of": [], "duplicates": 1, "copies": 1},
        "beijing": {
            "duplicate_of": [
                {"id": "talks", "headline": "بلينكن والصين", "similarity": 0.91, "kind": "near"}
            ],
            "duplicates": 0,
            "copies": 0,
        },
    }


def test_both_backends_store_the_same(backend: str, filled: Store, tmp_path: Any) -> None:
    with open_store(str(tmp_path / "reference.db")) as reference:
        for doc in (docs.talks_doc(), docs.second_doc()):
            reference.write(prepare(doc, VERSION))
        for table in ("documents", "events", "mentions", "quotes"):
            assert list(filled.export(table)) == list(reference.export(table))
        assert filled.stats()["counts"] == reference.stats()["counts"]


def test_concurrent_writers_store_each_text_once(backend: str, target: str) -> None:
    if backend == "sqlite":
        pytest.skip("SQLite has one writer per file by design")
    texts = [f"خبر رقم {i} عن {'الأمطار' if i % 2 else 'الاقتصاد'} في المدينة" for i in range(12)]
    errors: list[BaseException] = []
    open_store(target).close()

    def writer(offset: int) -> None:
        try:
            with open_store(target) as mine:
                for i in range(12):
                    j = (i + offset) % 12
                    doc = Document(texts[j], id=f"n{j}", meta=Meta(source="وكالة"))
                    mine.write(prepare(doc, VERSION))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k * 3,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(target) as store:
        assert count(store, "articles") == 12
        assert {h.id for h in store.search("خبر", Filters(), limit=50).hits} == {
            f"n{i}" for i in range(12)
        }


def test_web_and_cluster_reads_agree_with_sqlite(
    backend: str, filled: Store, tmp_path: Any
) -> None:
    from marsad.store import web_reads

    with open_store(str(tmp_path / "reference.db")) as reference:
        for store in (filled, reference):
            if store is reference:
                for doc in (docs.talks_doc(), docs.second_doc()):
                    store.write(prepare(doc, VERSION))
            store.replace_stories([("محادثات", "2024-03-05", "2024-04-10", ["talks", "beijing"])])

        def answers(store: Any) -> list[Any]:
            conn = store.conn
            return [
                web_reads.search_facets(conn, "بلينكن", Filters()),
                web_reads.search_facets(conn, "", Filters(since="2024")),
                web_reads.list_articles(conn, Filters(), 10, 0),
                [e.to_dict() for e in web_reads.list_entities(conn, "بلين", None, 10, 0)],
                [e.to_dict() for e in web_reads.list_entities(conn, None, "PER", 10, 0)],
                web_reads.entity_events(conn, "wikidata:Q7831"),
                web_reads.co_mention_edges(conn, "wikidata:Q7831", ["wikidata:Q148"]),
                web_reads.story(conn, 1),
                web_reads.article_links(conn, "talks"),
                sorted(store.clusters().entity_keys().items()),
            ]

        assert answers(filled) == answers(reference)
