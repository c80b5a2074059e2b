"""``marsad eval ner`` and ``marsad train ner`` (plus its resources): thin shells over services."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from marsad.cli.groups import eval_group, train_group
from marsad.cli.options import reports_errors

SHARED_DATA = Path("../shared/data")
MODEL = "models/ner/ner.crfsuite"


@eval_group.command("ner")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "type_map",
    metavar="TYPE=GOLD,...",
    help="Map Marsad types to gold tags (default PER=PERS,GPE=LOC,LOC=LOC,FAC=LOC,ORG=ORG, "
    "everything else MISC); given pairs override the default.",
)
@click.option("--model", type=click.Path(exists=True, dir_okay=False),
              help="A CRF model file (default: the packaged model).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@reports_errors
def eval_ner(gold: Path, type_map: str | None, model: str | None, as_json: bool) -> None:
    """Score Marsad's NER on a CoNLL gold file (`token TAG` lines, IOB1 or IOB2).

    Prints entity-level exact-match precision, recall and F1 per type and micro-averaged
    (CoNLL/seqeval semantics), and the tagging speed in tokens/s.
    """
    from marsad.services.ner import evaluate_ner

    result = evaluate_ner(gold, type_map, model)
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_scores(result.as_dict()))


def render_scores(figures: dict[str, Any]) -> str:
    """A per-type table of precision/recall/F1 with the micro average and speed."""
    lines = [f"{'type':<8}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}"]
    rows = [*figures["per_type"].items(), ("micro", figures["micro"])]
    for name, s in rows:
        lines.append(
            f"{name:<8}{s['precision']:>10.2f}{s['recall']:>10.2f}{s['f1']:>10.2f}"
            f"{s['support']:>10}"
        )
    lines.append(
        f"{figures['sentences']} sentences, {figures['tokens']} tokens, "
        f"{figures['tokens_per_second']:.0f} tokens/s"
    )
    return "\n".join(lines)


@train_group.command("ner")
@click.option(
    "--anercorp",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=SHARED_DATA / "ner/anercorp/train.conll",
    show_default=True,
    help="ANERcorp training file (CoNLL, IOB2); the default is relative to the current folder, "
    "so run from the root of a checkout that has ../shared beside it.",
)
@click.option(
    "--wojood",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also train on the Wojood sample in this directory (train/val/test.txt); off by "
    "default: it lowered ANERcorp dev F1 (see marsad.training.ner).",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Model file to write "
              "(default: the packaged model, which this replaces).")  # fmt: skip
@click.option("--dev-fraction", type=float, default=0.1, show_default=True,
              help="Last fraction of ANERcorp sentences held out and scored.")  # fmt: skip
@click.option("--final/--no-final", default=True, show_default=True,
              help="After scoring the dev split, train again on every sentence and write that "
              "model (--no-final writes the model that was scored).")  # fmt: skip
@click.option("--dev-out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the dev split as CoNLL here (for `marsad eval ner`).")  # fmt: skip
@click.option("--c1", type=float, default=0.1, show_default=True, help="L1 penalty.")
@click.option("--c2", type=float, default=0.01, show_default=True, help="L2 penalty.")
@click.option("--iterations", type=int, default=150, show_default=True, help="L-BFGS iterations.")
@click.option("--seed", type=int, default=13, show_default=True, help="Sentence order seed.")
@click.option("--quiet", is_flag=True, help="Do not print training progress.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@reports_errors
def train_ner(
    *,
    anercorp: Path,
    wojood: Path | None,
    out: Path | None,
    dev_fraction: float,
    final: bool,
    dev_out: Path | None,
    c1: float,
    c2: float,
    iterations: int,
    seed: int,
    quiet: bool,
    as_json: bool,
) -> None:
    """Train the CRF NER model on ANERcorp (and optionally Wojood), score it on the dev split,
    then train the model to ship on every sentence (see --final)."""
    from marsad.services.ner import default_resource_path, train_ner_model

    report = train_ner_model(
        anercorp, wojood, out or default_resource_path(MODEL), dev_fraction=dev_fraction,
        final=final, c1=c1, c2=c2, iterations=iterations, seed=seed, dev_out=dev_out,
        log=None if quiet or as_json else _progress,
    )  # fmt: skip
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    stats = report.stats
    click.echo(
        f"trained on {report.train_sentences} ANERcorp + {report.wojood_sentences} Wojood "
        f"sentences ({stats.tokens} tokens) in {stats.seconds:.0f} s; "
        f"model {report.model} ({stats.model_bytes / 1e6:.1f} MB)"
    )
    if report.dev is not None:
        click.echo(f"dev split (ANERcorp tags, default type map), model trained on the "
                   f"{report.dev_trained_on} sentences before it:")  # fmt: skip
        click.echo(render_scores(report.dev.as_dict()))


def _progress(message: str) -> None:
    click.echo(message, err=True)


@train_group.command("ner-gazetteer")
@click.option("--shared", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=SHARED_DATA, show_default=True, help="The shared data folder.")  # fmt: skip
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output TSV (default: the packaged gazetteer).")  # fmt: skip
@reports_errors
def train_ner_gazetteer(shared: Path, out: Path | None) -> None:
    """Rebuild the NER gazetteer (countries, person-name tokens, actor places)."""
    from marsad.services.ner import build_ner_gazetteer, default_resource_path

    target = out or default_resource_path("data/ner/gazetteer.tsv")
    count = build_ner_gazetteer(shared, target)
    click.echo(f"wrote {count} gazetteer entries to {target}")


@train_group.command("ner-clusters")
@click.argument("news", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output TSV (default: the packaged cluster table).")  # fmt: skip
@click.option("--vocab", type=int, default=100_000, show_default=True, help="Words kept.")
@click.option("--seed", type=int, default=13, show_default=True, help="Random seed.")
@reports_errors
def train_ner_clusters(news: tuple[Path, ...], out: Path | None, vocab: int, seed: int) -> None:
    """Learn the word clusters of the NER features from news JSONL(.gz) files."""
    from marsad.services.ner import default_resource_path, train_ner_clusters

    target = out or default_resource_path("data/ner/clusters.tsv")
    count = train_ner_clusters(list(news), target, vocab=vocab, seed=seed)
    click.echo(f"wrote clusters of {count} words to {target}")
