"""Knowledge-base use-cases: rebuild the generated tables of ``resources/data/kb``."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from marsad.errors import TrainingError
from marsad.training.kb import KbReport, build_kb

DEFAULT_DATA = Path("../shared/data")


def packaged_kb_dir() -> Path:
    """The ``resources/data/kb`` folder of this installation (a source tree when editable)."""
    return Path(str(files("marsad.resources").joinpath("data", "kb")))


def build_knowledge_base(
    data: str | Path = DEFAULT_DATA, out: str | Path | None = None
) -> KbReport:
    """Rebuild the knowledge-base tables from the shared data folder ``data`` into ``out``.

    ``out`` (default: the packaged folder) must hold the hand-written tables the build reads.
    """
    source, target = Path(data), Path(out) if out is not None else packaged_kb_dir()
    if not source.is_dir():
        raise TrainingError(f"data folder {source} does not exist (pass --data ../shared/data)")
    if not (target / "country_names.tsv").is_file():
        raise TrainingError(f"{target} lacks the hand-written country_names.tsv the build reads")
    return build_kb(source, target)
