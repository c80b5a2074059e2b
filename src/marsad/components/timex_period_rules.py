"""Rule handlers for durations, sets, references, decades, centuries, holidays, Hijri dates,
parts of periods, seasons and weekends (see ``timex_rules`` for the rule table)."""

from __future__ import annotations

import datetime as dt
import re

from marsad.components import timex_patterns as p
from marsad.components.hijri import gregorian_to_hijri, hijri_month_period
from marsad.components.numbers import ordinal_value, parse_number
from marsad.components.timex_match import (
    DIRECTIONS,
    OFFSETS,
    Hit,
    key,
    modifier,
    one,
    prev_word,
    year_of,
)
from marsad.components.timex_periods import (
    HijriDate,
    Holiday,
    PartAtom,
    PeriodPart,
    Season,
    Weekend,
)
from marsad.components.timex_resolve import (
    Century,
    Decade,
    Duration,
    Ref,
    Relative,
    SetOf,
    Spec,
    duration_value,
)

_OFFSET_WORDS = {"قبل": -1, "منذ": -1, "بعد": 1}
_EVENT_AFTER = re.compile(
    r"\s+(?:من|علي)\s+(?!(?:ال)?(?:ان|الان|اليوم|الزمن|زمن|الاقل|اقل)(?![^\W\d_]))"
)
"""After "بعد/قبل/منذ N units": counted from an event ("بعد 40 عاما على القطيعة", "من توقيعه"), so a
duration, not a date counted from the publication date ("على الأقل", "من الآن" are not events).
Matched on folded text, where على is written علي."""
_OF_TIME = re.compile(r"\s+من\s+(?:ال)?زمن")


def _amount(m: re.Match[str], count: int) -> float | None:
    """The number of units: the number written, 2 for a dual, 1 for a singular, else None."""
    if m.group("n"):
        number = parse_number(m["n"])
        if number is None:
            return -1.0
        amount: float | None = number.value
    else:
        amount = {1: 1.0, 2: 2.0}.get(count)
    if amount is not None and m.group("half"):
        amount += 0.5
    return amount


def duration(m: re.Match[str], text: str) -> list[Hit] | None:
    unit, count = p.TIME_UNITS[key(m["u"])]
    pre = key(m.group("dp"))
    amount = _amount(m, count)
    if amount == -1.0:
        return None
    bare = not (m.group("n") or pre or m.group("extra") or m.group("half"))
    if (count == 1 and bare) or (unit == "decade" and bare and not _OF_TIME.match(text, m.end())):
        return None
    offset = _OFFSET_WORDS.get(pre)
    if offset is not None and _EVENT_AFTER.match(text, m.end()):
        offset = None
    start = m.start("b") if offset is not None else m.start("n") if m.group("n") else m.start("u")
    spec = _duration_spec(amount, unit, offset, pre, "ل" in m["pre0"])
    return None if spec is None else [(start, m.end("b"), spec)]


def _duration_spec(
    amount: float | None, unit: str, offset: int | None, pre: str, for_: bool
) -> Spec | None:
    if amount is None:  # a plural without a number: قبل أيام، منذ سنوات، لسنوات
        if offset is not None:
            return Ref("PAST_REF" if offset < 0 else "FUTURE_REF")
        return Duration(None, unit) if pre or for_ else None
    if offset is not None and float(amount).is_integer():
        return Relative(unit, int(amount) * offset)
    return Duration(amount, unit)


def directed(m: re.Match[str], text: str) -> list[Hit] | None:
    mod = modifier(m)
    if mod not in ("next", "prev"):
        return None
    if m.group("pu"):
        unit = p.PLURAL_UNITS["ال" + key(m["pu"])[2:]]
        number = parse_number(m["n"]) if m.group("n") else None
        if number is None:
            value = "FUTURE_REF" if mod == "next" else "PAST_REF"
            return None if m.group("n") else one(m, Ref(value, unit))
        return one(m, Duration(number.value, unit, mod))
    if m.group("du"):
        return one(m, Duration(2, p.DUAL_UNITS["ال" + key(m["du"])[2:]], mod))
    unit = p.TIME_UNITS[key(m["u"])][0]
    number = parse_number(m["n2"])
    return None if number is None else one(m, Duration(number.value, unit, mod))


def recurring(m: re.Match[str], text: str) -> list[Hit] | None:
    return one(m, SetOf(p.SETS[key(m["w"])]))


