"""Sentence and token spans of the document text."""

from __future__ import annotations

from marsad.doc import Document
from marsad.registry import component
from marsad.text.sentences import split_sentences
from marsad.text.tokenize import tokenize


@component("sentences", assigns=("sentences", "tokens"))
def sentences(doc: Document) -> Document:
    """Split the text into sentences (Arabic punctuation, quotes, decimals) and tokens."""
    doc.sentences = split_sentences(doc.text)
    doc.tokens = tokenize(doc.text)
    return doc
