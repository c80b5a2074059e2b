"""Who is speaking: speaker phrases after a cue, titles resolved to the people the article named.

A speaker phrase is read from the tokens after a reporting verb up to the first word that ends it
(إن/أن, a colon, a quotation mark, a comma, a preposition or a time word). Inside it a person
mention wins; failing that an organisation or place (``قالت وزارة الخارجية``); failing that the
phrase is a title (``المتحدث``, ``مساعد وزير الخارجية``) which :class:`TitleIndex` resolves to the
person the article introduced with that title (``المتحدث باسم الوزارة فلان`` earlier, or an
entity whose ``roles`` carry the title).
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.components.cues import (
    FILLERS,
    SPEAKER_STOPS,
    is_attribution,
    is_that,
    lookup_cue,
)
from marsad.components.doc_view import PUNCT_STOPS, QUOTE_CHARS, DocView
from marsad.doc import Mention
from marsad.text.normalize import fold
from marsad.text.tokenize import strip_proclitics

MAX_SPEAKER_TOKENS = 14
TITLE_WINDOW = 7
SPEAKING_TYPES = ("ORG", "GPE", "FAC")
PLACE_LINKS = frozenset({"في", "لدي", "ب"})

# Rank of a speaker candidate: a higher rank wins when a quote has speakers on both sides.
RANK_PRONOUN, RANK_TITLE, RANK_RESOLVED, RANK_NAMED, RANK_PERSON = 0, 1, 2, 3, 4


@dataclass(slots=True)
class Candidate:
    """A speaker found in the text, with the entity it stands for and how sure we are."""

    start: int
    end: int
    text: str
    entity: str | None
    rank: int


@dataclass(slots=True)
class Window:
    """The tokens after a cue that may hold its speaker, and what ended them."""

    first: int  # first token index of the speaker phrase
    stop: int  # index of the token that ended it (len(tokens) at the end)
    addressee_end: int  # first token after the cue and any addressee (له، لرويترز)

    @property
    def empty(self) -> bool:
        return self.stop <= self.first


def is_stop_token(view: DocView, i: int) -> bool:
    """True for a token that ends a speaker phrase."""
    w = view.word(i)
    if not w or w in PUNCT_STOPS or w in QUOTE_CHARS or is_that(w) or w in SPEAKER_STOPS:
        return True
    return lookup_cue(w) is not None or is_attribution(w)


def read_window(view: DocView, cue: int, limit: int) -> Window:
    """The speaker window after the cue token ``cue`` (tokens before index ``limit``)."""
    i = cue + 1
    i = _skip_addressee(view, i, limit)
    addressee_end = i
    while i < limit and view.word(i) in FILLERS:
        i += 1
    first = i
    while i < limit and i - first < MAX_SPEAKER_TOKENS:
        if is_stop_token(view, i):
            skip = _place_qualifier(view, i, limit)
            if skip == i:
                break
            i = skip
            continue
        i += 1
    return Window(first, i, addressee_end)


def _place_qualifier(view: DocView, i: int, limit: int) -> int:
    """After ``في``/``لدى`` + a place inside a title (``السفيرة في سيول فلانة``), the next index."""
    if view.word(i) not in PLACE_LINKS or i + 1 >= limit:
        return i
    place = view.mention_at(view.tokens[i + 1].start)
    if place is None or place.type not in ("GPE", "LOC"):
        return i
    j = i + 1
    while j < limit and view.tokens[j].start < place.end:
        j += 1
    person = view.mention_at(view.tokens[j].start) if j < limit else None
    return j if person is not None and person.type == "PER" else i


def _skip_addressee(view: DocView, i: int, limit: int) -> int:
    """Skip ``له``/``لها``/``لرويترز``/``للصحفيين`` right after a cue (the addressee)."""
    w = view.word(i)
    if i >= limit or not w.startswith("ل") or w in ("لدي",) or len(w) < 2:
        return i
    end = view.tokens[i].end
    mention = view.mention_at(view.tokens[i].start + 1) or view.mention_at(end - 1)
    if mention is not None:
        end = max(end, mention.end)
    j = i + 1
    while j < limit and view.tokens[j].start < end:
        j += 1
    return j


def candidate_from_window(view: DocView, window: Window, titles: TitleIndex) -> Candidate | None:
    """The best speaker in the window: a person, an organisation or place, else a title."""
    if window.empty:
        return None
    start = view.tokens[window.first].start
    end = view.tokens[window.stop - 1].end
    mentions = view.mentions_in(start, end)
    person = next((m for m in mentions if m.type == "PER"), None)
    if person is not None:
        rank = RANK_PERSON if person.entity else RANK_NAMED
        return Candidate(person.start, person.end, person.text, person.entity, rank)
    end = _trim_title_end(view, window)
    if end <= start:
        return None
    words = title_words(view, window.first, window.stop)
    holder = titles.resolve(words, start)
    if holder is not None:
        return Candidate(start, end, view.text[start:end], holder, RANK_RESOLVED)
    named = next((m for m in mentions if m.type in SPEAKING_TYPES), None)
    if named is not None and named.start == start:
        return Candidate(named.start, named.end, named.text, named.entity, RANK_NAMED)
    entity = named.entity if named is not None else None
    return Candidate(start, end, view.text[start:end], entity, RANK_TITLE)


def _trim_title_end(view: DocView, window: Window) -> int:
    """End of the title phrase: the window less any time expression inside it."""
    start = view.tokens[window.first].start
    end = view.tokens[window.stop - 1].end
    for time in view.doc.times:
        if start < time.start < end:
            end = time.start
    while end > start and view.text[end - 1].isspace():
        end -= 1
    return end


def title_words(view: DocView, first: int, stop: int) -> tuple[str, ...]:
    """Folded content words of tokens ``first..stop`` without و/ال proclitics."""
    out = []
    for i in range(first, stop):
        w = view.word(i)
        if not w[:1].isalpha():
            continue
        out.append(_bare(w))
    return tuple(out)


def _bare(word: str) -> str:
    stem = strip_proclitics(word)
    if stem == word and word[:1] == "و" and len(word) > 4:
        stem = strip_proclitics(word[1:])
    return stem


class TitleIndex:
    """Titles seen before person names (``وزير الخارجية الأمريكي أنتوني بلينكن``) and in roles."""

    def __init__(self, view: DocView) -> None:
        self.view = view
        self.entries: list[tuple[int, str, frozenset[str], str]] = []  # pos, entity, words, head
        for mention in view.mentions:
            if mention.type == "PER" and mention.entity:
                self._add_context(mention)
        for entity in view.doc.entities:
            for role in entity.roles:
                words = tuple(_bare(fold(w)) for w in role.title.split())
                if words:
                    self.entries.append((-1, entity.id, frozenset(words), words[0]))

    def _add_context(self, mention: Mention) -> None:
        view = self.view
        last = view.token_index(mention.start) - 1
        first = last
        sentence = view.sentence_of(mention.start)
        while first >= 0 and last - first < TITLE_WINDOW:
            tok = view.tokens[first]
            if tok.start < sentence.start or is_stop_token(view, first):
                break
            other = view.mention_at(tok.start)
            if other is not None and other.type == "PER":
                break
            first -= 1
        words = title_words(view, first + 1, last + 1)
        if words and mention.entity:
            self.learn(words, mention.entity, mention.start)

    def learn(self, words: tuple[str, ...], entity: str, pos: int) -> None:
        """Record that ``words`` (a title) named ``entity`` at ``pos``."""
        if words:
            self.entries.append((pos, entity, frozenset(words), words[0]))

    def resolve(self, words: tuple[str, ...], before: int) -> str | None:
        """The entity best matching the title ``words``: same head word, most words shared."""
        if not words:
            return None
        head = words[0]
        best: tuple[int, int] | None = None
        found: str | None = None
        wanted = set(words)
        for pos, entity, known, _ in self.entries:
            if head not in known:
                continue
            score = (len(wanted & known), pos if pos < before else -2 - pos)
            if best is None or score > best:
                best, found = score, entity
        return found
