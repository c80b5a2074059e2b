"""Ranking across backends: PostgreSQL scores words and prefixes with SQLite's bm25.

The same articles are written to a SQLite file and to a PostgreSQL database; word, OR, NOT and
prefix queries must list the same articles in the same order with the same scores (FTS5's
``bm25(search, 1.0, 0.5)``), phrases the same articles (their scores are estimated from their
words on PostgreSQL). Skipped when no PostgreSQL server can be started.
"""

from __future__ import annotations

from typing import Any

import pytest

from marsad.store import Filters, Store, open_store, prepare
from marsad.store.postgres_search import postings, scored_phrases
from marsad.store.query import parse_query

from .conftest import docs

TEXTS = {
    "rain": "هطلت أمطار غزيرة على المدينة وأغرقت الأمطار الشوارع والأسواق القديمة.",
    "rain2": "توقعت الأرصاد أمطارا خفيفة في الشمال، ثم عادت الأمطار والأمطار الغزيرة إلى الجنوب "
    "والساحل خلال عطلة نهاية الأسبوع الطويلة.",
    "market": "ارتفعت أسعار الخضار في الأسواق بعد الأمطار، وقال تاجر إن الأسعار ستنخفض قريبا.",
    "school": "أغلقت المدارس أبوابها يومين بسبب العاصفة، واستأنف الطلاب دروسهم في المدارس.",
    "port": "استقبل الميناء سفينة محملة بالقمح، وأكد مدير الميناء أن الشحنة وصلت سليمة.",
    "plain": "وصلت الشحنة إلى المدينة بعد تأخير طويل في الطريق الساحلي.",
}
RANKED = [
    "الأمطار",
    "الأسواق",
    "الأمطار OR الميناء",
    "المدينة -الشحنة",
    "الأمط*",
    "الأسعار الأسواق",
]


def fill(store: Store) -> Store:
    for name, text in TEXTS.items():
        store.write(prepare(docs.plain_doc(text, name), docs.VERSION))
    return store


@pytest.fixture(scope="module")
def both(postgres: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    lite = fill(open_store(str(tmp_path_factory.mktemp("ranking") / "rank.db")))
    pg = fill(open_store(postgres.create_database("ranking")))
    yield lite, pg
    lite.close()
    pg.close()


def ranked(store: Store, query: str) -> list[tuple[str, float]]:
    return [(h.id, h.score) for h in store.search(query, Filters(), limit=50).hits]


@pytest.mark.parametrize("query", RANKED)
def test_words_rank_as_sqlite_bm25(both: Any, query: str) -> None:
    lite, pg = both
    expected, got = ranked(lite, query), ranked(pg, query)
    assert expected, f"{query!r} should match something"
    assert [i for i, _ in got] == [i for i, _ in expected]
    assert [s for _, s in got] == pytest.approx([s for _, s in expected], rel=1e-9)


def test_phrases_find_the_same_articles(both: Any) -> None:
    lite, pg = both
    for query in ('"الأمطار الغزيرة"', '"مدير الميناء" الشحنة', '"الغزيرة الأمطار"'):
        assert {i for i, _ in ranked(pg, query)} == {i for i, _ in ranked(lite, query)}
    assert {i for i, _ in ranked(pg, '"الأمطار الغزيرة"')} == {"rain", "rain2"}
    assert ranked(pg, '"الغزيرة الأمطار"') == []


def test_totals_follow_the_writes(both: Any) -> None:
    _, pg = both
    row = pg.conn.execute("SELECT sum(articles), sum(tokens) FROM search_totals").fetchone()  # type: ignore[attr-defined]
    lengths = [postings(*_columns(text))[3] for text in TEXTS.values()]
    assert (int(row[0]), int(row[1])) == (len(TEXTS), sum(lengths))


def _columns(text: str) -> tuple[str, str]:
    from marsad.store.terms import index_columns

    return index_columns(text)


def test_postings_count_each_column() -> None:
    words, base_tf, stem_tf, length = postings("مطر مطر بحر", "مطر مطر بحر ساحل")
    counts = dict(zip(words, zip(base_tf, stem_tf, strict=True), strict=True))
    assert counts == {"مطر": (2, 2), "بحر": (1, 1), "ساحل": (0, 1)}
    assert length == 7


def test_scored_phrases_follow_the_query() -> None:
    phrases = scored_phrases(parse_query('الأمطار -المدينة "مدير الميناء" الأسو*'))
    assert [(p.column, p.prefix, len(p.words)) for p in phrases] == [
        (0, False, 1), (1, False, 1), (0, False, 2), (1, False, 2), (0, True, 1),
    ]  # fmt: skip


def test_collection_indexed_before_postings_is_filled(postgres: Any, both: Any) -> None:
    lite, _ = both
    url = postgres.create_database("before_postings")
    fill(open_store(url)).close()
    with open_store(url) as old:  # as a collection written before 0005a: no postings, no totals
        old.conn.execute("DROP TABLE search_postings")  # type: ignore[attr-defined]
        old.conn.execute("DROP TABLE search_totals")  # type: ignore[attr-defined]
        old.conn.execute("DELETE FROM migrations WHERE name = '0005a_search_postings'")  # type: ignore[attr-defined]
    with open_store(url) as migrated:
        assert migrated.migrations == ["0005a_search_postings"]  # type: ignore[attr-defined]
        for query in RANKED:
            got, expected = ranked(migrated, query), ranked(lite, query)
            assert [i for i, _ in got] == [i for i, _ in expected]
            assert [s for _, s in got] == pytest.approx([s for _, s in expected], rel=1e-9)
