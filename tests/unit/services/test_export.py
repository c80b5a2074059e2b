"""Exports as JSON Lines, CSV and Parquet (the last only with pyarrow)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from marsad.config import Settings
from marsad.errors import ConfigError
from marsad.services.collection import ingest
from marsad.services.export import export

TEXT = "أعلنت شركة الطيران الوطنية عن رحلات جديدة إلى ثلاث عواصم أفريقية."


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "c.db"
    ingest([source], db=path, settings=Settings())
    return path


def test_jsonl_and_csv(db: Path, tmp_path: Path) -> None:
    report = export("documents", "jsonl", db=db, out=tmp_path / "d.jsonl")
    assert report.rows == 1
    doc = json.loads((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    assert doc["text"] == TEXT and doc["schema"] == "marsad.document/1"
    export("documents", "csv", db=db, out=tmp_path / "d.csv")
    with (tmp_path / "d.csv").open(encoding="utf-8") as stream:
        (row,) = list(csv.DictReader(stream))
    assert row["text"] == TEXT and row["mentions"] == "0"


def test_parquet(db: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    export("documents", "parquet", db=db, out=tmp_path / "d.parquet")
    table = pq.read_table(tmp_path / "d.parquet")
    assert table.column("text").to_pylist() == [TEXT]
    assert str(table.schema.field("mentions").type) == "int64"


def test_parquet_without_pyarrow_says_how_to_get_it(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ConfigError, match=r"marsad\[parquet\]"):
        export("events", "parquet", db=db, out=tmp_path / "e.parquet")


def test_bad_choices(db: Path) -> None:
    with pytest.raises(ConfigError, match="unknown table"):
        export("people", "csv", db=db)
    with pytest.raises(ConfigError, match="--out"):
        export("events", "parquet", db=db)
