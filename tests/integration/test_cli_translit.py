"""``marsad translit`` (stdin to stdout) and ``marsad eval translit`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from marsad.cli import main


def invoke(args: list[str], stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, args, input=stdin)


def test_translit_writes_one_latin_line_per_input_line() -> None:
    result = invoke(["translit"], "جون سميث\n\nجورج\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n") == ["John Smith", "", "George", ""]


def test_translit_reads_a_file_argument(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("ويليامز\r\nتوماس\n", encoding="utf-8")
    result = invoke(["translit", str(names)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["Williams", "Thomas"]


def test_eval_translit_prints_cer_exact_and_speed(tmp_path: Path) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text("smith\tس م ي ث\t12\njohnson\tجونسون\nwalker\tووكر\n", encoding="utf-8")
    result = invoke(["eval", "translit", str(gold)])
    assert result.exit_code == 0, result.output
    assert "CER 0.0000" in result.stdout
    assert "exact 1.0000" in result.stdout
    assert "names/s" in result.stdout
    as_json = invoke(["eval", "translit", str(gold), "--json", "--system", "model"])
    figures = json.loads(as_json.stdout)
    assert figures["pairs"] == 3
    assert figures["cer"] == 0.0


def test_eval_translit_reports_a_malformed_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "bad.tsv"
    gold.write_text("no tab here\n", encoding="utf-8")
    result = invoke(["eval", "translit", str(gold)])
    assert result.exit_code != 0
    assert "bad.tsv:1" in result.output
