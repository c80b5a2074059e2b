"""Building a collection: ingest inputs into a store, and re-analyse stored articles.

:func:`ingest` reads files, folders, feeds, crawls and JSON Lines (:mod:`marsad.ingest`), skips
texts the store already holds (before any analysis), stores every rejection with its reason,
runs the pipeline in ``workers`` processes and writes each analysed article in one transaction
from this process, the single writer. :func:`reprocess` re-runs the current pipeline over the
stored raw text of articles analysed by another pipeline version.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from marsad import registry
from marsad.config import Settings, load_settings
from marsad.doc import Document
from marsad.errors import IngestError, InputError
from marsad.ingest.decode import MIB
from marsad.ingest.sources import count_inputs, read_inputs
from marsad.pipeline import check_requirements, pipeline_version
from marsad.services.dedup import refresh_clusters
from marsad.services.parallel import Outcome, Task, analyse_ordered
from marsad.store import Store, open_store
from marsad.store.terms import content_hash

FAILED = "failed"
"""The reject reason of an input the pipeline failed on (under the ``raise`` error policy)."""


@dataclass(slots=True)
class IngestProgress:
    """Counts so far, passed to the progress callback after each input or record."""

    total: int
    done: int = 0
    stored: int = 0
    skipped: int = 0
    rejected: int = 0
    failed: int = 0


ProgressCallback = Callable[[IngestProgress], None]
Analyser = Callable[[Iterable[Task], Settings, int], Iterator[Outcome]]
"""Runs the pipeline over tasks and yields their outcomes in task order (local processes by
default; :mod:`marsad.scale` passes a Ray actor pool)."""


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did: ``skipped`` texts were already stored (or repeated in the input)."""

    db: str
    stored: int = 0
    skipped: int = 0
    rejected: int = 0
    failed: int = 0
    seconds: float = 0.0
    reasons: Counter[str] = field(default_factory=Counter)
    clusters: dict[str, object] | None = None
    """Duplicates and stories refreshed after storing (:mod:`marsad.services.dedup`)."""

    @property
    def articles_per_second(self) -> float:
        return (self.stored + self.failed) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "db": self.db, "stored": self.stored, "skipped": self.skipped,
            "rejected": self.rejected, "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 2),
            "reject_reasons": dict(sorted(self.reasons.items())),
            "clusters": self.clusters,
        }  # fmt: skip


def ingest(
    paths: Sequence[str | Path],
    *,
    db: str | Path | None = None,
    workers: int | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
    analyse: Analyser = analyse_ordered,
) -> IngestReport:
    """Ingest ``paths`` (files or folders) into the collection ``db`` (default: setting ``db``).

    Raises :class:`IngestError` when a path does not exist; every bad input or record is stored
    as a rejection (``marsad rejects``) and the run goes on.
    """
    s = settings or load_settings()
    check_ingest(paths, s)
    started = time.perf_counter()
    with open_store(db or s.db) as store:
        run = IngestRun(store, IngestProgress(count_inputs(paths)), progress)
        tasks = run.tasks(read_inputs(paths, s.max_input_mb * MIB))
        for outcome in analyse(tasks, s, workers or s.workers):
            run.write(outcome)
        return run.finish(started, s, workers or s.workers)


def check_ingest(paths: Sequence[str | Path], settings: Settings) -> None:
    """Raise before any work when a path does not exist or the pipeline is not valid."""
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise IngestError(f"no such file or folder: {', '.join(missing)}")
    check_pipeline(settings)


def check_pipeline(settings: Settings) -> None:
    """Raise before any work when the configured pipeline is unknown or out of order."""
    check_requirements([registry.get(name) for name in settings.pipeline])


