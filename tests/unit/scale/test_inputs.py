"""Input pieces: read apart, in piece order, they give exactly what ``read_inputs`` gives."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from marsad.doc import Document
from marsad.errors import InputError
from marsad.ingest.documents import Item
from marsad.ingest.sources import read_inputs
from marsad.scale.inputs import Piece, plan, read_piece

MAX = 1 << 20
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>نشرة الواحة</title><link>https://example.org</link>
<item><title>سوق التمور</title><link>https://example.org/dates-3.html</link>
<description>ملخص عن افتتاح سوق التمور في الواحة.</description></item>
</channel></rss>"""
PAGE = """<html><body><article><p>افتتح والي الجهة سوق التمور الأسبوعي بمشاركة مئة فلاح من
القرى المجاورة.</p></article></body></html>"""


def _line(n: int) -> str:
    text = f"ارتفع إنتاج القمح في السهل الشمالي بنسبة {n} بالمئة هذا الموسم حسب وزارة الفلاحة."
    return json.dumps({"id": f"w{n}", "text": text}, ensure_ascii=False)


def _key(item: Item) -> tuple[str, ...]:
    if isinstance(item, InputError):
        return ("rejection", item.source, item.reason, item.detail)
    return ("doc", item.id, item.text, json.dumps(item.meta.to_dict(), ensure_ascii=False))


def _corpus(root: Path) -> Path:
    lines = [_line(n) for n in range(23)]
    lines[4] = "{broken"
    lines[9] = ""
    lines[15] = json.dumps({"id": "x", "text": "   "})
    (root / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "b.jsonl.gz").write_bytes(gzip.compress("\n".join(lines[:11]).encode()))
    damaged = gzip.compress("\n".join(lines).encode())
    (root / "c.jsonl.gz").write_bytes(damaged[: len(damaged) * 2 // 3])
    (root / "d.txt").write_text("أعلنت البلدية عن إغلاق الطريق الساحلي للصيانة.", encoding="utf-8")
    (root / "e.csv").write_text("a,b\n", encoding="utf-8")
    feeds = root / "feeds"
    feeds.mkdir()
    (feeds / "oasis.rss").write_text(FEED, encoding="utf-8")
    (feeds / "dates-3.html").write_text(PAGE, encoding="utf-8")
    (feeds / "other.html").write_text(PAGE.replace("التمور", "الزيتون"), encoding="utf-8")
    return root


@pytest.mark.parametrize("lines_per_piece", [1, 4, 7, 1000])
def test_pieces_read_in_order_are_the_sequential_read(tmp_path: Path, lines_per_piece: int) -> None:
    root = _corpus(tmp_path)
    pieces = plan([root, root / "d.txt"], lines_per_piece)
    expected = [_key(i) for i in read_inputs([root, root / "d.txt"], MAX)]
    got = [_key(i) for p in pieces for i in read_piece(p, MAX)]
    assert got == expected
    assert sum(1 for k in got if k[0] == "doc") >= 30
    assert ("rejection", f"{root.as_posix()}/a.jsonl:5") == got[4][:2]


def test_plan_cuts_jsonl_into_ranges_and_keeps_a_feed_folder_whole(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    pieces = plan([root], 10)
    a = [p for p in pieces if p.path.endswith("a.jsonl")]
    assert [(p.kind, p.first, p.last) for p in a] == [("lines", 1, 10), ("lines", 11, 20),
                                                      ("lines", 21, None)]  # fmt: skip
    assert Piece("folder", (root / "feeds").as_posix()) in pieces
    assert not any(p.path.endswith(".html") for p in pieces)
    assert Piece("file", (root / "e.csv").as_posix()) in pieces


def test_a_damaged_archive_is_reported_once_whatever_the_cut(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    for size in (1, 3, 50):
        errors = [
            i
            for p in plan([root / "c.jsonl.gz"], size)
            for i in read_piece(p, MAX)
            if isinstance(i, InputError) and i.reason == "malformed" and ":" not in i.source[-4:]
        ]
        assert len(errors) == 1, size
        assert errors[0].source == str(root / "c.jsonl.gz")


def test_a_missing_file_is_one_rejection(tmp_path: Path) -> None:
    items = [i for p in plan([tmp_path / "gone.jsonl"]) for i in read_piece(p, MAX)]
    assert [(type(i), getattr(i, "reason", None)) for i in items] == [(InputError, "unreadable")]
    assert not any(isinstance(i, Document) for i in items)
