"""Duplicate and story commands: dedup (recompute), stories (list) and bench-dedup (measure).

Each parses its options, calls one service of :mod:`marsad.services.dedup` (or
:mod:`marsad.services.dedup_bench`) and renders the answer: a table for a person, ``--json``
for a program.
"""

from __future__ import annotations

import json
from typing import Any

import click

from marsad.cli.groups import main
from marsad.cli.options import reports_errors

DB_HELP = "Collection database, a SQLite file (default: setting db, ./marsad.db)."
db_option = click.option("--db", type=click.Path(dir_okay=False), help=DB_HELP)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
window_option = click.option(
    "--window-days", type=click.IntRange(min=0),
    help="A story stays open while its last article is at most this many days older "
    "(default: 3).",
)  # fmt: skip
span_option = click.option(
    "--span-days", type=click.IntRange(min=0),
    help="A story takes no article more than this many days after its first (default: 7).",
)  # fmt: skip
threshold_option = click.option(
    "--threshold", type=click.FloatRange(0.0, 1.2),
    help="Score (cosine + 0.2 x shared-entity Jaccard) an article needs to join a story "
    "(default: 0.6).",
)  # fmt: skip


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@main.command("dedup")
@db_option
@click.option("--no-duplicates", "skip_duplicates", is_flag=True, help="Leave duplicates as is.")
@click.option("--no-stories", "skip_stories", is_flag=True, help="Leave stories as is.")
@window_option
@span_option
@threshold_option
@click.option(
    "--workers", type=click.IntRange(min=1),
    help="Processes embedding articles new to the story cache (default: setting workers).",
)  # fmt: skip
@json_option
@reports_errors
def dedup_command(
    *, db: str | None, skip_duplicates: bool, skip_stories: bool, window_days: int | None,
    span_days: int | None, threshold: float | None, workers: int | None, as_json: bool,
) -> None:  # fmt: skip
    """Recompute the duplicates and stories of a collection.

    Exact and near-duplicate copies (MinHash candidates verified on word 3-shingles) are linked
    to the earlier article, never deleted; pairs no longer found are dropped. Stories are rebuilt
    from the headline and lead of every article (multilingual USE, cached per article) and shared
    entities, within a time window. `marsad ingest` does this after storing.
    """
    from marsad.services.dedup import dedup

    tuning = {"window_days": window_days, "span_days": span_days, "threshold": threshold}
    report = dedup(
        db, duplicates=not skip_duplicates, stories=not skip_stories, workers=workers,
        **{k: v for k, v in tuning.items() if v is not None},  # type: ignore[arg-type]
    )  # fmt: skip
    data = report.to_dict()
    if as_json:
        _echo_json(data)
        return
    for name in ("duplicates", "stories"):
        if data[name] is not None:
            parts = ", ".join(f"{k}: {v}" for k, v in data[name].items())  # type: ignore[attr-defined]
            click.echo(f"{name}: {parts}")


@main.command("stories")
@db_option
@click.option("--since", help="Stories running on or after this date (2018, 2018-03, 2018-03-15).")
@click.option("--until", help="Stories starting on or before this date.")
@click.option("--min-articles", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@json_option
@reports_errors
def stories_command(
    *, db: str | None, since: str | None, until: str | None, min_articles: int, limit: int,
    offset: int, as_json: bool,
) -> None:  # fmt: skip
    """Stories: articles about the same happening, the largest first, with their articles.

    \b
    Example:
      marsad stories --db news.db --since 2018-06 --min-articles 3 --limit 5
    """
    from marsad.services.dedup import list_stories

    page = list_stories(
        db, since=since, until=until, min_articles=min_articles, limit=limit, offset=offset
    )
    if as_json:
        _echo_json(page.to_dict())
        return
    _print_stories(page.total, offset, page.stories)


def _print_stories(total: int, offset: int, stories: list[dict[str, Any]]) -> None:
    shown = f"{offset + 1}-{offset + len(stories)}" if stories else "none"
    click.echo(f"{total} stories (showing {shown})")
    for rank, story in enumerate(stories, start=offset + 1):
        dates = " .. ".join(
            dict.fromkeys(d for d in (story["first_date"], story["last_date"]) if d)
        )
        click.secho(f"{rank:>3}. {story['headline']}", bold=True)
        count = f"{story['articles']} article{'s' if story['articles'] != 1 else ''}"
        click.echo(f"     {count}  {dates or 'undated'}  story {story['id']}")
        for member in story["members"]:
            day = (member["published"] or "")[:10]
            click.echo(f"       {day:10}  {member['id']}  {member['headline'] or ''}")
        if story["articles"] > len(story["members"]):
            click.echo(f"       ... {story['articles'] - len(story['members'])} more")


@main.command("bench-dedup")
@click.argument("corpus", type=click.Path(exists=True))
@click.option(
    "--sample-out", type=click.Path(dir_okay=False),
    help="Write a random sample of reported pairs (JSON Lines) for judging by hand.",
)  # fmt: skip
@click.option("--near-sample", type=click.IntRange(min=0), default=60, show_default=True)
@click.option("--exact-sample", type=click.IntRange(min=0), default=20, show_default=True)
@click.option(
    "--recall-sample", type=click.IntRange(min=0), default=0, show_default=True,
    help="Measure recall on synthetic copies of this many random articles.",
)  # fmt: skip
@click.option("--seed", type=int, default=13, show_default=True, help="Seed of every random draw.")
@json_option
@reports_errors
def bench_dedup_command(
    *, corpus: str, sample_out: str | None, near_sample: int, exact_sample: int,
    recall_sample: int, seed: int, as_json: bool,
) -> None:  # fmt: skip
    """Duplicate detection on a corpus without the NLP pipeline: pairs, time, memory, recall.

    CORPUS is anything `marsad ingest` reads (the ANT .jsonl.gz, a folder ...). Texts repeated
    verbatim are counted as copies (ingest stores them once); the others are indexed in order.

    \b
    Example:
      marsad bench-dedup ant_v2.1_multisource.jsonl.gz --sample-out pairs.jsonl --recall-sample 500
    """
    from marsad.services.dedup_bench import bench_dedup

    report = bench_dedup(
        corpus, sample_out=sample_out, near_sample=near_sample, exact_sample=exact_sample,
        recall_sample=recall_sample, seed=seed,
    ).to_dict()  # fmt: skip
    if as_json:
        _echo_json(report)
        return
    for key, value in report.items():
        if key != "recall":
            click.echo(f"{key:>20}: {value}")
    for variant, figures in dict(report["recall"]).items():  # type: ignore[call-overload]
        click.echo(f"{'recall ' + variant:>20}: {figures}")
