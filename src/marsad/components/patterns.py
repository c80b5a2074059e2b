"""Regex building blocks for the lexicon-driven rules of ``timex`` and ``quantities``.

Every rule matches the folded view of the text (:func:`marsad.text.normalize.normalize`), so the
lexicons here are folded with the same function before they become patterns. A word list becomes
a character trie (``trie``), which Python's regex engine scans far faster than a flat alternation
of the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TypeAlias

from marsad.text.normalize import NormalizedText, fold, normalize

B = r"(?<![^\W\d_])"
"""Start of a word: not preceded by a letter (digits and punctuation may precede)."""

E = r"(?![^\W\d_])"
"""End of a word: not followed by a letter."""

PRE = r"(?:[وف]?(?:[بك]|ل(?!ل))?)"
"""Optional proclitics before a word: و/ف then ب/ك/ل (not the ل of the contraction لل+ال)."""

ART = r"(?:ال|لل)"
"""The article at the start of a rule, or its contraction with the preposition ل (للعام)."""

S = r"\s+"
"""Space between two words (a line break included)."""

_Node: TypeAlias = dict[str, "_Node"]


def folded(words: Iterable[str]) -> list[str]:
    """The distinct folded forms of ``words``, longest first."""
    return sorted({fold(w) for w in words}, key=lambda w: (-len(w), w))


def trie(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` (folded) shaped as a trie; words may contain spaces."""
    root: _Node = {}
    for word in folded(words):
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(root) or "(?!)"


def _emit(node: _Node) -> str:
    optional = "" in node
    branches = [_escape(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return f"(?:{body})?"
    return body


def _escape(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


def word(words: Iterable[str]) -> str:
    """A whole-word pattern (no proclitics) for the folded ``words``."""
    return f"{B}(?:{trie(words)}){E}"


def compile_rule(pattern: str) -> re.Pattern[str]:
    """Compile a rule pattern (verbose mode off; the patterns are built from macros)."""
    try:
        return re.compile(pattern)
    except re.error as exc:  # pragma: no cover - a programming error in a lexicon
        raise ValueError(f"bad rule pattern {pattern[:80]!r}...: {exc}") from exc


def lookup(table: dict[str, object], text: str) -> object | None:
    """The entry of ``table`` for ``text`` with inner runs of space collapsed to one."""
    return table.get(" ".join(text.split()))


@lru_cache(maxsize=4)
def folded_view(text: str) -> NormalizedText:
    """The folded view of a document text, shared by the components that run on the same text."""
    return normalize(text)
