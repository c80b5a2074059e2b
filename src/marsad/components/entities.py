"""The ``entities`` component: mentions grouped into linked entities with Latin names and roles.

It runs after the tagger (``ner``) and works with whatever mentions exist:

0. repairs tagger mentions where the knowledge base is sure (:mod:`.mention_repair`);
1. adds the mentions the lexicons find for certain and the tagger does not emit: nationality
   adjectives (``الأمريكي`` -> NORP), country names and place names of several words it missed
   (GPE, LOC), the byline's author (PER);
2. reads titles before person names into roles (:mod:`marsad.components.roles`), and
   counterparts (``نظيره الأردني``) into the office of the title they refer back to
   (:mod:`marsad.components.counterparts`), adding a name the tagger missed right after a title
   when it looks like one, and a title-only mention (``وزير الخارجية``, ``نظيره الأردني``) where
   it refers to a person the article named with that office and country;
3. groups mentions of one referent and links them (:mod:`marsad.components.resolve`);
4. builds one :class:`~marsad.doc.Entity` per group: a stable id (``wikidata:Q30`` when known,
   else ``marsad:TYPE:folded_name``), the canonical Arabic name, the Latin name (the knowledge
   base's, else the transliteration model's), identifiers and roles. Every mention gets its
   entity's id.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from importlib import import_module
from operator import attrgetter
from typing import cast

from marsad.components.counterparts import find_counterparts
from marsad.components.kb import KnowledgeBase, Record, entity_id, key_forms, load_kb
from marsad.components.kbmatch import COUNTRY, DEMONYM, PLACE, Hit, TokenView, document_scanner
from marsad.components.mention_repair import repair_mentions
from marsad.components.resolve import (
    Cluster,
    context_countries,
    link_person,
    merge_linked,
    other_clusters,
    person_clusters,
)
from marsad.components.roles import MentionIndex, RoleHit, find_roles
from marsad.doc import Document, Entity, Mention, Role
from marsad.errors import MarsadError
from marsad.registry import component
from marsad.text.normalize import fold
from marsad.text.tokenize import split_proclitics

LATIN_TYPES = frozenset({"PER", "ORG", "GPE", "LOC"})
DEFINITE_NOUN = re.compile(r"^(?:[وف]?(?:ب|ل|ك)?ال|[وف]?لل)\w+ه$")
BYLINE_SEPARATORS = re.compile(r"\s*[،,]\s*")
BYLINE_WINDOW = 600
RESTATING = frozenset({"بذلك", "ذلك"})
RESTATE_WINDOW = 400
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
CONJUNCTION = re.compile(r"^[وف][\u064b-\u0652]*(?=\S)")


@component(
    "entities", requires=("sentences", "tokens", "mentions"), assigns=("entities", "mentions")
)
def entities(doc: Document) -> Document:
    """Link mentions to entities (countries, places, organizations, persons) with roles."""
    kb = load_kb()
    view = TokenView(doc)
    hits = document_scanner().scan(view)
    mentions = repair_mentions(view, hits, doc.mentions, kb)
    mentions = add_mentions(mentions, lexicon_mentions(view, hits))
    mentions = add_mentions(mentions, byline_mentions(doc))
    index = MentionIndex(view, mentions)
    roles = find_roles(view, hits, index, kb)
    roles += find_counterparts(view, hits, roles, index, kb)
    roles.sort(key=attrgetter("start"))
    mentions = add_mentions(mentions, guessed_mentions(view, roles))
    clusters = resolve(mentions, view, roles, kb, context_countries(hits))
    mentions = add_mentions(mentions, title_mentions(view, roles, clusters, mentions))
    doc.mentions = mentions
    doc.entities = [build_entity(c) for c in sorted(clusters, key=lambda c: c.first)]
    return doc


# --- mentions ------------------------------------------------------------------------------------


def add_mentions(mentions: Sequence[Mention], new: Iterable[Mention]) -> list[Mention]:
    """``mentions`` plus those of ``new`` that overlap none of them, sorted by offset."""
    out = list(mentions)
    added = list(new)
    if not added:
        return out
    covered = bytearray(max(m.end for m in [*out, *added]))
    for mention in out:
        covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    for mention in added:
        if covered.find(1, mention.start, mention.end) < 0:
            covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
            out.append(mention)
    return sorted(out, key=lambda m: (m.start, m.end))


def lexicon_mentions(view: TokenView, hits: Sequence[Hit]) -> list[Mention]:
    """NORP mentions for nationality adjectives, GPE mentions for country names, GPE/LOC
    mentions for place names of several words (``منطقة المحيطين الهندي والهادئ``)."""
    kb = load_kb()
    out = []
    for hit in hits:
        text = view.span_text(hit.start, hit.end)
        if hit.kind == DEMONYM:
            out.append(Mention(hit.start, hit.end, text, "NORP"))
        elif hit.kind == PLACE and hit.last - hit.first > 1:
            place = next((r for k in key_forms(text) if (r := kb.place(k)) is not None), None)
            if place is not None:
                out.append(Mention(hit.start, hit.end, text, place.type))
        elif hit.kind == COUNTRY:
            adjective = any(k in kb.adjective_places for k in key_forms(text))
            after_noun = DEFINITE_NOUN.match(view.word(hit.first - 1)) is not None
            out.append(
                Mention(hit.start, hit.end, text, "NORP" if adjective and after_noun else "GPE")
            )
    return out


def byline_mentions(doc: Document) -> list[Mention]:
    """A PER mention for each author of the byline, where the text shows the name near its top."""
    byline = doc.meta.byline
    if not byline:
        return []
    out = []
    for name in byline_names(byline):
        start = doc.text.find(name, 0, BYLINE_WINDOW + len(name)) if len(name) > 2 else -1
        if start >= 0:
            out.append(Mention(start, start + len(name), name, "PER"))
    return out


def byline_names(byline: str) -> list[str]:
    """The authors of a byline: split at commas, and at a ``و`` joining two full names
    (``جون سميث وسارة علي``; never inside ``جون وليامز``)."""
    names = []
    for part in BYLINE_SEPARATORS.split(byline.strip()):
        words = part.split()
        cut = next(
            (i for i in range(2, len(words) - 1) if words[i].startswith("و") and len(words[i]) > 2),
            None,
        )
        if cut is None:
            names.append(part)
        else:
            names.extend((" ".join(words[:cut]), " ".join([words[cut][1:], *words[cut + 1 :]])))
    return [n for n in names if n]


def guessed_mentions(view: TokenView, roles: Sequence[RoleHit]) -> list[Mention]:
    """PER mentions for the names guessed after titles (the role is tied to them)."""
    out = []
    for role in roles:
        if role.mention is None and role.guessed is not None:
            first, last = role.guessed
            start, end = view.tokens[first].start, view.tokens[last - 1].end
            role.mention = Mention(start, end, view.span_text(start, end), "PER")
            out.append(role.mention)
    return out


def title_mentions(
    view: TokenView,
    roles: Sequence[RoleHit],
    clusters: Sequence[Cluster],
    mentions: Sequence[Mention],
) -> list[Mention]:
    """PER mentions for titles used alone for a person named before with the same title, or
    named right after with a restating ``صرح بذلك <title> <name>``."""
    out = []
    taken = [(m.start, m.end) for m in mentions]
    for role in roles:
        if role.mention is not None or any(role.start < e and role.end > s for s, e in taken):
            continue
        cluster = antecedent(role, roles, clusters)
        if cluster is None:
            cluster = restated(view, role, roles, clusters)
            if cluster is not None:
                cluster.roles.append(role.role)
                if cluster.code is None and role.country and role.title.sector:
                    cluster.code = role.country + role.title.sector
        if cluster is not None:
            text = view.span_text(role.start, role.end)
            out.append(Mention(role.start, role.end, text, "PER", cluster.id))
            taken.append((role.start, role.end))
    return out


def restated(
    view: TokenView, role: RoleHit, roles: Sequence[RoleHit], clusters: Sequence[Cluster]
) -> Cluster | None:
    """The person a later ``صرح بذلك`` / ``قال ذلك`` names as the one who said what the title
    alone introduced: the next titled name, within a few hundred characters, no other person
    named between."""
    later = next((r for r in roles if r.start > role.end and r.mention is not None), None)
    if later is None or later.start - role.end > RESTATE_WINDOW:
        return None
    first = bisect_left(view.starts, later.start)
    if not any(view.word(i) in RESTATING for i in range(first - 2, first)):
        return None
    target = later.mention
    persons = [m for c in clusters if c.type == "PER" for m in c.mentions]
    if any(role.end < m.start < later.start and m is not target for m in persons):
        return None
    return next((c for c in clusters if any(m is target for m in c.mentions)), None)


def antecedent(
    role: RoleHit, roles: Sequence[RoleHit], clusters: Sequence[Cluster]
) -> Cluster | None:
    """The person an earlier title with the same office (and a compatible country) named; with
    no country on either, only when one person in the article holds that title. A title with a
    country and no earlier holder goes to the first later one with the same office, country and
    English title (``نظيرها اللبناني ... وزير الدفاع اللبناني فادي سمعان``)."""
    earlier = [
        r for r in roles
        if r.mention is not None and r.start < role.start and r.title.key == role.title.key
        and (r.country == role.country or role.country is None)
    ]  # fmt: skip
    if earlier and (role.country is not None or len({id(r.mention) for r in earlier}) == 1):
        target = earlier[-1].mention
    elif not earlier and role.country is not None:
        target = next((r.mention for r in roles if r.mention is not None and r.start > role.start
                       and r.title.key == role.title.key and r.country == role.country
                       and r.role.title_latin == role.role.title_latin), None)  # fmt: skip
    else:
        return None
    return next((c for c in clusters if any(m is target for m in c.mentions)), None)


# --- resolution ----------------------------------------------------------------------------------


def resolve(
    mentions: Sequence[Mention],
    view: TokenView,
    roles: Sequence[RoleHit],
    kb: KnowledgeBase,
    context: frozenset[str] = frozenset(),
) -> list[Cluster]:
    """Group and link every mention (``context``: the countries the document names, see
    :func:`~marsad.components.resolve.context_countries`); each mention's ``entity`` is set to
    its group's id."""
    persons = person_clusters([m for m in mentions if m.type == "PER"])
    for cluster in persons:
        link_person(cluster, kb)
    _attach_roles(persons, roles)
    others = other_clusters([m for m in mentions if m.type != "PER"], view, kb, context)
    clusters = merge_linked([*persons, *others])
    for cluster in clusters:
        settle(cluster)
        for mention in cluster.mentions:
            mention.entity = cluster.id
    return clusters


