"""Mention types refined by gazetteer heads and by the word before the name."""

from __future__ import annotations

import pytest

from marsad.text.ner_features import NerLexicon, model_number_end, refine_type

LEXICON = NerLexicon.build([
    ("EVENT_HEAD", "مهرجان"), ("LAW_HEAD", "قانون"), ("REGION", "البحر الأحمر"),
    ("LOC_HEAD", "جبل"), ("FAC_HEAD", "مطار"), ("CITY", "البصرة"),
    ("PER_TOKEN", "سليم"), ("PER_TOKEN", "حداد"),
])  # fmt: skip


@pytest.mark.parametrize(
    ("words", "kind", "before", "expected"),
    [
        (["كورولا"], "MISC", "السيارة", "PRODUCT"),
        (["إس-400"], "MISC", "ومنظومة", "PRODUCT"),
        (["طائرات", "رافال"], "MISC", "", "PRODUCT"),
        (["كورولا"], "MISC", "الكاتب", "MISC"),
        (["تويوتا"], "ORG", "سيارة", "ORG"),  # the maker stays an organization
        (["مهرجان", "الربيع"], "MISC", "", "EVENT"),
        (["قانون", "الإعلام"], "MISC", "", "LAW"),
        (["سليم", "حداد"], "MISC", "", "PER"),
        (["البحر", "الأحمر"], "GPE", "", "LOC"),
        (["جبل", "الشيخ"], "GPE", "", "LOC"),
        (["مطار", "الملكة"], "GPE", "", "FAC"),
        (["البصرة"], "LOC", "", "GPE"),
    ],
)
def test_refine_type(words: list[str], kind: str, before: str, expected: str) -> None:
    assert refine_type(words, kind, LEXICON, before) == expected


@pytest.mark.parametrize(
    ("words", "end", "expected"),
    [
        (["إف", "-", "16", "جديدة"], 1, 3),
        (["أيونيك", "5", "الكهربائية"], 1, 2),
        (["ميغ", "٢٩"], 1, 2),
        (["رافال", "الفرنسية"], 1, 1),
        (["إس", "-", "الروسية"], 1, 1),
        (["باتريوت"], 1, 1),
    ],
)
def test_model_number_end(words: list[str], end: int, expected: int) -> None:
    assert model_number_end(words, end) == expected
