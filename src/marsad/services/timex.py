"""Evaluate time expressions and quantities on gold files (``marsad eval timex|quantities``).

Marsad runs the components it needs (``sentences`` then ``timex``, and ``quantities`` after them)
on each gold line with the line's publication date. With ``compare_dateparser`` the same lines go
through ``dateparser.search.search_dates`` in the same run, so accuracy and speed are measured
side by side on the same expressions (see :mod:`marsad.evaluation.timex` for the criteria).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.doc import Document
from marsad.evaluation import quantities as qeval
from marsad.evaluation import timex as teval
from marsad.pipeline import Pipeline
from marsad.services.analyze import make_document

TIMEX_PIPELINE = ("sentences", "timex")
QUANTITY_PIPELINE = ("sentences", "timex", "quantities")


@dataclass(slots=True)
class TimexEvaluation:
    """Marsad's score and, when asked, dateparser's on the same gold lines."""

    lines: int
    marsad: teval.Score
    dateparser: teval.Score | None = None
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"lines": self.lines, "marsad": self.marsad.as_dict()}
        if self.dateparser is not None:
            out["dateparser"] = self.dateparser.as_dict()
        return out


@dataclass(slots=True)
class QuantityEvaluation:
    lines: int
    marsad: teval.Score
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        numbers = qeval.numbers_tally(self.marsad)
        out = {"lines": self.lines, "marsad": self.marsad.as_dict()}
        out["numbers"] = {"correct": numbers.correct, "expected": numbers.expected,
                          "accuracy": round(numbers.accuracy, 2)}  # fmt: skip
        return out


def _document(text: str, published: str | None, index: int) -> Document:
    return make_document(text, id=f"gold-{index}", published=published)


def _run_marsad(pipeline: Pipeline, text: str, published: str | None, index: int) -> Document:
    return pipeline(_document(text, published, index))


def evaluate_timex(path: Path, compare_dateparser: bool = False) -> TimexEvaluation:
    """Score Marsad (and dateparser) on the timex gold file ``path``."""
    gold = teval.read_gold(path)
    pipeline = Pipeline.from_names(TIMEX_PIPELINE)
    marsad = teval.Score("marsad")
    for i, line in enumerate(gold):
        started = time.perf_counter()
        doc = _run_marsad(pipeline, line.text, line.published, i)
        marsad.seconds += time.perf_counter() - started
        predicted = [teval.Predicted(t.value, t.type) for t in doc.times]
        teval.score_line(marsad, line, predicted)
    result = TimexEvaluation(len(gold), marsad, errors=list(marsad.misses))
    if compare_dateparser:
        result.dateparser = _score_dateparser(gold)
    return result


def _score_dateparser(gold: list[teval.GoldLine]) -> teval.Score:
    score = teval.Score("dateparser")
    for line in gold:
        started = time.perf_counter()
        predicted = teval.dateparser_values(line.text, line.published)
        score.seconds += time.perf_counter() - started
        teval.score_line(score, line, predicted, teval.precision_match)
    return score


def evaluate_quantities(path: Path) -> QuantityEvaluation:
    """Score Marsad's quantities on the gold file ``path``."""
    gold = qeval.read_gold(path)
    pipeline = Pipeline.from_names(QUANTITY_PIPELINE)
    score = teval.Score("marsad")
    for i, line in enumerate(gold):
        started = time.perf_counter()
        doc = _run_marsad(pipeline, line.text, line.published, i)
        score.seconds += time.perf_counter() - started
        predicted = [qeval.PredictedQuantity(q.value, q.unit, q.kind) for q in doc.quantities]
        qeval.score_line(score, line, predicted)
    return QuantityEvaluation(len(gold), score, errors=list(score.misses))
