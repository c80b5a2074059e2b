"""JSON Lines files (``.jsonl``, ``.jsonl.gz``): one article per line, read by :mod:`.jsonl`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from marsad.errors import InputError
from marsad.ingest.documents import Item, build_document
from marsad.ingest.jsonl import Record, read_jsonl


def read_records(
    path: Path, max_bytes: int, first: int = 1, last: int | None = None
) -> Iterator[Item]:
    """The articles of the JSONL file ``path`` (of lines ``first``..``last``, see
    :func:`marsad.ingest.jsonl.read_jsonl`), with a rejection for each bad line."""
    for record in read_jsonl(path, max_bytes, first, last):
        if isinstance(record, InputError):
            yield record
        else:
            yield record_document(record, path)


def record_document(record: Record, path: Path) -> Item:
    """The checked Document of one record, or why it is not one."""
    try:
        return build_document(
            record.text,
            f"{path.as_posix()}#{record.id}",
            id=record.id,
            headline=record.title,
            published=record.published,
            url=record.url,
            outlet=record.source,
        )
    except InputError as error:
        return error
