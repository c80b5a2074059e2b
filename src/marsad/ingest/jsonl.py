"""Articles from JSON Lines: one JSON object per line, plain or gzip-compressed.

Each line becomes a :class:`Record` or, when it cannot, an :class:`~marsad.errors.InputError`
naming ``file:line`` and the reason; a bad line never stops the stream. Two spellings of the
fields are understood:

===============  ==================  ==========================================================
Marsad           ANT corpus          meaning
===============  ==================  ==========================================================
``text``         ``text``            the article text (required, not blank)
``id``           ``docno``           identifier (default: ``<file name>:<line>``)
``title``        ``title``           headline given by the publisher
``url``          ``url``             where the article was published
``published``    ``time``            publication date: ISO-8601 or RFC 2822
                                     (``Sun, 18 Feb 2018 21:35:43 +0400``), stored as ISO-8601
``source``       ``src``             outlet or feed the article came from
===============  ==================  ==========================================================

Any other field is kept in :attr:`Record.extra`. Use :func:`read_jsonl` for a file (gzip is
recognized by its content and decompressed; a truncated or damaged archive ends the stream with
one error for the file) and
:func:`read_jsonl_stream` for an open stream such as standard input.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

from marsad.doc import normalize_published
from marsad.errors import DocumentError, InputError
from marsad.ingest.decode import DEFAULT_MAX_BYTES

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text",),
    "id": ("id", "docno"),
    "title": ("title",),
    "url": ("url",),
    "published": ("published", "time"),
    "source": ("source", "src"),
}
"""Record attribute -> JSON keys that may carry it, in order of preference."""

GZIP_MAGIC = b"\x1f\x8b"

_KNOWN_KEYS = frozenset(key for keys in FIELD_ALIASES.values() for key in keys)


@dataclass(frozen=True, slots=True)
class Record:
    """One article read from a JSONL line: its text and the metadata the line gave."""

    id: str
    text: str
    published: str | None = None
    """ISO-8601 date or date-time, time zone kept when the line gave one."""
    url: str | None = None
    title: str | None = None
    source: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    """The line's other fields (ANT: ``path``, ``cat``, ``author``, ``abstract``)."""


ReadResult = Record | InputError
"""What the readers yield for each non-blank line."""


def read_jsonl(
    path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, first: int = 1, last: int | None = None
) -> Iterator[ReadResult]:
    """Records of the ``.jsonl`` or ``.jsonl.gz`` file ``path``, one per non-blank line of lines
    ``first``..``last`` (1-based, ``last`` included; ``None``: to the end).

    A line over ``max_bytes`` is rejected as ``too_large``. A file that cannot be opened, or a
    compressed one that is truncated or damaged, yields one error naming the file and ends; the
    error is reported by the range in which the reading stopped (an unopened file: by the range
    that starts at line 1), so that ranges read apart report it once, as one read does.
    """
    source = str(path)
    read = 0

    def counted(stream: Iterable[bytes]) -> Iterator[bytes]:
        nonlocal read
        for line in stream:
            read += 1
            yield line

    try:
        with _open_binary(Path(path)) as stream:
            yield from read_jsonl_stream(counted(stream), source, max_bytes, first, last)
        return
    except FileNotFoundError:
        error = InputError(source, "unreadable", "no such file")
    except IsADirectoryError:
        error = InputError(source, "unreadable", "is a directory, not a file")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        error = InputError(source, "malformed", f"the gzip archive is truncated or damaged ({exc})")
    except OSError as exc:
        error = InputError(source, "unreadable", f"cannot be read: {exc.strerror or exc}")
    if first <= read + 1 and (last is None or read + 1 <= last):
        yield error


def read_jsonl_stream(
    lines: Iterable[bytes | str],
    source: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    first: int = 1,
    last: int | None = None,
) -> Iterator[ReadResult]:
    """Records of an open stream (binary or text) of JSON lines, of lines ``first``..``last``
    only (see :func:`read_jsonl`); ``source`` names it in errors."""
    name = Path(source).name or source
    for number, line in enumerate(lines, start=1):
        if last is not None and number > last:
            return
        if number < first or not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            yield parse_line(line, where, default_id=f"{name}:{number}", max_bytes=max_bytes)
        except InputError as error:
            yield error


def parse_line(
    line: bytes | str, where: str, default_id: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Record:
    """The record of one JSON line; raises :class:`InputError` naming ``where``."""
    if len(line) > max_bytes:
        raise InputError(
            where, "too_large", f"the line has {len(line):,} bytes, over {max_bytes:,}"
        )
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                where, "undecodable", f"the line is not UTF-8 ({exc.reason})"
            ) from None
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            where, "malformed", f"not valid JSON: {exc.msg} at column {exc.colno}"
        ) from None
    if not isinstance(data, dict):
        raise InputError(where, "malformed", f"expected a JSON object, got {type(data).__name__}")
    return record_from_dict(data, where, default_id)


def record_from_dict(data: dict[str, Any], where: str, default_id: str) -> Record:
    """A :class:`Record` from a parsed JSON object (field names as in the module docs)."""
    text = _pick(data, "text")
    if text is None:
        raise InputError(where, "malformed", "the object has no 'text' field")
    if not isinstance(text, str):
        raise InputError(where, "malformed", f"'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise InputError(where, "empty", "the 'text' field is empty")
    return Record(
        id=_string(data, "id", where) or default_id,
        text=text,
        published=parse_date(_string(data, "published", where), where),
        url=_string(data, "url", where),
        title=_string(data, "title", where),
        source=_string(data, "source", where),
        extra={k: v for k, v in data.items() if k not in _KNOWN_KEYS},
    )


def parse_date(value: str | None, where: str) -> str | None:
    """``value`` (ISO-8601 or RFC 2822) as ISO-8601; raises :class:`InputError` when neither."""
    if value is None:
        return None
    try:
        return normalize_published(value)
    except DocumentError:
        pass
    try:
        parsed: dt.datetime = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        raise InputError(
            where, "malformed", f"published date {value!r} is neither ISO-8601 nor RFC 2822"
        ) from None
    return parsed.isoformat()


def _pick(data: dict[str, Any], attribute: str) -> Any:
    for key in FIELD_ALIASES[attribute]:
        value = data.get(key)
        if value is not None:
            return value
    return None


def _string(data: dict[str, Any], attribute: str, where: str) -> str | None:
    value = _pick(data, attribute)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        keys = "/".join(repr(k) for k in FIELD_ALIASES[attribute])
        raise InputError(where, "malformed", f"{keys} must be a string, not {type(value).__name__}")
    return str(value).strip() or None


def _open_binary(path: Path) -> BinaryIO:
    """``path`` opened for reading bytes, decompressed when it is gzip (by its magic number)."""
    with path.open("rb") as probe:
        compressed = probe.read(2) == GZIP_MAGIC
    return cast(BinaryIO, gzip.open(path, "rb")) if compressed else path.open("rb")
