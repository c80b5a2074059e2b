"""`marsad serve` and `marsad bench-api` on the command line."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main


def test_serve_help_names_the_pages() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert (
        "--db" in result.output
        and "127.0.0.1" in result.output
        and "/openapi.json" in result.output
    )


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no database" in result.output


@pytest.mark.slow
def test_bench_api_prints_percentiles(collection_db: Path) -> None:
    args = [
        "bench-api",
        "--db",
        str(collection_db),
        "--requests",
        "5",
        "--concurrency",
        "2",
        "--json",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [r["route"] for r in report["routes"]] == ["article", "entity", "search"]
    assert all(r["requests"] == 5 and r["errors"] == 0 for r in report["routes"])


def test_serve_says_when_its_port_is_taken(collection_db: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        args = ["serve", "--db", str(collection_db), "--port", str(port)]
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert f"127.0.0.1:{port} is in use: choose another with --port" in result.output
    assert "Marsad on" not in result.output
