"""Counterparts: ``التقى وزير الخارجية المصري نظيره الأردني أيمن العلي`` -> a role on Ayman al-Ali.

A counterpart word (``نظيره``, ``نظيرتها``, ``ونظيره`` ...) names a person who holds, in another
country, the office of the person it refers back to: the nearest title read before it in the same
sentence (:mod:`marsad.components.roles`). The nationality adjective after it
(``نظيره الأردني``) or ``من`` + a country (``نظيره من الأردن``) gives that country. The result is
a :class:`~marsad.components.roles.RoleHit` over the counterpart word, with the earlier title's
office for the new country (``Foreign Minister``, not the ``Secretary of State`` of an American
antecedent): on the person named right after it when there is one, else title-only, so that the
entity layer ties it to a person the article names elsewhere with that office and country, as it
does for titles. A counterpart of several countries (``نظيريه الياباني والكوري``) or with no
earlier title gives no role.
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.components.kb import KnowledgeBase
from marsad.components.kbmatch import COUNTRY, DEMONYM, Hit, TokenView
from marsad.components.roles import PERSON, MentionIndex, RoleHit, guess_name
from marsad.doc import Role
from marsad.text.normalize import fold

COUNTERPART_WORDS = frozenset(fold(w) for w in (
    "نظير", "نظيره", "نظيرها", "نظيرته", "نظيرتها", "نظيرهما", "نظيرتهما",
))  # fmt: skip
"""Singular counterparts (the dual and plural forms name several persons, so no single role)."""
CLITICS = "وفبل"
FROM = "من"
SENTENCE_ENDS = frozenset(".!?؟\n")
MAX_DISTANCE = 300


def counterpart_prefix(word: str) -> int | None:
    """How many proclitics (up to two of و ف ب ل) come before the counterpart word that a
    folded word is, or None when it is none."""
    if "نظير" not in word:
        return None
    for prefix in range(3):
        if word[prefix:] in COUNTERPART_WORDS:
            return prefix
        if word[prefix : prefix + 1] not in CLITICS:
            return None
    return None


def find_counterparts(
    view: TokenView,
    hits: Sequence[Hit],
    roles: Sequence[RoleHit],
    mentions: MentionIndex,
    kb: KnowledgeBase,
) -> list[RoleHit]:
    """A role for each counterpart word with one country and an earlier title to copy; the
    person named right after it (by the tagger, else a guess as after a title) holds it."""
    at = {h.first: h for h in hits}
    found = []
    for i, word in enumerate(view.folded):
        prefix = counterpart_prefix(word)
        if prefix is None or i in mentions.covered:
            continue
        country, after = _country_after(view, i + 1, at)
        ante = _antecedent(view, view.tokens[i].start, roles)
        if country is None or ante is None:
            continue
        start, end = view.char_start(i, prefix), view.tokens[i].end
        role = Role(ante.role.title, ante.title.latin_for(country), country)
        hit = RoleHit(ante.title, role, start, end, after, country)
        named = mentions.at(after)
        hit.mention = named if named is not None and named.type == PERSON else None
        if hit.mention is None:
            hit.guessed = guess_name(view, after, mentions, kb)
        found.append(hit)
    return found


def _country_after(view: TokenView, p: int, at: dict[int, Hit]) -> tuple[str | None, int]:
    """The one country a counterpart belongs to and the token after it (None when there is no
    such country or several: ``نظيريه الياباني والكوري``)."""
    hit = at.get(p)
    if hit is None and view.word(p) == FROM:
        hit = at.get(p + 1)
        if hit is not None and hit.kind != COUNTRY:
            hit = None
    if hit is None or hit.kind not in (DEMONYM, COUNTRY):
        return None, p
    country = str(hit.value) if hit.kind == DEMONYM else getattr(hit.value, "country", None)
    following = at.get(hit.last)
    if following is not None and following.kind == hit.kind:
        return None, p  # a second country joined to the first
    return country, hit.last


def _antecedent(view: TokenView, start: int, roles: Sequence[RoleHit]) -> RoleHit | None:
    """The nearest title before ``start`` in the same sentence, within ``MAX_DISTANCE``."""
    earlier = [r for r in roles if r.end <= start and start - r.end <= MAX_DISTANCE]
    if not earlier:
        return None
    nearest = max(earlier, key=lambda r: r.end)
    between = view.text[nearest.end : start]
    return None if any(c in SENTENCE_ENDS for c in between) else nearest
