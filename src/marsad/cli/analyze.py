"""``marsad analyze``, ``marsad components`` and ``marsad config``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

import click

from marsad.cli.groups import main
from marsad.cli.options import load_settings_from, progress_option, reports_errors, settings_options

if TYPE_CHECKING:
    from marsad.doc import Document

INPUT_FAILED = 1
"""Exit status when at least one input (file, line or document) failed."""


@main.command("analyze")
@click.argument("inputs", nargs=-1, metavar="FILE... | -")
@click.option(
    "--jsonl",
    is_flag=True,
    help='Inputs are JSON Lines: {"id", "text", "published"?, "url"?, "title"?} per line '
    "(also the ANT corpus fields; .gz is read too). Writes one document per line.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "text"]),
    default="json",
    show_default=True,
    help="json: one document per line (JSONL); text: a readable, coloured summary.",
)
@click.option("--pretty", is_flag=True, help="Indent the JSON (one document after another).")
@click.option(
    "--published",
    metavar="ISO-8601",
    help="Publication date anchoring relative dates (with --jsonl: for lines that give none).",
)
@progress_option("when stderr is a terminal and stdout is not")
@settings_options
@reports_errors
def analyze(
    *,
    inputs: tuple[str, ...],
    jsonl: bool,
    output_format: str,
    pretty: bool,
    published: str | None,
    progress: bool | None,
    config_file: str | None,
    pipeline: str | None,
    error_policy: str | None,
) -> None:
    """Analyze Arabic news articles and print their documents (schema marsad.document/1).

    Each FILE is one article in UTF-8, UTF-16 or Windows-1256; `-` reads standard input. A bad
    input is reported on stderr (file, line, reason) and the others go on; the exit status is 1
    when any input or component failed, 2 on a usage or configuration error.

    \b
    Examples:
      marsad analyze article.txt --format text
      marsad analyze --published 2024-07-19 a.txt b.txt > docs.jsonl
      zcat corpus.jsonl.gz | marsad analyze --jsonl - > docs.jsonl
    """
    if not inputs:
        raise click.UsageError("give one or more FILEs, or - to read standard input")
    from marsad.cli.render import reporting
    from marsad.errors import MarsadError
    from marsad.services.analyze import analyze_inputs

    settings = load_settings_from(config_file, pipeline, error_policy)
    run = analyze_inputs(
        inputs,
        jsonl=jsonl,
        published=published,
        settings=settings,
        stdin=sys.stdin.buffer,
    )
    write = _writer(output_format, pretty, run.layers)
    failed = 0
    with reporting(progress, run.total, "analyzing") as reporter:
        for outcome in run.outcomes:
            reporter.advance()
            if isinstance(outcome, MarsadError):
                reporter.problem(str(outcome))
                failed += 1
                continue
            for failure in outcome.failures:
                reporter.problem(f"{outcome.id}: component '{failure.component}' failed: "
                                 f"{failure.message} (recorded)")  # fmt: skip
            failed += bool(outcome.failures)
            write(outcome)
    if failed:
        raise SystemExit(INPUT_FAILED)


def _writer(output_format: str, pretty: bool, layers: frozenset[str]) -> Callable[[Document], None]:
    if output_format == "text":
        from rich.console import Console

        from marsad.cli.render import print_summary
        from marsad.services.summary import summarize

        console = Console(highlight=False)
        return lambda doc: print_summary(console, summarize(doc, layers))
    return lambda doc: _write_json(sys.stdout, doc, pretty)


def _write_json(out: IO[str], doc: Document, pretty: bool) -> None:
    if pretty:
        out.write(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(json.dumps(doc.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n")
    out.flush()


@main.command("components")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@reports_errors
def components(*, as_json: bool) -> None:
    """List the registered pipeline components: what each requires and assigns."""
    from dataclasses import asdict

    from marsad.services.about import list_components

    lines = list_components()
    if as_json:
        click.echo(json.dumps([asdict(c) for c in lines], ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("name", "requires", "assigns", "summary", box=None, header_style="bold")
    for c in lines:
        table.add_row(c.name, ", ".join(c.requires) or "—", ", ".join(c.assigns), c.summary)
    Console(highlight=False).print(table)


@main.command("config")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="TOML settings file (default: $MARSAD_CONFIG, else ./marsad.toml if present).",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of a table.")
@reports_errors
def config(*, config_file: str | None, as_json: bool) -> None:
    """Print the settings in force, where each value came from, and what each does.

    Settings come from defaults, then the TOML file (top level or a [marsad] table), then
    MARSAD_<NAME> environment variables, then command-line options.
    """
    from marsad.services.about import settings_report

    lines = settings_report(config_file)
    if as_json:
        report = {s.name: {"value": s.value, "origin": s.origin, "doc": s.doc} for s in lines}
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("setting", "value", "from", "meaning", box=None, header_style="bold")
    for s in lines:
        value = ",".join(s.value) if isinstance(s.value, tuple) else str(s.value)
        table.add_row(s.name, value, s.origin, s.doc)
    Console(highlight=False).print(table)
