"""HTML pages: trafilatura's main text and metadata; pages without text are rejected."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.doc import Document
from marsad.errors import InputError
from marsad.ingest.html import html_document, read_html

PAGE = """<html><head><title>افتتاح المكتبة | صحيفة المدينة</title>
<meta property="og:url" content="https://example.org/news/42.html">
<meta property="og:site_name" content="صحيفة المدينة">
<meta name="date" content="2023-05-14"></head>
<body><nav>الرئيسية | ثقافة | رياضة</nav>
<article><h1>افتتاح المكتبة العامة</h1>
<p>افتتح رئيس البلدية صباح الأحد المكتبة العامة الجديدة في وسط المدينة بحضور عدد من الكتاب.</p>
<p>وقال إن المكتبة تضم أكثر من عشرين ألف كتاب وقاعة للأطفال ستفتح أبوابها يوميا.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


def test_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "42.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = read_html(path, 1 << 20)
    assert isinstance(doc, Document)
    assert "عشرين ألف كتاب" in doc.text
    assert "جميع الحقوق" not in doc.text  # boilerplate dropped
    assert doc.meta.published == "2023-05-14"
    assert doc.meta.url == "https://example.org/news/42.html"
    assert doc.meta.source == "صحيفة المدينة"
    assert doc.meta.headline is not None and "المكتبة" in doc.meta.headline


@pytest.mark.parametrize(
    ("markup", "detail"),
    [
        ("<html><body><div><p></div></body>", "no main text"),
        ("مجرد نص بلا وسوم على الإطلاق", "no HTML markup"),
        ("<<<>>><<</>", "no main text"),
    ],
)
def test_broken_html_is_rejected_as_malformed(markup: str, detail: str) -> None:
    with pytest.raises(InputError) as info:
        html_document(markup, "page.html")
    assert info.value.reason == "malformed"
    assert detail in info.value.detail
