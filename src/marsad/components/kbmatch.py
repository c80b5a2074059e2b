"""Find knowledge-base phrases (demonyms, country names, titles, place names) in a document.

:class:`TokenView` folds every token of the document once; :class:`Scanner` finds, left to right,
the longest phrase starting at each token, allowing proclitics (و ف ب ل ك and the article) on its
first word. Each :class:`Hit` carries token indices and character offsets into the original text,
starting after any proclitic (``واليابان`` -> ``اليابان``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from marsad.components.kb import Key, KnowledgeBase, Record, Title, load_kb, name_key, word_forms
from marsad.doc import Document, Token
from marsad.text.normalize import fold, normalize
from marsad.text.tokenize import tokenize

DEMONYM, COUNTRY, TITLE, CONSTRUCT, PLACE = "demonym", "country", "title", "construct", "place"
Value = str | Title | Record
Entry = tuple[Key, str, Value]
MAX_CACHE = 1 << 17


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase of the lexicon found at tokens ``[first, last)``, chars ``[start, end)``."""

    first: int
    last: int
    start: int
    end: int
    kind: str
    value: Value


_FOLDED: dict[str, str] = {}


def fold_words(tokens: Sequence[Token]) -> list[str]:
    """``fold`` of each token's text (memoized: tokens repeat across documents)."""
    memo = _FOLDED
    out = []
    for token in tokens:
        folded = memo.get(token.text)
        if folded is None:
            folded = fold(token.text)
            if len(memo) < MAX_CACHE:
                memo[token.text] = folded
        out.append(folded)
    return out


class TokenView:
    """The document's tokens and their folded forms."""

    def __init__(self, doc: Document) -> None:
        self.text = doc.text
        self.tokens: list[Token] = doc.tokens or tokenize(doc.text)
        self.folded: list[str] = fold_words(self.tokens)
        self.starts: list[int] = [t.start for t in self.tokens]

    def __len__(self) -> int:
        return len(self.tokens)

    def word(self, i: int) -> str:
        """The folded token ``i`` ('' outside the document)."""
        return self.folded[i] if 0 <= i < len(self.folded) else ""

    def char_start(self, i: int, prefix: int) -> int:
        """Original offset of folded character ``prefix`` of token ``i``."""
        token = self.tokens[i]
        if prefix == 0:
            return token.start
        norm = normalize(token.text)
        return token.start + norm.to_original(prefix, len(norm.text))[0]

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]


class Scanner:
    """Longest-match search of a fixed phrase lexicon over a :class:`TokenView`."""

    def __init__(self, phrases: Iterable[tuple[Key, str, Value]]) -> None:
        by_first: dict[str, dict[Key, tuple[str, Value]]] = defaultdict(dict)
        for key, kind, value in phrases:
            if key:
                by_first[key[0]][key] = (kind, value)
        self.by_first: dict[str, list[Entry]] = {
            first: sorted(((k, *v) for k, v in entries.items()), key=lambda e: -len(e[0]))
            for first, entries in by_first.items()
        }
        self._starts: dict[str, tuple[tuple[int, list[Entry]], ...]] = {}

    def starts(self, word: str) -> tuple[tuple[int, list[Entry]], ...]:
        """The readings of a folded word that begin a phrase, with their phrases (cached)."""
        found = self._starts.get(word)
        if found is None:
            found = tuple(
                (prefix, self.by_first[form]) for form, prefix in word_forms(word)
                if form in self.by_first
            )  # fmt: skip
            if len(self._starts) < MAX_CACHE:
                self._starts[word] = found
        return found

    def match_at(self, view: TokenView, i: int) -> Hit | None:
        """The longest phrase starting at token ``i``, or None."""
        return self._match(view, i, self.starts(view.folded[i]))

    def _match(
        self, view: TokenView, i: int, readings: tuple[tuple[int, list[Entry]], ...]
    ) -> Hit | None:
        folded = view.folded
        for prefix, candidates in readings:
            for key, kind, value in candidates:
                n = len(key)
                if n == 1 or tuple(folded[i + 1 : i + n]) == key[1:]:
                    start = view.char_start(i, prefix)
                    return Hit(i, i + n, start, view.tokens[i + n - 1].end, kind, value)
        return None

    def scan(self, view: TokenView) -> list[Hit]:
        """Every non-overlapping hit, left to right."""
        hits: list[Hit] = []
        cache, folded = self._starts, view.folded
        i, n = 0, len(folded)
        while i < n:
            readings = cache.get(folded[i])
            if readings is None:
                readings = self.starts(folded[i])
            hit = self._match(view, i, readings) if readings else None
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = hit.last
        return hits


@cache
def document_scanner() -> Scanner:
    """The scanner of demonyms, country and place names and titles (built once per process)."""
    return Scanner(lexicon_phrases(load_kb()))


def lexicon_phrases(kb: KnowledgeBase) -> list[tuple[Key, str, Value]]:
    """The phrases to find in running text; later entries win over earlier ones of equal key."""
    phrases: list[tuple[Key, str, Value]] = []
    for key, records in kb.places.items():
        record = records[0]
        kind = COUNTRY if len(records) == 1 and record.kind == "country" else PLACE
        phrases.append((key, kind, record))
    phrases.extend((key, DEMONYM, iso3) for key, iso3 in kb.demonyms.items())
    phrases.extend((key, CONSTRUCT, title) for key, title in kb.construct_titles.items())
    phrases.extend((key, TITLE, title) for key, title in kb.titles.items())
    return phrases


def hits_between(hits: Sequence[Hit], first: int, last: int) -> list[Hit]:
    """The hits lying within tokens ``[first, last)``."""
    return [h for h in hits if h.first >= first and h.last <= last]


def hit_key(view: TokenView, hit: Hit) -> Key:
    """The folded words of a hit's text."""
    return name_key(view.span_text(hit.start, hit.end))
