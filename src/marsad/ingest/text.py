"""Plain text files (``.txt``): one article each, in UTF-8, UTF-16 or Windows-1256."""

from __future__ import annotations

from pathlib import Path

from marsad.errors import InputError
from marsad.ingest.decode import read_text_file
from marsad.ingest.documents import Item, build_document


def read_text(path: Path, max_bytes: int) -> Item:
    """The article of the text file ``path`` (its path is its id), or why it is not one."""
    source = path.as_posix()
    try:
        return build_document(read_text_file(path, max_bytes), source)
    except InputError as error:
        return error
