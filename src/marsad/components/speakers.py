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
from functools import cache

from marsad.components.actors import sector_table
from marsad.components.cues import (
    AUXILIARIES,
    FILLERS,
    SPEAKER_STOPS,
    is_attribution,
    is_that,
    lookup_cue,
)
from marsad.components.doc_view import PUNCT_STOPS, QUOTE_CHARS, DocView
from marsad.doc import Mention
from marsad.text.normalize import fold
from marsad.text.tokenize import split_proclitics, strip_proclitics

MAX_SPEAKER_TOKENS = 14
PERSON_NOUNS = """
مصدر مصادر شهود شاهد خبير خبراء محلل محللون محللين مراقبون مراقب مواطن مواطنون مواطنة طبيب
أطباء فنان فنانة مدرب لاعب لاعبة مغني مغنية كاتب كاتبة مؤلف مخرج مخرجة ممثل ممثلة أستاذ باحث
باحثة بيان تقرير تقارير وكالة صحيفة مراسل متحدث متحدثة ناطق ناطقة مسؤولة عضو أعضاء سكان ساكن
تاجر تجار موظف موظفون سائق طالب طالبة أم أب والد والدة شقيق شقيقة زوج زوجة ابن ابنة عائلة
أسرة محامي محامية قاضية نائبة سيناتور عمدة محافظ حاكم قائد زعيم أمين مدير مديرة رئيس رئيسة
منسق منسقة مبعوث مبعوثة ممثل مستشارة وزيرة سفيرة خبيرة ناشطة ناشط مدون إمام شيخ الشيخ منظمة
مؤسسة لجنة هيئة مجلس اتحاد نقابة جمعية مرصد مكتب مركز معهد بنك شركة وزارة أحد إحدى نادي
مفوض مفوضة مندوب مندوبة قنصل رئيسة مراقب محقق
فريق حركة حزب جماعة
"""
TITLE_WINDOW = 7
SPEAKING_TYPES = ("ORG", "GPE", "FAC")
PLACE_LINKS = frozenset({"في", "لدي", "ب"})
ADDRESSEE_PRONOUNS = frozenset({"ه", "ها", "هم", "هما", "هن", "نا", "ك", "كم", "ي"})

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


def person_beyond(view: DocView, window: Window, limit: int) -> Mention | None:
    """A person named just after a window that stopped at في (``الخبيرة في شؤون الطاقة فلانة``).

    Only up to the next إن/أن, colon or quotation mark, and never after ``مع`` (a counterpart).
    """
    if view.word(window.stop) not in PLACE_LINKS:
        return None
    for j in range(window.stop + 1, min(limit, window.stop + 7)):
        w = view.word(j)
        if w in PUNCT_STOPS or w in QUOTE_CHARS or is_that(w) or w == "مع" or lookup_cue(w):
            return None
        mention = view.mention_at(view.tokens[j].start)
        if mention is not None and mention.type == "PER":
            return mention
    return None


def subject_before(view: DocView, cue: int) -> Candidate | None:
    """The subject standing before a cue (``وكانت لجنة التحكيم قد وصفت``, ``الوزارة قالت``)."""
    floor = view.token_index(view.sentence_of(view.tokens[cue].start).start)
    j = cue - 1
    auxiliary = False
    while j >= floor and view.word(j) in AUXILIARIES:
        j, auxiliary = j - 1, True
    if j < floor:
        return None
    mention = view.mention_at(view.tokens[j].end - 1)
    named = mention is not None and mention.type in ("PER", "ORG", "GPE")
    if mention is not None and named and not _governed(view, mention):
        rank = RANK_PERSON if mention.type == "PER" and mention.entity else RANK_NAMED
        return Candidate(mention.start, mention.end, mention.text, mention.entity, rank)
    first = j
    while first > j - 6 and first - 1 >= floor and not is_stop_token(view, first - 1):
        first -= 1
    if not auxiliary and not (first > 0 and is_that(view.word(first - 1))):
        return None
    start, end = view.tokens[first].start, view.tokens[j].end
    return Candidate(start, end, view.text[start:end], None, RANK_TITLE) if end > start else None


