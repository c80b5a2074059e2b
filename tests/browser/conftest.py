"""Browser tests: a real `marsad serve` on a free loopback port, driven by Debian's Chromium.

Skipped with a message when /usr/bin/chromium or the Playwright client is missing
(`apt-get install chromium`, `pip install 'marsad[browser]'`; never `playwright install`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "out" / "screenshots"
FULL_PIPELINE = (
    "anatomy", "sentences", "ner", "entities", "timex", "quantities", "quotes", "events",
)  # fmt: skip
"""Every layer, so that each kind of highlight appears (whatever the default pipeline is)."""
XSS_TEXT = (
    "قال المتحدث باسم الحكومة في الدوحة إن النص التالي وصل إلى المحررين كما هو "
    '<script>alert("x")</script> و<b>وسم</b> ثم عادت الجلسة إلى جدول أعمالها المعتاد.'
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = None
    if not CHROMIUM.exists():
        reason = "needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "needs the Playwright client: pip install 'marsad[browser]'"
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles ingested through the real pipeline, plus an XSS probe article."""
    from marsad.config import load_settings
    from marsad.services.about import list_components
    from marsad.services.collection import ingest

    folder = tmp_path_factory.mktemp("browser")
    probe = folder / "probe.jsonl"
    line = {
        "id": "probe/<xss>",
        "text": XSS_TEXT,
        "title": "<i>عنوان</i>",
        "published": "2024-07-20",
    }
    probe.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "browser.db"
    registered = {c.name for c in list_components()}
    pipeline = [name for name in FULL_PIPELINE if name in registered]
    settings = load_settings(overrides={"pipeline": pipeline, "error_policy": "record"})
    report = ingest([ROOT / "samples" / "articles.jsonl", probe], db=db, settings=settings)
    assert report.stored >= 2, report
    return db


@pytest.fixture(scope="session")
def server(browser_db: Path) -> Iterator[str]:
    from marsad.web.loadtest import running_server

    with running_server(browser_db) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors (CSP violations show up there)."""
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="ar")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


def shoot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
