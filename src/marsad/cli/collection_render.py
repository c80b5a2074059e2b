"""Tables and progress for the collection commands (rich). Data in, text out: no queries here."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from marsad.services.browse import EntityProfile, EntitySummary, Row
    from marsad.services.collection import IngestProgress, IngestReport
    from marsad.services.search import SearchPage
    from marsad.store.records import HitLinks

_MARKED = re.compile(r"\[\[(.+?)\]\]")
DIM = "dim"
EVIDENCE_CHARS = 90


def _console() -> Console:
    return Console(soft_wrap=False, highlight=False)


class IngestBar:
    """A progress bar on stderr with rate and ETA, started at the first update."""

    def __init__(self, requested: bool | None, description: str) -> None:
        self.enabled = sys.stderr.isatty() if requested is None else requested
        self.description = description
        self.progress: Progress | None = None
        self.task: Any = None

    def __enter__(self) -> IngestBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.progress is not None:
            self.progress.stop()

    def update(self, counts: IngestProgress) -> None:
        if not self.enabled:
            return
        if self.progress is None:  # started lazily: worker processes are forked before its thread
            self.progress = Progress(
                TextColumn("{task.description}"), BarColumn(bar_width=20), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"), TextColumn("ETA"), TimeRemainingColumn(),
                TextColumn("{task.fields[counts]}"), console=Console(stderr=True),
            )  # fmt: skip
            self.task = self.progress.add_task(
                self.description, total=counts.total, rate="", counts=""
            )
            self.progress.start()
        task = self.progress.tasks[0]
        rate = f"{task.speed:.1f}/s" if task.speed else ""
        summary = f"{counts.stored} new, {counts.skipped} known, {counts.rejected} rejected"
        self.progress.update(
            self.task, completed=counts.done, total=counts.total, rate=rate, counts=summary
        )


def print_ingest_report(report: IngestReport) -> None:
    console = _console()
    console.print(
        f"[bold]{report.stored}[/] stored, {report.skipped} skipped (text already in the "
        f"collection), {report.rejected} rejected, {report.failed} failed "
        f"in {report.seconds:.1f} s ({report.articles_per_second:.1f} articles/s) -> {report.db}"
    )
    if report.reasons:
        reasons = ", ".join(f"{r}: {n}" for r, n in sorted(report.reasons.items()))
        console.print(f"rejections by reason: {reasons}  (see `marsad rejects`)", style=DIM)
    if report.clusters:
        console.print(_clusters_line(report.clusters), style=DIM)


def _clusters_line(clusters: dict[str, Any]) -> str:
    parts = []
    if dup := clusters.get("duplicates"):
        parts.append(
            f"duplicates: {dup['added']} new pairs ({dup['exact']} exact, {dup['near']} near "
            f"in all) in {dup['seconds']:.1f} s"
        )
    if stories := clusters.get("stories"):
        parts.append(
            f"stories: {stories['stories']} ({stories['multi_article']} with several articles) "
            f"in {stories['seconds']:.1f} s (see `marsad stories`)"
        )
    return "; ".join(parts)


def marked_text(snippet: str) -> Text:
    """A snippet with its [[marked]] words shown in bold reverse instead of brackets."""
    text = Text()
    last = 0
    for match in _MARKED.finditer(snippet):
        text.append(snippet[last : match.start()])
        text.append(match.group(1), style="bold reverse")
        last = match.end()
    text.append(snippet[last:])
    return text


def print_search(page: SearchPage) -> None:
    console = _console()
    shown = f"{page.offset + 1}-{page.offset + len(page.hits)}" if page.hits else "none"
    console.print(f"[bold]{page.total}[/] articles match {page.query!r} (showing {shown})")
    for rank, hit in enumerate(page.hits, start=page.offset + 1):
        head = Text(f"{rank:>3}. ", style="bold")
        head.append(hit.headline or "(no headline)", style="bold yellow")
        console.print(head)
        details = "  ".join(x for x in (hit.id, (hit.published or "")[:10], hit.source or "") if x)
        console.print(f"     {details}", style=DIM)
        links = links_line(hit.links)
        if links:
            console.print(Text(f"     {links}", style="cyan"))
        snippet = marked_text(hit.snippet.text) if console.is_terminal else hit.snippet.text
        console.print(Text("     ").append(snippet))


def links_line(links: HitLinks) -> str:
    """A search hit's duplicate links in one line ('' when it has none)."""
    parts = [
        f"duplicate of {d['id']} ({d['kind']} {float(d['similarity']):.2f})"
        for d in links.duplicate_of
    ]
    if links.duplicates:
        plural = "s" if links.duplicates > 1 else ""
        parts.append(f"{links.duplicates} stored duplicate{plural} of it")
    if links.copies:
        plural = "ies" if links.copies > 1 else "y"
        parts.append(f"{links.copies} exact cop{plural} (same text, other id)")
    return " · ".join(parts)


