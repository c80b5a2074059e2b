"""Quotation marks: find the quoted stretches of each paragraph.

Pairs “…”, «…», „…”, ‘…’ and straight "…" within a paragraph, outermost first (a quotation inside
a quotation stays part of it). Reversed marks (”…“, »…«), which right-to-left editing produces,
are accepted too. A mark opens only where a quotation can start (the start of the paragraph, after
a space, a colon, a bracket or a one-letter proclitic: ``و"...``) and closes only after a
non-space. An opening mark that never closes in its paragraph runs to the end of the paragraph:
that is how a quotation over several paragraphs is written (each paragraph reopens it, only the
last one closes it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.components.doc_view import Span

CLOSERS: dict[str, str] = {
    "“": "”“", "”": "“”", "«": "»", "»": "«", "„": "”“", "‘": "’", '"': '"',
}  # fmt: skip
UNCLOSED_OK = frozenset('“”«„"')
_MARKS = re.compile("[" + re.escape("".join(CLOSERS)) + "]")
_CLOSER_RES = {mark: re.compile("[" + re.escape(c) + "]") for mark, c in CLOSERS.items()}
PROCLITICS = frozenset("وفبلك")
OPEN_AFTER = frozenset(":(،,-–—[")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted stretch: the marks and the content between them (white space trimmed)."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or the paragraph end when unclosed
    start: int  # content start
    end: int  # content end
    closed: bool
    paragraph: int  # index of the paragraph


def find_quoted(text: str, paragraphs: list[Span]) -> list[Quoted]:
    """Every outermost quoted stretch of ``text``, paragraph by paragraph."""
    out: list[Quoted] = []
    for index, para in enumerate(paragraphs):
        out.extend(_in_paragraph(text, para, index))
    return out


def _in_paragraph(text: str, para: Span, index: int) -> list[Quoted]:
    found: list[Quoted] = []
    resume = para.start
    for mark in _MARKS.finditer(text, para.start, para.end):
        i = mark.start()
        if i < resume or not _can_open(text, para.start, i):
            continue
        close = _find_close(text, i, para.end)
        quoted = _make(text, i, close, para, index)
        if quoted is not None:
            found.append(quoted)
        if close is None:
            break
        resume = close + 1
    return found


def _can_open(text: str, para_start: int, i: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    if i == para_start:
        return True
    before = text[i - 1]
    if before.isspace() or before in OPEN_AFTER:
        return True
    return before in PROCLITICS and (i - 1 == para_start or text[i - 2].isspace())


def _find_close(text: str, i: int, end: int) -> int | None:
    closers = _CLOSER_RES[text[i]]
    for mark in closers.finditer(text, i + 2, end):
        j: int = mark.start()
        if not text[j - 1].isspace():
            return j
    return None


def _make(text: str, i: int, close: int | None, para: Span, index: int) -> Quoted | None:
    if close is None and text[i] not in UNCLOSED_OK:
        return None
    stop = close if close is not None else para.end
    start, end = i + 1, stop
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    return Quoted(i, stop, start, end, close is not None, index)
