"""What goes into the store and what comes out of it: plain records shared by every backend."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from marsad.doc import JSON, Document, Meta
from marsad.store.terms import content_hash, index_columns

Row = dict[str, Any]
"""One row of a table-like answer (events, rejects, exports): column name -> value."""


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An analysed Document ready to be written: content hash, index columns and stored JSON.

    Built by :func:`prepare` (pure work, which can run in a pipeline worker), so that the single
    writer only writes.
    """

    doc: Document
    content_hash: str
    base: str
    stem: str
    pipeline_version: str
    input_meta: JSON
    document: str
    """The Document's ``marsad.document/1`` JSON without its text (stored beside it)."""


def prepare(
    doc: Document, pipeline_version: str, input_meta: JSON | None = None
) -> PreparedArticle:
    """Hash, analyse for the index and serialize ``doc``; ``input_meta`` is what the input gave."""
    base, stem = index_columns(doc.text)
    meta = input_meta if input_meta is not None else doc.meta.to_dict()
    data = doc.to_dict()
    del data["text"]
    document = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return PreparedArticle(
        doc, content_hash(doc.text), base, stem, pipeline_version, meta, document
    )


def input_document(text: str, article_id: str, input_meta: JSON) -> Document:
    """A fresh Document as the input gave it (for re-running a pipeline over stored text)."""
    meta = Meta(
        headline=input_meta.get("headline"),
        published=input_meta.get("published"),
        url=input_meta.get("url"),
        source=input_meta.get("source"),
    )
    return Document(text, id=article_id, meta=meta)


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What writing one article did: ``stored``, ``updated`` or ``duplicate`` (same text known)."""

    status: str
    id: str
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class Filters:
    """Search and listing filters; ``None`` means no filter. Dates are ISO (2018, 2018-03, ...)."""

    since: str | None = None
    until: str | None = None
    source: str | None = None
    entity: str | None = None
    event_type: str | None = None


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage of an article with the matched words marked.

    ``text`` is the passage with each match between [[ and ]]; ``start`` is the passage's offset in
    the article and ``marks`` the matched spans as offsets into the article text.
    """

    text: str
    start: int
    end: int
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class HitLinks:
    """A search hit's duplicate links (as on the web article page): the stored articles it is
    a duplicate of (``id``, ``headline``, ``similarity``, ``kind``), how many stored articles are
    duplicates of it, and how many inputs with its exact text were kept as copies of it."""

    duplicate_of: tuple[Row, ...] = ()
    duplicates: int = 0
    copies: int = 0

    def to_dict(self) -> Row:
        return {
            "duplicate_of": list(self.duplicate_of), "duplicates": self.duplicates,
            "copies": self.copies,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    headline: str | None
    published: str | None
    source: str | None
    url: str | None
    score: float
    snippet: Snippet
    links: HitLinks = field(default_factory=HitLinks)

    def to_dict(self) -> Row:
        return {
            "id": self.id, "headline": self.headline, "published": self.published,
            "source": self.source, "url": self.url, "score": round(self.score, 4),
            "snippet": self.snippet.text, "snippet_start": self.snippet.start,
            "marks": [list(m) for m in self.snippet.marks], "links": self.links.to_dict(),
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of search results; ``total`` counts every matching article."""

    query: str
    fts: str | None
    total: int
    offset: int
    limit: int
    hits: list[SearchHit] = field(default_factory=list)

    def to_dict(self) -> Row:
        return {
            "query": self.query, "total": self.total, "offset": self.offset,
            "limit": self.limit, "hits": [h.to_dict() for h in self.hits],
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """A collection-level entity: the same person, place or body across articles."""

    key: str
    type: str
    name: str
    latin: str | None
    kb: dict[str, str]
    roles: list[JSON]
    aliases: list[str]
    mentions: int
    articles: int

    def to_dict(self) -> Row:
        return {
            "id": self.key, "type": self.type, "name": self.name, "latin": self.latin,
            "kb": self.kb, "roles": self.roles, "aliases": self.aliases,
            "mentions": self.mentions, "articles": self.articles,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class EntityProfile:
    """Everything the collection says about one entity."""

    entity: EntitySummary
    by_month: list[Row]
    co_mentioned: list[Row]
    quotes: list[Row]
    others: list[EntitySummary] = field(default_factory=list)

    def to_dict(self) -> Row:
        return {
            **self.entity.to_dict(), "mentions_by_month": self.by_month,
            "co_mentioned": self.co_mentioned, "quotes": self.quotes,
            "other_matches": [o.to_dict() for o in self.others],
        }  # fmt: skip
