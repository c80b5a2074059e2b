"""Input shards: the inputs of an ingest cut into pieces that workers read on their own.

:func:`plan` walks the paths exactly as :func:`marsad.ingest.sources.read_inputs` does and cuts
them into :class:`Piece` s: a JSON Lines file into ranges of :data:`LINES_PER_PIECE` lines, any
other file whole, and a folder holding feeds whole (a feed claims the pages of its folder, so
those files cannot be read apart). :func:`read_piece` reads one piece with Marsad's own adapters,
so the items of the pieces, in piece order, are the items of ``read_inputs``: the same documents,
the same rejections (sources and line numbers included), in the same order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.ingest.documents import Item
from marsad.ingest.records import read_records
from marsad.ingest.sources import (
    count_inputs,
    input_kind,
    read_file,
    read_folder,
    visible_files,
)

LINES_PER_PIECE = 1000
"""Lines of a JSON Lines file read as one piece (one unit of reading, of restart, of shards)."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A unit of input: a whole ``file``, a ``folder`` with feeds, or ``lines`` of a JSONL file.

    ``first``/``last`` are 1-based line numbers (``last`` included; ``None``: to the end).
    """

    kind: str
    path: str
    first: int = 1
    last: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "path": self.path, "first": self.first, "last": self.last}


def plan(paths: Sequence[str | Path], lines_per_piece: int = LINES_PER_PIECE) -> list[Piece]:
    """The pieces of ``paths``, in the order ``read_inputs`` reads them."""
    pieces: list[Piece] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files = visible_files(Path(folder), names)
                if any(input_kind(f) == "feed" for f in files):
                    pieces.append(Piece("folder", Path(folder).as_posix()))
                else:
                    pieces.extend(p for f in files for p in _file_pieces(f, lines_per_piece))
        else:
            pieces.extend(_file_pieces(path, lines_per_piece))
    return pieces


def _file_pieces(path: Path, lines_per_piece: int) -> list[Piece]:
    if input_kind(path) != "jsonl" or not path.is_file():
        return [Piece("file", path.as_posix())]
    lines = count_inputs([path])
    starts = range(1, max(lines, 1) + 1, lines_per_piece)
    return [
        Piece(
            "lines",
            path.as_posix(),
            first,
            None if first == starts[-1] else first + lines_per_piece - 1,
        )
        for first in starts
    ]


def read_piece(piece: Piece, max_bytes: int) -> Iterator[Item]:
    """The items of one piece, as ``read_inputs`` yields them for that part of the input."""
    path = Path(piece.path)
    if piece.kind == "file":
        yield from read_file(path, max_bytes)
    elif piece.kind == "folder":
        names = next(os.walk(path), (None, None, []))[2]
        yield from read_folder(visible_files(path, names), max_bytes)
    elif piece.kind == "lines":
        yield from read_records(path, max_bytes, piece.first, piece.last)
    else:
        raise ValueError(f"unknown piece kind {piece.kind!r}")
