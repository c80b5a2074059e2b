"""Reading JSON Lines: records, ANT field names, per-line errors, gzip and truncated archives."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

from marsad.errors import InputError
from marsad.ingest.jsonl import Record, parse_date, read_jsonl, read_jsonl_stream

TEXT_A = "أعلنت وزارة الصحة افتتاح مستشفى جديد في مدينة صفاقس."
TEXT_B = "ارتفعت أسعار القمح في الأسواق المحلية بنسبة 5 في المئة."


def line(**fields: Any) -> str:
    return json.dumps(fields, ensure_ascii=False)


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_marsad_fields(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "in.jsonl",
        [line(id="a1", text=TEXT_A, published="2024-03-05", url="https://x.example/a1",
              title="مستشفى جديد", source="wire", section="health")],
    )  # fmt: skip
    (record,) = read_jsonl(path)
    assert record == Record(
        id="a1", text=TEXT_A, published="2024-03-05", url="https://x.example/a1",
        title="مستشفى جديد", source="wire", extra={"section": "health"},
    )  # fmt: skip


def test_ant_corpus_fields() -> None:
    raw = line(docno="SK-1", text=TEXT_B, title="القمح", url="http://n.example/1",
               src="skynews", time="Sun, 18 Feb 2018 21:35:43 +0400", cat="economy",
               author="أبوظبي - وكالات", path="Sky/1.txt")  # fmt: skip
    (record,) = read_jsonl_stream([raw], "ant.jsonl")
    assert isinstance(record, Record)
    assert record.id == "SK-1"
    assert record.published == "2018-02-18T21:35:43+04:00"
    assert record.source == "skynews"
    assert record.extra == {"cat": "economy", "author": "أبوظبي - وكالات", "path": "Sky/1.txt"}


def test_default_id_is_file_name_and_line() -> None:
    results = list(read_jsonl_stream(["", line(text=TEXT_A), "  ", line(text=TEXT_B)], "d/x.jsonl"))
    assert [r.id for r in results if isinstance(r, Record)] == ["x.jsonl:2", "x.jsonl:4"]


def test_numeric_id_becomes_a_string() -> None:
    (record,) = read_jsonl_stream([line(id=17, text=TEXT_A)], "in.jsonl")
    assert isinstance(record, Record)
    assert record.id == "17"


@pytest.mark.parametrize(
    ("raw", "reason", "words"),
    [
        ('{"text": "نص", ', "malformed", "not valid JSON"),
        ('["نص"]', "malformed", "JSON object"),
        (line(title="بلا نص"), "malformed", "no 'text'"),
        (line(text=5), "malformed", "must be a string"),
        (line(text="  \n "), "empty", "empty"),
        (line(text=TEXT_A, published="أمس"), "malformed", "neither ISO-8601 nor RFC 2822"),
        (line(text=TEXT_A, id=["a"]), "malformed", "'id'/'docno' must be a string"),
    ],
)
def test_bad_line_is_reported_and_the_rest_goes_on(raw: str, reason: str, words: str) -> None:
    results = list(read_jsonl_stream([line(text=TEXT_A), raw, line(text=TEXT_B)], "in.jsonl"))
    assert [type(r).__name__ for r in results] == ["Record", "InputError", "Record"]
    error = results[1]
    assert isinstance(error, InputError)
    assert error.source == "in.jsonl:2"
    assert error.reason == reason
    assert words in error.detail


def test_non_utf8_line_is_undecodable() -> None:
    raw = json.dumps({"text": TEXT_A}, ensure_ascii=False).encode("cp1256")
    (error,) = read_jsonl_stream([raw], "in.jsonl")
    assert isinstance(error, InputError)
    assert error.reason == "undecodable"


def test_binary_stream_with_bom_and_crlf() -> None:
    data = ("\ufeff" + line(text=TEXT_A) + "\r\n" + line(text=TEXT_B) + "\r\n").encode()
    results = list(read_jsonl_stream(io.BytesIO(data), "<stdin>"))
    assert [r.text for r in results if isinstance(r, Record)] == [TEXT_A, TEXT_B]


def test_too_long_line() -> None:
    (error,) = read_jsonl_stream([line(text=TEXT_A * 10)], "in.jsonl", max_bytes=100)
    assert isinstance(error, InputError)
    assert error.reason == "too_large"


def test_gzip_file(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(line(id="g1", text=TEXT_A) + "\n" + line(id="g2", text=TEXT_B) + "\n")
    assert [r.id for r in read_jsonl(path) if isinstance(r, Record)] == ["g1", "g2"]


def test_gzip_is_recognized_by_content(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(gzip.compress((line(id="g1", text=TEXT_A) + "\n").encode()))
    assert [r.id for r in read_jsonl(path) if isinstance(r, Record)] == ["g1"]


def test_truncated_gzip_yields_the_records_before_and_one_error(tmp_path: Path) -> None:
    body = "".join(line(id=f"n{i}", text=f"{TEXT_A} {i}") + "\n" for i in range(400))
    data = gzip.compress(body.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    results = list(read_jsonl(path))
    *records, error = results
    assert all(isinstance(r, Record) for r in records)
    assert isinstance(error, InputError)
    assert error.source == str(path)
    assert error.reason == "malformed"
    assert "truncated" in error.detail


def test_a_line_range_reads_only_its_lines(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "in.jsonl", [line(id=f"r{i}", text=TEXT_A) for i in range(1, 8)])
    ids = [r.id for r in read_jsonl(path, first=3, last=5) if isinstance(r, Record)]
    assert ids == ["r3", "r4", "r5"]
    assert [r.id for r in read_jsonl(path, first=6) if isinstance(r, Record)] == ["r6", "r7"]


def test_an_error_that_ends_the_file_is_reported_by_one_range(tmp_path: Path) -> None:
    body = "".join(line(id=f"n{i}", text=f"{TEXT_A} {i}") + "\n" for i in range(400))
    data = gzip.compress(body.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    ranges = [(1, 100), (101, 200), (201, 300), (301, None)]
    errors = [
        [r for r in read_jsonl(path, first=a, last=b) if isinstance(r, InputError)]
        for a, b in ranges
    ]
    assert sum(len(e) for e in errors) == 1
    missing = tmp_path / "absent.jsonl"
    assert [len(list(read_jsonl(missing, first=a, last=b))) for a, b in ranges] == [1, 0, 0, 0]


def test_not_a_gzip_archive(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(b"\x1f\x8b" + b"not really gzip data at all")
    (error,) = read_jsonl(path)
    assert isinstance(error, InputError)
    assert error.reason == "malformed"


def test_missing_file_is_one_error(tmp_path: Path) -> None:
    (error,) = read_jsonl(tmp_path / "absent.jsonl")
    assert isinstance(error, InputError)
    assert error.reason == "unreadable"
    assert "absent.jsonl" in str(error)


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-07-19", "2024-07-19"),
        ("2024-07-19T08:30:00Z", "2024-07-19T08:30:00+00:00"),
        ("Fri, 19 Jul 2024 08:30:00 +0300", "2024-07-19T08:30:00+03:00"),
        (None, None),
    ],
)
def test_parse_date(value: str | None, iso: str | None) -> None:
    assert parse_date(value, "x:1") == iso
