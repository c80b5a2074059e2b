"""An analysed Document as a page: highlighted text and side panels that point into it.

Pure presentation over the Document's layers: each mention, time, quantity, quote and event
evidence becomes a :class:`~marsad.web.highlight.Span` with an anchor id (``m-3``, ``t-0``,
``n-1``, ``q-2``, ``e-4``), and each panel row links to the anchor of its evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from marsad.doc import Document, Entity, Event, Mention, Quote
from marsad.web.highlight import Span, highlight

Context = dict[str, Any]


def article_context(doc: Document) -> Context:
    """What the article template needs: the highlighted text and the panels."""
    entities = {e.id: e for e in doc.entities}
    return {
        "doc": doc,
        "meta": doc.meta,
        "text_html": highlighted_text(doc),
        "entities": entity_rows(doc),
        "quotes": [_quote_row(i, q, entities) for i, q in enumerate(doc.quotes)],
        "events": [_event_row(i, e, doc) for i, e in enumerate(doc.events)],
        "times": [
            {"anchor": f"t-{i}", "text": t.text, "type": t.type, "value": t.value}
            for i, t in enumerate(doc.times)
        ],
        "quantities": [
            {"anchor": f"n-{i}", "text": q.text, "kind": q.kind, "value": q.value, "unit": q.unit}
            for i, q in enumerate(doc.quantities)
        ],
        "counts": {
            "mentions": len(doc.mentions),
            "entities": len(doc.entities),
            "times": len(doc.times),
            "quantities": len(doc.quantities),
            "quotes": len(doc.quotes),
            "events": len(doc.events),
        },
    }


def highlighted_text(doc: Document) -> Markup:
    """The article text as HTML with every layer's spans highlighted."""
    return highlight(doc.text, article_spans(doc))


def article_spans(doc: Document) -> list[Span]:
    """Spans of every highlighted layer, anchored for links from the panels."""
    entities = {e.id: e for e in doc.entities}
    spans = [_mention_span(i, m, entities.get(m.entity or "")) for i, m in enumerate(doc.mentions)]
    spans += [
        Span(t.start, t.end, "time", f"t-{i}", (("data-value", t.value), ("title", t.value)))
        for i, t in enumerate(doc.times)
    ]
    spans += [
        Span(q.start, q.end, "quantity", f"n-{i}", (("title", _quantity_title(q.value, q.unit)),))
        for i, q in enumerate(doc.quantities)
    ]
    spans += list(_quote_spans(doc))
    spans += [
        Span(e.evidence.start, e.evidence.end, "evidence", f"e-{i}", (("data-event", e.type),))
        for i, e in enumerate(doc.events)
    ]
    if doc.meta.dateline:
        spans.append(Span(doc.meta.dateline.start, doc.meta.dateline.end, "dateline"))
    return spans


def _mention_span(index: int, mention: Mention, entity: Entity | None) -> Span:
    attrs: list[tuple[str, str]] = [("data-type", mention.type), ("tabindex", "0")]
    if entity is not None:
        attrs += [
            ("data-entity", entity.id),
            ("data-name", entity.name),
            ("data-latin", entity.latin or ""),
            ("data-kb", kb_text(entity.kb)),
            ("data-roles", roles_text(entity)),
        ]
    title = " · ".join(x for x in (mention.type, entity.latin if entity else None) if x)
    attrs.append(("title", title))
    return Span(mention.start, mention.end, "mention", f"m-{index}", tuple(attrs))


def _quote_spans(doc: Document) -> Iterator[Span]:
    for i, quote in enumerate(doc.quotes):
        speaker = quote.speaker.text if quote.speaker else ""
        attrs = (("data-kind", quote.kind), ("data-speaker", speaker))
        yield Span(quote.start, quote.end, "quote", f"q-{i}", attrs)
        if quote.cue is not None:
            yield Span(quote.cue.start, quote.cue.end, "cue")


def kb_text(kb: dict[str, str]) -> str:
    """Knowledge-base ids as ``wikidata:Q30 iso3:USA``."""
    return " ".join(f"{k}:{v}" for k, v in sorted(kb.items()))


def roles_text(entity: Entity) -> str:
    """Roles as ``وزير الخارجية (Foreign Minister, QAT); ...``."""
    parts = []
    for role in entity.roles:
        extra = ", ".join(x for x in (role.title_latin, role.country) if x)
        parts.append(f"{role.title} ({extra})" if extra else role.title)
    return "; ".join(parts)


def _quantity_title(value: float, unit: str | None) -> str:
    number = int(value) if float(value).is_integer() else value
    return f"{number} {unit}" if unit else str(number)


def entity_rows(doc: Document) -> list[Context]:
    """The document's entities, most mentioned first, each with the anchors of its mentions."""
    anchors: dict[str, list[str]] = {}
    for i, mention in enumerate(doc.mentions):
        if mention.entity:
            anchors.setdefault(mention.entity, []).append(f"m-{i}")
    rows = [
        {
            "id": e.id,
            "type": e.type,
            "name": e.name,
            "latin": e.latin,
            "kb": kb_text(e.kb),
            "roles": roles_text(e),
            "mentions": anchors.get(e.id, []),
        }
        for e in doc.entities
    ]
    return sorted(rows, key=lambda r: (-len(r["mentions"]), r["name"]))


def _quote_row(index: int, quote: Quote, entities: dict[str, Entity]) -> Context:
    speaker = quote.speaker
    entity = entities.get(speaker.entity or "") if speaker else None
    return {
        "anchor": f"q-{index}", "text": quote.text, "kind": quote.kind,
        "cue": quote.cue.text if quote.cue else None,
        "speaker": speaker.text if speaker else None,
        "speaker_entity": entity.id if entity else None,
        "speaker_latin": entity.latin if entity else None,
    }  # fmt: skip


def _event_row(index: int, event: Event, doc: Document) -> Context:
    return {
        "anchor": f"e-{index}", "type": event.type, "mode": event.mode, "cameo": event.cameo,
        "source": _actor(event.source), "target": _actor(event.target), "date": event.date,
        "location": event.location.text if event.location else None,
        "evidence": doc.text[event.evidence.start : event.evidence.end],
        "confidence": event.confidence,
    }  # fmt: skip


def _actor(actor: Any) -> Context | None:
    if actor is None:
        return None
    return {"text": actor.text, "code": actor.code, "entity": actor.entity}
