"""Plain text files: UTF-8 and Windows-1256 decode, bad files are typed rejections."""

from __future__ import annotations

from pathlib import Path

from marsad.doc import Document
from marsad.errors import InputError
from marsad.ingest.text import read_text

TEXT = "افتتح رئيس البلدية المكتبة العامة الجديدة بحضور عدد من الكتاب والطلاب."
LIMIT = 1 << 20


def test_utf8_file_becomes_document(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    doc = read_text(path, LIMIT)
    assert isinstance(doc, Document)
    assert doc.text == TEXT
    assert doc.id == path.as_posix()


def test_cp1256_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(TEXT.encode("cp1256"))
    doc = read_text(path, LIMIT)
    assert isinstance(doc, Document)
    assert doc.text == TEXT


def test_binary_and_oversized_files_are_rejected(tmp_path: Path) -> None:
    binary = tmp_path / "b.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    big = tmp_path / "big.txt"
    big.write_text(TEXT * 100, encoding="utf-8")
    results = [read_text(binary, LIMIT), read_text(big, 1000)]
    assert [r.reason for r in results if isinstance(r, InputError)] == ["binary", "too_large"]
