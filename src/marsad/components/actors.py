"""Event actors: phrases built from mentions and sector words, with CAMEO-style codes.

An actor phrase joins the mentions and sector words that stand together (``وزير الخارجية
الأمريكي أنتوني بلينكن``: a sector word, a nationality mention linked to the United States and a
person), allowing up to three connecting words between them (``الخارجية``, ``لدى``, ``باسم``).
Its ``code`` is an ISO3 country and a sector, ``"USA GOV"``:

- the country comes from the linked entities: a country's ``kb["iso3"]``, a nationality mention
  linked to its country, a ``kb["cameo"]`` code, a person's ``roles[].country``; an
  international organization (``الأمم المتحدة``, ``الاتحاد الأوروبي``) gives ``IGO``;
- the sector comes from the words of ``sectors.tsv`` in the phrase: an institution or group
  (الجيش → MIL, الشرطة → COP, المعارضة → OPP, المتظاهرون → CVL, وزارة → GOV) wherever it stands,
  else the sector of a person's role title, else a generic head (رئيس → GOV, نائب → LEG), else
  the sector part of a ``kb["cameo"]`` code.

Phrases record the preposition that governs them (``مع``, ``على``, ``إلى``, a ب/ل proclitic) and
their coordination (``الولايات المتحدة واليابان``: one group of two); a sector-only phrase
followed by ``من`` + countries lends its sector to them (``وزيرا الخارجية من اليابان
والولايات المتحدة`` → JPN GOV, USA GOV), and a counterpart (``نظيره``) takes the sector of the
other side of the event.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from marsad.components.doc_view import DocView
from marsad.components.kb import key_forms, load_kb
from marsad.doc import Entity, Mention
from marsad.resources import load_table
from marsad.text.normalize import fold
from marsad.text.tokenize import split_proclitics

SECTORS = "data/events/sectors.tsv"
MAX_NGRAM = 5
MAX_GAP = 3
ACTOR_TYPES = frozenset({"PER", "ORG", "GPE", "NORP", "LOC", "FAC"})
PREPOSITIONS = frozenset(fold(w) for w in (
    "مع", "على", "ضد", "إلى", "بين", "من", "في", "عن", "حول", "تجاه", "نحو", "ضمن", "عند",
    "أمام", "خلال", "عبر", "منذ", "بعد", "قبل", "بشأن", "لصالح", "بحق", "داخل", "قرب",
))  # fmt: skip
CLITIC_PREPS = ("ب", "ل", "ك")
QUANTITIES = frozenset(fold(w) for w in (
    "عدد", "عشرات", "مئات", "آلاف", "الآلاف", "جزءا", "جزء", "بعض", "مجموعة", "العديد",
    "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة", "اثنين", "اثنان",
))  # fmt: skip
TITLE_LINKS = frozenset(fold(w) for w in ("لدى", "لشؤون", "للشؤون", "لحقوق"))
PLACE_NOUNS = frozenset(fold(w) for w in (
    "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "محيط", "ريف",
    "مقر", "مبنى", "منزل", "قرب", "ضواحي", "أطراف", "داخل", "مدينة", "بلدة", "قرية", "منطقة",
    "مدن", "عدة", "مناطق", "أنحاء", "مختلف", "شوارع",
))  # fmt: skip
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC"})  # CAMEO codes whose next part is no sector


@dataclass(frozen=True, slots=True)
class SectorWord:
    sector: str
    role: str  # I institution, H generic head, C counterpart, O international organization


@dataclass(slots=True)
class ActorPhrase:
    """A candidate actor in a clause."""

    first: int  # first token index
    stop: int  # token index after the last
    start: int  # character span
    end: int
    entity: str | None = None
    head_type: str | None = None
    countries: list[str] = field(default_factory=list)
    sector: str | None = None
    counterpart: bool = False
    prep: str = ""
    conj: bool = False
    group: int = 0

    def code(self, country: str | None = None) -> str | None:
        """``"USA GOV"``, ``"USA"``, ``"MIL"`` or ``None``."""
        country = (
            country if country is not None else (self.countries[0] if self.countries else None)
        )
        parts = [p for p in (country, self.sector) if p]
        return " ".join(parts) or None


@cache
def sector_table() -> dict[tuple[str, ...], SectorWord]:
    """Sector words keyed by their bare folded words."""
    table: dict[tuple[str, ...], SectorWord] = {}
    for words, sector, role in load_table(SECTORS):
        for variant in words.split(","):
            key = tuple(bare(fold(w)) for w in variant.split())
            table.setdefault(key, SectorWord(sector, role))
    return table


@cache
def _first_words() -> frozenset[str]:
    return frozenset(key[0] for key in sector_table())


@lru_cache(maxsize=131072)
def _first_word(word: str) -> bool:
    """Whether a sector-table entry may start with the folded ``word``."""
    firsts = _first_words()
    stem = bare(word)
    if stem in firsts or (stem.endswith("ا") and stem[:-1] in firsts):
        return True
    return word[:1] in "وف" and len(word) > 3 and bare(word[1:]) in firsts


def bare(word: str) -> str:
    """A folded word without an ال-ending proclitic chain (``والجيش`` -> ``جيش``)."""
    return split_proclitics(word)[1]


def _lookup(table: dict[tuple[str, ...], SectorWord], words: list[str]) -> SectorWord | None:
    """The sector entry for ``words``; the first may also carry a bare و/ف (``وجنود``)."""
    key = tuple(bare(w) for w in words)
    found = table.get(key)
    first = words[0] if words else ""
    if found is None and first[:1] in "وف" and len(first) > 3:
        found = table.get((bare(first[1:]), *key[1:]))
    if found is None and len(key) == 1 and key[0].endswith("ا") and len(key[0]) > 3:
        found = table.get((key[0][:-1],))
    return found


def sector_of_words(words: list[str]) -> str | None:
    """The sector that a title's words give (institution first, else the generic head)."""
    table = sector_table()
    keys = [fold(w) for w in words]
    head: str | None = None
    for i in range(len(keys)):
        for n in range(min(MAX_NGRAM, len(keys) - i), 0, -1):
            found = _lookup(table, keys[i : i + n])
            if found is None:
                continue
            if found.role == "I":
                return found.sector
            if found.role == "H" and head is None:
                head = found.sector
    return head


