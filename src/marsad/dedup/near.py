"""Exact and near-duplicate detection for syndicated copies.

Wire stories reach a collection many times: the same text under another headline, with an
outlet's boilerplate added, or lightly edited. Each article is reduced to its *body* (the text
without its headline line), folded with Marsad's normalizer, and compared on word 3-shingles:

1. an exact copy has the same body fingerprint (sha1 of the folded words); a body shorter than
   ``MIN_WORDS`` words is fingerprinted with its headline, so stubs that share one line of site
   boilerplate ("all articles reflect their authors' views") are not copies of each other;
2. near-copy candidates come from MinHash LSH (rensa, 126 permutations in 42 bands of 3 rows);
3. every candidate pair is verified on the real sets: shingle Jaccard >= ``min_jaccard``, or
   shingle Jaccard >= ``min_jaccard_edited`` with word-set Jaccard >= ``min_word_jaccard`` (a
   copy with scattered word edits loses many shingles but few words). Nothing is reported on the
   MinHash estimate alone, and containment is not enough: articles that share a background
   paragraph were the false matches it produced on the ANT corpus;
4. when both articles are dated more than ``max_days`` apart, a near pair needs shingle Jaccard
   >= ``min_jaccard_far``: syndicated copies appear within days, while recurring reports written
   on one template (monthly inflation figures, "missile intercepted over Jazan") weeks apart share
   most of their words but not their news.
5. the lead (first ``LEAD_WORDS`` body words) of one of the two must reappear in the other: at
   least ``min_lead_share`` of its shingles. A copy keeps its lead (edited or not), and an update
   that puts a new top on an earlier article carries that article's lead along; two articles that
   open on leads of their own and share only background paragraphs are not copies of each other.

The index is incremental: ``add`` returns the duplicates of the new article among those already
added. It keeps each article's shingles and words as sorted arrays of 32-bit hashes, not the
strings: about 5.4 KB per article with the LSH tables (158 MB for the 30,022 ANT articles).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import rensa

from marsad.text.normalize import fold

NUM_PERM = 126
NUM_BANDS = 42
SHINGLE = 3
MIN_WORDS = 20
LEAD_WORDS = 40
HEADLINE_MAX_CHARS = 200

_WORD = re.compile(r"[^\W_]+")
Hashes = npt.NDArray[np.uint32]
_EMPTY: Hashes = np.zeros(0, dtype=np.uint32)
_LOW32 = 0xFFFFFFFF


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """``article`` duplicates ``original`` (added earlier); ``kind`` is exact or near."""

    article: str
    original: str
    kind: str
    similarity: float


def words_of(text: str) -> list[str]:
    """Folded words (letters and digits) of ``text``."""
    return _WORD.findall(fold(text))


def split_headline(text: str, headline: str | None = None) -> tuple[str, str]:
    """``(headline line, body)`` of ``text``.

    With a known ``headline``, a first line that repeats it is the headline line and any other
    first line is body. Without one, a short first line followed by more text is taken for it,
    unless it ends like a sentence (a full stop): that is a short first paragraph.
    """
    first, sep, rest = text.partition("\n")
    if not sep or not rest.strip():
        return "", text
    if headline is not None:
        same = words_of(first) == words_of(headline)
        return (first, rest) if same else ("", text)
    line = first.strip()
    if len(line) > HEADLINE_MAX_CHARS or line.endswith((".", "\u06d4")):
        return "", text
    return first, rest


def body_words(text: str, headline: str | None = None) -> list[str]:
    """Folded words of the article body (its headline line left out)."""
    return words_of(split_headline(text, headline)[1])


def shingles(words: list[str], size: int = SHINGLE) -> set[str]:
    """Word ``size``-shingles; a text shorter than ``size`` words gives its words joined."""
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def fingerprint(words: list[str]) -> str:
    """The exact-copy key of an article body."""
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


def _hashes(items: Iterable[str]) -> Hashes:
    """Sorted distinct 32-bit hashes of ``items`` (a chance collision between two articles'
    sets of a few hundred items is about one in fifty thousand comparisons)."""
    values = np.fromiter((hash(item) & _LOW32 for item in items), dtype=np.uint32)
    return np.unique(values)


def _jaccard(a: Hashes, b: Hashes) -> float:
    shared = np.intersect1d(a, b, assume_unique=True).size
    union = a.size + b.size - shared
    return shared / union if union else 0.0


@dataclass(frozen=True, slots=True)
class _Body:
    """What the index compares of one article: its exact key, MinHash and hashed sets."""

    key: str
    minhash: rensa.RMinHash | None
    grams: Hashes
    words: Hashes
    lead: Hashes
    day: int | None

    @classmethod
    def of(cls, text: str, headline: str | None, published: dt.date | None, seed: int) -> _Body:
        head, body = split_headline(text, headline)
        words = words_of(body)
        day = published.toordinal() if published is not None else None
        if len(words) < MIN_WORDS:
            key = fingerprint([*words_of(head), "\n", *words])
            return cls(key, None, _EMPTY, _EMPTY, _EMPTY, day)
        grams = shingles(words)
        minhash = rensa.RMinHash(num_perm=NUM_PERM, seed=seed)
        minhash.update(list(grams))
        lead = _hashes(shingles(words[:LEAD_WORDS]))
        return cls(fingerprint(words), minhash, _hashes(grams), _hashes(set(words)), lead, day)


@dataclass(slots=True)
class NearDuplicateIndex:
    """Incremental exact + near-duplicate index (see the module docstring)."""

    min_jaccard: float = 0.5
    min_jaccard_edited: float = 0.3
    min_word_jaccard: float = 0.7
    max_days: int = 3
    min_jaccard_far: float = 0.8
    min_lead_share: float = 0.3
    seed: int = 7
    _lsh: rensa.RMinHashLSH = field(init=False)
    _keys: list[str] = field(default_factory=list, init=False)
    _shingles: list[Hashes] = field(default_factory=list, init=False)
    _words: list[Hashes] = field(default_factory=list, init=False)
    _leads: list[Hashes] = field(default_factory=list, init=False)
    _days: list[int | None] = field(default_factory=list, init=False)
    _exact: dict[str, str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self._lsh = rensa.RMinHashLSH(
            threshold=self.min_jaccard_edited, num_perm=NUM_PERM, num_bands=NUM_BANDS
        )

    def __len__(self) -> int:
        return len(self._exact)

    def add(
        self,
        article_id: str,
        text: str,
        *,
        headline: str | None = None,
        published: dt.date | None = None,
    ) -> list[DuplicatePair]:
        """Index ``text`` as ``article_id``; return its duplicates among earlier articles.

        ``headline`` is the article's known headline (its first line is left out when it
        repeats it); ``published`` its publication date, for the ``max_days`` rule.
        """
        body = _Body.of(text, headline, published, self.seed)
        found = self._match(article_id, body)
        if found and found[0].kind == "exact":
            return found
        self._exact[body.key] = article_id
        if body.minhash is not None:
            self._lsh.insert(len(self._keys), body.minhash)
            self._keys.append(article_id)
            self._shingles.append(body.grams)
            self._words.append(body.words)
            self._leads.append(body.lead)
            self._days.append(body.day)
        return found

    def find(
        self,
        article_id: str,
        text: str,
        *,
        headline: str | None = None,
        published: dt.date | None = None,
    ) -> list[DuplicatePair]:
        """The duplicates ``text`` would have among the indexed articles, without adding it."""
        return self._match(article_id, _Body.of(text, headline, published, self.seed))

    def _match(self, article_id: str, body: _Body) -> list[DuplicatePair]:
        original = self._exact.get(body.key)
        if original is not None:
            return [DuplicatePair(article_id, original, "exact", 1.0)]
        if body.minhash is None:
            return []
        return self._verify(article_id, body, self._lsh.query(body.minhash))

    def _verify(self, article_id: str, body: _Body, candidates: list[int]) -> list[DuplicatePair]:
        pairs = []
        for index in candidates:
            jaccard = _jaccard(body.grams, self._shingles[index])
            if (
                self._similar(jaccard, body.words, index)
                and self._near_in_time(jaccard, body.day, index)
                and self._lead_shared(body, index)
            ):
                pairs.append(
                    DuplicatePair(article_id, self._keys[index], "near", round(jaccard, 4))
                )
        pairs.sort(key=lambda p: (-p.similarity, p.original))
        return pairs

    def _similar(self, jaccard: float, words: Hashes, index: int) -> bool:
        if jaccard >= self.min_jaccard:
            return True
        return (
            jaccard >= self.min_jaccard_edited
            and _jaccard(words, self._words[index]) >= self.min_word_jaccard
        )

    def _near_in_time(self, jaccard: float, day: int | None, index: int) -> bool:
        other = self._days[index]
        if day is None or other is None or abs(day - other) <= self.max_days:
            return True
        return jaccard >= self.min_jaccard_far

    def _lead_shared(self, body: _Body, index: int) -> bool:
        mine, theirs = body.lead, self._leads[index]
        share = max(_covered(mine, self._shingles[index]), _covered(theirs, body.grams))
        return share >= self.min_lead_share


def _covered(part: Hashes, whole: Hashes) -> float:
    """The share of ``part`` found in ``whole``."""
    return np.intersect1d(part, whole, assume_unique=True).size / part.size if part.size else 0.0


def find_duplicates(articles: Iterable[tuple[str, str]]) -> list[DuplicatePair]:
    """All duplicate pairs among ``(id, text)`` articles, each linked to the earliest copy."""
    index = NearDuplicateIndex()
    return [pair for article_id, text in articles for pair in index.add(article_id, text)]
