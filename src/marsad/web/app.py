"""The Starlette application: routes, middleware and error handlers.

HTML pages live at ``/search``, ``/articles/{id}``, ``/entities/{id}``, ``/events``,
``/stories``, ``/analyze`` ...; each has a JSON twin at the same path under ``/api`` (and the
page itself answers JSON to a client that asks for ``application/json``). The OpenAPI document
is at ``/openapi.json`` and a readable version at ``/docs``.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from marsad.errors import MarsadError
from marsad.web import analyze, ingest, pages
from marsad.web.http import (
    BodyLimit,
    SecurityHeaders,
    error_message,
    error_response,
    json_response,
    log_failure,
    status_of,
    wants_json,
)
from marsad.web.openapi import API_ROUTES, openapi_document
from marsad.web.render import STATIC_DIR, render_html

if TYPE_CHECKING:
    from marsad.config import Settings

MIB = 1024 * 1024
SERVE_ENV = "_MARSAD_SERVE"
"""How ``marsad serve --workers N`` tells each worker process what to serve (JSON: db, config)."""
MAX_BODY_BYTES = MIB
"""Request bodies over this are refused with 413 (ingest has its own, larger limit)."""

_PAGES: tuple[tuple[str, Any], ...] = (
    ("/search", pages.search),
    ("/articles", pages.articles),
    ("/articles/{article_id:path}", pages.article),
    ("/entities", pages.entities),
    ("/entities/{entity_id:path}", pages.entity),
    ("/events", pages.events),
    ("/stories", pages.stories),
    ("/stories/{story_id:int}", pages.story),
    ("/stats", pages.stats),
)


def _version() -> str:
    try:
        return version("marsad")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def routes() -> list[BaseRoute]:
    """Every page, its ``/api`` twin, the API-only routes, the docs and the static files."""
    out: list[BaseRoute] = [Route("/", pages.home, methods=["GET"])]
    for path, handler in _PAGES:
        out.append(Route(path, handler, methods=["GET"]))
        out.append(Route(f"/api{path}", handler, methods=["GET"]))
    out += [
        Route("/events.csv", pages.events_csv, methods=["GET"]),
        Route("/api/events.csv", pages.events_csv, methods=["GET"]),
        Route("/analyze", analyze.analyze_form, methods=["GET"]),
        Route("/analyze", analyze.analyze_post, methods=["POST"]),
        Route("/api/analyze", analyze.analyze_api, methods=["POST"]),
        Route("/api/ingest", ingest.ingest_route, methods=["POST"]),
        Route("/ingest", ingest.ingest_route, methods=["POST"]),
        Route("/openapi.json", openapi_route, methods=["GET"]),
        Route("/docs", docs_page, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    return out


async def openapi_route(request: Request) -> Response:
    return json_response(openapi_document(_version()))


async def docs_page(request: Request) -> Response:
    return render_html("docs.html", {"spec": openapi_document(_version())}, page_name="docs")


async def handle_error(request: Request, error: Exception) -> Response:
    """Every error as JSON ``{"error": {"code", "message"}}`` or an HTML error page."""
    status, code = status_of(error)
    log_failure(request, error, status)
    message = error_message(error, status)
    if wants_json(request) or request.method != "GET":
        return error_response(status, code, message)
    context = {"status": status, "message": message}
    return render_html("error.html", context, status=status)


def create_app(
    db: str | Path | None, *, token: str = "", max_ingest_bytes: int = 64 * MIB
) -> Starlette:
    """The web application over the collection ``db`` (read-only), or without one (analysis
    only). ``token`` turns ``POST /api/ingest`` on."""
    from marsad.services.web_views import ReadOnlyCollection

    collection = ReadOnlyCollection(db) if db is not None else None

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if collection is not None:
            collection.close()

    limits = {"/api/ingest": max_ingest_bytes, "/ingest": max_ingest_bytes}
    app = Starlette(
        routes=routes(),
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(BodyLimit, max_bytes=MAX_BODY_BYTES, per_path=limits),
        ],
        exception_handlers={
            MarsadError: handle_error,
            HTTPException: handle_error,
            Exception: handle_error,
        },
        lifespan=lifespan,
    )
    app.state.collection = collection
    app.state.db = str(db) if db is not None else None
    app.state.token = token
    check_documented(app)
    return app


def app_from_environment() -> Starlette:
    """The application of one ``marsad serve --workers N`` process, built from ``$_MARSAD_SERVE``.

    The settings (and so the write token) are read again from the configuration in each
    process, never passed through the environment.
    """
    from marsad.services.about import settings_for

    try:
        chosen = json.loads(os.environ[SERVE_ENV])
        db, config = str(chosen["db"]), chosen.get("config")
    except (KeyError, TypeError, ValueError) as exc:
        raise RuntimeError(f"${SERVE_ENV} does not say what to serve: {exc}") from None
    return settings_app(db, settings_for(config, {}))


def settings_app(db: str, settings: Settings) -> Starlette:
    """The application over ``db`` as ``settings`` say: the write token, the ingest size limit."""
    return create_app(db, token=settings.web_token, max_ingest_bytes=settings.max_input_mb * MIB)


def check_documented(app: Starlette) -> None:
    """Fail at start-up when the OpenAPI table and the ``/api`` routes disagree."""
    served = {
        (method.lower(), route.path.replace(":path}", "}").replace(":int}", "}"))
        for route in app.routes
        if isinstance(route, Route) and route.path.startswith("/api/")
        for method in (route.methods or set()) - {"HEAD"}
    }
    described = {(r.method, r.path) for r in API_ROUTES}
    if served != described:
        raise RuntimeError(
            f"OpenAPI table and routes differ: undocumented {sorted(served - described)}, "
            f"unserved {sorted(described - served)}"
        )
