"""A read-only view of an annotated Document for the rule-based layers (quotes, events).

It folds every token once (:data:`marsad.text.normalize.MATCH`), and answers the questions those
layers keep asking in O(log n): which token holds a character, which mentions lie in a span,
which sentence and paragraph a position belongs to. Offsets are always those of the original text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from marsad.doc import Document, Entity, Mention, Sentence, Token
from marsad.text.normalize import fold
from marsad.text.tokenize import tokenize

QUOTE_CHARS = frozenset('“”«»"‘’„')
_fold = lru_cache(maxsize=262144)(fold)
PUNCT_STOPS = frozenset(".،,؛;:!?؟")


@dataclass(frozen=True, slots=True)
class Span:
    """A plain span of the original text."""

    start: int
    end: int


class DocView:
    """Folded tokens, mentions and sentences of ``doc`` with position lookups.

    :meth:`of` shares one view between the components that run one after the other on the same
    document (quotes, then events), as long as its tokens and mentions are unchanged.
    """

    _last: DocView | None = None

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.tokens: list[Token] = doc.tokens or tokenize(doc.text)
        self.folded: list[str] = [_fold(t.text) for t in self.tokens]
        self.starts: list[int] = [t.start for t in self.tokens]
        self.mentions: list[Mention] = sorted(doc.mentions, key=lambda m: (m.start, -m.end))
        self._mention_starts = [m.start for m in self.mentions]
        self.sentences: list[Sentence] = doc.sentences or [Sentence(0, len(doc.text))]
        self._sentence_starts = [s.start for s in self.sentences]
        self.paragraphs: list[Span] = _paragraphs(doc.text)
        self._paragraph_starts = [p.start for p in self.paragraphs]
        self.entities: dict[str, Entity] = {e.id: e for e in doc.entities}
        self._signature = _signature(doc)

    @classmethod
    def of(cls, doc: Document) -> DocView:
        """The view of ``doc``, reused when the previous call was for the same annotations."""
        last = cls._last
        if last is not None and last.doc is doc and last.signature() == _signature(doc):
            return last
        view = cls(doc)
        cls._last = view
        return view

    def signature(self) -> tuple[int, ...]:
        return self._signature

    # --- tokens ----------------------------------------------------------------------------

    def token_index(self, pos: int) -> int:
        """Index of the first token that ends after ``pos`` (``len(tokens)`` if none)."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.tokens[i].end > pos:
            return i
        return i + 1

    def token_range(self, start: int, end: int) -> range:
        """Indices of the tokens lying inside ``[start, end)``."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    def word(self, i: int) -> str:
        """The folded token ``i`` (empty past the end)."""
        return self.folded[i] if 0 <= i < len(self.folded) else ""

    # --- mentions --------------------------------------------------------------------------

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that start inside ``[start, end)`` and end by ``end``."""
        lo = bisect_left(self._mention_starts, start)
        hi = bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def mention_at(self, pos: int) -> Mention | None:
        """The mention covering character ``pos``, if any."""
        i = bisect_right(self._mention_starts, pos) - 1
        while i >= 0 and i >= bisect_right(self._mention_starts, pos) - 3:
            m = self.mentions[i]
            if m.start <= pos < m.end:
                return m
            i -= 1
        return None

    def entity(self, mention: Mention | None) -> Entity | None:
        """The entity a mention is linked to, if any."""
        if mention is None or mention.entity is None:
            return None
        return self.entities.get(mention.entity)

    # --- sentences and paragraphs ----------------------------------------------------------

    def sentence_of(self, pos: int) -> Sentence:
        """The sentence holding ``pos`` (the nearest one before it between sentences)."""
        i = max(bisect_right(self._sentence_starts, pos) - 1, 0)
        return self.sentences[i]

    def sentence_index(self, pos: int) -> int:
        return max(bisect_right(self._sentence_starts, pos) - 1, 0)

    def paragraph_of(self, pos: int) -> Span:
        i = max(bisect_right(self._paragraph_starts, pos) - 1, 0)
        return self.paragraphs[i]

    def paragraph_index(self, pos: int) -> int:
        return max(bisect_right(self._paragraph_starts, pos) - 1, 0)


def _signature(doc: Document) -> tuple[int, ...]:
    """What a view depends on: the identity and size of the layers it reads."""
    layers = (doc.tokens, doc.mentions, doc.sentences, doc.entities, doc.times)
    return tuple(x for layer in layers for x in (id(layer), len(layer)))


def _paragraphs(text: str) -> list[Span]:
    """Line spans of ``text`` stripped of surrounding white space (empty lines dropped)."""
    out: list[Span] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line)
        pos = end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Span(start, end))
    return out or [Span(0, len(text))]
