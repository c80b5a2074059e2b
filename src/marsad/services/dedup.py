"""Duplicates and stories of a collection.

:func:`mark_duplicates` runs the exact + near-duplicate index (:mod:`marsad.dedup.near`) over the
stored articles in ingest order and records each pair (a later article, the earlier one it
copies); articles are linked, never deleted, and a rerun adds nothing new. :func:`build_stories`
clusters the stored articles into stories (:mod:`marsad.dedup.stories`: headline and lead
embedded with the bundled multilingual USE, shared entities, a time window) and replaces the
collection's stories. Embeddings are cached in the collection (``story_vectors``), so only
articles new since the last run are embedded. ``marsad ingest`` runs both after storing
(:func:`refresh_clusters`); ``marsad dedup`` recomputes them (:func:`dedup`).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import multiprocessing
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from marsad.config import load_settings
from marsad.dedup.near import DuplicatePair, NearDuplicateIndex, split_headline
from marsad.dedup.stories import (
    DIM,
    LEAD_CHARS,
    Embedder,
    Story,
    StoryItem,
    Vectors,
    cluster_stories,
    default_embedder,
    embed,
    story_text,
    unit_rows,
)
from marsad.store import Row, Store, open_store
from marsad.store.dedup_reads import ArticleText, ClusterTables, StoryFilter

STORY_WINDOW_DAYS = 3
STORY_SPAN_DAYS = 7
STORY_THRESHOLD = 0.6
MODEL_KEY = "usem3-v1"
"""Names the story encoder in the vector cache keys: change it when the encoder changes."""
VECTOR_CHUNK = 1024
"""Story vectors are embedded and saved this many at a time (an interrupted run keeps them)."""
HEADLINE_CHARS = 160


@dataclass(slots=True)
class DuplicatesReport:
    """One duplicate pass: pairs found (exact, near), written now, and dropped as stale."""

    articles: int = 0
    exact: int = 0
    near: int = 0
    added: int = 0
    removed: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class StoriesReport:
    """One story pass: stories, those with several articles, vectors embedded (not cached)."""

    articles: int = 0
    stories: int = 0
    multi_article: int = 0
    largest: int = 0
    embedded: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class ClustersReport:
    """What :func:`refresh_clusters` did (``None`` for a skipped pass)."""

    db: str
    duplicates: DuplicatesReport | None = None
    stories: StoriesReport | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "db": self.db,
            "duplicates": _rounded(asdict(self.duplicates)) if self.duplicates else None,
            "stories": _rounded(asdict(self.stories)) if self.stories else None,
        }


def _rounded(data: dict[str, object]) -> dict[str, object]:
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in data.items()}


def published_day(value: str | None) -> dt.date | None:
    """The date of an ISO publication time, or ``None``."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# --- duplicates -------------------------------------------------------------------------------


def mark_duplicates(
    store: Store, *, index: NearDuplicateIndex | None = None, replace: bool = False
) -> DuplicatesReport:
    """Find exact and near duplicates among the stored articles and record the new pairs.

    With ``replace`` recorded pairs the pass no longer finds (after a change of settings) are
    removed; otherwise pairs are only added.
    """
    started = time.perf_counter()
    tables = store.clusters()
    chosen = index or NearDuplicateIndex()
    report = DuplicatesReport()
    found: dict[tuple[str, str], DuplicatePair] = {}
    for report.articles, article in enumerate(tables.articles(), start=1):
        day = published_day(article.published)
        for pair in chosen.add(article.id, article.text, headline=article.headline, published=day):
            found[pair.article, pair.original] = pair
    known = tables.duplicate_pairs()
    new = [
        (p.article, p.original, p.similarity, p.kind) for k, p in found.items() if k not in known
    ]
    report.exact = sum(p.kind == "exact" for p in found.values())
    report.near = len(found) - report.exact
    if new:
        store.add_duplicates(new)
        report.added = len(new)
    if replace and known - found.keys():
        report.removed = tables.remove_duplicates(known - found.keys())
    report.seconds = time.perf_counter() - started
    return report


# --- stories ----------------------------------------------------------------------------------


def story_item(article: ArticleText, entities: frozenset[str] = frozenset()) -> StoryItem:
    """What clustering needs of a stored article: date, headline, lead and entity keys."""
    head, body = split_headline(article.text, article.headline)
    lead = " ".join(body.split())
    headline = (article.headline or head or lead[:HEADLINE_CHARS]).strip()
    return StoryItem(
        article.id, published_day(article.published), headline, lead[:LEAD_CHARS], entities
    )


def story_items(tables: ClusterTables) -> list[StoryItem]:
    """A :class:`StoryItem` for every stored article, in ingest order."""
    entities = tables.entity_keys()
    return [story_item(a, entities.get(a.id, frozenset())) for a in tables.articles()]


def vector_key(item: StoryItem) -> str:
    """The cache key of ``item``'s story vector: the encoder and the text it embeds."""
    return hashlib.sha1(f"{MODEL_KEY}\n{story_text(item)}".encode()).hexdigest()[:20]


def _encode(vector: Vectors) -> str:
    return base64.b64encode(vector.astype(np.float16).tobytes()).decode("ascii")


def _decode(text: str) -> Vectors:
    return np.frombuffer(base64.b64decode(text), dtype=np.float16).astype(np.float32)


