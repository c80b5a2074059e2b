"""The index analysis: folding, clitics, light stems, digits, content hashes."""

from __future__ import annotations

from marsad.store.terms import analyse, analyse_word, content_hash, index_columns, light_stem


def test_folding_and_clitics_meet() -> None:
    assert analyse_word("الأمريكيّة") == analyse_word("الامريكية")
    assert analyse_word("وبالمحادثات") == ("محادثات", "محادث")
    assert analyse_word("محادثات") == ("محادثات", "محادث")


def test_stem_joins_gender_and_number_forms() -> None:
    assert light_stem("امريكي") == light_stem("امريكيه") == "امريك"
    assert light_stem("مفاوضات") == "مفاوض"


def test_foreign_names_keep_their_base() -> None:
    base, _ = analyse_word("بوتين") or ("", "")
    assert base == "بوتين"


def test_digits_fold_and_separators_drop() -> None:
    assert analyse_word("٢٠٢٤") == ("2024", "2024")
    assert analyse_word("1,500") == ("1500", "1500")
    assert analyse_word("٣٫٥") == ("3.5", "3.5")
    assert analyse_word("،") is None


def test_columns_are_aligned_and_spans_are_original() -> None:
    text = "قال الوزيرُ: المحادثاتُ مستمرة."
    base, stem = index_columns(text)
    assert len(base.split()) == len(stem.split()) == 4
    terms = analyse(text)
    assert [text[t.start : t.end] for t in terms] == ["قال", "الوزيرُ", "المحادثاتُ", "مستمرة"]


def test_content_hash_ignores_diacritics_and_spacing_only() -> None:
    assert content_hash("قالَ  الوزير\n") == content_hash("قال الوزير")
    assert content_hash("قال الوزير") != content_hash("قال الوزراء")
