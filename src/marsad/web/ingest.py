"""``POST /api/ingest``: add articles to the collection, for holders of the server's token.

The route is off unless the server was given a token (setting ``web_token`` or
``MARSAD_WEB_TOKEN``); a request must then send ``Authorization: Bearer TOKEN``, compared in
constant time. The body is JSON Lines (``application/x-ndjson``), one plain-text article
(``text/plain``) or files (``multipart/form-data``). They are written to a private temporary
folder and ingested by :func:`marsad.services.collection.ingest`, as ``marsad ingest`` does; one
ingest runs at a time (the store has one writer).
"""

from __future__ import annotations

import hmac
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from marsad.web.http import WebError, json_response

MAX_FILES = 100
SUFFIXES = (".txt", ".html", ".htm", ".rss", ".atom", ".xml", ".jsonl", ".gz", ".warc")
BODY_TYPES = {
    "application/x-ndjson": "body.jsonl",
    "application/jsonl": "body.jsonl",
    "application/json-lines": "body.jsonl",
    "text/plain": "body.txt",
}
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_WRITER = threading.Lock()


def check_token(request: Request) -> None:
    """Raise 403 unless ingest is on and the request carries the server's token."""
    expected: str = request.app.state.token
    if not expected:
        raise WebError(403, "ingest is off: start the server with a token (MARSAD_WEB_TOKEN)",
                       "ingest_off")  # fmt: skip
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), expected.encode()
    ):
        raise WebError(403, "missing or wrong token: send 'Authorization: Bearer TOKEN'")


async def ingest_route(request: Request) -> Response:
    check_token(request)
    if request.app.state.db is None:
        raise WebError(404, "this server has no collection: start it with --db FILE")
    with tempfile.TemporaryDirectory(prefix="marsad-ingest-") as folder:
        paths = await _save_body(request, Path(folder))
        report = await run_in_threadpool(_ingest, request.app.state.db, paths)
    return json_response(report)


def _ingest(db: str, paths: list[Path]) -> dict[str, Any]:
    from marsad.services.collection import ingest

    with _WRITER:
        return ingest(paths, db=db).to_dict()


async def _save_body(request: Request, folder: Path) -> list[Path]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        return await _save_files(request, folder)
    if content_type not in BODY_TYPES:
        kinds = ", ".join([*BODY_TYPES, "multipart/form-data"])
        raise WebError(415, f"unsupported content type {content_type!r}: use one of {kinds}")
    body = await request.body()
    if not body.strip():
        raise WebError(400, "the body is empty", "bad_input")
    path = folder / BODY_TYPES[content_type]
    path.write_bytes(body)
    return [path]


async def _save_files(request: Request, folder: Path) -> list[Path]:
    async with request.form(max_files=MAX_FILES, max_fields=MAX_FILES) as form:
        uploads = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
        if not uploads:
            raise WebError(400, "the form holds no file", "bad_input")
        paths = []
        for index, upload in enumerate(uploads):
            path = folder / _safe_name(index, upload.filename or "")
            path.write_bytes(await upload.read())
            paths.append(path)
    return paths


def _safe_name(index: int, filename: str) -> str:
    """A file name inside the temporary folder: never a path, always a known suffix."""
    name = _SAFE.sub("_", Path(filename).name)[-80:].lstrip(".") or "upload"
    lower = name.lower()
    if not lower.endswith(SUFFIXES):
        name += ".txt"
    return f"{index:03d}-{name}"
