"""Marsad (مرصد): Arabic news to structured, source-grounded facts.

>>> import marsad
>>> doc = marsad.analyze("نص الخبر ...", published="2024-07-19")
>>> doc.to_dict()["schema"]
'marsad.document/1'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Document", "analyze"]

if TYPE_CHECKING:
    from marsad.doc import Document


def analyze(text: str, published: str | None = None) -> Document:
    """Analyze one Arabic news text; ``published`` (ISO-8601) anchors relative dates."""
    from marsad.services.analyze import analyze_text

    return analyze_text(text, published)


def __getattr__(name: str) -> object:
    if name == "Document":
        from marsad.doc import Document

        return Document
    raise AttributeError(name)
