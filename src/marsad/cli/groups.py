"""The root ``marsad`` group and the ``eval`` and ``train`` groups other modules attach to."""

from __future__ import annotations

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="marsad")
def main() -> None:
    """Marsad (مرصد): Arabic news to structured, source-grounded facts.

    Analyze articles, build a searchable collection, evaluate and train models.
    Run `marsad COMMAND --help` for the options of each command.
    """


@main.group("eval")
def eval_group() -> None:
    """Score Marsad against a gold file and print the figures."""


@main.group("train")
def train_group() -> None:
    """Train Marsad's models from data (writes artifacts under marsad/resources/models)."""
