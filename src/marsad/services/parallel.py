"""Running the pipeline over many documents in worker processes, results in input order.

Each worker builds the pipeline once (its models load once per process) and returns each
document analysed, hashed and serialized for the store (:func:`marsad.store.prepare`), so the
main process, the single writer, only writes. At most a window of batches is in flight, which
bounds memory whatever the size of the input; results come back in the order of the tasks, so an
interrupted run resumed later writes its articles in the same order as an uninterrupted one.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from marsad.config import Settings
from marsad.doc import JSON, Document
from marsad.errors import ComponentError, ConfigError, ResourceError
from marsad.pipeline import Pipeline
from marsad.services.analyze import get_pipeline
from marsad.store import PreparedArticle, prepare

START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"
"""Linux forks workers (fast, no main-module guard needed; the pool starts before any thread);
elsewhere they are spawned, as forking is unsafe there."""
BATCH = 4
"""Documents sent to a worker at a time."""
WINDOW_PER_WORKER = 4
"""Batches in flight per worker."""
PARENT_CHECK_S = 0.5


@dataclass(frozen=True, slots=True)
class Task:
    """One document to analyse; ``tag`` identifies it to the caller (a source, a row key)."""

    tag: Any
    doc: Document
    input_meta: JSON


@dataclass(frozen=True, slots=True)
class Outcome:
    """The analysed, prepared article, or the error that stopped the pipeline on it."""

    tag: Any
    article: PreparedArticle | None
    error: str | None = None


def analyse_task(pipeline: Pipeline, task: Task) -> Outcome:
    """Run ``pipeline`` on one task; a failure becomes an :class:`Outcome` with its error.

    A missing resource or a bad setting is not the document's fault: it is raised, ending the run.
    """
    try:
        doc = pipeline(task.doc)
        doc.tokens = []  # internal, not stored: no need to send them back
        return Outcome(task.tag, prepare(doc, pipeline.version, task.input_meta))
    except ComponentError as exc:
        if isinstance(exc.cause, ResourceError | ConfigError):
            raise exc.cause from None  # a missing model fails every document: stop the run
        return Outcome(task.tag, None, str(exc))
    except Exception as exc:  # one bad document must not stop a whole collection
        return Outcome(task.tag, None, f"{type(exc).__name__}: {exc}")


_worker_pipeline: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline  # noqa: PLW0603 - one pipeline per worker process, by design
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _worker_pipeline = get_pipeline(settings)


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent dies (killed with -9, it cannot stop its pool)."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def _analyse_batch(batch: list[Task]) -> list[Outcome]:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    return [analyse_task(_worker_pipeline, task) for task in batch]


def analyse_ordered(tasks: Iterable[Task], settings: Settings, workers: int) -> Iterator[Outcome]:
    """Outcomes of ``tasks`` in their order, computed in ``workers`` processes (1: in this one)."""
    if workers <= 1:
        pipeline = get_pipeline(settings)
        for task in tasks:
            yield analyse_task(pipeline, task)
        return
    context = multiprocessing.get_context(START_METHOD)
    with context.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque[Any] = deque()
        source = iter(tasks)
        while batch := list(islice(source, BATCH)):
            pending.append(pool.apply_async(_analyse_batch, (batch,)))
            while len(pending) >= workers * WINDOW_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
