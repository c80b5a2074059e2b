"""``marsad ingest`` and the collection commands end to end, on good and bad inputs side by side."""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.cli import main

PARAGRAPHS = [
    "افتتح وزير النقل صباح الاثنين الخط الجديد للقطار السريع بين العاصمة والمدينة الساحلية.",
    "قالت وزارة الصحة إن حملة التطعيم الموسمية ستبدأ الشهر المقبل في جميع المحافظات.",
    "ارتفعت صادرات البلاد من التمور بنسبة ١٢ في المئة خلال العام الماضي بحسب مكتب الإحصاء.",
    "أعلن نادي المدينة تعاقده مع مدرب جديد لقيادة الفريق في الموسم الكروي المقبل.",
    "شارك آلاف الطلاب في المسابقة الوطنية للقراءة التي نظمتها وزارة التربية هذا الأسبوع.",
    "وقعت الحكومة اتفاقا مع شركة محلية لبناء محطة لتحلية مياه البحر في الجنوب.",
    "أكدت هيئة الأرصاد أن موجة الحر ستستمر حتى نهاية الأسبوع مع رياح خفيفة.",
    "ناقش البرلمان في جلسته الأخيرة مشروع قانون جديد لحماية البيانات الشخصية.",
]
CONFIG = 'max_input_mb = 10\npipeline = ["anatomy", "sentences"]\n'  # inputs, not analysis


def invoke(args: list[str], config: Path) -> Result:
    return CliRunner().invoke(main, args, env={"MARSAD_CONFIG": str(config)})


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _html(text: str) -> str:
    return (
        f"<html><head><title>خبر</title></head><body><article><p>{text}</p></article></body></html>"
    )


def _warc(pages: list[str], *, gzip_records: bool) -> tuple[bytes, list[int]]:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    ends = []
    for i, text in enumerate(pages):
        body = _html(text).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://example.org/w{i}.html", "response", payload=io.BytesIO(body),
            length=len(body), http_headers=headers,
        )  # fmt: skip
        writer.write_record(record)
        ends.append(buffer.tell())
    return buffer.getvalue(), ends


