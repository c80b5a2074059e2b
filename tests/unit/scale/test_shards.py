"""Parquet shards and ``marsad load`` without a Ray cluster: the worker's own code
(:class:`marsad.scale.ray_data.Analyse`) writes the blocks, and the loaded store must equal a
direct ingest of the same input, whatever the blocks, reloads and interruptions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.config import Settings, load_settings
from marsad.errors import ConfigError
from marsad.scale.inputs import plan
from marsad.scale.load import load
from marsad.scale.ray_data import Analyse, piece_rows, read_rows
from marsad.scale.runners import LocalRunner
from marsad.scale.shards import (
    DOCUMENTS,
    REJECTIONS,
    clean,
    complete_blocks,
    done_records,
    finish,
    open_plan,
    write_block,
)
from marsad.services.export import export
from marsad.services.parallel import Outcome
from marsad.store import open_store

from .compare import snapshot

pa = pytest.importorskip("pyarrow", reason="shards need pyarrow: pip install -e '.[parquet]'")
pq = pytest.importorskip("pyarrow.parquet")
pytestmark = pytest.mark.slow  # the pipeline's models load once per run (about 10 s here)

KEYS = {
    "events": ["event_id", "article_id", "event_type", "cameo", "evidence", "confidence"],
    "mentions": ["article_id", "start", "end", "text", "type"],
    "quotes": ["article_id", "start", "end", "text", "kind", "cue", "speaker"],
}
"""Columns that need no collection (entity keys may be merged differently by a store)."""
PLACES = ["قابس", "الزرقاء", "مكناس", "البصرة", "صيدا"]
PEOPLE = ["هالة المرزوقي", "ياسين العلوي", "نزار الحداد"]


def _texts() -> list[str]:
    return [
        f"{PLACES[n % 5]} - التقى وزير الخارجية {PEOPLE[n % 3]} نظيره {PEOPLE[(n + 1) % 3]} في "
        f"{PLACES[(n + 2) % 5]} يوم الخميس، وانتقدت الحكومة قرار البلدية رقم {n}. وقال "
        f'{PEOPLE[(n + 2) % 3]}: "سنبدأ العمل في الخريف".'
        for n in range(14)
    ]


@pytest.fixture()
def settings() -> Settings:
    return load_settings().replace(duplicates=False, stories=False)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    texts = _texts()
    lines: list[str] = [
        json.dumps({"id": f"m{n}", "text": t, "published": f"2023-11-{n + 10}"}, ensure_ascii=False)
        for n, t in enumerate(texts)
    ]
    lines.insert(3, "[1, 2]")
    lines.insert(9, json.dumps({"id": "copy", "text": texts[1]}, ensure_ascii=False))
    lines.insert(
        11, json.dumps({"id": "m2", "text": texts[5] + " وأضاف تفاصيل أخرى."}, ensure_ascii=False)
    )
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _shard(
    root: Path, corpus: Path, settings: Settings, batch: int, stop: int | None = None
) -> None:
    """What the Ray job does, batch by batch in this process; ``stop``: die after that many."""
    pieces = plan([corpus], lines_per_piece=5)
    open_plan(root, pieces)
    clean(root)
    rows = [r for p in piece_rows(pieces, done_records(root)) for r in read_rows(p, 1 << 20)]
    worker = Analyse(settings, str(root))
    for n, start in enumerate(range(0, len(rows), batch)):
        if stop is not None and n == stop:
            return
        worker(pa.Table.from_pylist(rows[start : start + batch]))
    finish(root)


@pytest.fixture()
def direct_db(corpus: Path, settings: Settings, tmp_path: Path) -> str:
    db = str(tmp_path / "direct.db")
    LocalRunner().ingest([corpus], db=db, workers=1, settings=settings)
    return db


@pytest.fixture()
def direct(direct_db: str) -> dict[str, Any]:
    return snapshot(direct_db)


def test_loaded_store_equals_a_direct_ingest_and_loading_again_adds_nothing_twice(
    corpus: Path, settings: Settings, tmp_path: Path, direct_db: str, direct: dict[str, Any]
) -> None:
    root = tmp_path / "shards"
    _shard(root, corpus, settings, batch=4)
    assert len(complete_blocks(root)) == 5
    db = str(tmp_path / "loaded.db")
    first = load(root, db=db, settings=settings)
    assert (first.ingest.stored, first.ingest.skipped, first.ingest.rejected) == (15, 1, 1)
    assert snapshot(db) == direct
    # a second load does what a second direct ingest does: skips every text (the store notes
    # the input id of the renamed ``m2`` as a copy, once, in both)
    again = load(root, db=db, settings=settings)
    LocalRunner().ingest([corpus], db=direct_db, workers=1, settings=settings)
    assert (again.ingest.stored, again.ingest.skipped, again.errors) == (0, 16, [])
    assert snapshot(db) == snapshot(direct_db)
    third = snapshot(db)
    load(root, db=db, settings=settings)
    assert snapshot(db) == third


def test_an_interrupted_shard_job_rerun_loads_as_a_direct_ingest(
    corpus: Path, settings: Settings, tmp_path: Path, direct: dict[str, Any]
) -> None:
    root = tmp_path / "shards"
    _shard(root, corpus, settings, batch=3, stop=2)
    assert len(complete_blocks(root)) == 2
    with pytest.raises(ConfigError, match="unfinished shard job"):
        load(root, db=str(tmp_path / "early.db"), settings=settings)
    assert not (tmp_path / "early.db").exists()
    stray = root / "events" / "0000009-000000000.parquet"
    stray.write_bytes(b"half a block")
    (root / DOCUMENTS / "x.parquet.tmp").write_bytes(b"")
    _shard(root, corpus, settings, batch=3)
    assert not stray.exists()
    seqs = done_records(root)
    assert sum(len(s) for s in seqs.values()) == 17
    db = str(tmp_path / "loaded.db")
    load(root, db=db, settings=settings)
    assert snapshot(db) == direct


def test_shard_tables_have_the_export_columns_and_the_full_document(
    corpus: Path, settings: Settings, tmp_path: Path
) -> None:
    root = tmp_path / "shards"
    _shard(root, corpus, settings, batch=50)
    db = tmp_path / "loaded.db"
    load(root, db=str(db), settings=settings)
    for table in ("documents", "events", "mentions", "quotes"):
        out = tmp_path / f"{table}.parquet"
        export(table, "parquet", db=db, out=out)
        exported = pq.read_table(out)
        shard = pq.read_table(root / table)
        assert set(exported.column_names) <= set(shard.column_names), table
        if table == "documents":  # the shards keep the repeated text, the store a copy row
            assert shard.num_rows == exported.num_rows + 1
            continue
        # rows of the two articles a store treats apart (a repeat, an id taken) are left out
        kept = [r for r in exported.select(KEYS[table]).to_pylist() if _plain(r["article_id"])]
        assert kept == [r for r in shard.select(KEYS[table]).to_pylist() if _plain(r["article_id"])]
        assert len(kept) >= 13, table
    with open_store(str(db), create=False) as store:
        stored = {d["id"]: d for d in store.export("documents")}
    for row in pq.read_table(root / DOCUMENTS).to_pylist():
        if not _plain(row["id"]):
            continue
        document = json.loads(row["document"])
        assert document == {k: v for k, v in stored[row["id"]].items() if k != "collection"}


def _plain(article_id: str) -> bool:
    return article_id not in ("copy", "m2") and not article_id.startswith("m2~")


def test_a_failed_record_and_broken_shards_are_reported_and_the_rest_loaded(
    corpus: Path, settings: Settings, tmp_path: Path
) -> None:
    root = tmp_path / "shards"
    _shard(root, corpus, settings, batch=4)
    write_block(root, [(99, 0, Outcome("m-bad", None, "ValueError: no luck"))])
    blocks = complete_blocks(root)
    blocks[1].write_bytes(b"PAR1 not really")
    (root / REJECTIONS / blocks[2].name).unlink()
    db = str(tmp_path / "loaded.db")
    done = CliRunner().invoke(main, ["load", str(root), "--db", db, "--json", "--no-progress"])
    assert done.exit_code == 1
    report = json.loads(done.stdout)
    assert (report["blocks"], report["loaded_blocks"], report["failed"]) == (6, 4, 1)
    assert report["stored"] == 15 - 7  # blocks 1 and 2 lost: 7 new texts and one repeat
    assert str(blocks[1]) in done.stderr and "not a readable Parquet file" in done.stderr
    assert str(root / REJECTIONS / blocks[2].name) in done.stderr and "missing" in done.stderr
    with open_store(db, create=False) as store:
        assert [r["reason"] for r in store.rejects("failed")] == ["failed"]


def test_a_deleted_block_of_a_finished_job_is_reported(
    corpus: Path, settings: Settings, tmp_path: Path
) -> None:
    root = tmp_path / "shards"
    _shard(root, corpus, settings, batch=6)
    complete_blocks(root)[0].unlink()
    db = str(tmp_path / "loaded.db")
    done = CliRunner().invoke(main, ["load", str(root), "--db", db, "--json", "--no-progress"])
    assert done.exit_code == 1
    report = json.loads(done.stdout)
    assert (report["blocks"], report["loaded_blocks"]) == (3, 2)
    assert "1 finished block(s) missing" in done.stderr


def test_plans_and_folders_are_checked(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "shards"
    open_plan(root, plan([corpus]))
    open_plan(root, plan([corpus]))
    monkeypatch.chdir(corpus.parent)
    open_plan(root, plan([corpus.name]))  # the same file named from its folder
    with pytest.raises(ConfigError, match="other inputs"):
        open_plan(root, plan([corpus, corpus]))
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("x")
    with pytest.raises(ConfigError, match="not empty"):
        open_plan(tmp_path / "busy", plan([corpus]))
    with pytest.raises(ConfigError, match=r"no plan\.json"):
        load(tmp_path / "busy", db=str(tmp_path / "x.db"))
    with pytest.raises(ConfigError, match="no such shard folder"):
        load(tmp_path / "nowhere", db=str(tmp_path / "x.db"))
