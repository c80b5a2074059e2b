"""Story clustering with a deterministic test embedder (no model needed)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt

from marsad.dedup.stories import StoryItem, cluster_stories

TOPICS = {"قمح": 0, "مهرجان": 1, "انتخابات": 2}


def topic_embedder(texts: list[str]) -> npt.NDArray[np.float32]:
    """One axis per topic word found in the text, plus a little per-text noise axis."""
    out = np.zeros((len(texts), 8), dtype=np.float32)
    for row, text in enumerate(texts):
        for word, axis in TOPICS.items():
            if word in text:
                out[row, axis] = 1.0
        out[row, 3 + row % 5] = 0.2
    return out


def item(id: str, day: int, headline: str, entities: frozenset[str] = frozenset()) -> StoryItem:
    return StoryItem(id, dt.date(2024, 5, day), headline, "", entities)


def test_articles_on_one_topic_within_window_form_one_story() -> None:
    items = [
        item("a", 1, "خطة القمح في الأردن"),
        item("b", 2, "مزارعو القمح يرحبون"),
        item("c", 2, "افتتاح مهرجان وهران"),
    ]
    stories = cluster_stories(items, embedder=topic_embedder)
    groups = sorted(sorted(s.article_ids) for s in stories)
    assert groups == [["a", "b"], ["c"]]
    wheat = next(s for s in stories if "a" in s.article_ids)
    assert wheat.id == "story:a"
    assert (wheat.first, wheat.last) == (dt.date(2024, 5, 1), dt.date(2024, 5, 2))
    assert wheat.headline in {"خطة القمح في الأردن", "مزارعو القمح يرحبون"}


def test_time_window_splits_the_same_topic() -> None:
    items = [item("a", 1, "القمح"), item("b", 20, "القمح")]
    stories = cluster_stories(items, window_days=3, embedder=topic_embedder)
    assert len(stories) == 2


def test_shared_entities_tip_a_borderline_article_in() -> None:
    people = frozenset({"wikidata:Q1"})
    items = [item("a", 1, "القمح انتخابات", people), item("b", 1, "القمح", people)]
    joined = cluster_stories(items, threshold=0.8, embedder=topic_embedder)
    apart = cluster_stories(
        [item("a", 1, "القمح انتخابات"), item("b", 1, "القمح")],
        threshold=0.8,
        embedder=topic_embedder,
    )
    assert len(joined) == 1
    assert len(apart) == 2


def test_undated_articles_are_compared_with_every_story() -> None:
    items = [item("a", 1, "القمح"), StoryItem("b", None, "القمح", "")]
    assert len(cluster_stories(items, embedder=topic_embedder)) == 1


def test_bundled_encoder_groups_paraphrases_across_outlets() -> None:
    items = [
        StoryItem("a", dt.date(2024, 5, 1), "زلزال بقوة ست درجات يضرب جنوب تركيا",
                  "ضرب زلزال قوي مناطق في جنوب تركيا صباح اليوم"),
        StoryItem("b", dt.date(2024, 5, 1), "هزة أرضية عنيفة تهز جنوبي تركيا",
                  "شعر سكان جنوب تركيا بهزة أرضية قوية صباح الأربعاء"),
        StoryItem("c", dt.date(2024, 5, 1), "المنتخب المغربي يفوز في مباراة ودية",
                  "حقق منتخب المغرب لكرة القدم فوزا كبيرا في مباراة ودية"),
    ]  # fmt: skip
    groups = sorted(sorted(s.article_ids) for s in cluster_stories(items))
    assert groups == [["a", "b"], ["c"]]
