"""The Ray runner on a local cluster (``num_cpus=2``): the same collection as the local engine,
and no article lost or duplicated when a worker or the whole job is killed."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.config import load_settings
from marsad.scale.runners import LocalRunner
from marsad.services.parallel import Task

from .compare import ARTICLES, CITIES, MARSAD, PEOPLE, kill_when, snapshot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_db(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("local") / "local.db")
    LocalRunner().ingest([corpus], db=db, workers=2, settings=load_settings())
    return db


def test_ray_stores_what_the_local_engine_stores(
    ray: Any, corpus: Path, local_db: str, tmp_path: Path
) -> None:
    from marsad.scale.ray_runner import RayRunner

    db = str(tmp_path / "ray.db")
    report = RayRunner().ingest([corpus], db=db, workers=2, settings=load_settings())
    assert (report.stored, report.rejected, report.skipped) == (ARTICLES, 1, 1)
    assert snapshot(db) == snapshot(local_db)


def test_a_killed_worker_loses_no_record(ray: Any, corpus: Path) -> None:
    from marsad.scale.ray_runner import Pool, analyse_on_ray
    from marsad.services.analyze import make_document

    settings = load_settings()
    pool = Pool(ray, settings, 2)
    victim = ray.get(pool.actors[0].pid.remote())

    def tasks() -> Iterator[Task]:
        for n in range(120):
            if n == 40:
                os.kill(victim, signal.SIGKILL)
            doc = make_document(
                f"قال {PEOPLE[n % 5]} في {CITIES[n % 8]} إن الخبر رقم {n} مهم.", id=f"k{n}"
            )
            yield Task(f"k{n}", doc, doc.meta.to_dict())

    outcomes = list(analyse_on_ray(ray, tasks(), settings, 2, pool))
    assert [o.tag for o in outcomes] == [f"k{n}" for n in range(120)]
    assert all(o.article is not None for o in outcomes)


def test_a_killed_job_rerun_ends_with_every_article_once(
    corpus: Path, local_db: str, tmp_path: Path
) -> None:
    pytest.importorskip("ray", reason="needs Ray: pip install -e '.[ray]'")
    db = tmp_path / "killed.db"
    cmd = [MARSAD, "ingest", str(corpus), "--db", str(db), "--engine", "ray", "--workers", "2",
           "--json", "--no-progress"]  # fmt: skip
    kill_when(cmd, lambda: _stored(db) >= 5, limit=240)
    assert 0 < _stored(db) < ARTICLES, "the job should die in the middle"
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    assert snapshot(str(db)) == snapshot(local_db)


def _stored(db: Path) -> int:
    import sqlite3

    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0
