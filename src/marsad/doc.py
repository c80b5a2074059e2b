"""The Document and its span records (output contract ``marsad.document/1``).

A :class:`Document` holds the original ``text``, which never changes, and layers of annotations.
Every annotation is a span of Python ``str`` indices into that text. ``to_dict()`` produces exactly
the contract of ARCHITECTURE.md section 3 (every top-level key present, empty lists where a layer
found nothing); ``from_dict()`` reads it back and checks every span.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from marsad.errors import DocumentError

SCHEMA = "marsad.document/1"

MENTION_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "MISC")
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")
QUANTITY_KINDS = ("CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")
QUOTE_KINDS = ("direct", "indirect")
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

JSON = dict[str, Any]


@dataclass(slots=True)
class Token:
    """A token of the original text (internal; not part of the serialized contract)."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int

    def to_dict(self) -> JSON:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    type: str
    entity: str | None = None

    def to_dict(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
                "entity": self.entity}  # fmt: skip


@dataclass(slots=True)
class Role:
    title: str
    title_latin: str | None = None
    country: str | None = None

    def to_dict(self) -> JSON:
        return {"title": self.title, "title_latin": self.title_latin, "country": self.country}


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    name: str
    latin: str | None = None
    kb: dict[str, str] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)

    def to_dict(self) -> JSON:
        return {"id": self.id, "type": self.type, "name": self.name, "latin": self.latin,
                "kb": dict(self.kb), "roles": [r.to_dict() for r in self.roles]}  # fmt: skip


@dataclass(slots=True)
class Time:
    start: int
    end: int
    text: str
    type: str
    value: str
    range: tuple[str, str] | None = None

    def to_dict(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
                "value": self.value, "range": list(self.range) if self.range else None}  # fmt: skip


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    text: str
    kind: str
    value: float
    unit: str | None = None
    approx: bool = False  # a vague amount read as its lower bound (عشرات الآلاف: 20000)

    def to_dict(self) -> JSON:
        value: float = int(self.value) if float(self.value).is_integer() else self.value
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "value": value, "unit": self.unit, "approx": self.approx}  # fmt: skip


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    text: str

    def to_dict(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Speaker:
    start: int
    end: int
    text: str
    entity: str | None = None

    def to_dict(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text, "entity": self.entity}


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    text: str
    kind: str
    cue: Cue | None = None
    speaker: Speaker | None = None

    def to_dict(self) -> JSON:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "cue": self.cue.to_dict() if self.cue else None,
                "speaker": self.speaker.to_dict() if self.speaker else None}  # fmt: skip


@dataclass(slots=True)
class Actor:
    text: str
    start: int
    end: int
    entity: str | None = None
    code: str | None = None

    def to_dict(self) -> JSON:
        return {"text": self.text, "start": self.start, "end": self.end, "entity": self.entity,
                "code": self.code}  # fmt: skip


@dataclass(slots=True)
class Location:
    text: str
    entity: str | None = None

    def to_dict(self) -> JSON:
        return {"text": self.text, "entity": self.entity}


@dataclass(slots=True)
class Event:
    type: str
    evidence: Sentence
    confidence: float
    cameo: str | None = None
    mode: str | None = None
    source: Actor | None = None
    target: Actor | None = None
    date: str | None = None
    location: Location | None = None

    def to_dict(self) -> JSON:
        return {
            "type": self.type, "cameo": self.cameo, "mode": self.mode,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "date": self.date,
            "location": self.location.to_dict() if self.location else None,
            "evidence": self.evidence.to_dict(), "confidence": round(self.confidence, 4),
        }  # fmt: skip