def _summary_lines(entity: EntitySummary) -> list[str]:
    lines = [
        f"{entity.type}  id {entity.key}  {entity.mentions} mentions in {entity.articles} articles"
    ]
    if entity.aliases:
        lines.append("aliases: " + " · ".join(entity.aliases))
    if entity.roles:
        lines.append("roles: " + "; ".join(_role(r) for r in entity.roles))
    if entity.kb:
        lines.append("kb: " + ", ".join(f"{k}={v}" for k, v in sorted(entity.kb.items())))
    return lines


def _role(role: dict[str, Any]) -> str:
    extra = ", ".join(str(v) for v in (role.get("title_latin"), role.get("country")) if v)
    return f"{role['title']} ({extra})" if extra else str(role["title"])


def print_profile(profile: EntityProfile) -> None:
    console = _console()
    entity = profile.entity
    title = Text(entity.name, style="bold yellow")
    if entity.latin:
        title.append(f"  {entity.latin}", style="bold")
    console.print(title)
    for line in _summary_lines(entity):
        console.print(f"  {line}")
    print_rows("mentions by month", profile.by_month, ("month", "mentions", "articles"), console)
    print_rows("co-mentioned", profile.co_mentioned, ("name", "latin", "type", "articles"), console)
    print_rows("quotes", profile.quotes, ("published", "text", "article"), console)
    if profile.others:
        names = ", ".join(f"{o.name} ({o.key}, {o.mentions})" for o in profile.others)
        console.print(f"other entities with this name: {names}", style=DIM)


def print_events(rows: Sequence[Row]) -> None:
    table = Table(title=f"{len(rows)} events", show_lines=False)
    for column in ("date", "type", "source", "target", "location", "article"):
        table.add_column(column, overflow="fold", max_width=24)
    table.add_column("evidence", overflow="fold", ratio=1, min_width=30)
    for row in rows:
        table.add_row(
            row["event_date"] or (row["published"] or "")[:10], row["event_type"],
            _actor(row["source_actor"], row["source_code"]),
            _actor(row["target_actor"], row["target_code"]), row["location"] or "",
            row["article_id"], _short(row["evidence"] or ""),
        )  # fmt: skip
    _console().print(table)


def _actor(text: str | None, code: str | None) -> str:
    if not text:
        return ""
    return f"{text} [{code}]" if code else text


def _short(text: str, limit: int = EVIDENCE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def print_timeline(entity: EntitySummary, rows: Sequence[Row]) -> None:
    console = _console()
    name = f"{entity.name} ({entity.latin})" if entity.latin else entity.name
    console.print(Text(f"timeline of {name}", style="bold yellow"))
    print_rows("", rows, ("date", "kind", "what", "article_id"), console)


def print_rows(
    title: str, rows: Iterable[Row], columns: Sequence[str], console: Console | None = None
) -> None:
    """A table of ``columns`` of ``rows`` (values shortened), or "none"."""
    out = console or _console()
    items = list(rows)
    if not items:
        out.print(f"{title}: none" if title else "none", style=DIM)
        return
    table = Table(title=title or None, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in items:
        table.add_row(*(_short(_cell(row.get(c)), 120) for c in columns))
    out.print(table)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def print_stats(data: Row) -> None:
    console = _console()
    counts = data["counts"]
    console.print(
        f"[bold]{counts['articles']}[/] articles, {counts['entities']} entities, "
        f"{counts['mentions']} mentions, {counts['events']} events, {counts['quotes']} quotes, "
        f"{counts['rejects']} rejected inputs; published {data['published']['first']} .. "
        f"{data['published']['last']}; {data['database']['bytes'] / 1e6:.1f} MB"
    )
    print_rows(
        "tables", [{"table": k, "rows": v} for k, v in counts.items()], ("table", "rows"), console
    )
    for key in ("sources", "pipeline_versions", "entity_types", "event_types", "reject_reasons"):
        rows = [{"value": k, "count": v} for k, v in data[key].items()]
        print_rows(key.replace("_", " "), rows[:20], ("value", "count"), console)
