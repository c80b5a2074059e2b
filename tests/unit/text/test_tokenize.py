"""Tokens over the original text, and proclitic splitting for matching."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.text.tokenize import proclitic_variants, split_proclitics, strip_proclitics, tokenize


def texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("بلغت 1,500.5 دولار", ["بلغت", "1,500.5", "دولار"]),
        ("نحو ٣٫٥ و١٬٢٠٠", ["نحو", "٣٫٥", "و", "١٬٢٠٠"]),
        ("۱۴۰۳", ["۱۴۰۳"]),
        ("في 28/7/2024", ["في", "28", "/", "7", "/", "2024"]),
        ("بنسبة 12%", ["بنسبة", "12", "%"]),
        ("عام 2024.", ["عام", "2024", "."]),
        ("1,500,", ["1,500", ","]),
    ],
)
def test_numbers_keep_their_inner_separators(text: str, tokens: list[str]) -> None:
    assert texts(text) == tokens


def test_punctuation_is_split_off() -> None:
    assert texts("«نعم»، قال: (لا)؟") == ["«", "نعم", "»", "،", "قال", ":", "(", "لا", ")", "؟"]
    assert texts("“الردع الموسع”.") == ["“", "الردع", "الموسع", "”", "."]
    assert texts("طائرات F-16") == ["طائرات", "F", "-", "16"]


def test_words_keep_their_diacritics_and_tatweel() -> None:
    assert texts("مُحَمَّدٌ كـــبير") == ["مُحَمَّدٌ", "كـــبير"]


def test_offsets_index_the_original_text() -> None:
    text = "  وقال الرئيسُ: «سنعود»\nغداً."
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_a_window_of_the_text() -> None:
    text = "الأول الثاني الثالث"
    tokens = tokenize(text, 6, 12)
    assert [(t.start, t.end, t.text) for t in tokens] == [(6, 12, "الثاني")]
    assert tokenize(text, 0, 0) == []
    assert [t.text for t in tokenize(text, 13)] == ["الثالث"]


@given(st.text(alphabet=st.sampled_from("وقال الرئيسُ ٢٠٢٤ 1,5.0 «»،:؟\n\tـ") | st.characters()))
def test_tokens_cover_every_visible_character_once(text: str) -> None:
    tokens = tokenize(text)
    covered = [i for t in tokens for i in range(t.start, t.end)]
    assert covered == sorted(set(covered))
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert not any(ch.isspace() for ch in token.text)
    visible = [i for i, ch in enumerate(text) if not ch.isspace()]
    assert set(visible) <= set(covered)


# --- proclitics ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "prefixes", "stem"),
    [
        ("وبالمحادثات", ("و", "ب", "ال"), "محادثات"),
        ("للحكومه", ("ل", "ال"), "حكومه"),
        ("وللحكومه", ("و", "ل", "ال"), "حكومه"),
        ("فالرييس", ("ف", "ال"), "رييس"),
        ("كالعاده", ("ك", "ال"), "عاده"),
        ("والسلام", ("و", "ال"), "سلام"),
        ("الولايات", ("ال",), "ولايات"),
    ],
)
def test_article_ending_chains_are_split(word: str, prefixes: tuple[str, ...], stem: str) -> None:
    assert split_proclitics(word) == (prefixes, stem)
    assert strip_proclitics(word) == stem


@pytest.mark.parametrize(
    "word", ["وزير", "بريطانيا", "فلسطين", "لبنان", "كندا", "والي", "الي", "ال"]
)
def test_words_without_an_article_chain_are_not_split(word: str) -> None:
    assert split_proclitics(word) == ((), word)


def test_short_stems_are_not_split() -> None:
    assert split_proclitics("بالا") == ((), "بالا")
    assert split_proclitics("بالامس", min_stem=4) == ((), "بالامس")


def test_variants_offer_riskier_readings_for_lexicon_lookups() -> None:
    assert proclitic_variants("وواشنطن") == ("وواشنطن", "واشنطن")
    assert "واشنطن" in proclitic_variants("لواشنطن")
    assert proclitic_variants("وبالمحادثات")[0] == "وبالمحادثات"
    assert proclitic_variants("وبالمحادثات")[-1] == "محادثات"
    assert proclitic_variants("مصر") == ("مصر",)
