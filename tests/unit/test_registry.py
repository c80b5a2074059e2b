"""The component registry: registration, entry points, lookups."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from marsad import registry
from marsad.doc import Document
from marsad.errors import PipelineError, UnknownComponentError
from marsad.registry import component


@pytest.fixture(autouse=True)
def clean_registry() -> Iterator[None]:
    """Components registered by a test are forgotten after it."""
    registry.load_entry_points()
    saved = dict(registry._REGISTRY)
    yield
    registry._REGISTRY.clear()
    registry._REGISTRY.update(saved)


def test_a_function_is_registered_with_what_it_needs_and_fills() -> None:
    @component("t_upper", requires=("sentences",), assigns=("mentions",))
    def upper(doc: Document) -> Document:
        """Mark every sentence.

        More text that is not the summary."""
        return doc

    info = registry.get("t_upper")
    assert info.requires == ("sentences",)
    assert info.assigns == ("mentions",)
    assert info.summary == "Mark every sentence."
    assert info.module == __name__
    assert info.create() is upper


def test_a_class_is_instantiated_once_per_create() -> None:
    created: list[object] = []

    @component("t_model")
    class Model:
        def __init__(self) -> None:
            created.append(self)

        def __call__(self, doc: Document) -> Document:
            return doc

    info = registry.get("t_model")
    first, second = info.create(), info.create()
    assert isinstance(first, Model)
    assert first is not second
    assert created == [first, second]
    assert info.summary == ""


def test_the_same_module_may_register_a_name_again() -> None:
    def one(doc: Document) -> Document:
        return doc

    component("t_again")(one)
    component("t_again", assigns=("times",))(one)
    assert registry.get("t_again").assigns == ("times",)


def test_two_modules_may_not_share_a_name() -> None:
    def mine(doc: Document) -> Document:
        return doc

    def theirs(doc: Document) -> Document:
        return doc

    theirs.__module__ = "somebody.else"
    component("t_shared")(mine)
    with pytest.raises(PipelineError, match=r"t_shared.*registered twice.*somebody\.else"):
        component("t_shared")(theirs)


def test_unknown_names_list_the_known_ones() -> None:
    with pytest.raises(UnknownComponentError, match=r"'nope'.*anatomy.*sentences"):
        registry.get("nope")


def test_built_in_components_come_from_entry_points() -> None:
    names = [info.name for info in registry.registered()]
    assert names == sorted(names)
    assert {"anatomy", "sentences"} <= set(names)
    assert registry.get("anatomy").module == "marsad.components.anatomy"
    assert "meta.dateline" in registry.get("anatomy").assigns


class BrokenEntryPoint:
    name = "broken"
    value = "somewhere.broken"

    def load(self) -> Any:
        raise ImportError("no module named somewhere")


def test_a_failing_entry_point_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_loaded", False)
    monkeypatch.setattr(registry, "entry_points", lambda group: [BrokenEntryPoint()])
    with pytest.raises(PipelineError, match=r"'broken' \(somewhere\.broken\) failed to load"):
        registry.load_entry_points()
    assert registry._loaded is False


def test_entry_points_are_loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(registry, "_loaded", False)
    monkeypatch.setattr(registry, "entry_points", lambda group: calls.append(group) or [])
    registry.load_entry_points()
    registry.load_entry_points()
    assert calls == [registry.ENTRY_POINT_GROUP]
