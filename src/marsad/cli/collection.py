"""Collection commands: ingest, search, entity, events, timeline, rejects, export, stats,
reprocess and bench-search. Each parses its options, calls one service and renders the answer
(a table for a person, ``--json`` for a program)."""

from __future__ import annotations

import json
from typing import Any

import click

from marsad.cli.groups import main
from marsad.cli.options import (
    db_option,
    load_settings_from,
    progress_option,
    reports_errors,
    settings_options,
)

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
EVENT_SORT_COLUMNS = ("event_date", "published", "outlet", "event_type", "source_actor",
                      "target_actor", "location", "confidence")  # fmt: skip
"""The keys of :data:`marsad.store.reads.EVENT_SORTS` (spelled out: the store loads lazily)."""


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="PATH...")
@db_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help=(
        "Pipeline processes (default: setting workers, 1); with --engine ray, Ray actors "
        "(default: every CPU of the cluster)."
    ),
)
@click.option(
    "--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
    help="Where the pipeline runs: local processes, or Ray actors (pip install 'marsad[ray]').",
)  # fmt: skip
@click.option("--address", help="Ray cluster to join with --engine ray (auto, ray://host:port).")
@click.option(
    "--shards", type=click.Path(file_okay=False), metavar="DIR",
    help="With --engine ray: write the analysed documents to Parquet shards in DIR instead of "
    "a collection (a rerun finishes an interrupted one); then `marsad load DIR --db ...`.",
)  # fmt: skip
@click.option("--no-dedup", is_flag=True, help="Do not link duplicate copies after storing.")
@click.option("--no-stories", is_flag=True, help="Do not rebuild stories after storing.")
@json_option
@progress_option("when stderr is a terminal; it shows rate and ETA")
@settings_options
@reports_errors
def ingest_command(
    *, paths: tuple[str, ...], db: str | None, workers: int | None, engine: str,
    address: str | None, shards: str | None, no_dedup: bool, no_stories: bool, as_json: bool,
    progress: bool | None, config_file: str | None, pipeline: str | None,
    error_policy: str | None,
) -> None:  # fmt: skip
    """Analyse files, folders, feeds, crawls and JSON Lines into the collection.

    PATH may be a folder (read recursively, hidden files skipped) or a .txt, .html, .rss/.atom/
    .xml, .warc(.gz) or .jsonl(.gz) file. Texts already in the collection are skipped; inputs that
    cannot be read are stored as rejections (see `marsad rejects`). Afterwards duplicate copies
    are linked and stories rebuilt (see `marsad dedup`, `marsad stories`).

    With --engine ray the pipeline runs on a Ray cluster (a local one unless --address names
    one); with --shards DIR it writes Parquet shards to load later with `marsad load`.

    \b
    Example:
      marsad ingest news/ feeds/world.rss --db news.db --workers 2
      marsad ingest crawl/ --engine ray --address auto --shards shards/
    """
    from marsad.cli.collection_render import IngestBar, print_ingest_report
    from marsad.scale.runners import get_runner, ingest_to_shards

    settings = load_settings_from(config_file, pipeline, error_policy)
    if no_dedup or no_stories:
        settings = settings.replace(
            duplicates=settings.duplicates and not no_dedup,
            stories=settings.stories and not no_stories,
        )
    if shards is not None:
        with IngestBar(progress, "analysing") as bar:
            written = ingest_to_shards(
                paths, shards=shards, engine=engine, address=address, db=db, workers=workers,
                settings=settings, progress=bar.update,
            )  # fmt: skip
        if as_json:
            _echo_json(written.to_dict())
        else:
            click.echo(written.summary())
        return
    runner = get_runner(engine, address)
    with IngestBar(progress, "ingesting") as bar:
        report = runner.ingest(
            paths, db=db, workers=workers, settings=settings, progress=bar.update
        )
    if as_json:
        _echo_json(report.to_dict())
    else:
        print_ingest_report(report)


