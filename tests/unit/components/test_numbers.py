"""Arabic numbers in digits and words (``marsad.components.numbers``)."""

from __future__ import annotations

import re

import pytest

from marsad.components.numbers import (
    NUMBER,
    ordinal_value,
    parse_digits,
    parse_number,
    split_numbers,
)
from marsad.text.normalize import fold

RUN = re.compile(NUMBER)


def read(text: str) -> list[tuple[float, bool]]:
    folded = fold(text)
    out = []
    for m in RUN.finditer(folded):
        out += [(n.value, n.approx) for n in split_numbers(folded, m.start(), m.end())]
    return out


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,500,000", 1_500_000), ("1.500.000", 1_500_000), ("2.5", 2.5), ("2,5", 2.5),
        ("٢٥٫٥", 25.5), ("١٢٬٥٠٠", 12_500), ("54", 54),
    ],
)  # fmt: skip
def test_digits_with_separators(text: str, value: float) -> None:
    assert parse_digits(fold(text)) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ثلاثة", 3), ("خمسة وعشرون", 25), ("ثلاثمئة وخمسون", 350), ("ثلاث مئة", 300),
        ("مئة وخمسة وعشرون", 125), ("أحد عشر", 11), ("إحدى عشرة", 11), ("اثنا عشر", 12),
        ("سبعة عشر", 17), ("ألفين", 2000), ("ألفان وخمسمئة", 2500), ("ثلاثة آلاف", 3000),
        ("عشرة آلاف", 10_000), ("خمسة عشر ألفا", 15_000), ("مئة ألف", 100_000),
        ("مليون وثلاثمئة ألف", 1_300_000), ("مليون ونصف", 1_500_000),
        ("نصف مليون", 500_000), ("ملياري", 2e9), ("2.5 مليار", 2.5e9), ("54 ألف", 54_000),
        ("مليار و200 مليون", 1.2e9), ("7 ملايين ونصف المليون", 7.5e6),
        ("ألف وتسعمئة وخمسون", 1950), ("ثمانمئة", 800), ("مائتين وخمسين", 250),
    ],
)  # fmt: skip
def test_word_numbers(text: str, value: float) -> None:
    assert read(text) == [(value, False)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("عشرات", 20), ("مئات", 200), ("آلاف", 2000), ("عشرات الآلاف", 20_000),
     ("مئات الآلاف", 200_000), ("ملايين", 2e6), ("بضعة آلاف", 3000)],
)  # fmt: skip
def test_vague_amounts_are_approximate_lower_bounds(text: str, value: float) -> None:
    assert read(text) == [(value, True)]


@pytest.mark.parametrize(
    ("text", "values"),
    [("3 و5", [3, 5]), ("20 و30", [20, 30]), ("2020 و2021", [2020, 2021]),
     ("5 آلاف و8 آلاف", [5000, 8000]), ("2 مليون و3 ملايين", [2e6, 3e6])],
)  # fmt: skip
def test_runs_split_into_separate_numbers(text: str, values: list[float]) -> None:
    assert [v for v, _ in read(text)] == values


def test_parse_number_wants_exactly_one_number() -> None:
    one = parse_number(fold("خمسة وعشرون"))
    assert one is not None and one.value == 25
    assert parse_number("3 و5") is None
    assert parse_number(fold("جندي")) is None
    assert parse_number(fold("أحد")) is None  # أحد alone is "one of", not a number


@pytest.mark.parametrize(
    ("text", "value"),
    [("الأول", 1), ("الأولى", 1), ("الثالثة", 3), ("الحادي عشر", 11), ("الحادية عشرة", 11),
     ("التاسع عشر", 19), ("العشرين", 20), ("الحادي والعشرين", 21), ("ثالث", 3)],
)  # fmt: skip
def test_ordinal_words(text: str, value: int) -> None:
    assert ordinal_value(fold(text)) == value


def test_unknown_ordinal() -> None:
    assert ordinal_value("كتاب") is None
