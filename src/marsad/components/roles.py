"""Titles before person names: ``وزير الخارجية القطري خالد الراشد`` -> a role on the person.

A title found by the scanner (:mod:`marsad.components.kbmatch`) is read forward: a nationality
adjective (``الأمريكي``) or, after a construct title, a country (``وزير خارجية اليابان``) gives
the role's country; ``السابق`` makes it a former office; ``لدى X`` / ``في X`` (the host of an
envoy), honorifics (``السيد``) and a ``لشؤون ...`` complement are passed over. The person
mention that starts right there receives the :class:`~marsad.doc.Role`. When the tagger missed
the name, a conservative guess from the person-name lexicon proposes one; when no name follows
at all, the title stays title-only (the entity layer may resolve it to a person named earlier).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from marsad.components.kb import KnowledgeBase, Title, name_key, word_forms
from marsad.components.kbmatch import CONSTRUCT, COUNTRY, DEMONYM, PLACE, TITLE, Hit, TokenView
from marsad.doc import Mention, Role

FORMER = frozenset({"السابق", "السابقه", "الاسبق", "الاسبقه"})
HOST_LINKS = frozenset({"لدي", "في"})
COMPLEMENT_LINKS = frozenset({"لشوون", "للشوون", "لشيون", "لقضايا", "لملف"})
HONORIFICS = frozenset({"السيد", "السيده", "الدكتور", "الدكتوره", "د", "المهندس", "الحاج"})
NAME_STOPS = frozenset({
    "في", "من", "الي", "علي", "عن", "مع", "ان", "انه", "انها", "قد", "لا", "لم", "لن",
    "ما", "هو", "هي", "هذا", "هذه", "ذلك", "تلك", "الذي", "التي", "الذين", "قال", "قالت",
    "يقول", "تقول", "اكد", "اكدت", "اعلن", "اعلنت", "صرح", "صرحت", "اضاف", "اضافت", "اشار",
    "اشارت", "ذكر", "ذكرت", "اوضح", "اوضحت", "بعد", "قبل", "خلال", "امس", "اليوم", "غدا",
    "يوم", "كان", "كانت", "يكون", "سيكون", "ليس", "بين", "حول", "ضد", "عبر", "منذ", "حتي",
    "ايضا", "كما", "او", "ثم", "بل", "لكن", "وقال", "وقالت", "انا", "انت", "نحن", "هم", "انتم",
})  # fmt: skip
NAME_HEADS = frozenset({
    "مدينه", "مركز", "جايزه", "جامعه", "مطار", "شارع", "مستشفي", "قاعده", "ميناء", "مسجد",
    "جسر", "ملعب", "مدرسه", "موسسه", "برنامج", "قصر", "حديقه", "كليه", "معهد", "مجمع", "طريق",
    "ساحه", "ميدان", "مكتبه", "متحف", "مدينتي", "كاس", "بطوله", "سباق", "مهرجان", "صندوق",
})  # fmt: skip
MAX_COMPLEMENT = 7
MAX_NAME_WORDS = 3
PERSON = "PER"


@dataclass(slots=True)
class RoleHit:
    """A title found in the text, the role it gives, and where the person's name should begin."""

    title: Title
    role: Role
    start: int
    end: int
    name_token: int
    country: str | None
    mention: Mention | None = None
    guessed: tuple[int, int] | None = None


class MentionIndex:
    """Mentions by the token they start in, and a check of which tokens they cover."""

    def __init__(self, view: TokenView, mentions: Sequence[Mention]) -> None:
        self.starting: dict[int, Mention] = {}
        self.covered: set[int] = set()
        for mention in mentions:
            tokens = token_range(view, mention.start, mention.end)
            if tokens:
                self.starting.setdefault(tokens[0], mention)
                self.covered.update(tokens)

    def at(self, i: int) -> Mention | None:
        return self.starting.get(i)

    def without(self, tokens: Iterable[int]) -> MentionIndex:
        """A copy that no longer counts ``tokens`` as covered (nor mentions starting there)."""
        drop = set(tokens)
        copy = MentionIndex.__new__(MentionIndex)
        copy.starting = {i: m for i, m in self.starting.items() if i not in drop}
        copy.covered = self.covered - drop
        return copy


def token_range(view: TokenView, start: int, end: int) -> range:
    """Indices of the tokens overlapping the characters ``[start, end)``."""
    first = bisect_right(view.starts, start) - 1
    if first < 0 or view.tokens[first].end <= start:
        first += 1
    return range(first, bisect_left(view.starts, end))


def find_roles(
    view: TokenView, hits: Sequence[Hit], mentions: MentionIndex, kb: KnowledgeBase
) -> list[RoleHit]:
    """A :class:`RoleHit` for every title not inside another mention."""
    at = {h.first: h for h in hits}
    found = []
    for hit in hits:
        if hit.kind not in (TITLE, CONSTRUCT) or _part_of_a_name(view, hit):
            continue
        holder = _person_at(mentions, hit.first)  # a tagger that kept the title: "[الملك سلمان]"
        if holder is None and any(i in mentions.covered for i in range(hit.first, hit.last)):
            continue
        index = mentions if holder is None else mentions.without(range(hit.first, hit.last))
        role = read_role(view, hit, at, index)
        if role is not None:
            role.mention = holder or _person_at(mentions, role.name_token)
            if role.mention is None:
                role.guessed = guess_name(view, role.name_token, mentions, kb)
            found.append(role)
    return found


