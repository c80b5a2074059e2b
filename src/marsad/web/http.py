"""HTTP plumbing shared by every route: security headers, size limits and errors.

Errors reach clients as JSON ``{"error": {"code", "message"}}`` (API routes and clients asking
for JSON) or as an HTML page, with a status that says whose fault it is, and never with a stack
trace: :class:`~marsad.errors.QueryError` and other input errors are 400, a missing article or
entity 404, a body over the limit 413, anything unexpected 500 with a generic message (the
traceback goes to the server log only).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from marsad.errors import (
    ConfigError,
    DocumentError,
    InputError,
    MarsadError,
    NotFoundError,
    QueryError,
)

LOG = logging.getLogger("marsad.web")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

ERROR_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    500: "internal_error",
}


class WebError(MarsadError):
    """An error with an HTTP status, raised by routes for bad requests the store does not see."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        self.status = status
        self.code = code or ERROR_CODES.get(status, "error")
        super().__init__(message)


class SecurityHeaders:
    """ASGI middleware adding the Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """ASGI middleware refusing request bodies over ``max_bytes`` with 413.

    A declared ``Content-Length`` over the limit is refused before anything is read; a body sent
    without one (chunked) is counted as it arrives and refused when it passes the limit.
    """

    def __init__(
        self, app: ASGIApp, max_bytes: int, per_path: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.per_path = per_path or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.per_path.get(scope.get("path", ""), self.max_bytes)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await error_response(413, "too_large", _too_large(limit))(scope, receive, send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise WebError(413, _too_large(limit))
            return message

        await self.app(scope, counting_receive, send)


def _too_large(limit: int) -> str:
    return f"the request body is larger than the limit of {limit} bytes"


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def status_of(error: Exception) -> tuple[int, str]:
    """The HTTP status and error code for ``error``."""
    if isinstance(error, WebError):
        return error.status, error.code
    if isinstance(error, HTTPException):
        return error.status_code, ERROR_CODES.get(error.status_code, "error")
    if isinstance(error, NotFoundError):
        return 404, "not_found"
    if isinstance(error, QueryError):
        return 400, "bad_query"
    if isinstance(error, InputError | DocumentError | ConfigError):
        return 400, "bad_input"
    return 500, "internal_error"


def error_message(error: Exception, status: int) -> str:
    """What the client is told: the error's own words, except for unexpected failures."""
    if isinstance(error, HTTPException):
        return str(error.detail)
    if status >= 500 and not isinstance(error, MarsadError):
        return "internal server error: the failure was logged on the server"
    return str(error)


def wants_json(request: Request) -> bool:
    """Whether ``request`` is an API call: under ``/api``, or asking for JSON before HTML."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def log_failure(request: Request, error: Exception, status: int) -> None:
    if status >= 500:
        LOG.error("%s %s failed", request.method, request.url.path, exc_info=error)


def json_response(
    payload: Any, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return JSONResponse(payload, status_code=status, headers=headers)