def settle(cluster: Cluster) -> None:
    """Fix a group's type, canonical name and id once its mentions are known."""
    cluster.type = cluster_type(cluster)
    cluster.name = cluster_name(cluster)
    record = cluster.record
    cluster.id = record.id if record is not None else entity_id(cluster.type, cluster.name)


def _attach_roles(clusters: Sequence[Cluster], roles: Sequence[RoleHit]) -> None:
    for role in roles:
        if role.mention is None:
            continue
        for cluster in clusters:
            if any(m is role.mention for m in cluster.mentions):
                cluster.roles.append(role.role)
                if cluster.code is None and role.country and role.title.sector:
                    cluster.code = role.country + role.title.sector


def cluster_type(cluster: Cluster) -> str:
    """The record's type, else the type most of the group's mentions have."""
    if cluster.record is not None:
        return cluster.record.type
    types = [m.type for m in cluster.mentions]
    return types[0] if len(set(types)) == 1 else Counter(types).most_common(1)[0][0]


def cluster_name(cluster: Cluster) -> str:
    """The canonical Arabic name: the longest mention naming the record as the knowledge base
    does (else the record's own name); for an unlinked group, its longest mention."""
    record = cluster.record
    type_ = cluster.type or cluster_type(cluster)
    named = [m for m in cluster.mentions if m.type == type_ or (type_ == "GPE" and m.type == "LOC")]
    if record is not None:
        keys = load_kb().names.get(record.id, set())
        exact = [m.text for m in named if key_forms(m.text)[:1] and key_forms(m.text)[0] in keys]
        return max(exact, key=lambda t: (len(t.split()), len(t))) if exact else record.name
    texts = [display_name(m.text) for m in (named or cluster.mentions)]
    return max(texts, key=lambda t: (len(t.split()), not t.startswith(("و", "ف")), len(t)))


