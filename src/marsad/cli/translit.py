"""``marsad translit``, ``marsad eval translit`` and ``marsad train translit``: thin shells."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

import click

from marsad.cli.groups import eval_group, main, train_group
from marsad.cli.options import reports_errors

PAIRS = Path("../shared/data/names/wikidata_person_tokens_train.tsv")
SYSTEMS = ("combined", "model", "romanizer")


@main.command("translit")
@click.argument("names", type=click.File("r", encoding="utf-8"), default="-")
@reports_errors
def translit(names: TextIO) -> None:
    """Romanize Arabic names, one per line (stdin or NAMES): one Latin form per line out.

    An empty line gives an empty line. Example: `echo "جون سميث" | marsad translit`.
    """
    from marsad.services.translit import romanize_lines

    for latin in romanize_lines(line.rstrip("\r\n") for line in names):
        sys.stdout.write(latin + "\n")


@eval_group.command("translit")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--system", type=click.Choice(SYSTEMS), default="combined", show_default=True,
              help="combined: Marsad's transliterator; model: its CRF and lexicon alone; "
              "romanizer: arabic-name-romanizer alone.")  # fmt: skip
@click.option("--model-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A model directory written by `marsad train translit --out`.")  # fmt: skip
@click.option("--unseen", is_flag=True,
              help="Drop GOLD's Arabic forms from Marsad's lexicon first (it knows every "
              "form of the training data, the dev split's too): score them as unseen "
              "names.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@reports_errors
def eval_translit(
    gold: Path, system: str, model_dir: Path | None, unseen: bool, as_json: bool
) -> None:
    """Score name transliteration on GOLD (`latin<TAB>arabic` lines; the Arabic may be spelt
    letter by letter with spaces; further columns are ignored).

    Prints the character error rate (edits / reference characters, case-insensitive, the
    references as written, accents included), the exact-match rate, both again with reference
    and output folded to lowercase ASCII letters (Núñez = nunez), and the speed in names/s.
    """
    from marsad.services.translit import evaluate_translit

    scores = evaluate_translit(gold, system, model_dir, unseen=unseen)
    figures = scores.to_dict()
    click.echo(json.dumps(figures, indent=2) if as_json else render(system, figures))


def render(system: str, figures: dict[str, float | int]) -> str:
    """One line of figures."""
    return (
        f"{system}: CER {figures['cer']:.4f}  exact {figures['exact']:.4f}  "
        f"(folded: CER {figures['folded_cer']:.4f}  exact {figures['folded_exact']:.4f})  "
        f"({figures['pairs']} names, {figures['names_per_second']:.0f} names/s)"
    )


@train_group.command("translit")
@click.option("--pairs", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=PAIRS, show_default=True,
              help="Name-token pairs: latin<TAB>arabic letters<TAB>count.")  # fmt: skip
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Model directory to write (default: the packaged model).")  # fmt: skip
@click.option("--dev-out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the held-out dev pairs here (`marsad eval translit`).")  # fmt: skip
@click.option("--iterations", type=int, default=12, show_default=True,
              help="Averaged-perceptron epochs of the CRF.")  # fmt: skip
@click.option("--seed", type=int, default=13, show_default=True, help="Dev split seed.")
@click.option("--quiet", is_flag=True, help="Do not print training progress.")
@reports_errors
def train_translit(
    *, pairs: Path, out: Path | None, dev_out: Path | None, iterations: int, seed: int, quiet: bool
) -> None:
    """Train the Arabic → Latin name model (EM alignment, CRF, n-gram re-ranking) and score
    the held-out dev split with the model, arabic-name-romanizer, and both combined."""
    from marsad.services.translit import train_translit_model

    report = train_translit_model(
        pairs, out, iterations=iterations, seed=seed, dev_out=dev_out,
        log=None if quiet else _progress,
    )  # fmt: skip
    r = report.result
    click.echo(
        f"trained on {r.train_pairs} pairs ({r.aligned_pairs} aligned, {r.labels} labels, "
        f"{r.lexicon_entries} lexicon forms) in {r.seconds:.0f} s; wrote {r.out_dir}"
    )
    click.echo(f"dev split: {len(r.dev)} pairs, Arabic forms unseen in training")
    for system, scores in report.dev.items():
        click.echo("  " + render(system, scores.to_dict()))


def _progress(message: str) -> None:
    click.echo(message, err=True)