class ActorFinder:
    """Finds the actor phrases of a token range of one document."""

    def __init__(self, view: DocView, is_stop: Callable[[int], bool]) -> None:
        self.view = view
        self.is_stop = is_stop  # tokens that may not connect two parts of a phrase
        self.table = sector_table()
        self._ngrams: dict[tuple[int, int], int] = {}

    def phrases(self, first: int, stop: int) -> list[ActorPhrase]:
        """Actor phrases of tokens ``first..stop``, in order, with prepositions and groups."""
        units = self._units(first, stop)
        phrases = self._group(units)
        for phrase in phrases:
            self._describe(phrase)
        return _lend_sectors(phrases)

    # --- units: mentions and sector words --------------------------------------------------

    def _units(self, first: int, stop: int) -> list[tuple[int, int]]:
        view = self.view
        units: list[tuple[int, int]] = []
        covered: set[int] = set()
        if first >= stop:
            return units
        start_char, end_char = view.tokens[first].start, view.tokens[stop - 1].end
        for m in view.mentions_in(start_char, end_char):
            if m.type in ACTOR_TYPES:
                a, b = view.token_index(m.start), view.token_index(m.end - 1) + 1
                units.append((a, b))
                covered.update(range(a, b))
        i = first
        while i < stop:
            n = self._sector_ngram(i, stop)
            if n and i not in covered:
                units.append((i, i + n))
                i += n
            else:
                i += 1
        return sorted(set(units))

    def _sector_ngram(self, i: int, stop: int) -> int:
        """The length of the sector-table entry starting at token ``i`` (0 when none)."""
        key = (i, stop)
        found = self._ngrams.get(key)
        if found is None:
            found = 0
            words = self.view.folded
            if 0 <= i < len(words) and _first_word(words[i]):
                for n in range(min(MAX_NGRAM, stop - i), 0, -1):
                    if _lookup(self.table, words[i : i + n]) is not None:
                        found = n
                        break
            self._ngrams[key] = found
        return found

    # --- grouping --------------------------------------------------------------------------

    def _group(self, units: list[tuple[int, int]]) -> list[ActorPhrase]:
        phrases: list[ActorPhrase] = []
        group = 0
        for a, b in units:
            conj = self._conjoined(a)
            last = phrases[-1] if phrases else None
            if last is not None and a < last.stop:
                last.stop = max(last.stop, b)
                continue
            if last is not None and not conj and self._continues(last, a, b):
                last.stop = b
                continue
            if last is not None and conj and a - last.stop <= 1:
                phrases.append(ActorPhrase(a, b, 0, 0, prep=last.prep, conj=True, group=group))
                continue
            group += 1
            phrases.append(ActorPhrase(a, b, 0, 0, prep=self._prep(a), group=group))
        return phrases

    def _continues(self, phrase: ActorPhrase, a: int, b: int) -> bool:
        """Whether the unit ``a..b`` belongs to ``phrase``: connected, and the phrase not yet
        closed by a name (after a person, organisation, or a place with no title before it,
        only a nationality adjective may follow: ``الجيش الإسرائيلي``, not ``السيسي نظيره``)."""
        view = self.view
        if not self._connects(phrase.stop, a) or any(
            view.word(i) in QUANTITIES for i in range(phrase.stop, a)
        ):
            return False
        words, new = self._words_of(phrase.first, phrase.stop), self._words_of(a, b)
        institutions = {w.sector for w in words if w.role == "I"}
        if institutions and any(w.role == "I" and w.sector not in institutions for w in new):
            return False  # مسلحون ثلاثة عمال: two groups
        start, end = view.tokens[phrase.first].start, view.tokens[phrase.stop - 1].end
        named = [m for m in view.mentions_in(start, end) if m.type in ACTOR_TYPES]
        organization = any(w.role == "O" for w in words)
        if not named and not organization:
            return True
        unit = view.mentions_in(view.tokens[a].start, view.tokens[b - 1].end)
        titled = any(w.role in ("I", "H", "C") for w in words)
        if organization or any(m.type in ("PER", "ORG") for m in named) or not titled:
            return a == phrase.stop and bool(unit) and all(m.type == "NORP" for m in unit)
        return self._after_nationality(phrase, a, b, bool(new), unit)

    def _after_nationality(
        self, phrase: ActorPhrase, a: int, b: int, title: bool, unit: list[Mention]
    ) -> bool:
        """A titled phrase with its nationality (الحكومة اللبنانية) takes a person after it, a
        place only through لدى (السفير الأمريكي لدى اليابان), and a second title only when a
        name follows it (العاهل الأردني الملك عبد الله)."""
        view = self.view
        if any(m.type == "PER" for m in unit):
            return True
        after = view.mention_at(view.tokens[b].start) if b < len(view.tokens) else None
        if title and not unit and after is not None and after.type == "PER":
            return True
        through = any(view.word(i) == "لدي" for i in range(phrase.stop, a))
        return not (unit or title) or through

    def _words_of(self, first: int, stop: int) -> list[SectorWord]:
        """The sector-table entries found in tokens ``first..stop``."""
        out = []
        i = first
        while i < stop:
            n = self._sector_ngram(i, stop) or 1
            found = _lookup(self.table, [self.view.word(i + k) for k in range(n)])
            if found is not None:
                out.append(found)
            i += n
        return out

    def _connects(self, stop: int, a: int) -> bool:
        gap = range(stop, a)
        if len(gap) > MAX_GAP:
            return False
        return all(self._connector(i) for i in gap)

    def _connector(self, i: int) -> bool:
        w = self.view.word(i)
        if not w[:1].isalpha() or w in PREPOSITIONS or self.is_stop(i) or w == "و":
            return False
        if w[:1] == "ب" and w != "باسم" and split_proclitics(w)[0]:
            return False  # بالتخطيط، بدعم: a prepositional phrase, not part of a title
        return not (w[:1] == "ل" and w not in TITLE_LINKS and len(w) > 3)

    def _conjoined(self, a: int) -> bool:
        """True when the unit at token ``a`` is coordinated by و with what precedes it."""
        if self.view.word(a - 1) == "و":
            return True
        return self._prefix(a)[:1] == "و"

    def _prefix(self, a: int) -> str:
        """The proclitics (folded) on the first token of a unit: ``و``, ``ل``, ``وب``, ``لل`` ..."""
        view = self.view
        token = view.tokens[a]
        word = view.word(a)
        mention = view.mention_at(token.start + 1) if len(token.text) > 1 else None
        if mention is not None and mention.start > token.start:
            return fold(view.text[token.start : mention.start])
        if mention is not None:
            entity = view.entity(mention)
            name = fold(entity.name) if entity is not None else ""
            folded = fold(mention.text)
            if name and folded.endswith(name) and len(folded) > len(name):
                return folded[: len(folded) - len(name)]
        prefixes = "".join(split_proclitics(word)[0]).replace("ال", "")
        if not prefixes and word[:1] in "وف" and _lookup(self.table, [word[1:]]) is not None:
            return word[:1] if _lookup(self.table, [word]) is not None else ""
        return prefixes

    def _prep(self, a: int) -> str:
        view = self.view
        while a > 0 and bare(view.word(a - 1)) in PLACE_NOUNS:
            a -= 1  # في جنوب لبنان، أمام مقر الوزارة
        before = view.word(a - 1)
        if before == "من" and view.word(a - 2) in QUANTITIES:
            before = view.word(a - 3)
            return before if before in PREPOSITIONS else ""
        if before in QUANTITIES:
            before = view.word(a - 2)
            return before if before in PREPOSITIONS else ""
        if before in PREPOSITIONS:
            return before
        prefix = self._prefix(a).lstrip("وف").replace("ال", "")
        return prefix[:1] if prefix[:1] in CLITIC_PREPS else ""

    # --- description -----------------------------------------------------------------------

    def _describe(self, phrase: ActorPhrase) -> None:
        view = self.view
        tokens = view.tokens
        phrase.start, phrase.end = tokens[phrase.first].start, tokens[phrase.stop - 1].end
        mentions = [m for m in view.mentions_in(phrase.start, phrase.end) if m.type in ACTOR_TYPES]
        if (
            mentions
            and mentions[0].start > phrase.start
            and phrase.first == view.token_index(mentions[0].start)
        ):
            phrase.start = mentions[0].start
        prefix = self._prefix(phrase.first).replace("ال", "")
        if prefix and len(prefix) <= 2 and all(c in "وفبلك" for c in prefix):
            token = view.tokens[phrase.first]
            if (
                phrase.start == token.start
                and view.text[token.start : token.start + len(prefix)] == prefix
            ):
                phrase.start += len(prefix)  # واليابان -> اليابان
        self._entity(phrase, mentions)
        self._sector(phrase, mentions)

    def _entity(self, phrase: ActorPhrase, mentions: list[Mention]) -> None:
        view = self.view
        for types in (("PER",), ("ORG",), ("GPE", "LOC", "FAC"), ("NORP",)):
            head = next((m for m in mentions if m.type in types), None)
            if head is not None:
                phrase.entity, phrase.head_type = head.entity, head.type
                break
        for m in mentions:
            country = country_of(view.entity(m))
            if country is None and m.type in ("GPE", "LOC", "FAC"):
                entity = view.entity(m)
                country = place_country(entity.name if entity is not None else m.text)
                country = country or place_country(m.text)
            if country and country not in phrase.countries:
                phrase.countries.append(country)

    def _sector(self, phrase: ActorPhrase, mentions: list[Mention]) -> None:
        view = self.view
        head: str | None = None
        for found in self._words_of(phrase.first, phrase.stop):
            if found.role == "O" and found.sector not in phrase.countries:
                phrase.countries.insert(0, found.sector)
            elif found.role == "C":
                phrase.counterpart = True
            elif found.role == "I" and phrase.sector is None:
                phrase.sector = found.sector
            elif found.role == "H" and head is None:
                head = found.sector
        if phrase.sector is None:
            phrase.sector = _role_sector(view, mentions) or head or _kb_sector(view, mentions)


