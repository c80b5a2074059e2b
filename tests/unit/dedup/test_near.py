"""Near-duplicate detection on articles written for these tests."""

from __future__ import annotations

import datetime as dt
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


BACKGROUND = (
    "وكانت الحكومة قد أطلقت قبل عامين برنامجا واسعا لتحديث قطاع المياه يشمل بناء محطات "
    "لتحلية مياه البحر على الساحل الجنوبي وإصلاح شبكات التوزيع القديمة في المدن الكبرى، "
    "بتمويل مشترك من الموازنة العامة وقروض ميسرة من صناديق التنمية الإقليمية. ويعاني البلد من "
    "شح متزايد في الموارد المائية بسبب تراجع معدلات الأمطار خلال العقد الأخير وارتفاع "
    "الاستهلاك في القطاع الزراعي الذي يستحوذ على أكثر من نصف المياه المتاحة. ويقول خبراء إن "
    "الفاقد في الشبكات القديمة يتجاوز ثلث الكميات المضخوخة، وإن معالجة هذه المشكلة وحدها قد "
    "توفر ما يكفي لتلبية حاجات مئات الآلاف من السكان في فصل الصيف. وتخطط السلطات لطرح مناقصات "
    "جديدة قبل نهاية العام لإنشاء خزانات استراتيجية في المحافظات الداخلية التي تعتمد على "
    "الآبار الجوفية المهددة بالنضوب."
)
LEAD_A = (
    "وقعت وزارة المياه صباح الثلاثاء عقدا مع تحالف من الشركات المحلية لبناء محطة جديدة لتحلية "
    "مياه البحر بطاقة مئتي ألف متر مكعب يوميا قرب الميناء الجنوبي على أن تبدأ الأعمال الشهر المقبل."
)
LEAD_B = (
    "احتج مئات المزارعين أمام مقر المحافظة مساء الخميس على قرار خفض حصص مياه الري المخصصة "
    "لبساتين الزيتون في الموسم الحالي، مطالبين بتعويضات عن الخسائر التي لحقت بمحاصيلهم."
)


def test_articles_sharing_only_background_are_not_copies() -> None:
    index = NearDuplicateIndex()
    index.add("contract", LEAD_A + "\n" + BACKGROUND)
    assert index.add("protest", LEAD_B + "\n" + BACKGROUND) == []
    top = "أعلن رئيس الوزراء مساء الأربعاء تخصيص دعم إضافي للمشروع بعد زيارته موقع المحطة."
    update = top + "\n" + LEAD_A + "\n" + BACKGROUND  # a new top on the earlier article
    assert [p.original for p in index.find("update", update)] == ["contract"]


def test_copies_weeks_apart_need_a_closer_match() -> None:
    day = dt.date(2024, 5, 1)
    copy = edited(BODY, 0.08)
    index = NearDuplicateIndex()
    index.add("a", BODY, published=day)
    assert index.find("b", copy, published=day + dt.timedelta(days=2))
    assert index.find("c", copy, published=day + dt.timedelta(days=30)) == []
    assert index.find("d", BODY + " ", published=day + dt.timedelta(days=30))[0].kind == "exact"


def test_short_stubs_are_exact_copies_only_with_the_same_headline() -> None:
    stub = "جميع المقالات المنشورة تعبر عن رأي كتابها فقط"
    index = NearDuplicateIndex()
    index.add("a", "ذكريات من المدينة القديمة\n" + stub)
    assert index.add("b", "رسالة إلى صديق بعيد\n" + stub) == []
    assert index.add("c", "ذكريات من المدينة القديمة\n" + stub)[0].original == "a"


def test_a_known_headline_is_left_out_only_when_the_text_repeats_it() -> None:
    assert body_words("العنوان\nنص الخبر", headline="العنوان") == ["نص", "الخبر"]
    assert body_words("سطر أول\nنص الخبر", headline="عنوان آخر") == ["سطر", "اول", "نص", "الخبر"]
    index = NearDuplicateIndex()
    index.add("a", BODY, headline="عنوان")
    assert index.find("b", "عنوان جديد\n" + BODY, headline="عنوان جديد")[0].kind == "exact"
    assert len(index) == 1
