"""Sentence splitting: Arabic punctuation, quotations, decimals, lists, abbreviations, lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from marsad.text.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_arabic_comma_does_not_end_a_sentence() -> None:
    assert sentences("قال الوزير، وأضاف أن الاجتماع انتهى.") == [
        "قال الوزير، وأضاف أن الاجتماع انتهى."
    ]


def test_arabic_semicolon_question_and_exclamation_end_sentences() -> None:
    text = "انتهى الاجتماع؛ ولم يصدر بيان. هل يعود الوفد؟ لا أحد يعرف! ربما غدا"
    assert sentences(text) == [
        "انتهى الاجتماع؛",
        "ولم يصدر بيان.",
        "هل يعود الوفد؟",
        "لا أحد يعرف!",
        "ربما غدا",
    ]


def test_runs_of_terminators_and_ellipses_stay_together() -> None:
    assert sentences("هل انتهى الأمر؟! لا أعتقد… ربما.") == [
        "هل انتهى الأمر؟!",
        "لا أعتقد…",
        "ربما.",
    ]


def test_full_stops_inside_closed_quotations_do_not_split() -> None:
    assert sentences("وقال: “سنعود. ولن نستسلم” ثم غادر. وصمت الجميع.") == [
        "وقال: “سنعود. ولن نستسلم” ثم غادر.",
        "وصمت الجميع.",
    ]
    assert sentences("وردد المحتجون «لا للغلاء. نعم للكرامة» طوال المسيرة. ثم تفرقوا.") == [
        "وردد المحتجون «لا للغلاء. نعم للكرامة» طوال المسيرة.",
        "ثم تفرقوا.",
    ]
    assert sentences('وكتب: "الوضع خطير. جدا" في تغريدة. وانتهى.') == [
        'وكتب: "الوضع خطير. جدا" في تغريدة.',
        "وانتهى.",
    ]


def test_a_quotation_ending_with_its_own_full_stop_ends_the_sentence() -> None:
    assert sentences("وقالت: «انتهى الأمر.» ثم غادرت.") == ["وقالت: «انتهى الأمر.»", "ثم غادرت."]
    assert sentences("وقال: “لن نتراجع.” وأضاف.") == ["وقال: “لن نتراجع.”", "وأضاف."]


def test_an_unclosed_quotation_does_not_swallow_the_paragraph() -> None:
    assert sentences("“لن نتراجع. أبدا. وهذا وعدنا") == ["“لن نتراجع.", "أبدا.", "وهذا وعدنا"]


def test_decimals_do_not_split() -> None:
    assert sentences("ارتفع التضخم إلى 3.5 في المئة. وبلغ العجز ٢.٥ مليار.") == [
        "ارتفع التضخم إلى 3.5 في المئة.",
        "وبلغ العجز ٢.٥ مليار.",
    ]
    assert sentences("انتهى عام 2024. وبدأ عام جديد.") == ["انتهى عام 2024.", "وبدأ عام جديد."]


def test_numbered_lists_keep_their_numbers() -> None:
    text = "1. وقف إطلاق النار\n2. تبادل المحتجزين\n٣. فتح المعابر\nأ. بند فرعي"
    assert sentences(text) == [
        "1. وقف إطلاق النار",
        "2. تبادل المحتجزين",
        "٣. فتح المعابر",
        "أ. بند فرعي",
    ]


def test_one_letter_abbreviations_do_not_split() -> None:
    assert sentences("قال د. أحمد إن الأمر انتهى. ثم غادر.") == [
        "قال د. أحمد إن الأمر انتهى.",
        "ثم غادر.",
    ]


def test_line_breaks_end_sentences_and_blank_lines_vanish() -> None:
    text = "عنوان بلا نقطة\n\nبقلم فلان\r\nطوكيو - نص الخبر.  \n"
    assert sentences(text) == ["عنوان بلا نقطة", "بقلم فلان", "طوكيو - نص الخبر."]


def test_spans_are_stripped_offsets_into_the_original() -> None:
    text = "  أول جملة.   ثانية.  "
    spans = split_sentences(text)
    assert [(s.start, s.end) for s in spans] == [(2, 11), (14, 20)]
    assert split_sentences("") == []
    assert split_sentences(" \n\t ") == []


@given(st.text(alphabet=st.sampled_from("قال وزير ٢3.؛؟!…،«»“”\"'()\n\r ") | st.characters()))
def test_sentences_partition_the_visible_text(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert not text[span.start].isspace()
        assert not text[span.end - 1].isspace()
        assert "\n" not in text[span.start : span.end]
        assert not text[previous_end : span.start].strip()
        previous_end = span.end
    assert not text[previous_end:].strip()
