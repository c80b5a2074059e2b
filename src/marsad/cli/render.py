"""Laying out results for a person: the coloured article summary and progress on stderr.

The data comes from :mod:`marsad.services.summary`; this module only chooses words, colours and
order (with ``rich``). Progress bars go to standard error so that standard output stays clean
JSON when it is redirected.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from marsad.services.summary import EntityLine, EventLine, Summary

TYPE_STYLES = {
    "PER": "bold cyan", "ORG": "bold magenta", "GPE": "bold green", "LOC": "green",
    "FAC": "yellow", "NORP": "blue", "EVENT": "red", "PRODUCT": "bright_black",
    "LAW": "bright_black", "MISC": "white",
}  # fmt: skip
LABEL = "bold"
DIM = "dim"


# --- article summary -----------------------------------------------------------------------------


def summary_renderable(summary: Summary) -> RenderableType:
    """The whole summary of one article: header, then a section per layer worth showing."""
    parts: list[RenderableType] = [Rule(Text(summary.id, style=DIM), style=DIM)]
    parts.append(Text(summary.headline or "(no headline)", style="bold yellow"))
    parts.append(_anatomy_table(summary))
    for title, body in _sections(summary):
        parts.append(Text(title, style="bold underline"))
        parts.append(body)
    if summary.failures:
        parts.append(Text("failures", style="bold red underline"))
        parts.extend(Text(f"  {f}", style="red") for f in summary.failures)
    return Group(*parts)


def print_summary(console: Console, summary: Summary) -> None:
    """Print the summary of one article on ``console``."""
    console.print(summary_renderable(summary))
    console.print()


def _anatomy_table(summary: Summary) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style=LABEL)
    table.add_column()
    rows = (
        ("agency", summary.agency), ("byline", summary.byline),
        ("dateline", summary.dateline), ("published", summary.published), ("url", summary.url),
    )  # fmt: skip
    for label, value in rows:
        table.add_row(label, Text(value) if value else Text("—", style=DIM))
    return table


def _sections(summary: Summary) -> Iterator[tuple[str, RenderableType]]:
    if summary.shows("sentences"):
        tokens = f", {summary.tokens} tokens" if summary.tokens else ""
        yield "text", Text(f"  {summary.sentences} sentences{tokens}")
    builders = (
        ("mentions", _mentions), ("entities", _entities), ("times", _times),
        ("quantities", _quantities), ("quotes", _quotes), ("events", _events),
    )  # fmt: skip
    for layer, build in builders:
        if summary.shows(layer):
            yield layer, build(summary) if getattr(summary, layer) else _none()


def _none() -> Text:
    return Text("  none", style=DIM)


def _grid(columns: int) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(width=1)  # indent
    for _ in range(columns):
        table.add_column()
    return table


def _mentions(summary: Summary) -> RenderableType:
    table = _grid(2)
    for kind, lines in summary.mentions.items():
        items = Text()
        for i, line in enumerate(lines):
            if i:
                items.append(" · ", style=DIM)
            items.append(line.text)
            if line.latin:
                items.append(f" ({line.latin})", style=DIM)
            if line.count > 1:
                items.append(f" ×{line.count}", style=DIM)
        table.add_row("", Text(kind, style=TYPE_STYLES.get(kind, "")), items)
    return table


def _entities(summary: Summary) -> RenderableType:
    table = _grid(4)
    for entity in summary.entities:
        table.add_row("", *_entity_cells(entity))
    return table


def _entity_cells(entity: EntityLine) -> tuple[Text, Text, Text, Text]:
    name = Text(entity.name)
    if entity.latin:
        name.append(f" ({entity.latin})", style=DIM)
    kb = Text(" ".join(f"{k}:{v}" for k, v in entity.kb), style="blue")
    roles = Text("; ".join(entity.roles), style="italic")
    return Text(entity.type, style=TYPE_STYLES.get(entity.type, "")), name, roles, kb


def _times(summary: Summary) -> RenderableType:
    table = _grid(3)
    for t in summary.times:
        table.add_row("", Text(t.text), Text(t.type, style=DIM), Text(t.value, style="green"))
    return table


def _quantities(summary: Summary) -> RenderableType:
    table = _grid(3)
    for q in summary.quantities:
        value = f"{q.value:g}" + (f" {q.unit}" if q.unit else "")
        table.add_row("", Text(q.text), Text(q.kind, style=DIM), Text(value, style="green"))
    return table


def _quotes(summary: Summary) -> RenderableType:
    table = _grid(2)
    for q in summary.quotes:
        speaker = Text(q.speaker or "(unknown speaker)", style="bold" if q.speaker else DIM)
        if q.speaker_latin:
            speaker.append(f" ({q.speaker_latin})", style=DIM)
        table.add_row("", speaker, Text(f"«{q.text}»" + ("" if q.kind == "direct" else " ~")))
    return table


def _events(summary: Summary) -> RenderableType:
    return Group(*(_event_text(e) for e in summary.events))


def _event_text(event: EventLine) -> Text:
    line = Text("  ")
    line.append(event.type, style="bold red")
    line.append(f" {event.source or '?'} → {event.target or '?'}")
    if event.date:
        line.append(f" ({event.date})", style="green")
    line.append(f" «{event.evidence}»", style=DIM)
    return line


# --- progress on standard error ------------------------------------------------------------------


class _RateColumn(ProgressColumn):
    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text(f"{speed:,.0f} {self.unit}/s" if speed else "", style="cyan")


class _CountColumn(ProgressColumn):
    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        return Text(f"{task.completed:,.0f} {self.unit}", style="green")


class Reporter:
    """Progress and problems on standard error; the bar is drawn only when ``enabled``."""

    def __init__(self, enabled: bool, total: int | None, description: str, unit: str) -> None:
        self.console = Console(stderr=True, highlight=False)
        self.progress: Progress | None = None
        if enabled:
            count = MofNCompleteColumn() if total is not None else _CountColumn(unit)
            self.progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), count,
                _RateColumn(unit), TimeElapsedColumn(),
                console=self.console, redirect_stdout=False, redirect_stderr=False,
            )  # fmt: skip
            self.task = self.progress.add_task(description, total=total)

    def __enter__(self) -> Reporter:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.progress is not None:
            self.progress.stop()

    def advance(self, steps: int = 1) -> None:
        if self.progress is not None:
            self.progress.advance(self.task, steps)

    def problem(self, message: str) -> None:
        """Report a failed input on stderr (above the bar when one is drawn)."""
        self.console.print(Text(f"marsad: {message}", style="red"), soft_wrap=True)


def show_progress(requested: bool | None) -> bool:
    """``--progress``/``--no-progress`` when given; else draw a bar only in a terminal session
    whose standard output goes elsewhere (a file or a pipe)."""
    if requested is not None:
        return requested
    return sys.stderr.isatty() and not sys.stdout.isatty()


@contextmanager
def reporting(
    requested: bool | None, total: int | None, description: str, unit: str = "docs"
) -> Iterator[Reporter]:
    """A :class:`Reporter` whose bar is drawn when :func:`show_progress` says so."""
    with Reporter(show_progress(requested), total, description, unit) as reporter:
        yield reporter
