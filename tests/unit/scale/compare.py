"""Helpers of the scale tests: a synthetic corpus of our own, and what two collections must share
to count as the same (articles, layers, entities, hashes)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from marsad.store import open_store


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
