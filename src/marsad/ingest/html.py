"""HTML pages (``.html``, ``.htm``): the main text and metadata, extracted by trafilatura.

trafilatura drops navigation, footers and boilerplate and finds the title, publication date,
canonical URL and site name. A page whose markup yields no main text is rejected as
``malformed``.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from marsad.doc import Document
from marsad.errors import InputError
from marsad.ingest.decode import decode_bytes, read_text_file
from marsad.ingest.documents import Item, build_document

_TAG = re.compile(r"<\s*[a-zA-Z!/]")
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def read_html(path: Path, max_bytes: int) -> Item:
    """The article of the HTML file ``path`` (its path is its id), or why it is not one."""
    source = path.as_posix()
    try:
        return html_document(read_text_file(path, max_bytes), source)
    except InputError as error:
        return error


def html_bytes_document(
    data: bytes, source: str, max_bytes: int, *, id: str | None = None, url: str | None = None
) -> Document:
    """A Document from the bytes of a page (a crawl record); raises :class:`InputError`."""
    return html_document(decode_bytes(data, source, max_bytes), source, id=id, url=url)


def html_document(
    html: str, source: str, *, id: str | None = None, url: str | None = None
) -> Document:
    """A Document from the markup of a page; raises :class:`InputError` when it holds none."""
    extracted = extract_html(html, source, url)
    return build_document(
        extracted["text"],
        source,
        id=id,
        headline=extracted.get("title"),
        published=extracted.get("date"),
        url=extracted.get("url") or url,
        outlet=extracted.get("sitename"),
    )


def extract_html(html: str, source: str, url: str | None = None) -> dict[str, Any]:
    """trafilatura's main ``text`` and metadata of a page; raises ``malformed`` when none."""
    if not _TAG.search(html):
        raise InputError(source, "malformed", "no HTML markup found: is this an HTML page?")
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken markup
        raise InputError(source, "malformed", f"the HTML could not be parsed: {exc}") from exc
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise InputError(source, "malformed", "the HTML page holds no main text")
    fields = ("title", "date", "url", "sitename")
    return {"text": text, **{name: getattr(result, name, None) for name in fields}}
