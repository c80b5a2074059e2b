"""Exact and near-duplicate detection for syndicated copies.

Wire stories reach a collection many times: the same text under another headline, with an
outlet's boilerplate added, or lightly edited. Each article is reduced to its *body* (the text
without its first line when that line looks like a headline), folded with Marsad's normalizer,
and compared on word 3-shingles:

1. an exact copy has the same body fingerprint (sha1 of the folded words);
2. candidates come from MinHash LSH (rensa, 126 permutations in 42 bands of 3 rows);
3. every candidate pair is verified on the real sets: shingle Jaccard >= ``min_jaccard``, or
   shingle Jaccard >= ``min_jaccard_edited`` with word-set Jaccard >= ``min_word_jaccard`` (a
   copy with scattered word edits loses many shingles but few words). Nothing is reported on the
   MinHash estimate alone, and containment is not enough: on the ANT corpus, articles that share
   a background paragraph were the false matches it produced.

The index is incremental: ``add`` returns the duplicates of the new article among those already
added; it keeps shingle sets in memory (about 1 KB per article of 300 words).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import rensa

from marsad.text.normalize import fold
from marsad.text.tokenize import TOKEN_RE

NUM_PERM = 126
NUM_BANDS = 42
SHINGLE = 3
MIN_WORDS = 20
HEADLINE_MAX_CHARS = 200


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """``article`` duplicates ``original`` (added earlier); ``kind`` is exact or near."""

    article: str
    original: str
    kind: str
    similarity: float


def body_words(text: str) -> list[str]:
    """Folded words of the article body (a short first line, the headline, is left out)."""
    first, sep, rest = text.partition("\n")
    body = rest if sep and len(first) <= HEADLINE_MAX_CHARS and rest.strip() else text
    return [t for t in (m.group() for m in TOKEN_RE.finditer(fold(body))) if t[0].isalnum()]


def shingles(words: list[str], size: int = SHINGLE) -> set[str]:
    """Word ``size``-shingles; a text shorter than ``size`` words gives its words joined."""
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def fingerprint(words: list[str]) -> str:
    """The exact-copy key of an article body."""
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


@dataclass(slots=True)
class NearDuplicateIndex:
    """Incremental exact + near-duplicate index (see the module docstring)."""

    min_jaccard: float = 0.5
    min_jaccard_edited: float = 0.3
    min_word_jaccard: float = 0.7
    seed: int = 7
    _lsh: rensa.RMinHashLSH = field(init=False)
    _keys: list[str] = field(default_factory=list, init=False)
    _shingles: list[frozenset[str]] = field(default_factory=list, init=False)
    _words: list[frozenset[str]] = field(default_factory=list, init=False)
    _exact: dict[str, str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self._lsh = rensa.RMinHashLSH(
            threshold=self.min_jaccard, num_perm=NUM_PERM, num_bands=NUM_BANDS
        )

    def add(self, article_id: str, text: str) -> list[DuplicatePair]:
        """Index ``text`` as ``article_id``; return its duplicates among earlier articles."""
        words = body_words(text)
        key = fingerprint(words)
        original = self._exact.get(key)
        if original is not None:
            return [DuplicatePair(article_id, original, "exact", 1.0)]
        self._exact[key] = article_id
        if len(words) < MIN_WORDS:
            return []
        grams = frozenset(shingles(words))
        minhash = rensa.RMinHash(num_perm=NUM_PERM, seed=self.seed)
        minhash.update(list(grams))
        vocabulary = frozenset(words)
        found = self._verify(article_id, grams, vocabulary, self._lsh.query(minhash))
        self._lsh.insert(len(self._keys), minhash)
        self._keys.append(article_id)
        self._shingles.append(grams)
        self._words.append(vocabulary)
        return found

    def _verify(
        self, article_id: str, grams: frozenset[str], words: frozenset[str], candidates: list[int]
    ) -> list[DuplicatePair]:
        pairs = []
        for index in candidates:
            jaccard = _jaccard(grams, self._shingles[index])
            if jaccard >= self.min_jaccard or (
                jaccard >= self.min_jaccard_edited
                and _jaccard(words, self._words[index]) >= self.min_word_jaccard
            ):
                pairs.append(
                    DuplicatePair(article_id, self._keys[index], "near", round(jaccard, 4))
                )
        pairs.sort(key=lambda p: -p.similarity)
        return pairs


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def find_duplicates(articles: Iterable[tuple[str, str]]) -> list[DuplicatePair]:
    """All duplicate pairs among ``(id, text)`` articles, each linked to the earliest copy."""
    index = NearDuplicateIndex()
    return [pair for article_id, text in articles for pair in index.add(article_id, text)]
