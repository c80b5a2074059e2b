"""Gregorian calendar arithmetic for time expressions: periods, shifts, TIMEX3 values.

A period is a pair of dates ``(first, last)``, both included. ``value_for(grain, day)`` writes the
TIMEX3 value of the period of ``grain`` containing ``day`` (``2024-07-28``, ``2024-W30``,
``2024-07``, ``2024``, ``202`` for a decade, ``20`` for a century) and ``period_for`` its span.
``choose`` picks, among candidate periods, the one a news text means, given an explicit direction
(المقبل/الماضي/الجاري) or the tense of its clause.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

Period = tuple[dt.date, dt.date]

GRAINS = ("day", "week", "month", "year", "decade", "century")


def month_period(year: int, month: int) -> Period:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def year_period(year: int) -> Period:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def week_period(day: dt.date) -> Period:
    monday = day - dt.timedelta(days=day.isoweekday() - 1)
    return monday, monday + dt.timedelta(days=6)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months``, its day of month clamped to the target month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


SUB_DAY_SECONDS = {"second": 1, "minute": 60, "hour": 3600}


def shift(day: dt.date, unit: str, amount: int) -> dt.date:
    """``day`` moved by ``amount`` of ``unit`` (second ... century).

    Shifts under a day move the date only by the whole days they add up to ("قبل 48 ساعة" is two
    days back, "قبل ثوان" the same day), since the reference is a publication date.
    """
    if unit in SUB_DAY_SECONDS:
        return day + dt.timedelta(days=int(amount * SUB_DAY_SECONDS[unit] / 86400))
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit == "week":
        return day + dt.timedelta(weeks=amount)
    months = {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit]
    return add_months(day, months * amount)


def value_for(grain: str, day: dt.date) -> str:
    """The TIMEX3 value of the ``grain`` period containing ``day``."""
    if grain == "day":
        return day.isoformat()
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if grain == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if grain == "year":
        return f"{day.year:04d}"
    if grain == "decade":
        return f"{day.year // 10:03d}"
    return f"{day.year // 100:02d}"


def period_for(grain: str, day: dt.date) -> Period:
    """The span of the ``grain`` period containing ``day``."""
    if grain == "day":
        return day, day
    if grain == "week":
        return week_period(day)
    if grain == "month":
        return month_period(day.year, day.month)
    if grain == "year":
        return year_period(day.year)
    size = 10 if grain == "decade" else 100
    first = day.year // size * size
    return dt.date(max(first, 1), 1, 1), dt.date(first + size - 1, 12, 31)


def part_of(period: Period, part: str) -> Period:
    """The early, mid or late third of ``period`` (a month: days 1-10, 11-20, 21-end)."""
    first, last = period
    days = (last - first).days + 1
    if days == 1:
        return period
    third = days // 3
    if part == "early":
        return first, first + dt.timedelta(days=third - 1)
    if part == "mid":
        return first + dt.timedelta(days=third), first + dt.timedelta(days=2 * third - 1)
    return first + dt.timedelta(days=2 * third), last


def half_of(period: Period, half: int) -> Period:
    first, last = period
    middle = first + dt.timedelta(days=((last - first).days + 1) // 2)
    return (first, middle - dt.timedelta(days=1)) if half == 1 else (middle, last)


def iso_range(period: Period) -> tuple[str, str]:
    return period[0].isoformat(), period[1].isoformat()


def _distance(period: Period, day: dt.date) -> int:
    first, last = period
    if first <= day <= last:
        return 0
    return (first - day).days if day < first else (day - last).days


def choose(
    candidates: Sequence[Period], ref: dt.date, direction: str | None, tense: str | None
) -> int:
    """Index of the candidate period a text means relative to ``ref``.

    ``direction`` is explicit (``next``: first starting after ``ref``; ``prev``: last ending
    before it; ``this``: the one containing it). Otherwise a period containing ``ref`` wins, then
    the clause's ``tense`` (``future``: first not yet over; ``past``: last already begun), then the
    nearest. Candidates are sorted by date.
    """
    indices = range(len(candidates))
    if direction == "next":
        return next((i for i in indices if candidates[i][0] > ref), len(candidates) - 1)
    if direction == "prev":
        return max((i for i in indices if candidates[i][1] < ref), default=0)
    if direction == "this" or tense is None or any(_distance(c, ref) == 0 for c in candidates):
        return min(indices, key=lambda i: _distance(candidates[i], ref))
    if tense == "future":
        return next((i for i in indices if candidates[i][1] >= ref), len(candidates) - 1)
    return max((i for i in indices if candidates[i][0] <= ref), default=0)
