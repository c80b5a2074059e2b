"""Rendering: Jinja2 templates (autoescaped) and the HTML-or-JSON choice of each page.

Every page is built from one payload (what its service returned, as JSON-ready data); the HTML
page renders it through a template, its JSON twin returns it as it is.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import jinja2
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from marsad.doc import PLOVER_TYPES
from marsad.web.http import json_response, wants_json

WEB_DIR = Path(__file__).parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"


def path_quote(value: object) -> str:
    """``value`` quoted for one URL path segment (``/`` included, so ids with slashes work)."""
    return quote(str(value), safe="")


def to_json_script(value: object) -> Markup:
    """JSON safe inside ``<script type="application/json">`` (``<``, ``>`` and ``&`` escaped)."""
    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def static_url(path: str) -> str:
    return f"/static/{path}"


def http_url(value: object) -> str | None:
    """``value`` when it is an http(s) URL, else ``None`` (no ``javascript:`` links)."""
    text = str(value or "").strip()
    return text if urlsplit(text).scheme in ("http", "https") else None


def pager_query(params: dict[str, str], offset: int) -> str:
    """The current query string with ``offset`` replaced."""
    return urlencode({**{k: v for k, v in params.items() if v}, "offset": max(0, offset)})


def facet_query(form: dict[str, str], name: str, value: str) -> str:
    """The search query string narrowed by a facet (a month sets both date bounds)."""
    narrowed = dict(form)
    if name == "month":
        narrowed["since"] = narrowed["until"] = value
    else:
        narrowed[name] = value
    return urlencode({k: v for k, v in narrowed.items() if v})


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The template environment: autoescape on for every template."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pathquote"] = path_quote
    env.filters["json_script"] = to_json_script
    env.filters["http_url"] = http_url
    env.globals.update(
        static=static_url, pager_query=pager_query, facet_query=facet_query,
        plover_types=PLOVER_TYPES,
    )  # fmt: skip
    env.globals["query"] = lambda **kw: urlencode({k: v for k, v in kw.items() if v})
    return env


def render_html(
    template: str, context: dict[str, Any], status: int = 200, page_name: str = ""
) -> HTMLResponse:
    defaults = {"page_name": page_name, "json_url": None}
    html = environment().get_template(template).render({**defaults, **context})
    return HTMLResponse(html, status_code=status)


def page(
    request: Request,
    template: str,
    payload: Any,
    context: dict[str, Any] | None = None,
    *,
    json_url: str | None = None,
    page_name: str = "",
) -> Response:
    """The page's JSON twin when the client asks for JSON, else its HTML."""
    if wants_json(request):
        return json_response(payload)
    params = dict(request.query_params)
    full = {"data": payload, "json_url": json_url, "params": params, **(context or {})}
    return render_html(template, full, page_name=page_name)
