"""The rules of the ``timex`` component: a pattern, what may start it, and a handler.

A handler reads a match on the folded text and returns the expressions it found as
``(start, end, spec)`` (folded offsets), or ``None`` when the match is not a time expression after
all (an ambiguous month name without a date context, a bare 4-digit number that counts things).
Rules are tried only where one of their trigger words starts (see ``timex``); the order of
:data:`RULES` breaks ties between matches of the same length.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from marsad.components import timex_patterns as p
from marsad.components import timex_period_rules as pr
from marsad.components.numbers import HOURS, ORDINALS, WORDS, ordinal_value, parse_number
from marsad.components.timex_lexicon import AMBIGUOUS_MONTHS
from marsad.components.timex_match import (
    COUNTABLE_NEXT,
    DIGIT,
    DIRECTIONS,
    FOLLOW_OK,
    MONTH_CUES,
    NEXT_TOKEN,
    OFFSETS,
    YEAR_BEFORE,
    YEAR_CUES,
    Handler,
    Hit,
    key,
    modifier,
    month_of,
    one,
    prev_word,
    year_of,
)
from marsad.components.timex_periods import DayPartAtom, HijriDate
from marsad.components.timex_resolve import (
    CalendarDate,
    Century,
    Clock,
    DayPart,
    Decade,
    Relative,
    Spec,
    Weekday,
)
from marsad.text.normalize import fold


def _date_dmy(m: re.Match[str], text: str) -> list[Hit] | None:
    day = int(m["d"]) if m.group("d") else ordinal_value(m["dw"] or "")
    last = int(m["d2"]) if m.group("d2") else None
    if not day or not 1 <= day <= 31 or (last is not None and not day < last <= 31):
        return None
    if m.group("rmod") or m.group("cur"):
        offset = OFFSETS.get(modifier(m, "rmod") or "this", 0)
        return one(m, CalendarDate(day=day, month_offset=offset, day_end=last))
    month, end, doubled = month_of(m)
    if not doubled and m.group("m2"):
        return [(m.start("b"), end, CalendarDate(month, day, day_end=last))]
    direction = DIRECTIONS.get(modifier(m) or "")
    return one(m, CalendarDate(month, day, year_of(m), direction, last))


def _date_my(m: re.Match[str], text: str) -> list[Hit] | None:
    month, end, doubled = month_of(m)
    year, mod = year_of(m), modifier(m)
    if not doubled and m.group("m2"):
        year, mod = None, None
    else:
        end = m.end("b")
    context = doubled or year or mod or m.group("sh")
    ambiguous = not context and key(m["m1"]) in AMBIGUOUS_MONTHS
    if ambiguous and prev_word(text, m.start("b")) not in MONTH_CUES:
        return None
    spec = CalendarDate(month, None, year, DIRECTIONS.get(mod or ""))
    return [(m.start("b"), end, spec)]


def _full_year(year: int, ref_year: int = 2030) -> int:
    if year >= 100:
        return year
    return 2000 + year if year <= ref_year % 100 else 1900 + year


def _numeric_date(m: re.Match[str], text: str) -> list[Hit] | None:
    a, month, c = int(m["a"]), int(m["m"]), int(m["c"])
    if len(m["a"]) == 4 and len(m["c"]) <= 2:
        year, day = a, c
    elif len(m["a"]) <= 2 and len(m["c"]) in (2, 4):
        day, year = a, _full_year(c)
        if month > 12 >= day:
            day, month = month, day
    else:
        return None
    if m.group("hj") or 1300 <= year <= 1500:
        if 1 <= month <= 12 and 1 <= day <= 30:
            return one(m, HijriDate(year, month, day))
        return None
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return one(m, CalendarDate(month, day, year))


_RANGE_NEXT = re.compile(r"\s*(?:و|-|–|الي|حتى|او)\s*(\d+(?:[.,]\d+)*)")


def _counts_things(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` (or a range it opens: 2000 إلى 2500 ريال) counts."""
    if COUNTABLE_NEXT.match(text, end):
        return True
    other = _RANGE_NEXT.match(text, end)
    if other is None:
        return False
    number = other.group(1)
    plausible = number.isdigit() and 1800 <= int(number) <= 2100
    return not plausible or bool(COUNTABLE_NEXT.match(text, other.end()))


_MORE_THAN = re.compile(
    r"(?:اكثر|اقل|ازيد|يزيد|يقل|نحو|حوالي|قرابه|زهاء|يقارب|يناهز|يبلغ|بلغ|عدد)\s+(?:من\s+|عن\s+)?$"
)


def _bare_year_ok(text: str, start: int, end: int) -> bool:
    if _counts_things(text, end) or _MORE_THAN.search(text, max(0, start - 20), start):
        return False  # أكثر من 2000، ما بين 2000 إلى 2500 ريال
    if prev_word(text, start) in YEAR_CUES or YEAR_BEFORE.search(text, max(0, start - 12), start):
        return True
    nxt = NEXT_TOKEN.match(text, end)
    if nxt is None or not nxt.group(1) or not nxt.group(1).isalpha():
        return True
    return nxt.group(1) + nxt.group(2) in FOLLOW_OK


