"""Collection pages and their JSON twins: search, articles, entities, events, stories, stats.

Each handler reads its checked parameters, calls one function of
:mod:`marsad.services.web_views` in the thread pool (SQLite work must not block the event loop)
and hands the payload to :func:`marsad.web.render.page`, which answers JSON under ``/api`` (or to
a client asking for JSON) and HTML elsewhere.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from marsad.errors import NotFoundError
from marsad.services import web_views as views
from marsad.services.web_views import Filters
from marsad.web import params as p
from marsad.web.article import article_context
from marsad.web.http import wants_json
from marsad.web.render import page, path_quote
from marsad.web.snippets import snippet_html

T = TypeVar("T")
FILTER_NAMES = ("since", "until", "source", "entity", "type")
EVENT_FILTERS = ("actor", "type", "since", "until")
EVENT_ORDER = ("sort", "order")


def _collection(request: Request) -> views.ReadOnlyCollection:
    collection: views.ReadOnlyCollection | None = request.app.state.collection
    if collection is None:
        raise NotFoundError("this server has no collection: start it with `marsad serve --db FILE`")
    return collection


async def _call(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return await run_in_threadpool(fn, _collection(request), *args, **kwargs)


def _filters(request: Request) -> Filters:
    q = request.query_params
    return Filters(
        since=p.text(q, "since"), until=p.text(q, "until"), source=p.text(q, "source"),
        entity=p.text(q, "entity"), event_type=p.text(q, "type"),
    )  # fmt: skip


def _form(request: Request, names: tuple[str, ...]) -> dict[str, str]:
    return {name: request.query_params.get(name, "") for name in names}


def _twin(request: Request) -> str:
    query = f"?{request.url.query}" if request.url.query else ""
    return f"/api{request.url.path}{query}"


async def home(request: Request) -> Response:
    p.check_known(request.query_params, ())
    stats = await _call(request, views.stats_view)
    return page(request, "home.html", stats, json_url="/api/stats", page_name="home")


async def stats(request: Request) -> Response:
    p.check_known(request.query_params, ())
    data = await _call(request, views.stats_view)
    return page(request, "home.html", data, json_url="/api/stats", page_name="home")


async def search(request: Request) -> Response:
    p.check_known(request.query_params, ("q", *FILTER_NAMES, "limit", "offset"))
    query, filters = p.text(request.query_params, "q") or "", _filters(request)
    pg = p.page(request.query_params, default_limit=p.SEARCH_PAGE_SIZE)
    form = _form(request, ("q", *FILTER_NAMES))
    if not query and filters == Filters():
        empty: dict[str, Any] = {
            "query": "",
            "total": 0,
            "hits": [],
            "facets": None,
            **pg.to_dict(),
        }
        return page(request, "search.html", empty, {"form": form, "hits": []}, page_name="search")
    # The page, then its facets, in one worker thread: under load a second thread per request
    # only adds contention (measured with `marsad bench-api` at concurrency 4).
    result, facets = await _call(
        request, views.search_with_facets, query, filters, pg.limit, pg.offset
    )
    payload = {**result.to_dict(), "facets": facets}
    hits: list[dict[str, Any]] = []  # with the marked-up snippets, for the HTML page only
    if not wants_json(request):
        hits = [{**h.to_dict(), "snippet_html": snippet_html(h.snippet.text)} for h in result.hits]
    context = {"form": form, "hits": hits}
    return page(request, "search.html", payload, context, json_url=_twin(request),
                page_name="search")  # fmt: skip


async def articles(request: Request) -> Response:
    p.check_known(request.query_params, (*FILTER_NAMES, "limit", "offset"))
    pg = p.page(request.query_params)
    data = await _call(request, views.articles_page, _filters(request), pg.limit, pg.offset)
    context = {"form": _form(request, FILTER_NAMES)}
    return page(request, "articles.html", data, context, json_url=_twin(request),
                page_name="articles")  # fmt: skip


async def article(request: Request) -> Response:
    p.check_known(request.query_params, ())
    article_id = request.path_params["article_id"]
    view = await _call(request, views.article_view, article_id)
    context = {**article_context(view.doc), "links": view.links, "stored": True}
    twin = f"/api/articles/{path_quote(article_id)}"
    return page(request, "article.html", view.to_dict(), context, json_url=twin,
                page_name="articles")  # fmt: skip


async def entities(request: Request) -> Response:
    p.check_known(request.query_params, ("q", "type", "limit", "offset"))
    q, pg = request.query_params, p.page(request.query_params)
    data = await _call(
        request, views.entities_page, p.text(q, "q"), p.text(q, "type"), pg.limit, pg.offset
    )
    context = {"form": _form(request, ("q", "type"))}
    return page(request, "entities.html", data, context, json_url=_twin(request),
                page_name="entities")  # fmt: skip


async def entity(request: Request) -> Response:
    p.check_known(request.query_params, ())
    entity_id = request.path_params["entity_id"]
    data = await _call(request, views.entity_view, entity_id)
    return page(request, "entity.html", data, json_url=f"/api/entities/{path_quote(entity_id)}",
                page_name="entities")  # fmt: skip


def _event_filters(request: Request) -> dict[str, Any]:
    """The events filters, sort column and order, and page; the CSV export reads the same."""
    q = request.query_params
    p.check_known(q, (*EVENT_FILTERS, *EVENT_ORDER, "limit", "offset"))
    pg = p.page(q, default_limit=p.MAX_PAGE_SIZE)
    found = {name: p.text(q, name) for name in EVENT_FILTERS}
    sort = p.choice(q, "sort", views.EVENT_SORTS, views.DEFAULT_EVENT_SORT)
    order = p.choice(q, "order", views.SORT_ORDERS, "asc")
    return {**found, "sort": sort, "order": order, "limit": pg.limit, "offset": pg.offset}


async def events(request: Request) -> Response:
    filters = _event_filters(request)
    rows = await _call(request, views.events_page, **filters)
    query = f"?{request.url.query}" if request.url.query else ""
    context = {"form": _form(request, EVENT_FILTERS), "csv_url": f"/api/events.csv{query}",
               "filters": filters}  # fmt: skip
    return page(request, "events.html", rows, context, json_url=_twin(request),
                page_name="events")  # fmt: skip


async def events_csv(request: Request) -> Response:
    """The events table as CSV, written by the CLI export's CSV writer: the same filters,
    sort and page as ``/events`` with the same query string."""
    from marsad.services.export import write_csv

    rows = await _call(request, views.events_page, **_event_filters(request))
    buffer = io.StringIO()
    write_csv(rows, buffer, views.EVENT_FIELDS)
    headers = {"content-disposition": 'attachment; filename="marsad-events.csv"'}
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


async def stories(request: Request) -> Response:
    p.check_known(request.query_params, ("limit", "offset"))
    pg = p.page(request.query_params)
    data = await _call(request, views.stories_page, pg.limit, pg.offset)
    return page(request, "stories.html", data, json_url=_twin(request), page_name="stories")


async def story(request: Request) -> Response:
    p.check_known(request.query_params, ())
    story_id = int(request.path_params["story_id"])
    data = await _call(request, views.story_view, story_id)
    return page(request, "story.html", data, json_url=f"/api/stories/{story_id}",
                page_name="stories")  # fmt: skip
