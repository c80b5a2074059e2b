"""What a time expression means (a *spec*) and its TIMEX3 value against a reference date.

Rules (``timex_rules``) turn matched text into specs; ``Spec.resolve(ctx)`` gives a
:class:`Resolved` (type, value, range) against ``ctx.ref``, the publication date. Without a
reference date, what it would supply is written with X: ``XXXX-07-28``, ``XXXX-WXX-4``.

Conventions beyond TIMEX3: a part of a period (مطلع/منتصف/أواخر الشهر) keeps the period's value and
narrows ``range`` to its first, middle or last third; a Hijri month or year, or a holiday longer
than a day (رمضان), has its first Gregorian day as value and the whole period as range; a
decade is ``198`` and a century ``19`` (HeidelTime style); vague spans (خلال الأيام المقبلة) are
``FUTURE_REF``/``PAST_REF`` with a range of 7 days, 4 weeks, 6 months or 5 years.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from marsad.components import timex_calendar as cal
from marsad.components.timex_lexicon import UNIT_CODES

Period = cal.Period


@dataclass(frozen=True, slots=True)
class Context:
    """The reference date (and time, when the publication date has one) and the clause's tense."""

    ref: dt.date | None
    ref_time: dt.datetime | None = None
    tense: str | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    type: str
    value: str
    range: tuple[str, str] | None = None
    period: Period | None = None
    grain: str = ""


_UNKNOWN = {
    "day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "decade": "XXX",
    "century": "XX", "hour": "XXXX-XX-XX", "minute": "XXXX-XX-XX",
}  # fmt: skip


def dated(grain: str, period: Period, value: str | None = None) -> Resolved:
    rng = None if period[0] == period[1] else cal.iso_range(period)
    return Resolved("DATE", value or cal.value_for(grain, period[0]), rng, period, grain)


def period_value(period: Period) -> Resolved:
    """A period without a TIMEX3 unit of its own (a Hijri month): first day, whole range."""
    return Resolved("DATE", period[0].isoformat(), cal.iso_range(period), period, "day")


class Spec:
    """A time expression's meaning, resolved against a :class:`Context`."""

    def needs_tense(self) -> bool:
        return False

    def resolve(self, ctx: Context) -> Resolved | None:
        raise NotImplementedError

    def is_day(self) -> bool:
        """Whether it names one day (a clock time or part of day may attach to it)."""
        return False


@dataclass(frozen=True, slots=True)
class CalendarDate(Spec):
    """Gregorian year/month/day, any of them missing (``month_offset``: day of a relative month)."""

    month: int | None = None
    day: int | None = None
    year: int | None = None
    direction: str | None = None
    day_end: int | None = None
    month_offset: int | None = None

    def needs_tense(self) -> bool:
        return self.year is None and self.direction is None and self.month_offset is None

    def is_day(self) -> bool:
        return self.day is not None and self.day_end is None

    def resolve(self, ctx: Context) -> Resolved | None:
        if self.month_offset is not None and self.day is not None:
            if ctx.ref is None:
                return Resolved("DATE", f"XXXX-XX-{self.day:02d}", grain="day")
            base = cal.add_months(ctx.ref, self.month_offset)
            return self._at(base.year, base.month)
        if self.month is None:
            return dated("year", cal.year_period(self.year)) if self.year else None
        if self.year is not None:
            return self._at(self.year, self.month)
        if ctx.ref is None:
            day = f"-{self.day:02d}" if self.day else ""
            return Resolved("DATE", f"XXXX-{self.month:02d}{day}", grain="day" if day else "month")
        return self._at(self._infer_year(ctx), self.month)

    def _period(self, year: int, month: int) -> Period | None:
        if self.day is None:
            return cal.month_period(year, month)
        try:
            first = dt.date(year, month, self.day)
            return first, dt.date(year, month, self.day_end) if self.day_end else first
        except ValueError:
            return None

    def _at(self, year: int, month: int) -> Resolved | None:
        period = self._period(year, month)
        if period is None:
            return None
        if self.day is None:
            return dated("month", period)
        return dated("day", period, period[0].isoformat())

    def _infer_year(self, ctx: Context) -> int:
        assert ctx.ref is not None and self.month is not None
        if self.direction == "this":
            return ctx.ref.year
        years = [y for y in range(ctx.ref.year - 1, ctx.ref.year + 2)]
        periods = [(y, p) for y in years if (p := self._period(y, self.month)) is not None]
        index = cal.choose([p for _, p in periods], ctx.ref, self.direction, ctx.tense)
        return periods[index][0]


