"""Search, article, entity and events pages in headless Chromium, with screenshots."""

from __future__ import annotations

import json
import urllib.request
from typing import Any
from urllib.parse import quote

import pytest

from .conftest import XSS_TEXT, shoot

pytestmark = pytest.mark.browser


def api(server: str, path: str) -> Any:
    with urllib.request.urlopen(f"{server}{path}", timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def first_article_with_quote(server: str) -> dict[str, Any]:
    listing = api(server, "/api/articles?limit=50")["articles"]
    docs = [api(server, f"/api/articles/{quote(a['id'], safe='')}") for a in listing]
    docs = [d for d in docs if d["id"] != "probe/<xss>"]
    return max(docs, key=lambda d: (len(d["quotes"]) > 0, len(d["mentions"])))


def test_search_to_article_to_entity_to_events(server: str, page: Any) -> None:
    doc = first_article_with_quote(server)
    word = next(m["text"] for m in doc["mentions"] if m["type"] in ("GPE", "PER", "ORG"))
    page.goto(f"{server}/search")
    page.fill("input[name=q]", word)
    page.click("form[role=search] button[type=submit]")
    page.wait_for_selector("#hits")
    marks = page.locator("#hits mark.hl-match")
    assert marks.count() >= 1
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    shoot(page, "1-search")

    page.goto(f"{server}/articles/{quote(doc['id'], safe='')}")
    check_highlights(page, doc)
    mention = page.locator(".hl-mention[data-entity]").first
    mention.hover()
    card = page.locator("#entity-card")
    card.wait_for(state="visible")
    latin = mention.get_attribute("data-latin")
    if latin:
        assert latin in card.inner_text()
    page.mouse.move(5, 5)
    if doc["quotes"]:
        page.click("#panel-quotes a[href='#q-0']")
        assert page.evaluate("location.hash") == "#q-0"
        assert page.locator("#q-0").evaluate("e => e.classList.contains('flash')")
    mention.click()  # pinned card for the screenshot
    shoot(page, "2-article")

    page.locator("#panel-entities a[href^='/entities/']").first.click()
    page.wait_for_selector("#mentions-chart")
    page.wait_for_function("document.querySelector('#graph canvas') !== null")
    assert page.locator("h1").inner_text().strip()
    chart_drawn = page.evaluate(
        "() => { const c = document.getElementById('mentions-chart');"
        " return c.width > 0 && Chart.getChart(c) !== undefined; }"
    )
    assert chart_drawn
    shoot(page, "3-entity")

    page.goto(f"{server}/events")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() >= 1
    # Sorting is the server's: a header link reloads the page sorted across every event.
    page.click("#events-table th[data-column=event_type] a")
    page.wait_for_url("**/events?*sort=event_type*")
    header = page.locator("#events-table th[data-column=event_type]")
    assert header.get_attribute("aria-sort") == "ascending"
    types = page.locator("#events-table tbody td:nth-child(2)").all_inner_texts()
    everything = [r["event_type"] for r in api(server, "/api/events?sort=event_type&limit=100")]
    assert types == everything[: len(types)]
    page.click("#events-table th[data-column=event_type] a")
    page.wait_for_url("**/events?*order=desc*")
    assert header.get_attribute("aria-sort") == "descending"
    assert "sort=event_type&order=desc" in page.get_attribute("#csv-link", "href")
    with page.expect_download() as download:
        page.click("#csv-link")
    assert download.value.suggested_filename == "marsad-events.csv"
    shoot(page, "4-events")
    assert page.console_errors == [], page.console_errors


def check_highlights(page: Any, doc: dict[str, Any]) -> None:
    """Each anchored span of the page starts with the characters its layer record names."""
    spans = page.evaluate(
        "() => Array.from(document.querySelectorAll('#article-text [id]'))"
        ".map(e => [e.id, e.textContent])"
    )
    found = dict(spans)
    layers = {"m": "mentions", "t": "times", "n": "quantities", "q": "quotes"}
    checked = exact = 0
    for prefix, layer in layers.items():
        for i, record in enumerate(doc[layer]):
            shown = found[f"{prefix}-{i}"]
            assert record["text"].startswith(shown), (prefix, i, shown, record["text"])
            checked += 1
            exact += shown == record["text"]
    assert checked == 0 or exact / checked >= 0.8
    text = page.locator("#article-text").evaluate("e => e.textContent")
    assert text == doc["text"]


def test_every_sample_article_renders(server: str, page: Any) -> None:
    listing = api(server, "/api/articles?limit=50")["articles"]
    for i, item in enumerate(listing):
        page.goto(f"{server}/articles/{quote(item['id'], safe='')}")
        doc = api(server, f"/api/articles/{quote(item['id'], safe='')}")
        check_highlights(page, doc)
        if i == 0:
            shoot(page, "5-sample-article")
    assert page.console_errors == [], page.console_errors


def test_xss_probe_shows_as_text(server: str, page: Any) -> None:
    page.goto(f"{server}/articles/{quote('probe/<xss>', safe='')}")
    assert page.locator("#article-text").evaluate("e => e.textContent") == XSS_TEXT
    assert page.locator("#article-text script, #article-text b").count() == 0
    assert "<i>عنوان</i>" in page.locator("h1").inner_text()
    assert page.console_errors == [], page.console_errors


def test_analyze_page_and_stories_and_docs(server: str, page: Any) -> None:
    page.goto(f"{server}/analyze")
    page.fill("#text", "قال وزير الخارجية القطري في الدوحة يوم الأحد إن المحادثات ستستأنف.")
    page.click("form button[type=submit]")
    page.wait_for_selector("#article-text")
    assert page.locator("#article-text .hl").count() >= 1
    shoot(page, "6-analyze")
    page.goto(f"{server}/stories")
    assert page.locator("h1").inner_text() == "القصص"
    page.goto(f"{server}/docs")
    assert page.locator("#openapi-doc .route").count() >= 10
    assert page.console_errors == [], page.console_errors
