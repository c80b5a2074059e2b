"""``/analyze``: paste an article, get it annotated (HTML page) or as its document (JSON).

``POST /api/analyze`` (and ``POST /analyze`` with a JSON body) take ``{"text", "published"?,
"title"?}`` and return the ``marsad.document/1`` JSON; the form on ``GET /analyze`` posts to
``/analyze`` and shows the text highlighted with its panels. Both call
:func:`marsad.services.analyze.analyze_text`, as ``marsad analyze`` does.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from marsad.doc import Document
from marsad.errors import MarsadError
from marsad.web.article import article_context
from marsad.web.http import WebError, json_response
from marsad.web.render import render_html

MAX_ANALYZE_CHARS = 200_000
"""The longest text ``/analyze`` accepts (characters)."""
FIELDS = ("text", "published", "title")


async def analyze_api(request: Request) -> Response:
    """``POST /api/analyze``: JSON in, the document JSON out."""
    fields = await _json_fields(request)
    doc = await _analyze(fields)
    return json_response(doc.to_dict())


async def analyze_form(request: Request) -> Response:
    """``GET /analyze``: the empty form."""
    return render_html("analyze.html", _form_context({}), page_name="analyze")


async def analyze_post(request: Request) -> Response:
    """``POST /analyze``: a JSON body gets JSON; the HTML form gets the annotated page."""
    if request.headers.get("content-type", "").startswith("application/json"):
        return await analyze_api(request)
    fields = await _form_fields(request)
    try:
        doc = await _analyze(fields)
    except MarsadError as error:
        context = {**_form_context(fields), "error": str(error)}
        return render_html("analyze.html", context, status=400, page_name="analyze")
    context = {**_form_context(fields), **article_context(doc), "stored": False}
    return render_html("analyze.html", context, page_name="analyze")


def _form_context(fields: dict[str, str]) -> dict[str, Any]:
    return {
        "text": fields.get("text"), "published": fields.get("published"), "doc": None,
        "error": None, "max_chars": MAX_ANALYZE_CHARS,
    }  # fmt: skip


async def _analyze(fields: dict[str, str]) -> Document:
    from marsad.services.analyze import analyze_text

    text = fields.get("text", "")
    if not text.strip():
        raise WebError(400, "give the article's text in the field 'text'", "bad_input")
    if len(text) > MAX_ANALYZE_CHARS:
        raise WebError(413, f"the text has {len(text)} characters; at most {MAX_ANALYZE_CHARS}")
    published = fields.get("published") or None
    title = fields.get("title") or None
    return await run_in_threadpool(analyze_text, text, published, id="analyze", title=title)


async def _json_fields(request: Request) -> dict[str, str]:
    try:
        data = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise WebError(400, f"the body is not valid JSON: {exc}", "bad_input") from None
    if not isinstance(data, dict):
        raise WebError(400, 'the body must be a JSON object {"text": ...}', "bad_input")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise WebError(400, f"unknown field(s) {', '.join(unknown)}; use {', '.join(FIELDS)}")
    for name, value in data.items():
        if value is not None and not isinstance(value, str):
            raise WebError(400, f"field {name!r} must be a string", "bad_input")
    return {k: v for k, v in data.items() if v is not None}


async def _form_fields(request: Request) -> dict[str, str]:
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("application/x-www-form-urlencoded"):
        raise WebError(415, "post the form (application/x-www-form-urlencoded) or JSON")
    try:
        raw = (await request.body()).decode("utf-8")
    except UnicodeDecodeError:
        raise WebError(400, "the form is not UTF-8", "bad_input") from None
    parsed = parse_qs(raw, keep_blank_values=True, max_num_fields=10)
    return {k: v[0] for k, v in parsed.items() if k in FIELDS}
