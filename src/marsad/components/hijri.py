"""Hijri dates and religious and civil holidays, in Gregorian terms.

Conversions use the Umm al-Qura calendar of ``hijridate`` (MIT) for 1343-1500 AH (1924-2077) and
the arithmetic (tabular) Islamic calendar outside it, which may differ by a day or two. A holiday
is a key of :data:`HOLIDAY_RULES`; ``holiday_period(key, year)`` gives its period in the Gregorian
year ``year`` (an Islamic holiday may fall twice in one Gregorian year; the first is taken).
Easter (الفصح) is the Western (Gregorian) Easter; الفصح الأرثوذكسي is the Orthodox one.
Christmas (عيد الميلاد) is 25 December.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

from hijridate import Gregorian, Hijri

from marsad.components.timex_calendar import Period

_UMM_AL_QURA = (1343, 1500)
_EPOCH = 1948440  # Julian day number of 1 Muharram 1 AH (tabular calendar)
_ORDINAL_OFFSET = 1721425  # Julian day number of the day before 0001-01-01


def _tabular_jd(year: int, month: int, day: int) -> int:
    return (
        day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + _EPOCH - 1
    )


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of the Hijri date ``year-month-day``."""
    if _UMM_AL_QURA[0] <= year <= _UMM_AL_QURA[1]:
        try:
            g = Hijri(year, month, day).to_gregorian()
            return dt.date(g.year, g.month, g.day)
        except (ValueError, OverflowError):
            pass
    return dt.date.fromordinal(_tabular_jd(year, month, day) - _ORDINAL_OFFSET)


def gregorian_to_hijri(day: dt.date) -> tuple[int, int, int]:
    """The Hijri (year, month, day) of the Gregorian ``day``."""
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
        return int(h.year), int(h.month), int(h.day)
    except (ValueError, OverflowError):
        pass
    jd = day.toordinal() + _ORDINAL_OFFSET
    year = (30 * (jd - _EPOCH) + 10646) // 10631
    month = min(12, math.ceil((jd - (29 + _tabular_jd(year, 1, 1))) / 29.5) + 1)
    return year, month, jd - _tabular_jd(year, month, 1) + 1


def hijri_month_period(year: int, month: int) -> Period:
    first = hijri_to_gregorian(year, month, 1)
    following = hijri_to_gregorian(year + month // 12, month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def hijri_year_period(year: int) -> Period:
    return hijri_to_gregorian(year, 1, 1), hijri_to_gregorian(year + 1, 1, 1) - dt.timedelta(days=1)


def western_easter(year: int) -> dt.date:
    """Western (Gregorian) Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def orthodox_easter(year: int) -> dt.date:
    """Orthodox Easter Sunday in Gregorian terms (Meeus' Julian algorithm, 1900-2099)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return dt.date(year, month, day + 1) + dt.timedelta(days=13)


# Islamic holidays: Hijri month, first day, length in days (0: the whole month).
ISLAMIC: dict[str, tuple[int, int, int]] = {
    "eid_fitr": (10, 1, 1), "eid_adha": (12, 10, 1), "hijri_new_year": (1, 1, 1),
    "mawlid": (3, 12, 1), "ashura": (1, 10, 1), "arafah": (12, 9, 1), "qadr": (9, 27, 1),
    "ramadan": (9, 1, 0),
}  # fmt: skip

_FIXED: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "new_year": (1, 1), "new_year_eve": (12, 31), "labour_day": (5, 1),
    "valentine": (2, 14), "mothers_day": (3, 21), "womens_day": (3, 8),
}  # fmt: skip

_MOVABLE: dict[str, Callable[[int], dt.date]] = {
    "easter": western_easter, "orthodox_easter": orthodox_easter
}  # fmt: skip

HOLIDAY_RULES = frozenset(ISLAMIC) | frozenset(_FIXED) | frozenset(_MOVABLE)


def islamic_period(key: str, hijri_year: int) -> Period:
    """The period of the Islamic holiday ``key`` in the Hijri year ``hijri_year``."""
    month, day, length = ISLAMIC[key]
    if length == 0:
        return hijri_month_period(hijri_year, month)
    first = hijri_to_gregorian(hijri_year, month, day)
    return first, first + dt.timedelta(days=length - 1)


def holiday_periods(key: str, year: int) -> list[Period]:
    """The periods of holiday ``key`` that begin in the Gregorian ``year`` (sorted)."""
    if key in _FIXED:
        month, day = _FIXED[key]
        return [(dt.date(year, month, day), dt.date(year, month, day))]
    if key in _MOVABLE:
        day_ = _MOVABLE[key](year)
        return [(day_, day_)]
    first_hijri = gregorian_to_hijri(dt.date(year, 1, 1))[0]
    periods = [islamic_period(key, h) for h in range(first_hijri, first_hijri + 3)]
    return sorted(p for p in periods if p[0].year == year)


def holiday_candidates(key: str, around: int) -> list[Period]:
    """The periods of ``key`` beginning in the years ``around``-1 to ``around``+1 (sorted)."""
    return [p for year in (around - 1, around, around + 1) for p in holiday_periods(key, year)]