@dataclass(frozen=True, slots=True)
class Relative(Spec):
    """The ``unit`` period ``offset`` units from the reference (أمس: day -1; العام المقبل: +1)."""

    unit: str
    offset: int

    def is_day(self) -> bool:
        return self.unit == "day"

    def resolve(self, ctx: Context) -> Resolved | None:
        if self.unit in ("hour", "minute"):
            return self._clock(ctx)
        if ctx.ref is None:
            return Resolved("DATE", _UNKNOWN[self.unit], grain=self.unit)
        try:
            day = cal.shift(ctx.ref, self.unit, self.offset)
        except (ValueError, OverflowError):  # beyond the calendar (قبل 8000 عام)
            return Resolved("DATE", "PAST_REF" if self.offset < 0 else "FUTURE_REF")
        return dated(self.unit, cal.period_for(self.unit, day))

    def _clock(self, ctx: Context) -> Resolved:
        if ctx.ref_time is None:
            if ctx.ref is None:
                return Resolved("DATE", "XXXX-XX-XX", grain="day")
            return dated("day", (ctx.ref, ctx.ref))
        delta = (
            dt.timedelta(hours=self.offset)
            if self.unit == "hour"
            else dt.timedelta(minutes=self.offset)
        )
        moment = ctx.ref_time + delta
        return Resolved("TIME", moment.strftime("%Y-%m-%dT%H:%M"), grain="minute")


@dataclass(frozen=True, slots=True)
class Weekday(Spec):
    """A weekday (ISO number), the one meant by ``direction`` or the clause's tense."""

    dow: int
    direction: str | None = None

    def needs_tense(self) -> bool:
        return self.direction is None

    def is_day(self) -> bool:
        return True

    def resolve(self, ctx: Context) -> Resolved | None:
        if ctx.ref is None:
            return Resolved("DATE", f"XXXX-WXX-{self.dow}", grain="day")
        days = [ctx.ref + dt.timedelta(days=k) for k in range(-7, 8)]
        days = [d for d in days if d.isoweekday() == self.dow]
        if self.direction == "this":
            day = next(d for d in days if cal.week_period(d) == cal.week_period(ctx.ref))
        else:
            day = days[cal.choose([(d, d) for d in days], ctx.ref, self.direction, ctx.tense)]
        return dated("day", (day, day))


@dataclass(frozen=True, slots=True)
class DayPart(Spec):
    """Part of a day (MO, MI, AF, EV, NI) of ``base`` (the reference day when None)."""

    part: str
    base: Spec | None = None

    def needs_tense(self) -> bool:
        return self.base is not None and self.base.needs_tense()

    def resolve(self, ctx: Context) -> Resolved | None:
        day = _day_of(self.base, ctx)
        return None if day is None else Resolved("TIME", f"{day}T{self.part}", grain="part")


def _day_of(base: Spec | None, ctx: Context) -> str | None:
    """The day value (``2024-07-18`` or ``XXXX-XX-XX``) of ``base`` or of the reference."""
    if base is None:
        return ctx.ref.isoformat() if ctx.ref else "XXXX-XX-XX"
    resolved = base.resolve(ctx)
    return resolved.value if resolved and resolved.grain == "day" else None


@dataclass(frozen=True, slots=True)
class Clock(Spec):
    """A clock time (24-hour) on ``base``'s day (the reference day when None)."""

    hour: int
    minute: int = 0
    base: Spec | None = None

    def needs_tense(self) -> bool:
        return self.base is not None and self.base.needs_tense()

    def resolve(self, ctx: Context) -> Resolved | None:
        day = _day_of(self.base, ctx)
        if day is None or not (0 <= self.hour <= 24 and 0 <= self.minute < 60):
            return None
        return Resolved("TIME", f"{day}T{self.hour:02d}:{self.minute:02d}", grain="minute")


_SMALLER = {"hour": ("minute", 60), "day": ("hour", 24), "year": ("month", 12),
            "month": ("day", 30), "week": ("day", 7), "minute": ("second", 60)}  # fmt: skip


def _component(amount: float, unit: str) -> str:
    time = "T" if unit in ("hour", "minute", "second") else ""
    return f"{time}{amount:g}{UNIT_CODES[unit]}"


