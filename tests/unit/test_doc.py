"""The Document: the marsad.document/1 contract, its JSON Schema, round trips, span checks."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from marsad.doc import (
    MENTION_TYPES,
    PLOVER_TYPES,
    SCHEMA,
    Actor,
    Cue,
    Dateline,
    Document,
    Entity,
    Event,
    Failure,
    Location,
    Mention,
    Meta,
    Quantity,
    Quote,
    Role,
    Sentence,
    Speaker,
    Time,
    normalize_published,
)
from marsad.errors import DocumentError
from marsad.resources import load_json

TEXT = (
    "واشنطن (رويترز) – قال وزير الخارجية الأمريكي إن بلاده سترسل 54 ألف جندي.\n"
    "وأضاف: «سنفي بالتزاماتنا» في 28 يوليو تموز."
)
TOP_LEVEL = (
    "schema", "id", "text", "meta", "sentences", "mentions", "entities", "times", "quantities",
    "quotes", "events",
)  # fmt: skip


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = load_json("schema/document.schema.json")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def span(text: str, start: int = 0) -> tuple[int, int]:
    begin = TEXT.index(text, start)
    return begin, begin + len(text)


def full_document() -> Document:
    """A document with every layer filled, offsets computed from TEXT."""
    meta = Meta(
        headline="عنوان", agency="Reuters", byline="كاتب", dateline=Dateline("واشنطن", 0, 6),
        published="2024-07-19T10:00:00+00:00", url="https://example.org/a", source="tests",
    )  # fmt: skip
    doc = Document(TEXT, id="doc-1", meta=meta)
    first_end = TEXT.index("\n")
    doc.sentences = [Sentence(0, first_end), Sentence(first_end + 1, len(TEXT))]
    minister = span("وزير الخارجية الأمريكي")
    doc.mentions = [
        Mention(*span("واشنطن"), "واشنطن", "GPE", "E1"),
        Mention(*minister, "وزير الخارجية الأمريكي", "PER", "E2"),
    ]
    doc.entities = [
        Entity("E1", "GPE", "واشنطن", "Washington", {"wikidata": "Q61", "geonames": "4140963"}),
        Entity("E2", "PER", "وزير الخارجية الأمريكي", None, {},
               [Role("وزير الخارجية", "Secretary of State", "USA")]),
        Entity("E3", "NORP", "الأمريكي", "American", {"iso3": "USA", "cameo": "USA"}),
    ]  # fmt: skip
    date = span("28 يوليو تموز")
    doc.times = [Time(*date, "28 يوليو تموز", "DATE", "2024-07-28", ("2024-07-28", "2024-07-29"))]
    doc.quantities = [Quantity(*span("54 ألف"), "54 ألف", "CARDINAL", 54000.0, None)]
    quote, cue, speaker = span("«سنفي بالتزاماتنا»"), span("وأضاف"), span("وزير الخارجية")
    doc.quotes = [
        Quote(*quote, "«سنفي بالتزاماتنا»", "direct", Cue(*cue, "وأضاف"),
              Speaker(*speaker, "وزير الخارجية", "E2")),
        Quote(*span("سترسل 54 ألف جندي"), "سترسل 54 ألف جندي", "indirect", None, None),
    ]  # fmt: skip
    doc.events = [
        Event("MOBILIZE", Sentence(0, first_end), 0.8125, "15", "deploy",
              Actor("وزير الخارجية الأمريكي", *minister, "E2", "USA GOV"), None, "2024-07-28",
              Location("واشنطن", "E1")),
        Event("AGREE", Sentence(first_end + 1, len(TEXT)), 0.5),
    ]  # fmt: skip
    doc.failures = [Failure("quotes", "ValueError: boom")]
    return doc


# --- contract and schema -------------------------------------------------------------------------


def test_full_document_validates_against_the_schema(validator: Draft202012Validator) -> None:
    data = full_document().to_dict()
    validator.validate(data)
    assert tuple(data)[: len(TOP_LEVEL)] == TOP_LEVEL
    assert data["schema"] == SCHEMA
    assert data["errors"] == [{"component": "quotes", "message": "ValueError: boom"}]


def test_empty_document_has_every_key_and_empty_layers(validator: Draft202012Validator) -> None:
    data = Document("نص قصير").to_dict()
    validator.validate(data)
    assert set(data) == set(TOP_LEVEL)
    assert all(data[k] == [] for k in TOP_LEVEL[4:])
    assert data["meta"] == {
        "headline": None, "agency": None, "byline": None, "dateline": None, "published": None,
        "url": None, "source": None, "language": "ar",
    }  # fmt: skip


def test_serialised_values_follow_the_contract() -> None:
    data = full_document().to_dict()
    assert data["quantities"][0]["value"] == 54000
    assert isinstance(data["quantities"][0]["value"], int)
    assert data["times"][0]["range"] == ["2024-07-28", "2024-07-29"]
    assert data["events"][0]["source"]["code"] == "USA GOV"
    assert data["events"][1]["source"] is None
    assert data["entities"][1]["roles"][0]["country"] == "USA"
    assert data["meta"]["dateline"] == {"place": "واشنطن", "start": 0, "end": 6}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("mentions", 0, "type"), "PERSON"),
        (("events", 0, "type"), "ATTACK"),
        (("events", 0, "confidence"), 1.5),
        (("times", 0, "type"), "MOMENT"),
        (("quantities", 0, "kind"), "AMOUNT"),
        (("quotes", 0, "kind"), "reported"),
        (("sentences", 0, "start"), -1),
        (("meta", "published"), "19/07/2024"),
        (("meta", "language"), "en"),
        (("schema",), "marsad.document/2"),
    ],
)
def test_schema_rejects_bad_values(
    validator: Draft202012Validator, path: tuple[Any, ...], value: Any
) -> None:
    data = full_document().to_dict()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError):
        validator.validate(data)


@pytest.mark.parametrize("key", TOP_LEVEL)
def test_schema_requires_every_top_level_key(validator: Draft202012Validator, key: str) -> None:
    data = full_document().to_dict()
    del data[key]
    with pytest.raises(ValidationError):
        validator.validate(data)


def test_schema_enums_match_the_document_model() -> None:
    defs = load_json("schema/document.schema.json")["$defs"]
    assert tuple(defs["mention"]["properties"]["type"]["enum"]) == MENTION_TYPES
    assert tuple(defs["event"]["properties"]["type"]["enum"]) == PLOVER_TYPES
    assert len(PLOVER_TYPES) == 16


# --- round trip ----------------------------------------------------------------------------------


def test_round_trip_keeps_every_layer() -> None:
    data = full_document().to_dict()
    again = Document.from_dict(copy.deepcopy(data))
    assert again.to_dict() == data
    assert again.entity("E2") is not None
    assert again.entity("E9") is None
    assert again.reference_date() == dt.date(2024, 7, 19)


def test_from_dict_refuses_another_schema_or_missing_layers() -> None:
    data = full_document().to_dict()
    with pytest.raises(DocumentError, match="schema"):
        Document.from_dict({**data, "schema": "other/1"})
    broken = dict(data)
    del broken["mentions"]
    with pytest.raises(DocumentError, match="doc-1"):
        Document.from_dict(broken)


def test_from_dict_checks_spans() -> None:
    data = full_document().to_dict()
    data["mentions"][0]["end"] = len(TEXT) + 5
    with pytest.raises(DocumentError, match="mention span"):
        Document.from_dict(data)


# --- span checks ---------------------------------------------------------------------------------


def test_check_accepts_a_consistent_document() -> None:
    full_document().check()


@pytest.mark.parametrize(
    ("layer", "breaker"),
    [
        ("sentence", lambda d: d.sentences.append(Sentence(5, 2))),
        ("sentence", lambda d: d.sentences.append(Sentence(-1, 2))),
        ("mention", lambda d: d.mentions.append(Mention(0, 6, "بيروت", "GPE"))),
        ("mention", lambda d: d.mentions.append(Mention(0, len(TEXT) + 1, TEXT + " ", "GPE"))),
        ("time", lambda d: setattr(d.times[0], "text", "29 يوليو")),
        ("quantity", lambda d: setattr(d.quantities[0], "end", d.quantities[0].end + 1)),
        ("cue", lambda d: setattr(d.quotes[0].cue, "text", "وقال")),
        ("speaker", lambda d: setattr(d.quotes[0].speaker, "start", 9999)),
        ("actor", lambda d: setattr(d.events[0].source, "text", "وزير")),
        ("evidence", lambda d: setattr(d.events[1], "evidence", Sentence(0, 10_000))),
        ("dateline", lambda d: setattr(d.meta, "dateline", Dateline("واشنطن", 3, 1))),
    ],
)
def test_check_rejects_bad_spans(layer: str, breaker: Any) -> None:
    doc = full_document()
    breaker(doc)
    with pytest.raises(DocumentError, match=f"doc-1.*{layer} span"):
        doc.check()


def test_text_must_be_a_string() -> None:
    with pytest.raises(DocumentError, match="must be str"):
        Document(b"bytes", id="x")  # type: ignore[arg-type]


def test_text_is_read_only() -> None:
    doc = Document("نص")
    with pytest.raises(AttributeError):
        doc.text = "آخر"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-19", "2024-07-19"),
        (" 2024-07-19 ", "2024-07-19"),
        ("2024-07-19T10:30:00Z", "2024-07-19T10:30:00+00:00"),
        (dt.date(2024, 7, 19), "2024-07-19"),
        (None, None),
        ("", None),
    ],
)
def test_published_dates_are_normalised(value: Any, expected: str | None) -> None:
    assert normalize_published(value) == expected


def test_bad_published_date_names_the_value() -> None:
    with pytest.raises(DocumentError, match="19/07/2024"):
        normalize_published("19/07/2024")