def _year_rule(m: re.Match[str], text: str) -> list[Hit] | None:
    year = int(m["y"])
    if m.group("hj"):
        return one(m, HijriDate(year)) if 1 <= year <= 1600 else None
    if m.group("kw"):
        return one(m, CalendarDate(year=year)) if 1000 <= year <= 2999 else None
    if 1800 <= year <= 2100 and _bare_year_ok(text, m.start("b"), m.end("b")):
        return one(m, CalendarDate(year=year))
    return None


_THIS_BEFORE = re.compile(r"(?:هذا|هذه)\s+$")


def _relative_unit(m: re.Match[str], text: str) -> list[Hit] | None:
    start = m.start("b")
    this = _THIS_BEFORE.search(text, max(0, start - 8), start)
    mod = modifier(m) or ("this" if this else None)
    if mod is None:
        return None
    if this and mod == "this":
        m_start = this.start()
        hits = _relative_unit_spec(m, mod)
        return [(m_start, m.end("b"), hits)]
    return one(m, _relative_unit_spec(m, mod))


def _relative_unit_spec(m: re.Match[str], mod: str) -> Spec:
    word = key(m["u"])
    unit = p.CALENDAR_UNITS["ال" + word[2:]]
    offset = OFFSETS[mod]
    if unit == "decade":
        return Decade(offset=offset)
    if unit == "century":
        return Century(offset=offset)
    return Relative(unit, offset)


def _relative_day(m: re.Match[str], text: str) -> list[Hit] | None:
    word = key(m["w"])
    if word == "غد" and not m.group("yawm"):
        return None
    if word == "اليوم" and prev_word(text, m.start("b")) in ("ذلك", "هذا", "ذات", "نفس"):
        return None
    return one(m, Relative("day", p.RELATIVE_DAYS[word] if word != "غد" else 1))


def _tonight(m: re.Match[str], text: str) -> list[Hit] | None:
    mod = key(m.group("mod"))
    offset = -1 if mod in ("الماضيه", "البارحه") else 1 if mod else 0
    return one(m, DayPart("NI", Relative("day", offset)))


def _day_base(m: re.Match[str]) -> Spec:
    if m.group("wd"):
        direction = DIRECTIONS.get(modifier(m) or "")
        return Weekday(p.WEEKDAYS["ال" + key(m["wd"])[2:]], direction)
    return Relative("day", p.RELATIVE_DAYS[key(m["rd"])])


def _daypart(m: re.Match[str], text: str) -> list[Hit] | None:
    pod = key(m["pod"])
    if pod == "منتصف ليل":
        return one(m, Clock(24, 0, _day_base(m)))
    return one(m, DayPart(p.PARTS_OF_DAY[pod], _day_base(m)))


def _daypart_atom(m: re.Match[str], text: str) -> list[Hit] | None:
    return one(m, DayPartAtom(p.PARTS_OF_DAY[key(m["pod"])]))


def _adverb(m: re.Match[str], text: str) -> list[Hit] | None:
    return one(m, DayPart(p.DAY_PART_ADVERBS[key(m["adv"])]))


def _weekday(m: re.Match[str], text: str) -> list[Hit] | None:
    return one(m, _day_base(m))


def hour24(hour: int, part: str | None) -> int:
    """The 24-hour clock hour of ``hour`` said with a part of the day (MO, MI, AF, EV, NI)."""
    if part == "MO":
        return 0 if hour == 12 else hour
    if part == "MI":
        return hour + 12 if 1 <= hour <= 5 else hour
    if part in ("AF", "EV"):
        return hour + 12 if hour < 12 else hour
    if part == "NI":
        return hour + 12 if 6 <= hour <= 11 else 0 if hour == 12 else hour
    return hour


