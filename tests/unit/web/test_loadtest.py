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
