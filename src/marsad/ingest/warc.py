"""Web crawls (``.warc``, ``.warc.gz``), read by warcio.

Each successful HTML (or plain text) response record becomes one article: its page's main text
through :mod:`marsad.ingest.html`, its id the record's target URL. Requests, metadata, redirects,
errors and other media are not articles and are passed over. A truncated or corrupt record is
rejected as ``malformed`` with the file and the record's byte offset; reading then resumes at the
next record start found after it, so one damaged record does not lose the rest of the crawl.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from marsad.errors import InputError
from marsad.ingest.decode import decode_bytes
from marsad.ingest.documents import Item, build_document
from marsad.ingest.html import html_bytes_document

GZIP_MEMBER = b"\x1f\x8b\x08"
WARC_START = b"WARC/1."
TEXT_TYPES = ("text/html", "application/xhtml", "text/plain")
_SCAN_CHUNK = 1 << 20


def read_warc(path: Path, max_bytes: int) -> Iterator[Item]:
    """The articles of the crawl file ``path``, with a rejection for each damaged record."""
    source = path.as_posix()
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield InputError(source, "unreadable", f"cannot be read: {exc.strerror or exc}")
        return
    with stream:
        size = path.stat().st_size
        compressed = stream.read(len(GZIP_MEMBER)) == GZIP_MEMBER
        start: int | None = 0
        while start is not None:
            stream.seek(start)
            failed_at = yield from _records(stream, size, source, max_bytes)
            start = None if failed_at is None else _next_record(stream, failed_at + 1, compressed)


def _records(
    stream: BinaryIO, size: int, source: str, max_bytes: int
) -> Generator[Item, None, int | None]:
    """Items from the stream's position on; returns a damaged record's offset, else ``None``."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(stream)  # its offsets are positions in the file
    try:
        for record in records:
            item = _record_item(record, source, max_bytes, records.offset)
            if item is not None:
                yield item
    except Exception as exc:  # warcio raises assorted errors on damaged input
        yield _damaged(source, records.offset, f"{type(exc).__name__}: {exc}")
        return int(records.offset)
    if records.offset < size:
        yield _damaged(source, records.offset, "the record is cut short (truncated file)")
        return int(records.offset)
    return None


def _record_item(record: Any, source: str, max_bytes: int, offset: int) -> Item | None:
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    if headers is not None and headers.get_statuscode() not in ("200", None):
        return None
    content_type = (headers or record.rec_headers).get_header("Content-Type") or ""
    if not content_type.lower().startswith(TEXT_TYPES):
        return None
    payload = record.content_stream().read(max_bytes + 1)
    url = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{source}@{offset}"
    try:
        if "html" in content_type.lower():
            return html_bytes_document(payload, where, max_bytes, id=url, url=url)
        return build_document(decode_bytes(payload, where, max_bytes), where, id=url, url=url)
    except InputError as error:
        return error


def _damaged(source: str, offset: int, detail: str) -> InputError:
    return InputError(
        f"{source}@{offset}", "malformed", f"WARC record at byte {offset} is damaged: {detail}"
    )


def _next_record(stream: BinaryIO, position: int, compressed: bool) -> int | None:
    """The offset of the next record start at or after ``position``, or ``None``."""
    marker = GZIP_MEMBER if compressed else WARC_START
    stream.seek(position)
    carry = b""
    while chunk := stream.read(_SCAN_CHUNK):
        window = carry + chunk
        found = window.find(marker)
        if found >= 0:
            return position - len(carry) + found
        carry = window[-len(marker) :]
        position += len(chunk)
    return None