def recurring_every(m: re.Match[str], text: str) -> list[Hit] | None:
    if m.group("wd"):
        word = key(m["wd"])
        dow = p.WEEKDAYS.get(word) or p.BARE_WEEKDAYS[word]
        return one(m, SetOf(f"XXXX-WXX-{dow}"))
    number = parse_number(m["n"])
    if number is None:
        return None
    return one(m, SetOf(duration_value(number.value, p.TIME_UNITS[key(m["u"])][0])))


def ref(m: re.Match[str], text: str) -> list[Hit] | None:
    return one(m, Ref(p.REFS[key(m["w"])]))


def _century_number(m: re.Match[str]) -> int | None:
    if m.group("cord"):
        return ordinal_value(m["cord"])
    return int(m["cnum"]) if m.group("cnum") else None


def decade(m: re.Match[str], text: str) -> list[Hit] | None:
    digit = p.DECADES[key(m["dec"])]
    ordinal = _century_number(m)
    if ordinal is not None:
        return one(m, Decade(digit, century=ordinal - 1))
    mod = modifier(m, "cmod")
    if mod is not None:
        return one(m, Decade(digit, century_offset=OFFSETS[mod]))
    return one(m, Decade(digit))


def century(m: re.Match[str], text: str) -> list[Hit] | None:
    ordinal = _century_number(m)
    return one(m, Century(ordinal)) if ordinal and 1 <= ordinal <= 30 else None


_RAMADAN_CUES = frozenset(
    ("في", "خلال", "قبل", "بعد", "منذ", "حلول", "طوال", "طيله", "مطلع", "اوائل", "بدايه",
     "منتصف", "اواخر", "نهايه", "ايام", "ليالي", "اول", "اخر", "وفي", "بحلول", "قبيل", "انتهاء")
)  # fmt: skip
"""Words before رمضان that make it the month, not the name (محمد رمضان، إلى رمضان)."""


def holiday(m: re.Match[str], text: str) -> list[Hit] | None:
    name = p.HOLIDAYS[key(m["h"])]
    year = int(m["y"]) if m.group("y") else None
    mod = modifier(m)
    bare = key(m["h"]) == "رمضان" and not (year or mod)
    if bare and prev_word(text, m.start("b")) not in _RAMADAN_CUES:
        return None
    hijri_year = year if year and (m.group("hj") or year < 1600) else None
    year = None if hijri_year else year
    return one(m, Holiday(name, year, hijri_year, DIRECTIONS.get(mod or "")))


def _hijri_year_for(year: int, month: int) -> int:
    """The Hijri year whose ``month`` begins in the Gregorian ``year``."""
    guess = gregorian_to_hijri(dt.date(year, 1, 1))[0]
    return guess + 1 if hijri_month_period(guess, month)[0].year < year else guess


def hijri(m: re.Match[str], text: str) -> list[Hit] | None:
    month = p.HIJRI_MONTHS[key(m["hm"])]
    day = int(m["d"]) if m.group("d") else ordinal_value(m["dw"]) if m.group("dw") else None
    year = int(m["y"]) if m.group("y") else None
    if not (day or year or m.group("hj") or m.group("sh")):
        return None
    if year is not None and year >= 1700:
        year = _hijri_year_for(year, month)
    direction = DIRECTIONS.get(modifier(m) or "")
    return one(m, HijriDate(year, month, day, direction))


def _bare_base(m: re.Match[str]) -> Spec | None:
    bare = key(m.group("bare")).removeprefix("ال")
    unit = {"اسبوع": "week", "شهر": "month", "عام": "year", "سنه": "year"}.get(bare)
    return Relative(unit, 0) if unit else None


def part(m: re.Match[str], text: str) -> list[Hit] | None:
    part = p.PERIOD_PARTS[key(m["p"])]
    base = _bare_base(m)
    if base is not None:
        return one(m, PeriodPart(part, base))
    return one(m, PartAtom(part, key(m["p"])))


def quarter(m: re.Match[str], text: str) -> list[Hit] | None:
    number = p.QUARTERS[key(m["ord"])]
    part = f"q{number}" if m["qh"] == "ربع" else f"h{min(number, 2)}"
    base = _bare_base(m)
    return one(m, PeriodPart(part, base) if base is not None else PartAtom(part))


def season(m: re.Match[str], text: str) -> list[Hit] | None:
    season = p.SEASONS[key(m["s"])]
    direction = DIRECTIONS.get(modifier(m) or "")
    return one(m, Season(season, year_of(m), direction))


def weekend(m: re.Match[str], text: str) -> list[Hit] | None:
    return one(m, Weekend(OFFSETS.get(modifier(m) or "", 0)))
