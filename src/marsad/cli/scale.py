"""Scale-out commands: ``marsad load`` (Parquet shards of ``ingest --shards`` into a store)."""

from __future__ import annotations

import json

import click

from marsad.cli.groups import main
from marsad.cli.options import (
    config_option,
    db_option,
    load_settings_from,
    progress_option,
    reports_errors,
)


@main.command("load")
@click.argument("shards", type=click.Path(file_okay=False), metavar="DIR")
@db_option
@click.option("--no-dedup", is_flag=True, help="Do not link duplicate copies after loading.")
@click.option("--no-stories", is_flag=True, help="Do not rebuild stories after loading.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a summary.")
@progress_option("when stderr is a terminal; it shows rate and ETA")
@config_option
@reports_errors
def load_command(
    *, shards: str, db: str | None, no_dedup: bool, no_stories: bool, as_json: bool,
    progress: bool | None, config_file: str | None,
) -> None:  # fmt: skip
    """Bulk-load the Parquet shards of `marsad ingest --engine ray --shards DIR` into a store.

    Blocks are loaded in input order with the writer of `marsad ingest`: texts already stored
    are skipped by content hash and rejections recorded once, so loading twice (or again after
    an interrupted load) adds nothing twice, and the collection equals a direct ingest of the
    same inputs. A missing or damaged shard is reported by its file name and the other blocks
    are loaded; the exit status is then 1. Needs pyarrow (pip install 'marsad[parquet]').

    \b
    Example:
      marsad ingest crawl/ --engine ray --address auto --shards shards/
      marsad load shards/ --db postgresql://marsad@db-host/news
    """
    from marsad.cli.collection_render import IngestBar
    from marsad.scale.load import load

    settings = load_settings_from(config_file, None, None)
    settings = settings.replace(
        duplicates=settings.duplicates and not no_dedup,
        stories=settings.stories and not no_stories,
    )
    with IngestBar(progress, "loading") as bar:
        report = load(shards, db=db, settings=settings, progress=bar.update)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        counts = report.ingest
        click.echo(
            f"{counts.stored} stored, {counts.skipped} skipped (text already in the collection), "
            f"{counts.rejected} rejected, {counts.failed} failed from {report.loaded_blocks} of "
            f"{report.blocks} blocks in {counts.seconds:.1f} s -> {counts.db}"
        )
    for error in report.errors:
        click.echo(f"marsad: error: {error}", err=True)
    if report.errors:
        raise SystemExit(1)
