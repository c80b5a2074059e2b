"""``marsad train kb``: rebuild the entity knowledge base from the shared data."""

from __future__ import annotations

import click

from marsad.cli.groups import train_group
from marsad.cli.options import reports_errors


@train_group.command("kb")
@click.option(
    "--data",
    type=click.Path(file_okay=False),
    default="../shared/data",
    show_default=True,
    help="The shared data folder (country codes, PETRARCH dictionaries, Wikidata names).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    help="Folder to write the tables to (default: the packaged resources/data/kb).",
)
@reports_errors
def train_kb(data: str, out: str | None) -> None:
    """Build the knowledge-base tables (countries, demonyms, actors, agents, name words).

    \b
    Example:
      marsad train kb --data ../shared/data
    """
    from marsad.services.kb import build_knowledge_base

    report = build_knowledge_base(data, out)
    click.echo(
        f"countries {report.countries} ({report.country_names} Arabic names), "
        f"demonyms {report.demonyms}, actors {report.actors} "
        f"({report.actors_dropped} dropped), agents {report.agents}, "
        f"name words {report.name_tokens}"
    )
    for path in report.files:
        click.echo(f"wrote {path}")
