"""Scoring quotations against a gold file (``marsad eval quotes GOLD.jsonl``).

**Gold format.** JSON Lines, one article per line::

    {"id": "q001", "text": "…the article…", "published": "2024-07-19",
     "quotes": [{"quote": "the quoted words, without the marks", "kind": "direct",
                 "speaker": ["كاثرين براون", "براون"]}, ...]}

``quote`` must occur in ``text``; repeated strings are found in order (each search starts after
the previous quote's start). ``start``/``end`` offsets may be given instead of ``quote``.
``kind`` is ``direct`` (between quotation marks; the default) or ``indirect``. ``speaker`` is a
string or a list of ways the article names the speaker (any one is right); ``null`` when the
quotation has no speaker in the text. A record with ``"quotes": []`` is an article without any.

**Figures.** A system quote matches a gold quote of the same kind when their character spans
overlap by at least half of the shorter one (one-to-one, in order). For direct quotes:
*found* = matched gold / gold (recall), *precision* = matched system / system, F1; the same for
indirect quotes. *Speaker right* = among matched gold quotes that name a speaker, those whose
system speaker's text contains or is contained in one of the gold names (after Arabic folding),
or whose linked entity's name or Latin name is one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.doc import Document, Quote
from marsad.evaluation.gold import read_jsonl_gold
from marsad.text.normalize import fold

MIN_OVERLAP = 0.5
KINDS = ("direct", "indirect")


@dataclass(frozen=True, slots=True)
class GoldQuote:
    start: int
    end: int
    kind: str
    speakers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """One gold article."""

    id: str
    text: str
    published: str | None
    quotes: tuple[GoldQuote, ...]


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    matched_gold: int = 0
    matched_system: int = 0

    @property
    def recall(self) -> float:
        return 100.0 * self.matched_gold / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return 100.0 * self.matched_system / self.system if self.system else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"gold": self.gold, "system": self.system, "found": round(self.recall, 2),
                "precision": round(self.precision, 2), "f1": round(self.f1, 2)}  # fmt: skip


@dataclass(slots=True)
class QuoteScores:
    """Quote detection per kind and speaker accuracy on matched quotes."""

    kinds: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    speakers_gold: int = 0
    speakers_right: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def speaker_accuracy(self) -> float:
        return 100.0 * self.speakers_right / self.speakers_gold if self.speakers_gold else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            **{kind: counts.as_dict() for kind, counts in self.kinds.items()},
            "speaker": {"gold": self.speakers_gold, "right": self.speakers_right,
                        "accuracy": round(self.speaker_accuracy, 2)},
        }  # fmt: skip


def read_gold(path: str | Path) -> list[QuoteRecord]:
    """Read a quotes gold file; :class:`EvaluationError` names the line at fault."""
    return read_jsonl_gold(path, _record, "quotes")


def _record(data: dict[str, Any]) -> QuoteRecord:
    text = data["text"]
    quotes, cursor = [], 0
    for q in data.get("quotes", []):
        if "quote" in q:
            start = text.find(q["quote"], cursor)
            if start < 0:
                raise ValueError(f"quote {q['quote'][:40]!r} not found in the text")
            end = start + len(q["quote"])
        else:
            start, end = int(q["start"]), int(q["end"])
        cursor = start + 1
        kind = q.get("kind", "direct")
        if kind not in KINDS:
            raise ValueError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        speakers = q.get("speaker")
        names = (speakers,) if isinstance(speakers, str) else tuple(speakers or ())
        quotes.append(GoldQuote(start, end, kind, names))
    return QuoteRecord(str(data["id"]), text, data.get("published"), tuple(quotes))


def score(pairs: Iterable[tuple[QuoteRecord, Document]]) -> QuoteScores:
    """Score analysed documents against their gold records."""
    scores = QuoteScores()
    for record, doc in pairs:
        scores.articles += 1
        for kind in KINDS:
            _score_kind(record, doc, kind, scores)
    return scores


def _score_kind(record: QuoteRecord, doc: Document, kind: str, scores: QuoteScores) -> None:
    gold = [q for q in record.quotes if q.kind == kind]
    system = [q for q in doc.quotes if q.kind == kind]
    counts = scores.kinds[kind]
    counts.gold += len(gold)
    counts.system += len(system)
    used: set[int] = set()
    for g in gold:
        match = next((i for i, s in enumerate(system) if i not in used and _overlaps(g, s)), None)
        if match is None:
            scores.errors.append(
                f"{record.id}: missed {kind} {record.text[g.start : g.end][:50]!r}"
            )
            continue
        used.add(match)
        counts.matched_gold += 1
        if g.speakers:
            scores.speakers_gold += 1
            if speaker_right(system[match], g.speakers, doc):
                scores.speakers_right += 1
            else:
                found = system[match].speaker
                who = found.text if found is not None else None
                scores.errors.append(f"{record.id}: speaker {who!r}, gold {g.speakers[0]!r}")
    counts.matched_system += len(used)
    for i, s in enumerate(system):
        if i not in used:
            scores.errors.append(f"{record.id}: spurious {kind} {s.text[:50]!r}")


def _overlaps(gold: GoldQuote, system: Quote) -> bool:
    overlap = min(gold.end, system.end) - max(gold.start, system.start)
    shorter = min(gold.end - gold.start, system.end - system.start)
    return shorter > 0 and overlap >= MIN_OVERLAP * shorter


def speaker_right(quote: Quote, names: tuple[str, ...], doc: Document) -> bool:
    """True when the quote's speaker is one of the gold ``names`` (see the module docstring)."""
    speaker = quote.speaker
    if speaker is None:
        return False
    said = [fold(speaker.text)]
    entity = doc.entity(speaker.entity) if speaker.entity else None
    if entity is not None:
        said += [fold(entity.name), fold(entity.latin or "")]
    gold = [fold(n) for n in names if n.strip()]
    return any(s and g and (g in s or s in g) for s in said for g in gold)
