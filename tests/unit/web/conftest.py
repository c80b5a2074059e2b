"""A small collection written through the store API, and an in-process client of the web app."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from marsad.doc import (
    Actor,
    Cue,
    Document,
    Entity,
    Event,
    Mention,
    Meta,
    Quote,
    Role,
    Sentence,
    Speaker,
    Time,
)
from marsad.store import open_store, prepare
from marsad.web.app import create_app

TOKEN = "s3cret-token"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'

DOHA = (
    "الدوحة - قال وزير الخارجية القطري خالد الراشد يوم الأحد إن المحادثات البحرية "
    "ستستأنف في الدوحة. وأضاف: «نحن ملتزمون بالحل السلمي»."
)
TUNIS = "تونس - تظاهر مئات الطلاب في تونس احتجاجاً على رفع الرسوم، وانتقدوا وزير الخارجية."


def _find(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def doha_document() -> Document:
    doc = Document(
        DOHA,
        id="news/doha-1",
        meta=Meta(
            headline="محادثات الدوحة البحرية",
            published="2024-07-14",
            source="وكالة المرصد",
            url="https://example.org/a",
        ),
    )
    qatar = Entity("iso3:QAT", "GPE", "قطر", "Qatar", {"iso3": "QAT", "wikidata": "Q846"})
    person = Entity(
        "marsad:PER:خالد الراشد",
        "PER",
        "خالد الراشد",
        "Khalid al-Rashid",
        {},
        [Role("وزير الخارجية", "Foreign Minister", "QAT")],
    )
    doha = Entity("geonames:290030", "GPE", "الدوحة", "Doha", {"geonames": "290030"})
    doc.entities = [qatar, person, doha]
    s, e = _find(DOHA, "الدوحة")
    s2, e2 = _find(DOHA, "الدوحة", 1)
    ps, pe = _find(DOHA, "خالد الراشد")
    qs, qe = _find(DOHA, "القطري")
    doc.mentions = [
        Mention(s, e, "الدوحة", "GPE", doha.id),
        Mention(qs, qe, "القطري", "GPE", qatar.id),
        Mention(ps, pe, "خالد الراشد", "PER", person.id),
        Mention(s2, e2, "الدوحة", "GPE", doha.id),
    ]
    ts, te = _find(DOHA, "يوم الأحد")
    doc.times = [Time(ts, te, "يوم الأحد", "DATE", "2024-07-14")]
    quote_start, quote_end = _find(DOHA, "«نحن ملتزمون بالحل السلمي»")
    cs, ce = _find(DOHA, "وأضاف")
    doc.quotes = [
        Quote(
            quote_start,
            quote_end,
            DOHA[quote_start:quote_end],
            "direct",
            Cue(cs, ce, "وأضاف"),
            Speaker(ps, pe, "خالد الراشد", person.id),
        )
    ]
    sentence_end = DOHA.index(".") + 1
    doc.sentences = [Sentence(0, sentence_end), Sentence(sentence_end + 1, len(DOHA))]
    doc.events = [
        Event(
            "CONSULT",
            Sentence(0, sentence_end),
            0.8,
            "040",
            None,
            Actor("خالد الراشد", ps, pe, person.id, "QAT GOV"),
            None,
            "2024-07-14",
        )
    ]
    doc.check()
    return doc


def tunis_document() -> Document:
    doc = Document(
        TUNIS,
        id="news/tunis-2",
        meta=Meta(headline="احتجاج طلابي في تونس", published="2024-08-02", source="صحيفة الشرق"),
    )
    tunis = Entity("iso3:TUN", "GPE", "تونس", "Tunisia", {"iso3": "TUN"})
    doc.entities = [tunis]
    s, e = _find(TUNIS, "تونس")
    s2, e2 = _find(TUNIS, "تونس", 1)
    doc.mentions = [
        Mention(s, e, "تونس", "GPE", tunis.id),
        Mention(s2, e2, "تونس", "GPE", tunis.id),
    ]
    doc.events = [
        Event(
            "PROTEST",
            Sentence(0, len(TUNIS)),
            0.7,
            "140",
            None,
            Actor("مئات الطلاب", *_find(TUNIS, "مئات الطلاب"), None, "TUN EDU"),
        )
    ]
    doc.check()
    return doc


def xss_document() -> Document:
    text = f"خبر فيه شيفرة {XSS} في وسط النص عن تونس."
    doc = Document(
        text,
        id="news/<b>xss</b>",
        meta=Meta(
            headline=f"عنوان {XSS}",
            published="2024-08-03",
            source="<i>مصدر</i>",
            url="javascript:alert(1)",
        ),
    )
    s, e = _find(text, "تونس")
    doc.entities = [Entity("marsad:PER:" + XSS, "PER", XSS, XSS, {"x": XSS})]
    doc.mentions = [Mention(s, e, "تونس", "PER", doc.entities[0].id)]
    doc.check()
    return doc


@pytest.fixture(scope="session")
def collection_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "news.db"
    with open_store(path) as store:
        for doc in (doha_document(), tunis_document(), xss_document()):
            store.write(prepare(doc, "test"))
        store.add_duplicates([("news/tunis-2", "news/doha-1", 0.42, "near")])
        store.replace_stories(
            [("محادثات الدوحة", "2024-07-14", "2024-08-02", ["news/doha-1", "news/tunis-2"])]
        )
    return path


class Client:
    """Calls the app in-process through httpx's ASGI transport (one event loop per request)."""

    def __init__(self, app: Any) -> None:
        self.transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def call() -> httpx.Response:
            async with httpx.AsyncClient(
                transport=self.transport, base_url="http://127.0.0.1"
            ) as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(call())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


@pytest.fixture(scope="session")
def client(collection_db: Path) -> Iterator[Client]:
    app = create_app(collection_db, token=TOKEN)
    yield Client(app)
    app.state.collection.close()
