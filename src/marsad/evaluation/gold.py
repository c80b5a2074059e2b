"""Reading JSONL gold files, shared by the scorers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from marsad.errors import EvaluationError

T = TypeVar("T")


def read_jsonl_gold(path: str | Path, parse: Callable[[dict[str, Any]], T], what: str) -> list[T]:
    """Parse each non-blank line of ``path`` with ``parse``; errors name the file and line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"gold file {path} cannot be read: {exc}") from exc
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append(parse(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise EvaluationError(f"{path}:{number}: bad {what} gold record: {exc}") from exc
    if not records:
        raise EvaluationError(f"{path}: no gold records")
    return records
