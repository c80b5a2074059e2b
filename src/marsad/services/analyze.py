"""Analyze one text or a stream of records with the configured pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from marsad.config import Settings, load_settings
from marsad.doc import Document, Meta, normalize_published
from marsad.pipeline import Pipeline


@lru_cache(maxsize=8)
def _cached_pipeline(names: tuple[str, ...], error_policy: str) -> Pipeline:
    return Pipeline.from_names(names, error_policy)


def get_pipeline(settings: Settings | None = None) -> Pipeline:
    """The pipeline for ``settings`` (default: loaded settings), built once per process."""
    s = settings or load_settings()
    return _cached_pipeline(tuple(s.pipeline), s.error_policy)


def make_document(
    text: str,
    *,
    id: str = "doc",
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Document:
    """A fresh Document with metadata given by the caller (``title`` becomes the headline)."""
    meta = Meta(
        headline=title or None, published=normalize_published(published), url=url, source=source
    )
    return Document(text, id=id, meta=meta)


def analyze_text(
    text: str,
    published: str | None = None,
    *,
    id: str = "doc",
    url: str | None = None,
    title: str | None = None,
    settings: Settings | None = None,
) -> Document:
    """Analyze one article's text; ``published`` (ISO-8601) anchors relative dates."""
    doc = make_document(text, id=id, published=published, url=url, title=title)
    return get_pipeline(settings)(doc)


def analyze_documents(
    docs: Iterable[Document], settings: Settings | None = None
) -> Iterator[Document]:
    """Analyze a stream of prepared documents lazily."""
    return get_pipeline(settings).pipe(docs)
