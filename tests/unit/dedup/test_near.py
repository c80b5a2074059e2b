"""Near-duplicate detection on articles written for these tests."""

from __future__ import annotations

import random

from marsad.dedup.near import NearDuplicateIndex, body_words, find_duplicates, shingles

BODY = (
    "أعلنت وزارة الزراعة في الأردن اليوم الأحد عن خطة جديدة لتوسيع زراعة القمح في المناطق "
    "الشمالية خلال الموسم المقبل، وقال وزير الزراعة إن الخطة تشمل توزيع بذور محسنة على آلاف "
    "المزارعين وتحديث شبكات الري القديمة في ثلاث محافظات. وأضاف الوزير أن الحكومة خصصت "
    "مبلغا إضافيا لدعم صغار المزارعين الذين تضرروا من موجة الجفاف في العام الماضي، مشيرا إلى "
    "أن الإنتاج المحلي قد يرتفع بنسبة كبيرة إذا تحسنت الأمطار. وتستورد المملكة معظم حاجتها من "
    "القمح من الخارج، ويأمل المسؤولون أن تقلل الخطة من الاعتماد على الواردات."
)
OTHER = (
    "افتتح مهرجان الفيلم العربي في مدينة وهران مساء الخميس بعرض فيلم وثائقي عن تاريخ المدينة "
    "القديم، بحضور عدد كبير من الفنانين والنقاد القادمين من تونس والمغرب ومصر. وقالت مديرة "
    "المهرجان إن الدورة الحالية تضم أكثر من أربعين فيلما قصيرا وطويلا، وإن لجنة التحكيم ستعلن "
    "النتائج في حفل الختام يوم الأربعاء المقبل. ويتنافس المخرجون الشباب على جائزة خاصة أنشئت "
    "هذا العام لتشجيع المواهب الجديدة في السينما المستقلة."
)


def edited(text: str, share: float, seed: int = 1) -> str:
    rng = random.Random(seed)
    words = text.split(" ")
    return " ".join("تعديل" if rng.random() < share else w for w in words)


def test_exact_copy_with_new_headline_is_exact() -> None:
    index = NearDuplicateIndex()
    assert index.add("a", "خطة لتوسيع زراعة القمح\n" + BODY) == []
    pairs = index.add("b", "الأردن يوسع زراعة القمح\n" + BODY)
    assert [(p.article, p.original, p.kind) for p in pairs] == [("b", "a", "exact")]


def test_diacritics_and_hamza_variants_do_not_hide_a_copy() -> None:
    variant = BODY.replace("أعلنت", "اعلنت").replace("المملكة", "المملكةُ")
    pairs = find_duplicates([("a", BODY), ("b", variant)])
    assert pairs and pairs[0].kind == "exact"


def test_copy_with_boilerplate_and_edits_is_near() -> None:
    copy = (
        "عنوان آخر\n"
        + edited(BODY, 0.08)
        + "\nتابعونا على مواقع التواصل الاجتماعي لمزيد من الأخبار"
    )
    pairs = find_duplicates([("a", "عنوان\n" + BODY), ("b", copy)])
    assert [(p.original, p.kind) for p in pairs] == [("a", "near")]
    assert 0.3 <= pairs[0].similarity < 1.0


def test_different_articles_are_not_duplicates() -> None:
    assert find_duplicates([("a", BODY), ("b", OTHER)]) == []


def test_heavily_rewritten_text_is_not_a_duplicate() -> None:
    assert find_duplicates([("a", BODY), ("b", edited(BODY, 0.6, seed=4))]) == []


def test_short_texts_only_match_exactly() -> None:
    assert find_duplicates([("a", "خبر قصير جدا عن الطقس"), ("b", "خبر قصير عن الطقس")]) == []


def test_body_words_drop_headline_and_fold() -> None:
    words = body_words("عنوانٌ قصير\nأعلنت الوزارةُ 3 قرارات")
    assert words == ["اعلنت", "الوزاره", "3", "قرارات"]
    assert shingles(["أ", "ب"]) == {"أ ب"}
    assert len(shingles(["a", "b", "c", "d"])) == 2
