"""Every JSON route of the web API, in-process, with good and bad parameters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.web.app import create_app
from marsad.web.params import MAX_PAGE_SIZE

from .conftest import TOKEN, Client


def error_of(response: object) -> dict[str, str]:
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    return dict(body["error"])


def test_search_marks_matches_and_counts_facets(client: Client) -> None:
    r = client.get("/api/search", params={"q": "الدوحه"})  # folded spelling finds الدوحة
    assert r.status_code == 200
    data = r.json()
    assert data["total"] == 1
    hit = data["hits"][0]
    assert hit["id"] == "news/doha-1"
    assert "[[الدوحة]]" in hit["snippet"]
    assert data["facets"]["source"] == [{"value": "وكالة المرصد", "n": 1}]
    assert data["facets"]["month"] == [{"value": "2024-07", "n": 1}]
    assert {f["value"] for f in data["facets"]["entity"]} >= {"iso3:QAT", "geonames:290030"}


def test_search_filters_and_pagination(client: Client) -> None:
    r = client.get("/api/search", params={"q": "وزير الخارجية", "since": "2024-08"})
    assert [h["id"] for h in r.json()["hits"]] == ["news/tunis-2"]
    r = client.get("/api/search", params={"q": "وزير", "limit": 1, "offset": 1})
    assert r.json()["total"] == 2 and len(r.json()["hits"]) == 1
    r = client.get("/api/search", params={"type": "PROTEST"})
    assert [h["id"] for h in r.json()["hits"]] == ["news/tunis-2"]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"q": '"unclosed'}, "unclosed quote"),
        ({"q": "(الدوحة"}, "unbalanced"),
        ({"q": "OR"}, "OR"),
        ({"q": "-الدوحة"}, "excluded"),
        ({"q": "x", "since": "2024-13"}, "since '2024-13' is not a valid date"),
        ({"q": "x", "since": "yesterday"}, "not a date"),
        ({"q": "x", "type": "DANCE"}, "unknown event type"),
        ({"q": "x", "entity": "لا أحد"}, "no entity"),
        ({"q": "x", "limit": 0}, "between 1 and"),
        ({"q": "x", "limit": MAX_PAGE_SIZE + 1}, "between 1 and"),
        ({"q": "x", "offset": -1}, "between 0 and"),
        ({"q": "x", "limit": "ten"}, "not a whole number"),
        ({"q": "x", "colour": "red"}, "unknown parameter"),
        ({"q": "x" * 600}, "longer than"),
    ],
)
def test_malformed_search_is_400_with_a_message(
    client: Client, params: dict[str, object], fragment: str
) -> None:
    r = client.get("/api/search", params=params)
    assert r.status_code == 400
    error = error_of(r)
    assert error["code"] in ("bad_query", "bad_request")
    assert fragment in error["message"]


def test_repeated_parameter_is_refused(client: Client) -> None:
    r = client.get("/api/search?q=a&q=b")
    assert r.status_code == 400 and "more than once" in error_of(r)["message"]


def test_articles_listing_newest_first(client: Client) -> None:
    data = client.get("/api/articles").json()
    assert data["total"] == 3
    assert [a["id"] for a in data["articles"]] == ["news/<b>xss</b>", "news/tunis-2", "news/doha-1"]
    data = client.get("/api/articles", params={"source": "وكالة المرصد"}).json()
    assert [a["id"] for a in data["articles"]] == ["news/doha-1"]


def test_article_document_with_collection_links(client: Client) -> None:
    r = client.get("/api/articles/news%2Fdoha-1")
    assert r.status_code == 200
    doc = r.json()
    assert doc["schema"] == "marsad.document/1"
    assert doc["text"].startswith("الدوحة - قال")
    assert doc["collection"]["duplicates"][0]["id"] == "news/tunis-2"
    assert doc["collection"]["stories"][0]["headline"] == "محادثات الدوحة"
    assert client.get("/api/articles/news/doha-1").json()["id"] == "news/doha-1"


def test_missing_things_are_404(client: Client) -> None:
    for url in ("/api/articles/none", "/api/entities/لا أحد", "/api/stories/99", "/api/nothing"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert error_of(r)["code"] == "not_found"


def test_entities_list_and_lookup(client: Client) -> None:
    data = client.get("/api/entities").json()
    assert data["entities"][0]["id"] == "geonames:290030"  # two mentions: most mentioned first
    found = client.get("/api/entities", params={"q": "الدو"}).json()["entities"]
    assert [e["id"] for e in found] == ["geonames:290030"]
    people = client.get("/api/entities", params={"type": "PER"}).json()["entities"]
    assert {e["type"] for e in people} == {"PER"}


def test_entity_profile_has_chart_network_quotes_and_events(client: Client) -> None:
    r = client.get("/api/entities/Khalid al-Rashid")
    assert r.status_code == 200
    data = r.json()
    assert data["latin"] == "Khalid al-Rashid"
    assert data["roles"][0]["title_latin"] == "Foreign Minister"
    assert data["mentions_by_month"] == [{"month": "2024-07", "mentions": 1, "articles": 1}]
    assert data["quotes"][0]["text"] == "«نحن ملتزمون بالحل السلمي»"
    assert [(e["role"], e["event_type"]) for e in data["events"]] == [("source", "CONSULT")]
    nodes = {n["id"] for n in data["network"]["nodes"]}
    assert {"iso3:QAT", "geonames:290030"} <= nodes
    pairs = {(e["source"], e["target"]) for e in data["network"]["edges"]}
    assert any({"iso3:QAT", "geonames:290030"} == set(p) for p in pairs)


def test_events_filters_and_csv(client: Client) -> None:
    rows = client.get("/api/events").json()
    assert [r["event_type"] for r in rows] == ["CONSULT", "PROTEST"]
    assert [r["event_type"] for r in client.get("/api/events?actor=TUN").json()] == ["PROTEST"]
    assert (
        client.get("/api/events?type=consult&since=2024-07&until=2024-07").json()[0][
            "source_country"
        ]
        == "QAT"
    )
    assert error_of(client.get("/api/events?actor=Qatar"))["code"] == "bad_query"
    csv = client.get("/api/events.csv?type=PROTEST")
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().splitlines()
    assert lines[0].startswith("event_id,article_id") and len(lines) == 2
    assert "مئات الطلاب" in lines[1]


def _types(client: Client, query: str) -> list[str]:
    return [r["event_type"] for r in client.get(f"/api/events?{query}").json()]


def test_events_sort_covers_every_page(client: Client) -> None:
    # One event per page: the order is decided before paging, so page 0 holds the lowest
    # confidence (PROTEST 0.7) although it is the later event by date.
    assert _types(client, "sort=confidence&limit=1&offset=0") == ["PROTEST"]
    assert _types(client, "sort=confidence&limit=1&offset=1") == ["CONSULT"]
    assert _types(client, "sort=confidence&order=desc&limit=1") == ["CONSULT"]
    assert _types(client, "sort=event_date&order=desc") == ["PROTEST", "CONSULT"]
    assert _types(client, "sort=event_type&order=desc") == ["PROTEST", "CONSULT"]
    assert _types(client, "sort=event_type") == ["CONSULT", "PROTEST"]


def test_events_csv_follows_filters_and_sort(client: Client) -> None:
    def first_types(query: str) -> list[str]:
        text = client.get(f"/api/events.csv?{query}").text.strip().splitlines()
        column = text[0].split(",").index("event_type")
        return [line.split(",")[column] for line in text[1:]]

    assert first_types("sort=confidence&order=desc") == ["CONSULT", "PROTEST"]
    assert first_types("sort=confidence&order=asc") == ["PROTEST", "CONSULT"]
    assert first_types("sort=confidence&limit=1&offset=1") == ["CONSULT"]
    assert first_types("sort=confidence&actor=QAT") == ["CONSULT"]


def test_an_empty_events_csv_still_has_its_header(client: Client) -> None:
    full = client.get("/api/events.csv").text.splitlines()
    empty = client.get("/api/events.csv?since=2090").text.splitlines()
    assert empty == full[:1]
    assert empty[0].split(",") == list(client.get("/api/events").json()[0])  # the rows' columns
    assert empty[0].split(",")[:4] == ["event_id", "article_id", "published", "outlet"]


@pytest.mark.parametrize(
    ("query", "named", "choices"),
    [
        ("sort=evidence", "sort", "event_type, source_actor"),  # a column, not a sort key
        ("sort=e.type;DROP TABLE events", "sort", "confidence"),
        ("sort=confidence&order=up", "order", "asc, desc"),
        ("order=DESC", "order", "asc, desc"),
    ],
)
def test_events_bad_sort_is_a_json_error(
    client: Client, query: str, named: str, choices: str
) -> None:
    for route in ("/api/events", "/api/events.csv", "/events"):
        r = client.get(f"{route}?{query}", headers={"accept": "application/json"})
        assert r.status_code == 400
        error = error_of(r)
        assert error["code"] == "bad_query"
        assert error["message"].startswith(f"parameter {named}=")
        assert choices in error["message"]


def test_stories_with_timelines(client: Client) -> None:
    data = client.get("/api/stories").json()
    story = data["stories"][0]
    assert [a["id"] for a in story["articles"]] == ["news/doha-1", "news/tunis-2"]
    assert client.get(f"/api/stories/{story['id']}").json()["headline"] == "محادثات الدوحة"
    assert client.get("/api/stories/x").status_code == 404


def test_stats(client: Client) -> None:
    data = client.get("/api/stats").json()
    assert data["counts"]["articles"] == 3
    assert "database" not in data  # the server's file path is not shown


def test_pages_answer_json_to_json_clients(client: Client) -> None:
    r = client.get("/articles/news%2Fdoha-1", headers={"accept": "application/json"})
    assert r.json()["id"] == "news/doha-1"
    assert client.get("/articles/news%2Fdoha-1").headers["content-type"].startswith("text/html")


def test_analyze_returns_the_document(client: Client) -> None:
    text = "قال وزير الخارجية إن المحادثات ستستأنف في الدوحة."
    r = client.post("/api/analyze", json={"text": text, "published": "2024-07-19"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["schema"] == "marsad.document/1"
    assert doc["text"] == text and doc["meta"]["published"] == "2024-07-19"
    assert client.post("/analyze", json={"text": text}).json()["text"] == text


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        (b"not json", 400, "not valid JSON"),
        (b"[1, 2]", 400, "JSON object"),
        (json.dumps({"text": ""}).encode(), 400, "text"),
        (json.dumps({"text": 5}).encode(), 400, "must be a string"),
        (json.dumps({"text": "نص", "colour": "x"}).encode(), 400, "unknown field"),
        (json.dumps({"text": "نص", "published": "tomorrow"}).encode(), 400, "ISO-8601"),
    ],
)
def test_analyze_bad_bodies(client: Client, body: bytes, status: int, fragment: str) -> None:
    r = client.post("/api/analyze", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status
    assert fragment in error_of(r)["message"]


def test_bodies_over_the_limit_are_413(client: Client) -> None:
    r = client.post("/api/analyze", content=b"x" * (2 * 1024 * 1024))
    assert r.status_code == 413 and error_of(r)["code"] == "too_large"

    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(40):
            yield b"y" * 65536

    r = client.post("/api/analyze", content=chunks())
    assert r.status_code == 413


def test_openapi_document_lists_every_api_route(client: Client) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert {"/api/search", "/api/articles/{article_id}", "/api/ingest"} <= set(spec["paths"])
    search = spec["paths"]["/api/search"]["get"]
    assert {p["name"] for p in search["parameters"]} >= {"q", "since", "until", "limit"}
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/entities/{entity_id}" in docs.text


def test_security_headers_on_every_response(client: Client) -> None:
    for url in ("/", "/api/stats", "/static/css/marsad.css", "/api/articles/none"):
        headers = client.get(url).headers
        assert "default-src 'self'" in headers["content-security-policy"]
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_unexpected_failure_is_500_without_details(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from marsad.services import web_views

    def broken(*_: object) -> None:
        raise RuntimeError("secret internal detail in /srv/db")

    monkeypatch.setattr(web_views, "stats_view", broken)
    r = client.get("/api/stats")
    assert r.status_code == 500
    assert "secret" not in r.text and "Traceback" not in r.text
    assert error_of(r)["code"] == "internal_error"
    page = client.get("/stats")
    assert page.status_code == 500 and "secret" not in page.text


def test_server_without_a_collection_analyzes_only() -> None:
    bare = Client(create_app(None))
    assert bare.get("/api/stats").status_code == 404
    assert bare.get("/analyze").status_code == 200


def test_a_missing_database_fails_at_start(tmp_path: Path) -> None:
    from marsad.errors import StoreError

    with pytest.raises(StoreError, match="no database"):
        create_app(tmp_path / "none.db")


def test_read_routes_cannot_write(client: Client) -> None:
    from marsad.errors import StoreError

    store = client.transport.app.state.collection.store()  # type: ignore[attr-defined]
    with pytest.raises(StoreError, match="readonly"):
        store.reject("x", "y", "z")


def test_ingest_is_off_without_a_token(collection_db: Path) -> None:
    app = Client(create_app(collection_db))
    r = app.post("/api/ingest", content=b'{"text": "x"}\n',
                 headers={"content-type": "application/x-ndjson"})  # fmt: skip
    assert r.status_code == 403 and error_of(r)["code"] == "ingest_off"


def test_ingest_needs_the_right_token(client: Client) -> None:
    body = b'{"text": "x"}\n'
    for auth in ({}, {"authorization": "Bearer wrong"}, {"authorization": TOKEN}):
        r = client.post("/api/ingest", content=body,
                        headers={"content-type": "application/x-ndjson", **auth})  # fmt: skip
        assert r.status_code == 403, auth
        assert "token" in error_of(r)["message"]


def test_ingest_jsonl_and_files_with_the_token(tmp_path: Path) -> None:
    from marsad.store import open_store

    db = tmp_path / "fresh.db"
    open_store(db).close()
    app = Client(create_app(db, token=TOKEN))
    auth = {"authorization": f"Bearer {TOKEN}"}
    lines = [
        {
            "id": "j1",
            "text": "أعلنت الحكومة في عمّان عن خطة جديدة للمياه.",
            "published": "2024-05-01",
        },
        {"id": "j2", "text": "وصل وفد تجاري إلى الرباط لبحث الاستثمار.", "published": "2024-05-02"},
    ]
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()
    r = app.post("/api/ingest", content=body,
                 headers={**auth, "content-type": "application/x-ndjson"})  # fmt: skip
    assert r.status_code == 200, r.text
    assert r.json()["stored"] == 2
    files = {"file": ("../../etc/note.txt", "خبر قصير عن الاقتصاد في القاهرة.".encode())}
    r = app.post("/api/ingest", files=files, headers=auth)
    assert r.status_code == 200 and r.json()["stored"] == 1
    assert app.get("/api/stats").json()["counts"]["articles"] == 3
    r = app.post("/api/ingest", content=b"x", headers={**auth, "content-type": "image/png"})
    assert r.status_code == 415
