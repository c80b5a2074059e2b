"""Word tables of the ``timex`` component (natural spelling; rules fold them before matching).

Month names are facts of the calendars in use: the Gulf/Egyptian transliterations
(يناير ...), the Levantine/Iraqi Syriac names (كانون الثاني ...), the Maghreb French-derived
names (جانفي ...) and the Moroccan forms (يوليوز، غشت، شتنبر ...). Names that are also common
words (مارس "practised", آب "father", نيسان the car maker, ماي, أوت the English "out" in film
and song titles) only count as months in a date context (see ``timex_rules``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from marsad.text.normalize import fold

V = TypeVar("V")

MONTHS: dict[str, int] = {
    "يناير": 1, "كانون الثاني": 1, "جانفي": 1, "جانفييه": 1,
    "فبراير": 2, "فبرير": 2, "شباط": 2, "فيفري": 2,
    "مارس": 3, "آذار": 3,
    "أبريل": 4, "إبريل": 4, "ابريل": 4, "أفريل": 4, "نيسان": 4,
    "مايو": 5, "ماي": 5, "أيار": 5, "مايس": 5,
    "يونيو": 6, "يونيه": 6, "جوان": 6, "حزيران": 6,
    "يوليو": 7, "يوليه": 7, "جويلية": 7, "تموز": 7, "يوليوز": 7,
    "أغسطس": 8, "اغسطس": 8, "أوت": 8, "آب": 8, "غشت": 8,
    "سبتمبر": 9, "أيلول": 9, "شتنبر": 9,
    "أكتوبر": 10, "تشرين الأول": 10,
    "نوفمبر": 11, "تشرين الثاني": 11, "نونبر": 11,
    "ديسمبر": 12, "كانون الأول": 12, "دجنبر": 12,
}  # fmt: skip

AMBIGUOUS_MONTHS = frozenset(fold(w) for w in ("مارس", "ماي", "آب", "نيسان", "مايس", "أوت"))
"""Month names that are also ordinary words: they need a date context."""

HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الاول": 3, "ربيع الآخر": 4, "ربيع الثاني": 4,
    "جمادى الأولى": 5, "جمادى الأول": 5, "جمادى الآخرة": 6, "جمادى الثانية": 6,
    "جمادى الآخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعدة": 11,
    "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "الاثنين": 1, "الإثنين": 1, "الثلاثاء": 2, "الأربعاء": 3, "الخميس": 4, "الجمعة": 5,
    "السبت": 6, "الأحد": 7,
}  # fmt: skip
"""Weekday (with the article) -> ISO weekday number."""

BARE_WEEKDAYS: dict[str, int] = {
    "اثنين": 1, "ثلاثاء": 2, "أربعاء": 3, "خميس": 4, "جمعة": 5, "سبت": 6, "أحد": 7
}  # fmt: skip
"""Weekday without the article, as in كل خميس."""

# Time units: word -> (unit, count); count 1 singular, 2 dual, 0 plural (needs a number).
TIME_UNITS: dict[str, tuple[str, int]] = {}
for _unit, _singular, _duals, _plurals in (
    ("second", ("ثانية",), ("ثانيتين", "ثانيتان"), ("ثوان", "ثواني", "ثوانٍ")),
    ("minute", ("دقيقة",), ("دقيقتين", "دقيقتان"), ("دقائق",)),
    ("hour", ("ساعة",), ("ساعتين", "ساعتان"), ("ساعات",)),
    ("day", ("يوم", "يوما"), ("يومين", "يومان"), ("أيام",)),
    ("week", ("أسبوع", "أسبوعا"), ("أسبوعين", "أسبوعان"), ("أسابيع",)),
    ("month", ("شهر", "شهرا"), ("شهرين", "شهران"), ("أشهر", "شهور")),
    ("year", ("عام", "عاما", "سنة"), ("عامين", "عامان", "سنتين", "سنتان"),
     ("أعوام", "سنوات", "سنين")),
    ("decade", ("عقد", "عقدا"), ("عقدين", "عقدان"), ("عقود",)),
    ("century", ("قرن", "قرنا"), ("قرنين", "قرنان"), ("قرون",)),
):  # fmt: skip
    TIME_UNITS.update({w: (_unit, 1) for w in _singular})
    TIME_UNITS.update({w: (_unit, 2) for w in _duals})
    TIME_UNITS.update({w: (_unit, 0) for w in _plurals})

UNIT_CODES = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W",
              "month": "M", "year": "Y", "decade": "DE", "century": "CE"}  # fmt: skip
"""TIMEX3 duration letters per unit (minutes and seconds go after T)."""

CALENDAR_UNITS: dict[str, str] = {
    "الأسبوع": "week", "الشهر": "month", "العام": "year", "السنة": "year",
    "العقد": "decade", "القرن": "century",
}  # fmt: skip
"""A unit with the article, as in العام الماضي."""

PLURAL_UNITS: dict[str, str] = {
    "الساعات": "hour", "الأيام": "day", "الأسابيع": "week", "الأشهر": "month",
    "الشهور": "month", "الأعوام": "year", "السنوات": "year", "السنين": "year",
    "العقود": "decade",
}  # fmt: skip
"""A plural unit with the article, as in خلال الأيام المقبلة."""

NEXT = ("المقبل", "المقبلة", "القادم", "القادمة", "المقبلين", "المقبلتين", "الآتي", "التالي",
        "التالية")  # fmt: skip
PREV = ("الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق", "السابقة",
        "الأخير", "الأخيرة", "الماضيين", "الأخيرين", "المنقضي")  # fmt: skip
THIS = ("الجاري", "الجارية", "الحالي", "الحالية", "هذا", "هذه")

MODIFIERS: dict[str, str] = (
    {w: "next" for w in NEXT} | {w: "prev" for w in PREV} | {w: "this" for w in THIS}
)

PARTS_OF_DAY: dict[str, str] = {
    "صباح": "MO", "فجر": "MO", "ضحى": "MO", "ظهر": "MI", "ظهيرة": "MI", "بعد ظهر": "AF",
    "عصر": "AF", "مساء": "EV", "ليل": "NI", "ليلة": "NI", "منتصف ليل": "NI",
}  # fmt: skip
"""A part of the day before the day it belongs to (صباح الخميس) -> TIMEX3 code."""

DAY_PART_ADVERBS: dict[str, str] = {
    "صباحا": "MO", "فجرا": "MO", "ظهرا": "MI", "عصرا": "AF", "مساء": "EV", "مساءا": "EV",
    "ليلا": "NI", "بعد الظهر": "AF", "بعد الظهيرة": "AF", "قبل الظهر": "MO",
}  # fmt: skip
"""A part of the day after a clock time or alone (الثالثة عصرا) -> TIMEX3 code."""

CLOCK_PARTS: dict[str, str] = {
    "صباح": "MO", "الصباح": "MO", "فجر": "MO", "الفجر": "MO", "ظهر": "MI", "الظهر": "MI",
    "عصر": "AF", "العصر": "AF", "مساء": "EV", "المساء": "EV", "ليل": "NI", "الليل": "NI",
}  # fmt: skip
"""A part of the day after من, as in الثالثة من عصر الخميس."""

PERIOD_PARTS: dict[str, str] = {
    "مطلع": "early", "أوائل": "early", "بداية": "early", "بدايات": "early", "مستهل": "early",
    "أول": "early", "منتصف": "mid", "أواسط": "mid", "أواخر": "late", "نهاية": "late",
    "آخر": "late", "خواتيم": "late", "نهايات": "late",
}  # fmt: skip

RELATIVE_DAYS: dict[str, int] = {
    "أمس": -1, "الأمس": -1, "البارحة": -1, "أول أمس": -2, "أول من أمس": -2, "أمس الأول": -2,
    "غدا": 1, "الغد": 1, "غد": 1, "بعد غد": 2, "بعد الغد": 2, "اليوم": 0,
}  # fmt: skip

SETS: dict[str, str] = {
    "يوميا": "P1D", "أسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y", "عاما بعد عام": "P1Y",
    "كل يوم": "P1D", "كل أسبوع": "P1W", "كل شهر": "P1M", "كل عام": "P1Y", "كل سنة": "P1Y",
    "كل ساعة": "PT1H", "كل عامين": "P2Y", "كل سنتين": "P2Y", "كل شهرين": "P2M",
    "كل أسبوعين": "P2W", "كل يومين": "P2D", "مرة في الأسبوع": "P1W", "مرة في الشهر": "P1M",
    "مرة في السنة": "P1Y", "مرة في العام": "P1Y", "مرة كل عام": "P1Y", "مرة كل شهر": "P1M",
    "مرة كل أسبوع": "P1W", "مرتين في الأسبوع": "P1W", "مرتين في الشهر": "P1M",
    "مرتين في السنة": "P1Y", "مرتين في العام": "P1Y", "كل صباح": "P1D", "كل مساء": "P1D",
    "كل ليلة": "P1D",
}  # fmt: skip

REFS: dict[str, str] = {
    "الآن": "PRESENT_REF", "حاليا": "PRESENT_REF", "في الوقت الحالي": "PRESENT_REF",
    "في الوقت الراهن": "PRESENT_REF", "حتى الآن": "PRESENT_REF", "مؤخرا": "PAST_REF",
    "في الماضي": "PAST_REF", "سابقا": "PAST_REF", "قريبا": "FUTURE_REF",
    "في المستقبل": "FUTURE_REF", "مستقبلا": "FUTURE_REF",
    "في المستقبل القريب": "FUTURE_REF", "في وقت لاحق": "FUTURE_REF",
}  # fmt: skip

HOLIDAYS: dict[str, str] = {
    "عيد الفطر": "eid_fitr", "عيد الفطر المبارك": "eid_fitr", "عيد الأضحى": "eid_adha",
    "عيد الأضحى المبارك": "eid_adha", "رأس السنة الهجرية": "hijri_new_year",
    "المولد النبوي": "mawlid", "المولد النبوي الشريف": "mawlid", "ذكرى المولد النبوي": "mawlid",
    "عاشوراء": "ashura", "يوم عرفة": "arafah", "ليلة القدر": "qadr",
    "عيد الميلاد": "christmas", "عيد الميلاد المجيد": "christmas", "عيد الفصح": "easter",
    "الفصح": "easter", "عيد الفصح الأرثوذكسي": "orthodox_easter",
    "الفصح الأرثوذكسي": "orthodox_easter", "عيد الفصح الشرقي": "orthodox_easter",
    "رأس السنة الميلادية": "new_year", "رأس السنة": "new_year", "ليلة رأس السنة": "new_year_eve",
    "عيد العمال": "labour_day", "عيد الحب": "valentine", "عيد الأم": "mothers_day",
    "يوم المرأة العالمي": "womens_day", "رمضان": "ramadan", "شهر رمضان": "ramadan",
    "شهر رمضان المبارك": "ramadan", "رمضان المبارك": "ramadan",
}  # fmt: skip

DECADES: dict[str, int] = {}
for _i, _stem in enumerate(("عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين",
                            "تسعين"), start=2):  # fmt: skip
    for _suffix in ("يات", "ات"):
        DECADES[_stem + _suffix] = _i
        DECADES["ال" + _stem + _suffix] = _i

SEASONS: dict[str, str] = {
    "الربيع": "SP", "ربيع": "SP", "الصيف": "SU", "صيف": "SU", "الخريف": "FA", "خريف": "FA",
    "الشتاء": "WI", "شتاء": "WI",
}  # fmt: skip

QUARTER_WORDS: dict[str, int] = {"الأول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الأخير": 4}
HALF_WORDS: dict[str, int] = {"الأول": 1, "الثاني": 2}


def folded_table(table: Mapping[str, V]) -> dict[str, V]:
    """``table`` with folded keys and inner spaces collapsed (a lookup table for matches)."""
    return {" ".join(fold(k).split()): v for k, v in table.items()}
