"""Article anatomy: headline, agency, byline and dateline from the top of an article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.components.anatomy import (
    agency_index,
    anatomy,
    clean_headline,
    lookup_agency,
    read_anatomy,
)
from marsad.doc import Dateline, Document, Meta

SAMPLES = Path(__file__).resolve().parents[3] / "samples"
BODY = "أعلن مسؤول حكومي أن الاجتماع سيعقد في موعده المحدد."


def place(text: str, dateline: Dateline | None) -> str:
    """The dateline's place, checked against its span in ``text``."""
    assert dateline is not None
    assert text[dateline.start : dateline.end] == dateline.place
    return dateline.place


# --- the agency table ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("رويترز", "Reuters"),
        ("وكالة رويترز للأنباء", "Reuters"),
        ("فرانس برس", "AFP"),
        ("أ ف ب", "AFP"),
        ("أ.ف.ب", "AFP"),
        ("ا ف ب", "AFP"),
        ("وكالة الصحافة الفرنسية", "AFP"),
        ("أسوشيتد برس", "AP"),
        ("أ ب", "AP"),
        ("د ب أ", "dpa"),
        ("الأناضول", "Anadolu"),
        ("الاناضول", "Anadolu"),
        ("شينخوا", "Xinhua"),
        ("أ ش أ", "MENA"),
        ("وكالة أنباء الشرق الأوسط", "MENA"),
        ("وام", "WAM"),
        ("واس", "SPA"),
        ("قنا", "QNA"),
        ("كونا", "KUNA"),
        ("سبوتنيك", "Sputnik"),
        ("بترا", "Petra"),
        ("سانا", "SANA"),
        ("إرنا", "IRNA"),
        ("وفا", "WAFA"),
        ("تاس", "TASS"),
        ("نوفوستي", "RIA Novosti"),
        ("كيودو", "Kyodo"),
        ("يونهاب", "Yonhap"),
        ("إفي", "EFE"),
        ("آكي", "AKI"),
        ("Reuters", "Reuters"),
        ("afp", "AFP"),
    ],
)
def test_agencies_are_found_under_their_arabic_names(name: str, latin: str) -> None:
    assert lookup_agency(name) == latin


@pytest.mark.parametrize("name", ["طائرة مسيرة", "الحكومة", "", "...", "وكالة"])
def test_other_words_are_not_agencies(name: str) -> None:
    assert lookup_agency(name) is None


def test_table_keys_are_unambiguous() -> None:
    assert len(set(agency_index().values())) >= 30


# --- headline ------------------------------------------------------------------------------------


def test_headline_with_trailing_agency_credit() -> None:
    text = "مصر والأردن تبحثان تعزيز التعاون بواسطة فرانس برس\n\nعمان (بترا) – بحث الجانبان."
    found = read_anatomy(text)
    assert found.headline == "مصر والأردن تبحثان تعزيز التعاون"
    assert found.agency == "AFP"  # the headline's credit comes first
    assert place(text, found.dateline) == "عمان"


def test_by_followed_by_something_else_stays_in_the_headline() -> None:
    text = f"اغتيال قائد ميداني بواسطة طائرة مسيرة\n\nغزة - {BODY}"
    found = read_anatomy(text)
    assert found.headline == "اغتيال قائد ميداني بواسطة طائرة مسيرة"
    assert found.agency is None
    assert place(text, found.dateline) == "غزة"


def test_headline_needs_a_blank_line_or_a_byline_or_dateline_after_it() -> None:
    assert read_anatomy("سطر قصير\nوسطر آخر من النص بلا تاريخ.").headline is None
    assert read_anatomy("عنوان قصير\nبقلم سارة علي\nنص.").headline == "عنوان قصير"
    assert read_anatomy("عنوان قصير\nالقدس (وفا) - نص.").headline == "عنوان قصير"


def test_a_lead_in_line_is_not_a_headline() -> None:
    text = f"وفي ما يلي النتائج الكاملة:\n\nالقدس - {BODY}"
    assert read_anatomy(text).headline is None


def test_a_weak_dateline_does_not_make_the_line_above_a_headline() -> None:
    text = f"هذا المقال منشور بالتعاون مع موقع آخر\nبيروت - {BODY}"
    found = read_anatomy(text)
    assert found.headline is None
    assert place(text, found.dateline) == "بيروت"


def test_a_full_sentence_is_not_a_headline() -> None:
    found = read_anatomy("انتهى الاجتماع دون نتائج.\n\nوقال مسؤول إن المحادثات ستستأنف.")
    assert found == type(found)()


def test_a_long_first_line_is_not_a_headline() -> None:
    line = " ".join(["كلمة"] * 40)
    assert read_anatomy(f"{line}\n\nنص.").headline is None