def country_of(entity: Entity | None) -> str | None:
    """The ISO3 country (or IGO/NGO/IMG) an entity stands for or belongs to."""
    if entity is None:
        return None
    iso3 = entity.kb.get("iso3") or entity.kb.get("country")
    if iso3:
        return iso3
    cameo = entity.kb.get("cameo", "")
    if len(cameo) >= 3 and cameo[:3].isalpha() and cameo[:3].isupper():
        return cameo[:3]
    return next((r.country for r in entity.roles if r.country), None)


def place_country(name: str) -> str | None:
    """The country of a place the knowledge base knows (``الرباط`` → MAR, ``ريف حلب`` → SYR)."""
    kb = load_kb()
    words = name.split()
    for start in range(len(words)):
        for key in key_forms(" ".join(words[start:])):
            record = kb.place(key)
            if record is not None and record.country:
                return record.country
    return None


def _role_sector(view: DocView, mentions: list[Mention]) -> str | None:
    for m in mentions:
        entity = view.entity(m)
        if entity is not None and m.type == "PER":
            for role in entity.roles:
                sector = sector_of_words(role.title.split())
                if sector:
                    return sector
    return None


def _kb_sector(view: DocView, mentions: list[Mention]) -> str | None:
    for m in mentions:
        entity = view.entity(m)
        cameo = entity.kb.get("cameo", "") if entity is not None else ""
        if len(cameo) >= 6 and cameo[3:6].isalpha() and cameo[:3] not in NON_STATE:
            return cameo[3:6]
    return None


def _lend_sectors(phrases: list[ActorPhrase]) -> list[ActorPhrase]:
    """``وزيرا الخارجية من اليابان والولايات المتحدة``: the titles' sector goes to the countries."""
    out: list[ActorPhrase] = []
    i = 0
    while i < len(phrases):
        phrase = phrases[i]
        nxt = phrases[i + 1] if i + 1 < len(phrases) else None
        lends = not phrase.countries and (phrase.sector or phrase.counterpart)
        inside = nxt is not None and nxt.prep == "في" and nxt.first - phrase.stop <= 1
        if lends and inside and nxt is not None and nxt.countries and nxt.sector:
            phrase.countries = list(nxt.countries)  # مسؤولين في الحكومة الإيرانية
        if lends and nxt is not None and nxt.prep == "من" and nxt.first - phrase.stop <= MAX_GAP:
            group = nxt.group
            for member in [p for p in phrases[i + 1 :] if p.group == group]:
                member.sector = member.sector or phrase.sector
                member.counterpart = member.counterpart or phrase.counterpart
                member.prep, member.group = phrase.prep, phrase.group
            i += 1
            continue
        out.append(phrase)
        i += 1
    return out
