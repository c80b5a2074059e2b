"""Ray Data on a local cluster (``num_cpus=2``): the ordered dataset stores what the local engine
stores; ``--shards`` then ``marsad load`` ends with the same collection even when the shard job
is killed; and a Ray job killed while writing to PostgreSQL, rerun, loses and repeats nothing."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.config import load_settings
from marsad.scale.runners import LocalRunner

from .compare import ARTICLES, MARSAD, kill_when, snapshot

pytestmark = pytest.mark.slow
pytest.importorskip("pyarrow", reason="needs pyarrow: pip install -e '.[ray]'")
CONTRACT = Path(__file__).resolve().parents[2] / "contract"


@pytest.fixture(scope="module")
def local(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = str(tmp_path_factory.mktemp("local") / "local.db")
    LocalRunner().ingest([corpus], db=db, workers=2, settings=load_settings())
    return snapshot(db)


def test_the_ordered_dataset_stores_what_the_local_engine_stores(
    ray: Any, corpus: Path, local: dict[str, Any], tmp_path: Path
) -> None:
    from marsad.scale.ray_data import ingest_dataset

    db = str(tmp_path / "data.db")
    report = ingest_dataset(ray, [corpus], db=db, workers=2, settings=load_settings())
    assert (report.stored, report.rejected, report.skipped) == (ARTICLES, 1, 1)
    assert snapshot(db) == local
    again = ingest_dataset(ray, [corpus], db=db, workers=2, settings=load_settings())
    assert (again.stored, again.skipped) == (0, ARTICLES + 1)


def test_a_killed_shard_job_rerun_then_loaded_equals_the_local_engine(
    ray: Any, corpus: Path, local: dict[str, Any], tmp_path: Path
) -> None:
    shards = tmp_path / "shards"
    cmd = [MARSAD, "ingest", str(corpus), "--engine", "ray", "--workers", "2",
           "--shards", str(shards), "--json", "--no-progress"]  # fmt: skip
    documents = shards / "documents"
    kill_when(cmd, lambda: documents.is_dir() and any(documents.glob("*.parquet")))
    rerun = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=600)
    report = json.loads(rerun.stdout)
    assert report["resumed"] > 0 and report["analysed"] + report["resumed"] == ARTICLES + 2
    db = str(tmp_path / "loaded.db")
    loaded = subprocess.run([MARSAD, "load", str(shards), "--db", db, "--json", "--no-progress"],
                            check=True, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert json.loads(loaded.stdout)["stored"] == ARTICLES
    assert snapshot(db) == local


def _pg_server() -> Any:
    spec = importlib.util.spec_from_file_location("marsad_scale_pg", CONTRACT / "pg_server.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def postgres() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg", reason="needs psycopg: pip install -e '.[postgres]'")
    pg = _pg_server()
    try:
        server = pg.start()
    except pg.NoPostgresError as exc:
        pytest.skip(f"no PostgreSQL server here: {exc}")
    try:
        url = server.create_database("ray_kill")
        assert psycopg is not None
        yield url
    finally:
        server.stop()


def test_a_killed_ray_job_on_postgresql_rerun_loses_and_repeats_nothing(
    corpus: Path, local: dict[str, Any], postgres: str
) -> None:
    import psycopg

    def stored() -> int:
        try:
            with psycopg.connect(postgres, connect_timeout=2) as conn:
                row = conn.execute("SELECT count(*) FROM articles").fetchone()
                return int(row[0]) if row else 0
        except psycopg.Error:
            return 0  # not created yet

    cmd = [MARSAD, "ingest", str(corpus), "--db", postgres, "--engine", "ray", "--workers", "2",
           "--json", "--no-progress"]  # fmt: skip
    kill_when(cmd, lambda: stored() >= 5)
    assert 0 < stored() < ARTICLES, "the job should die in the middle"
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    got = snapshot(postgres)
    assert got["hashes"] == local["hashes"] and got["counts"] == local["counts"]
    assert _unordered(got) == _unordered(local)


def _unordered(snap: dict[str, Any]) -> dict[str, Any]:
    """``snap`` with each article's collection links as sets (PostgreSQL lists them unordered)."""
    out = dict(snap)
    out["documents"] = [
        {**d, "collection": {k: sorted(map(json.dumps, v)) for k, v in d["collection"].items()}}
        for d in snap["documents"]
    ]
    return out
