"""The entity knowledge base: countries, places, organizations, persons, actors, titles.

Tables live under ``resources/data/kb`` (see ``resources/SOURCES.md``): some are written by hand,
some built by ``marsad train kb`` from public data. :func:`load_kb` reads them once per process and
indexes every name by its folded word tuple (:func:`name_key`), so that a lookup is one dict
access. A name that stands for two different referents (``طرابلس``: Libya's or Lebanon's) is
ambiguous and links to nothing: an unknown or doubtful name is never guessed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from marsad.errors import ResourceError
from marsad.resources import load_lines, load_table
from marsad.text.normalize import fold
from marsad.text.tokenize import TOKEN_RE, split_proclitics

KB_DIR = "data/kb"
Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Record:
    """A referent the knowledge base knows: its id, type, canonical Arabic and English names,
    identifiers (``kb``), and for places the country they are in (``country``), their ``kind``
    (country, capital, city, region) and whether news names its government by it (``metonym``)."""

    id: str
    type: str
    name: str
    latin: str | None
    kb: tuple[tuple[str, str], ...] = ()
    country: str | None = None
    kind: str = ""
    metonym: bool = False

    def kb_dict(self) -> dict[str, str]:
        return dict(self.kb)


@dataclass(frozen=True, slots=True)
class Title:
    """A title or office: Arabic key, English forms, CAMEO sector."""

    key: str
    latin: str
    by_country: tuple[tuple[str, str], ...] = ()
    sector: str = ""

    def latin_for(self, country: str | None) -> str:
        return dict(self.by_country).get(country or "", self.latin)


@dataclass(slots=True)
class KnowledgeBase:
    """Every table, indexed by folded name keys."""

    places: dict[Key, list[Record]] = field(default_factory=dict)
    countries: dict[str, Record] = field(default_factory=dict)
    organizations: dict[Key, list[Record]] = field(default_factory=dict)
    persons: dict[Key, list[Record]] = field(default_factory=dict)
    surnames: dict[Key, list[Record]] = field(default_factory=dict)
    demonyms: dict[Key, str] = field(default_factory=dict)
    adjective_places: dict[Key, str] = field(default_factory=dict)
    titles: dict[Key, Title] = field(default_factory=dict)
    construct_titles: dict[Key, Title] = field(default_factory=dict)
    actors: dict[str, str] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    name_tokens: frozenset[str] = frozenset()
    names: dict[str, set[Key]] = field(default_factory=dict)
    first_words: frozenset[str] = frozenset()

    def place(self, key: Key) -> Record | None:
        return unique(self.places.get(key))

    def organization(self, key: Key) -> Record | None:
        return unique(self.organizations.get(key))

    def person(self, key: Key) -> Record | None:
        if not key:
            return None
        found = unique(self.persons.get(key))
        return found if found is not None or len(key) != 1 else unique(self.surnames.get(key))

    def demonym(self, key: Key) -> str | None:
        return self.demonyms.get(key)

    def actor_code(self, text: str) -> str | None:
        return self.actors.get(actor_key(text))

    def agent_code(self, text: str) -> str | None:
        return self.agents.get(actor_key(text))


@lru_cache(maxsize=65536)
def key_forms(text: str) -> tuple[Key, ...]:
    """The keys ``text`` may stand for: as written, then without proclitics on its first word."""
    key = name_key(text)
    if not key:
        return ()
    return tuple((form, *key[1:]) for form, _ in word_forms(key[0]))


def unique(records: Sequence[Record] | None) -> Record | None:
    """The one referent of a name, or None when there is none or several."""
    if not records:
        return None
    first = records[0]
    return first if all(r.id == first.id for r in records[1:]) else None


# --- keys ----------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def name_key(text: str) -> Key:
    """The folded words of ``text`` (punctuation kept as its own token)."""
    return tuple(TOKEN_RE.findall(fold(text)))


@lru_cache(maxsize=65536)
def word_forms(word: str) -> tuple[tuple[str, int], ...]:
    """Readings of a folded word with its proclitics removed, whole word first.

    Each reading is ``(form, prefix)``: ``prefix`` folded characters precede it in the word.
    ``"واليابان"`` -> ``(("واليابان", 0), ("اليابان", 1), ("يابان", 3))``; a ``لل`` contraction
    also reads as the article form, spanning the whole word (``"لليابان"`` -> ``"اليابان"``).
    """
    out: list[tuple[str, int]] = [(word, 0)]
    rest = word
    for _ in range(2):
        if rest[:1] in "وفبلك" and len(rest) > 3:
            rest = rest[1:]
            out.append((rest, len(word) - len(rest)))
    prefixes, stem = split_proclitics(word)
    if prefixes[-2:] == ("ل", "ال") and word.startswith(("لل", "ولل", "فلل")):
        out.append(("ال" + stem, 0))
    if prefixes and stem != word:
        out.append((stem, len(word) - len(stem)))
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def actor_key(text: str) -> str:
    """The key of the PETRARCH lemma forms: folded words without article or final ta marbuta."""
    words = []
    for word in TOKEN_RE.findall(fold(text.replace("_", " "))):
        stem = split_proclitics(word)[1]
        if len(stem) > 3 and stem.endswith("ه"):
            stem = stem[:-1]
        if len(stem) > 1:
            words.append(stem)
    return " ".join(words)


def entity_id(type_: str, name: str) -> str:
    """A deterministic id for a referent no identifier is known for."""
    return f"marsad:{type_}:{'_'.join(name_key(name))}"


# --- loading -------------------------------------------------------------------------------------


@cache
def load_kb() -> KnowledgeBase:
    """Every table of ``resources/data/kb``, indexed (once per process)."""
    kb = KnowledgeBase()
    countries = list(_country_records())
    kb.countries = {r.country or "": r for r, _ in countries}
    kb.places = _index((r, names) for r, names in [*countries, *_place_records()])
    kb.organizations = _index(_records("organizations.tsv", "ORG"))
    persons = list(_records("persons.tsv", "PER"))
    kb.persons = _index((r, [n for n in names if len(name_key(n)) > 1]) for r, names in persons)
    kb.surnames = _index((r, [n for n in names if len(name_key(n)) == 1]) for r, names in persons)
    kb.demonyms, kb.adjective_places = _demonym_index(set(kb.places))
    kb.titles, kb.construct_titles = _title_index()
    kb.actors = {actor_key(row[0]): row[1] for row in _table("actors.tsv")}
    kb.agents = {actor_key(row[0]): row[1] for row in _table("agents.tsv")}
    kb.name_tokens = frozenset(load_lines(f"{KB_DIR}/name_tokens.txt"))
    for index in (kb.places, kb.organizations, kb.persons, kb.surnames):
        for key, records in index.items():
            for record in records:
                kb.names.setdefault(record.id, set()).add(key)
    kb.first_words = frozenset(
        key[0]
        for index in (kb.places, kb.organizations, kb.persons)
        for key in index
        if len(key) > 1
    )
    return kb


def _table(name: str, columns: int = 2) -> Iterator[tuple[str, ...]]:
    for number, row in enumerate(load_table(f"{KB_DIR}/{name}"), 1):
        if len(row) < columns:
            raise ResourceError(f"{KB_DIR}/{name}: row {number} has {len(row)} columns")
        yield row + ("",) * (8 - len(row))


def _index(entries: Iterable[tuple[Record, Sequence[str]]]) -> dict[Key, list[Record]]:
    index: dict[Key, list[Record]] = defaultdict(list)
    for record, names in entries:
        for name in names:
            bucket = index[name_key(name)]
            if all(r.id != record.id for r in bucket):
                bucket.append(record)
    return dict(index)


def _ids(wikidata: str, fallback: str) -> str:
    return f"wikidata:{wikidata}" if wikidata else fallback


def _country_records() -> Iterator[tuple[Record, list[str]]]:
    for iso3, _, wikidata, geonames, latin, names, *_ in _table("countries.tsv", 6):
        kb = {"iso3": iso3, "wikidata": wikidata, "geonames": geonames, "cameo": iso3}
        names_list = names.split("|")
        record = Record(
            id=_ids(wikidata, f"iso3:{iso3}"), type="GPE", name=names_list[0], latin=latin or None,
            kb=tuple((k, v) for k, v in kb.items() if v), country=iso3, kind="country",
        )  # fmt: skip
        yield record, names_list


def _place_records() -> Iterator[tuple[Record, list[str]]]:
    for arabic, latin, iso3, kind, metonym, wikidata, geonames, *_ in _table("places.tsv", 4):
        names = arabic.split("|")
        type_ = "LOC" if kind == "region" else "GPE"
        kb = tuple((k, v) for k, v in (("wikidata", wikidata), ("geonames", geonames)) if v)
        fallback = entity_id(type_, f"{names[0]} {iso3}".strip())
        record = Record(
            id=_ids(wikidata, fallback), type=type_, name=names[0], latin=latin or None, kb=kb,
            country=iso3 or None, kind=kind, metonym=metonym == "1",
        )  # fmt: skip
        yield record, names


def _records(table: str, type_: str) -> Iterator[tuple[Record, list[str]]]:
    for arabic, latin, wikidata, cameo, *_ in _table(table, 2):
        names = arabic.split("|")
        kb = tuple((k, v) for k, v in (("wikidata", wikidata), ("cameo", cameo)) if v)
        record = Record(
            id=_ids(wikidata, entity_id(type_, names[0])), type=type_, name=names[0],
            latin=latin or None, kb=kb, kind=type_.lower(),
        )  # fmt: skip
        yield record, names


# --- demonyms and titles -------------------------------------------------------------------------

FEMININE = "ه"
PLURALS = ("ون", "ين")


def inflections(base: str) -> list[str]:
    """Every form of a (folded) nisba adjective of one or more words, with and without ال.

    ``"كوري جنوبي"`` -> ``"كوري جنوبي"``, ``"الكوريه الجنوبيه"``, ``"الكوريين الجنوبيين"`` ...
    """
    words = base.split()
    endings = ("", FEMININE, *PLURALS, "ات")
    out = []
    for ending in endings:
        bare = [w + ending for w in words]
        out.append(" ".join(bare))
        out.append(" ".join("ال" + w for w in bare))
    return out


def _demonym_index(place_keys: set[Key]) -> tuple[dict[Key, str], dict[Key, str]]:
    """Demonym forms by key, and the forms that are also place names (``السعوديه``)."""
    index: dict[Key, str] = {}
    clashes: set[Key] = set()
    for iso3, bases, extra, *_ in _table("demonyms.tsv", 1):
        forms = [f for b in bases.split("|") if b for f in inflections(fold(b))]
        forms += [fold(e) for e in extra.split("|") if e]
        for form in forms:
            key = name_key(form)
            if key in index and index[key] != iso3:
                clashes.add(key)
            index[key] = iso3
    kept = {k: v for k, v in index.items() if k not in clashes}
    places = {k: v for k, v in kept.items() if k in place_keys}
    return {k: v for k, v in kept.items() if k not in places}, places


def _title_index() -> tuple[dict[Key, Title], dict[Key, Title]]:
    definite: dict[Key, Title] = {}
    construct: dict[Key, Title] = {}
    for arabic, latin, by_country, sector, *_ in _table("titles.tsv", 2):
        pairs = tuple(
            (c.strip(), t.strip()) for item in by_country.split(";") if "=" in item
            for c, t in [item.split("=", 1)]
        )  # fmt: skip
        variants = arabic.split("|")
        title = Title(" ".join(name_key(variants[0])), latin, pairs, sector)
        for variant in variants:
            definite.setdefault(name_key(variant), title)
            bare = tuple(split_proclitics(w)[1] for w in name_key(variant))
            if bare != name_key(variant):
                construct.setdefault(bare, title)
    return definite, construct
