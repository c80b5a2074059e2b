"""Duplicates and stories over a small collection written through the store API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from marsad.dedup.stories import default_embedder, embed
from marsad.doc import Document, Entity, Meta
from marsad.errors import QueryError
from marsad.services.dedup import (
    build_stories,
    cached_vectors,
    dedup,
    list_stories,
    mark_duplicates,
    story_item,
    story_items,
)
from marsad.store import Store, open_store, prepare
from marsad.store.dedup_reads import ArticleText

WHEAT = (
    "أعلنت وزارة الزراعة في الأردن يوم الأحد خطة جديدة لتوسيع زراعة القمح في المناطق الشمالية "
    "خلال الموسم المقبل، وقال الوزير إن الخطة تشمل توزيع بذور محسنة على آلاف المزارعين وتحديث "
    "شبكات الري القديمة في ثلاث محافظات.\nوأضاف أن الحكومة خصصت مبلغا إضافيا لدعم صغار "
    "المزارعين الذين تضرروا من موجة الجفاف في العام الماضي، مشيرا إلى أن الإنتاج المحلي قد يرتفع "
    "بنسبة كبيرة إذا تحسنت الأمطار.\nوتستورد المملكة معظم حاجتها من القمح من الخارج، ويأمل "
    "المسؤولون أن تقلل الخطة من الاعتماد على الواردات."
)
WHEAT_COPY = (
    "الأردن يراهن على القمح لتقليل الواردات\n"
    + WHEAT.replace("يوم الأحد", "الأحد").replace("آلاف المزارعين", "الآلاف من المزارعين")
    + "\nتابعونا على مواقع التواصل الاجتماعي لمزيد من أخبار الاقتصاد والزراعة كل يوم."
)
WHEAT_OWN = (
    "رحب مزارعو القمح في محافظة إربد بالخطة الحكومية الجديدة، وقال رئيس جمعية المزارعين لمراسلنا "
    "إن البذور المحسنة وصلت إلى بعض القرى، لكنه طالب بتسريع صيانة قنوات الري قبل بدء الموسم، "
    "محذرا من أن تأخر الأمطار قد يضعف أثر الدعم الموعود."
)
FESTIVAL = (
    "افتتح مهرجان الفيلم العربي في مدينة وهران مساء الخميس بعرض فيلم وثائقي عن تاريخ المدينة "
    "القديم، بحضور عدد كبير من الفنانين والنقاد القادمين من تونس والمغرب ومصر، وقالت مديرة "
    "المهرجان إن الدورة الحالية تضم أكثر من أربعين فيلما قصيرا وطويلا."
)
JORDAN = Entity("iso3:JOR", "GPE", "الأردن", "Jordan", {"iso3": "JOR"})

ARTICLES = (
    ("wheat-1", "الأردن يطلق خطة لتوسيع زراعة القمح", "2024-05-05", WHEAT, True),
    ("wheat-2", "الأردن يراهن على القمح لتقليل الواردات", "2024-05-05", WHEAT_COPY, True),
    ("wheat-3", "مزارعو القمح في إربد يرحبون بالخطة", "2024-05-06", WHEAT_OWN, True),
    ("film-1", "افتتاح مهرجان الفيلم العربي في وهران", "2024-05-06", FESTIVAL, False),
    ("wheat-4", "خطة القمح في الأردن", "2024-05-07", "خطة القمح في الأردن\n" + WHEAT, True),
)
TOPICS = {"القمح": 0, "مهرجان": 1}


def topic_embedder(texts: list[str]) -> npt.NDArray[np.float32]:
    """One axis per topic word in the text, plus a small per-text axis (no model needed)."""
    out = np.zeros((len(texts), 8), dtype=np.float32)
    for row, text in enumerate(texts):
        for word, axis in TOPICS.items():
            out[row, axis] = float(word in text)
        out[row, 2 + row % 6] = 0.2
    return out


def write(store: Store, article: tuple[str, str, str, str, bool]) -> None:
    article_id, headline, day, text, jordan = article
    doc = Document(text, id=article_id, meta=Meta(headline=headline, published=day))
    if jordan:
        doc.entities = [JORDAN]
    store.write(prepare(doc, "test"))


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "c.db"
    with open_store(path) as store:
        for article in ARTICLES:
            write(store, article)
    yield path


def pairs(path: Path) -> set[tuple[str, str, str]]:
    with open_store(path) as store:
        rows = store.conn.execute("SELECT article_id, duplicate_of, kind FROM duplicates")  # type: ignore[attr-defined]
        return {(r[0], r[1], r[2]) for r in rows}


def test_copy_with_new_headline_and_boilerplate_is_marked_and_kept(db: Path) -> None:
    with open_store(db) as store:
        report = mark_duplicates(store)
        assert (report.articles, report.exact, report.near, report.added) == (5, 1, 1, 2)
        assert store.stats()["counts"]["articles"] == 5
    assert pairs(db) == {("wheat-2", "wheat-1", "near"), ("wheat-4", "wheat-1", "exact")}


def test_rerun_adds_nothing(db: Path) -> None:
    with open_store(db) as store:
        mark_duplicates(store)
        again = mark_duplicates(store)
    assert (again.exact, again.near, again.added, again.removed) == (1, 1, 0, 0)
    assert len(pairs(db)) == 2


def test_recompute_drops_pairs_no_longer_found(db: Path) -> None:
    with open_store(db) as store:
        store.add_duplicates([("film-1", "wheat-3", 0.4, "near")])
        kept = mark_duplicates(store)
        replaced = mark_duplicates(store, replace=True)
    assert (kept.removed, replaced.removed) == (0, 1)
    assert ("film-1", "wheat-3", "near") not in pairs(db)


def test_stories_group_related_articles(db: Path) -> None:
    with open_store(db) as store:
        report = build_stories(store, embedder=topic_embedder)
    assert (report.articles, report.stories, report.multi_article, report.largest) == (5, 2, 1, 4)
    page = list_stories(db)
    assert page.total == 2
    wheat, film = page.stories
    assert wheat["articles"] == 4 and film["articles"] == 1
    assert [m["id"] for m in wheat["members"]] == ["wheat-1", "wheat-2", "wheat-3", "wheat-4"]
    assert (wheat["first_date"], wheat["last_date"]) == ("2024-05-05", "2024-05-07")
    assert "القمح" in wheat["headline"]
    assert film["headline"] == "افتتاح مهرجان الفيلم العربي في وهران"


def test_story_listing_filters(db: Path) -> None:
    with open_store(db) as store:
        build_stories(store, embedder=topic_embedder)
    assert list_stories(db, min_articles=2).total == 1
    assert list_stories(db, since="2024-05-07").total == 1
    assert list_stories(db, until="2024-05-05").total == 1
    assert list_stories(db, since="2024-06").total == 0
    assert len(list_stories(db, limit=1, offset=1).stories) == 1
    with pytest.raises(QueryError, match=r"^since 'May' is not a date"):
        list_stories(db, since="May")


def test_story_vectors_are_cached_per_article_and_text(db: Path) -> None:
    calls: list[int] = []

    def counting(texts: list[str]) -> npt.NDArray[np.float32]:
        calls.append(len(texts))
        return topic_embedder(texts)

    with open_store(db) as store:
        tables = store.clusters()
        items = story_items(tables)
        first, embedded = cached_vectors(tables, items, counting, workers=2)
        again, cached = cached_vectors(tables, items, counting)
        changed = [story_item(ArticleText("film-1", "مهرجان جديد", None, FESTIVAL)), *items[1:]]
        _, one = cached_vectors(tables, changed, counting)
    assert (embedded, cached, one) == (5, 0, 1)
    assert np.allclose(first, again, atol=1e-3)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-3)


def test_story_item_takes_headline_and_lead() -> None:
    item = story_item(
        ArticleText("a", "خطة القمح في الأردن", "2024-05-07T10:00:00", ARTICLES[4][3])
    )
    assert item.headline == "خطة القمح في الأردن"
    assert item.lead.startswith("أعلنت وزارة الزراعة") and "\n" not in item.lead
    assert str(item.published) == "2024-05-07"
    bare = story_item(ArticleText("b", None, None, "سطر أول قصير\nثم نص الخبر الكامل هنا"))
    assert (bare.headline, bare.lead, bare.published) == (
        "سطر أول قصير",
        "ثم نص الخبر الكامل هنا",
        None,
    )


def test_dedup_entry_point_recomputes_both(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("marsad.services.dedup.default_embedder", lambda: topic_embedder)
    report = dedup(db).to_dict()
    assert report["duplicates"]["added"] == 2  # type: ignore[index]
    assert report["stories"]["stories"] == 2  # type: ignore[index]
    assert report["stories"]["embedded"] == 5  # type: ignore[index]
    assert dedup(db).to_dict()["stories"]["embedded"] == 0  # type: ignore[index]


@pytest.mark.slow
def test_new_vectors_are_embedded_in_worker_processes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("marsad.services.dedup.VECTOR_CHUNK", 2)
    with open_store(db) as store:
        tables = store.clusters()
        items = story_items(tables)
        pooled, embedded = cached_vectors(tables, items, workers=2)
    serial = embed(items, default_embedder())
    assert embedded == 5
    assert np.allclose(pooled, serial, atol=2e-3)
