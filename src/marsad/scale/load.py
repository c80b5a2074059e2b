"""``marsad load DIR --db TARGET``: bulk-load Parquet shards into a store.

The shards' blocks are read in input order and each entry goes through the ingest service's own
writer (:class:`marsad.services.collection.IngestRun`): texts already stored are skipped by content
hash (a copy under another id is noted), rejections are recorded once per source and reason,
every article is written in its own transaction. So loading twice, or again after a killed load,
adds nothing twice, and a loaded store equals a direct ingest of the same inputs. A block that
cannot be read is reported by its file name and the others are loaded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from marsad.config import Settings, load_settings
from marsad.errors import ConfigError, InputError
from marsad.scale.shards import PLAN, ShardError, blocks, missing_blocks, read_block
from marsad.services.collection import (
    IngestProgress,
    IngestReport,
    IngestRun,
    ProgressCallback,
)
from marsad.store import open_store


@dataclass(slots=True)
class LoadReport:
    """What a load did: the ingest counts, and the blocks read or found broken."""

    shards: str
    ingest: IngestReport
    blocks: int = 0
    loaded_blocks: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "shards": self.shards, "blocks": self.blocks, "loaded_blocks": self.loaded_blocks,
            "errors": self.errors, **self.ingest.to_dict(),
        }  # fmt: skip


def load(
    shards: str | Path,
    *,
    db: str | Path | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> LoadReport:
    """Load the shard folder ``shards`` into the collection ``db`` (default: setting ``db``)."""
    s = settings or load_settings()
    root = Path(shards)
    if not root.is_dir():
        raise ConfigError(f"no such shard folder: {root}")
    if not (root / PLAN).is_file():
        raise ConfigError(f"{root} is not a shard folder (it has no {PLAN})")
    missing = missing_blocks(root)
    found = blocks(root)
    started = time.perf_counter()
    with open_store(db or s.db) as store:
        run = IngestRun(store, IngestProgress(sum(b.rows for b in found)), progress)
        report = LoadReport(str(root), run.report, len(found) + missing)
        if missing:
            report.errors.append(
                f"{root / 'documents'}: {missing} finished block(s) missing (deleted or moved)"
            )
        for block in found:
            try:
                entries = list(read_block(root, block.path))
            except ShardError as exc:
                report.errors.append(str(exc))
                continue
            for entry in entries:
                if isinstance(entry, InputError):
                    list(run.tasks([entry]))  # records the rejection
                elif entry.article is None:
                    run.write(entry)
                else:
                    for _ in run.tasks([entry.article.doc]):  # not stored yet
                        run.write(entry)
            report.loaded_blocks += 1
        run.finish(started, s, s.workers)
    return report