def display_name(text: str) -> str:
    """A mention's text as a name: hashtag marks and underscores gone (``#دونالد_ترمب``), and no
    leading conjunction."""
    if "#" in text or "_" in text:
        text = " ".join(text.replace("#", " ").replace("_", " ").split()) or text
    return strip_conjunction(text)


def strip_conjunction(text: str) -> str:
    """The name without a leading و/ف the tagger kept on it (``والمنظمة`` -> ``المنظمة``)."""
    match = CONJUNCTION.match(text)
    if match is None:
        return text
    prefixes, stem = split_proclitics(fold(text.split(maxsplit=1)[0]))
    return text[match.end() :] if prefixes[:1] in (("و",), ("ف",)) and len(stem) >= 3 else text


def build_entity(cluster: Cluster) -> Entity:
    """The entity of a group: id, type, name, Latin name, identifiers and roles."""
    record: Record | None = cluster.record
    type_, name = cluster.type, cluster.name
    kb = record.kb_dict() if record is not None else {}
    if cluster.code and "cameo" not in kb:
        kb["cameo"] = cluster.code
    latin = record.latin if record is not None and record.latin else None
    places = cluster.places
    if places:  # a name of several places left unlinked: their Latin name if they share it
        latin = places[0].latin if len({r.latin for r in places}) == 1 else None
    elif latin is None and type_ in LATIN_TYPES:
        latin = romanize_name(name)
    return Entity(cluster.id, type_, name, latin, kb, unique_roles(cluster.roles))


