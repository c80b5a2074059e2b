"""The HTML pages: right-to-left, escaped, highlighted at the right characters, no inline code."""

from __future__ import annotations

import re

import pytest

from .conftest import DOHA, XSS, Client

PAGES = (
    "/", "/search?q=الدوحة", "/articles", "/articles/news%2Fdoha-1", "/entities",
    "/entities/iso3%3AQAT", "/events", "/stories", "/stories/1", "/analyze", "/docs", "/stats",
)  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_rtl_arabic_without_inline_code_or_remote_assets(
    client: Client, url: str
) -> None:
    r = client.get(url)
    assert r.status_code == 200, url
    html = r.text
    assert '<html lang="ar" dir="rtl">' in html
    for script in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S):
        assert not script.strip() or script.lstrip().startswith(("{", "["))  # JSON data only
    assert not re.search(r"<script(?![^>]*(src=\"/static/|type=\"application/json\"))", html)
    assert not re.search(r"<[a-z][^>]*\son[a-z]+=", html)  # no inline event handlers
    assert not re.search(
        r"(src|href)=\"(https?:)?//", html.replace('href="https://example.org/a"', "")
    )


def test_xss_probe_article_shows_as_text(client: Client) -> None:
    r = client.get("/articles/news%2F%3Cb%3Exss%3C%2Fb%3E")
    assert r.status_code == 200
    html = r.text
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>xss" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert "<i>مصدر</i>" not in html
    for url in (
        "/search?q=شيفرة",
        "/articles",
        "/entities",
        "/api/articles/news%2F%3Cb%3Exss%3C%2Fb%3E",
    ):
        assert "<script>alert" not in client.get(url).text or url.startswith("/api/")


def test_user_input_is_escaped_in_forms_and_errors(client: Client) -> None:
    probe = '"><script>alert(1)</script>'
    for url in (f"/search?q={probe}", f"/entities?q={probe}", f"/articles/{probe}"):
        html = client.get(url).text
        assert "<script>alert(1)" not in html, url


def test_article_highlights_each_layer_at_its_characters(client: Client) -> None:
    html = client.get("/articles/news%2Fdoha-1").text
    person = re.search(r'<span class="hl hl-mention" id="m-2"([^>]*)>([^<]*)</span>', html)
    assert person is not None and person.group(2) == "خالد الراشد"
    assert 'data-latin="Khalid al-Rashid"' in person.group(1)
    assert "Foreign Minister" in person.group(1)
    assert re.search(r'<span class="hl hl-time" id="t-0"[^>]*>يوم الأحد</span>', html)
    quote = re.search(r'<span class="hl hl-quote" id="q-0"[^>]*>(.*?)</span>', html)
    assert quote is not None and quote.group(1).startswith("«نحن")
    assert 'id="e-0"' in html and 'href="#e-0"' in html and 'href="#q-0"' in html
    assert 'href="#m-2"' in html  # the entity panel jumps to the first mention
    text = re.sub(r"<[^>]+>", "", html.split('id="article-text"', 1)[1].split("</div>", 1)[0])
    assert text.split(">", 1)[1].replace("&#34;", '"') == DOHA


def test_article_panels_link_duplicates_and_stories(client: Client) -> None:
    html = client.get("/articles/news%2Fdoha-1").text
    assert 'href="/articles/news%2Ftunis-2"' in html
    assert 'href="/stories/1"' in html
    assert 'href="/entities/iso3%3AQAT"' in html


def test_search_page_marks_matches_and_offers_facets(client: Client) -> None:
    html = client.get("/search?q=المحادثات").text
    assert '<mark class="hl hl-match">المحادثات</mark>' in html
    assert "source=%D9%88%D9%83%D8%A7%D9%84%D8%A9" in html  # the source facet link
    assert "since=2024-07&amp;until=2024-07" in html  # the month facet link
    assert 'href="/api/search?q=' in html  # the JSON twin


