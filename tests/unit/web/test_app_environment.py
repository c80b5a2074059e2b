"""The application each ``marsad serve --workers N`` process builds from ``$_MARSAD_SERVE``."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest

from marsad.web.app import SERVE_ENV, app_from_environment


def test_a_worker_serves_the_database_named_in_the_environment(
    collection_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SERVE_ENV, json.dumps({"db": str(collection_db), "config": None}))
    monkeypatch.delenv("MARSAD_WEB_TOKEN", raising=False)
    app = app_from_environment()

    async def calls() -> tuple[httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.get("/api/stats"), await client.post("/api/ingest", content=b"{}")

    stats, ingest = asyncio.run(calls())
    app.state.collection.close()
    assert stats.json()["counts"]["articles"] == 3
    assert ingest.status_code == 403


def test_a_worker_reads_the_token_from_the_configuration(
    collection_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "marsad.toml"
    config.write_text('web_token = "s3cret-token-for-tests"\n', encoding="utf-8")
    monkeypatch.setenv(SERVE_ENV, json.dumps({"db": str(collection_db), "config": str(config)}))
    monkeypatch.delenv("MARSAD_WEB_TOKEN", raising=False)
    assert app_from_environment().state.token == "s3cret-token-for-tests"


@pytest.mark.parametrize("value", [None, "not json", '{"config": null}', "[1, 2]"])
def test_a_worker_without_a_usable_environment_says_so(
    value: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if value is None:
        monkeypatch.delenv(SERVE_ENV, raising=False)
    else:
        monkeypatch.setenv(SERVE_ENV, value)
    with pytest.raises(RuntimeError, match=SERVE_ENV):
        app_from_environment()
