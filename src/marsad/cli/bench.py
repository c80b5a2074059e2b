"""``marsad bench``: speed and memory of the pipeline on a JSON Lines corpus."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from marsad.cli.analyze import INPUT_FAILED
from marsad.cli.groups import main
from marsad.cli.options import load_settings_from, progress_option, reports_errors, settings_options
from marsad.errors import InputError

if TYPE_CHECKING:
    from rich.table import Table

    from marsad.services.bench import BenchReport


@main.command("bench")
@click.argument("corpus", type=click.Path(exists=True, dir_okay=False), metavar="CORPUS")
@click.option("--limit", type=click.IntRange(min=1), help="Stop after N articles (default: all).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@progress_option("when stderr is a terminal and stdout is not")
@settings_options
@reports_errors
def bench(
    *,
    corpus: str,
    limit: int | None,
    as_json: bool,
    progress: bool | None,
    config_file: str | None,
    pipeline: str | None,
    error_policy: str | None,
) -> None:
    """Run the pipeline over CORPUS (.jsonl or .jsonl.gz) in one process and print its speed.

    Prints articles, tokens and characters per second of analysis (and articles per second end
    to end, reading and JSON serialization included), each component's share of the analysis
    time, the start-up time (models and tables loading, timed apart on a short article before
    the corpus), the peak resident memory and the number of failed articles. Each failed
    article is named on stderr with its reason; the exit status is then 1.

    \b
    Example:
      marsad bench news.jsonl.gz --limit 5000
    """
    from marsad.cli.render import reporting
    from marsad.services.bench import run_bench

    settings = load_settings_from(config_file, pipeline, error_policy)
    with reporting(progress, limit, "benchmarking", unit="articles") as reporter:
        report = run_bench(corpus, limit=limit, settings=settings, on_article=reporter.advance,
                           on_problem=reporter.problem)  # fmt: skip
    if not report.articles and not report.failures:
        raise InputError(corpus, "empty", "no articles to benchmark: the file has no lines")
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        from rich.console import Console

        Console(highlight=False).print(_report_table(report))
    if report.failures:
        raise SystemExit(INPUT_FAILED)


def _report_table(report: BenchReport) -> Table:
    from rich.table import Table

    table = Table(title=f"marsad bench: {report.corpus}", show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_column()
    for label, value, note in _report_rows(report):
        table.add_row(label, value, note)
    return table


def _report_rows(report: BenchReport) -> list[tuple[str, str, str]]:
    secs = report.seconds()
    tokens = (
        f"{report.rate(report.tokens):,.0f}" if report.counts_tokens else "n/a",
        f"{report.tokens:,} tokens" if report.counts_tokens else "no tokens component",
    )
    rows = [
        ("pipeline", ", ".join(report.pipeline), ""),
        ("articles", f"{report.articles:,}", f"{report.failures:,} failed"),
        ("articles/s", f"{report.rate(report.articles):,.1f}", "analysis only"),
        ("articles/s", f"{report.rate(report.articles, secs['total']):,.1f}",
         "end to end (read + analysis + JSON)"),
        ("tokens/s", *tokens),
        ("chars/s", f"{report.rate(report.chars):,.0f}", f"{report.chars:,} chars"),
        ("time", f"{secs['total']:,.2f} s", f"read {secs['read']:.2f} s, analysis "
         f"{secs['analysis']:.2f} s, JSON {secs['serialize']:.2f} s"),
        ("start-up", f"{report.startup_seconds:,.2f} s", "pipeline built, models and tables "
         "loaded (not in the rates)"),
        ("peak RSS", f"{report.peak_rss_mb:,.0f} MiB", "resident memory of the process"),
    ]  # fmt: skip
    for name, share in sorted(report.shares().items(), key=lambda item: -item[1]):
        rows.append((f"  {name}", f"{share:.1%}", f"{report.component_seconds[name]:.2f} s"))
    return rows
