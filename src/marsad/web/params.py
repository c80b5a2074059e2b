"""Query parameters, checked: pages and their JSON twins read them through these functions.

A bad value raises :class:`~marsad.errors.QueryError` (HTTP 400) with a message naming the
parameter; an unknown parameter is refused the same way, so a typo does not silently widen a
search.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from starlette.datastructures import QueryParams

from marsad.errors import QueryError

MAX_PAGE_SIZE = 100
"""The largest page any listing returns (``limit``)."""
DEFAULT_PAGE_SIZE = 20
SEARCH_PAGE_SIZE = 10
"""Search results per page by default (as ``marsad search``): each hit carries a snippet."""
MAX_OFFSET = 100_000
MAX_PARAM_CHARS = 500


@dataclass(frozen=True, slots=True)
class Page:
    limit: int
    offset: int

    def to_dict(self) -> dict[str, int]:
        return {"limit": self.limit, "offset": self.offset}


def check_known(params: QueryParams, allowed: Iterable[str]) -> None:
    """Refuse parameters the route does not know, and repeated or over-long ones."""
    known = set(allowed)
    for name in params:
        if name not in known:
            names = ", ".join(sorted(known)) or "none"
            raise QueryError(f"unknown parameter {name!r} (this route takes: {names})")
        if len(params.getlist(name)) > 1:
            raise QueryError(f"parameter {name!r} is given more than once")
        if len(params[name]) > MAX_PARAM_CHARS:
            raise QueryError(f"parameter {name!r} is longer than {MAX_PARAM_CHARS} characters")


def text(params: QueryParams, name: str) -> str | None:
    """A text parameter, stripped; ``None`` when absent or blank."""
    value = params.get(name, "").strip()
    return value or None


def integer(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    """An integer parameter between ``low`` and ``high`` (inclusive)."""
    raw = params.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise QueryError(f"parameter {name}={raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise QueryError(f"parameter {name}={value} must be between {low} and {high}")
    return value


def page(params: QueryParams, default_limit: int = DEFAULT_PAGE_SIZE) -> Page:
    """``limit`` (1..MAX_PAGE_SIZE) and ``offset`` (0..MAX_OFFSET)."""
    limit = integer(params, "limit", default_limit, 1, MAX_PAGE_SIZE)
    return Page(limit, integer(params, "offset", 0, 0, MAX_OFFSET))


def choice(params: QueryParams, name: str, choices: Iterable[str], default: str) -> str:
    """A parameter that must be one of ``choices``."""
    options = list(choices)
    value = params.get(name, "").strip() or default
    if value not in options:
        raise QueryError(f"parameter {name}={value!r} is not one of {', '.join(options)}")
    return value
