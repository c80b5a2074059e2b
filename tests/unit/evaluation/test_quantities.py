"""Scoring quantities (``marsad.evaluation.quantities``)."""

from __future__ import annotations

import json

import pytest

from marsad.errors import EvaluationError
from marsad.evaluation.quantities import (
    ExpectedQuantity,
    PredictedQuantity,
    QuantityLine,
    matches,
    numbers_tally,
    parse_line,
    score_line,
)
from marsad.evaluation.timex import Score


def test_parse_line() -> None:
    record = {
        "text": "54 ألف جندي",
        "category": "counted",
        "expected": [{"value": 54000, "unit": "جندي", "kind": "CARDINAL"}],
    }
    gold = parse_line(json.dumps(record), "q.jsonl:1")
    assert gold.expected == (ExpectedQuantity(54000.0, "جندي", "CARDINAL", "counted"),)


@pytest.mark.parametrize(
    ("raw", "message"),
    [("nope", "not valid JSON"), ('{"expected": []}', "text"),
     ('{"text": "x", "expected": {}}', "list"),
     ('{"text": "x", "expected": [{"value": "3"}]}', "numeric"),
     ('{"text": "x", "expected": [{"value": true}]}', "numeric"),
     ('{"text": "x", "expected": [{"value": 3, "kind": "COUNT"}]}', "kind"),
     ('{"text": "x", "expected": [{"value": 3, "unit": 5}]}', "unit")],
)  # fmt: skip
def test_malformed_lines(raw: str, message: str) -> None:
    with pytest.raises(EvaluationError, match=message) as info:
        parse_line(raw, "q.jsonl:3")
    assert "q.jsonl:3" in str(info.value)


def test_matches_value_with_tolerance_unit_and_kind() -> None:
    item = ExpectedQuantity(2.5e9, "USD", "MONEY", "money")
    assert matches(item, PredictedQuantity(2500000000.0000001, "USD", "MONEY"))
    assert not matches(item, PredictedQuantity(2.5e9, "EUR", "MONEY"))
    assert not matches(item, PredictedQuantity(2.5e9, "USD", "CARDINAL"))
    assert matches(ExpectedQuantity(3, None, None, "c"), PredictedQuantity(3, "كتب", "CARDINAL"))


def test_score_line_and_numbers_group() -> None:
    score = Score("marsad")
    gold = QuantityLine("نص", None, (
        ExpectedQuantity(3, None, None, "number_digits"),
        ExpectedQuantity(20, None, None, "number_words"),
        ExpectedQuantity(5, "%", None, "percent"),
    ))  # fmt: skip
    score_line(score, gold, [PredictedQuantity(3, None, "CARDINAL"),
                             PredictedQuantity(5, "%", "PERCENT"),
                             PredictedQuantity(9, None, "CARDINAL")])  # fmt: skip
    numbers = numbers_tally(score)
    assert (numbers.correct, numbers.expected) == (1, 2)
    assert score.categories["percent"].correct == 1
    assert score.spurious == 1
