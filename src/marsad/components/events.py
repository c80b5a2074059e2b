"""PLOVER events with source and target actors (the ``events`` layer of ``marsad.document/1``).

Each sentence is cut into clauses (at commas, semicolons and ``حيث``/``بينما``/``فيما``/``لكن``);
each trigger of :mod:`marsad.components.event_lexicon` in a clause gives an event whose actors are
the phrases of :mod:`marsad.components.actors` around it:

- **source**: for a verb, the first phrase right after it with no preposition (``قصفت الطائرات
  الإسرائيلية``), else the nearest one before it (``الجيش ... قصف``); for a noun, the phrase
  right after it (``هجوم إسرائيلي``, ``زيارة الرئيس``), else the nearest before it (``الولايات
  المتحدة واليابان تعقدان محادثات``);
- **target**: the first phrase after it governed by مع/على/ضد/إلى/ل/ب/بين/من, or (for a verb) the
  direct object after the source.

**Symmetric and multilateral events.** For the symmetric types (CONSULT, AGREE, COOPERATE) a
coordinated subject without a target (``الولايات المتحدة واليابان تعقدان محادثات``, ``بين
X و Y``) gives one event per pair of its members, source first as written. A coordinated target
(``مباحثات ثلاثية مع نظيريه من مصر والأردن``) gives one event per target, each with
the same source: trilateral talks of A with B and C are the events A-B and A-C (the B-C pair is not
asserted by the sentence). A coordinated source of a directed event gives one event per source.

**Date**: the time expression of the clause nearest the trigger, as its
TIMEX3 value (times elsewhere in the sentence often date something else; a deadline such as
``حتى عام 2040`` or ``بحلول 2030`` is not the event's date); failing that, the
article's publication date (``meta.published``), the date the report speaks from; ``null`` when
neither exists. **Location**: a place governed by في/ب in the
clause or sentence, else the dateline. **Mode**: ``negated`` (لم، لن، لا، عدم before the trigger,
or نفى governing it), ``planned`` (a future verb, ``من المقرر``, ``يعتزم``, ``المقبل`` ... in the
clause, or a date after publication), ``reported`` (inside a quotation, or after a reporting verb
or an attribution in the sentence), else ``null``. **Confidence** grows with the trigger's strength
and the actors, date and place found. **Evidence** is the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations, pairwise

from marsad.components.actors import ActorFinder, ActorPhrase, sector_of_words
from marsad.components.cues import is_attribution, is_that, lookup_cue
from marsad.components.doc_view import QUOTE_CHARS, DocView, Span
from marsad.components.event_lexicon import (
    BACKGROUND_BEFORE,
    FUTURE_MARKERS,
    NEGATORS,
    NON_EVENT_BEFORE,
    EventLexicon,
    Trigger,
    TriggerMatch,
    load_lexicon,
)
from marsad.doc import Actor, Document, Event, Location, Sentence
from marsad.registry import component
from marsad.text.normalize import fold

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
ACTORLESS_OK = frozenset({"ASSAULT", "PROTEST", "COERCE"})
TARGET_PREPS = frozenset({"مع", "علي", "ضد", "الي", "ل", "ب", "بين", "تجاه", "بحق", "نحو"})
FROM_TARGET = frozenset({"RETREAT", "SANCTION"})  # "انسحب من", "طرد من": من governs the target
CLAUSE_WORDS = frozenset(fold(w) for w in ("حيث", "بينما", "فيما", "لكن", "ولكن", "بيد"))
PLACE_PREPS = frozenset({"في", "ب"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "NORP"})  # NORP: في عدة مدن إيرانية
RELATIVE_TIMES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
DEADLINE_WORDS = frozenset(fold(w) for w in ("حتى", "وحتى", "بحلول", "لغاية", "غاية"))
"""Folded words before a time that make it a deadline ("حتى عام 2040"), not the event's date."""
FUTURE_AUXILIARIES = frozenset(fold(w) for w in (
    "يتم", "تتم", "يكون", "تكون", "يصبح", "تصبح", "يعقد", "تعقد", "يعقدون", "يجري", "تجري",
    "يبدأ", "تبدأ", "يزور", "تزور", "يلتقي", "تلتقي", "يشارك", "تشارك", "يتوجه", "تتوجه", "يصل",
    "تصل", "يناقش", "تناقش", "يبحث", "تبحث", "يتناول", "تتناول", "يستضيف", "تستضيف", "ينظم",
    "تنظم", "يوقع", "توقع", "يستقبل", "تستقبل", "تنطلق", "ينطلق", "تستمر", "يستمر", "نعمل",
))  # fmt: skip
NUMBER_WORDS = frozenset(fold(w) for w in (
    "اثنين", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة",
    "عشرات", "مئات", "آلاف", "عشرين", "ثلاثين", "أربعين", "خمسين", "مئة", "مائة", "ألف",
    "جنديين", "شخصين", "شخص", "جندي",
))  # fmt: skip
LOCAL_SECTORS = frozenset({"CVL", "COP", "OPP", "LEG", "JUD", "BUS", "MED", "REF", "GOV", "REB"})
WITH_BA = frozenset({"CONSULT", "SUPPORT", "ACCUSE", "AGREE", "COOPERATE"})  # التقى ب، ندد ب
FOREIGN_ONLY = frozenset({"ASSAULT", "MOBILIZE", "RETREAT", "AID"})
DOMESTIC = frozenset({"CVL", "OPP", "MED", "BUS", "REB", "COP", "JUD", "LEG", "REF", "GOV"})
NON_STATE = frozenset({"IGO", "NGO", "IMG"})
OWN_FORCES = frozenset({"MOBILIZE", "RETREAT"})  # troops moved are the source's, not a target
PLACE_TARGETS = frozenset({"ASSAULT", "COERCE", "AID", "RETREAT", "MOBILIZE"})
MAX_EVENTS_PER_TRIGGER = 6
BASE_CONFIDENCE = {3: 0.55, 2: 0.45, 1: 0.3}


