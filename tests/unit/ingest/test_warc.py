"""Web crawls: HTML responses become articles; damaged records are rejected with their offset."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.doc import Document
from marsad.errors import InputError
from marsad.ingest.warc import read_warc

PAGES = [
    "افتتح المحافظ صباح اليوم الجسر الجديد فوق النهر بعد عامين من الأشغال المتواصلة.",
    "أعلنت الجامعة عن منح دراسية جديدة لطلاب الهندسة والطب في العام الدراسي المقبل.",
    "شهدت أسواق الخضار ارتفاعا في أسعار الطماطم بسبب موجة البرد التي ضربت المنطقة.",
]


def _record(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
    )
    writer.write_record(record)


def write_crawl(path: Path, *, gzip: bool) -> list[int]:
    """A crawl of the three pages plus an image and a 404; returns each record's end offset."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    ends = []
    for i, text in enumerate(PAGES):
        html = f"<html><body><article><p>{text}</p></article></body></html>".encode()
        _record(writer, f"https://example.org/{i}.html", html, "text/html; charset=utf-8", "200 OK")
        ends.append(buffer.tell())
    _record(writer, "https://example.org/logo.png", b"\x89PNG....", "image/png", "200 OK")
    _record(writer, "https://example.org/gone", b"<html>gone</html>", "text/html", "404 Not Found")
    path.write_bytes(buffer.getvalue())
    return ends


def test_html_responses_become_articles(tmp_path: Path) -> None:
    for gzip in (True, False):
        path = tmp_path / ("c.warc.gz" if gzip else "c.warc")
        write_crawl(path, gzip=gzip)
        items = list(read_warc(path, 1 << 20))
        assert all(isinstance(i, Document) for i in items)
        assert [i.id for i in items if isinstance(i, Document)] == [
            f"https://example.org/{i}.html" for i in range(3)
        ]
        assert PAGES[1] in items[1].text  # type: ignore[union-attr]


def test_truncated_gzip_crawl_keeps_whole_records_and_names_the_offset(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    ends = write_crawl(path, gzip=True)
    data = path.read_bytes()
    path.write_bytes(data[: ends[1] + 40])  # cut inside the third record
    items = list(read_warc(path, 1 << 20))
    assert [type(i) for i in items] == [Document, Document, InputError]
    error = items[2]
    assert isinstance(error, InputError)
    assert error.reason == "malformed"
    assert error.source == f"{path.as_posix()}@{ends[1]}"
    assert f"byte {ends[1]}" in error.detail


def test_truncated_plain_crawl_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    ends = write_crawl(path, gzip=False)
    path.write_bytes(path.read_bytes()[: ends[0] + 30])
    items = list(read_warc(path, 1 << 20))
    assert isinstance(items[0], Document)
    assert isinstance(items[-1], InputError)
    assert items[-1].reason == "malformed"


def test_corrupt_record_in_the_middle_resumes_at_the_next(tmp_path: Path) -> None:
    path = tmp_path / "mid.warc"
    ends = write_crawl(path, gzip=False)
    data = bytearray(path.read_bytes())
    data[ends[0] : ends[0] + 8] = b"GARBAGE!"  # destroy the second record's "WARC/1.x" line
    path.write_bytes(bytes(data))
    items = list(read_warc(path, 1 << 20))
    kinds = [type(i).__name__ for i in items]
    assert kinds.count("InputError") == 1
    docs = [i.id for i in items if isinstance(i, Document)]
    assert docs[0] == "https://example.org/0.html"
    assert "https://example.org/2.html" in docs
