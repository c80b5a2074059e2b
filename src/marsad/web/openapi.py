"""The OpenAPI 3.1 document of the JSON API, written from one table of routes.

:data:`API_ROUTES` describes every ``/api`` route (parameters, body, answers); the app checks at
start-up that each described route exists and each ``/api`` route is described, so the document
cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.doc import PLOVER_TYPES
from marsad.store.reads import EVENT_SORTS, SORT_ORDERS
from marsad.web.params import DEFAULT_PAGE_SIZE, MAX_OFFSET, MAX_PAGE_SIZE, SEARCH_PAGE_SIZE

JSONObject = dict[str, Any]
EVENT_SORT_COLUMNS = tuple(EVENT_SORTS)


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    description: str
    kind: str = "string"
    where: str = "query"
    required: bool = False
    enum: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    default: int | None = None

    def to_openapi(self) -> JSONObject:
        schema: JSONObject = {"type": self.kind}
        for key, value in (("minimum", self.minimum), ("maximum", self.maximum),
                           ("default", self.default)):  # fmt: skip
            if value is not None:
                schema[key] = value
        if self.enum:
            schema["enum"] = list(self.enum)
        return {
            "name": self.name, "in": self.where, "required": self.required or self.where == "path",
            "description": self.description, "schema": schema,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class ApiRoute:
    method: str
    path: str
    summary: str
    params: tuple[Param, ...] = ()
    body: JSONObject | None = None
    answers: tuple[int, ...] = (200, 400)
    media: str = "application/json"
    extra: JSONObject = field(default_factory=dict)


LIMIT = Param(
    "limit", f"page size (at most {MAX_PAGE_SIZE})", "integer",
    minimum=1, maximum=MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE,
)  # fmt: skip
SEARCH_LIMIT = Param(
    "limit", f"page size (at most {MAX_PAGE_SIZE})", "integer",
    minimum=1, maximum=MAX_PAGE_SIZE, default=SEARCH_PAGE_SIZE,
)  # fmt: skip
EVENT_LIMIT = Param(
    "limit", f"page size (at most {MAX_PAGE_SIZE})", "integer",
    minimum=1, maximum=MAX_PAGE_SIZE, default=MAX_PAGE_SIZE,
)  # fmt: skip
OFFSET = Param("offset", "results to skip", "integer", minimum=0, maximum=MAX_OFFSET, default=0)
SINCE = Param("since", "first publication date: 2018, 2018-03 or 2018-03-15")
UNTIL = Param("until", "last publication date: 2018, 2018-03 or 2018-03-15")
SOURCE = Param("source", "outlet or feed the article came from (case-insensitive)")
ENTITY = Param("entity", "an entity id, alias or Latin name that the article mentions")
EVENT_TYPE = Param("type", "PLOVER event type the article reports", enum=PLOVER_TYPES)
FILTERS = (SINCE, UNTIL, SOURCE, ENTITY, EVENT_TYPE)
EVENT_FILTERS = (
    Param("actor", "ISO 3166 alpha-3 country of the source or target actor, e.g. USA"),
    Param("type", "PLOVER event type", enum=PLOVER_TYPES),
    Param("since", "first event date: 2018, 2018-03 or 2018-03-15"),
    Param("until", "last event date: 2018, 2018-03 or 2018-03-15"),
)
EVENT_SORT = (
    Param("sort", "column every matching event is sorted by (default event_date), before paging",
          enum=EVENT_SORT_COLUMNS),
    Param("order", "sort order (default asc); empty values come last either way",
          enum=SORT_ORDERS),
)  # fmt: skip
ANALYZE_BODY: JSONObject = {
    "type": "object",
    "required": ["text"],
    "additionalProperties": False,
    "properties": {
        "text": {"type": "string", "description": "the article"},
        "published": {"type": "string", "description": "ISO-8601 date anchoring relative dates"},
        "title": {"type": "string", "description": "headline given by the publisher"},
    },
}

API_ROUTES: tuple[ApiRoute, ...] = (
    ApiRoute("post", "/api/analyze", "Analyze one article's text (marsad.document/1)",
             body=ANALYZE_BODY, answers=(200, 400, 413)),
    ApiRoute("get", "/api/search", "Search the collection; snippets with the matches marked, "
             "facets by source, month and entity",
             (Param("q", "query: words, \"phrases\", OR, -exclusions, prefix*"), *FILTERS,
              SEARCH_LIMIT, OFFSET)),
    ApiRoute("get", "/api/articles", "List stored articles, newest first, with filters",
             (*FILTERS, LIMIT, OFFSET)),
    ApiRoute("get", "/api/articles/{article_id}", "One stored article's document, its "
             "duplicates and stories",
             (Param("article_id", "article id", where="path"),), answers=(200, 404)),
    ApiRoute("get", "/api/entities", "Entities of the collection, most mentioned first",
             (Param("q", "name, alias, Latin name or id to look for"),
              Param("type", "entity type, e.g. PER"), LIMIT, OFFSET)),
    ApiRoute("get", "/api/entities/{entity_id}", "An entity's profile: aliases, roles, mentions "
             "by month, co-mentioned entities, quotes, events",
             (Param("entity_id", "entity id, alias or Latin name", where="path"),),
             answers=(200, 404)),
    ApiRoute("get", "/api/events", "Events (PLOVER) with filters, oldest first unless sorted "
             "otherwise (the sort covers every page)",
             (*EVENT_FILTERS, *EVENT_SORT, EVENT_LIMIT, OFFSET)),
    ApiRoute("get", "/api/events.csv", "The same events as CSV (same filters, sort and page)",
             (*EVENT_FILTERS, *EVENT_SORT, EVENT_LIMIT, OFFSET),
             media="text/csv"),
    ApiRoute("get", "/api/stories", "Stories: clusters of articles about one development",
             (LIMIT, OFFSET)),
    ApiRoute("get", "/api/stories/{story_id}", "One story with its articles in time order",
             (Param("story_id", "story id", "integer", where="path"),), answers=(200, 404)),
    ApiRoute("get", "/api/stats", "Counts and breakdowns of the collection", answers=(200,)),
    ApiRoute("post", "/api/ingest", "Ingest articles (text files or JSON Lines); needs the "
             "server's token as 'Authorization: Bearer TOKEN'",
             body={"type": "string", "format": "binary"},
             answers=(200, 400, 403, 404, 413, 415),
             extra={"security": [{"token": []}]}),
)  # fmt: skip


def openapi_document(version: str) -> JSONObject:
    """The OpenAPI 3.1 document for :data:`API_ROUTES`."""
    paths: JSONObject = {}
    for route in API_ROUTES:
        paths.setdefault(route.path, {})[route.method] = _operation(route)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Marsad API", "version": version,
            "description": "Arabic news as structured, source-grounded facts. Errors are JSON "
            '{"error": {"code", "message"}}. Every HTML page has a JSON twin under /api.',
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "paths": paths,
        "components": {
            "schemas": {"Error": _ERROR_SCHEMA},
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        },
    }  # fmt: skip


_ERROR_SCHEMA: JSONObject = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            "required": ["code", "message"],
        }
    },
}
_DESCRIPTIONS = {
    200: "OK", 400: "bad parameter or malformed query", 403: "ingest is off or the token is wrong",
    404: "not found", 413: "request too large", 415: "unsupported content type",
}  # fmt: skip


def _operation(route: ApiRoute) -> JSONObject:
    op: JSONObject = {
        "summary": route.summary,
        "operationId": route.method
        + route.path.replace("/", "_").replace("{", "").replace("}", ""),
        "parameters": [p.to_openapi() for p in route.params],
        "responses": {str(code): _answer(route, code) for code in route.answers},
        **route.extra,
    }
    if route.body is not None:
        media = "application/json" if route.body.get("type") == "object" else "application/x-ndjson"
        op["requestBody"] = {"required": True, "content": {media: {"schema": route.body}}}
    return op


def _answer(route: ApiRoute, code: int) -> JSONObject:
    if code == 200:
        return {"description": "OK", "content": {route.media: {"schema": {}}}}
    error = {"schema": {"$ref": "#/components/schemas/Error"}}
    return {"description": _DESCRIPTIONS.get(code, "error"), "content": {"application/json": error}}