def _feed(items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>عنوان {i}</title><link>https://example.org/{name}</link>"
        f"<description>{text}</description></item>"
        for i, (name, text) in enumerate(items)
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>نشرة</title>'
    return f"{head}{entries}</channel></rss>"


def build_inputs(root: Path) -> None:
    """Good inputs (each paragraph once at least) and bad ones under ``root``."""
    p = PARAGRAPHS
    (root / "good").mkdir()
    (root / "bad").mkdir()
    (root / "good" / "utf8.txt").write_text(p[0], encoding="utf-8")
    (root / "good" / "legacy.txt").write_bytes((p[1] + "\r\n").encode("cp1256"))
    (root / "good" / "page.html").write_text(_html(p[2]), encoding="utf-8")
    feed = _feed([("item-a.html", "ملخص"), ("item-b", p[4])])
    (root / "good" / "news.rss").write_text(feed, encoding="utf-8")
    (root / "good" / "item-a.html").write_text(_html(p[3]), encoding="utf-8")
    warc, _ = _warc([p[5], p[6]], gzip_records=True)
    (root / "good" / "crawl.warc.gz").write_bytes(warc)
    good_line = {"id": "j1", "text": p[7], "published": "2024-05-01"}
    lines = [json.dumps(good_line, ensure_ascii=False), "{broken json",
             json.dumps({"id": "j2"}), json.dumps({"id": "j3", "text": 7})]  # fmt: skip
    (root / "good" / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = root / "bad"
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (bad / "english.txt").write_text("This article is written in English only.", encoding="utf-8")
    (bad / "broken.html").write_text("<html><body><div><p></div></body>", encoding="utf-8")
    (bad / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    full = gzip.compress(
        "\n".join([json.dumps({"text": t}, ensure_ascii=False) for t in p]).encode()
    )
    (bad / "cut.jsonl.gz").write_bytes(full[: len(full) // 2])
    crawl, ends = _warc(p[:3], gzip_records=True)
    (bad / "cut.warc.gz").write_bytes(crawl[: ends[0] + 25])  # first record whole, second cut
    with (bad / "huge.txt").open("wb") as big:  # 50 MB, over the 10 MB limit of CONFIG
        chunk = (p[0] + "\n").encode() * 4000
        while big.tell() < 50 * 1024 * 1024:
            big.write(chunk)


@pytest.fixture()
def collection(tmp_path: Path) -> tuple[Path, Path, Path]:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    build_inputs(inputs)
    config = tmp_path / "marsad.toml"
    config.write_text(CONFIG, encoding="utf-8")
    return inputs, tmp_path / "c.db", config


def test_good_inputs_stored_bad_ones_rejected_with_reasons(
    collection: tuple[Path, Path, Path],
) -> None:
    inputs, db, config = collection
    report = as_json(invoke(["ingest", str(inputs), "--db", str(db), "--json"], config))
    conn = sqlite3.connect(db)
    stored_texts = [r[0] for r in conn.execute("SELECT text FROM articles")]
    for paragraph in PARAGRAPHS:
        assert any(paragraph in text for text in stored_texts), paragraph
    rejects = as_json(invoke(["rejects", "--db", str(db), "--json"], config))
    by_source = {(Path(r["source"].split("@")[0].split("#")[0]).name, r["reason"]) for r in rejects}
    expected = {
        ("empty.txt", "empty"), ("binary.txt", "binary"), ("english.txt", "not_arabic"),
        ("broken.html", "malformed"), ("scan.pdf", "unsupported"), ("cut.jsonl.gz", "malformed"),
        ("cut.warc.gz", "malformed"), ("huge.txt", "too_large"),
    }  # fmt: skip
    assert expected <= by_source
    line_reasons = sorted(r["reason"] for r in rejects if "lines.jsonl:" in r["source"])
    assert line_reasons == ["malformed", "malformed", "malformed"]
    assert report["stored"] == len(stored_texts)
    assert report["rejected"] == len(rejects)
    crawl = [t for t in stored_texts if PARAGRAPHS[0] in t]
    assert len(crawl) >= 1  # the whole first record of the cut crawl is kept (same text: once)

    again = as_json(invoke(["ingest", str(inputs), "--db", str(db), "--json"], config))
    assert again["stored"] == 0
    assert again["skipped"] == report["stored"] + report["skipped"]
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(stored_texts)
    assert len(as_json(invoke(["rejects", "--db", str(db), "--json"], config))) == len(rejects)


def test_collection_commands_answer_in_json(
    collection: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    inputs, db, config = collection
    as_json(invoke(["ingest", str(inputs / "good"), "--db", str(db), "--json"], config))
    page = as_json(invoke(["search", "وبالقطار", "--db", str(db), "--json"], config))
    assert page["total"] == 1 and "[[للقطار]]" in page["hits"][0]["snippet"]
    assert as_json(invoke(["search", "١٢", "--db", str(db), "--json"], config))["total"] == 1
    bad = invoke(["search", '"القطار', "--db", str(db)], config)
    assert bad.exit_code == 2 and "unclosed quote" in bad.output
    stats = as_json(invoke(["stats", "--db", str(db), "--json"], config))
    assert stats["counts"]["articles"] >= 8
    assert as_json(invoke(["events", "--db", str(db), "--json"], config)) == []
    missing = invoke(["entity", "لا أحد", "--db", str(db), "--json"], config)
    assert missing.exit_code == 2 and "no entity" in missing.output
    out = tmp_path / "docs.csv"
    result = invoke(
        ["export", "--db", str(db), "--format", "csv", "--out", str(out), "--json"], config
    )
    assert as_json(result)["rows"] == stats["counts"]["articles"]
    assert out.read_text(encoding="utf-8").startswith("id,published,source")
    jsonl = invoke(["export", "--db", str(db), "--table", "documents"], config)
    docs = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert docs[0]["schema"] == "marsad.document/1"
    human = invoke(["search", "القطار", "--db", str(db)], config)
    assert human.exit_code == 0 and "1 articles match" in human.output


def test_reprocess_reanalyses_other_versions(tmp_path: Path) -> None:
    config = tmp_path / "marsad.toml"
    config.write_text('pipeline = ["sentences"]\n', encoding="utf-8")
    source = tmp_path / "a.txt"
    source.write_text(PARAGRAPHS[0], encoding="utf-8")
    db = tmp_path / "r.db"
    as_json(invoke(["ingest", str(source), "--db", str(db), "--json"], config))
    args = ["reprocess", "--db", str(db), "--json"]
    assert as_json(invoke(args, config))["updated"] == 0
    changed = as_json(invoke([*args, "--pipeline", "anatomy,sentences"], config))
    assert changed["updated"] == 1
    assert as_json(invoke([*args, "--all"], config))["updated"] == 1


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    result = invoke(["search", "القطار", "--db", str(tmp_path / "none.db")], tmp_path / "x.toml")
    assert result.exit_code == 2
    assert "marsad ingest" in result.output
