"""Runner selection and the local runner (the Ray runner's tests are in test_ray_runner.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.config import load_settings
from marsad.errors import ConfigError
from marsad.scale.runners import LocalRunner, get_runner
from marsad.store import open_store


def test_unknown_engine_and_misplaced_address_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="unknown engine 'spark'"):
        get_runner("spark")
    with pytest.raises(ConfigError, match="--address"):
        get_runner("local", "auto")
    assert isinstance(get_runner("local"), LocalRunner)


@pytest.mark.slow
def test_local_runner_ingests_and_skips_on_rerun(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    rows = [
        {"id": "a", "text": "أعلنت وزارة الصحة في تونس عن حملة تلقيح جديدة للأطفال."},
        {"id": "b", "text": "افتتح معرض الكتاب في الرباط بمشاركة ناشرين من عشرين بلدا."},
    ]
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{bad\n")
    db = str(tmp_path / "c.db")
    settings = load_settings()
    first = LocalRunner().ingest([corpus], db=db, workers=1, settings=settings)
    again = LocalRunner().ingest([corpus], db=db, workers=1, settings=settings)
    assert (first.stored, first.rejected, again.stored, again.skipped) == (2, 1, 0, 2)
    with open_store(db) as store:
        assert store.stats()["counts"]["articles"] == 2


def test_shards_need_the_ray_engine_and_no_db(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from marsad.cli import main

    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"text": "نص قصير"}\n', encoding="utf-8")
    runner = CliRunner()
    local = runner.invoke(main, ["ingest", str(corpus), "--shards", str(tmp_path / "s")])
    assert local.exit_code == 2 and "--shards needs --engine ray" in local.stderr
    both = runner.invoke(main, ["ingest", str(corpus), "--engine", "ray", "--shards",
                                str(tmp_path / "s"), "--db", str(tmp_path / "x.db")])  # fmt: skip
    assert both.exit_code == 2 and "drop --db" in both.stderr
    assert not (tmp_path / "s").exists() and not (tmp_path / "x.db").exists()


def test_load_names_a_folder_that_holds_no_shards(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from marsad.cli import main

    runner = CliRunner()
    missing = runner.invoke(main, ["load", str(tmp_path / "none"), "--db", str(tmp_path / "x.db")])
    assert missing.exit_code == 2 and "no such shard folder" in missing.stderr
    empty = runner.invoke(main, ["load", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert empty.exit_code == 2 and "no plan.json" in empty.stderr
