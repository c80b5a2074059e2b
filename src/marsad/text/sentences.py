"""Sentence splitting for Arabic news.

A sentence ends at ``.``, ``!``, ``?``, ``؟``, ``…`` or ``؛`` (the Arabic semicolon closes a
clause that news prose uses like a full stop), taking along closing quotes and brackets that
follow, and always at a line break (a paragraph). It does not end at a decimal point (``3.5``),
after a list number at the start of a line (``1.``, ``٢-``), after a one-letter abbreviation
(``د.``, ``أ.``), or inside an open quotation (“…”, «…», "…") unless the quotation runs on to the
end of its paragraph. The comma ``،`` never ends a sentence.
"""

from __future__ import annotations

import re

from marsad.doc import Sentence

TERMINATORS = ".!?؟…؛"
CLOSERS = "”»\"')]}’"
OPENERS = {"“": "”", "«": "»", "„": "”", "‘": "’"}
_LIST_NUMBER = re.compile(r"\s*(?:[0-9\u0660-\u0669]{1,3}|[a-zA-Zأ-ي])\s*$")
_ABBREVIATION = re.compile(r"(?:^|[\s(])[^\W\d_]$")
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans of ``text``, each stripped of surrounding white space."""
    sentences: list[Sentence] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        _split_paragraph(text, pos, pos + len(line), sentences)
        pos += len(line)
    return sentences


def _split_paragraph(text: str, start: int, end: int, out: list[Sentence]) -> None:
    quoted = _quoted_positions(text, start, end)
    sent_start = start
    i = start
    while i < end:
        ch = text[i]
        if ch in TERMINATORS and i not in quoted and _is_boundary(text, start, sent_start, i):
            j = i + 1
            while j < end and (text[j] in TERMINATORS or text[j] in CLOSERS):
                j += 1
            _append(text, sent_start, j, out)
            sent_start = i = j
            continue
        i += 1
    _append(text, sent_start, end, out)


def _quoted_positions(text: str, start: int, end: int) -> set[int]:
    """Positions inside quotations that close within the paragraph (no split there).

    The last character before the closing mark is left out, so that a quotation ending with its
    own full stop still ends the sentence there.
    """
    inside: set[int] = set()
    i = start
    while i < end:
        ch = text[i]
        close = OPENERS.get(ch) or ('"' if ch == '"' else None)
        if close is not None:
            j = text.find(close, i + 1, end)
            if j != -1:
                inside.update(range(i + 1, j - 1))
                i = j + 1
                continue
        i += 1
    return inside


def _is_boundary(text: str, para_start: int, sent_start: int, i: int) -> bool:
    ch = text[i]
    if ch == ".":
        before = text[i - 1] if i > para_start else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if _DIGIT.match(before) and _DIGIT.match(after):
            return False
        head = text[sent_start:i]
        if _LIST_NUMBER.fullmatch(head):
            return False
        if _ABBREVIATION.search(head):
            return False
    return True


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start, end))
