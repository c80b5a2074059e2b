"""Entity profiles, events, timelines, stats, exports and dedup/story records."""

from __future__ import annotations

import pytest

from marsad.errors import NotFoundError, QueryError
from marsad.store import SQLiteStore


def test_entity_profile(filled: SQLiteStore) -> None:
    profile = filled.entity("بلينكن")
    entity = profile.entity
    assert (entity.key, entity.latin, entity.mentions, entity.articles) == (
        "wikidata:Q7831", "Antony Blinken", 2, 2,
    )  # fmt: skip
    assert entity.roles[0]["title_latin"] == "Secretary of State"
    assert [(m["month"], m["mentions"]) for m in profile.by_month] == [
        ("2024-03", 1),
        ("2024-04", 1),
    ]
    assert {c["id"] for c in profile.co_mentioned} == {"wikidata:Q148", "marsad:GPE:بكين"}
    assert profile.quotes[0]["text"] == "«نريد اتفاقا يخدم الطرفين»"
    assert filled.entity("antony blinken").entity.key == "wikidata:Q7831"


def test_unknown_entity(filled: SQLiteStore) -> None:
    with pytest.raises(NotFoundError, match="ماكرون"):
        filled.entity("ماكرون")


def test_events_filters(filled: SQLiteStore) -> None:
    assert [e["event_type"] for e in filled.events()] == ["CONSULT", "REJECT"]
    (usa,) = filled.events(actor="chn")
    assert (usa["source_country"], usa["source_sector"], usa["target_country"]) == (
        "USA",
        "GOV",
        "CHN",
    )
    assert usa["evidence"].startswith("قال وزير الخارجية")
    assert usa["source_entity"] == "wikidata:Q7831"
    assert [e["event_type"] for e in filled.events(type="reject")] == ["REJECT"]
    # a year-level event date (2024) overlaps any day of that year
    assert [e["event_type"] for e in filled.events(since="2024-04-01")] == ["CONSULT", "REJECT"]
    assert [e["event_type"] for e in filled.events(since="2024-05")] == ["CONSULT"]
    assert filled.events(since="2025") == []
    assert [e["event_type"] for e in filled.events(until="2024-03")] == ["CONSULT"]
    with pytest.raises(QueryError, match="ISO 3166"):
        filled.events(actor="United States")


def test_events_sorted_by_a_whitelisted_column(filled: SQLiteStore) -> None:
    def types(**kw: object) -> list[str]:
        return [e["event_type"] for e in filled.events(**kw)]  # type: ignore[arg-type]

    assert types(sort="confidence") == ["REJECT", "CONSULT"]
    assert types(sort="confidence", order="desc") == ["CONSULT", "REJECT"]
    assert types(sort="confidence", order="desc", limit=1, offset=1) == ["REJECT"]
    # the REJECT event has no target: empty values come last in both orders
    assert types(sort="target_actor") == ["CONSULT", "REJECT"]
    assert types(sort="target_actor", order="desc") == ["CONSULT", "REJECT"]
    assert types(sort="event_date", order="desc") == ["REJECT", "CONSULT"]
    with pytest.raises(QueryError, match="sort 'evidence' is not one of event_date"):
        filled.events(sort="evidence")
    with pytest.raises(QueryError, match="order 'sideways'"):
        filled.events(sort="confidence", order="sideways")


def test_timeline(filled: SQLiteStore) -> None:
    entity, rows = filled.timeline("wikidata:Q7831")
    assert entity.name == "أنتوني بلينكن"
    kinds = [(r["date"], r["kind"]) for r in rows]
    assert ("2024", "event") in kinds and ("2024", "time") in kinds
    assert ("2024-04-10", "article") in kinds


def test_stats_and_exports(filled: SQLiteStore) -> None:
    stats = filled.stats()
    assert stats["counts"]["articles"] == 2
    assert stats["event_types"] == {"CONSULT": 1, "REJECT": 1}
    docs = list(filled.export("documents"))
    assert docs[0]["schema"] == "marsad.document/1" and docs[0]["text"].startswith("قال")
    assert docs[0]["collection"] == {"copies": [], "duplicate_of": [], "stories": []}
    assert [m["entity"] for m in filled.export("mentions")][:2] == [
        "wikidata:Q7831",
        "wikidata:Q148",
    ]
    assert next(iter(filled.export("quotes")))["speaker_entity"] == "wikidata:Q7831"
    assert len(list(filled.export("events"))) == 2


def test_duplicates_and_stories_appear_in_exports(filled: SQLiteStore) -> None:
    filled.add_duplicates([("beijing", "talks", 0.91, "near")])
    filled.replace_stories([("محادثات بلينكن", "2024-03-05", "2024-04-10", ["talks", "beijing"])])
    docs = {d["id"]: d for d in filled.export("documents")}
    assert docs["beijing"]["collection"]["duplicate_of"] == [
        {"id": "talks", "similarity": 0.91, "kind": "near"}
    ]
    assert docs["talks"]["collection"]["stories"] == [1]
    flat = {d["id"]: d for d in filled.export("documents", flat=True)}
    assert flat["beijing"]["duplicate_of"] == "talks"
    assert filled.stories()[0]["articles"] == 2
    articles = list(filled.articles())
    assert set(articles[0]["entities"]) == {"wikidata:Q7831", "wikidata:Q148"}
