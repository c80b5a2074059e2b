"""The API load test: a real server on a free loopback port, bounded requests, percentiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.web.loadtest import RouteTiming, run_load_test


def test_percentiles() -> None:
    timing = RouteTiming("x", [float(i) for i in range(1, 101)], seconds=2.0)
    assert (timing.p50, timing.p95, timing.max, timing.rate) == (51.0, 95.0, 100.0, 50.0)
    assert RouteTiming("empty").to_dict()["p95_ms"] == 0.0


@pytest.mark.slow
def test_load_test_against_a_served_collection(collection_db: Path) -> None:
    report = run_load_test(collection_db, requests_per_route=12, concurrency=3, max_seconds=30)
    assert [r.name for r in report.routes] == ["article", "entity", "search"]
    assert report.articles == 3
    for route in report.routes:
        assert route.count == 12
        assert route.errors == 0
        assert 0 < route.p50 <= route.p95 <= route.max


@pytest.mark.slow
def test_load_test_against_two_server_processes(collection_db: Path) -> None:
    report = run_load_test(
        collection_db, requests_per_route=8, concurrency=4, max_seconds=30, server_workers=2
    )
    assert report.to_dict()["server_workers"] == 2
    assert [(r.count, r.errors) for r in report.routes] == [(8, 0)] * 3