def test_clean_headline() -> None:
    assert clean_headline(" عنوان الخبر بواسطة رويترز ") == ("عنوان الخبر", "Reuters")
    assert clean_headline("عنوان الخبر - بواسطة وكالة الأناضول.") == ("عنوان الخبر", "Anadolu")
    assert clean_headline("نقل الجرحى بواسطة مروحية") == ("نقل الجرحى بواسطة مروحية", None)


# --- byline --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("بقلم جون سميث", "جون سميث"),
        ("بقلم: سارة الحسيني", "سارة الحسيني"),
        ("بقلم :  هبة عبد الرحمن", "هبة عبد الرحمن"),
        ("كتب أحمد منصور", "أحمد منصور"),
        ("كتب: محمود علي", "محمود علي"),
        ("كتبت منى فؤاد", "منى فؤاد"),
        ("إعداد: ليلى كريم", "ليلى كريم"),
        ("بقلم جان-بيار دوبون", "جان-بيار دوبون"),
    ],
)
def test_byline_variants(line: str, byline: str) -> None:
    text = f"عنوان الخبر\n\n{line}\nبيروت - {BODY}"
    found = read_anatomy(text)
    assert found.byline == byline
    assert found.headline == "عنوان الخبر"
    assert place(text, found.dateline) == "بيروت"


def test_byline_with_an_agency_credit() -> None:
    found = read_anatomy("بقلم جون سميث - رويترز\nلندن - نص.")
    assert (found.byline, found.agency) == ("جون سميث", "Reuters")
    found = read_anatomy("بقلم ماري دوبوا (أ ف ب)\nباريس - نص.")
    assert (found.byline, found.agency) == ("ماري دوبوا", "AFP")


def test_a_body_sentence_starting_with_wrote_is_not_a_byline() -> None:
    text = "عنوان\n\nكتب الرئيس في تغريدة على منصة إكس أن المفاوضات ستستمر حتى التوصل إلى اتفاق."
    assert read_anatomy(text).byline is None


# --- dateline ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "where", "agency"),
    [
        ("طوكيو (رويترز) –", "طوكيو", "Reuters"),
        ("القاهرة - أ ش أ:", "القاهرة", "MENA"),
        ("واشنطن (أ ف ب) -", "واشنطن", "AFP"),
        ("بيروت - (الأناضول) -", "بيروت", "Anadolu"),
        ("الرياض: واس", "الرياض", "SPA"),
        ("الرياض: واس -", "الرياض", "SPA"),
        ("أبوظبي - وام:", "أبوظبي", "WAM"),
        ("الكويت - كونا -", "الكويت", "KUNA"),
        ("الدوحة (قنا) -", "الدوحة", "QNA"),
        ("بكين (شينخوا) —", "بكين", "Xinhua"),
        ("نيو دلهي (رويترز) –", "نيو دلهي", "Reuters"),
        ("بيروت، 12 مارس (أ ف ب) -", "بيروت", "AFP"),
        ("دمشق 3 أبريل (سانا) -", "دمشق", "SANA"),
        ("الخرطوم (وكالة محلية) -", "الخرطوم", "وكالة محلية"),  # not in the table: as written
        ("غزة -", "غزة", None),
        ("رام الله –", "رام الله", None),
    ],
)
def test_dateline_variants(opening: str, where: str, agency: str | None) -> None:
    text = f"عنوان الخبر\n\n{opening} أعلن مسؤول أن الاجتماع سيعقد الأسبوع المقبل."
    found = read_anatomy(text)
    assert place(text, found.dateline) == where
    assert found.agency == agency


def test_dateline_without_headline() -> None:
    text = "واشنطن (أ ف ب) - أعلنت وزارة الخارجية اليوم."
    found = read_anatomy(text)
    assert found.headline is None
    assert found.dateline == Dateline("واشنطن", 0, 6)
    assert found.agency == "AFP"


def test_dateline_offsets_index_the_original_text() -> None:
    text = "\u200fعنوان\u200f\n\nطُوكيـــو (رويـترز) – يعقد الوزيران محادثات."
    found = read_anatomy(text)
    assert found.headline == "عنوان"
    assert place(text, found.dateline) == "طُوكيـــو"
    assert found.agency == "Reuters"


@pytest.mark.parametrize(
    "body",
    [
        "وقال الرئيس (في كلمته) إن البلاد بخير.",
        "قال وزير الخارجية الأمريكي جو سميث - في مؤتمر صحفي - إن",
        "2024 - عام الانتخابات.",
        "المصدر: الحكومة المحلية أعلنت ذلك.",
        "ذكرت وكالة الأنباء السعودية (واس) - أن الملك استقبل الوفد.",
        "وأفاد مصدر أمني لمراسلنا (رويترز) - بأن الهجوم وقع فجرا.",
        "معتز التلا - ممثل سوري",  # a short caption line, not a paragraph
        "عمّان (رويترز) التقى وزير الداخلية وفدا برلمانيا.",  # no separator after the credit
    ],
)
def test_body_openings_that_are_not_datelines(body: str) -> None:
    assert read_anatomy(f"عنوان\n\n{body}").dateline is None


