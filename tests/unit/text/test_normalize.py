"""Normalization: each folding, and the offset map back to the original (property tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.normalize import (
    DIACRITICS,
    LIGHT,
    MATCH,
    TATWEEL,
    Folding,
    NormalizedText,
    _table,
    fold,
    normalize,
)

ARABIC_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
SAMPLES = (
    ARABIC_LETTERS
    + DIACRITICS[:12]
    + TATWEEL
    + "\u200e\u200f\u200b\u200c\u200d\u202a\u202b\u202c\u2066\u2069\u061c\ufeff\u00ad"  # invisible
    + "\ufefb\ufef5\ufef7\ufe8d\ufe91\ufb50\ufb8e\ufdf2\ufe70\ufc5e\ufefc"  # presentation forms
    + "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬٪"  # Arabic-Indic and Persian digits, separators
    + "\u00a0\u2009\u202f\u3000\u2003 \n\t"  # odd and plain spaces
    + "کیھ"  # Persian letters
    + 'abcXYZ019.,:؛،؟!«»“”"()-–'
)
TEXTS = st.text(alphabet=st.sampled_from(SAMPLES) | st.characters(), max_size=40)
FOLDINGS = st.sampled_from(
    [MATCH, LIGHT, Folding(diacritics=False), Folding(digits=False, alef=False)]
)
MARKS = set(DIACRITICS + TATWEEL)


# --- the offset map (property tests) -------------------------------------------------------------


@settings(max_examples=300)
@given(TEXTS, FOLDINGS)
def test_every_normalized_span_maps_to_a_valid_original_span(text: str, folding: Folding) -> None:
    norm = normalize(text, folding)
    n = len(norm.text)
    for i in range(n + 1):
        for j in range(i, n + 1):
            start, end = norm.to_original(i, j)
            assert 0 <= start <= end <= len(text)
            if i < j:
                assert start < end


@settings(max_examples=300)
@given(TEXTS, FOLDINGS)
def test_mapped_spans_cover_the_characters_that_produced_them(text: str, folding: Folding) -> None:
    norm = normalize(text, folding)
    n = len(norm.text)
    for i in range(n):
        for j in range(i + 1, n + 1):
            start, end = norm.to_original(i, j)
            # Folding is character by character, so the covered original folds to a string
            # containing exactly the normalized span (plus pieces of expansions at the edges).
            assert norm.text[i:j] in fold(text[start:end], folding)


@settings(max_examples=300)
@given(TEXTS, FOLDINGS)
def test_offset_map_is_monotonic_and_invertible(text: str, folding: Folding) -> None:
    norm = normalize(text, folding)
    starts = [norm.to_original(i, i + 1)[0] for i in range(len(norm.text))]
    assert starts == sorted(starts)
    for i, start in enumerate(starts):
        k = norm.to_normalized(start)
        assert k <= i
        assert norm.to_original(k, k + 1)[0] == start


@settings(max_examples=200)
@given(TEXTS, FOLDINGS)
def test_normalized_text_is_the_translation_by_the_table(text: str, folding: Folding) -> None:
    expected = text.translate(_table(folding))
    assert normalize(text, folding).text == expected
    assert fold(text, folding) == expected


@settings(max_examples=200)
@given(TEXTS)
def test_spans_keep_the_marks_of_their_last_letter(text: str) -> None:
    norm = normalize(text, MATCH)
    n = len(norm.text)
    for j in range(1, n + 1):
        inside_expansion = j < n and norm.to_original(j, j + 1)[0] == norm.to_original(j - 1, j)[0]
        end = norm.to_original(0, j)[1]
        if not inside_expansion:
            assert end == len(text) or text[end] not in MARKS


def test_folding_is_idempotent_on_samples() -> None:
    text = "أَعلنَت الحكومةُ ٢٠٢٤ \ufefb مـــصر"
    once = fold(text)
    assert fold(once) == once


# --- each folding, by example --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "folded"),
    [
        ("أإآٱ", "اااا"),  # alef forms
        ("على مستوى", "علي مستوي"),  # alef maqsura -> ya
        ("الحكومة", "الحكومه"),  # ta marbuta -> ha
        ("مؤتمر رئيس", "موتمر رييس"),  # hamza carriers
        ("مُحَمَّدٌ", "محمد"),  # diacritics
        ("قرآنٰ", "قران"),  # superscript alef is a diacritic
        ("كـــبير", "كبير"),  # tatweel
        ("٢٠٢٤", "2024"),  # Arabic-Indic digits
        ("۱۴۰۳", "1403"),  # Persian digits
        ("٣٫٥ و١٬٥٠٠ و٥٠٪", "3.5 و1,500 و50%"),  # Arabic decimal/thousands separators, percent
        ("\ufefb", "لا"),  # presentation-form ligature
        ("\ufe8d\ufee0\ufee4", "الم"),  # isolated/initial/medial forms
        ("\u200fمصر\u200e", "مصر"),  # bidi marks
        ("\u202bغزة\u202c", "غزه"),  # bidi embedding
        ("a\u00a0b\u2009c\u202fd", "a b c d"),  # odd spaces
        ("کیھ", "كيه"),  # Persian letters
        ("ab\u200bc\u00ad", "abc"),  # zero-width space, soft hyphen
    ],
)
def test_match_folding(original: str, folded: str) -> None:
    assert normalize(original).text == folded


def test_light_folding_keeps_spelling_but_drops_marks() -> None:
    assert fold("أُسْرَة على ٢٠ـ", LIGHT) == "أسرة على 20"


def test_foldings_can_be_switched_off() -> None:
    assert fold("مُدرسة", Folding(diacritics=False)) == "مُدرسه"
    assert fold("٢٠٢٤", Folding(digits=False)) == "٢٠٢٤"
    assert fold("إلى", Folding(alef=False)) == "إلي"


# --- the map, by example -------------------------------------------------------------------------


def test_one_for_one_foldings_keep_offsets() -> None:
    norm = normalize("أعلنت الحكومة")
    assert norm.text == "اعلنت الحكومه"
    assert norm.to_original(6, 13) == (6, 13)


def test_deletions_shift_offsets_back() -> None:
    text = "قال مُحَمَّدٌ إن"
    norm = normalize(text)
    start = norm.text.index("محمد")
    o_start, o_end = norm.to_original(start, start + 4)
    assert text[o_start:o_end] == "مُحَمَّدٌ"  # the final tanween stays with its letter


def test_tatweel_inside_a_span_is_covered() -> None:
    text = "رئيس الـــوزراء"
    norm = normalize(text)
    start = norm.text.index("الوزراء")
    o_start, o_end = norm.to_original(start, start + len("الوزراء"))
    assert text[o_start:o_end] == "الـــوزراء"


def test_expansions_map_to_the_whole_ligature() -> None:
    text = "ب\ufefbد"  # ب + lam-alef ligature + د
    norm = normalize(text)
    assert norm.text == "بلاد"
    assert norm.to_original(1, 2) == (1, 2)  # lam: the ligature
    assert norm.to_original(2, 3) == (1, 2)  # alef: the same ligature
    assert norm.to_original(0, 4) == (0, 3)
    assert norm.to_normalized(2) == 3


def test_empty_spans_and_edges() -> None:
    text = "\u200fمصر"
    norm = normalize(text)
    assert norm.to_original(0, 0) == (1, 1)
    assert norm.to_original(3, 3) == (4, 4)
    assert normalize("").to_original(0, 0) == (0, 0)


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (2, 1), (0, 99)])
def test_spans_outside_the_normalized_text_are_refused(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="outside normalized text"):
        normalize("مُصر").to_original(start, end)


def test_normalized_text_records_its_original() -> None:
    norm = normalize("مِصر")
    assert isinstance(norm, NormalizedText)
    assert norm.original == "مِصر"
