"""Speed and memory of the pipeline on a corpus of articles (``marsad bench``).

:func:`run_bench` reads a JSON Lines corpus (plain or gzip; see :mod:`marsad.ingest.jsonl`),
analyses every article in this process, one after another, serializes each to JSON as
``marsad analyze`` would, and reports throughput (articles, tokens and characters per second),
the start-up time (building the pipeline and loading its models and tables, measured apart by
analysing a short article of our own first, so that the rates are those of a running process),
each component's share of the analysis time (from :attr:`Pipeline.timings`), the time spent
reading and serializing, the peak resident memory of the process, and the number of failures.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from marsad.config import Settings, load_settings
from marsad.doc import Document
from marsad.errors import ComponentError, InputError
from marsad.ingest.decode import MIB
from marsad.ingest.jsonl import ReadResult, Record, read_jsonl
from marsad.pipeline import Pipeline, Timings
from marsad.services.analyze import document_from_record

WARM_UP = (
    "الرباط (وكالات) - قال وزير الخارجية المغربي سامي عادل يوم الأحد 12 مارس إن بلاده سترسل "
    "300 طن من المساعدات إلى السودان. وأضاف: «نعمل مع الأمم المتحدة لإيصالها قبل نهاية الشهر»."
)
"""A short article written for Marsad that touches every component, analysed before the timed
run so that models and tables load outside it."""


@dataclass(slots=True)
class BenchReport:
    """The figures of one benchmark run. Seconds are wall-clock, single process."""

    corpus: str
    pipeline: tuple[str, ...]
    articles: int = 0
    """Articles analysed (failed ones excluded)."""
    input_failures: int = 0
    component_failures: int = 0
    tokens: int = 0
    chars: int = 0
    read_seconds: float = 0.0
    """Reading, decompressing and parsing the corpus, and building Documents."""
    serialize_seconds: float = 0.0
    startup_seconds: float = 0.0
    """Building the pipeline and analysing :data:`WARM_UP` (models and tables loading)."""
    component_seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    counts_tokens: bool = False
    """Whether the pipeline assigns tokens (otherwise ``tokens`` stays 0)."""

    @property
    def failures(self) -> int:
        return self.input_failures + self.component_failures

    @property
    def analysis_seconds(self) -> float:
        """Time inside the components."""
        return sum(self.component_seconds.values())

    @property
    def total_seconds(self) -> float:
        """Reading, analysis and serialization together."""
        return self.read_seconds + self.analysis_seconds + self.serialize_seconds

    def rate(self, amount: float, seconds: float | None = None) -> float:
        """``amount`` per second of ``seconds`` (default: analysis time)."""
        secs = self.analysis_seconds if seconds is None else seconds
        return amount / secs if secs > 0 else 0.0

    def shares(self) -> dict[str, float]:
        """Each component's share of the analysis time."""
        total = self.analysis_seconds or 1.0
        return {name: secs / total for name, secs in self.component_seconds.items()}

    def to_dict(self) -> dict[str, Any]:
        """The figures as JSON-ready values (rates per second of analysis and end to end)."""
        tokens = self.counts_tokens
        return {
            "corpus": self.corpus,
            "pipeline": list(self.pipeline),
            "articles": self.articles,
            "failures": self.failures,
            "input_failures": self.input_failures,
            "component_failures": self.component_failures,
            "tokens": self.tokens if tokens else None,
            "chars": self.chars,
            "seconds": _rounded(self.seconds(), 3),
            "startup_seconds": round(self.startup_seconds, 3),
            "articles_per_s": round(self.rate(self.articles), 1),
            "articles_per_s_end_to_end": round(self.rate(self.articles, self.total_seconds), 1),
            "tokens_per_s": round(self.rate(self.tokens), 1) if tokens else None,
            "chars_per_s": round(self.rate(self.chars), 1),
            "component_seconds": _rounded(self.component_seconds, 3),
            "component_shares": _rounded(self.shares(), 4),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }

    def seconds(self) -> dict[str, float]:
        """Time by stage: read, analysis, serialize and their total."""
        return {
            "read": self.read_seconds,
            "analysis": self.analysis_seconds,
            "serialize": self.serialize_seconds,
            "total": self.total_seconds,
        }


def run_bench(
    corpus: str | Path,
    *,
    limit: int | None = None,
    settings: Settings | None = None,
    on_article: Callable[[], None] | None = None,
    on_problem: Callable[[str], None] | None = None,
) -> BenchReport:
    """Benchmark the pipeline of ``settings`` on the first ``limit`` articles of ``corpus``.

    A fresh pipeline is built and warmed up on :data:`WARM_UP` (timed apart as the start-up), so
    the timings are this run's corpus alone. ``on_article`` is called
    after each record read (for a progress bar), ``on_problem`` with a message naming the input
    and the reason for each record that could not be read or analysed. Raises a configuration
    error before reading when the pipeline cannot be built.
    """
    s = settings or load_settings()
    started = time.perf_counter()
    pipeline = Pipeline.from_settings(s)
    pipeline(Document(WARM_UP, id="warm-up"))
    pipeline.timings = Timings(seconds=dict.fromkeys(pipeline.names, 0.0))
    report = BenchReport(str(corpus), pipeline.names)
    report.startup_seconds = time.perf_counter() - started
    report.counts_tokens = any("tokens" in info.assigns for info in pipeline.infos)
    records = _timed(read_jsonl(corpus, s.max_input_mb * MIB), report)
    problem = on_problem or (lambda _: None)
    for record in islice(records, limit):
        if isinstance(record, InputError):
            report.input_failures += 1
            problem(str(record))
        else:
            _analyze_one(pipeline, record, report, problem)
        if on_article is not None:
            on_article()
    report.component_seconds = dict(pipeline.timings.seconds)
    report.peak_rss_mb = peak_rss_mb()
    return report


def _timed(records: Iterator[ReadResult], report: BenchReport) -> Iterator[ReadResult]:
    clock = time.perf_counter
    while True:
        started = clock()
        record = next(records, None)
        report.read_seconds += clock() - started
        if record is None:
            return
        yield record


def _analyze_one(
    pipeline: Pipeline, record: Record, report: BenchReport, problem: Callable[[str], None]
) -> None:
    started = time.perf_counter()
    doc = document_from_record(record)
    report.read_seconds += time.perf_counter() - started
    try:
        doc = pipeline(doc)
    except ComponentError as exc:
        report.component_failures += 1
        problem(str(exc))
        return
    started = time.perf_counter()
    json.dumps(doc.to_dict(), ensure_ascii=False)
    report.serialize_seconds += time.perf_counter() - started
    if doc.failures:
        report.component_failures += 1
        for failure in doc.failures:
            problem(f"{doc.id}: component '{failure.component}' failed: {failure.message}")
        return
    report.articles += 1
    report.tokens += len(doc.tokens)
    report.chars += len(doc.text)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (``getrusage``)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MIB if sys.platform == "darwin" else peak / 1024  # bytes on macOS, else KiB


def _rounded(values: dict[str, float], digits: int) -> dict[str, float]:
    return {key: round(value, digits) for key, value in values.items()}