def _governed(view: DocView, mention: Mention) -> bool:
    """True for a mention after a preposition (``وفي تايوان قال``): a place, not a subject."""
    i = view.token_index(mention.start)
    if view.word(i - 1) in SPEAKER_STOPS:
        return True
    prefix = view.text[view.tokens[i].start : mention.start]
    return prefix[-1:] in ("ب", "ل") if prefix else False


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
    """Skip ``له``/``لها``/``لرويترز``/``للصحفيين`` right after a cue (the addressee), but not
    a name that starts with ل (``ليلى``, ``لندن``)."""
    w = view.word(i)
    if i >= limit or not w.startswith("ل") or w in ("لدي",) or len(w) < 2:
        return i
    token = view.tokens[i]
    mention = view.mention_at(token.start)
    if mention is not None and mention.start == token.start:
        return i
    inner = view.mention_at(token.start + 1)
    if inner is None and w[1:] not in ADDRESSEE_PRONOUNS and not w.startswith("لل"):
        return i
    end = max(token.end, inner.end if inner is not None else 0)
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
    if person is None:
        person = person_beyond(view, window, len(view.tokens))
    if person is not None:
        rank = RANK_PERSON if person.entity else RANK_NAMED
        return Candidate(person.start, person.end, person.text, person.entity, rank)
    named = next((m for m in mentions if m.type in SPEAKING_TYPES), None)
    if named is not None and named.start - start <= 2:  # وقالت وزارة الخارجية، بحسب خفر السواحل
        return Candidate(named.start, named.end, named.text, named.entity, RANK_NAMED)
    return _title_candidate(view, window, titles, named) or _bare_name(view, window)


def _bare_name(view: DocView, window: Window) -> Candidate | None:
    """A name the tagger missed, standing alone after its cue (``وقال بيسكوف للصحفيين:``): one
    to three words without the article, numbers or an adverb's final alif (``مجددا``)."""
    if not 0 < window.stop - window.first <= 3:
        return None
    words = [view.word(i) for i in range(window.first, window.stop)]
    if any(not w.isalpha() or w.startswith("ال") or w.endswith("ا") for w in words):
        return None
    start, end = view.tokens[window.first].start, view.tokens[window.stop - 1].end
    return Candidate(start, end, view.text[start:end], None, RANK_TITLE)


def _title_candidate(
    view: DocView, window: Window, titles: TitleIndex, named: Mention | None
) -> Candidate | None:
    """A speaker known by a title (``المتحدث``, ``مسؤول في الوزارة``), resolved when possible."""
    start = view.tokens[window.first].start
    end = _trim_title_end(view, window)
    words = title_words(view, window.first, window.stop)
    if end <= start or not words or not plausible_speaker(words[0]):
        return None  # "أكد أن الأمر صعب": no speaker phrase, only words after a cue
    holder = titles.resolve(words, start)
    if holder is not None:
        return Candidate(start, end, view.text[start:end], holder, RANK_RESOLVED)
    entity = named.entity if named is not None else None
    return Candidate(start, end, view.text[start:end], entity, RANK_TITLE)


@cache
def _speaker_heads() -> frozenset[str]:
    """Words a speaker phrase may start with: titles, institutions and people's roles."""
    heads = {key[0] for key in sector_table()}
    return frozenset(heads | {split_proclitics(fold(w))[1] for w in PERSON_NOUNS.split()})


def plausible_speaker(word: str) -> bool:
    """Whether a title-only speaker phrase may start with the (bare, folded) ``word``."""
    heads = _speaker_heads()
    return word in heads or (word.endswith("ا") and word[:-1] in heads)


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
    return strip_proclitics(word)


class TitleIndex:
    """Titles seen before person names (``وزير الخارجية القطري خالد الراشد``) and in roles."""

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
        """The entity best matching the title ``words``: the same head word, and either every
        word of the title (``الوزير`` in ``وزير الخارجية``) or at least two of them shared;
        the most words shared, then the nearest earlier mention, wins."""
        if not words:
            return None
        head = words[0]
        best: tuple[int, int] | None = None
        found: str | None = None
        wanted = set(words)
        for pos, entity, known, _ in self.entries:
            shared = len(wanted & known)
            if head not in known or (shared < len(wanted) and shared < 2):
                continue  # وزير الدولة لشؤون آسيا is not وزير الخارجية
            score = (shared, pos if pos < before else -2 - pos)
            if best is None or score > best:
                best, found = score, entity
        return found