def test_only_the_top_of_the_article_is_read() -> None:
    body = "\n".join(f"الفقرة رقم {i} من النص." for i in range(10))
    text = f"عنوان\n\n{body}\nبقلم جون سميث\nلندن (رويترز) - نص."
    assert read_anatomy(text) == type(read_anatomy(text))(headline="عنوان")


def test_sub_headline_before_the_dateline() -> None:
    text = "عنوان رئيسي\n\nعنوان فرعي يشرح الخبر\nالقدس (وفا) - نص الخبر."
    found = read_anatomy(text)
    assert found.headline == "عنوان رئيسي"
    assert place(text, found.dateline) == "القدس"


def test_empty_and_blank_texts() -> None:
    assert read_anatomy("") == type(read_anatomy(""))()
    assert read_anatomy("\n \n\u200f\n").headline is None


# --- the component and caller metadata -----------------------------------------------------------


def test_component_fills_meta() -> None:
    text = "عنوان الخبر بواسطة رويترز\n\nبقلم جون سميث\nلندن (رويترز) – نص."
    doc = anatomy(Document(text))
    meta = doc.meta
    assert (meta.headline, meta.agency, meta.byline) == ("عنوان الخبر", "Reuters", "جون سميث")
    assert place(text, meta.dateline) == "لندن"
    doc.check()


def test_caller_metadata_is_kept() -> None:
    text = "عنوان من النص\n\nبقلم جون سميث\nلندن (رويترز) – نص."
    meta = Meta(
        headline="عنوان من المتصل", agency="BBC", byline="محرر", published="2024-07-19",
        url="https://example.org/x",
    )  # fmt: skip
    doc = anatomy(Document(text, meta=meta))
    assert doc.meta.headline == "عنوان من المتصل"
    assert (doc.meta.agency, doc.meta.byline) == ("BBC", "محرر")
    assert (doc.meta.published, doc.meta.url) == ("2024-07-19", "https://example.org/x")
    assert place(text, doc.meta.dateline) == "لندن"


def test_caller_headline_is_cleaned_of_the_agency_credit() -> None:
    text = "عنوان الخبر بواسطة رويترز\n\nلندن (رويترز) – نص."
    doc = anatomy(Document(text, meta=Meta(headline="عنوان الخبر بواسطة رويترز")))
    assert doc.meta.headline == "عنوان الخبر"
    assert doc.meta.agency == "Reuters"


def test_caller_headline_repeated_as_first_line_is_skipped() -> None:
    text = f"عنوان الخبر\nبيروت - {BODY}"  # no blank line: recognised as the caller's title
    doc = anatomy(Document(text, meta=Meta(headline="عنوان الخبر")))
    assert place(text, doc.meta.dateline) == "بيروت"


# --- the shipped samples and the seed article ----------------------------------------------------

EXPECTED = {
    "01_doha_maritime_talks": ("Reuters", "ليلى الكعبي", "الدوحة"),
    "02_tunis_protest": ("AFP", "كريم بن عمر", "تونس"),
    "03_darfur_airstrike": ("Anadolu", None, "بورتسودان"),
    "04_eu_sanctions": ("Reuters", "ماريا شتاينر", "بروكسل"),
    "05_zawiya_ceasefire": ("MENA", "هبة عبد الرحمن", "القاهرة"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shipped_samples(name: str) -> None:
    text = (SAMPLES / "articles" / f"{name}.txt").read_text(encoding="utf-8")
    found = read_anatomy(text)
    agency, byline, where = EXPECTED[name]
    assert found.headline is not None
    assert found.headline == text.split("\n", 1)[0].split(" بواسطة ")[0]
    assert (found.agency, found.byline) == (agency, byline)
    assert place(text, found.dateline) == where


def test_sample_records_agree_with_the_text_files() -> None:
    lines = (SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(EXPECTED)
    for record in records:
        assert {"id", "text", "published", "url", "title"} <= set(record)
        assert record["title"] == record["text"].split("\n", 1)[0]
        doc = anatomy(Document(record["text"], meta=Meta(headline=record["title"])))
        assert doc.meta.agency in {agency for agency, _, _ in EXPECTED.values()}
        assert "بواسطة" not in (doc.meta.headline or "")


def test_seed_article(shared_dir: Path) -> None:
    text = (shared_dir / "samples" / "seed_article.txt").read_text(encoding="utf-8")
    found = read_anatomy(text)
    first_line = text.split("\n", 1)[0]
    assert found.headline == first_line.removesuffix(" بواسطة رويترز")
    assert found.agency == "Reuters"
    assert found.byline == "جون جيدي"
    assert place(text, found.dateline) == "طوكيو"
