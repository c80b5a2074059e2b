"""Filters shared by search and listings: checked ISO date bounds and SQL conditions."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import sqlite3
from typing import Any

from marsad.doc import PLOVER_TYPES
from marsad.errors import QueryError
from marsad.store.entities import find_entity_pks
from marsad.store.records import Filters

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def day_bound(value: str, *, last: bool, option: str) -> str:
    """The first (or ``last``) day ``YYYY-MM-DD`` of an ISO year, month or day ``value``."""
    match = _DATE.fullmatch(value.strip())
    if match is None:
        raise QueryError(f"{option} {value!r} is not a date: write 2018, 2018-03 or 2018-03-15")
    year, month, day = (int(g) if g else 0 for g in match.groups())
    try:
        month = month or (12 if last else 1)
        if not day:
            day = calendar.monthrange(year, month)[1] if last else 1
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise QueryError(f"{option} {value!r} is not a valid date") from None


def event_type(value: str) -> str:
    """A PLOVER type in upper case; raises :class:`QueryError` naming the known ones."""
    upper = value.strip().upper()
    if upper not in PLOVER_TYPES:
        raise QueryError(f"unknown event type {value!r}: use one of {', '.join(PLOVER_TYPES)}")
    return upper


def article_conditions(conn: sqlite3.Connection, filters: Filters) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``articles a`` (and their parameters) for ``filters``."""
    where: list[str] = []
    params: list[Any] = []
    if filters.since:
        where.append("a.published_day >= ?")
        params.append(day_bound(filters.since, last=False, option="since"))
    if filters.until:
        where.append("a.published_day <= ?")
        params.append(day_bound(filters.until, last=True, option="until"))
    if filters.source:
        where.append("a.source = ? COLLATE NOCASE")
        params.append(filters.source.strip())
    if filters.entity:
        pks = entity_filter(conn, filters.entity)
        marks = ", ".join("?" * len(pks))
        where.append(
            f"a.pk IN (SELECT article_pk FROM article_entities WHERE entity_pk IN ({marks}))"
        )
        params.extend(pks)
    if filters.event_type:
        where.append("a.pk IN (SELECT article_pk FROM events WHERE type = ?)")
        params.append(event_type(filters.event_type))
    return where, params


def entity_filter(conn: sqlite3.Connection, name: str) -> list[int]:
    """The entity pks an ``--entity`` filter names; raises :class:`QueryError` when none."""
    pks = find_entity_pks(conn, name)
    if not pks:
        raise QueryError(f"no entity in the collection is named {name!r} (try `marsad entity`)")
    return pks
