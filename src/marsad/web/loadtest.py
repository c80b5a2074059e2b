"""A bounded load test of the API on loopback (``marsad bench-api``).

The server runs as ``marsad serve`` in a subprocess on a free ``127.0.0.1`` port (so the client's
work does not share the server's interpreter); requests go to the article, entity and search
routes with ids and queries drawn from the collection, ``concurrency`` at a time, until the
count is reached or the time budget is spent. Only loopback addresses are ever contacted.
"""

from __future__ import annotations

import asyncio
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import httpx

from marsad.errors import MarsadError

HOST = "127.0.0.1"
START_TIMEOUT_S = 60.0
SAMPLE = 200


@dataclass(slots=True)
class RouteTiming:
    name: str
    timings_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def count(self) -> int:
        return len(self.timings_ms)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.timings_ms)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    @property
    def p50(self) -> float:
        return self.percentile(0.50)

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    @property
    def max(self) -> float:
        return max(self.timings_ms, default=0.0)

    @property
    def rate(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "route": self.name, "requests": self.count, "errors": self.errors,
            "p50_ms": round(self.p50, 2), "p95_ms": round(self.p95, 2),
            "max_ms": round(self.max, 2), "requests_per_s": round(self.rate, 1),
        }  # fmt: skip


@dataclass(slots=True)
class LoadReport:
    db: str
    articles: int
    concurrency: int
    server_workers: int = 1
    routes: list[RouteTiming] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "db": self.db, "articles": self.articles, "concurrency": self.concurrency,
            "server_workers": self.server_workers, "routes": [r.to_dict() for r in self.routes],
        }  # fmt: skip


def run_load_test(
    db: str | Path, *, requests_per_route: int = 300, concurrency: int = 4,
    max_seconds: float = 120.0, seed: int = 7, server_workers: int = 1,
) -> LoadReport:  # fmt: skip
    """Serve ``db`` on a free loopback port (``server_workers`` processes) and time the
    article, entity and search routes."""
    articles, targets = sample_targets(db, random.Random(seed))
    report = LoadReport(str(db), articles, concurrency, server_workers)
    with running_server(db, workers=server_workers) as base:
        for name, paths in targets.items():
            timing = RouteTiming(name)
            budget = _Budget(requests_per_route, concurrency, max_seconds)
            asyncio.run(_hammer(base, paths, timing, budget))
            report.routes.append(timing)
    return report


def sample_targets(db: str | Path, rng: random.Random) -> tuple[int, dict[str, list[str]]]:
    """Paths to request: random stored articles, the most mentioned entities, search queries."""
    from marsad.services import web_views
    from marsad.services.search import DEFAULT_QUERIES

    collection = web_views.ReadOnlyCollection(db)
    try:
        total = int(web_views.stats_view(collection)["counts"]["articles"])
        if total == 0:
            raise MarsadError(f"database {db} holds no article: ingest some first")
        ids: list[str] = []
        for _ in range(4):
            offset = rng.randrange(max(1, total - 50))
            page = web_views.articles_page(collection, web_views.Filters(), 50, offset)
            ids += [a["id"] for a in page["articles"]]
        top = web_views.entities_page(collection, None, None, 100, 0)["entities"]
    finally:
        collection.close()
    return total, {
        "article": [f"/api/articles/{quote(i, safe='')}" for i in ids],
        "entity": [f"/api/entities/{quote(e['id'], safe='')}" for e in top],
        "search": [f"/api/search?q={quote(q)}" for q in DEFAULT_QUERIES],
    }


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(db: str | Path, *, workers: int = 1) -> Iterator[str]:
    """``marsad serve`` on a free loopback port; yields its base URL and stops it afterwards."""
    port = free_port()
    command = [
        sys.executable, "-c", "from marsad.cli import main; main()", "serve", "--db", str(db),
        "--host", HOST, "--port", str(port), "--log-level", "error", "--workers", str(workers),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    base = f"http://{HOST}:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise MarsadError(f"the server exited with status {process.returncode} at start")
        try:
            if httpx.get(f"{base}/api/stats", timeout=2.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise MarsadError(f"the server did not answer within {START_TIMEOUT_S:.0f} s")


@dataclass(frozen=True, slots=True)
class _Budget:
    count: int
    concurrency: int
    max_seconds: float


async def _hammer(base: str, paths: list[str], timing: RouteTiming, budget: _Budget) -> None:
    """Send ``budget.count`` requests (cycling through ``paths``), ``concurrency`` at a time."""
    if not paths:
        return
    count, concurrency = budget.count, budget.concurrency
    started = time.perf_counter()
    deadline = started + budget.max_seconds
    next_index = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:
        await client.get(paths[0])  # warm-up, not timed

        async def worker() -> None:
            nonlocal next_index
            while next_index < count and time.perf_counter() < deadline:
                path = paths[next_index % len(paths)]
                next_index += 1
                began = time.perf_counter()
                response = await client.get(path)
                timing.timings_ms.append((time.perf_counter() - began) * 1000)
                timing.errors += response.status_code != 200

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    timing.seconds = time.perf_counter() - started
