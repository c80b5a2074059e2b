"""Scoring time expressions (``marsad.evaluation.timex``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from marsad.errors import EvaluationError
from marsad.evaluation.timex import (
    Expected,
    GoldLine,
    Predicted,
    Score,
    parse_line,
    precision_match,
    read_gold,
    score_line,
)


def line(*items: tuple[str, str | None, str]) -> GoldLine:
    return GoldLine("نص", "2024-07-19", tuple(Expected(v, t, c) for v, t, c in items))


def test_parse_line_reads_items_and_categories() -> None:
    record = {
        "text": "أمس",
        "published": "2024-07-19",
        "category": "relative_day",
        "expected": [
            {"value": "2024-07-18", "type": "DATE"},
            {"value": "P3D", "category": "duration"},
        ],
    }
    gold = parse_line(json.dumps(record), "g.jsonl:1")
    assert gold.published == "2024-07-19"
    assert gold.expected == (
        Expected("2024-07-18", "DATE", "relative_day"),
        Expected("P3D", None, "duration"),
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [("{not json", "not valid JSON"), ("[]", "JSON object"),
     ('{"text": 1, "expected": []}', "text"),
     ('{"text": "x", "expected": [{"value": 3}]}', "string 'value'"),
     ('{"text": "x", "expected": [{"value": "2024", "type": "YEAR"}]}', "type"),
     ('{"text": "x", "published": 5, "expected": []}', "published")],
)  # fmt: skip
def test_malformed_lines_name_the_file_and_line(raw: str, message: str) -> None:
    with pytest.raises(EvaluationError, match=message) as info:
        parse_line(raw, "gold.jsonl:7")
    assert "gold.jsonl:7" in str(info.value)


def test_read_gold_skips_blank_lines_and_rejects_empty_files(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('\n{"text": "x", "expected": []}\n\n', encoding="utf-8")
    assert len(read_gold(path)) == 1
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="no lines"):
        read_gold(path)
    with pytest.raises(EvaluationError, match="cannot be read"):
        read_gold(tmp_path / "missing.jsonl")


def test_score_line_matches_one_to_one_and_counts_spurious() -> None:
    score = Score("marsad")
    gold = line(("2024", None, "year"), ("2024", None, "year"), ("P3D", "DURATION", "duration"))
    predicted = [Predicted("2024", "DATE"), Predicted("P3D", "SET"), Predicted("1999", "DATE")]
    score_line(score, gold, predicted)
    assert (score.categories["year"].correct, score.categories["year"].expected) == (1, 2)
    assert score.categories["duration"].correct == 0  # the type differs
    assert (score.spurious, score.predicted) == (2, 3)
    assert score.overall.accuracy == pytest.approx(100 / 3)
    assert len(score.misses) == 2


def test_as_dict_reports_rates() -> None:
    score = Score("marsad", seconds=2.0)
    score_line(score, line(("2024", None, "year")), [Predicted("2024", "DATE")])
    figures = score.as_dict()
    assert figures["overall"] == {"correct": 1, "expected": 1, "accuracy": 100.0}
    assert figures["expressions_per_second"] == 0.5


@pytest.mark.parametrize(
    ("value", "moment", "ok"),
    [("2024", dt.datetime(2024, 5, 1), True), ("2024-07", dt.datetime(2024, 7, 9), True),
     ("2024-07-28", dt.datetime(2024, 7, 28, 10), True),
     ("2024-W30", dt.datetime(2024, 7, 24), True),
     ("2024-07-19T14:30", dt.datetime(2024, 7, 19, 14, 30), True),
     ("2024-07-19TMO", dt.datetime(2024, 7, 19, 0), True),
     ("2024-07-28", dt.datetime(2024, 7, 27), False), ("P3D", dt.datetime(2024, 7, 22), False)],
)  # fmt: skip
def test_dateparser_counts_at_the_gold_precision(value: str, moment: dt.datetime, ok: bool) -> None:
    assert (
        precision_match(Expected(value, None, "c"), Predicted(moment.isoformat(), None, moment))
        is ok
    )


def test_dateparser_values_on_a_plain_date() -> None:
    pytest.importorskip("dateparser")
    from marsad.evaluation.timex import dateparser_values

    found = dateparser_values("عقد الاجتماع في 28 يوليو 2024", "2024-07-19")
    assert any(p.moment and p.moment.date() == dt.date(2024, 7, 28) for p in found)
