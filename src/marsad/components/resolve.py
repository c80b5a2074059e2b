"""In-article entity resolution: which mentions stand for one referent, and what it links to.

Places, nationality adjectives and organizations are linked mention by mention: a country name, a
capital used for its government (``أعلنت واشنطن``) and an adjective (``الأمريكي``) all link to
the country. Person mentions are grouped by their names first (``أنتوني بلينكن`` / ``بلينكن``),
longest names first, a short name joining the closest group whose name contains it; each group is
then linked by its fullest name. A name of several places (``عمان``: Oman or Amman; ``طرابلس``:
in Libya or Lebanon) is linked to the one in a country the article names elsewhere by a country
name or a nationality adjective (:func:`context_countries`), and to none when no country or more
than one decides. Whatever the knowledge base does not know stays unlinked, grouped with the
mentions of the same folded name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from marsad.components.kb import Key, KnowledgeBase, Record, actor_key, key_forms
from marsad.components.kbmatch import COUNTRY, DEMONYM, Hit, TokenView
from marsad.components.roles import NAME_HEADS, token_range
from marsad.doc import Mention, Role

PLACE_TYPES = ("GPE", "LOC", "FAC")
LOCATIVE = NAME_HEADS | frozenset(
    {"في", "الي", "داخل", "قرب", "نحو", "حتي", "عاصمه", "العاصمه", "بمدينه", "وصل", "زار",
     "زاره", "زياره", "مقر", "شوارع", "سكان", "بلديه", "محافظه", "ولايه", "وسط", "شمال", "جنوب",
     "شرق", "غرب", "ضواحي", "انحاء", "اطراف", "قلب", "باب", "بوابه", "بلدات", "احياء"}
)  # fmt: skip


@dataclass(slots=True)
class Cluster:
    """Mentions of one referent, with what the knowledge base says of it."""

    mentions: list[Mention]
    record: Record | None = None
    keys: list[Key] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    code: str | None = None
    places: list[Record] = field(default_factory=list)
    """For an unlinked name of several places: those places (see :func:`place_readings`)."""
    type: str = ""
    name: str = ""
    id: str = ""

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def link_mention(
    mention: Mention, view: TokenView, kb: KnowledgeBase, context: frozenset[str] = frozenset()
) -> Record | None:
    """The record a non-person mention stands for, or None; ``context`` holds the countries
    that decide between the places of an ambiguous name."""
    for key in key_forms(mention.text):
        record = _link_key(mention.type, key, kb) or _in_context(mention.type, key, kb, context)
        if record is not None:
            if record.metonym and record.country and governs(view, mention, key):
                return kb.countries.get(record.country, record)
            return record
    return None


def context_countries(hits: Iterable[Hit]) -> frozenset[str]:
    """The ISO3 codes of the countries a document names unambiguously: by a country name or a
    nationality adjective."""
    found = set()
    for hit in hits:
        if hit.kind == DEMONYM:
            found.add(str(hit.value))
        elif hit.kind == COUNTRY and isinstance(hit.value, Record) and hit.value.country:
            found.add(hit.value.country)
    return frozenset(found)


def _in_context(type_: str, key: Key, kb: KnowledgeBase, context: frozenset[str]) -> Record | None:
    """The one place called ``key`` that lies in (or is) a country of ``context``."""
    if type_ not in PLACE_TYPES or not context:
        return None
    found = [r for r in kb.places.get(key, ()) if r.country in context]
    return found[0] if len(found) == 1 else None


def _link_key(type_: str, key: Key, kb: KnowledgeBase) -> Record | None:
    if type_ == "NORP":
        iso3 = kb.demonym(key) or kb.adjective_places.get(key)
        return kb.countries.get(iso3) if iso3 else None
    if type_ in PLACE_TYPES:
        return kb.place(key) or kb.organization(key)
    if type_ == "ORG":
        country = kb.place(key)  # a country named as an actor, typed ORG by the tagger
        return kb.organization(key) or (country if country and country.kind == "country" else None)
    return None


def governs(view: TokenView, mention: Mention, key: Key) -> bool:
    """Whether a capital's mention stands for its government (``أعلنت واشنطن``) rather than the
    city (``في واشنطن``, ``بواشنطن``, a dateline at the start of a line)."""
    first = key_forms(mention.text)[0][0]
    if first != key[0] and first.endswith(key[0]) and first[: -len(key[0])][-1:] in "بلك":
        return False
    tokens = token_range(view, mention.start, mention.end)
    if not tokens or tokens[0] == 0:
        return False
    previous = view.tokens[tokens[0] - 1]
    if "\n" in view.text[previous.end : mention.start]:
        return False
    before = view.word(tokens[0] - 1)
    return before.isalpha() and before not in LOCATIVE and before[1:] not in LOCATIVE


# --- persons -------------------------------------------------------------------------------------


def person_clusters(mentions: Sequence[Mention]) -> list[Cluster]:
    """Person mentions grouped by name: a name joins the closest group whose name contains it."""
    order = sorted(mentions, key=lambda m: (-len(_person_key(m)), m.start))
    clusters: list[Cluster] = []
    for mention in order:
        forms = key_forms(mention.text)
        found = None
        for key in forms:
            found = _closest(
                mention, [c for c in clusters if any(_contains(k, key) for k in c.keys)]
            )
            if found is not None:
                break
        if found is None:
            clusters.append(Cluster([mention], keys=[_person_key(mention)]))
        else:
            found.mentions.append(mention)
    return clusters


def _person_key(mention: Mention) -> Key:
    forms = key_forms(mention.text)
    return forms[0] if forms else ()


def _contains(long: Key, short: Key) -> bool:
    """Whether the words of ``short`` occur in ``long`` in a row (a single word: as its last or
    any word)."""
    if not short or len(short) > len(long):
        return False
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _closest(mention: Mention, clusters: Sequence[Cluster]) -> Cluster | None:
    """The group with the nearest mention before ``mention`` (else the nearest after it)."""
    best: tuple[int, int] | None = None
    found = None
    for cluster in clusters:
        for other in cluster.mentions:
            before = other.start <= mention.start
            rank = (0 if before else 1, abs(mention.start - other.start))
            if best is None or rank < best:
                best, found = rank, cluster
    return found


def link_person(cluster: Cluster, kb: KnowledgeBase) -> None:
    """Link a person group by its fullest name (never by a part of it: ``أبو عمار`` inside
    ``أبو عمار الهادي`` is someone else); failing that, take the actor code of that name."""
    longest = max(len(_person_key(m)) for m in cluster.mentions)
    names = [m for m in cluster.mentions if len(_person_key(m)) == longest]
    for mention in names:
        for key in key_forms(mention.text):
            record = kb.person(key) or kb.person(without_title(key, kb))
            if record is not None:
                cluster.record = record
                return
    for mention in names:
        code = kb.actor_code(mention.text)
        if code is not None:
            cluster.code = code
            return


def without_title(key: Key, kb: KnowledgeBase) -> Key:
    """``key`` without a title the tagger kept before the name (``الملك سلمان`` -> ``سلمان``)."""
    for n in range(min(len(key) - 1, 3), 0, -1):
        if key[:n] in kb.titles:
            return key[n:]
    return ()


def merge_linked(clusters: Iterable[Cluster]) -> list[Cluster]:
    """Groups linked to the same record become one."""
    by_id: dict[str, Cluster] = {}
    out: list[Cluster] = []
    for cluster in clusters:
        record = cluster.record
        if record is None:
            out.append(cluster)
            continue
        known = by_id.get(record.id)
        if known is None:
            by_id[record.id] = cluster
            out.append(cluster)
        else:
            known.mentions.extend(cluster.mentions)
            known.roles.extend(cluster.roles)
            known.keys.extend(k for k in cluster.keys if k not in known.keys)
    return out


# --- everything else -----------------------------------------------------------------------------


def other_clusters(
    mentions: Sequence[Mention],
    view: TokenView,
    kb: KnowledgeBase,
    context: frozenset[str] = frozenset(),
) -> list[Cluster]:
    """Non-person mentions: linked ones by record, the rest by type and folded lemma name."""
    clusters: dict[str, Cluster] = {}
    for mention in mentions:
        record = link_mention(mention, view, kb, context)
        if record is not None:
            group = f"id:{record.id}"
        else:
            group = f"{_type_group(mention.type)}:{actor_key(mention.text)}"
        cluster = clusters.setdefault(group, Cluster([], record=record))
        cluster.mentions.append(mention)
    for cluster in clusters.values():
        if cluster.record is None:
            cluster.places = place_readings(cluster.mentions[0].text, kb)
            if not cluster.places:
                cluster.code = org_code(cluster.mentions[0].text, kb)
    return list(clusters.values())


def place_readings(text: str, kb: KnowledgeBase) -> list[Record]:
    """The places of a name the knowledge base knows several places by (else none)."""
    for key in key_forms(text):
        places = kb.places.get(key, [])
        if len(places) > 1:
            return places
    return []


def _type_group(type_: str) -> str:
    return "PLACE" if type_ in PLACE_TYPES else type_


def org_code(text: str, kb: KnowledgeBase) -> str | None:
    """A CAMEO code for an unlinked name: the actor dictionary's, else sector + nationality
    (``الجيش الأمريكي`` -> ``USAMIL``, ``الحكومة اليابانية`` -> ``JPNGOV``)."""
    code = kb.actor_code(text)
    if code is not None:
        return code
    key = key_forms(text)[0] if key_forms(text) else ()
    for split in range(len(key) - 1, 0, -1):
        iso3 = kb.demonym(key[split:])
        sector = kb.agent_code(" ".join(key[:split])) if iso3 else None
        if iso3 and sector:
            return iso3 + sector
    return None
