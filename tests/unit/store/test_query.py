"""The query syntax: words, phrases, OR, NOT/-, prefixes, groups, and clear errors."""

from __future__ import annotations

import re

import pytest

from marsad.errors import QueryError
from marsad.store.query import parse_query


def test_words_are_analysed_before_reaching_fts() -> None:
    parsed = parse_query("الأمريكيّة")
    assert parsed.fts == '(base : "امريكيه" OR stem : "امريك")'


def test_phrase_or_not_and_prefix() -> None:
    fts = parse_query('"وزير الخارجية" (روسيا OR الصين) -أوكرانيا مفاوض*').fts
    assert 'base : "وزير خارجيه"' in fts
    assert " OR " in fts and " NOT " in fts
    assert 'base : "مفاوض" *' in fts


def test_excluded_terms_are_not_marked() -> None:
    parsed = parse_query("محادثات NOT روسيا")
    assert [p.terms[0][0] for p in parsed.positives] == ["محادثات"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ('"وزير الخارجية', "unclosed quote"),
        ("(روسيا OR الصين", "unbalanced '('"),
        ("روسيا)", "unexpected ')'"),
        ("-روسيا", "only excluded terms"),
        ("روسيا OR", "OR needs a term"),
        ("NOT", "NOT or '-' needs a term"),
        ("، ؛", "no searchable word"),
    ],
)
def test_malformed_queries_raise_query_error(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        parse_query(query)


def test_fts_special_characters_are_never_passed_through() -> None:
    fts = parse_query("abc:def ^x NEAR(a b) {col} x'y").fts
    for quoted in re.findall(r'"([^"]*)"', fts):
        assert all(ch.isalnum() or ch in " ." for ch in quoted), quoted
    assert (
        not re.sub(r'"[^"]*"', "", fts).replace("base", "").replace("stem", "").strip("():* ORAND")
    )
