"""Reading gold files, shared by the scorers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from marsad.errors import EvaluationError

T = TypeVar("T")


def gold_lines(path: str | Path) -> list[tuple[str, str]]:
    """``(file:line, line)`` for each non-blank line of ``path``; errors name the file."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"gold file {path} cannot be read: {exc}") from exc
    found = [(f"{path}:{number}", line) for number, line in enumerate(lines, 1) if line.strip()]
    if not found:
        raise EvaluationError(f"gold file {path} has no lines: no gold records")
    return found


def read_jsonl_gold(path: str | Path, parse: Callable[[dict[str, Any]], T], what: str) -> list[T]:
    """Parse each non-blank JSON line of ``path`` with ``parse``; errors name the file and line."""
    records = []
    for where, line in gold_lines(path):
        try:
            records.append(parse(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise EvaluationError(f"{where}: bad {what} gold record: {exc}") from exc
    return records
