"""Marsad's own analysis of text for the search index, and the content hash of an article.

Every word of the text is folded (:func:`marsad.text.normalize.fold`, MATCH folding: hamza and alef
forms, ya, ta marbuta, diacritics, tatweel and digits) and yields two aligned terms, one per index
column, so that phrases keep their positions in both:

* ``base``: the folded word without a proclitic chain ending in the article (``وبالمحادثات`` ->
  ``محادثات``), which keeps foreign names intact;
* ``stem``: a light stem of the folded word (a leading و, one of ال بال كال فال لل, then the
  suffixes ها ان ات ون ين يه ه ي; after Larkey's *light10*), so that ``الأمريكية`` and
  ``الأمريكي`` meet.

Snowball's Arabic stemmer is not used: it is inconsistent over folded text (``الامريكيه`` ->
``امريكيه`` but ``الأمريكيّة`` -> ``امريك``) and cuts names (``بوتين`` -> ``وتين``). A query is
analysed by the same functions, so the index and the query always agree.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.text.normalize import fold
from marsad.text.tokenize import TOKEN_RE, split_proclitics, tokenize

PREFIXES = ("بال", "كال", "فال", "لل", "ال")
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
_SPACES = re.compile(r"\s+")
_NUMBER_SEPARATOR = re.compile(r"(?<=\d),(?=\d)")


@dataclass(frozen=True, slots=True)
class Term:
    """The index terms of one word, with the word's span in the original text."""

    start: int
    end: int
    base: str
    stem: str


def word_key(word: str) -> str:
    """A folded word as one index token: lower case, thousands separators dropped (``1,500``)."""
    return _NUMBER_SEPARATOR.sub("", fold(word).lower())


@lru_cache(maxsize=131072)
def analyse_word(word: str) -> tuple[str, str] | None:
    """``(base, stem)`` of one original word, or ``None`` when it holds no letter or digit."""
    key = word_key(word)
    if not any(ch.isalnum() for ch in key):
        return None
    base = split_proclitics(key)[1]
    return base, light_stem(key)


def light_stem(word: str) -> str:
    """A light stem of a folded word: one article-like prefix, then listed suffixes."""
    if word.isdigit() or not word.isalpha():
        return word
    if len(word) >= 4 and word[0] == "و":
        word = word[1:]
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


def analyse(text: str) -> list[Term]:
    """The index terms of every word of ``text``, in order, with original spans."""
    out: list[Term] = []
    for token in tokenize(text):
        terms = analyse_word(token.text)
        if terms is not None:
            out.append(Term(token.start, token.end, terms[0], terms[1]))
    return out


def index_columns(text: str) -> tuple[str, str]:
    """The ``base`` and ``stem`` columns of the search index: aligned, space-separated terms."""
    bases: list[str] = []
    stems: list[str] = []
    for word in TOKEN_RE.findall(text):
        terms = analyse_word(word)
        if terms is not None:
            bases.append(terms[0])
            stems.append(terms[1])
    return " ".join(bases), " ".join(stems)


def content_hash(text: str) -> str:
    """sha256 of the folded text with white space collapsed: the key of idempotent ingest."""
    folded = _SPACES.sub(" ", fold(text)).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
