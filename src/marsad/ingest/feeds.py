"""RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``), read by feedparser.

Each item becomes one article. When a file named like the last part of the item's link lies beside
the feed (a page saved with it: ``https://site/news/123.html`` -> ``123.html``), the article is that
page's main text; otherwise it is the item's content or summary. The item's title, date, link and
the feed's title fill the metadata. :func:`read_feed` reports which page files it used, so that a
directory walk does not ingest them a second time.
"""

from __future__ import annotations

import html as html_lib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from marsad.errors import InputError
from marsad.ingest.decode import read_text_file
from marsad.ingest.documents import Item, build_document
from marsad.ingest.html import extract_html

PAGE_SUFFIXES = (".html", ".htm")
_BLOCK_END = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/blockquote)\b[^>]*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class _Feed:
    path: Path
    outlet: str | None
    max_bytes: int
    used_pages: set[Path] | None


def read_feed(path: Path, max_bytes: int, used_pages: set[Path] | None = None) -> Iterator[Item]:
    """The articles of the feed file ``path``; page files it reads are added to ``used_pages``."""
    source = path.as_posix()
    try:
        parsed = _parse(path, max_bytes)
    except InputError as error:
        yield error
        return
    feed = _Feed(path, parsed.feed.get("title"), max_bytes, used_pages)
    for index, entry in enumerate(parsed.entries, start=1):
        yield from _entry_items(entry, f"{source}#{index}", feed)


def page_beside(feed: Path, link: str | None) -> Path | None:
    """The file beside ``feed`` named by the last part of ``link``, when it exists."""
    if not link:
        return None
    name = PurePosixPath(unquote(urlparse(link).path)).name
    if not name:
        return None
    candidates = (
        [name] if name.lower().endswith(PAGE_SUFFIXES) else [name + s for s in PAGE_SUFFIXES]
    )
    for candidate in candidates:
        page = feed.parent / candidate
        if page.is_file() and page != feed:
            return page
    return None


def _parse(path: Path, max_bytes: int) -> Any:
    import feedparser

    source = path.as_posix()
    text = read_text_file(path, max_bytes)
    parsed = feedparser.parse(text)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f"not a readable RSS/Atom feed ({problem})" if problem else "the feed has no items"
        raise InputError(source, "malformed" if problem else "empty", detail)
    return parsed


def _entry_items(entry: Any, source: str, feed: _Feed) -> Iterator[Item]:
    link = entry.get("link")
    meta = {
        "id": entry.get("id") or link or source,
        "headline": entry.get("title"),
        "published": _entry_date(entry),
        "url": link,
        "outlet": feed.outlet,
    }
    page = page_beside(feed.path, link)
    if page is not None:
        if feed.used_pages is not None:
            feed.used_pages.add(page)
        try:
            yield _page_document(page, feed.max_bytes, meta)
            return
        except InputError as error:
            yield error  # the page is bad: say so, then fall back to the item's own text
    try:
        yield build_document(_entry_text(entry), source, **meta)
    except InputError as error:
        yield error


def _page_document(page: Path, max_bytes: int, meta: dict[str, Any]) -> Item:
    source = page.as_posix()
    extracted = extract_html(read_text_file(page, max_bytes), source, meta["url"])
    fields = {
        **meta,
        "headline": meta["headline"] or extracted.get("title"),
        "published": meta["published"] or extracted.get("date"),
    }
    return build_document(extracted["text"], source, **fields)


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    markup = "\n".join(values) if values else entry.get("summary", "")
    return html_to_text(markup)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: block ends become line breaks, tags go, entities decode."""
    text = _TAGS.sub("", _BLOCK_END.sub("\n", markup))
    lines = (" ".join(html_lib.unescape(line).split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)
    value = entry.get("published") or entry.get("updated")
    return str(value) if value else None
