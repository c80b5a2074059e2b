"""Duplicates and stories give the same answers on every backend (SQLite, PostgreSQL).

The articles and the deterministic topic embedder are those of the dedup service unit tests.
"""

from __future__ import annotations

from pathlib import Path

from marsad.services.dedup import build_stories, list_stories, mark_duplicates
from marsad.store import open_store

from .conftest import _load

unit = _load("marsad_test_dedup_unit", Path(__file__).parent.parent / "unit/services/test_dedup.py")


def test_duplicates_and_stories_agree_across_backends(target: str) -> None:
    with open_store(target) as store:
        for article in unit.ARTICLES:
            unit.write(store, article)
        first = mark_duplicates(store)
        again = mark_duplicates(store, replace=True)
        stories = build_stories(store, embedder=unit.topic_embedder)
        pairs = store.clusters().duplicate_pairs()
    assert (first.exact, first.near, first.added) == (1, 1, 2)
    assert (again.added, again.removed) == (0, 0)
    assert pairs == {("wheat-2", "wheat-1"), ("wheat-4", "wheat-1")}
    assert (stories.stories, stories.multi_article, stories.largest) == (2, 1, 4)
    page = list_stories(target, since="2024-05-06", min_articles=2)
    assert page.total == 1
    assert [m["id"] for m in page.stories[0]["members"]] == [
        "wheat-1",
        "wheat-2",
        "wheat-3",
        "wheat-4",
    ]
