"""The search service and its latency benchmark."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.config import Settings
from marsad.errors import ConfigError
from marsad.services.collection import ingest
from marsad.services.search import bench_search, read_queries, search

TEXTS = ["وقّعت الحكومتان اتفاقية للتعاون في مجال الطاقة الشمسية.",
         "افتتح المعرض الدولي للطاقة المتجددة أبوابه أمام الزوار."]  # fmt: skip


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    for i, text in enumerate(TEXTS):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "c.db"
    ingest([tmp_path / "0.txt", tmp_path / "1.txt"], db=path, settings=Settings())
    return path


def test_search_with_filters(db: Path) -> None:
    assert search("والطاقة", db=db).total == 2
    assert search("الشمسية", db=db, limit=1).hits[0].snippet.text.count("[[") == 1


def test_bench_reports_percentiles(db: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text('# comment\nالطاقة\n"الطاقة الشمسية"\n', encoding="utf-8")
    report = bench_search(db, read_queries(queries), runs=2).to_dict()
    assert report["articles"] == 2 and report["queries"] == 2
    assert 0 < report["p50_ms"] <= report["p95_ms"] <= report["max_ms"]  # type: ignore[operator]


def test_empty_queries_file(tmp_path: Path) -> None:
    (tmp_path / "q.txt").write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no query"):
        read_queries(tmp_path / "q.txt")
