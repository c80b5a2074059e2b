"""``marsad bench`` on a small corpus written here (and on the ANT corpus when present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.config import DEFAULT_PIPELINE

TEXTS = [
    "وصلت قافلة مساعدات إلى البلدة صباح اليوم. وتضم القافلة أدوية وأغذية.",
    "الرباط (و م ع) - افتتح وزير التعليم مدرسة جديدة في ضواحي المدينة.",
]


def test_bench_prints_rates_shares_and_memory(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    rows = [json.dumps({"id": str(i), "text": t}, ensure_ascii=False) for i, t in enumerate(TEXTS)]
    corpus.write_text("\n".join([*rows, "{broken"]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["bench", str(corpus)])
    assert result.exit_code == 1, result.output  # the broken line failed
    for label in ("articles/s", "tokens/s", "chars/s", "start-up", "peak RSS", "sentences"):
        assert label in result.stdout
    assert "c.jsonl:3: not valid JSON" in result.stderr
    figures = json.loads(CliRunner().invoke(main, ["bench", str(corpus), "--json"]).stdout)
    assert figures["articles"] == 2
    assert figures["failures"] == 1
    assert figures["startup_seconds"] >= 0
    assert set(figures["component_shares"]) == set(DEFAULT_PIPELINE)


def test_bench_missing_corpus_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["bench", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2


def test_bench_of_an_empty_corpus_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_bytes(b"")
    result = CliRunner().invoke(main, ["bench", str(tmp_path / "empty.jsonl")])
    assert result.exit_code == 2
    assert "empty.jsonl: no articles to benchmark" in result.stderr


@pytest.mark.slow
def test_bench_on_ant_corpus(shared_dir: Path) -> None:
    corpus = shared_dir / "data" / "news" / "ant_v2.1_multisource.jsonl.gz"
    result = CliRunner().invoke(main, ["bench", str(corpus), "--limit", "2000", "--json"])
    figures = json.loads(result.stdout)
    assert figures["articles"] + figures["failures"] == 2000
    assert figures["articles_per_s"] > 0  # speed floors live in .ci/eval_gate.py, not in tests