_IN_YEARS = {"decade": 10, "century": 100}


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: ``P3D``, ``PT48H``, ``PT1H30M`` (an hour and a half), ``PXY`` (unknown).

    Decades and centuries are written in years (عقدين ``P20Y``; لعقود ``PXY``), the units every
    consumer of ISO 8601 durations reads.
    """
    if unit in _IN_YEARS:
        amount = None if amount is None else amount * _IN_YEARS[unit]
        unit = "year"
    if amount is None:
        return f"P{'T' if unit in ('hour', 'minute', 'second') else ''}X{UNIT_CODES[unit]}"
    whole, fraction = divmod(amount, 1)
    smaller = _SMALLER.get(unit)
    if fraction and smaller and float(fraction * smaller[1]).is_integer():
        rest = _component(fraction * smaller[1], smaller[0])
        if not whole:
            return "P" + rest
        head = _component(whole, unit)
        return "P" + head + (rest[1:] if head.startswith("T") and rest.startswith("T") else rest)
    return "P" + _component(amount, unit)


@dataclass(frozen=True, slots=True)
class Duration(Spec):
    """A length of time; anchored before or after the reference when ``direction`` is set."""

    amount: float | None
    unit: str
    direction: str | None = None

    def resolve(self, ctx: Context) -> Resolved | None:
        value = duration_value(self.amount, self.unit)
        rng = None
        calendar_unit = self.unit in cal.GRAINS
        if ctx.ref and self.direction and self.amount and calendar_unit and self.amount >= 1:
            other = cal.shift(ctx.ref, self.unit, int(self.amount) * (-1 if self.direction ==
                                                                      "prev" else 1))  # fmt: skip
            rng = cal.iso_range((min(other, ctx.ref), max(other, ctx.ref)))
        return Resolved("DURATION", value, rng)


@dataclass(frozen=True, slots=True)
class SetOf(Spec):
    """A recurring time (``P1W`` for كل أسبوع, ``XXXX-WXX-4`` for كل خميس)."""

    value: str

    def resolve(self, ctx: Context) -> Resolved | None:
        return Resolved("SET", self.value)


_REF_SPANS = {"hour": 0, "day": 7, "week": 28, "month": 182, "year": 1826, "decade": 10957}


@dataclass(frozen=True, slots=True)
class Ref(Spec):
    """PRESENT_REF/PAST_REF/FUTURE_REF, with a range when a unit tells its reach."""

    value: str
    unit: str | None = None

    def resolve(self, ctx: Context) -> Resolved | None:
        if ctx.ref is None or self.unit is None or self.value == "PRESENT_REF":
            return Resolved("DATE", self.value)
        reach = dt.timedelta(days=_REF_SPANS[self.unit])
        one = dt.timedelta(days=0 if self.unit == "hour" else 1)
        if self.value == "FUTURE_REF":
            period = (ctx.ref + one, ctx.ref + max(reach, one))
        else:
            period = (ctx.ref - max(reach, one), ctx.ref - one)
        return Resolved("DATE", self.value, cal.iso_range(period), period)


@dataclass(frozen=True, slots=True)
class Decade(Spec):
    """A decade: ``digit`` of a century given, relative (``century_offset``) or the 1900s."""

    digit: int | None = None
    century: int | None = None
    century_offset: int | None = None
    offset: int | None = None

    def resolve(self, ctx: Context) -> Resolved | None:
        if self.offset is not None:
            if ctx.ref is None:
                return Resolved("DATE", "XXX", grain="decade")
            return dated("decade", cal.period_for("decade", cal.shift(ctx.ref, "decade",
                                                                        self.offset)))  # fmt: skip
        century = self.century
        if self.century_offset is not None:
            if ctx.ref is None:
                return Resolved("DATE", f"XX{self.digit}", grain="decade")
            century = ctx.ref.year // 100 + self.century_offset
        first = (century if century is not None else 19) * 100 + (self.digit or 0) * 10
        return dated("decade", cal.period_for("decade", dt.date(first, 1, 1)))


@dataclass(frozen=True, slots=True)
class Century(Spec):
    """A century by ordinal (القرن العشرين: 20 -> ``19``) or relative to the reference."""

    ordinal: int | None = None
    offset: int | None = None

    def resolve(self, ctx: Context) -> Resolved | None:
        if self.ordinal is not None:
            first = (self.ordinal - 1) * 100
        elif ctx.ref is not None and self.offset is not None:
            first = (ctx.ref.year // 100 + self.offset) * 100
        else:
            return Resolved("DATE", "XX", grain="century")
        if not 0 < first + 1 < 10000:
            return None
        return dated("century", cal.period_for("century", dt.date(max(first, 1), 1, 1)))
