"""The Ray runner: the pipeline in a pool of Ray actors, on one machine or a cluster.

``marsad ingest ... --engine ray [--address auto|ray://host:port]``. Each actor builds the
pipeline once (its models load once) and analyses batches of records with the same per-record
function as the local workers (:func:`marsad.services.parallel.analyse_task`), so a record that
fails becomes a rejection, never a failed job. Batches are dispatched to the least busy actor
with a bounded window in flight, and their outcomes come back in input order, so the single
writer stores the same articles, in the same order, as a local run.

A killed actor is restarted by Ray and its batch retried (``max_restarts``/``max_task_retries``);
should a batch still fail, it is sent again to a fresh actor. A killed job loses nothing stored:
each article is its own transaction, and a rerun skips every stored text by its content hash.
Ray is the optional extra ``marsad[ray]``; only this module imports it.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from marsad.config import Settings
from marsad.errors import ConfigError
from marsad.pipeline import Pipeline
from marsad.services.analyze import get_pipeline
from marsad.services.collection import IngestReport, ProgressCallback, ingest
from marsad.services.parallel import Outcome, Task, analyse_task

if TYPE_CHECKING:
    from marsad.scale.ray_data import ShardReport

BATCH = 8
"""Records sent to an actor at a time."""
WINDOW_PER_ACTOR = 4
"""Batches in flight per actor."""
RESUBMITS = 3
"""How many times a batch whose actor died is sent again before its records are rejected."""


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError("--engine ray needs Ray: pip install 'marsad[ray]'") from None
    return ray


class Analyser:
    """A Ray actor's state: the pipeline, built once."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline: Pipeline = get_pipeline(settings)

    def analyse(self, batch: list[Task]) -> list[Outcome]:
        return [analyse_task(self.pipeline, task) for task in batch]

    def pid(self) -> int:
        return os.getpid()


@dataclass
class RayRunner:
    """Ingest with the pipeline on Ray (a local cluster unless ``address`` names one)."""

    address: str | None = None

    def to_shards(
        self,
        paths: Sequence[str | Path],
        *,
        shards: str | Path,
        workers: int | None,
        settings: Settings,
        progress: ProgressCallback | None = None,
    ) -> ShardReport:
        """Analyse ``paths`` into Parquet shards with Ray Data (:mod:`marsad.scale.ray_data`)."""
        from marsad.scale.ray_data import ingest_to_shards

        with self._cluster(workers) as (ray, actors):
            return ingest_to_shards(
                ray, paths, shards=shards, workers=actors, settings=settings, progress=progress
            )

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        db: str | None,
        workers: int | None,
        settings: Settings,
        progress: ProgressCallback | None = None,
    ) -> IngestReport:
        with self._cluster(workers) as (ray, actors):
            run = partial(analyse_on_ray, ray)
            return ingest(
                paths, db=db, workers=actors, settings=settings, progress=progress, analyse=run
            )

    @contextmanager
    def _cluster(self, workers: int | None) -> Iterator[tuple[Any, int]]:
        """Ray joined (or started, and shut down afterwards) and the number of actors to use:
        ``workers``, else every CPU of the cluster."""
        ray = _ray()
        started = connect(ray, self.address)
        try:
            yield ray, workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        finally:
            if started:
                ray.shutdown()


def connect(ray: Any, address: str | None) -> bool:
    """Join the cluster at ``address`` (or start a local one); whether this call started it."""
    if ray.is_initialized():
        return False
    options: dict[str, Any] = {"log_to_driver": False, "configure_logging": False}
    if address is None:
        options.update(include_dashboard=False, num_cpus=os.cpu_count())
    try:
        ray.init(address=address, **options)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ConfigError(f"cannot connect to the Ray cluster at {address}: {exc}") from exc
    return True


def analyse_on_ray(
    ray: Any, tasks: Iterable[Task], settings: Settings, workers: int, pool: Pool | None = None
) -> Iterator[Outcome]:
    """Outcomes of ``tasks`` in their order, computed by ``workers`` Ray actors (or ``pool``)."""
    pool = pool or Pool(ray, settings, workers)
    pending: deque[tuple[list[Task], Any, int]] = deque()
    source = iter(tasks)
    while batch := list(islice(source, BATCH)):
        pending.append((batch, *pool.submit(batch)))
        while len(pending) >= workers * WINDOW_PER_ACTOR:
            yield from pool.result(*pending.popleft())
    while pending:
        yield from pool.result(*pending.popleft())


class Pool:
    """Actors with a count of batches in flight each; a dead actor is replaced."""

    def __init__(self, ray: Any, settings: Settings, size: int) -> None:
        self.ray = ray
        self.settings = settings
        self.remote = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=2)(Analyser)
        self.actors = [self._new() for _ in range(size)]
        self.busy = [0] * size

    def _new(self) -> Any:
        return self.remote.remote(self.settings)

    def submit(self, batch: list[Task]) -> tuple[Any, int]:
        index = self.busy.index(min(self.busy))
        self.busy[index] += 1
        return self.actors[index].analyse.remote(batch), index

    def result(self, batch: list[Task], ref: Any, index: int) -> list[Outcome]:
        for attempt in range(RESUBMITS + 1):
            try:
                outcomes: list[Outcome] = self.ray.get(ref)
                self.busy[index] -= 1
                return outcomes
            except self.ray.exceptions.RayActorError as exc:
                self.busy[index] -= 1
                if attempt == RESUBMITS:
                    return [Outcome(t.tag, None, f"Ray worker lost: {exc}") for t in batch]
                self.actors[index] = self._new()
                ref, index = self.submit(batch)
        raise AssertionError("not reached")
