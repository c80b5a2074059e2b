"""Tokenization over the original text, and proclitic splitting for matching.

``tokenize`` returns :class:`~marsad.doc.Token` spans of the original text: words (Arabic or Latin
letters, with any diacritics and tatweel inside them), numbers (Western, Arabic-Indic or Persian
digits with inner separators: ``1,500.5``, ``٣٫٥``, ``28/7/2024`` stays three numbers and two
slashes), and every other non-space character as its own token. ``split_proclitics`` separates the
common proclitics و ف ب ل ك and the article ال from a (folded) word, conservatively.
"""

from __future__ import annotations

import re
from functools import lru_cache

from marsad.doc import Token

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_LETTER = r"[^\W\d_]"
_DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
TOKEN_RE = re.compile(
    rf"{_DIGIT}+(?:[.,\u066b\u066c]{_DIGIT}+)*"  # numbers with inner separators
    rf"|(?:{_LETTER}|[{_MARKS}])+"  # words with their marks
    r"|\S",  # any other visible character
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    return [
        Token(m.start(), m.end(), m.group())
        for m in TOKEN_RE.finditer(text, start, len(text) if end is None else end)
    ]


CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
ARTICLE = "ال"
MIN_STEM = 2


@lru_cache(maxsize=65536)
def split_proclitics(word: str, min_stem: int = MIN_STEM) -> tuple[tuple[str, ...], str]:
    """Split a proclitic chain ending in the article off a folded word.

    ``"وبالمحادثات"`` -> ``(("و", "ب", "ال"), "محادثات")``;
    ``"للحكومه"`` -> ``(("ل", "ال"), "حكومه")``.
    Only chains that end in ال (or the ل+ال contraction لل) are split, which is unambiguous; a bare
    و/ف/ب/ل/ك is left on the word (``"وزير"``, ``"بريطانيا"``). :func:`proclitic_variants` also
    offers those riskier readings, for lookups that can check each against a lexicon.
    """
    prefixes: list[str] = []
    rest = word
    if rest[:1] in CONJUNCTIONS and _article_follows(rest[1:], min_stem):
        prefixes.append(rest[0])
        rest = rest[1:]
    if rest.startswith("لل") and len(rest) >= min_stem + 2:
        return (*prefixes, "ل", ARTICLE), rest[2:]
    if rest[:1] in PREPOSITIONS and rest[1:].startswith(ARTICLE) and len(rest) >= min_stem + 3:
        prefixes.append(rest[0])
        rest = rest[1:]
    if rest.startswith(ARTICLE) and len(rest) >= min_stem + 2:
        return (*prefixes, ARTICLE), rest[2:]
    return (), word


def _article_follows(rest: str, min_stem: int) -> bool:
    if rest[:1] in PREPOSITIONS:
        rest = rest[1:] if not rest.startswith("لل") else "ا" + rest[1:]
    return rest.startswith(ARTICLE) and len(rest) >= min_stem + 2


@lru_cache(maxsize=65536)
def proclitic_variants(word: str, min_stem: int = MIN_STEM) -> tuple[str, ...]:
    """Every plausible stem of a folded word, the whole word first, longest to shortest.

    ``"وواشنطن"`` -> ``("وواشنطن", "واشنطن")``; ``"لواشنطن"`` -> ``("لواشنطن", "واشنطن")``.
    Meant for lookups against a lexicon, which decides which reading is real.
    """
    out = [word]
    rest = word
    if rest[:1] in CONJUNCTIONS and len(rest) > min_stem + 1:
        rest = rest[1:]
        out.append(rest)
    if rest[:1] in PREPOSITIONS and len(rest) > min_stem + 1:
        out.append(rest[1:])
    stem = split_proclitics(word, min_stem)[1]
    if stem not in out:
        out.append(stem)
    return tuple(dict.fromkeys(out))


def strip_proclitics(word: str) -> str:
    """The word without an article-ending proclitic chain (see :func:`split_proclitics`)."""
    return split_proclitics(word)[1]
