"""RSS/Atom feeds: each item is an article, from its page beside the feed or its summary."""

from __future__ import annotations

from pathlib import Path

from marsad.doc import Document
from marsad.errors import InputError
from marsad.ingest.feeds import html_to_text, page_beside, read_feed

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>أخبار الساحل</title><link>https://example.org</link>
<item><title>افتتاح ميناء الصيد</title><link>https://example.org/news/port-7.html</link>
<guid>port-7</guid><pubDate>Tue, 14 Mar 2023 09:30:00 GMT</pubDate>
<description>ملخص قصير عن افتتاح ميناء الصيد الجديد.</description></item>
<item><title>موسم الزيتون</title><link>https://example.org/news/olive-8</link>
<pubDate>Wed, 15 Mar 2023 10:00:00 GMT</pubDate>
<description>&lt;p&gt;توقع المزارعون موسما وفيرا للزيتون هذا العام&lt;/p&gt;
&lt;p&gt;بعد أمطار غزيرة.&lt;/p&gt;</description></item>
</channel></rss>"""

PAGE = """<html><head><title>افتتاح ميناء الصيد</title></head><body><article>
<p>افتتح وزير الفلاحة صباح الثلاثاء ميناء الصيد الجديد الذي يتسع لثلاثمئة مركب.</p>
<p>وقال الوزير إن المشروع سيوفر مئات فرص العمل لأبناء المنطقة الساحلية.</p>
</article></body></html>"""


def _write_feed(folder: Path, with_page: bool) -> Path:
    feed = folder / "coast.rss"
    feed.write_text(RSS, encoding="utf-8")
    if with_page:
        (folder / "port-7.html").write_text(PAGE, encoding="utf-8")
    return feed


def test_items_without_pages_use_their_summary(tmp_path: Path) -> None:
    items = list(read_feed(_write_feed(tmp_path, with_page=False), 1 << 20))
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 2
    first, second = docs
    assert first.text == "ملخص قصير عن افتتاح ميناء الصيد الجديد."
    assert first.id == "port-7"
    assert first.meta.headline == "افتتاح ميناء الصيد"
    assert first.meta.published == "2023-03-14T09:30:00+00:00"
    assert first.meta.source == "أخبار الساحل"
    assert second.text == "توقع المزارعون موسما وفيرا للزيتون هذا العام\nبعد أمطار غزيرة."


def test_item_with_page_beside_uses_the_page(tmp_path: Path) -> None:
    used: set[Path] = set()
    docs = list(read_feed(_write_feed(tmp_path, with_page=True), 1 << 20, used))
    assert isinstance(docs[0], Document)
    assert "ثلاثمئة مركب" in docs[0].text
    assert docs[0].meta.headline == "افتتاح ميناء الصيد"
    assert used == {tmp_path / "port-7.html"}


def test_page_beside_matches_names_with_or_without_suffix(tmp_path: Path) -> None:
    feed = tmp_path / "f.rss"
    (tmp_path / "olive-8.html").write_text(PAGE, encoding="utf-8")
    assert page_beside(feed, "https://example.org/news/olive-8") == tmp_path / "olive-8.html"
    assert page_beside(feed, "https://example.org/news/") is None
    assert page_beside(feed, None) is None


def test_broken_feed_is_rejected(tmp_path: Path) -> None:
    feed = tmp_path / "bad.xml"
    feed.write_text("<rss><channel><item><title>بلا نهاية", encoding="utf-8")
    (item,) = list(read_feed(feed, 1 << 20))
    assert isinstance(item, InputError)
    assert item.reason in ("malformed", "empty")


def test_html_to_text_keeps_paragraphs() -> None:
    assert html_to_text("<p>سطر&nbsp;أول</p><br/>سطر ثان") == "سطر أول\nسطر ثان"
