"""The ``timex`` component: TIMEX3 values of Arabic time expressions against a reference date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.components.timex import find_times, timex
from marsad.doc import Document, Meta

FRIDAY = "2024-07-19"  # a Friday


def times(text: str, published: str | None = FRIDAY) -> list[tuple[str, str]]:
    doc = Document(text, meta=Meta(published=published))
    return [(t.value, t.type) for t in find_times(doc)]


def values(text: str, published: str | None = FRIDAY) -> list[str]:
    return [value for value, _ in times(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ستعقد اللجنة اجتماعها في 28 يوليو.", "2024-07-28"),
        ("عقدت اللجنة اجتماعها في 28 يوليو.", "2023-07-28"),
        ("وقع الاتفاق في 5 مارس.", "2024-03-05"),
        ("تنطلق الدورة في 3 يناير المقبل.", "2025-01-03"),
        ("صدر الحكم في 25 يوليو الماضي.", "2023-07-25"),
        ("صدر الحكم في 10 يوليو الماضي.", "2024-07-10"),
        ("قال إن القرار يطبق في 25 يوليو الجاري.", "2024-07-25"),
        ("تأسست الجمعية في 14 فبراير 1952.", "1952-02-14"),
        ("صدر القرار في الخامس عشر من سبتمبر.", "2024-09-15"),
    ],
)
def test_month_day_takes_the_year_the_clause_implies(text: str, expected: str) -> None:
    assert values(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("يصل الوفد في 2 أغسطس آب.", "2024-08-02"),
        ("عاد السفير في مايو/أيار الماضي.", "2024-05"),
        ("بدأت الحملة في فبراير (شباط) 2023.", "2023-02"),
        ("تنتهي المهلة في ديسمبر كانون الأول المقبل.", "2024-12"),
        ("أقر البرلمان القانون في كانون الثاني الماضي.", "2024-01"),
        ("تنطلق الرحلات في آذار المقبل.", "2025-03"),
        ("انطلقت الدورة في 12 جانفي 2024.", "2024-01-12"),
        ("حل المجلس في 25 جويلية 2021.", "2021-07-25"),
        ("تسلم مهامه في جانفي الفارط.", "2024-01"),
        ("شهدت المدينة احتجاجات في غشت 2023.", "2023-08"),
    ],
)
def test_doubled_levantine_and_maghreb_month_names(text: str, expected: str) -> None:
    assert values(text) == [expected]


def test_ambiguous_month_words_need_a_date_context() -> None:
    assert values("مارس الضغط على الحكومة طويلا.") == []
    assert values("زار الأب ابنه.") == []
    assert values("صدر القرار في مارس.") == ["2024-03"]
    assert values("عرضت القاعة فيلم نوك آوت أمس.") == ["2024-07-18"]
    assert values("فاز الملاكم بالضربة القاضية (نوك أوت) في الجولة الثالثة.") == []
    assert values("انطلق المهرجان في أوت الماضي.") == ["2023-08"]


def test_month_names_without_publication_date_keep_an_unknown_year() -> None:
    assert values("عقد الاجتماع في 28 يوليو.", None) == ["XXXX-07-28"]
    assert values("سافر الوزير يوم الخميس.", None) == ["XXXX-WXX-4"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الوزير أمس إن الحوار مستمر.", ("2024-07-18", "DATE")),
        ("تعقد الجلسة غداً.", ("2024-07-20", "DATE")),
        ("وصل الوفد أول أمس.", ("2024-07-17", "DATE")),
        ("تستأنف المحادثات بعد غد.", ("2024-07-21", "DATE")),
        ("يلقي الرئيس خطابا الليلة.", ("2024-07-19TNI", "TIME")),
        ("اجتمع المجلس مساء أمس.", ("2024-07-18TEV", "TIME")),
        ("هطلت الأمطار الليلة الماضية.", ("2024-07-18TNI", "TIME")),
        ("قتل ثلاثة أشخاص قبل ثلاثة أيام.", ("2024-07-16", "DATE")),
        ("يعود السفير بعد أسبوعين.", ("2024-W31", "DATE")),
        ("انفصل الشريكان منذ خمس سنوات.", ("2019", "DATE")),
    ],
)
def test_relative_days_and_offsets(text: str, expected: tuple[str, str]) -> None:
    assert expected in times(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("زار باريس الأسبوع الماضي.", "2024-W28"),
        ("تبدأ المرحلة الشهر المقبل.", "2024-08"),
        ("سجلت الشركة أرباحا العام الماضي.", "2023"),
        ("شهدت البورصة ارتفاعا هذا الأسبوع.", "2024-W29"),
        ("فاز بالعقد في العام قبل الماضي.", "2022"),
        ("خصصت الحكومة مبالغ للعام المقبل.", "2025"),
    ],
)
def test_relative_weeks_months_years(text: str, expected: str) -> None:
    assert values(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الرئيس يوم الثلاثاء إن الحوار هو الحل.", "2024-07-16"),
        ("يجتمع المجلس يوم الأحد لبحث الأزمة.", "2024-07-21"),
        ("التقى الوزير نظيره الثلاثاء الماضي.", "2024-07-16"),
        ("تبدأ المناورات الخميس المقبل.", "2024-07-25"),
        ("تعقد القمة يوم الخميس 25 يوليو.", "2024-07-25"),
    ],
)
def test_weekdays_by_tense_and_modifier(text: str, expected: str) -> None:
    assert values(text) == [expected]


def test_a_relative_day_named_with_its_weekday_is_one_expression() -> None:
    assert values("قالت الوزارة اليوم الجمعة إن الأوضاع هادئة.") == ["2024-07-19"]


def test_parts_of_a_period_keep_its_value_and_narrow_its_range() -> None:
    doc = Document("يصل الوفد في منتصف الشهر الجاري.", meta=Meta(published=FRIDAY))
    (time,) = find_times(doc)
    assert (time.value, time.range) == ("2024-07", ("2024-07-11", "2024-07-20"))
    assert values("تراجعت الأسعار في أواخر العام الماضي.") == ["2023"]
    assert values("ارتفعت الأرباح في الربع الأول من العام الجاري.") == ["2024-Q1"]
    assert values("يدخل القانون حيز التنفيذ مطلع عام 2025.") == ["2025"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("انطلقت الرحلة الساعة 14:30 من المطار.", "2024-07-19T14:30"),
        ("يبدأ المؤتمر في الثالثة عصرا.", "2024-07-19T15:00"),
        ("يبدأ البث الساعة السابعة والنصف صباحا.", "2024-07-19T07:30"),
        ("تبدأ الحفلة الساعة الثامنة إلا ربعا مساء.", "2024-07-19T19:45"),
        ("انطلق السباق في العاشرة من صباح الخميس.", "2024-07-18T10:00"),
        ("وقع الانفجار صباح الخميس قرب السفارة.", "2024-07-18TMO"),
        ("ينتهي وقف إطلاق النار عند منتصف الليل.", "2024-07-19T24:00"),
    ],
)
def test_clock_times_and_parts_of_day(text: str, expected: str) -> None:
    assert times(text) == [(expected, "TIME")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("استمرت المفاوضات ثلاث سنوات.", "P3Y"),
        ("منحت السلطات مهلة 48 ساعة.", "PT48H"),
        ("دامت الحرب عامين كاملين.", "P2Y"),
        ("استمر العرض ساعة ونصف.", "PT1H30M"),
        ("تأخرت الرحلة نصف ساعة.", "PT30M"),
        ("ارتفعت الأسعار خلال الأشهر الستة الماضية.", "P6M"),
        ("استأنف البلدان العلاقات بعد 40 عاما على القطيعة.", "P40Y"),
        ("افتتح الجسر بعد ثلاث سنوات من توقيع العقد.", "P3Y"),
    ],
)
def test_durations(text: str, expected: str) -> None:
    assert times(text) == [(expected, "DURATION")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سيكتمل المشروع بعد خمس سنوات على الأقل.", "2029"),
        ("سيعود الوفد بعد عامين من الآن.", "2026"),
    ],
)
def test_an_offset_from_now_stays_a_date(text: str, expected: str) -> None:
    assert times(text)[0] == (expected, "DATE")


def test_a_directed_duration_has_a_range_ending_at_the_reference() -> None:
    doc = Document("ارتفعت الأسعار خلال الأيام الثلاثة الماضية.", meta=Meta(published=FRIDAY))
    (time,) = find_times(doc)
    assert (time.value, time.range) == ("P3D", ("2024-07-16", "2024-07-19"))


def test_vague_future_has_a_range() -> None:
    doc = Document("تتضح الصورة خلال الأيام المقبلة.", meta=Meta(published=FRIDAY))
    (time,) = find_times(doc)
    assert (time.value, time.range) == ("FUTURE_REF", ("2024-07-20", "2024-07-26"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("يجتمع المجلس كل أسبوع.", "P1W"),
        ("يستقبل المتحف مليون زائر سنويا.", "P1Y"),
        ("يتظاهرون كل يوم جمعة.", "XXXX-WXX-5"),
        ("تراجع اللجنة الأسعار كل ثلاثة أشهر.", "P3M"),
    ],
)
def test_sets(text: str, expected: str) -> None:
    assert times(text) == [(expected, "SET")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تأسست الجامعة عام 1951.", ["1951"]),
        ("ارتفعت الديون بين عامي 2015 و2018.", ["2015", "2018"]),
        ("يستمر الاتفاق حتى 2030.", ["2030"]),
        ("انتشرت الموسيقى في الثمانينيات.", ["198"]),
        ("اندلعت الحرب في تسعينيات القرن الماضي.", ["199"]),
        ("من أهم أحداث القرن العشرين.", ["19"]),
        ("تحديات القرن الحادي والعشرين.", ["20"]),
    ],
)
def test_years_decades_and_centuries(text: str, expected: list[str]) -> None:
    assert values(text) == expected


def test_a_bare_number_that_counts_things_is_no_year() -> None:
    assert values("استقبلت المدينة 2000 لاجئ.") == []
    assert values("يتراوح الدخل ما بين 2000 إلى 2500 ريال.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("صدر القرار بتاريخ 28/7/2024.", "2024-07-28"),
        ("صدر التعميم بتاريخ ٢٨-٧-٢٠٢٤.", "2024-07-28"),
        ("آخر تحديث 2024-07-28.", "2024-07-28"),
        ("عقدت الجلسة في 10/10/23.", "2023-10-10"),
        ("أنشئ المستشفى عام ١٩٥١.", "1951"),
    ],
)
def test_numeric_dates_and_eastern_digits(text: str, expected: str) -> None:
    assert values(text) == [expected]


def test_hijri_dates_are_converted_to_gregorian() -> None:
    assert values("صدر المرسوم في 10 ذو الحجة 1445هـ.") == ["2024-06-16"]
    assert values("صدر التعميم بتاريخ 15/9/1445هـ.") == ["2024-03-25"]
    assert values("تنشط الحركة في شهر رجب.", "2024-01-20") == ["2024-01-13"]


def test_a_hijri_month_name_alone_is_not_a_date() -> None:
    assert values("التقى رجب الوزير.") == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("احتفل المسلمون بعيد الأضحى.", "2024-06-20", "2024-06-16"),
        ("تتراجع المبيعات قبل عيد الأضحى.", "2023-06-20", "2023-06-28"),
        ("احتفل المسيحيون بعيد الفصح.", "2024-04-05", "2024-03-31"),
        ("يحتفل الأقباط بعيد الفصح الأرثوذكسي.", "2024-04-20", "2024-05-05"),
        ("تزدحم الكنائس في عيد الميلاد.", "2024-12-20", "2024-12-25"),
        ("ارتفعت المبيعات خلال عيد الفطر 2023.", FRIDAY, "2023-04-21"),
        ("ينتعش السوق قبل عيد الفطر المقبل.", FRIDAY, "2025-03-30"),
    ],
)
def test_holidays_in_the_right_year(text: str, published: str, expected: str) -> None:
    assert expected in values(text, published)


def test_ramadan_is_the_whole_month() -> None:
    doc = Document("تشهد المساجد إقبالا خلال شهر رمضان.", meta=Meta(published="2024-03-01"))
    (time,) = find_times(doc)
    assert (time.value, time.range) == ("2024-03-11", ("2024-03-11", "2024-04-09"))


def test_refs() -> None:
    assert values("يحاول الخبراء حاليا إنقاذ الموقع.") == ["PRESENT_REF"]
    assert values("زار الموقع مؤخرا.") == ["PAST_REF"]


def test_spans_point_into_the_original_text_with_diacritics_and_tatweel() -> None:
    text = "وَصَلَ الوفدُ غداً، ثم في ٢٨ يـوليو."
    doc = Document(text, meta=Meta(published=FRIDAY))
    timex(doc)
    doc.check()
    assert [t.text for t in doc.times] == ["غداً", "٢٨ يـوليو"]
    assert [t.value for t in doc.times] == ["2024-07-20", "2024-07-28"]


def test_proclitics_stay_out_of_the_span() -> None:
    doc = Document("ووصل أمس وبالأمس.", meta=Meta(published=FRIDAY))
    assert [t.text for t in find_times(doc)] == ["أمس", "الأمس"]


def test_published_time_anchors_hour_offsets() -> None:
    doc = Document("وقع الانفجار قبل ساعتين.", meta=Meta(published="2024-07-19T15:20:00"))
    assert [(t.value, t.type) for t in find_times(doc)] == [("2024-07-19T13:20", "TIME")]


def test_empty_and_timeless_texts() -> None:
    assert values("") == []
    assert values("قال المتحدث إن الأوضاع هادئة والناس بخير.") == []


def test_seed_article_dates(shared_dir: Path) -> None:
    text = (shared_dir / "samples" / "seed_article.txt").read_text(encoding="utf-8")
    found = values(text, FRIDAY)
    for expected in ("2024-07-28", "2024-04", "1951", "2024-11", "2025-03"):
        assert expected in found
    assert "2024-03" not in found  # مارس/آذار المقبل is next year's March


_PIECES = [
    "في", "يوم", "الخميس", "الماضي", "المقبل", "28", "٢٨", "يوليو", "تموز", "/", "2024", "عام",
    "مارس", "آذار", "قبل", "ثلاثة", "أيام", "الساعة", "14:30", "الثالثة", "عصرا", "صباح", "أمس",
    "منتصف", "الشهر", "رمضان", "1445هـ", "عيد", "الأضحى", "كل", "أسبوع", "الثمانينيات", "القرن",
    "العشرين", "،", ".", "-", "الجاري", "نهاية", "العام", "48", "ساعة", "ألف", "جندي", "بعد",
    "غد", "منذ", "الـ", "0", "31/12/1999", "قال", "ستعقد",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from([None, FRIDAY]))
def test_any_mix_of_time_words_gives_valid_spans(pieces: list[str], published: str | None) -> None:
    from marsad.components.quantities import quantities

    doc = Document(" ".join(pieces), meta=Meta(published=published))
    quantities(timex(doc))
    doc.check()
    assert all(t.type in ("DATE", "TIME", "DURATION", "SET") and t.value for t in doc.times)


@pytest.mark.slow
def test_ant_articles_give_valid_spans(shared_dir: Path) -> None:
    import email.utils
    import gzip
    import itertools
    import json

    from marsad.components.quantities import quantities

    path = shared_dir / "data" / "news" / "ant_v2.1_multisource.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in itertools.islice(lines, 300):
            record = json.loads(line)
            published = email.utils.parsedate_to_datetime(record["time"]).date().isoformat()
            doc = Document(record["text"], meta=Meta(published=published))
            quantities(timex(doc))
            doc.check()


def test_sub_day_shifts_move_whole_days_only() -> None:
    from marsad.components.timex_calendar import shift

    day = dt.date(2024, 3, 10)
    assert shift(day, "second", -30) == day
    assert shift(day, "minute", 90) == day
    assert shift(day, "hour", -48) == dt.date(2024, 3, 8)
