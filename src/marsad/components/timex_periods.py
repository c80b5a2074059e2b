"""Specs of named periods: holidays, Hijri dates, seasons, weekends, parts of periods.

See :mod:`marsad.components.timex_resolve` for the conventions of values and ranges.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from marsad.components import hijri
from marsad.components import timex_calendar as cal
from marsad.components.timex_resolve import (
    Context,
    Period,
    Resolved,
    Spec,
    dated,
    period_value,
)


def _holiday_resolved(period: Period) -> Resolved:
    if period[0] == period[1]:
        return dated("day", period, period[0].isoformat())
    return period_value(period)


@dataclass(frozen=True, slots=True)
class Holiday(Spec):
    """A holiday (key of :data:`hijri.HOLIDAY_RULES`) in a given or inferred year.

    Without a year or a direction the nearest occurrence is meant, whatever the tense: news
    speak of a holiday around its date ("انخفضت الأسعار قبل عيد الأضحى" a week before it).
    """

    key: str
    year: int | None = None
    hijri_year: int | None = None
    direction: str | None = None

    def is_day(self) -> bool:
        return self.key != "ramadan"

    def resolve(self, ctx: Context) -> Resolved | None:
        if self.hijri_year is not None and self.key in hijri.ISLAMIC:
            return _holiday_resolved(hijri.islamic_period(self.key, self.hijri_year))
        if self.year is not None:
            periods = hijri.holiday_periods(self.key, self.year)
            return _holiday_resolved(periods[0]) if periods else None
        if ctx.ref is None:
            return Resolved("DATE", "XXXX", grain="year")
        candidates = hijri.holiday_candidates(self.key, ctx.ref.year)
        index = cal.choose(candidates, ctx.ref, self.direction, ctx.tense)
        return _holiday_resolved(candidates[index])


@dataclass(frozen=True, slots=True)
class HijriDate(Spec):
    """A Hijri year, month or day (with or without its year), converted to Gregorian."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    direction: str | None = None

    def needs_tense(self) -> bool:
        return self.year is None and self.direction is None

    def is_day(self) -> bool:
        return self.day is not None

    def resolve(self, ctx: Context) -> Resolved | None:
        if self.month is None:
            return period_value(hijri.hijri_year_period(self.year)) if self.year else None
        if self.year is not None:
            return self._at(self.year)
        if ctx.ref is None:
            return Resolved("DATE", "XXXX-XX-XX", grain="day")
        hijri_year = hijri.gregorian_to_hijri(ctx.ref)[0]
        years = [hijri_year - 1, hijri_year, hijri_year + 1]
        periods = [self._period(y) for y in years]
        index = cal.choose(periods, ctx.ref, self.direction, ctx.tense)
        return self._at(years[index])

    def _period(self, year: int) -> Period:
        assert self.month is not None
        if self.day is None:
            return hijri.hijri_month_period(year, self.month)
        day = hijri.hijri_to_gregorian(year, self.month, min(self.day, 30))
        return day, day

    def _at(self, year: int) -> Resolved | None:
        if not (0 < year < 2000 and self.month and 1 <= self.month <= 12):
            return None
        if self.day is not None and not 1 <= self.day <= 30:
            return None
        period = self._period(year)
        if self.day is None:
            return period_value(period)
        return dated("day", period, period[0].isoformat())


_SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season_period(year: int, season: str) -> Period:
    first = dt.date(year, _SEASON_MONTHS[season], 1)
    last = cal.add_months(first, 3) - dt.timedelta(days=1)
    return first, last


@dataclass(frozen=True, slots=True)
class Season(Spec):
    """A season (meteorological: spring is March to May) of a given or inferred year."""

    season: str
    year: int | None = None
    direction: str | None = None

    def needs_tense(self) -> bool:
        return self.year is None and self.direction is None

    def resolve(self, ctx: Context) -> Resolved | None:
        if self.year is not None:
            year = self.year
        elif ctx.ref is None:
            return Resolved("DATE", f"XXXX-{self.season}")
        else:
            years = [ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1]
            periods = [_season_period(y, self.season) for y in years]
            year = years[cal.choose(periods, ctx.ref, self.direction, ctx.tense)]
        period = _season_period(year, self.season)
        return Resolved("DATE", f"{year}-{self.season}", cal.iso_range(period), period, "season")


@dataclass(frozen=True, slots=True)
class Weekend(Spec):
    """The weekend of the week ``offset`` weeks from the reference (Friday to Sunday)."""

    offset: int = 0

    def resolve(self, ctx: Context) -> Resolved | None:
        if ctx.ref is None:
            return Resolved("DATE", "XXXX-WXX-WE")
        monday = cal.week_period(cal.shift(ctx.ref, "week", self.offset))[0]
        period = (monday + dt.timedelta(days=4), monday + dt.timedelta(days=6))
        value = f"{cal.value_for('week', monday)}-WE"
        return Resolved("DATE", value, cal.iso_range(period), period, "weekend")


@dataclass(frozen=True, slots=True)
class PeriodPart(Spec):
    """Part of ``base``: early/mid/late third, quarter ``q1``-``q4`` or half ``h1``/``h2``."""

    part: str
    base: Spec

    def needs_tense(self) -> bool:
        return self.base.needs_tense()

    def resolve(self, ctx: Context) -> Resolved | None:
        base = self.base.resolve(ctx)
        if base is None or base.period is None:
            return base
        if self.part[0] in "qh":
            return self._fraction(base)
        period = cal.part_of(base.period, self.part)
        return Resolved("DATE", base.value, cal.iso_range(period), period, base.grain)

    def _fraction(self, base: Resolved) -> Resolved:
        assert base.period is not None
        number = int(self.part[1])
        if self.part[0] == "h":
            period = cal.half_of(base.period, number)
        else:
            first = cal.add_months(base.period[0], 3 * (number - 1))
            period = (first, min(cal.add_months(first, 3) - dt.timedelta(days=1), base.period[1]))
        value = f"{base.value}-{self.part.upper()}" if base.grain == "year" else base.value
        return Resolved("DATE", value, cal.iso_range(period), period, base.grain)


@dataclass(frozen=True, slots=True)
class PartAtom(Spec):
    """مطلع/منتصف/أواخر ... waiting for the period it qualifies (dropped when alone)."""

    part: str
    word: str = ""

    def resolve(self, ctx: Context) -> Resolved | None:
        return None


@dataclass(frozen=True, slots=True)
class DayPartAtom(Spec):
    """صباح/مساء ... waiting for the day it belongs to (dropped when alone)."""

    part: str

    def resolve(self, ctx: Context) -> Resolved | None:
        return None
