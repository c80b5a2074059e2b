"""Checks every adapter's document passes: empty and non-Arabic texts are rejected."""

from __future__ import annotations

import pytest

from marsad.errors import InputError
from marsad.ingest.documents import arabic_share, build_document, check_text

ARABIC = "أعلنت وزارة الزراعة اليوم عن خطة جديدة لدعم صغار المزارعين في المناطق الريفية."


def test_arabic_share_counts_letters_only() -> None:
    share, letters = arabic_share("قال الوزير 2024 ok")
    assert letters == 11
    assert share == pytest.approx(9 / 11)


def test_build_document_fills_meta_and_id() -> None:
    doc = build_document(
        ARABIC, "dir/a.txt", headline="  خطة   جديدة ", published="Sun, 18 Feb 2018 21:35:43 +0400"
    )
    assert doc.id == "dir/a.txt"
    assert doc.meta.headline == "خطة جديدة"
    assert doc.meta.published == "2018-02-18T21:35:43+04:00"


def test_unreadable_date_is_dropped_not_fatal() -> None:
    assert build_document(ARABIC, "a", published="yesterday-ish").meta.published is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("   \n ", "empty"),
        ("... 12 ...", "empty"),
        ("The minister said the plan works.", "not_arabic"),
    ],
)
def test_rejections(text: str, reason: str) -> None:
    with pytest.raises(InputError) as info:
        check_text(text, "x.txt")
    assert info.value.reason == reason
    assert info.value.source == "x.txt"


def test_mostly_arabic_with_latin_names_passes() -> None:
    check_text("التقى الوزير نظيره John Smith في مقر الأمم المتحدة بنيويورك", "x")