def _part_of_a_name(view: TokenView, hit: Hit) -> bool:
    """Whether the title follows a head noun it names something after (``مدينة الملك عبد الله``,
    ``لجائزة الملك فيصل``)."""
    return any(form in NAME_HEADS for form, _ in word_forms(view.word(hit.first - 1)))


def read_role(
    view: TokenView, hit: Hit, at: dict[int, Hit], mentions: MentionIndex
) -> RoleHit | None:
    """Read a title's country, former-ness and complement; None for a construct form that no
    country or organization completes."""
    title = hit.value
    if not isinstance(title, Title):
        return None
    p, country, title_end = hit.last, None, hit.end
    nxt = at.get(p)
    if nxt is not None and nxt.kind == DEMONYM:
        country, p = str(nxt.value), nxt.last
    elif hit.kind == CONSTRUCT:
        country, p = _genitive(view, p, at, mentions)
        if p == hit.last:
            return None
        if country is None:
            title_end = view.tokens[p - 1].end  # "رئيس بلدية نيويورك": the office names its place
    former = False
    for _ in range(4):
        word = view.word(p)
        if word in FORMER:
            former, p = True, p + 1
        elif word in HONORIFICS:
            p += 1
        elif word in HOST_LINKS and _place_or_org_at(view, p + 1, at, mentions) > p + 1:
            p = _place_or_org_at(view, p + 1, at, mentions)
        elif word in COMPLEMENT_LINKS or (title.key.endswith("باسم") and p == hit.last):
            end = _complement_end(view, p, mentions)
            if end is None:
                break
            country = country or _demonym_within(at, p, end)  # "باسم الخارجية الأمريكية"
            title_end, p = view.tokens[end - 1].end, end
        else:
            break
    latin = ("Former " if former else "") + title.latin_for(country)
    text = view.span_text(hit.start, title_end)
    role = Role(title=text, title_latin=latin, country=country)
    return RoleHit(title, role, hit.start, title_end, p, country)


def _genitive(
    view: TokenView, p: int, at: dict[int, Hit], mentions: MentionIndex
) -> tuple[str | None, int]:
    """The country (and the token after it) completing a construct title at token ``p``."""
    nxt = at.get(p)
    if nxt is not None and nxt.kind == COUNTRY:
        return getattr(nxt.value, "country", None), nxt.last
    end = _place_or_org_at(view, p, at, mentions)
    return None, end


def _place_or_org_at(view: TokenView, p: int, at: dict[int, Hit], mentions: MentionIndex) -> int:
    """The token after a place or organization starting at ``p`` (``p`` when there is none)."""
    nxt = at.get(p)
    if nxt is not None and nxt.kind in (COUNTRY, PLACE):
        return nxt.last
    mention = mentions.at(p)
    if mention is not None and mention.type in ("GPE", "LOC", "ORG", "FAC"):
        return _token_after(view, mention.end, p)
    return p


def _token_after(view: TokenView, end: int, p: int) -> int:
    while p < len(view) and view.tokens[p].start < end:
        p += 1
    return p


def _complement_end(view: TokenView, p: int, mentions: MentionIndex) -> int | None:
    """The token where a ``لشؤون ...`` complement ends: right before a person mention."""
    for q in range(p + 1, min(p + MAX_COMPLEMENT + 1, len(view))):
        mention = mentions.at(q)
        if mention is not None and mention.type == PERSON:
            return q
        if not view.word(q).isalpha() or view.word(q) in NAME_STOPS:
            return None
    return None


def _demonym_within(at: dict[int, Hit], first: int, last: int) -> str | None:
    """The country of the first nationality adjective among tokens ``[first, last)``."""
    return next(
        (str(h.value) for i in range(first, last) if (h := at.get(i)) and h.kind == DEMONYM), None
    )


def _person_at(mentions: MentionIndex, p: int) -> Mention | None:
    mention = mentions.at(p)
    return mention if mention is not None and mention.type == PERSON else None


def guess_name(
    view: TokenView, p: int, mentions: MentionIndex, kb: KnowledgeBase
) -> tuple[int, int] | None:
    """Tokens ``[p, q)`` that look like a person's name right after a title, or None.

    Two or three words: a known given name, then known name words or one foreign-looking word
    (no article, not a function word, not in the lexicons). A single word only when the knowledge
    base knows it as a person's surname.
    """
    if p >= len(view) or p in mentions.covered:
        return None
    first = view.word(p)
    if kb.person(name_key(view.tokens[p].text)) is not None and not _name_word(view, p + 1, kb):
        return p, p + 1
    if first not in kb.name_tokens or first in NAME_STOPS:
        return None
    q = p + 1
    while q < len(view) and q - p < MAX_NAME_WORDS and q not in mentions.covered:
        if not _name_word(view, q, kb) and not (q == p + 1 and _foreign_word(view.word(q), kb)):
            break
        q += 1
    return (p, q) if q - p >= 2 else None


def _name_word(view: TokenView, q: int, kb: KnowledgeBase) -> bool:
    word = view.word(q)
    return word in kb.name_tokens and word not in NAME_STOPS and not _lexicon_word(word, kb)


def _foreign_word(word: str, kb: KnowledgeBase) -> bool:
    return (
        len(word) >= 3 and word.isalpha() and not word.startswith("ال")
        and word not in NAME_STOPS and not _lexicon_word(word, kb)
    )  # fmt: skip


def _lexicon_word(word: str, kb: KnowledgeBase) -> bool:
    key = (word,)
    return key in kb.demonyms or key in kb.places or key in kb.titles or key in kb.construct_titles
