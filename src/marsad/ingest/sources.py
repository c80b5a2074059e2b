"""Dispatch of input paths to adapters: directories (recursive), and files by their suffix.

A directory is walked recursively in sorted order, hidden files and folders (``.name``) skipped.
Within each folder feeds come first, so that the pages they use (see :mod:`.feeds`) are not
ingested a second time as pages of their own. A file whose suffix no adapter reads is rejected as
``unsupported``.
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from marsad.errors import InputError
from marsad.ingest.documents import Item
from marsad.ingest.feeds import read_feed
from marsad.ingest.html import read_html
from marsad.ingest.jsonl import GZIP_MAGIC
from marsad.ingest.records import read_records
from marsad.ingest.text import read_text
from marsad.ingest.warc import read_warc

KINDS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".warc.gz": "warc",
    ".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".ndjson": "jsonl",
}  # fmt: skip
"""File suffix -> the adapter that reads it."""


def input_kind(path: Path) -> str | None:
    """The adapter kind for ``path`` by its suffix (``.warc.gz`` counts whole), or ``None``."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    for length in (2, 1):
        kind = KINDS.get("".join(suffixes[-length:]))
        if kind is not None and len(suffixes) >= length:
            return kind
    return None


def read_inputs(paths: Sequence[str | Path], max_bytes: int) -> Iterator[Item]:
    """Every article (or rejection) of ``paths``: files and directories, in order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from read_directory(path, max_bytes)
        else:
            yield from read_file(path, max_bytes)


def read_directory(root: Path, max_bytes: int) -> Iterator[Item]:
    """Every article of the files under ``root``, recursively, sorted, hidden ones skipped."""
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from read_folder(visible_files(Path(folder), names), max_bytes)


def visible_files(folder: Path, names: Iterable[str]) -> list[Path]:
    """The files ``names`` of ``folder`` that are read: sorted, hidden ones skipped."""
    return [folder / n for n in sorted(names) if not n.startswith(".")]


def read_folder(files: Sequence[Path], max_bytes: int) -> Iterator[Item]:
    """The articles of the files of one folder: feeds first, each claiming the pages it links
    (a claimed page is read as part of its feed, not again on its own)."""
    used_pages: set[Path] = set()
    for path in sorted(files, key=lambda p: input_kind(p) != "feed"):
        if path not in used_pages:
            yield from read_file(path, max_bytes, used_pages)


def read_file(path: Path, max_bytes: int, used_pages: set[Path] | None = None) -> Iterator[Item]:
    """The articles of one file, by the adapter its suffix names."""
    kind = input_kind(path)
    if not path.is_file():
        detail = "no such file or directory" if not path.exists() else "not a regular file"
        yield InputError(path.as_posix(), "unreadable", detail)
    elif kind == "text":
        yield read_text(path, max_bytes)
    elif kind == "html":
        yield read_html(path, max_bytes)
    elif kind == "feed":
        yield from read_feed(path, max_bytes, used_pages)
    elif kind == "warc":
        yield from read_warc(path, max_bytes)
    elif kind == "jsonl":
        yield from read_records(path, max_bytes)
    else:
        known = ", ".join(sorted(KINDS))
        yield InputError(path.as_posix(), "unsupported", f"no reader for this file type ({known})")


def count_inputs(paths: Sequence[str | Path]) -> int:
    """About how many items :func:`read_inputs` yields: lines of JSONL files, one per other file."""
    total = 0
    for raw in paths:
        path = Path(raw)
        files = _walk(path) if path.is_dir() else [path]
        total += sum(_count_file(f) for f in files)
    return total


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        yield from (Path(folder) / n for n in names if not n.startswith("."))


def _count_file(path: Path) -> int:
    if input_kind(path) != "jsonl":
        return 1
    try:
        with path.open("rb") as probe:
            compressed = probe.read(2) == GZIP_MAGIC
        with gzip.open(path, "rb") if compressed else path.open("rb") as stream:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
    except (OSError, EOFError, zlib.error):
        return 1
