"""The Ray runner on a local cluster (``num_cpus=2``): the same collection as the local engine,
and no article lost or duplicated when a worker or the whole job is killed."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from marsad.config import load_settings
from marsad.scale.runners import LocalRunner
from marsad.services.parallel import Task

from .compare import snapshot

pytestmark = pytest.mark.slow
ARTICLES = 300
CITIES = ["صفاقس", "وهران", "إربد", "طنجة", "صلالة", "الموصل", "حلب", "نابلس"]
PEOPLE = ["منير الجبالي", "سلوى القاسمي", "فؤاد الزين", "رنا الخطيب", "عادل بوزيد"]
TOPICS = ["مشروع قطار سريع", "مهرجان للمسرح", "موسم زراعي صعب", "إضراب المعلمين",
          "افتتاح مستشفى جامعي", "ارتفاع أسعار الخبز"]  # fmt: skip


def write_corpus(path: Path, count: int = ARTICLES) -> None:
    """Synthetic articles written for this test, one bad line and one repeated text."""
    rng = random.Random(11)
    lines = []
    for n in range(count):
        who, city = rng.choice(PEOPLE), rng.choice(CITIES)
        text = (
            f"{city} - قال {who} يوم الأحد إن {rng.choice(TOPICS)} سيكلف {rng.randint(3, 700)} "
            f"مليون دينار، وأضاف أن سكان {rng.choice(CITIES)} سيستفيدون منه خلال "
            f"{rng.randint(2, 11)} أشهر. الخبر رقم {n}."
        )
        lines.append(
            json.dumps(
                {"id": f"r{n:04d}", "text": text, "published": "2024-05-0" + str(n % 9 + 1)},
                ensure_ascii=False,
            )
        )
    lines.insert(7, "{not json")
    lines.insert(
        20, json.dumps({"id": "again", "text": json.loads(lines[3])["text"]}, ensure_ascii=False)
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def ray() -> Iterator[Any]:
    ray = pytest.importorskip("ray", reason="needs Ray: pip install -e '.[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    write_corpus(path)
    return path


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
    marsad = str(Path(sys.executable).with_name("marsad"))
    cmd = [marsad, "ingest", str(corpus), "--db", str(db), "--engine", "ray", "--workers", "2",
           "--json", "--no-progress"]  # fmt: skip
    job = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and _stored(db) < 5 and job.poll() is None:
        time.sleep(0.05)
    assert job.poll() is None, f"the ingest ended by itself (exit {job.returncode}) before the kill"
    os.killpg(job.pid, signal.SIGKILL)
    job.wait()
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
