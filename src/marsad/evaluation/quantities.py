"""Scoring quantities against a gold file (``marsad eval quantities GOLD.jsonl``).

**Gold format.** JSON Lines, one sentence or article per line::

    {"text": "تستضيف القاعدة 54 ألف جندي.", "published": null,
     "expected": [{"value": 54000, "unit": "جندي", "kind": "CARDINAL"}], "category": "counted"}

Each expected item has a numeric ``value``, optionally a ``unit`` (ISO 4217 code for money, a
symbol such as ``km`` for measures, the counted noun, ``%`` for percentages) and a ``kind``
(CARDINAL, ORDINAL, PERCENT, MONEY, QUANTITY), and its own ``category`` (the line's by default).

**Figures.** An expected item is *correct* when a predicted quantity of the line, not already
matched, has the same value (relative tolerance 1e-6) and the same unit and kind when the item
gives them: exact value accuracy per category and overall. Unmatched predictions are *spurious*.
Categories are free; the report also groups those starting with ``number`` as *numbers*.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.errors import EvaluationError
from marsad.evaluation.gold import gold_lines
from marsad.evaluation.timex import Score, Tally

QUANTITY_KINDS = ("CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")


@dataclass(frozen=True, slots=True)
class ExpectedQuantity:
    value: float
    unit: str | None
    kind: str | None
    category: str


@dataclass(frozen=True, slots=True)
class QuantityLine:
    text: str
    published: str | None
    expected: tuple[ExpectedQuantity, ...]


@dataclass(frozen=True, slots=True)
class PredictedQuantity:
    value: float
    unit: str | None
    kind: str


def _item(item: Any, category: str, where: str) -> ExpectedQuantity:
    value = item.get("value") if isinstance(item, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EvaluationError(f"{where}: each expected item needs a numeric 'value'")
    kind = item.get("kind")
    if kind is not None and kind not in QUANTITY_KINDS:
        raise EvaluationError(f"{where}: kind {kind!r} is not one of {', '.join(QUANTITY_KINDS)}")
    unit = item.get("unit")
    if unit is not None and not isinstance(unit, str):
        raise EvaluationError(f"{where}: 'unit' must be a string or null")
    return ExpectedQuantity(float(value), unit, kind, str(item.get("category") or category))


def parse_line(line: str, where: str) -> QuantityLine:
    """One gold line; :class:`EvaluationError` names ``where`` (file:line) when malformed."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"{where}: not valid JSON ({exc.msg})") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise EvaluationError(f"{where}: a line must be an object with a string 'text'")
    items = record.get("expected")
    if not isinstance(items, list):
        raise EvaluationError(f"{where}: 'expected' must be a list")
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise EvaluationError(f"{where}: 'published' must be an ISO-8601 string or null")
    category = str(record.get("category") or "all")
    expected = tuple(_item(item, category, where) for item in items)
    return QuantityLine(record["text"], published or None, expected)


def read_gold(path: Path) -> list[QuantityLine]:
    """Every line of the gold file ``path`` (blank lines skipped)."""
    return [parse_line(line, where) for where, line in gold_lines(path)]


def matches(item: ExpectedQuantity, pred: PredictedQuantity) -> bool:
    """Same value, and same unit and kind where the gold item gives them."""
    if not math.isclose(pred.value, item.value, rel_tol=1e-6, abs_tol=1e-9):
        return False
    unit_ok = item.unit is None or pred.unit == item.unit
    return unit_ok and (item.kind is None or pred.kind == item.kind)


def _show(pred: PredictedQuantity) -> str:
    return f"{pred.value:g} {pred.unit or ''} {pred.kind}".replace("  ", " ")


def score_line(score: Score, line: QuantityLine, predicted: Sequence[PredictedQuantity]) -> None:
    """Add one line's outcome to ``score`` (one-to-one matching in gold order)."""
    used: set[int] = set()
    for item in line.expected:
        tally = score.categories.setdefault(item.category, Tally())
        tally.expected += 1
        hit = next((i for i, p in enumerate(predicted) if i not in used and matches(item, p)), None)
        if hit is None:
            shown = "; ".join(_show(p) for p in predicted) or "nothing"
            want = f"{item.value:g} {item.unit or ''}".strip()
            score.misses.append(f"[{item.category}] {line.text} | want {want} | got {shown}")
        else:
            used.add(hit)
            tally.correct += 1
    score.predicted += len(predicted)
    score.spurious += len(predicted) - len(used)


def numbers_tally(score: Score) -> Tally:
    """The categories named ``number*`` together."""
    chosen = [t for name, t in score.categories.items() if name.startswith("number")]
    return Tally(sum(t.correct for t in chosen), sum(t.expected for t in chosen))
