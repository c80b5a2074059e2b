"""Scoring of name transliteration: character error rate, exact match, gold-file parsing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from marsad.errors import EvaluationError
from marsad.evaluation.translit import GoldPair, evaluate, parse_pair, read_pairs, score


def test_score_is_case_insensitive_and_counts_reference_characters() -> None:
    scores = score(["John", "Smith", "Kritenbrink"], ["john", "Smyth", "Kritenbrink"])
    assert scores.pairs == 3
    assert scores.reference_chars == 4 + 5 + 11
    assert scores.edits == 1
    assert scores.exact == 2
    assert scores.cer == pytest.approx(1 / 20)
    assert scores.exact_rate == pytest.approx(2 / 3)


def test_score_counts_insertions_and_deletions() -> None:
    scores = score(["Rahm", "Lloyd"], ["Ram", "Loyde"])
    assert scores.edits == 1 + 2
    assert scores.exact == 0
    assert scores.cer == pytest.approx(3 / 9)


def test_folded_scores_ignore_accents_and_punctuation_but_the_plain_ones_do_not() -> None:
    scores = score(["Núñez", "O'Hara", "Ortiz"], ["Nunez", "Ohara", "Ortis"])
    assert scores.edits == 2 + 1 + 1
    assert scores.exact == 0
    assert scores.folded_chars == 5 + 5 + 5
    assert scores.folded_edits == 1
    assert scores.folded_exact == 2
    assert scores.folded_cer == pytest.approx(1 / 15)
    assert scores.to_dict()["folded_exact"] == pytest.approx(0.6667)


def test_score_of_an_empty_output_is_the_whole_reference() -> None:
    assert score(["Geddie"], [""]).cer == pytest.approx(1.0)


def test_score_rejects_mismatched_lengths() -> None:
    with pytest.raises(EvaluationError):
        score(["a", "b"], ["a"])


def test_parse_pair_joins_spelt_out_letters_and_ignores_extra_columns() -> None:
    assert parse_pair("smith\tس م ي ث\t2934\n", "gold:1") == GoldPair("smith", "سميث")
    assert parse_pair("Antony Blinken\tأنتوني بلينكن", "gold:2") == GoldPair(
        "Antony Blinken", "أنتوني بلينكن"
    )
    assert parse_pair("   \n", "gold:3") is None
    assert parse_pair("# comment\tx", "gold:4") is None


def test_parse_pair_names_the_line_at_fault() -> None:
    with pytest.raises(EvaluationError, match=r"gold\.tsv:7"):
        parse_pair("only-latin\n", "gold.tsv:7")


def test_read_pairs_and_evaluate_with_a_romanizer(tmp_path: Path) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text("john\tج و ن\t5\nsmith\tسميث\n\n", encoding="utf-8")
    seen: list[str] = []

    def romanize(names: Sequence[str]) -> list[str]:
        seen.extend(names)
        return ["John", "Smit"]

    scores = evaluate(read_pairs(gold), romanize)
    assert seen == ["جون", "سميث"]
    assert scores.edits == 1
    assert scores.exact == 1
    assert scores.to_dict()["cer"] == pytest.approx(round(1 / 9, 4))
    assert scores.names_per_second > 0


def test_read_pairs_rejects_a_file_without_pairs(tmp_path: Path) -> None:
    gold = tmp_path / "empty.tsv"
    gold.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"empty\.tsv"):
        read_pairs(gold)
