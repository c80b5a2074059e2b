"""Packaged data files and trained models, loaded once per process.

Files live under ``marsad/resources/data`` (lexicons, tables) and ``marsad/resources/models``
(trained artifacts); where each comes from is written in ``resources/SOURCES.md``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from marsad.errors import ResourceError

_ROOT = files(__package__)


def resource(name: str) -> Traversable:
    """The packaged file ``name`` (a path relative to ``marsad/resources``)."""
    path = _ROOT.joinpath(name)
    if not path.is_file():
        raise ResourceError(f"packaged resource '{name}' is missing; reinstall marsad")
    return path


@cache
def load_json(name: str) -> Any:
    """Parse the packaged JSON file ``name`` (cached: load once per process)."""
    try:
        return json.loads(resource(name).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ResourceError(f"packaged resource '{name}' is not valid JSON: {exc}") from exc


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment (``#``) lines of the packaged text file ``name`` (cached)."""
    text = resource(name).read_text(encoding="utf-8")
    return tuple(s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#"))


@cache
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of the packaged tab-separated file ``name`` (comments and blank lines skipped)."""
    return tuple(tuple(col.strip() for col in line.split("\t")) for line in load_lines(name))
