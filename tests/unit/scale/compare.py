"""Helpers of the scale tests: a synthetic corpus of our own, what two collections must share
to count as the same (articles, layers, entities, hashes), and a job killed mid-run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from marsad.store import open_store

MARSAD = str(Path(sys.executable).with_name("marsad"))
"""The ``marsad`` command of the interpreter running the tests."""


def snapshot(target: str) -> dict[str, Any]:
    """Every exported table plus the content hashes of ``target``, comparable with ``==``."""
    with open_store(target, create=False) as store:
        out: dict[str, Any] = {
            t: list(store.export(t)) for t in ("documents", "events", "mentions", "quotes")
        }
        out["hashes"] = sorted(store.content_hashes())
        out["counts"] = store.stats()["counts"]
        return out


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


def kill_when(cmd: list[str], ready: Callable[[], bool], limit: float = 400) -> None:
    """Run ``cmd``, kill its whole process group (Ray included) once ``ready()``."""
    job = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and not ready() and job.poll() is None:
        time.sleep(0.05)
    assert job.poll() is None, f"the job ended by itself (exit {job.returncode}) before the kill"
    os.killpg(job.pid, signal.SIGKILL)
    job.wait()
