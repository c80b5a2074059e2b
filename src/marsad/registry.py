"""The component registry: ``@component(name, requires=, assigns=)``.

A component is a callable ``Document -> Document``. It declares the document attributes it needs
(``requires``) and the ones it fills (``assigns``), so that a pipeline can be checked when it is
built, as spaCy and stanza do. Built-in components register exactly as a third-party one would:
through the entry-point group ``marsad.components``, whose modules are imported on first use.
A class may be registered too: it is instantiated once per pipeline, which is where a component
loads its model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TypeVar

from marsad.doc import Document
from marsad.errors import PipelineError, UnknownComponentError

Component = Callable[[Document], Document]
Factory = Callable[[], Component] | Component
ENTRY_POINT_GROUP = "marsad.components"

F = TypeVar("F", bound=Callable[..., object])


@dataclass(frozen=True, slots=True)
class ComponentInfo:
    """What the registry knows of a component."""

    name: str
    factory: Callable[..., object]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    summary: str
    module: str

    def create(self) -> Component:
        """A ready callable: a registered class is instantiated, a function is used as is."""
        if isinstance(self.factory, type):
            instance: Component = self.factory()
            return instance
        return self.factory  # type: ignore[return-value]


_REGISTRY: dict[str, ComponentInfo] = {}
_loaded = False


def component(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[F], F]:
    """Register a component under ``name``; ``requires``/``assigns`` name Document attributes."""

    def register(obj: F) -> F:
        info = ComponentInfo(
            name=name,
            factory=obj,
            requires=tuple(requires),
            assigns=tuple(assigns),
            summary=(obj.__doc__ or "").strip().splitlines()[0] if obj.__doc__ else "",
            module=obj.__module__,
        )
        existing = _REGISTRY.get(name)
        if existing is not None and existing.module != info.module:
            raise PipelineError(
                f"component name '{name}' is registered twice: "
                f"by {existing.module} and {info.module}"
            )
        _REGISTRY[name] = info
        return obj

    return register


def load_entry_points() -> None:
    """Import every module of the ``marsad.components`` entry-point group (once)."""
    global _loaded  # noqa: PLW0603 - the registry is process-wide by design
    if _loaded:
        return
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            ep.load()
        except Exception as exc:
            raise PipelineError(
                f"component entry point '{ep.name}' ({ep.value}) failed to load: {exc!r}"
            ) from exc
    _loaded = True


def get(name: str) -> ComponentInfo:
    """The registered component ``name``; :class:`UnknownComponentError` lists the known ones."""
    load_entry_points()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise UnknownComponentError(f"no component named '{name}' (registered: {known})") from None


def registered() -> list[ComponentInfo]:
    """Every registered component, sorted by name."""
    load_entry_points()
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]
