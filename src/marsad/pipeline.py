"""Building and running a pipeline of registered components.

``Pipeline.from_names(["anatomy", "sentences", ...])`` looks each name up in the registry, checks at
build time that every requirement is assigned by an earlier component (or is intrinsic to a
document, such as ``text``), and creates each component once. Calling the pipeline runs the
components in order; under the ``record`` error policy a failing component is noted on the
document (``errors`` in its JSON) and the rest go on, under ``raise`` it stops with
:class:`~marsad.errors.ComponentError`. ``pipe()`` runs a batch lazily and keeps per-component
timings for benchmarks.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version

from marsad import registry
from marsad.config import ERROR_POLICIES, Settings
from marsad.doc import Document, Failure
from marsad.errors import ComponentError, ConfigError, MissingRequirementError

INTRINSIC = frozenset({"text", "id", "meta", "meta.published", "meta.url", "meta.source"})


@dataclass(slots=True)
class Timings:
    """Seconds spent in each component over the documents processed so far."""

    seconds: dict[str, float] = field(default_factory=dict)
    documents: int = 0

    def shares(self) -> dict[str, float]:
        total = sum(self.seconds.values()) or 1.0
        return {name: secs / total for name, secs in self.seconds.items()}


class Pipeline:
    """An ordered, checked list of components."""

    def __init__(
        self, infos: Sequence[registry.ComponentInfo], error_policy: str = "raise"
    ) -> None:
        if error_policy not in ERROR_POLICIES:
            raise ConfigError(
                f"error policy {error_policy!r} is not one of {', '.join(ERROR_POLICIES)}"
            )
        check_requirements(infos)
        self.infos = tuple(infos)
        self.error_policy = error_policy
        self.components = tuple((info.name, info.create()) for info in infos)
        self.timings = Timings(seconds={info.name: 0.0 for info in infos})

    @classmethod
    def from_names(cls, names: Iterable[str], error_policy: str = "raise") -> Pipeline:
        return cls([registry.get(name) for name in names], error_policy)

    @classmethod
    def from_settings(cls, settings: Settings) -> Pipeline:
        return cls.from_names(settings.pipeline, settings.error_policy)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.components)

    @property
    def version(self) -> str:
        """Identifies what produced an analysis: package version plus component names."""
        return pipeline_version(self.names)

    def __call__(self, doc: Document) -> Document:
        clock = time.perf_counter
        seconds = self.timings.seconds
        for name, run in self.components:
            started = clock()
            try:
                doc = run(doc)
            except Exception as exc:
                if self.error_policy == "raise":
                    raise ComponentError(name, doc.id, exc) from exc
                doc.failures.append(Failure(name, f"{type(exc).__name__}: {exc}"))
            finally:
                seconds[name] += clock() - started
        self.timings.documents += 1
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Process ``docs`` one by one, lazily."""
        for doc in docs:
            yield self(doc)


@cache
def pipeline_version(names: tuple[str, ...]) -> str:
    """The version string of a pipeline of ``names`` (without building its components)."""
    try:
        pkg = version("marsad")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        pkg = "0+unknown"
    digest = hashlib.sha1(",".join(names).encode()).hexdigest()[:8]
    return f"{pkg}+{digest}"


def check_requirements(infos: Sequence[registry.ComponentInfo]) -> None:
    """Raise :class:`MissingRequirementError` when a requirement has no earlier producer."""
    available = set(INTRINSIC)
    for position, info in enumerate(infos):
        for need in info.requires:
            if need in available:
                continue
            producers = [c.name for c in registry.registered() if need in c.assigns]
            hint = (
                f"add {' or '.join(repr(p) for p in producers)} before it"
                if producers
                else "no registered component assigns it"
            )
            raise MissingRequirementError(
                f"component '{info.name}' (position {position + 1}) requires '{need}', "
                f"which no earlier component assigns: {hint}"
            )
        available.update(info.assigns)