def test_search_hits_show_their_duplicate_links(client: Client) -> None:
    html = client.get("/search?q=وزير الخارجية").text
    assert 'تكرار لـ <a href="/articles/news%2Fdoha-1">محادثات الدوحة البحرية</a>' in html
    assert "near 0.42" in html and "· 1 مقالة مخزنة تكرره" in html
    hits = client.get("/api/search?q=وزير الخارجية").json()["hits"]
    links = {h["id"]: h["links"] for h in hits}
    assert links["news/doha-1"] == {"duplicate_of": [], "duplicates": 1, "copies": 0}
    assert [d["id"] for d in links["news/tunis-2"]["duplicate_of"]] == ["news/doha-1"]


def test_search_page_shows_query_errors(client: Client) -> None:
    r = client.get("/search?q=%22open")
    assert r.status_code == 400 and "unclosed quote" in r.text


def test_entity_page_embeds_chart_and_graph_data(client: Client) -> None:
    html = client.get("/entities/Khalid%20al-Rashid").text
    assert 'id="mentions-chart"' in html and 'id="graph"' in html
    assert "/static/vendor/chart.umd.min.js" in html and "/static/vendor/cytoscape.min.js" in html
    assert '"month": "2024-07"' in html
    assert "«نحن ملتزمون بالحل السلمي»" in html


def test_events_page_sortable_with_csv_link(client: Client) -> None:
    html = client.get("/events?type=CONSULT").text
    assert 'href="/api/events.csv?type=CONSULT"' in html
    assert 'href="/articles/news%2Fdoha-1#e-0"' in html
    # Headers link to a server-side sort that keeps the filters; the default is date ascending.
    assert 'data-column="event_date" aria-sort="ascending"' in html
    assert 'href="?type=CONSULT&amp;sort=event_date&amp;order=desc"' in html
    assert 'href="?type=CONSULT&amp;sort=confidence&amp;order=asc"' in html
    assert "tables.js" not in html


def test_events_page_sorted_by_server_and_csv_keeps_the_sort(client: Client) -> None:
    html = client.get("/events?sort=confidence&order=desc&limit=1").text
    assert 'data-column="confidence" aria-sort="descending"' in html
    assert 'href="?sort=confidence&amp;order=asc&amp;limit=1"' in html
    assert 'href="/api/events.csv?sort=confidence&amp;order=desc&amp;limit=1"' in html
    # the filter form keeps the sort when it is submitted
    assert '<input type="hidden" name="sort" value="confidence">' in html
    assert '<input type="hidden" name="order" value="desc">' in html
    body = html.split("<tbody>")[1]
    assert "CONSULT" in body and "PROTEST" not in body
    following = client.get("/events?sort=confidence&order=desc&limit=1&offset=1").text
    assert "PROTEST" in following.split("<tbody>")[1]
    assert 'href="?sort=confidence&amp;order=desc&amp;limit=1&amp;offset=0"' in following


def test_analyze_form_annotates_pasted_text(client: Client) -> None:
    text = "قال وزير الخارجية في الدوحة يوم الأحد إن <b>المحادثات</b> ستستأنف."
    r = client.post("/analyze", data={"text": text, "published": "2024-07-19"})
    assert r.status_code == 200
    assert 'id="article-text"' in r.text
    assert "&lt;b&gt;المحادثات&lt;/b&gt;" in r.text
    empty = client.post("/analyze", data={"text": "  "})
    assert empty.status_code == 400 and "error-box" in empty.text


def test_static_assets_are_served_locally(client: Client) -> None:
    for path in ("vendor/chart.umd.min.js", "vendor/cytoscape.min.js", "js/article.js",
                 "vendor/fonts/noto-naskh-arabic-arabic-400-normal.woff2"):  # fmt: skip
        assert client.get(f"/static/{path}").status_code == 200, path
    assert XSS  # the probe text is shared with the fixtures
