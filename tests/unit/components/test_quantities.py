"""The ``quantities`` component: numbers, ordinals, percentages, money, measures, counted nouns."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.components.quantities import find_quantities, quantities
from marsad.components.timex import timex
from marsad.doc import Dateline, Document, Meta


def analyse(text: str, dateline: str | None = None) -> Document:
    meta = Meta(published="2024-07-19")
    if dateline:
        meta.dateline = Dateline(dateline, 0, len(dateline))
    doc = Document(text, meta=meta)
    return quantities(timex(doc))


def found(text: str, dateline: str | None = None) -> list[tuple[str, float, str | None]]:
    return [(q.kind, q.value, q.unit) for q in analyse(text, dateline).quantities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وافق 120 نائبا على القانون.", ("CARDINAL", 120, "نائب")),
        ("تستضيف القاعدة 54 ألف جندي.", ("CARDINAL", 54000, "جندي")),
        ("أصيب 300 شخص في الحادث.", ("CARDINAL", 300, "شخص")),
        ("قتل ثلاثة أطفال.", ("CARDINAL", 3, "أطفال")),
        ("سقط عشرات القتلى.", ("CARDINAL", 20, "قتلى")),
        ("بلغ عدد السكان ١٢٬٥٠٠ نسمة.", ("CARDINAL", 12500, "نسمة")),
        ("تضم الجامعة ثلاثمئة وخمسين طالبا.", ("CARDINAL", 350, "طالب")),
    ],
)
def test_cardinals_and_counted_nouns(text: str, expected: tuple[str, float, str]) -> None:
    assert found(text) == [expected]


def test_vague_amounts_carry_the_approx_flag() -> None:
    (q,) = analyse("خرج عشرات الآلاف من المتظاهرين.").quantities
    assert (q.value, q.approx, q.text) == (20000, True, "عشرات الآلاف")
    (q,) = analyse("أنفقت الشركة نحو 40 مليون دولار.").quantities
    assert q.approx and q.unit == "USD"


@pytest.mark.parametrize(
    ("text", "value"),
    [("ارتفع التضخم إلى 5.3%.", 5.3), ("تراجعت البطالة 3 في المئة.", 3),
     ("نما الاقتصاد 2.1 بالمئة.", 2.1), ("انخفضت الأسعار ١٥٪.", 15),
     ("زادت الرواتب خمسة في المائة.", 5)],
)  # fmt: skip
def test_percentages(text: str, value: float) -> None:
    assert found(text) == [("PERCENT", value, "%")]


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("بلغت قيمة الصفقة 2.5 مليار دولار.", 2.5e9, "USD"),
        ("خصص الاتحاد 500 مليون يورو.", 5e8, "EUR"),
        ("سعر التذكرة 100 جنيه مصري.", 100, "EGP"),
        ("دفع 50 جنيها إسترلينيا.", 50, "GBP"),
        ("رصدت الحكومة 3 ملايين دينار كويتي.", 3e6, "KWD"),
        ("بلغ الراتب 10 آلاف ليرة تركية.", 1e4, "TRY"),
        ("ربحت الشركة 5 مليارات ين.", 5e9, "JPY"),
        ("يباع الكتاب بسعر $30.", 30, "USD"),
        ("أنفقت الحكومة مئات الملايين من الدولارات.", 2e8, "USD"),
    ],
)
def test_money_with_iso_codes(text: str, value: float, code: str) -> None:
    assert found(text) == [("MONEY", value, code)]


def test_bare_currency_from_the_article_country() -> None:
    text = "قالت الحكومة في تونس إن الشركة دفعت 300 دينار غرامة."
    assert found(text) == [("MONEY", 300, "TND")]
    assert found("دفعت الشركة 300 دينار غرامة.", dateline="عمان") == [("MONEY", 300, "JOD")]
    assert found("دفع الزبون 20 ريالا ثمنا للوجبة.") == [("MONEY", 20, "ريال")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("يمتد الطريق 350 كيلومترا.", 350, "km"),
        ("تنتج الحقول 200 ألف برميل يوميا.", 200000, "bbl"),
        ("تولد المحطة 50 ميغاواط.", 50, "MW"),
        ("سجلت الحرارة 45 درجة مئوية.", 45, "°C"),
        ("تبلغ مساحة المحمية 600 كيلومتر مربع.", 600, "km2"),
        ("ضبطت الجمارك 3 أطنان من المخدرات.", 3, "t"),
    ],
)
def test_units(text: str, value: float, unit: str) -> None:
    assert found(text) == [("QUANTITY", value, unit)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("فاز الفريق للمرة الثالثة.", 3), ("حلت في المرتبة الثانية.", 2),
     ("احتفلت بالذكرى الـ75 لاستقلالها.", 75), ("يزور المنطقة لأول مرة.", 1),
     ("أصبحت ثاني أكبر اقتصاد.", 2), ("سجل في الدقيقة 90.", 90),
     ("دمرت خلال الحرب العالمية الثانية.", 2)],
)  # fmt: skip
def test_ordinals_only_where_they_rank(text: str, value: float) -> None:
    assert found(text) == [("ORDINAL", value, None)]


def test_ordinal_words_elsewhere_are_not_quantities() -> None:
    assert found("قال الرجل الثاني في الحزب إن الاجتماع انتهى.") == []


def test_numbers_inside_time_expressions_are_left_to_timex() -> None:
    assert found("تأسست الجامعة عام 1951 في 28 يوليو وضمت 40 طالبا.") == [("CARDINAL", 40, "طالب")]
    assert found("منحت السلطات مهلة 48 ساعة.") == []


def test_model_numbers_and_list_marks_are_not_amounts() -> None:
    assert found("اشترت طائرات إف-16 بعد جائحة كوفيد-19.") == []
    assert found("شروط العقد:\n1- تكون مدته سنتين.\n2- يدفع المبلغ.") == []


def test_spans_index_the_original_text() -> None:
    doc = analyse("بلغت الخسائر ٢٫٥ مليار دولارٍ أمريكيّ.")
    doc.check()
    (q,) = doc.quantities
    assert (q.text, q.value, q.unit) == ("٢٫٥ مليار دولارٍ أمريكيّ", 2.5e9, "USD")


def test_find_quantities_needs_no_times() -> None:
    doc = Document("اشترى 3 كتب.")
    assert [q.value for q in find_quantities(doc)] == [3]


def test_seed_article_troops(shared_dir: Path) -> None:
    text = (shared_dir / "samples" / "seed_article.txt").read_text(encoding="utf-8")
    doc = analyse(text)
    assert ("CARDINAL", 54000, "جندي") in [(q.kind, q.value, q.unit) for q in doc.quantities]
    assert 1951 not in [q.value for q in doc.quantities]
