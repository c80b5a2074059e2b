"""Ray Data: the inputs read as a dataset, analysed by ``map_batches`` on a pool of actors.

The dataset has one row per input piece (:mod:`marsad.scale.inputs`); ``flat_map`` reads each
piece with Marsad's own adapters (so rejections are those of a local run) into one row per
record, dropping texts already stored (by content hash) or already in the shards of an earlier
run; ``map_batches`` analyses the records on an actor pool (``concurrency=workers``; each actor
builds the pipeline once) with the per-record function of the local workers
(:func:`marsad.services.parallel.analyse_task`): a record the pipeline fails on becomes a
rejection, never a failed job. Rows carry their record as a pickled ``payload`` with its ``kind``
(``doc`` to analyse, ``item`` a rejection or an already stored text, ``outcome`` analysed).

* :func:`ingest_to_shards` (``marsad ingest ... --engine ray --shards DIR``): each actor call
  writes its block to Parquet (:mod:`marsad.scale.shards`); nothing goes back to the driver but
  counts, and order does not matter (``marsad load`` restores it from the rows' places).
* :func:`ingest_dataset`: the analysed rows come back in input order
  (``DataContext.execution_options.preserve_order``) and the driver writes them with the ingest
  service's writer. It stores what a local run stores; ``marsad ingest --engine ray`` uses the
  actor pool of :mod:`marsad.scale.ray_runner` instead (faster here: see docs/scale.md).
"""

from __future__ import annotations

import logging
import pickle
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.config import Settings
from marsad.doc import Document
from marsad.errors import InputError
from marsad.ingest.decode import MIB
from marsad.ingest.sources import count_inputs
from marsad.scale.inputs import Piece, plan, read_piece
from marsad.scale.shards import clean, done_records, finish, open_plan, pyarrow, write_block
from marsad.services.analyze import get_pipeline
from marsad.services.collection import (
    IngestProgress,
    IngestReport,
    IngestRun,
    ProgressCallback,
    check_ingest,
)
from marsad.services.parallel import Outcome, Task, analyse_task
from marsad.store import open_store
from marsad.store.terms import content_hash

BATCH = 8
"""Records per actor call when results go back to the driver."""
SHARD_BATCH = 256
"""Records per actor call, and so per Parquet block, when workers write shards."""
READ_CPUS = 0.1
"""CPU a read task asks for: reading is light, and the actors hold the cluster's CPUs."""
ACTOR_CPUS = 0.9
BLOCK_BYTES = 64 * 1024
"""Blocks are cut at about this size, so that a large input file feeds every actor (a streaming
``repartition`` would need a CPU of its own, which the actors hold)."""


@contextmanager
def _quiet() -> Iterator[None]:
    """Ray's own warnings (deprecations inside Ray Data) are not the user's business."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"ray(\.|$)")
        yield


def _context(ray: Any, ordered: bool) -> None:
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = ordered
    context.target_max_block_size = BLOCK_BYTES
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def pack(value: Document | InputError | Outcome) -> bytes:
    """A row's payload (an :class:`InputError` travels as its fields: it does not pickle)."""
    if isinstance(value, InputError):
        return pickle.dumps((value.source, value.reason, value.detail))
    return pickle.dumps(value)


def unpack(payload: bytes) -> Any:
    """The value of a row's payload."""
    value = pickle.loads(payload)
    return InputError(*value) if isinstance(value, tuple) else value


def read_rows(row: dict[str, Any], max_bytes: int, known: Any = None) -> Iterator[dict[str, Any]]:
    """The records of one piece row as dataset rows; ``done`` records and ``known`` texts marked."""
    piece = Piece(**pickle.loads(row["spec"]))
    done = set(pickle.loads(row["done"]))
    hashes: frozenset[str] = frozenset()
    if known is not None:
        import ray

        hashes = ray.get(known)
    for seq, item in enumerate(read_piece(piece, max_bytes)):
        if seq in done:
            continue
        kind = "doc"
        if isinstance(item, InputError) or content_hash(item.text) in hashes:
            kind = "item"
        yield {"piece": row["piece"], "seq": seq, "kind": kind, "payload": pack(item)}


class Analyse:
    """An actor of the pool: the pipeline, built once; writes shards when given a folder."""

    def __init__(self, settings: Settings, shards: str | None = None) -> None:
        self.pipeline = get_pipeline(settings)
        self.shards = Path(shards) if shards else None

    def __call__(self, batch: Any) -> Any:
        pa, _ = pyarrow()
        pieces = batch.column("piece").to_pylist()
        seqs = batch.column("seq").to_pylist()
        kinds = batch.column("kind").to_pylist()
        entries: list[tuple[int, int, Any]] = []
        for piece, seq, kind, payload in zip(
            pieces, seqs, kinds, batch.column("payload").to_pylist(), strict=True
        ):
            item = unpack(payload)
            if kind == "doc":
                assert isinstance(item, Document)
                item = analyse_task(self.pipeline, Task(item.id, item, item.meta.to_dict()))
            entries.append((piece, seq, item))
        if self.shards is None:
            return pa.table({
                "piece": pieces, "seq": seqs,
                "kind": ["item" if k == "item" else "outcome" for k in kinds],
                "payload": [pack(e[2]) for e in entries],
            })  # fmt: skip
        write_block(self.shards, entries)
        return pa.table({"piece": pieces, "seq": seqs, "status": [_status(e[2]) for e in entries]})