_Pair = tuple[ActorPhrase | None, ActorPhrase | None]


@dataclass(slots=True)
class _Context:
    """One sentence being coded."""

    sentence: Sentence
    clause: Span
    phrases: list[ActorPhrase]


@component(
    "events",
    requires=("sentences", "tokens", "mentions", "entities", "times"),
    assigns=("events",),
)
class EventCoder:
    """PLOVER events (type, CAMEO code, actors, date, place, mode) from triggers in sentences."""

    def __init__(self) -> None:
        self.lexicon: EventLexicon = load_lexicon()

    def __call__(self, doc: Document) -> Document:
        doc.events = _DocumentCoder(DocView.of(doc), self.lexicon).code()
        return doc


class _DocumentCoder:
    def __init__(self, view: DocView, lexicon: EventLexicon) -> None:
        self.view = view
        self.lexicon = lexicon
        self.triggers: dict[int, TriggerMatch] = {}
        self.finder = ActorFinder(view, self._is_stop)
        self.published = (view.doc.meta.published or "")[:10] or None
        self._sentence_first = 0

    def code(self) -> list[Event]:
        events: list[Event] = []
        for sentence in self.view.sentences:
            events.extend(self._sentence(sentence))
        return events

    def _is_stop(self, i: int) -> bool:
        w = self.view.word(i)
        return i in self.triggers or is_that(w) or lookup_cue(w) is not None

    # --- a sentence ------------------------------------------------------------------------

    def _sentence(self, sentence: Sentence) -> list[Event]:
        view = self.view
        tokens = view.token_range(sentence.start, sentence.end)
        self._sentence_first = tokens.start
        matches = self._triggers(tokens)
        if not matches:
            return []
        out: list[Event] = []
        for clause in self._clauses(tokens):
            in_clause = [m for m in matches if clause.start <= m.index < clause.end]
            if not in_clause:
                continue
            context = _Context(sentence, clause, self.finder.phrases(clause.start, clause.end))
            for k, match in enumerate(in_clause):
                if k and not self._coordinated(match):
                    continue  # a complement of the clause's first trigger ("أدانت الهجوم")
                out.extend(e for e in self._events(match, context) if not _repeats(e, out))
        return _merge(out)

    def _coordinated(self, match: TriggerMatch) -> bool:
        """A verb joined by و to what precedes (``اقتحمت ... واشتبكت``) starts its own event."""
        word = self.view.word(match.index)
        return match.trigger.kind == "V" and word[:1] == "و" and word[1:] not in ("",)

    def _triggers(self, tokens: range) -> list[TriggerMatch]:
        found: list[TriggerMatch] = []
        consumed: set[int] = set()
        view, lexicon = self.view, self.lexicon
        for i in tokens:
            if i in consumed or not lexicon.may_trigger(view.folded[i]):
                continue
            match = lexicon.match(view, i)
            if match is None:
                continue
            if match.consumed is not None:
                consumed.add(match.consumed)
            found.append(match)
            self.triggers[i] = match
        return [m for m in found if m.index not in consumed]

    def _clauses(self, tokens: range) -> list[Span]:
        """Token ranges of the clauses (``Span`` of token indices)."""
        cuts = [tokens.start]
        for i in tokens:
            w = self.view.word(i)
            if w in ("،", ",", "؛", ";") or (w in CLAUSE_WORDS and i > tokens.start):
                cuts.append(i + 1 if not w[:1].isalpha() else i)
        cuts.append(tokens.stop)
        spans = [Span(a, b) for a, b in pairwise(cuts) if b > a]
        return spans or [Span(tokens.start, tokens.stop)]

    # --- one trigger -----------------------------------------------------------------------

    def _events(self, match: TriggerMatch, context: _Context) -> list[Event]:
        trigger = match.trigger
        if trigger.kind == "N" and self.view.word(match.index - 1) in NON_EVENT_BEFORE:
            return []
        actors = [p for p in context.phrases if not self._is_place(p)]
        if match.consumed is not None:
            actors = [p for p in actors if not p.first <= match.consumed < p.stop]
        if trigger.plover in OWN_FORCES:
            actors = self._own_forces(match, actors)
        sources = self._sources(match, actors)
        targets = self._targets(match, actors, sources) or self._place_target(match, context)
        pairs = _pairs(trigger.plover, sources, targets) or self._without_actors(match, context)
        if not pairs or not _enough(trigger, pairs):
            return []
        self._localize(pairs, context, trigger.plover)
        return [self._event(match, context, s, t) for s, t in pairs[:MAX_EVENTS_PER_TRIGGER]]

    def _localize(
        self, pairs: list[_Pair], context: _Context, plover: str
    ) -> None:  # fmt: skip
        """Sector-only actors take the country of the clause's place (``المتظاهرون في بغداد``);
        protesters are civilians unless the text says otherwise."""
        places = [p for p in context.phrases if self._is_place(p) and p.countries]
        for source, target in pairs:
            for phrase in (source, target):
                local = LOCAL_SECTORS | ({"MIL"} if phrase is target else set())
                if phrase is None or phrase.countries or phrase.sector not in local:
                    continue
                if places and not phrase.counterpart:
                    phrase.countries = list(places[0].countries)
            if target is not None and not target.countries and target.sector in DOMESTIC:
                home = source.countries[0] if source is not None and source.countries else None
                police = source is not None and source.sector == "COP"
                if home and home not in NON_STATE and (plover not in FOREIGN_ONLY or police):
                    target.countries = [home]  # الشرطة الجورجية المتظاهرين، طالب البرلمان الحكومة
            if plover == "PROTEST" and source is not None and source.sector is None:
                source.sector = "CVL"

    def _barrier(self, t: int) -> int:
        """The last token before ``t`` that a source may not cross: a trigger, إن/أن, a cue, a
        quotation mark."""
        view = self.view
        for i in range(t - 1, self._sentence_first - 1, -1):
            w = view.word(i)
            if i in self.triggers or is_that(w) or w in QUOTE_CHARS or lookup_cue(w) is not None:
                return i
        return -1

    def _place_target(self, match: TriggerMatch, context: _Context) -> list[ActorPhrase]:
        """An attack or arrest "في غزة" without another target: the place is the target."""
        if match.trigger.plover not in PLACE_TARGETS:
            return []
        places = [p for p in context.phrases if self._is_place(p) and p.first > match.index]
        return [places[0]] if places and places[0].countries else []

    def _object_of_trigger(self, t: int) -> bool:
        """True for a noun right after another trigger (``أدانت الوزارة الهجوم``)."""
        return any(i < t and t - i <= 4 for i in self.triggers)

    def _is_place(self, phrase: ActorPhrase) -> bool:
        return (
            phrase.prep in PLACE_PREPS
            and phrase.head_type in PLACE_TYPES
            and phrase.sector is None
            and not phrase.counterpart
        )

    def _without_actors(self, match: TriggerMatch, context: _Context) -> list[_Pair]:
        """Events no actor was found for: protesters where a place is named; attacks, protests
        and arrests of strong triggers; an event noun needs a place (not "عانت من هجمات")."""
        trigger = match.trigger
        places = [p for p in context.phrases if self._is_place(p)]
        if trigger.kind == "N" and self._object_of_trigger(match.index):
            return []
        if trigger.plover == "PROTEST" and any(p.countries for p in places):
            return [(next(p for p in places if p.countries), None)]
        if trigger.plover not in ACTORLESS_OK or trigger.strength < 2 or not trigger.curated:
            return []
        return [] if trigger.kind == "N" and not places else [(None, None)]

    def _own_forces(self, match: TriggerMatch, actors: list[ActorPhrase]) -> list[ActorPhrase]:
        """``نشرت بولندا عشرة آلاف جندي``: country-less troops after the trigger are the source's
        own; they lend it the MIL sector and are no target."""
        own = [a for a in actors if a.first > match.index and a.sector == "MIL" and not a.countries]
        troops = match.consumed is not None and sector_of_words([self.view.word(match.consumed)])
        if not own and troops != "MIL":
            return actors
        rest = [a for a in actors if a not in own]
        for a in rest:
            if a.first < match.index or not a.prep:
                a.sector = a.sector or "MIL"
        return rest

    def _passive(self, match: TriggerMatch) -> bool:
        """``قتل خمسة جنود``: a killing verb before a number is read as a passive."""
        if match.trigger.kind != "V" or match.trigger.plover != "ASSAULT":
            return False
        nxt = self.view.word(match.index + 1)
        return nxt[:1].isdigit() or nxt in NUMBER_WORDS

    def _sources(self, match: TriggerMatch, actors: list[ActorPhrase]) -> list[ActorPhrase]:
        t = match.index
        if self._passive(match):
            return []
        after = [a for a in actors if a.first > t and not a.prep and not a.conj]
        near = 4 if match.trigger.kind == "V" else 2
        first_after = next((a for a in after if a.first - t <= near), None)
        before = [a for a in actors if a.stop <= t and not a.prep and a.first > self._barrier(t)]
        if match.trigger.kind == "N" and self.view.word(t - 1) in BACKGROUND_BEFORE:
            before = []
        chosen = first_after if first_after is not None else (before[-1] if before else None)
        if chosen is None and match.trigger.kind == "N":
            chosen = next((a for a in actors if a.prep == "من" and 0 < a.first - t <= 3), None)
        if chosen is None:
            return []
        return [a for a in actors if (a.group == chosen.group and not a.prep) or a is chosen]

    def _targets(
        self, match: TriggerMatch, actors: list[ActorPhrase], sources: list[ActorPhrase]
    ) -> list[ActorPhrase]:
        t = match.index
        groups = {s.group for s in sources}
        last_source = max((s.stop for s in sources if s.first > t), default=t)
        preps = set(TARGET_PREPS) if match.trigger.plover in WITH_BA else set(TARGET_PREPS) - {"ب"}
        if match.trigger.plover == "PROTEST":
            preps.add("امام")
        for a in actors:
            if a.first <= t or a.group in groups:
                continue
            governed = a.prep in preps or (a.prep == "من" and match.trigger.plover in FROM_TARGET)
            if governed or (not a.prep and match.trigger.kind == "V"):
                if not a.prep and a.first < last_source:
                    continue
                return [b for b in actors if b.group == a.group]
        return []

    def _event(
        self, match: TriggerMatch, context: _Context, source: ActorPhrase | None,
        target: ActorPhrase | None,
    ) -> Event:  # fmt: skip
        trigger = match.trigger
        date, dated = self._date(match, context)
        location = self._location(context)
        mode = self._mode(match, context, date if dated else None)
        evidence = Sentence(context.sentence.start, context.sentence.end)
        confidence = BASE_CONFIDENCE[trigger.strength] - (0.0 if trigger.curated else 0.05)
        confidence += 0.15 * (source is not None) + 0.15 * (target is not None)
        confidence += 0.05 * dated + 0.05 * (location is not None)
        return Event(
            type=trigger.plover, evidence=evidence, confidence=min(confidence, 0.95),
            cameo=trigger.cameo, mode=mode, source=self._actor(source, target),
            target=self._actor(target, source), date=date, location=location,
        )  # fmt: skip

    def _actor(self, phrase: ActorPhrase | None, other: ActorPhrase | None) -> Actor | None:
        if phrase is None:
            return None
        if phrase.counterpart and phrase.sector is None and other is not None:
            phrase.sector = other.sector
        text = self.view.text[phrase.start : phrase.end]
        return Actor(text, phrase.start, phrase.end, phrase.entity, phrase.code())

    # --- date, place, mode -----------------------------------------------------------------

    def _date(self, match: TriggerMatch, context: _Context) -> tuple[str | None, bool]:
        view = self.view
        pos = view.tokens[match.index].start
        clause = Span(
            view.tokens[context.clause.start].start, view.tokens[context.clause.end - 1].end
        )
        for span in (clause,):
            times = [
                t for t in view.doc.times
                if span.start <= t.start < span.end and t.type in ("DATE", "TIME")
                and t.value not in RELATIVE_TIMES and not self._deadline(t.start)
            ]  # fmt: skip
            if times:
                return min(times, key=lambda t: abs(t.start - pos)).value, True
        return self.published, False

    def _deadline(self, start: int) -> bool:
        """Whether the time starting at ``start`` follows a deadline word (حتى، بحلول، لغاية)."""
        before = self.view.text[max(0, start - 12) : start].split()
        return bool(before) and fold(before[-1]) in DEADLINE_WORDS

    def _location(self, context: _Context) -> Location | None:
        view = self.view
        places = [p for p in context.phrases if self._is_place(p)]
        if places:
            p = places[0]
            mention = view.mention_at(p.start)
            text = mention.text if mention is not None else view.text[p.start : p.end]
            return Location(text, p.entity)
        dateline = view.doc.meta.dateline
        if dateline is None:
            return None
        mention = next(iter(view.mentions_in(dateline.start, dateline.end)), None)
        return Location(dateline.place, mention.entity if mention is not None else None)

    def _mode(self, match: TriggerMatch, context: _Context, date: str | None) -> str | None:
        view = self.view
        t = match.index
        clause = context.clause
        before = range(max(clause.start, t - 2), t)
        if any(_without_conjunction(view.word(j)) in NEGATORS for j in before):
            return "negated"
        if self._denied(t, context):
            return "negated"
        if self._future(t, clause) or (date and self.published and date[:10] > self.published):
            return "planned"
        if self._reported(t, context):
            return "reported"
        return None

    def _denied(self, t: int, context: _Context) -> bool:
        view = self.view
        first = view.token_index(context.sentence.start)
        for j in range(first, t):
            cue = lookup_cue(view.word(j))
            if cue is not None and cue.lemma == "نفي":
                return True
        return False

    def _future(self, t: int, clause: Span) -> bool:
        """A future verb at or just before the trigger, or a planning word in the clause."""
        view = self.view
        near = range(max(clause.start, t - 3), t + 1)
        if any(match_future_verb(view.word(j), self.lexicon) for j in near):
            return True
        return any(view.word(j) in FUTURE_MARKERS for j in range(clause.start, clause.end))

    def _reported(self, t: int, context: _Context) -> bool:
        view = self.view
        pos = view.tokens[t].start
        if any(q.start <= pos < q.end for q in view.doc.quotes):
            return True
        first = view.token_index(context.sentence.start)
        words = [view.word(j) for j in range(first, view.token_index(context.sentence.end))]
        if any(is_attribution(w) for w in words):
            return True
        cue_before = any(lookup_cue(w) is not None for w in words[: t - first])
        return cue_before and any(is_that(w) for w in words[: t - first])


