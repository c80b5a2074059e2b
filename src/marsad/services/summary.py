"""What a person reads about one analysed article: the data behind ``marsad analyze --format text``.

:func:`summarize` gathers, from a Document, the article's anatomy and each annotation layer in a
form ready to print (mentions grouped by type with their entities' Latin names, entities with
roles and knowledge-base ids, quotes with speakers, events as source → target). Shells only lay
it out; nothing here knows about colours or terminals.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from marsad.doc import Actor, Document, Entity, Event, Quote

LAYERS = ("sentences", "mentions", "entities", "times", "quantities", "quotes", "events")
"""Annotation layers in the order a summary shows them."""

EVIDENCE_CHARS = 160
"""Evidence and quote texts longer than this are shortened with an ellipsis."""


@dataclass(frozen=True, slots=True)
class MentionLine:
    text: str
    latin: str | None
    count: int


@dataclass(frozen=True, slots=True)
class EntityLine:
    name: str
    type: str
    latin: str | None
    roles: tuple[str, ...]
    kb: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class TimeLine:
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class QuantityLine:
    text: str
    kind: str
    value: float
    unit: str | None


@dataclass(frozen=True, slots=True)
class QuoteLine:
    text: str
    kind: str
    speaker: str | None
    speaker_latin: str | None


@dataclass(frozen=True, slots=True)
class EventLine:
    type: str
    source: str | None
    target: str | None
    date: str | None
    evidence: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Summary:
    """One article at a glance. ``layers`` names the layers the pipeline produced."""

    id: str
    headline: str | None
    agency: str | None
    byline: str | None
    dateline: str | None
    published: str | None
    url: str | None
    layers: frozenset[str]
    sentences: int = 0
    tokens: int = 0
    mentions: dict[str, list[MentionLine]] = field(default_factory=dict)
    entities: list[EntityLine] = field(default_factory=list)
    times: list[TimeLine] = field(default_factory=list)
    quantities: list[QuantityLine] = field(default_factory=list)
    quotes: list[QuoteLine] = field(default_factory=list)
    events: list[EventLine] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def shows(self, layer: str) -> bool:
        """Whether a summary should have a section for ``layer`` (produced, or found anything)."""
        return layer in self.layers or bool(getattr(self, layer))


def summarize(doc: Document, layers: frozenset[str] | None = None) -> Summary:
    """The summary of ``doc``; ``layers`` (default: those with content) get a section each."""
    entities = {e.id: e for e in doc.entities}
    meta = doc.meta
    return Summary(
        id=doc.id,
        headline=meta.headline,
        agency=meta.agency,
        byline=meta.byline,
        dateline=meta.dateline.place if meta.dateline else None,
        published=meta.published,
        url=meta.url,
        layers=layers if layers is not None else _nonempty_layers(doc),
        sentences=len(doc.sentences),
        tokens=len(doc.tokens),
        mentions=_mentions(doc, entities),
        entities=[_entity_line(e) for e in doc.entities],
        times=[TimeLine(t.text, t.type, t.value) for t in doc.times],
        quantities=[QuantityLine(q.text, q.kind, q.value, q.unit) for q in doc.quantities],
        quotes=[_quote_line(q, entities) for q in doc.quotes],
        events=[_event_line(doc, e) for e in doc.events],
        failures=[f"{f.component}: {f.message}" for f in doc.failures],
    )


def shorten(text: str, limit: int = EVIDENCE_CHARS) -> str:
    """``text`` on one line, cut at a word end within ``limit`` characters, with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _nonempty_layers(doc: Document) -> frozenset[str]:
    return frozenset(layer for layer in LAYERS if getattr(doc, layer))


def _mentions(doc: Document, entities: dict[str, Entity]) -> dict[str, list[MentionLine]]:
    counts: Counter[tuple[str, str, str | None]] = Counter()
    for m in doc.mentions:
        entity = entities.get(m.entity) if m.entity else None
        counts[(m.type, m.text, entity.latin if entity else None)] += 1
    grouped: dict[str, list[MentionLine]] = {}
    for (kind, text, latin), count in counts.items():
        grouped.setdefault(kind, []).append(MentionLine(text, latin, count))
    return grouped


def _entity_line(entity: Entity) -> EntityLine:
    roles = tuple(
        " ".join(
            part
            for part in (r.title, f"({r.title_latin})" if r.title_latin else "", r.country or "")
            if part
        )
        for r in entity.roles
    )
    return EntityLine(
        entity.name, entity.type, entity.latin, roles, tuple(sorted(entity.kb.items()))
    )


def _quote_line(quote: Quote, entities: dict[str, Entity]) -> QuoteLine:
    speaker = quote.speaker
    if speaker is None:
        return QuoteLine(shorten(quote.text), quote.kind, None, None)
    entity = entities.get(speaker.entity) if speaker.entity else None
    return QuoteLine(
        shorten(quote.text), quote.kind, speaker.text, entity.latin if entity else None
    )


def _event_line(doc: Document, event: Event) -> EventLine:
    evidence = doc.text[event.evidence.start : event.evidence.end]
    return EventLine(
        type=event.type,
        source=_actor(event.source),
        target=_actor(event.target),
        date=event.date,
        evidence=shorten(evidence),
        confidence=event.confidence,
    )


def _actor(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return f"{actor.text} [{actor.code}]" if actor.code else actor.text