def _status(entry: InputError | Outcome) -> str:
    if isinstance(entry, InputError):
        return f"rejected:{entry.reason}"
    return "stored" if entry.article is not None else "failed"


def piece_rows(
    pieces: Sequence[Piece], done: dict[int, set[int]] | None = None
) -> list[dict[str, Any]]:
    """The dataset's first rows: one per piece, with the records a rerun skips."""
    done = done or {}
    return [
        {
            "piece": i,
            "spec": pickle.dumps(p.to_dict()),
            "done": pickle.dumps(sorted(done.get(i, ()))),
        }
        for i, p in enumerate(pieces)
    ]


def analysed(
    ray: Any,
    pieces: Sequence[Piece],
    settings: Settings,
    workers: int,
    *,
    known: Any = None,
    done: dict[int, set[int]] | None = None,
    shards: Path | None = None,
) -> Any:
    """The dataset of ``pieces`` read and analysed (rows of outcomes, or of shard statuses)."""
    source = ray.data.from_items(piece_rows(pieces, done), override_num_blocks=max(1, len(pieces)))
    records = source.flat_map(
        read_rows,
        fn_kwargs={"max_bytes": settings.max_input_mb * MIB, "known": known},
        num_cpus=READ_CPUS,
    )
    batch = SHARD_BATCH if shards else BATCH
    return records.map_batches(
        Analyse,
        fn_constructor_kwargs={"settings": settings, "shards": str(shards) if shards else None},
        batch_size=batch,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=ACTOR_CPUS,
    )


def ingest_dataset(
    ray: Any,
    paths: Sequence[str | Path],
    *,
    db: str | Path | None,
    workers: int,
    settings: Settings,
    progress: ProgressCallback | None = None,
) -> IngestReport:
    """Ingest ``paths`` into ``db`` through an ordered Ray dataset; the driver writes."""
    check_ingest(paths, settings)
    started = time.perf_counter()
    with _quiet(), open_store(db or settings.db) as store:
        _context(ray, ordered=True)
        run = IngestRun(store, IngestProgress(count_inputs(paths)), progress)
        known = ray.put(frozenset(run.known))
        rows = analysed(ray, plan(paths), settings, workers, known=known)
        for row in rows.iter_rows():
            value = unpack(row["payload"])
            if row["kind"] == "item":
                list(run.tasks([value]))  # a rejection, or a text already stored
            else:
                run.write(value)
        return run.finish(started, settings, workers)


@dataclass(slots=True)
class ShardReport:
    """What an ingest into shards did; ``resumed`` records were in the shards already."""

    shards: str
    pieces: int = 0
    analysed: int = 0
    rejected: int = 0
    failed: int = 0
    resumed: int = 0
    removed_partial: int = 0
    seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)

    @property
    def articles_per_second(self) -> float:
        return (self.analysed + self.failed) / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        """One line for a person."""
        line = (
            f"{self.analysed} analysed, {self.rejected} rejected, {self.failed} failed "
            f"({self.resumed} already in the shards) in {self.seconds:.1f} s "
            f"({self.articles_per_second:.1f} articles/s) -> {self.shards}"
        )
        return f"{line}\nload them with: marsad load {self.shards} --db FILE|postgresql://..."

    def to_dict(self) -> dict[str, object]:
        return {
            "shards": self.shards, "pieces": self.pieces, "analysed": self.analysed,
            "rejected": self.rejected, "failed": self.failed, "resumed": self.resumed,
            "removed_partial": self.removed_partial, "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 2),
            "reject_reasons": dict(sorted(self.reasons.items())),
        }  # fmt: skip


def ingest_to_shards(
    ray: Any,
    paths: Sequence[str | Path],
    *,
    shards: str | Path,
    workers: int,
    settings: Settings,
    progress: ProgressCallback | None = None,
) -> ShardReport:
    """Analyse ``paths`` into Parquet shards under ``shards``; a rerun finishes what is missing."""
    check_ingest(paths, settings)
    pyarrow()
    with _quiet():
        return _to_shards(
            ray, paths, Path(shards), workers=workers, settings=settings, progress=progress
        )


def _to_shards(
    ray: Any,
    paths: Sequence[str | Path],
    root: Path,
    *,
    workers: int,
    settings: Settings,
    progress: ProgressCallback | None,
) -> ShardReport:
    _context(ray, ordered=False)
    started = time.perf_counter()
    pieces = plan(paths)
    open_plan(root, pieces)
    report = ShardReport(str(root), len(pieces), removed_partial=clean(root))
    done = done_records(root)
    report.resumed = sum(len(seqs) for seqs in done.values())
    counts = IngestProgress(max(count_inputs(paths) - report.resumed, 0))
    rows = analysed(ray, pieces, settings, workers, done=done, shards=root)
    for batch in rows.iter_batches(batch_size=None, batch_format="pyarrow"):
        for status in batch.column("status").to_pylist():
            _count(report, counts, status)
            if progress is not None:
                progress(counts)
    finish(root)
    report.seconds = time.perf_counter() - started
    return report


def _count(report: ShardReport, counts: IngestProgress, status: str) -> None:
    counts.done += 1
    counts.total = max(counts.total, counts.done)
    if status == "stored":
        report.analysed += 1
        counts.stored += 1
    elif status == "failed":
        report.failed += 1
        counts.failed += 1
        report.reasons["failed"] = report.reasons.get("failed", 0) + 1
    else:
        reason = status.split(":", 1)[1]
        report.rejected += 1
        counts.rejected += 1
        report.reasons[reason] = report.reasons.get(reason, 0) + 1