def match_future_verb(word: str, lexicon: EventLexicon | None = None) -> bool:
    """True for a known imperfect verb with the future prefix (``سيعقد``, ``وستبحث``, ``سيتم``),
    not for words that merely start so (``سيتي``, ``ستة``)."""
    rest = word[1:] if word[:1] in "وف" else word
    if rest[:1] != "س" or rest[1:2] not in ("ي", "ت", "ن", "ا") or len(rest) < 4:
        return False
    verb = rest[1:]
    known = lexicon is not None and bool(lexicon.verbs.get(verb))
    return known or verb in FUTURE_AUXILIARIES or lookup_cue(verb) is not None


def _pairs(plover: str, sources: list[ActorPhrase], targets: list[ActorPhrase]) -> list[_Pair]:
    """Source-target pairs: see "Symmetric and multilateral events" in the module docstring."""
    sources = _split_countries(sources)
    targets = _split_countries(targets)
    if plover in SYMMETRIC and len(targets) > 1 and targets[0].prep == "بين":
        return list(combinations(targets, 2))
    if not targets and plover in SYMMETRIC and len(sources) > 1:
        return list(combinations(sources, 2))
    if sources and targets:
        return [(s, t) for s in sources for t in targets]
    if sources:
        return [(s, None) for s in sources]
    return [(None, t) for t in targets]


