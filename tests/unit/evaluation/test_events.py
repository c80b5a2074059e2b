"""Scoring events against a gold file (records written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.doc import Actor, Document, Event, Sentence
from marsad.errors import EvaluationError
from marsad.evaluation.events import read_gold, score

RECORDS = [
    {"id": "e1", "text": "قصفت إسرائيل مواقع في لبنان.",
     "events": [{"type": "ASSAULT", "source": "ISR MIL", "target": "LBN"}]},
    {"id": "e2", "text": "التقت مصر وفرنسا.",
     "events": [{"type": "CONSULT", "source": "EGY", "target": "FRA"}]},
    {"id": "e3", "text": "ارتفع سعر الذهب.", "events": []},
    {"id": "e4", "text": "ارتفع سعر النفط.", "events": []},
]  # fmt: skip


def write(tmp_path: Path, records: list[dict[str, object]]) -> Path:
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


def event(kind: str, source: str | None, target: str | None) -> Event:
    def actor(code: str | None) -> Actor | None:
        return Actor("x", 0, 1, None, code) if code else None

    return Event(kind, Sentence(0, 5), 0.5, source=actor(source), target=actor(target))


def docs(*events: list[Event]) -> list[Document]:
    out = []
    for record, found in zip(RECORDS, events, strict=True):
        doc = Document(str(record["text"]), id=str(record["id"]))
        doc.events = found
        out.append(doc)
    return out


def test_type_recall_actor_accuracy_and_false_events(tmp_path: Path) -> None:
    records = read_gold(write(tmp_path, RECORDS))
    found = docs(
        [event("ASSAULT", "ISR MIL", "SYR")],
        [event("CONSULT", "FRA", "EGY")],  # symmetric: the direction does not count
        [],
        [event("PROTEST", None, None)],
    )
    scores = score(zip(records, found, strict=True))
    assert scores.recall("ASSAULT") == 100.0 and scores.recall() == 100.0
    assert round(scores.precision(), 2) == 66.67
    assert (scores.source_country.right, scores.source_country.total) == (2, 2)
    assert (scores.target_country.right, scores.target_country.total) == (1, 2)
    assert (scores.sector.right, scores.sector.total) == (1, 1)
    assert (scores.empty_sentences, scores.empty_with_events, scores.false_events) == (2, 1, 1)
    assert scores.false_event_rate == 50.0
    figures = scores.as_dict()
    assert figures["per_type"]["ASSAULT"]["recall"] == 100.0
    assert figures["no_event_sentences"]["false_event_rate"] == 50.0


def test_a_missed_type_is_listed(tmp_path: Path) -> None:
    records = read_gold(write(tmp_path, RECORDS))
    scores = score(zip(records, docs([event("ACCUSE", "ISR", None)], [], [], []), strict=True))
    assert scores.recall("ASSAULT") == 0.0 and scores.recall("CONSULT") == 0.0
    assert any("missed ASSAULT" in line for line in scores.errors)


def test_bad_records_name_the_line(tmp_path: Path) -> None:
    bad = [{"id": "x", "text": "نص", "events": [{"type": "ATTACK"}]}]
    with pytest.raises(EvaluationError, match=r"events.jsonl:1: .*PLOVER"):
        read_gold(write(tmp_path, bad))
    with pytest.raises(EvaluationError, match="no gold records"):
        read_gold(write(tmp_path, []))
