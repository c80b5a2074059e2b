"""``marsad eval quotes``, ``marsad eval events`` and ``marsad train events-lexicon``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from marsad.cli.groups import eval_group, train_group
from marsad.cli.options import reports_errors

SHARED_ACTORS = Path("../shared/data/actors")


def _report(result: Any, as_json: bool, show_errors: bool, render: Any) -> None:
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render(result.as_dict()))
    if show_errors:
        for line in result.errors:
            click.echo(line, err=True)


@eval_group.command("quotes")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List misses on standard error.")
@reports_errors
def eval_quotes(gold: Path, as_json: bool, show_errors: bool) -> None:
    """Score quotations on a JSONL gold file (format: marsad/evaluation/quotes.py).

    Prints, for direct and indirect quotes, the share of gold quotes found, the precision of
    the quotes reported (span overlap of at least half) and F1, and the speaker accuracy.
    """
    from marsad.services.events import evaluate_quotes

    result = evaluate_quotes(gold)
    _report(result, as_json, show_errors, render_quotes)


def render_quotes(f: dict[str, Any]) -> str:
    lines = [f"{'kind':<10}{'gold':>6}{'system':>8}{'found':>8}{'precision':>11}{'f1':>8}"]
    for kind in ("direct", "indirect"):
        k = f[kind]
        lines.append(f"{kind:<10}{k['gold']:>6}{k['system']:>8}{k['found']:>8.2f}"
                     f"{k['precision']:>11.2f}{k['f1']:>8.2f}")  # fmt: skip
    s = f["speaker"]
    lines.append(f"speaker right: {s['accuracy']:.2f}% ({s['right']}/{s['gold']} matched quotes)")
    lines.append(f"{f['articles']} articles in {f['seconds']:.2f} s ({', '.join(f['pipeline'])})")
    return "\n".join(lines)


@eval_group.command("events")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List misses on standard error.")
@reports_errors
def eval_events(gold: Path, as_json: bool, show_errors: bool) -> None:
    """Score PLOVER events on a JSONL gold file (format: marsad/evaluation/events.py).

    Prints recall and precision per type, source/target country and sector accuracy on the
    matched events, and the false-event rate on sentences that report none.
    """
    from marsad.services.events import evaluate_events

    result = evaluate_events(gold)
    _report(result, as_json, show_errors, render_events)


def render_events(f: dict[str, Any]) -> str:
    lines = [f"{'type':<11}{'gold':>6}{'system':>8}{'recall':>9}{'precision':>11}"]
    for name, t in f["per_type"].items():
        lines.append(f"{name:<11}{t['gold']:>6}{t['system']:>8}{t['recall']:>9.2f}"
                     f"{t['precision']:>11.2f}")  # fmt: skip
    m = f["micro"]
    lines.append(f"{'micro':<11}{m['gold']:>6}{m['system']:>8}{m['recall']:>9.2f}"
                 f"{m['precision']:>11.2f}   f1 {m['f1']:.2f}")  # fmt: skip
    for key in ("source_country", "target_country", "sector"):
        r = f[key]
        lines.append(f"{key.replace('_', ' ')} accuracy: {r['accuracy']:.2f}% "
                     f"({r['right']}/{r['total']})")  # fmt: skip
    n = f["no_event_sentences"]
    lines.append(f"false events: {n['false_event_rate']:.2f}% of {n['sentences']} no-event "
                 f"sentences ({n['events']} events)")  # fmt: skip
    lines.append(f"{f['sentences']} sentences in {f['seconds']:.2f} s ({', '.join(f['pipeline'])})")
    return "\n".join(lines)


@train_group.command("events-lexicon")
@click.option("--arabic", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=SHARED_ACTORS / "petrarch_arabic/CAMEO.ar.0.5.txt", show_default=True,
              help="The Arabic CAMEO verb dictionary (UniversalPetrarch, MIT).")  # fmt: skip
@click.option("--english", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=SHARED_ACTORS / "phoenix_english/CAMEO.2.0.txt", show_default=True,
              help="English CAMEO verb dictionary, to check glosses (Phoenix, MIT).")  # fmt: skip
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: the packaged resources/data/events).")  # fmt: skip
@reports_errors
def train_events_lexicon(arabic: Path, english: Path, out: Path | None) -> None:
    """Clean the Arabic CAMEO dictionary into the packaged event lexicon."""
    from marsad.services.events import build_events_lexicon

    summary = build_events_lexicon(arabic, english, out)
    click.echo(f"{summary.blocks} verb blocks read; wrote {summary.verb_rows} verbs and "
               f"{summary.pattern_rows} verb-noun patterns to {summary.out_dir}")  # fmt: skip