@main.command("reprocess")
@db_option
@click.option("--all", "everything", is_flag=True, help="Re-analyse every article.")
@click.option("--workers", type=click.IntRange(min=1), help="Pipeline processes (default: 1).")
@json_option
@progress_option("when stderr is a terminal; it shows rate and ETA")
@settings_options
@reports_errors
def reprocess_command(
    *, db: str | None, everything: bool, workers: int | None, as_json: bool,
    progress: bool | None, config_file: str | None, pipeline: str | None,
    error_policy: str | None,
) -> None:  # fmt: skip
    """Re-run the current pipeline over stored articles that another pipeline version analysed."""
    from marsad.cli.collection_render import IngestBar
    from marsad.services.collection import reprocess

    settings = load_settings_from(config_file, pipeline, error_policy)
    with IngestBar(progress, "reprocessing") as bar:
        report = reprocess(
            db or settings.db, everything=everything, workers=workers, settings=settings,
            progress=bar.update,
        )  # fmt: skip
    data = report.to_dict()
    if as_json:
        _echo_json(data)
    else:
        click.echo(", ".join(f"{k}: {v}" for k, v in data.items()))


@main.command("search")
@click.argument("query", default="")
@db_option
@click.option("--since", help="Published on or after this date (2018, 2018-03, 2018-03-15).")
@click.option("--until", help="Published on or before this date.")
@click.option("--source", help="Only articles of this source (outlet or feed).")
@click.option("--entity", help="Only articles naming this entity (id, name or Latin name).")
@click.option("--type", "event_type", help="Only articles with an event of this PLOVER type.")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@json_option
@reports_errors
def search_command(
    *, query: str, db: str | None, since: str | None, until: str | None, source: str | None,
    entity: str | None, event_type: str | None, limit: int, offset: int, as_json: bool,
) -> None:  # fmt: skip
    """Full-text search with Arabic normalization and light stemming.

    Words must all match; "a phrase" in quotes; a OR b; -word or NOT word excludes; word* is a
    prefix; parentheses group. الامريكية finds الأمريكيّة, وبالمحادثات finds محادثات, and ٢٠٢٤
    finds 2024.

    \b
    Example:
      marsad search '"وزير الخارجية" روسيا -أوكرانيا' --since 2018-03 --limit 5
    """
    from marsad.cli.collection_render import print_search
    from marsad.services.search import search

    page = search(
        query, db=db, since=since, until=until, source=source, entity=entity,
        event_type=event_type, limit=limit, offset=offset,
    )  # fmt: skip
    if as_json:
        _echo_json(page.to_dict())
    else:
        print_search(page)


@main.command("entity")
@click.argument("name")
@db_option
@json_option
@reports_errors
def entity_command(*, name: str, db: str | None, as_json: bool) -> None:
    """Profile of an entity: aliases, Latin name, roles, mentions by month, co-mentioned
    entities and quotes. NAME is an id (wikidata:Q30), an Arabic name or a Latin name."""
    from marsad.cli.collection_render import print_profile
    from marsad.services.browse import entity_profile

    profile = entity_profile(name, db=db)
    if as_json:
        _echo_json(profile.to_dict())
    else:
        print_profile(profile)


@main.command("events")
@db_option
@click.option("--actor", metavar="ISO3", help="Source or target country code, e.g. USA.")
@click.option("--type", "event_type", metavar="PLOVER", help="Event type, e.g. CONSULT.")
@click.option("--since", help="Event (or article) date on or after this date.")
@click.option("--until", help="Event (or article) date on or before this date.")
@click.option("--sort", type=click.Choice(EVENT_SORT_COLUMNS), default="event_date",
              show_default=True, help="Column to sort every matching event by.")  # fmt: skip
