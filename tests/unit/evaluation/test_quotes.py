"""Scoring quotations against a gold file (records written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.doc import Document, Entity, Quote, Speaker
from marsad.errors import EvaluationError
from marsad.evaluation.quotes import read_gold, score, speaker_right

TEXT = "وقال سامي نور: «سنفتح المعبر غدا». وقالت ليلى: «لن نغادر». وتحدث المدير عن «الخطة الخمسية»."


def write(tmp_path: Path, records: list[dict[str, object]]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


def gold(tmp_path: Path) -> Path:
    quotes = [
        {"quote": "سنفتح المعبر غدا", "speaker": ["سامي نور", "نور"]},
        {"quote": "لن نغادر", "speaker": "ليلى"},
    ]
    return write(tmp_path, [{"id": "a1", "text": TEXT, "quotes": quotes}])


def system_doc(speaker_of_second: str) -> Document:
    doc = Document(TEXT, id="a1")
    doc.entities = [Entity("p:1", "PER", "سامي نور", latin="Sami Nour")]
    s1 = TEXT.index("سنفتح")
    s2 = TEXT.index("لن نغادر")
    s3 = TEXT.index("الخطة")
    who = TEXT.index(speaker_of_second)
    doc.quotes = [
        Quote(s1, s1 + 16, TEXT[s1 : s1 + 16], "direct", speaker=Speaker(5, 13, "سامي نور", "p:1")),
        Quote(s2, s2 + 8, TEXT[s2 : s2 + 8], "direct",
              speaker=Speaker(who, who + len(speaker_of_second), speaker_of_second)),
        Quote(s3, s3 + 12, TEXT[s3 : s3 + 12], "direct"),
    ]  # fmt: skip
    doc.check()
    return doc


def test_reads_quotes_by_their_text(tmp_path: Path) -> None:
    (record,) = read_gold(gold(tmp_path))
    first = record.quotes[0]
    assert TEXT[first.start : first.end] == "سنفتح المعبر غدا"
    assert first.kind == "direct" and first.speakers == ("سامي نور", "نور")
    assert record.quotes[1].speakers == ("ليلى",)


def test_found_precision_and_speakers(tmp_path: Path) -> None:
    (record,) = read_gold(gold(tmp_path))
    scores = score([(record, system_doc("ليلى"))])
    direct = scores.kinds["direct"]
    assert (direct.gold, direct.system, direct.matched_gold) == (2, 3, 2)
    assert direct.recall == 100.0 and round(direct.precision, 2) == 66.67
    assert scores.speakers_right == 2 and scores.speaker_accuracy == 100.0
    assert any("spurious" in line for line in scores.errors)


def test_a_wrong_speaker_counts_against(tmp_path: Path) -> None:
    (record,) = read_gold(gold(tmp_path))
    scores = score([(record, system_doc("المدير"))])
    assert (scores.speakers_right, scores.speakers_gold) == (1, 2)


def test_speaker_matched_through_the_entity_name() -> None:
    doc = system_doc("ليلى")
    quote = doc.quotes[0]
    assert speaker_right(quote, ("Sami Nour",), doc)
    assert not speaker_right(doc.quotes[2], ("سامي نور",), doc)  # no speaker at all


def test_errors_name_the_line(tmp_path: Path) -> None:
    bad = write(tmp_path, [{"id": "a", "text": TEXT, "quotes": [{"quote": "ليس في النص"}]}])
    with pytest.raises(EvaluationError, match=r"gold.jsonl:1: .*not found"):
        read_gold(bad)
    wrong_kind = {"id": "a", "text": TEXT, "quotes": [{"quote": "لن نغادر", "kind": "quoted"}]}
    with pytest.raises(EvaluationError, match="kind"):
        read_gold(write(tmp_path, [wrong_kind]))
