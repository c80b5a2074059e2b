"""``marsad eval ner`` on a tiny gold file written here."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from marsad.cli import main

GOLD = """\
-DOCSTART- O

استقبل O
الرئيس O
المصري O
عبد B-PERS
الفتاح I-PERS
السيسي I-PERS
في O
القاهرة B-LOC
وفدا O
من O
الأمم B-ORG
المتحدة I-ORG
. O

وقالت O
وزارة B-ORG
الخارجية I-ORG
الفرنسية I-ORG
إن O
باريس B-LOC
ترحب O
بالاتفاق O
. O
"""


def _gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.conll"
    path.write_text(GOLD, encoding="utf-8")
    return path


def test_eval_ner_prints_a_table_with_micro_scores_and_speed(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "ner", str(_gold(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "micro" in result.output
    assert "tokens/s" in result.output
    assert "22 tokens" in result.output


def test_eval_ner_json_scores_the_tokens_as_given(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "ner", str(_gold(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["sentences"] == 2
    assert figures["micro"]["support"] == 5
    assert figures["per_type"]["LOC"]["tp"] == 2  # القاهرة and باريس
    assert figures["per_type"]["PERS"]["tp"] == 1
    assert 0.0 <= figures["micro"]["f1"] <= 100.0


def test_eval_ner_map_option_renames_types(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["eval", "ner", str(_gold(tmp_path)), "--json", "--map", "GPE=CITY"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    # Marsad's GPE mentions are now called CITY, which the gold file never uses.
    assert figures["per_type"]["CITY"]["tp"] == 0
    assert figures["per_type"]["CITY"]["predicted"] >= 2
    assert figures["per_type"]["LOC"]["tp"] == 0


def test_eval_ner_reports_a_malformed_gold_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.conll"
    path.write_text("كلمة B-PERS\nوحدها\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "ner", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("marsad: error: ") and "line 2" in result.stderr
    path.write_text("كلمة B-PERS\nأخرى X-LOC\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "ner", str(path)])
    assert result.exit_code == 2
    assert "sentence 1, token 'أخرى': tag 'X-LOC'" in result.stderr