class IngestRun:
    """The single writer's side of an ingest: skips, rejections, writes and counts."""

    def __init__(
        self, store: Store, counts: IngestProgress, progress: ProgressCallback | None
    ) -> None:
        self.store = store
        self.counts = counts
        self.progress = progress
        self.report = IngestReport(store.path)
        self.known = store.content_hashes()
        self.failed_before = store.rejected_sources(FAILED)

    def tasks(self, items: Iterable[Document | InputError]) -> Iterator[Task]:
        """Documents to analyse; rejections and already stored texts are handled here."""
        for item in items:
            if isinstance(item, InputError):
                self._reject(item.source, item.reason, item.detail)
                continue
            digest = content_hash(item.text)
            if digest in self.known:
                self.store.note_copy(digest, item)
                self._count("skipped")
                continue
            yield Task(item.id, item, item.meta.to_dict())

    def write(self, outcome: Outcome) -> None:
        """Store one analysed article, or record why the pipeline could not analyse it."""
        if outcome.article is None:
            detail = outcome.error or "the pipeline failed"
            self.store.reject(str(outcome.tag), FAILED, detail)
            self.report.reasons[FAILED] += 1
            self._count("failed")
            return
        source = str(outcome.tag)
        resolves = (source, FAILED) if source in self.failed_before else None
        result = self.store.write(outcome.article, resolves)
        self.known.add(outcome.article.content_hash)
        self._count("stored" if result.status == "stored" else "skipped")

    def finish(self, started: float, settings: Settings, workers: int) -> IngestReport:
        """Time the run (from ``started``, a ``perf_counter`` value) and refresh duplicates and
        stories when ``settings`` ask for them."""
        self.report.seconds = time.perf_counter() - started
        if settings.duplicates or settings.stories:
            clusters = refresh_clusters(
                self.store, duplicates=settings.duplicates, stories=settings.stories,
                workers=workers,
            )  # fmt: skip
            self.report.clusters = clusters.to_dict()
        return self.report

    def _reject(self, source: str, reason: str, detail: str) -> None:
        self.store.reject(source, reason, detail)
        self.report.reasons[reason] += 1
        self._count("rejected")

    def _count(self, what: str) -> None:
        setattr(self.report, what, getattr(self.report, what) + 1)
        setattr(self.counts, what, getattr(self.counts, what) + 1)
        self.counts.done += 1
        self.counts.total = max(self.counts.total, self.counts.done)
        if self.progress is not None:
            self.progress(self.counts)


@dataclass(slots=True)
class ReprocessReport:
    db: str
    pipeline_version: str
    updated: int = 0
    failed: int = 0
    pruned_entities: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {
            "db": self.db, "pipeline_version": self.pipeline_version, "updated": self.updated,
            "failed": self.failed, "pruned_entities": self.pruned_entities,
            "seconds": round(self.seconds, 3),
        }  # fmt: skip


def reprocess(
    db: str | Path,
    *,
    everything: bool = False,
    workers: int | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> ReprocessReport:
    """Re-run the current pipeline over stored articles of another pipeline version (or all)."""
    s = settings or load_settings()
    check_pipeline(s)
    version = pipeline_version(tuple(s.pipeline))
    started = time.perf_counter()
    with open_store(db, create=False) as store:
        report = ReprocessReport(store.path, version)
        counts = IngestProgress(store.count_stale(version, everything))
        tasks = (
            Task((pk, doc.id), doc, doc.meta.to_dict())
            for pk, doc in store.stale_articles(version, everything)
        )
        for outcome in analyse_ordered(tasks, s, workers or s.workers):
            _replace(store, outcome, report)
            counts.done += 1
            counts.stored, counts.failed = report.updated, report.failed
            if progress is not None:
                progress(counts)
        report.pruned_entities = store.prune_entities()
        report.seconds = time.perf_counter() - started
        return report


def _replace(store: Store, outcome: Outcome, report: ReprocessReport) -> None:
    pk, article_id = outcome.tag
    if outcome.article is None:
        store.reject(f"article {article_id}", FAILED, outcome.error or "the pipeline failed")
        report.failed += 1
        return
    store.replace(pk, outcome.article)
    report.updated += 1