def _clock_part(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    if groups.get("ap"):
        return p.DAY_PART_ADVERBS[key(groups["ap"])]
    if groups.get("ap2"):
        return p.CLOCK_PARTS[key(groups["ap2"])]
    return None


def _clock(m: re.Match[str], text: str) -> list[Hit] | None:
    minutes = m.groupdict().get("mi")
    hour, minute = int(m["h"]), int(minutes) if minutes else 0
    part = _clock_part(m)
    if hour > 24 or minute > 59 or (part and hour > 12):
        return None
    return one(m, Clock(hour24(hour, part), minute))


_FRACTIONS = {"والنصف": (0, 30), "والربع": (0, 15), "وثلث": (0, 20), "والثلث": (0, 20)}


def _clock_words(m: re.Match[str], text: str) -> list[Hit] | None:
    part = _clock_part(m)
    if not (part or m.group("saa")):
        return None
    hour, minute = HOURS[key(m["hw"])], 0
    frac = key(m.group("frac"))
    if frac:
        back, minute = _FRACTIONS.get(frac, (1, 40 if "ثلث" in frac else 45))
        hour = hour - back or 12
    if m.group("mins"):
        number = parse_number(m["mins"])
        minute = int(number.value) if number and number.value < 60 else minute
    return one(m, Clock(hour24(hour, part), minute))


def _midnight(m: re.Match[str], text: str) -> list[Hit] | None:
    return one(m, Clock(12 if "نهار" in m["w"] else 24, 0))


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    handler: Handler
    triggers: tuple[str, ...]


def _words(*tables: object) -> tuple[str, ...]:
    out: list[str] = []
    for table in tables:
        out.extend(table if isinstance(table, (tuple, list)) else list(table))  # type: ignore[call-overload]
    out = [w if w == DIGIT else " ".join(fold(w).split()) for w in out]
    with_article = [w for w in out if w.startswith("ال")]
    return tuple(dict.fromkeys(out + ["لل" + w[2:] for w in with_article]))


DAY_ORDINALS = tuple(w for w, v in ORDINALS.items() if v <= 31)
_DUR_PRE_WORDS = ("قبل", "بعد", "منذ", "خلال", "لمده", "مده", "طوال", "طيله", "على مدى",
                  "على مدار", "في غضون", "غضون", "حوالي", "نحو")  # fmt: skip
_PLURAL_AFTER_IN = tuple("في " + w for w in p.PLURAL_UNITS)

RULES: tuple[Rule, ...] = tuple(
    Rule(name, re.compile(pattern), handler, triggers)
    for name, pattern, handler, triggers in (
        ("weekend", p.WEEKEND, pr.weekend, _words(("نهايه", "عطله"))),
        ("holiday", p.HOLIDAY, pr.holiday, _words(p.HOLIDAYS)),
        ("hijri", p.HIJRI, pr.hijri, _words((DIGIT, "شهر"), DAY_ORDINALS, p.HIJRI_MONTHS)),
        ("date_dmy", p.DATE_DMY, _date_dmy, _words((DIGIT,), DAY_ORDINALS)),
        ("numeric_date", p.NUMERIC_DATE, _numeric_date, (DIGIT,)),
        ("date_my", p.DATE_MY, _date_my, _words(p.MONTHS, ("شهر", "الشهر"))),
        ("clock_digits", p.CLOCK_DIGITS, _clock, _words(("الساعه", "ساعه", "تمام"))),
        ("clock_words", p.CLOCK_WORDS, _clock_words, _words(HOURS, ("الساعه", "ساعه", "تمام"))),
        ("clock_colon", p.CLOCK_COLON, _clock, (DIGIT,)),
        ("clock_adverb", p.CLOCK_ADVERB, _clock, (DIGIT,)),
        ("midnight", p.MIDNIGHT, _midnight, ("منتصف",)),
        (
            "directed",
            p.DIRECTED_DURATION,
            pr.directed,
            _words(
                (DIGIT, "خلال", "طوال", "طيله", "على مدى", "على مدار"),
                p.PLURAL_UNITS,
                p.DUAL_UNITS,
                _PLURAL_AFTER_IN,
                WORDS,
            ),
        ),
        (
            "duration",
            p.DURATION,
            pr.duration,
            _words((DIGIT,), _DUR_PRE_WORDS, WORDS, p.TIME_UNITS),
        ),
        (
            "year",
            p.YEAR,
            _year_rule,
            _words((DIGIT, "عام", "العام", "سنه", "السنه", "عامي", "سنتي")),
        ),
        ("relative_unit", p.RELATIVE_UNIT, _relative_unit, _words(p.CALENDAR_UNITS)),
        ("tonight", p.TONIGHT, _tonight, _words(("الليله",))),
        ("daypart", p.DAYPART, _daypart, _words(p.PARTS_OF_DAY)),
        ("daypart_atom", p.DAYPART_ATOM, _daypart_atom, _words(p.PARTS_OF_DAY)),
        ("relative_day", p.RELATIVE_DAY, _relative_day, _words(p.RELATIVE_DAYS, ("يوم",))),
        ("weekday", p.WEEKDAY_RULE, _weekday, _words(p.WEEKDAYS, ("يوم",))),
        ("adverb", p.ADVERB, _adverb, _words(p.DAY_PART_ADVERBS)),
        ("set_every", p.SET_EVERY, pr.recurring_every, ("كل",)),
        ("set", p.SET, pr.recurring, _words(p.SETS)),
        ("ref", p.REF, pr.ref, _words(p.REFS)),
        ("decade", p.DECADE, pr.decade, _words(p.DECADES, ("عقد", "حقبه"))),
        ("century", p.CENTURY, pr.century, _words(("القرن", "قرن"))),
        ("part", p.PART, pr.part, _words(p.PERIOD_PARTS)),
        ("quarter", p.QUARTER, pr.quarter, _words(("الربع", "النصف"))),
        ("season", p.SEASON, pr.season, _words(p.SEASONS)),
    )
)
"""Every rule; on matches of equal length, the earlier rule wins."""
