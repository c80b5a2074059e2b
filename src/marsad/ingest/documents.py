"""Turning an adapter's text and metadata into a :class:`~marsad.doc.Document`, or a rejection.

Every adapter ends here, so every input passes the same checks: text that is empty or not
mostly Arabic is rejected with a typed :class:`~marsad.errors.InputError`, and the publication
date becomes ISO-8601 (or is dropped when a page gives an unreadable one).
"""

from __future__ import annotations

import re

from marsad.doc import Document, Meta
from marsad.errors import InputError
from marsad.ingest.jsonl import parse_date

Item = Document | InputError
"""What every adapter yields for each input or record: a Document or the reason it is not one."""

MIN_ARABIC_SHARE = 0.5
"""An article is Arabic when at least this share of its letters are Arabic letters."""

MIN_LETTERS = 3


_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f]")


def arabic_share(text: str) -> tuple[float, int]:
    """The share of Arabic letters among the letters of ``text``, and the number of letters."""
    letters = len(_LETTER.findall(text))
    arabic = len(_ARABIC_LETTER.findall(text))
    return (min(1.0, arabic / letters) if letters else 0.0), letters


def check_text(text: str, source: str) -> None:
    """Raise :class:`InputError` (``empty``, ``not_arabic``) unless ``text`` is an Arabic text."""
    if not text.strip():
        raise InputError(source, "empty", "no text to analyse")
    share, letters = arabic_share(text)
    if letters < MIN_LETTERS:
        raise InputError(source, "empty", f"only {letters} letters: no words to analyse")
    if share < MIN_ARABIC_SHARE:
        raise InputError(
            source,
            "not_arabic",
            f"only {share:.0%} of its {letters} letters are Arabic "
            f"(at least {MIN_ARABIC_SHARE:.0%} needed)",
        )


def build_document(
    text: str,
    source: str,
    *,
    id: str | None = None,
    headline: str | None = None,
    published: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> Document:
    """A checked Document; ``source`` names the input in errors and is the id when none is given.

    Raises :class:`InputError` when the text is empty or not Arabic.
    """
    check_text(text, source)
    meta = Meta(
        headline=_clean(headline),
        published=lenient_date(published, source),
        url=_clean(url),
        source=_clean(outlet),
    )
    return Document(text, id=id or source, meta=meta)


def lenient_date(value: str | None, source: str) -> str | None:
    """``value`` (ISO-8601 or RFC 2822) as ISO-8601, or ``None`` when it is neither."""
    try:
        return parse_date(_clean(value), source)
    except InputError:
        return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = " ".join(value.split())
    return stripped or None