def unique_roles(roles: Iterable[Role]) -> list[Role]:
    """Roles without repeats: one per English title and country, and none without a country
    where the same title is known with one."""
    items = list(roles)
    placed = {r.title_latin for r in items if r.country}
    seen: set[tuple[str | None, str | None]] = set()
    out = []
    for role in items:
        key = (role.title_latin, role.country)
        if key not in seen and (role.country or role.title_latin not in placed):
            seen.add(key)
            out.append(role)
    return out


# --- Latin names ---------------------------------------------------------------------------------


@cache
def _romanizer() -> Callable[[str], str] | None:
    """``marsad.components.translit.romanize`` when that module and its model are installed
    (checked once per process)."""
    try:
        module = import_module("marsad.components.translit")
    except ImportError:
        return None
    function = getattr(module, "romanize", None)
    if not callable(function):
        return None
    try:
        function("سامي")
    except MarsadError:  # the module is there, its trained model is not
        return None
    return cast("Callable[[str], str]", function)


@lru_cache(maxsize=8192)
def romanize_name(name: str) -> str | None:
    """The transliteration model's Latin form of ``name`` (a name already in Latin letters is its
    own), or None without a model."""
    if not ARABIC_LETTER.search(name):
        return name if LATIN_LETTER.search(name) else None
    romanize = _romanizer()
    if romanize is None:
        return None
    try:
        latin = romanize(name)
    except MarsadError:
        return None
    return latin if isinstance(latin, str) and latin.strip() else None