@click.option("--order", type=click.Choice(("asc", "desc")), default="asc", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@json_option
@reports_errors
def events_command(
    *, db: str | None, actor: str | None, event_type: str | None, since: str | None,
    until: str | None, sort: str, order: str, limit: int, offset: int, as_json: bool,
) -> None:  # fmt: skip
    """The event table: who did what to whom, when and where, with the evidence sentence.

    Sorting (--sort, --order) covers every matching event, so --offset pages through one order.
    """
    from marsad.cli.collection_render import print_events
    from marsad.services.browse import events

    rows = events(
        db=db, actor=actor, type=event_type, since=since, until=until, sort=sort, order=order,
        limit=limit, offset=offset,
    )  # fmt: skip
    if as_json:
        _echo_json(rows)
    else:
        print_events(rows)


@main.command("timeline")
@click.argument("name")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=200, show_default=True)
@json_option
@reports_errors
def timeline_command(*, name: str, db: str | None, limit: int, as_json: bool) -> None:
    """Dated items about an entity: its events, dates near its mentions, articles naming it."""
    from marsad.cli.collection_render import print_timeline
    from marsad.services.browse import timeline

    entity, rows = timeline(name, db=db, limit=limit)
    if as_json:
        _echo_json({"entity": entity.to_dict(), "timeline": rows})
    else:
        print_timeline(entity, rows)


@main.command("rejects")
@db_option
@click.option("--reason", help="Only this reason (empty, not_arabic, binary, malformed, ...).")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@json_option
@reports_errors
def rejects_command(
    *, db: str | None, reason: str | None, limit: int, offset: int, as_json: bool
) -> None:
    """Inputs that could not become articles, with the reason and what to do."""
    from marsad.cli.collection_render import print_rows
    from marsad.services.browse import rejects

    rows = rejects(db=db, reason=reason, limit=limit, offset=offset)
    if as_json:
        _echo_json(rows)
    else:
        print_rows("rejected inputs", rows, ("source", "reason", "detail"))


@main.command("export")
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(("jsonl", "csv", "parquet")), default="jsonl",
    show_default=True,
)  # fmt: skip
@click.option(
    "--table", type=click.Choice(("documents", "events", "mentions", "quotes")),
    default="documents", show_default=True,
)  # fmt: skip
@click.option("--out", type=click.Path(dir_okay=False), help="Output file (default: stdout).")
@json_option
@reports_errors
def export_command(*, db: str | None, fmt: str, table: str, out: str | None, as_json: bool) -> None:
    """Export a table: documents (marsad.document/1), events (flat PLOVER), mentions, quotes.

    Parquet needs pyarrow (pip install 'marsad[parquet]'). The summary (rows written) goes to
    stderr, or to stdout as JSON with --json when --out is given.
    """
    from marsad.services.export import export

    report = export(table, fmt, db=db, out=out)
    if as_json and out is not None:
        _echo_json(report.to_dict())
    else:
        click.echo(f"exported {report.rows} {table} rows as {fmt} to {report.out}", err=True)


@main.command("stats")
@db_option
@json_option
@reports_errors
def stats_command(*, db: str | None, as_json: bool) -> None:
    """Counts per table, sources, pipeline versions, entity, event and reject breakdowns."""
    from marsad.cli.collection_render import print_stats
    from marsad.services.browse import stats

    data = stats(db=db)
    if as_json:
        _echo_json(data)
    else:
        print_stats(data)


@main.command("bench-search")
@db_option
@click.option("--queries", type=click.Path(exists=True, dir_okay=False), help="One query per line.")
@click.option("--runs", type=click.IntRange(min=1), default=3, show_default=True)
@json_option
@reports_errors
def bench_search_command(*, db: str | None, queries: str | None, runs: int, as_json: bool) -> None:
    """Search latency of a collection: p50, p95 and max over a query list (snippets included)."""
    from marsad.config import load_settings
    from marsad.services.search import bench_search, read_queries

    chosen = read_queries(queries) if queries else None
    report = bench_search(db or load_settings().db, chosen, runs=runs).to_dict()
    if as_json:
        _echo_json(report)
        return
    for key, value in report.items():
        if key != "slowest":
            click.echo(f"{key:>9}: {value}")
    for item in report["slowest"]:  # type: ignore[attr-defined]
        click.echo(f"  slow: {item['ms']:8.2f} ms  {item['query']}")
