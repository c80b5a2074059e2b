"""``marsad eval timex`` and ``marsad eval quantities``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from marsad.cli.groups import eval_group
from marsad.cli.options import reports_errors

GOLD = click.Path(exists=True, dir_okay=False, path_type=Path)


def _emit(result: Any, as_json: bool, show_errors: bool, render: Any) -> None:
    figures = result.as_dict()
    click.echo(json.dumps(figures, ensure_ascii=False, indent=2) if as_json else render(figures))
    if show_errors:
        for line in result.errors:
            click.echo(line, err=True)


@eval_group.command("timex")
@click.argument("gold", type=GOLD)
@click.option(
    "--compare-dateparser",
    is_flag=True,
    help="Also run dateparser (search_dates, Arabic) on the same lines: accuracy and speed.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List misses on standard error.")
@reports_errors
def eval_timex(gold: Path, compare_dateparser: bool, as_json: bool, show_errors: bool) -> None:
    """Score time expressions on a JSONL gold file (format: marsad/evaluation/timex.py).

    Prints exact value accuracy per category and overall, spurious predictions, and speed in
    expressions per second; with --compare-dateparser, dateparser's figures beside Marsad's.
    """
    from marsad.services.timex import evaluate_timex

    result = evaluate_timex(gold, compare_dateparser)
    _emit(result, as_json, show_errors, render_timex)


@eval_group.command("quantities")
@click.argument("gold", type=GOLD)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List misses on standard error.")
@reports_errors
def eval_quantities(gold: Path, as_json: bool, show_errors: bool) -> None:
    """Score quantities on a JSONL gold file (format: marsad/evaluation/quantities.py).

    Prints exact value accuracy (with unit and kind where the gold gives them) per category,
    for the number categories together, and overall, with spurious predictions.
    """
    from marsad.services.timex import evaluate_quantities

    result = evaluate_quantities(gold)
    _emit(result, as_json, show_errors, render_quantities)


def _cell(tally: dict[str, Any] | None) -> str:
    tally = tally or {"correct": 0, "expected": 0, "accuracy": 0.0}
    return f"{tally['correct']:>5}/{tally['expected']:<5}{tally['accuracy']:>7.2f}%"


def _row(name: str, tallies: list[dict[str, Any] | None]) -> str:
    return f"{name:<26}" + "".join(f"{_cell(t):>22}" for t in tallies)


def render_timex(figures: dict[str, Any]) -> str:
    scores = [figures["marsad"]] + ([figures["dateparser"]] if "dateparser" in figures else [])
    lines = [f"{'category':<26}" + "".join(f"{s['system']:>22}" for s in scores)]
    for name in figures["marsad"]["categories"]:
        lines.append(_row(name, [s["categories"].get(name) for s in scores]))
    lines.append(_row("overall", [s["overall"] for s in scores]))
    for s in scores:
        lines.append(
            f"{s['system']}: {s['spurious']} spurious of {s['predicted']} predicted; "
            f"{s['expressions_per_second']:.1f} expressions/s ({s['seconds']:.3f} s)"
        )
    lines.append(f"{figures['lines']} gold lines")
    return "\n".join(lines)


def render_quantities(figures: dict[str, Any]) -> str:
    score = figures["marsad"]
    lines = [f"{'category':<26}{'marsad':>22}"]
    lines += [_row(name, [tally]) for name, tally in score["categories"].items()]
    lines.append(_row("numbers (number*)", [figures["numbers"]]))
    lines.append(_row("overall", [score["overall"]]))
    lines.append(
        f"{score['spurious']} spurious of {score['predicted']} predicted; "
        f"{score['expressions_per_second']:.1f} quantities/s; {figures['lines']} gold lines"
    )
    return "\n".join(lines)