def _split_countries(phrases: list[ActorPhrase]) -> list[ActorPhrase]:
    """``المحادثات الأمريكية اليابانية``: one phrase naming two countries is two actors."""
    out: list[ActorPhrase] = []
    for p in phrases:
        if len(p.countries) > 1 and p.head_type in ("NORP", "GPE"):
            out.extend(replace(p, countries=[country]) for country in p.countries)
        else:
            out.append(p)
    return out


def _code(actor: Actor | None) -> str | None:
    return actor.code if actor is not None else None


def _without_conjunction(word: str) -> str:
    return word[1:] if word[:1] in "وف" and len(word) > 2 else word


def _enough(trigger: Trigger, pairs: list[_Pair]) -> bool:
    """Weak triggers need an actor with a country; CAMEO-derived ones two, on both sides."""
    if trigger.strength == 1 and not any(p is not None and p.countries for pr in pairs for p in pr):
        return False
    both = any(s is not None and t is not None and s.countries and t.countries for s, t in pairs)
    return trigger.curated or both


def _merge(events: list[Event]) -> list[Event]:
    """Join events of one type in a sentence when one has only a source and the other only a
    target (``قتل خمسة جنود في هجوم شنه مسلحون``)."""
    out: list[Event] = []
    for event in events:
        partner = next((e for e in out if _complements(e, event)), None)
        if partner is None:
            out.append(event)
            continue
        partner.source = partner.source or event.source
        partner.target = partner.target or event.target
        partner.confidence = min(0.95, max(partner.confidence, event.confidence) + 0.1)
    return out


def _complements(a: Event, b: Event) -> bool:
    if a.type != b.type:
        return False
    return (
        (a.source is None) != (b.source is None)
        and (a.target is None) != (b.target is None)
        and (a.source is None) == (b.target is None)
    )


def _repeats(event: Event, earlier: list[Event]) -> bool:
    """True when a sentence already has this event, or a more specific one of the same type."""
    source, target = _code(event.source), _code(event.target)
    for e in earlier:
        if e.type != event.type:
            continue
        same_source = source is None or _code(e.source) == source
        same_target = target is None or _code(e.target) == target
        if same_source and same_target:
            return True
    return False
