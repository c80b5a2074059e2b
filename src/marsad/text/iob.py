"""IOB tag sequences and the chunks (typed token spans) they encode.

``chunks`` reads a tag sequence the way CoNLL's ``conlleval`` and ``seqeval`` (default mode) do,
so it accepts both IOB2 (every chunk opens with ``B-``) and IOB1 (``B-`` only between two adjacent
chunks of one type): a chunk starts at a ``B-`` tag, at an ``I-`` tag after ``O`` or after a tag of
another type, and ends before the next start or ``O``. ``to_iob2`` writes chunks back as IOB2.
Pure functions over sequences of strings, shared by the NER scorer, trainer and component.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

OUTSIDE = "O"


class Chunk(NamedTuple):
    """A typed span of token indices ``[start, end)``."""

    type: str
    start: int
    end: int


def split_tag(tag: str) -> tuple[str, str]:
    """``"B-PER"`` -> ``("B", "PER")``; ``"O"`` -> ``("O", "")``; a bare ``"PER"`` counts as I."""
    if tag == OUTSIDE or not tag:
        return OUTSIDE, ""
    prefix, sep, kind = tag.partition("-")
    if sep and prefix in ("B", "I", "E", "S"):
        return prefix, kind
    return "I", tag


def chunks(tags: Sequence[str]) -> list[Chunk]:
    """The chunks of an IOB1 or IOB2 tag sequence, in order (conlleval semantics)."""
    out: list[Chunk] = []
    kind = ""
    start = -1
    for i, tag in enumerate(tags):
        prefix, tag_kind = split_tag(tag)
        begins = prefix in ("B", "S") or (prefix in ("I", "E") and tag_kind != kind)
        if start >= 0 and (prefix == OUTSIDE or begins):
            out.append(Chunk(kind, start, i))
            start, kind = -1, ""
        if prefix != OUTSIDE and start < 0:
            start, kind = i, tag_kind
        if prefix in ("E", "S") and start >= 0:
            out.append(Chunk(kind, start, i + 1))
            start, kind = -1, ""
    if start >= 0:
        out.append(Chunk(kind, start, len(tags)))
    return out


def to_iob2(length: int, spans: Iterable[Chunk]) -> list[str]:
    """An IOB2 tag sequence of ``length`` tokens for non-overlapping ``spans``."""
    tags = [OUTSIDE] * length
    for kind, start, end in spans:
        tags[start] = f"B-{kind}"
        for i in range(start + 1, end):
            tags[i] = f"I-{kind}"
    return tags


SENTENCE_MARKERS = frozenset({"-DOCSTART-", "$#$"})
"""Rows that end a sentence like a blank line: CoNLL document starts and Wojood segment ends."""

Row = tuple[str, tuple[str, ...]]


def read_conll_rows(lines: Iterable[str], source: str = "<conll>") -> list[list[Row]]:
    """Sentences of ``(token, tag columns)`` rows of a CoNLL-style file.

    A blank line or a :data:`SENTENCE_MARKERS` row ends a sentence; a row holding only a tag
    after white space is an empty token and is skipped; any other row without a tag column
    raises ``ValueError`` naming ``source`` and the line number (callers wrap it in their error).
    """
    sentences: list[list[Row]] = []
    current: list[Row] = []
    for number, raw in enumerate(lines, 1):
        parts = raw.split()
        if not parts or parts[0] in SENTENCE_MARKERS:
            if current:
                sentences.append(current)
                current = []
            continue
        if len(parts) == 1 and raw[:1].isspace() and is_valid_tag(parts[0]):
            continue  # an empty token (ANERcorp has a few): nothing to tag
        if len(parts) < 2:
            raise ValueError(f"{source} line {number}: expected 'token TAG', got {raw.strip()!r}")
        current.append((parts[0], tuple(parts[1:])))
    if current:
        sentences.append(current)
    return sentences


def is_valid_tag(tag: str) -> bool:
    """Whether ``tag`` is ``O`` or a prefixed tag such as ``B-PER``, ``I-LOC``, ``E-X``, ``S-X``."""
    prefix, sep, kind = tag.partition("-")
    return tag == OUTSIDE or (bool(sep) and bool(kind) and prefix in ("B", "I", "E", "S"))
