"""Scoring time expressions against a gold file (``marsad eval timex GOLD.jsonl``).

**Gold format.** JSON Lines, one sentence or article per line::

    {"text": "ستعقد القمة في 28 يوليو.", "published": "2024-07-19",
     "expected": [{"value": "2024-07-28", "type": "DATE"}], "category": "month_day"}

``published`` (ISO-8601) anchors relative expressions and may be null. Each expected item has a
TIMEX3 ``value``, optionally a ``type`` (DATE, TIME, DURATION, SET) and its own ``category``
(the line's by default).

**Figures.** An expected item is *correct* when a predicted expression of the line, not already
matched, has the same value (and the same type when the item gives one): exact value accuracy,
per category and overall. Predictions of a line left unmatched are *spurious*.

**dateparser.** ``dateparser_values`` runs ``dateparser.search.search_dates`` (languages ``ar``,
``RELATIVE_BASE`` = publication date) on the same text. It returns datetimes, not TIMEX3 values,
so a datetime counts as correct when it agrees with the expected value at that value's own
precision (year, month, ISO week, day, or minute; a part of day compares the day): the
comparison gives dateparser the benefit of the granularity. Durations, sets, decades, centuries
and ``*_REF`` values cannot be expressed by it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.errors import EvaluationError
from marsad.evaluation.gold import gold_lines

TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class Expected:
    value: str
    type: str | None
    category: str


@dataclass(frozen=True, slots=True)
class GoldLine:
    text: str
    published: str | None
    expected: tuple[Expected, ...]


@dataclass(frozen=True, slots=True)
class Predicted:
    """One system output: a value (or a datetime, for dateparser) and a type."""

    value: str
    type: str | None = None
    moment: dt.datetime | None = None


def _field(record: dict[str, Any], name: str, where: str, kind: type) -> Any:
    value = record.get(name)
    if not isinstance(value, kind):
        raise EvaluationError(f"{where}: '{name}' must be a {kind.__name__}")
    return value


def _expected(item: Any, category: str, where: str) -> Expected:
    if not isinstance(item, dict) or not isinstance(item.get("value"), str):
        raise EvaluationError(f"{where}: each expected item needs a string 'value'")
    kind = item.get("type")
    if kind is not None and kind not in TIME_TYPES:
        raise EvaluationError(f"{where}: type {kind!r} is not one of {', '.join(TIME_TYPES)}")
    return Expected(item["value"], kind, str(item.get("category") or category))


def parse_line(line: str, where: str) -> GoldLine:
    """One gold line; :class:`EvaluationError` names ``where`` (file:line) when malformed."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"{where}: not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict):
        raise EvaluationError(f"{where}: a line must be a JSON object")
    text = _field(record, "text", where, str)
    items = _field(record, "expected", where, list)
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise EvaluationError(f"{where}: 'published' must be an ISO-8601 string or null")
    category = str(record.get("category") or "all")
    expected = tuple(_expected(item, category, where) for item in items)
    return GoldLine(text, published or None, expected)


def read_gold(path: Path) -> list[GoldLine]:
    """Every line of the gold file ``path`` (blank lines skipped)."""
    return [parse_line(line, where) for where, line in gold_lines(path)]


@dataclass(slots=True)
class Tally:
    correct: int = 0
    expected: int = 0

    @property
    def accuracy(self) -> float:
        return 100.0 * self.correct / self.expected if self.expected else 0.0


@dataclass(slots=True)
class Score:
    """Accuracy per category and overall, spurious predictions, and speed."""

    system: str
    categories: dict[str, Tally] = field(default_factory=dict)
    spurious: int = 0
    predicted: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Tally:
        return Tally(
            sum(t.correct for t in self.categories.values()),
            sum(t.expected for t in self.categories.values()),
        )

    @property
    def per_second(self) -> float:
        return self.overall.expected / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        cats = {
            name: {"correct": t.correct, "expected": t.expected, "accuracy": round(t.accuracy, 2)}
            for name, t in sorted(self.categories.items())
        }
        total = self.overall
        return {
            "system": self.system, "categories": cats,
            "overall": {"correct": total.correct, "expected": total.expected,
                        "accuracy": round(total.accuracy, 2)},
            "spurious": self.spurious, "predicted": self.predicted,
            "seconds": round(self.seconds, 4), "expressions_per_second": round(self.per_second, 1),
        }  # fmt: skip


Matcher = Callable[[Expected, Predicted], bool]


def same_value(item: Expected, pred: Predicted) -> bool:
    """Marsad's criterion: identical value (and type when the gold gives one)."""
    return pred.value == item.value and (item.type is None or pred.type == item.type)


def score_line(
    score: Score, line: GoldLine, predicted: Sequence[Predicted], matcher: Matcher = same_value
) -> None:
    """Add one line's outcome to ``score`` (one-to-one matching in gold order)."""
    used: set[int] = set()
    for item in line.expected:
        tally = score.categories.setdefault(item.category, Tally())
        tally.expected += 1
        hit = next((i for i, p in enumerate(predicted) if i not in used and matcher(item, p)), None)
        if hit is None:
            shown = ", ".join(p.value for p in predicted) or "nothing"
            score.misses.append(f"[{item.category}] {line.text} | want {item.value} | got {shown}")
        else:
            used.add(hit)
            tally.correct += 1
    score.predicted += len(predicted)
    score.spurious += len(predicted) - len(used)


# --- dateparser ---------------------------------------------------------------------------------

_PRECISIONS: tuple[tuple[re.Pattern[str], str, int], ...] = (
    (re.compile(r"\d{4}"), "%Y", 4),
    (re.compile(r"\d{4}-\d{2}"), "%Y-%m", 7),
    (re.compile(r"\d{4}-W\d{2}"), "%G-W%V", 8),
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"), "%Y-%m-%dT%H:%M", 16),
    (re.compile(r"\d{4}-\d{2}-\d{2}(?:T[A-Z]{2})?"), "%Y-%m-%d", 10),
)
"""Value shapes dateparser can express: the datetime format to compare, over the value's prefix."""


def precision_match(item: Expected, pred: Predicted) -> bool:
    """dateparser's criterion: its datetime agrees with the value at the value's precision."""
    if pred.moment is None:
        return False
    for shape, fmt, length in _PRECISIONS:
        if shape.fullmatch(item.value):
            return pred.moment.strftime(fmt) == item.value[:length]
    return False


def dateparser_values(text: str, published: str | None) -> list[Predicted]:
    """What dateparser finds in ``text`` (datetimes), relative to ``published``."""
    try:
        from dateparser.search import search_dates
    except ImportError as exc:
        raise EvaluationError(
            "--compare-dateparser needs dateparser: pip install 'marsad[compare]'"
        ) from exc

    settings: dict[str, Any] = {}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published[:10])
    try:
        found = search_dates(text, languages=["ar"], settings=settings) or []
    except Exception:  # dateparser raises assorted errors on odd input; count as nothing found
        found = []
    return [Predicted(moment.isoformat(), None, moment) for _, moment in found]


def categories_of(gold: Iterable[GoldLine]) -> list[str]:
    return sorted({item.category for line in gold for item in line.expected})
