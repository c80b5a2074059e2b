"""Crash safety: ``kill -9`` during ``marsad ingest``, then the same command again, ends with
exactly the database of an uninterrupted run (no article lost, duplicated or half-written)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ARTICLES = 300
TABLES = ("articles", "copies", "entities", "aliases", "article_entities", "mentions", "times",
          "quantities", "quotes", "events", "search")  # fmt: skip

PEOPLE = ["سمير الحداد", "ليلى منصور", "كريم العلي", "هدى السالم", "ياسين بن عمر", "نادية فاضل"]
CITIES = ["القاهرة", "تونس", "عمّان", "الرباط", "بيروت", "مسقط", "الدوحة", "الجزائر"]
BODIES = ["وزارة المالية", "البنك المركزي", "اتحاد الشغل", "هيئة الطيران", "مجلس النواب"]
ACTS = ["أعلن", "نفى", "أكد", "رفض", "اقترح", "انتقد"]
TOPICS = ["خطة لدعم الصادرات", "زيادة أسعار الوقود", "اتفاقا مع المستثمرين", "إصلاح نظام التقاعد",
          "موازنة العام المقبل", "مشروعا لتوسعة الميناء"]  # fmt: skip


def synthetic_article(rng: random.Random, n: int) -> dict[str, Any]:
    who, city, body = rng.choice(PEOPLE), rng.choice(CITIES), rng.choice(BODIES)
    text = (
        f"{city} - {rng.choice(ACTS)} {who} المتحدث باسم {body} يوم الثلاثاء "
        f"{rng.choice(TOPICS)} بقيمة {rng.randint(2, 900)} مليون دولار. "
        f"وقال {who}: «سنعرض التفاصيل على {rng.choice(BODIES)} خلال {rng.randint(2, 9)} أيام». "
        f"وأضاف أن القرار رقم {n} يهم سكان {rng.choice(CITIES)} بالدرجة الأولى."
    )
    return {
        "id": f"syn-{n:04d}",
        "text": text,
        "published": f"2024-{n % 12 + 1:02d}-{n % 27 + 1:02d}",
    }


def write_corpus(path: Path) -> None:
    rng = random.Random(7)
    lines = [json.dumps(synthetic_article(rng, n), ensure_ascii=False) for n in range(ARTICLES)]
    lines.insert(ARTICLES // 2, "{not json")
    lines.insert(
        10, json.dumps({"id": "dup", "text": json.loads(lines[3])["text"]}, ensure_ascii=False)
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def command(corpus: Path, db: Path, workers: int) -> list[str]:
    marsad = Path(sys.executable).with_name("marsad")
    return [
        str(marsad),
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--workers",
        str(workers),
        "--json",
    ]


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def snapshot(db: Path) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {
            "articles": conn.execute(
                "SELECT pk, id, content_hash, pipeline_version, document FROM articles ORDER BY pk"
            ).fetchall(),
            "counts": {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES},
            "entities": conn.execute(
                "SELECT pk, key, name, kb, roles FROM entities ORDER BY pk"
            ).fetchall(),
            "mentions": conn.execute("SELECT * FROM mentions ORDER BY article_pk, idx").fetchall(),
            "rejects": sorted(
                conn.execute("SELECT source, reason, detail FROM rejects").fetchall()
            ),
            "copies": conn.execute("SELECT * FROM copies ORDER BY article_pk, id").fetchall(),
        }
    finally:
        conn.close()


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def kill_mid_ingest(corpus: Path, db: Path, kill_after: int) -> int:
    """Start an ingest with two workers, SIGKILL its main process mid-way; returns the count."""
    process = subprocess.Popen(
        command(corpus, db, 2), start_new_session=True, cwd=db.parent,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while count_articles(db) < kill_after and process.poll() is None:
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        stopped = time.monotonic() + 10
        while group_alive(process.pid) and time.monotonic() < stopped:
            time.sleep(0.1)
        orphans = group_alive(process.pid)
    finally:
        if group_alive(process.pid):
            os.killpg(process.pid, signal.SIGKILL)
    assert not orphans, "pipeline workers outlived their killed parent"
    return count_articles(db)


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [3, 120])
def test_kill_9_then_rerun_equals_an_uninterrupted_run(tmp_path: Path, kill_after: int) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus)
    reference, crashed = tmp_path / "reference.db", tmp_path / "crashed.db"
    subprocess.run(command(corpus, reference, 1), check=True, capture_output=True, cwd=tmp_path)
    stored_when_killed = kill_mid_ingest(corpus, crashed, kill_after)
    assert 0 < stored_when_killed < ARTICLES, "the kill did not land mid-way"
    rerun = subprocess.run(
        command(corpus, crashed, 2), check=True, capture_output=True, cwd=tmp_path
    )
    report = json.loads(rerun.stdout)
    assert report["stored"] == ARTICLES - stored_when_killed
    expected, got = snapshot(reference), snapshot(crashed)
    assert got["counts"] == expected["counts"]
    assert got == expected
    assert expected["counts"]["articles"] == ARTICLES
