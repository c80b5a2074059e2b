"""``marsad ingest`` links duplicates and builds stories; ``marsad stories``, ``marsad dedup`` and
``marsad bench-dedup`` end to end (the bundled sentence encoder, a two-stage pipeline)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from marsad.cli import main

CONFIG = 'pipeline = ["anatomy", "sentences"]\n'
QUAKE = (
    "ضرب زلزال بقوة ست درجات على مقياس ريختر مناطق في جنوب البلاد فجر الأربعاء، وقالت هيئة "
    "الأرصاد إن مركز الهزة كان على عمق عشرة كيلومترات قرب مدينة ساحلية صغيرة، فيما أعلن الدفاع "
    "المدني عن انهيار عدد من المباني القديمة وإصابة العشرات بجروح طفيفة نقلوا إلى المستشفيات.\n"
    "وأضافت الهيئة أن عدة هزات ارتدادية سجلت خلال الساعات التالية، ودعت السكان إلى الابتعاد عن "
    "المباني المتصدعة حتى انتهاء فرق الهندسة من فحصها."
)
ARTICLES = [
    {"id": "quake-1", "title": "زلزال بقوة ست درجات يضرب جنوب البلاد", "published": "2024-03-06",
     "text": QUAKE},
    {"id": "quake-2", "title": "هزة أرضية عنيفة تضرب الجنوب وانهيار مبان قديمة",
     "published": "2024-03-06",
     "text": QUAKE.replace("فجر الأربعاء", "صباح الأربعاء")
     + "\nحمّل تطبيقنا لمتابعة آخر الأخبار العاجلة على مدار الساعة."},
    {"id": "match-1", "title": "المنتخب يفوز في مباراة ودية استعدادا للبطولة",
     "published": "2024-03-07",
     "text": "حقق المنتخب الوطني لكرة القدم فوزا كبيرا بثلاثة أهداف دون رد في مباراة ودية أقيمت "
     "مساء الخميس على الملعب الأولمبي، ضمن استعداداته للبطولة القارية المقبلة، وأشاد المدرب بأداء "
     "اللاعبين الشبان الذين شاركوا للمرة الأولى."},
]  # fmt: skip


def invoke(args: list[str], config: Path) -> Result:
    return CliRunner().invoke(main, args, env={"MARSAD_CONFIG": str(config)})


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    config = tmp_path / "marsad.toml"
    config.write_text(CONFIG, encoding="utf-8")
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n")
    return path, config


@pytest.mark.slow
def test_ingest_links_copies_and_builds_stories(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    path, config = corpus
    db = str(tmp_path / "c.db")
    report = as_json(invoke(["ingest", str(path), "--db", db, "--json"], config))
    assert report["stored"] == 3
    assert report["clusters"]["duplicates"]["added"] == 1
    assert report["clusters"]["stories"]["stories"] == 2
    page = as_json(invoke(["stories", "--db", db, "--json"], config))
    assert page["total"] == 2
    quake = page["stories"][0]
    assert quake["articles"] == 2
    assert {m["id"] for m in quake["members"]} == {"quake-1", "quake-2"}
    assert quake["first_date"] == quake["last_date"] == "2024-03-06"
    text = invoke(["stories", "--db", db, "--min-articles", "2"], config)
    assert text.exit_code == 0 and "1 stories" in text.output and "quake-2" in text.output
    again = as_json(invoke(["dedup", "--db", db, "--json"], config))
    assert again["duplicates"]["added"] == 0
    assert again["stories"]["embedded"] == 0


def test_ingest_can_skip_both(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    path, config = corpus
    db = str(tmp_path / "c.db")
    args = ["ingest", str(path), "--db", db, "--json", "--no-dedup", "--no-stories"]
    assert as_json(invoke(args, config))["clusters"] is None
    assert as_json(invoke(["stories", "--db", db, "--json"], config))["total"] == 0


def test_stories_of_a_missing_database_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["stories", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "marsad ingest" in result.output


def test_bench_dedup_reports_pairs_sample_and_recall(
    corpus: tuple[Path, Path], tmp_path: Path
) -> None:
    path, config = corpus
    sample = tmp_path / "pairs.jsonl"
    args = ["bench-dedup", str(path), "--sample-out", str(sample), "--recall-sample", "2", "--json"]
    report = as_json(invoke(args, config))
    assert (report["articles"], report["exact_pairs"], report["near_pairs"]) == (3, 0, 1)
    assert report["recall"]["headline"]["copies"] == 2
    assert report["recall"]["headline"]["recall"] == 1.0
    pairs = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines()]
    assert [(p["article"]["id"], p["original"]["id"]) for p in pairs] == [("quake-2", "quake-1")]
    assert pairs[0]["original"]["headline"] == ARTICLES[0]["title"]
