"""Pipelines: requirement checks at build time, error policies, batches and timings."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from marsad import registry
from marsad.config import Settings
from marsad.doc import Document, Sentence
from marsad.errors import ComponentError, ConfigError, MissingRequirementError
from marsad.pipeline import Pipeline, check_requirements
from marsad.registry import component


@pytest.fixture(autouse=True)
def test_components() -> Iterator[None]:
    """Register small components for these tests, and forget them afterwards."""
    registry.load_entry_points()
    saved = dict(registry._REGISTRY)

    @component("t_split", assigns=("sentences",))
    def split(doc: Document) -> Document:
        doc.sentences = [Sentence(0, len(doc.text))]
        return doc

    @component("t_count", requires=("sentences",), assigns=("t_count",))
    def count(doc: Document) -> Document:
        doc.id = f"{doc.id}:{len(doc.sentences)}"
        return doc

    @component("t_orphan", requires=("t_nobody",))
    def orphan(doc: Document) -> Document:
        return doc

    @component("t_dated", requires=("text", "meta.published", "meta.url"))
    def dated(doc: Document) -> Document:
        return doc

    @component("t_boom")
    def boom(doc: Document) -> Document:
        raise ValueError("boom")

    yield
    registry._REGISTRY.clear()
    registry._REGISTRY.update(saved)


def test_a_missing_requirement_names_its_producer() -> None:
    with pytest.raises(MissingRequirementError) as caught:
        Pipeline.from_names(["t_count"])
    message = str(caught.value)
    assert "'t_count' (position 1) requires 'sentences'" in message
    assert "'t_split'" in message  # the component to add before it
    assert "'sentences'" in message


def test_the_producer_must_come_before() -> None:
    with pytest.raises(MissingRequirementError, match="position 2"):
        Pipeline.from_names(["t_dated", "t_count", "t_split"])
    assert Pipeline.from_names(["t_split", "t_count"]).names == ("t_split", "t_count")


def test_a_requirement_nobody_produces_says_so() -> None:
    with pytest.raises(MissingRequirementError, match="no registered component assigns it"):
        check_requirements([registry.get("t_orphan")])


def test_document_attributes_are_always_available() -> None:
    Pipeline.from_names(["t_dated"])


def test_unknown_error_policy_is_refused() -> None:
    with pytest.raises(ConfigError, match="'explode'"):
        Pipeline.from_names(["t_split"], error_policy="explode")


def test_components_run_in_order() -> None:
    doc = Pipeline.from_names(["t_split", "t_count"])(Document("نص", id="d"))
    assert doc.id == "d:1"
    assert [(s.start, s.end) for s in doc.sentences] == [(0, 2)]


def test_raise_policy_stops_with_the_component_and_document_named() -> None:
    pipeline = Pipeline.from_names(["t_split", "t_boom", "t_count"], error_policy="raise")
    with pytest.raises(
        ComponentError, match="component 't_boom' failed on document 'd7'"
    ) as caught:
        pipeline(Document("نص", id="d7"))
    assert caught.value.component == "t_boom"
    assert caught.value.doc_id == "d7"
    assert isinstance(caught.value.cause, ValueError)


def test_record_policy_notes_the_failure_and_goes_on() -> None:
    pipeline = Pipeline.from_names(["t_split", "t_boom", "t_count"], error_policy="record")
    doc = pipeline(Document("نص", id="d"))
    assert doc.id == "d:1"  # t_count still ran
    assert [(f.component, f.message) for f in doc.failures] == [("t_boom", "ValueError: boom")]
    assert doc.to_dict()["errors"] == [{"component": "t_boom", "message": "ValueError: boom"}]


def test_pipe_is_lazy_and_keeps_timings() -> None:
    pipeline = Pipeline.from_names(["t_split", "t_count"])
    docs = (Document(f"نص رقم {i}", id=str(i)) for i in range(5))
    results = pipeline.pipe(docs)
    assert pipeline.timings.documents == 0
    assert [d.id for d in results] == [f"{i}:1" for i in range(5)]
    timings = pipeline.timings
    assert timings.documents == 5
    assert set(timings.seconds) == {"t_split", "t_count"}
    assert all(s >= 0 for s in timings.seconds.values())
    assert sum(timings.shares().values()) == pytest.approx(1.0)


def test_timings_count_failed_components_too() -> None:
    pipeline = Pipeline.from_names(["t_boom"], error_policy="record")
    pipeline(Document("نص"))
    assert pipeline.timings.seconds["t_boom"] > 0


def test_from_settings_and_version() -> None:
    settings = Settings(pipeline=("t_split", "t_count"), error_policy="record")
    pipeline = Pipeline.from_settings(settings)
    assert pipeline.names == ("t_split", "t_count")
    assert pipeline.error_policy == "record"
    assert re.fullmatch(r".+\+[0-9a-f]{8}", pipeline.version)
    assert Pipeline.from_names(["t_split"]).version != pipeline.version


def test_built_in_components_build_and_run() -> None:
    pipeline = Pipeline.from_names(["anatomy", "sentences"])
    doc = pipeline(Document("عنوان\n\nبيروت (أ ف ب) - نص الخبر."))
    assert doc.meta.agency == "AFP"
    assert doc.sentences
