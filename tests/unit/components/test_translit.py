"""The packaged name transliterator: lexicon, dictionary, CRF and the capitalized output."""

from __future__ import annotations

import pytest

from marsad.components.translit import (
    Transliterator,
    default_transliterator,
    romanize,
    romanizer_dictionary,
)

EXPECTED = {
    "مارتن": "Martin",
    "كارلوس": "Carlos",
    "ماريا": "Maria",
    "روبرت": "Robert",
    "ويليامز": "Williams",
    "مايكل": "Michael",
    "بيتر": "Peter",
    "أندرسون": "Anderson",
    "ديفيد": "David",
    "ويلسون": "Wilson",
}
"""Frequent training names, for the CRF and its re-ranker without the lexicon."""


def test_frequent_names_come_out_in_their_usual_spelling() -> None:
    assert romanize("جون سميث") == "John Smith"
    assert romanize("جورج ويليامز") == "George Williams"
    assert romanize("توماس ميلر") == "Thomas Miller"
    assert romanize("روبرت") == "Robert"


def test_the_crf_alone_spells_common_names() -> None:
    loaded = default_transliterator()
    bare = Transliterator(loaded.model, loaded.reranker, {})
    spelled = {arabic: bare.romanize(arabic) for arabic in EXPECTED}
    assert sum(spelled[a] == latin for a, latin in EXPECTED.items()) >= len(EXPECTED) - 1, spelled


@pytest.mark.parametrize("name", ["دانييل كريتنبرينك", "أنتوني بلينكن", "تشيزاري بافيزي", "ووك"])
def test_output_is_capitalized_latin_ascii(name: str) -> None:
    latin = romanize(name)
    words = latin.split()
    assert len(words) == len(name.split())
    assert all(w.isascii() and w.isalpha() and w[0].isupper() for w in words), latin


def test_tokens_without_arabic_letters() -> None:
    assert romanize("") == ""
    assert romanize("  ،  ") == ""
    assert romanize("جون F. كينيدي") == "John F. Kennedy"


def test_the_model_is_loaded_once() -> None:
    assert default_transliterator() is default_transliterator()


def test_arab_compound_names_keep_the_dictionary_spelling() -> None:
    if romanizer_dictionary() is None:
        pytest.skip("arabic-name-romanizer is not installed")
    assert romanize("حسن نصر الله") == "Hassan Nasrallah"
    assert romanize("عبد الفتاح السيسي") == "Abdel Fattah al-Sissi"
    assert romanize("جورج بوش") == "George Bush"  # not the dictionary's unit by unit "Baouche"
