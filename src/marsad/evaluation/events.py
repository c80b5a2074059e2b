"""Scoring PLOVER events against a gold file (``marsad eval events GOLD.jsonl``).

**Gold format.** JSON Lines, one sentence (or short passage) per line::

    {"id": "e001", "text": "…", "published": "2024-03-01",
     "events": [{"type": "ASSAULT", "source": "ISR MIL", "target": "PSE"}, ...]}

``type`` is one of the 16 PLOVER types; ``source`` and ``target`` are CAMEO-style codes
(``"USA GOV"``, ``"JPN"``, ``"CVL"``: an ISO3 country, or IGO/NGO/IMG for international
organizations, and/or a sector) or ``null`` where the text
gives none. ``"events": []`` marks a sentence that reports no event. For the symmetric types
(CONSULT, AGREE, COOPERATE) the direction does not count.

**Figures.** Within a sentence each gold event is matched to an unmatched system event of the same
type, preferring the one whose actors agree best (one-to-one). *Recall* per type = matched /
gold; *precision* per type = matched / system events of that type; micro P/R/F1 over all types.
On matched pairs: *source country*, *target country* accuracy (where the gold gives a country)
and *sector* accuracy (source and target sectors, where the gold gives one). *False events* on
sentences without gold events: the share of such sentences given at least one event, and the
number of events there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.doc import PLOVER_TYPES, Document, Event
from marsad.evaluation.gold import read_jsonl_gold

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    source: str | None
    target: str | None


@dataclass(frozen=True, slots=True)
class EventRecord:
    id: str
    text: str
    published: str | None
    events: tuple[GoldEvent, ...]


@dataclass(slots=True)
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.right += ok

    def as_dict(self) -> dict[str, float | int]:
        return {"right": self.right, "total": self.total, "accuracy": round(self.value, 2)}


@dataclass(slots=True)
class EventScores:
    gold: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    system: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    matched: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    source_country: Ratio = field(default_factory=Ratio)
    target_country: Ratio = field(default_factory=Ratio)
    sector: Ratio = field(default_factory=Ratio)
    empty_sentences: int = 0
    empty_with_events: int = 0
    false_events: int = 0
    sentences: int = 0
    errors: list[str] = field(default_factory=list)

    def recall(self, kind: str | None = None) -> float:
        gold = self.gold[kind] if kind else sum(self.gold.values())
        hit = self.matched[kind] if kind else sum(self.matched.values())
        return 100.0 * hit / gold if gold else 0.0

    def precision(self, kind: str | None = None) -> float:
        system = self.system[kind] if kind else sum(self.system.values())
        hit = self.matched[kind] if kind else sum(self.matched.values())
        return 100.0 * hit / system if system else 0.0

    @property
    def false_event_rate(self) -> float:
        return 100.0 * self.empty_with_events / self.empty_sentences if self.empty_sentences else 0

    def as_dict(self) -> dict[str, Any]:
        p, r = self.precision(), self.recall()
        types = sorted(set(self.gold) | set(self.system))
        return {
            "sentences": self.sentences,
            "micro": {"precision": round(p, 2), "recall": round(r, 2),
                      "f1": round(2 * p * r / (p + r), 2) if p + r else 0.0,
                      "gold": sum(self.gold.values()), "system": sum(self.system.values())},
            "per_type": {t: {"gold": self.gold[t], "system": self.system[t],
                             "recall": round(self.recall(t), 2),
                             "precision": round(self.precision(t), 2)} for t in types},
            "source_country": self.source_country.as_dict(),
            "target_country": self.target_country.as_dict(),
            "sector": self.sector.as_dict(),
            "no_event_sentences": {"sentences": self.empty_sentences,
                                   "with_events": self.empty_with_events,
                                   "events": self.false_events,
                                   "false_event_rate": round(self.false_event_rate, 2)},
        }  # fmt: skip


def read_gold(path: str | Path) -> list[EventRecord]:
    """Read an events gold file; :class:`EvaluationError` names the line at fault."""
    return read_jsonl_gold(path, _record, "events")


def _record(data: dict[str, Any]) -> EventRecord:
    events = []
    for e in data["events"]:
        if e["type"] not in PLOVER_TYPES:
            raise ValueError(f"type {e['type']!r} is not a PLOVER type")
        events.append(GoldEvent(e["type"], e.get("source") or None, e.get("target") or None))
    return EventRecord(str(data["id"]), data["text"], data.get("published"), tuple(events))


def score(pairs: Iterable[tuple[EventRecord, Document]]) -> EventScores:
    """Score analysed documents against their gold records."""
    scores = EventScores()
    for record, doc in pairs:
        scores.sentences += 1
        for e in doc.events:
            scores.system[e.type] += 1
        if not record.events:
            scores.empty_sentences += 1
            scores.empty_with_events += bool(doc.events)
            scores.false_events += len(doc.events)
            if doc.events:
                scores.errors.append(f"{record.id}: false {[e.type for e in doc.events]}")
            continue
        _match(record, doc.events, scores)
    return scores


def _match(record: EventRecord, events: list[Event], scores: EventScores) -> None:
    used: set[int] = set()
    for g in record.events:
        scores.gold[g.type] += 1
        options = [i for i, e in enumerate(events) if i not in used and e.type == g.type]
        if not options:
            found = sorted({e.type for e in events})
            scores.errors.append(f"{record.id}: missed {g.type} (system: {found})")
            continue
        best = max(options, key=lambda i: _agreement(g, events[i]))
        used.add(best)
        scores.matched[g.type] += 1
        _score_actors(g, events[best], scores, record.id)


def _codes(event: Event) -> tuple[str | None, str | None]:
    return (
        event.source.code if event.source else None,
        event.target.code if event.target else None,
    )


def _oriented(gold: GoldEvent, event: Event) -> tuple[str | None, str | None]:
    """The system codes, swapped for a symmetric event when that agrees better with the gold."""
    source, target = _codes(event)
    if gold.type in SYMMETRIC:
        straight = _same(gold.source, source, 0) + _same(gold.target, target, 0)
        swapped = _same(gold.source, target, 0) + _same(gold.target, source, 0)
        if swapped > straight:
            return target, source
    return source, target


def _agreement(gold: GoldEvent, event: Event) -> int:
    source, target = _oriented(gold, event)
    return sum(_same(g, s, part) for g, s in ((gold.source, source), (gold.target, target))
               for part in (0, 1))  # fmt: skip


def _part(code: str | None, part: int) -> str | None:
    """``part`` 0: the country (a 3-letter code first, not a sector); 1: the sector."""
    if not code:
        return None
    words = code.split()
    country = words[0] if words and words[0] not in SECTORS else None
    sectors = [w for w in words if w in SECTORS]
    return country if part == 0 else (sectors[0] if sectors else None)


def _same(gold: str | None, system: str | None, part: int) -> bool:
    g = _part(gold, part)
    return g is not None and g == _part(system, part)


def _score_actors(gold: GoldEvent, event: Event, scores: EventScores, rid: str) -> None:
    source, target = _oriented(gold, event)
    if _part(gold.source, 0):
        scores.source_country.add(_same(gold.source, source, 0))
    if _part(gold.target, 0):
        ok = _same(gold.target, target, 0)
        scores.target_country.add(ok)
        if not ok:
            scores.errors.append(f"{rid}: {gold.type} target {target!r}, gold {gold.target!r}")
    for g, s in ((gold.source, source), (gold.target, target)):
        if _part(g, 1):
            scores.sector.add(_same(g, s, 1))


SECTOR_CODES = "GOV MIL OPP REB CVL COP JUD LEG BUS MED PTY REF REL EDU LAB HLH SPY ELI AGR"
SECTORS = frozenset(SECTOR_CODES.split())
