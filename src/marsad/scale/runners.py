"""Runners: where the pipeline of an ingest runs (this machine's processes, or a Ray cluster).

Both runners call the same service, :func:`marsad.services.collection.ingest`: the inputs are
read, already stored texts skipped (by content hash) and rejections recorded in this process, and
every analysed article is written here by the single writer, one transaction per article. Only
the analysis (:func:`marsad.services.parallel.analyse_task` per record) runs elsewhere: in local
worker processes, or in Ray actors that build the pipeline once each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from marsad.config import Settings
from marsad.errors import ConfigError
from marsad.services.collection import IngestReport, ProgressCallback, ingest

if TYPE_CHECKING:
    from marsad.scale.ray_data import ShardReport

ENGINES = ("local", "ray")


class Runner(Protocol):
    """Ingests inputs into a collection."""

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        db: str | None,
        workers: int | None,
        settings: Settings,
        progress: ProgressCallback | None = None,
    ) -> IngestReport: ...


@dataclass(frozen=True)
class LocalRunner:
    """The pipeline in ``workers`` processes of this machine (the default)."""

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        db: str | None,
        workers: int | None,
        settings: Settings,
        progress: ProgressCallback | None = None,
    ) -> IngestReport:
        return ingest(paths, db=db, workers=workers, settings=settings, progress=progress)


def get_runner(engine: str, address: str | None = None) -> Runner:
    """The runner for ``engine`` (``local`` or ``ray``); ``address`` is a Ray cluster's."""
    if engine == "local":
        if address is not None:
            raise ConfigError("--address names a Ray cluster: use it with --engine ray")
        return LocalRunner()
    if engine == "ray":
        from marsad.scale.ray_runner import RayRunner

        return RayRunner(address)
    raise ConfigError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")


def ingest_to_shards(
    paths: Sequence[str | Path],
    *,
    shards: str | Path,
    engine: str,
    address: str | None,
    db: str | None,
    workers: int | None,
    settings: Settings,
    progress: ProgressCallback | None = None,
) -> ShardReport:
    """Analyse ``paths`` on Ray into Parquet shards under ``shards`` (no store is written)."""
    if engine != "ray":
        raise ConfigError("--shards needs --engine ray (the Ray workers write the shards)")
    if db is not None:
        raise ConfigError("--shards writes no store: drop --db, then `marsad load DIR --db ...`")
    from marsad.scale.ray_runner import RayRunner

    return RayRunner(address).to_shards(
        paths, shards=shards, workers=workers, settings=settings, progress=progress
    )