@dataclass(slots=True)
class Dateline:
    place: str
    start: int
    end: int

    def to_dict(self) -> JSON:
        return {"place": self.place, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Meta:
    headline: str | None = None
    agency: str | None = None
    byline: str | None = None
    dateline: Dateline | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    language: str = "ar"

    def to_dict(self) -> JSON:
        return {
            "headline": self.headline, "agency": self.agency, "byline": self.byline,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "published": self.published, "url": self.url, "source": self.source,
            "language": self.language,
        }  # fmt: skip


@dataclass(slots=True)
class Failure:
    """A component failure recorded on the document under the ``record`` error policy."""

    component: str
    message: str

    def to_dict(self) -> JSON:
        return {"component": self.component, "message": self.message}


def normalize_published(value: str | dt.date | None) -> str | None:
    """Return ``value`` as an ISO-8601 string, or raise :class:`DocumentError` naming it."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError as exc:
        raise DocumentError(f"published date {value!r} is not ISO-8601 (e.g. 2024-07-19)") from exc


class Document:
    """One article: immutable ``text`` plus annotation layers of character-offset spans."""

    __slots__ = (
        "_text", "entities", "events", "failures", "id", "mentions", "meta", "quantities",
        "quotes", "sentences", "times", "tokens",
    )  # fmt: skip

    def __init__(self, text: str, id: str = "doc", meta: Meta | None = None) -> None:
        if not isinstance(text, str):
            raise DocumentError(f"document '{id}': text must be str, not {type(text).__name__}")
        self._text = text
        self.id = id
        self.meta = meta if meta is not None else Meta()
        self.sentences: list[Sentence] = []
        self.tokens: list[Token] = []
        self.mentions: list[Mention] = []
        self.entities: list[Entity] = []
        self.times: list[Time] = []
        self.quantities: list[Quantity] = []
        self.quotes: list[Quote] = []
        self.events: list[Event] = []
        self.failures: list[Failure] = []

    @property
    def text(self) -> str:
        """The analysed text, exactly as given; every offset indexes it."""
        return self._text

    def reference_date(self) -> dt.date | None:
        """The publication date as a ``date`` (time zone dropped), or ``None``."""
        if not self.meta.published:
            return None
        return dt.date.fromisoformat(self.meta.published[:10])

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with ``entity_id``, or ``None``."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> JSON:
        out: JSON = {
            "schema": SCHEMA,
            "id": self.id,
            "text": self._text,
            "meta": self.meta.to_dict(),
            "sentences": [s.to_dict() for s in self.sentences],
            "mentions": [m.to_dict() for m in self.mentions],
            "entities": [e.to_dict() for e in self.entities],
            "times": [t.to_dict() for t in self.times],
            "quantities": [q.to_dict() for q in self.quantities],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
        }
        if self.failures:
            out["errors"] = [f.to_dict() for f in self.failures]
        return out

    @classmethod
    def from_dict(cls, data: JSON) -> Document:
        """Read a ``marsad.document/1`` dict back; raises :class:`DocumentError` when malformed."""
        try:
            return _document_from_dict(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise DocumentError(f"document '{data.get('id', '?')}' is malformed: {exc!r}") from exc

    def check(self) -> None:
        """Raise :class:`DocumentError` if any span lies outside the text or misquotes it."""
        n = len(self._text)
        for layer, spans in self.span_layers().items():
            for span in spans:
                start, end = span.start, span.end
                if not 0 <= start <= end <= n:
                    raise DocumentError(
                        f"document '{self.id}': {layer} span {start}-{end} outside text of {n}"
                    )
                quoted = getattr(span, "text", None)
                if isinstance(quoted, str) and quoted != self._text[start:end]:
                    raise DocumentError(
                        f"document '{self.id}': {layer} span {start}-{end} says {quoted!r}, "
                        f"text has {self._text[start:end]!r}"
                    )

    def span_layers(self) -> dict[str, list[Any]]:
        """Every span-bearing layer by name, nested spans (cues, speakers, actors) included."""
        cues = [q.cue for q in self.quotes if q.cue]
        speakers = [q.speaker for q in self.quotes if q.speaker]
        actors = [a for e in self.events for a in (e.source, e.target) if a]
        dateline = [self.meta.dateline] if self.meta.dateline else []
        return {
            "sentence": list(self.sentences), "token": list(self.tokens),
            "mention": list(self.mentions), "time": list(self.times),
            "quantity": list(self.quantities), "quote": list(self.quotes), "cue": cues,
            "speaker": speakers, "actor": actors,
            "evidence": [e.evidence for e in self.events], "dateline": dateline,
        }  # fmt: skip

    def __repr__(self) -> str:
        return f"Document(id={self.id!r}, chars={len(self._text)}, mentions={len(self.mentions)})"


def _opt(cls: Any, data: JSON | None) -> Any:
    return cls(**data) if data else None


def _event_from_dict(e: JSON) -> Event:
    return Event(
        type=e["type"], cameo=e.get("cameo"), mode=e.get("mode"),
        source=_opt(Actor, e.get("source")), target=_opt(Actor, e.get("target")),
        date=e.get("date"), location=_opt(Location, e.get("location")),
        evidence=Sentence(**e["evidence"]), confidence=float(e["confidence"]),
    )  # fmt: skip


def _quote_from_dict(q: JSON) -> Quote:
    return Quote(
        start=q["start"], end=q["end"], text=q["text"], kind=q["kind"],
        cue=_opt(Cue, q.get("cue")), speaker=_opt(Speaker, q.get("speaker")),
    )  # fmt: skip


def _document_from_dict(data: JSON) -> Document:
    if data.get("schema") != SCHEMA:
        raise DocumentError(f"document '{data.get('id', '?')}': schema is not {SCHEMA!r}")
    m = dict(data["meta"])
    meta = Meta(**{**m, "dateline": _opt(Dateline, m.get("dateline"))})
    doc = Document(data["text"], id=data["id"], meta=meta)
    doc.sentences = [Sentence(**s) for s in data["sentences"]]
    doc.mentions = [Mention(**x) for x in data["mentions"]]
    doc.entities = [
        Entity(**{**e, "roles": [Role(**r) for r in e.get("roles", [])]}) for e in data["entities"]
    ]
    doc.times = [
        Time(**{**t, "range": tuple(t["range"]) if t.get("range") else None}) for t in data["times"]
    ]
    doc.quantities = [Quantity(**q) for q in data["quantities"]]
    doc.quotes = [_quote_from_dict(q) for q in data["quotes"]]
    doc.events = [_event_from_dict(e) for e in data["events"]]
    doc.failures = [Failure(**f) for f in data.get("errors", [])]
    doc.check()
    return doc
