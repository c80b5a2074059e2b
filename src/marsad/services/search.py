"""Searching a collection, and measuring how fast it answers.

:func:`search` is what ``marsad search`` and the web search page call. :func:`bench_search` runs
a list of queries against a collection and reports latency percentiles (``marsad bench-search``).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from marsad.config import load_settings
from marsad.errors import ConfigError
from marsad.store import Filters, SearchPage, open_store

__all__ = ["DEFAULT_QUERIES", "SearchBench", "SearchPage", "bench_search", "read_queries", "search"]

DEFAULT_QUERIES = (
    "الرئيس", "وزير الخارجية", "الولايات المتحدة", "النفط", "الأمم المتحدة", "مجلس الأمن",
    "الانتخابات", "اللاجئين", "كأس العالم", "الاقتصاد", "محادثات السلام", "روسيا",
    "ترامب", "بوتين", "السعودية", "إيران", "سوريا", "العراق", "مصر", "الجزائر",
    "\"وزير الخارجية الأمريكي\"", "\"مجلس الأمن الدولي\"", "النفط OR الغاز",
    "سوريا -روسيا", "الحكومة البرلمان", "الاحتجاجات", "وبالمفاوضات", "الأمريكية",
    "2018", "١٥ مليون", "اتفاق نووي", "الصين تجارة", "كوريا الشمالية", "اليمن الحوثيين",
    "فلسطين القدس", "الاتحاد الأوروبي", "صندوق النقد الدولي", "الهجوم", "المعارضة",
    "انتخاب*",
)  # fmt: skip
"""Queries of the benchmark when none are given: words, phrases, OR, NOT, digits, a prefix."""


def search(
    query: str,
    *,
    db: str | Path | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    entity: str | None = None,
    event_type: str | None = None,
    limit: int = 10,
    offset: int = 0,
) -> SearchPage:
    """Articles of the collection ``db`` matching ``query`` and the filters, best first.

    Syntax: words (all must match), ``"a phrase"``, ``a OR b``, ``-word`` or ``NOT word``,
    ``prefix*``, parentheses. Filters: publication dates ``since``/``until`` (ISO year, month or
    day), ``source``, ``entity`` (id, name or Latin name) and ``event_type`` (PLOVER). An empty
    query lists the filtered articles, newest first. Raises :class:`~marsad.errors.QueryError`
    for malformed input.
    """
    filters = Filters(since, until, source, entity, event_type)
    with open_store(db or load_settings().db, create=False) as store:
        return store.search(query, filters, limit, offset)


@dataclass(slots=True)
class SearchBench:
    """Latency of a query list against one collection (milliseconds)."""

    db: str
    articles: int
    queries: int
    runs: int
    timings_ms: list[float] = field(default_factory=list)
    slowest: list[tuple[str, float]] = field(default_factory=list)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.timings_ms)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    def to_dict(self) -> dict[str, object]:
        return {
            "db": self.db, "articles": self.articles, "queries": self.queries, "runs": self.runs,
            "mean_ms": round(statistics.fmean(self.timings_ms), 2) if self.timings_ms else 0.0,
            "p50_ms": round(self.percentile(0.5), 2), "p95_ms": round(self.percentile(0.95), 2),
            "max_ms": round(max(self.timings_ms, default=0.0), 2),
            "slowest": [{"query": q, "ms": round(ms, 2)} for q, ms in self.slowest],
        }  # fmt: skip


def read_queries(path: str | Path) -> list[str]:
    """Queries of a file, one per line (blank lines and ``#`` comments skipped)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read queries file {path}: {exc.strerror or exc}") from exc
    queries = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if not queries:
        raise ConfigError(f"queries file {path} holds no query")
    return queries


def bench_search(
    db: str | Path, queries: list[str] | None = None, *, runs: int = 3, limit: int = 10
) -> SearchBench:
    """Time each query ``runs`` times (after one warm-up pass), snippets included."""
    chosen = list(queries or DEFAULT_QUERIES)
    with open_store(db, create=False) as store:
        articles = int(store.stats()["counts"]["articles"])
        bench = SearchBench(store.path, articles, len(chosen), runs)
        for query in chosen:
            store.search(query, Filters(), limit)
        worst: dict[str, float] = {}
        for _ in range(runs):
            for query in chosen:
                started = time.perf_counter()
                store.search(query, Filters(), limit)
                elapsed = (time.perf_counter() - started) * 1000
                bench.timings_ms.append(elapsed)
                worst[query] = max(worst.get(query, 0.0), elapsed)
        bench.slowest = sorted(worst.items(), key=lambda kv: -kv[1])[:5]
        return bench
