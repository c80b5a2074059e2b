"""Entity-level NER scoring: IOB1/IOB2 reading, exact-match counts, the type mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import EvaluationError
from marsad.evaluation.ner import (
    DEFAULT_TYPE_MAP,
    map_chunks,
    parse_conll,
    parse_type_map,
    read_conll,
    score,
    score_tags,
)
from marsad.text.iob import Chunk, chunks, to_iob2

GOLD = """\
-DOCSTART- O

زار B-PERS
محمد I-PERS
سالم I-PERS
القاهرة B-LOC
. O

أعلنت O
وزارة B-ORG
الصحة I-ORG
في O
عمان B-LOC
"""


def test_iob2_and_iob1_give_the_same_chunks() -> None:
    iob2 = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC"]
    iob1 = ["I-PER", "I-PER", "O", "I-LOC", "B-LOC"]
    expected = [Chunk("PER", 0, 2), Chunk("LOC", 3, 4), Chunk("LOC", 4, 5)]
    assert chunks(iob2) == expected
    assert chunks(iob1) == expected


def test_type_change_inside_i_tags_starts_a_new_chunk() -> None:
    assert chunks(["I-ORG", "I-PER", "I-PER", "O", "I-MISC"]) == [
        Chunk("ORG", 0, 1),
        Chunk("PER", 1, 3),
        Chunk("MISC", 4, 5),
    ]


def test_to_iob2_round_trips() -> None:
    spans = [Chunk("ORG", 1, 3), Chunk("GPE", 4, 5)]
    assert to_iob2(6, spans) == ["O", "B-ORG", "I-ORG", "O", "B-GPE", "O"]
    assert chunks(to_iob2(6, spans)) == spans


def test_parse_conll_skips_docstart_and_splits_sentences() -> None:
    sentences = parse_conll(GOLD.splitlines())
    assert len(sentences) == 2
    assert sentences[0].tokens[:2] == ("زار", "محمد")
    assert sentences[1].tags == ("O", "B-ORG", "I-ORG", "O", "B-LOC")


def test_read_conll_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.conll"
    path.write_text("كلمة O\nوحيدة\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="line 2"):
        read_conll(path)


def test_bad_tag_is_rejected() -> None:
    with pytest.raises(EvaluationError, match="X-PER"):
        parse_conll(["كلمة X-PER"])


def test_known_precision_recall_f1() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC", "O", "B-ORG"], ["B-MISC", "O"]]
    # PER exact, LOC with a wrong boundary, ORG missed, MISC right, one spurious PER.
    pred = [["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O"], ["B-MISC", "B-PER"]]
    scores = score_tags(gold, pred)
    assert (scores.micro.tp, scores.micro.fp, scores.micro.fn) == (2, 2, 2)
    assert scores.micro.precision == pytest.approx(50.0)
    assert scores.micro.recall == pytest.approx(50.0)
    assert scores.micro.f1 == pytest.approx(50.0)
    per = scores.per_type["PER"]
    assert (per.tp, per.fp, per.fn) == (1, 1, 0)
    assert per.precision == pytest.approx(50.0)
    assert per.recall == pytest.approx(100.0)
    assert per.f1 == pytest.approx(200 / 3)
    assert scores.per_type["ORG"].f1 == 0.0


def test_type_mapping_default_and_override() -> None:
    found = [Chunk("PER", 0, 1), Chunk("GPE", 1, 2), Chunk("FAC", 2, 3), Chunk("NORP", 3, 4)]
    assert [c.type for c in map_chunks(found, DEFAULT_TYPE_MAP)] == ["PERS", "LOC", "LOC", "MISC"]
    custom = parse_type_map("PER=PER, GPE=GPE")
    assert [c.type for c in map_chunks(found, custom)] == ["PER", "GPE", "LOC", "MISC"]
    assert map_chunks([Chunk("UNKNOWN", 0, 1)], DEFAULT_TYPE_MAP)[0].type == "MISC"


def test_mapping_syntax_error_is_reported() -> None:
    with pytest.raises(EvaluationError, match="PERS"):
        parse_type_map("PERS")


def test_mismatched_sentence_counts_are_an_error() -> None:
    with pytest.raises(EvaluationError):
        score([[Chunk("PER", 0, 1)]], [])