def cached_vectors(
    tables: ClusterTables,
    items: Sequence[StoryItem],
    embedder: Embedder | None = None,
    workers: int = 1,
) -> tuple[Vectors, int]:
    """Unit story vectors of ``items``: cached ones read, the others embedded and saved.

    ``embedder`` defaults to the bundled encoder, which then runs in ``workers`` processes when
    there is enough to embed. Returns the vectors and how many were embedded now.
    """
    cached = tables.story_vectors()
    keys = [vector_key(item) for item in items]
    out: list[Vectors | None] = [None] * len(items)
    missing = []
    for row, (item, key) in enumerate(zip(items, keys, strict=True)):
        hit = cached.get(item.id)
        if hit is not None and hit[0] == key:
            out[row] = _decode(hit[1])
        else:
            missing.append(row)
    for rows, fresh in _embedded_chunks(items, missing, embedder, workers):
        for r, vector in zip(rows, fresh, strict=True):
            out[r] = vector.astype(np.float16).astype(np.float32)  # as a later run reads it
        tables.save_story_vectors(
            (items[r].id, keys[r], _encode(v)) for r, v in zip(rows, fresh, strict=True)
        )
    filled = [v for v in out if v is not None]
    vectors = np.vstack(filled) if filled else np.zeros((0, DIM), dtype=np.float32)
    return unit_rows(vectors), len(missing)


def _embedded_chunks(
    items: Sequence[StoryItem], rows: list[int], embedder: Embedder | None, workers: int
) -> Iterator[tuple[list[int], Vectors]]:
    """(rows, their vectors) chunk by chunk, in order; in a process pool when worth it."""
    chunks = [rows[i : i + VECTOR_CHUNK] for i in range(0, len(rows), VECTOR_CHUNK)]
    batches = [[items[r] for r in chunk] for chunk in chunks]
    if embedder is not None or workers < 2 or len(chunks) < 2:
        chosen = embedder or default_embedder()
        yield from (
            (chunk, embed(batch, chosen)) for chunk, batch in zip(chunks, batches, strict=True)
        )
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(workers, len(chunks)), mp_context=context) as pool:
        yield from zip(chunks, pool.map(embed_with_default, batches), strict=True)


def embed_with_default(items: list[StoryItem]) -> Vectors:
    """``items`` embedded with the bundled encoder (what each embedding process runs)."""
    return embed(items, default_embedder())


def build_stories(
    store: Store,
    *,
    window_days: int = STORY_WINDOW_DAYS,
    span_days: int = STORY_SPAN_DAYS,
    threshold: float = STORY_THRESHOLD,
    embedder: Embedder | None = None,
    workers: int = 1,
) -> StoriesReport:
    """Cluster the stored articles into stories and replace the collection's stories.

    ``embedder`` replaces the bundled encoder (tests pass a deterministic one); its vectors are
    not cached. Returns counts and time.
    """
    started = time.perf_counter()
    tables = store.clusters()
    items = story_items(tables)
    if embedder is None:
        vectors, embedded = cached_vectors(tables, items, workers=workers)
    else:
        vectors, embedded = embed(items, embedder), len(items)
    stories = cluster_stories(
        items, window_days=window_days, span_days=span_days, threshold=threshold, vectors=vectors
    )
    store.replace_stories(_story_row(s) for s in stories)
    sizes = [len(s.article_ids) for s in stories]
    return StoriesReport(
        articles=len(items), stories=len(stories), multi_article=sum(n > 1 for n in sizes),
        largest=max(sizes, default=0), embedded=embedded,
        seconds=time.perf_counter() - started,
    )  # fmt: skip


def _story_row(story: Story) -> tuple[str, str | None, str | None, list[str]]:
    first = story.first.isoformat() if story.first else None
    last = story.last.isoformat() if story.last else None
    return story.headline, first, last, story.article_ids


# --- entry points -----------------------------------------------------------------------------


def refresh_clusters(
    store: Store,
    *,
    duplicates: bool = True,
    stories: bool = True,
    replace: bool = False,
    window_days: int = STORY_WINDOW_DAYS,
    span_days: int = STORY_SPAN_DAYS,
    threshold: float = STORY_THRESHOLD,
    workers: int = 1,
) -> ClustersReport:
    """Mark duplicates and rebuild stories of an open store (each pass may be skipped);
    ``workers`` processes embed articles new to the story vector cache."""
    report = ClustersReport(store.path)
    if duplicates:
        report.duplicates = mark_duplicates(store, replace=replace)
    if stories:
        report.stories = build_stories(
            store, window_days=window_days, span_days=span_days, threshold=threshold,
            workers=workers,
        )  # fmt: skip
    return report


def dedup(
    db: str | Path | None = None,
    *,
    duplicates: bool = True,
    stories: bool = True,
    window_days: int = STORY_WINDOW_DAYS,
    span_days: int = STORY_SPAN_DAYS,
    threshold: float = STORY_THRESHOLD,
    workers: int | None = None,
) -> ClustersReport:
    """Recompute the duplicates (dropping pairs no longer found) and stories of ``db``;
    ``workers`` defaults to the setting."""
    settings = load_settings()
    with open_store(db or settings.db, create=False) as store:
        return refresh_clusters(
            store, duplicates=duplicates, stories=stories, replace=True,
            window_days=window_days, span_days=span_days, threshold=threshold,
            workers=workers or settings.workers,
        )  # fmt: skip


@dataclass(slots=True)
class StoryPage:
    """Stories matching a listing's filters: ``total`` of them, this page in ``stories``."""

    total: int
    stories: list[Row]

    def to_dict(self) -> dict[str, object]:
        return {"total": self.total, "stories": self.stories}


def list_stories(
    db: str | Path | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    min_articles: int = 1,
    limit: int = 20,
    offset: int = 0,
) -> StoryPage:
    """Stories overlapping ``since``..``until`` with at least ``min_articles`` articles, the
    largest first (then the latest), each with its first member articles."""
    chosen = StoryFilter(since, until, min_articles, limit, offset)
    with open_store(db or load_settings().db, create=False) as store:
        total, rows = store.clusters().stories(chosen)
    return StoryPage(total, rows)
