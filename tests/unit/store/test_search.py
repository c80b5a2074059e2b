"""Search: Arabic folding, clitics, digits, phrases, NOT, filters, snippets and clear errors."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.errors import QueryError
from marsad.store import Filters, SQLiteStore, prepare
from marsad.store.query import parse_query
from marsad.store.search import make_snippet


def ids(store: SQLiteStore, query: str, **filters: Any) -> list[str]:
    return [h.id for h in store.search(query, Filters(**filters), limit=50).hits]


def test_folded_spelling_finds_the_original(filled: SQLiteStore) -> None:
    assert ids(filled, "الامريكية") == ["talks"]
    assert ids(filled, "الأمريكي") == ["talks"]  # shared light stem


def test_clitics_are_stripped_both_ways(filled: SQLiteStore) -> None:
    assert set(ids(filled, "وبالمحادثات")) == {"talks", "beijing"}
    assert set(ids(filled, "محادثات")) == {"talks", "beijing"}


def test_eastern_and_western_digits_match(filled: SQLiteStore) -> None:
    assert ids(filled, "2024") == ["talks"]
    assert ids(filled, "٥٠٠") == ["talks"]


def test_phrase_requires_adjacent_words(filled: SQLiteStore) -> None:
    assert ids(filled, '"وزير الخارجية"') == ["talks"]
    assert ids(filled, '"الخارجية وزير"') == []


def test_not_and_or(filled: SQLiteStore) -> None:
    assert ids(filled, "بلينكن -الصين") == ["beijing"]
    assert ids(filled, "بلينكن NOT بكين") == ["talks"]
    assert set(ids(filled, "بكين OR التجاري")) == {"talks", "beijing"}
    assert ids(filled, "بكين التجاري") == []


def test_filters(filled: SQLiteStore) -> None:
    assert ids(filled, "بلينكن", since="2024-04") == ["beijing"]
    assert ids(filled, "بلينكن", until="2024-03") == ["talks"]
    assert ids(filled, "بلينكن", source="صحيفة") == ["beijing"]
    assert ids(filled, "بلينكن", event_type="consult") == ["talks"]
    assert ids(filled, "محادثات", entity="الصين") == ["talks"]
    assert set(ids(filled, "محادثات", entity="Antony Blinken")) == {"talks", "beijing"}
    assert ids(filled, "", entity="wikidata:Q7831") == ["beijing", "talks"]  # newest first


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"since": "March"}, "not a date"),
        ({"until": "2024-13"}, "not a valid date"),
        ({"event_type": "PARTY"}, "unknown event type"),
        ({"entity": "غير موجود"}, "no entity"),
    ],
)
def test_bad_filters_raise_query_error(
    filled: SQLiteStore, filters: dict[str, str], message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        filled.search("بلينكن", Filters(**filters))


def test_malformed_query_is_a_query_error_not_a_crash(filled: SQLiteStore) -> None:
    for query in ('"بلينكن', "(بلينكن", "-بلينكن", "OR"):
        with pytest.raises(QueryError):
            filled.search(query, Filters())
    with pytest.raises(QueryError, match="query or at least one filter"):
        filled.search("  ", Filters())


def test_snippet_marks_original_characters(filled: SQLiteStore) -> None:
    (hit,) = filled.search("الامريكية", Filters()).hits
    assert "[[الأمريكيّة]]" in hit.snippet.text
    text = filled.article("talks").text
    assert [text[s:e] for s, e in hit.snippet.marks] == ["الأمريكيّة"]


def test_snippet_window_moves_to_the_matches() -> None:
    text = "مقدمة طويلة لا علاقة لها بالموضوع. " * 20 + "ثم جاء ذكر الميناء الجديد في النهاية."
    snippet = make_snippet(text, parse_query("الميناء"), width=80)
    assert "[[الميناء]]" in snippet.text
    assert snippet.start > 0 and snippet.text.startswith("…")


def test_ranking_prefers_more_matches(store: SQLiteStore) -> None:
    docs = [
        ("one", "ذكر الميناء مرة واحدة في خبر طويل عن الزراعة والري والحصاد والأسواق."),
        ("many", "الميناء الميناء: توسعة الميناء وتعميق الميناء."),
    ]
    for doc_id, text in docs:
        store.write(prepare(store_doc(text, doc_id), "v"))
    page = store.search("الميناء", Filters())
    assert [h.id for h in page.hits] == ["many", "one"]
    assert page.total == 2
    assert page.hits[0].score < page.hits[1].score  # bm25: lower is better


def test_paging(store: SQLiteStore) -> None:
    for i in range(5):
        store.write(prepare(store_doc(f"خبر رقم {i} عن القمح والخبز", f"d{i}"), "v"))
    page = store.search("القمح", Filters(), limit=2, offset=2)
    assert page.total == 5 and len(page.hits) == 2
    with pytest.raises(QueryError, match="--limit"):
        store.search("القمح", Filters(), limit=0)


def store_doc(text: str, doc_id: str) -> Any:
    from marsad.doc import Document

    return Document(text, id=doc_id)
