"""``marsad eval timex`` and ``marsad eval quantities`` on tiny gold files written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main

TIMEX_GOLD = [
    {"text": "ستعقد القمة في 28 يوليو.", "published": "2024-07-19", "category": "month_day",
     "expected": [{"value": "2024-07-28", "type": "DATE"}]},
    {"text": "قال الوزير أمس إن الحوار مستمر.", "published": "2024-07-19",
     "category": "relative_day", "expected": [{"value": "2024-07-18"}]},
    {"text": "استمرت المفاوضات ثلاث سنوات.", "published": None, "category": "duration",
     "expected": [{"value": "P3Y", "type": "DURATION"}]},
]  # fmt: skip
QUANTITY_GOLD = [
    {"text": "تستضيف القاعدة 54 ألف جندي.", "category": "number_digits",
     "expected": [{"value": 54000, "unit": "جندي"}]},
    {"text": "بلغت قيمة الصفقة 2.5 مليار دولار.", "category": "money",
     "expected": [{"value": 2.5e9, "unit": "USD", "kind": "MONEY"}]},
]  # fmt: skip


def write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_eval_timex_prints_accuracy_by_category(tmp_path: Path) -> None:
    gold = write(tmp_path / "t.jsonl", TIMEX_GOLD)
    result = CliRunner().invoke(main, ["eval", "timex", str(gold)])
    assert result.exit_code == 0, result.output
    for label in ("month_day", "relative_day", "duration", "overall", "expressions/s"):
        assert label in result.stdout
    figures = json.loads(CliRunner().invoke(main, ["eval", "timex", str(gold), "--json"]).stdout)
    assert figures["marsad"]["overall"] == {"correct": 3, "expected": 3, "accuracy": 100.0}
    assert figures["lines"] == 3


def test_eval_timex_compares_with_dateparser(tmp_path: Path) -> None:
    pytest.importorskip("dateparser")
    gold = write(tmp_path / "t.jsonl", TIMEX_GOLD)
    result = CliRunner().invoke(
        main, ["eval", "timex", str(gold), "--compare-dateparser", "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["dateparser"]["system"] == "dateparser"
    assert figures["dateparser"]["overall"]["expected"] == 3
    assert figures["dateparser"]["categories"]["duration"]["correct"] == 0


def test_eval_quantities_prints_numbers_and_money(tmp_path: Path) -> None:
    gold = write(tmp_path / "q.jsonl", QUANTITY_GOLD)
    result = CliRunner().invoke(main, ["eval", "quantities", str(gold)])
    assert result.exit_code == 0, result.output
    assert "numbers (number*)" in result.stdout and "money" in result.stdout
    figures = json.loads(
        CliRunner().invoke(main, ["eval", "quantities", str(gold), "--json"]).stdout
    )
    assert figures["numbers"]["accuracy"] == 100.0
    assert figures["marsad"]["categories"]["money"]["correct"] == 1


def test_eval_misses_go_to_stderr_and_bad_gold_is_an_error(tmp_path: Path) -> None:
    gold = write(tmp_path / "t.jsonl", [{"text": "لا شيء هنا.", "expected": [{"value": "2024"}]}])
    result = CliRunner().invoke(main, ["eval", "timex", str(gold), "--errors"])
    assert result.exit_code == 0
    assert "want 2024" in result.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "quantities", str(bad)])
    assert result.exit_code == 2
    assert "marsad: error: " in result.stderr and "bad.jsonl:1" in result.stderr
