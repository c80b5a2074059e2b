"""Dispatch of paths: recursive sorted walks, hidden files skipped, feeds' pages used once."""

from __future__ import annotations

from pathlib import Path

from marsad.doc import Document
from marsad.errors import InputError
from marsad.ingest.sources import count_inputs, input_kind, read_inputs

TEXT = "قررت اللجنة الأولمبية تأجيل البطولة الإقليمية إلى الربيع المقبل بسبب الأحوال الجوية."


def test_input_kind_by_suffix() -> None:
    assert input_kind(Path("a/b.WARC.gz")) == "warc"
    assert input_kind(Path("x.jsonl.gz")) == "jsonl"
    assert input_kind(Path("x.htm")) == "html"
    assert input_kind(Path("feed.atom")) == "feed"
    assert input_kind(Path("notes.gz")) is None
    assert input_kind(Path("README")) is None


def test_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text(TEXT + " ب", encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT + " أ", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    items = list(read_inputs([tmp_path], 1 << 20))
    names = [Path(i.id).name if isinstance(i, Document) else Path(i.source).name for i in items]
    assert names == ["a.txt", "photo.jpg", "z.txt"]
    assert isinstance(items[1], InputError) and items[1].reason == "unsupported"
    assert count_inputs([tmp_path]) == 3


def test_feed_pages_are_not_ingested_twice(tmp_path: Path) -> None:
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
        "<title>بطولة</title><link>https://example.org/p1.html</link>"
        f"<description>{TEXT}</description></item></channel></rss>"
    )
    page = f"<html><body><article><p>{TEXT} وأكد المنظمون ذلك.</p></article></body></html>"
    (tmp_path / "z-feed.rss").write_text(rss, encoding="utf-8")
    (tmp_path / "p1.html").write_text(page, encoding="utf-8")
    items = list(read_inputs([tmp_path], 1 << 20))
    assert len(items) == 1
    assert isinstance(items[0], Document)
    assert "وأكد المنظمون" in items[0].text


def test_missing_path_is_rejected(tmp_path: Path) -> None:
    (item,) = list(read_inputs([tmp_path / "nope.txt"], 1 << 20))
    assert isinstance(item, InputError) and item.reason == "unreadable"
