"""Rendering of the collection commands' answers (tables and marked snippets)."""

from __future__ import annotations

import pytest

from marsad.cli import collection_render as render
from marsad.store import EntityProfile, EntitySummary, SearchHit, SearchPage, Snippet

ENTITY = EntitySummary(
    "wikidata:Q846", "GPE", "قطر", "Qatar", {"iso3": "QAT"},
    [{"title": "أمير", "title_latin": "Emir", "country": "QAT"}], ["قطر", "القطرية"], 6, 2,
)  # fmt: skip


def test_marked_text_styles_the_matches() -> None:
    text = render.marked_text("قال [[الوزير]] إن [[المحادثات]] مستمرة")
    assert text.plain == "قال الوزير إن المحادثات مستمرة"
    assert [text.plain[s.start : s.end] for s in text.spans] == ["الوزير", "المحادثات"]


def test_search_and_profile_render(capsys: pytest.CaptureFixture[str]) -> None:
    hit = SearchHit("a1", "عنوان", "2024-03-05", "وكالة", None, -3.2,
                    Snippet("قال [[الوزير]]", 0, 10, ((4, 10),)))  # fmt: skip
    render.print_search(SearchPage("الوزير", None, 1, 0, 10, [hit]))
    rows = [{"month": "2024-03", "mentions": 6, "articles": 2}]
    render.print_profile(EntityProfile(ENTITY, rows, [], []))
    out = capsys.readouterr().out
    assert "1 articles match 'الوزير'" in out and "[[الوزير]]" in out  # not a terminal: marks kept
    assert "Qatar" in out and "Emir" in out and "2024-03" in out and "quotes: none" in out


def test_links_line_names_duplicates_and_copies() -> None:
    from marsad.store.records import HitLinks

    assert render.links_line(HitLinks()) == ""
    original = {"id": "a0", "headline": None, "similarity": 0.875, "kind": "near"}
    line = render.links_line(HitLinks((original,), duplicates=1, copies=3))
    assert line == (
        "duplicate of a0 (near 0.88) · 1 stored duplicate of it · "
        "3 exact copies (same text, other id)"
    )
    assert render.links_line(HitLinks(duplicates=2, copies=1)) == (
        "2 stored duplicates of it · 1 exact copy (same text, other id)"
    )


def test_events_and_stats_render(capsys: pytest.CaptureFixture[str]) -> None:
    event = {"event_date": None, "published": "2024-03-05T10:00:00", "event_type": "CONSULT",
             "source_actor": "قطر", "source_code": "QAT", "target_actor": None,
             "target_code": None, "location": None, "article_id": "a1",
             "evidence": "نص " * 50}  # fmt: skip
    render.print_events([event])
    counts = {"articles": 1, "entities": 1, "mentions": 0, "events": 1, "quotes": 0, "rejects": 0}
    render.print_stats({
        "counts": counts, "published": {"first": "2024-03-05", "last": "2024-03-05"},
        "database": {"bytes": 1_000_000}, "sources": {}, "pipeline_versions": {"v": 1},
        "entity_types": {"GPE": 1}, "event_types": {"CONSULT": 1}, "reject_reasons": {},
    })  # fmt: skip
    out = capsys.readouterr().out
    assert "2024-03-05" in out and "CONSULT" in out and "قطر [QAT]" in out
    assert "1 articles, 1 entities" in out and "sources: none" in out
