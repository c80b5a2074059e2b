"""The bench service: counts, rates, shares and failures on a small corpus."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from marsad.config import Settings
from marsad.services.bench import peak_rss_mb, run_bench

TEXTS = [
    "افتتحت البلدية حديقة عامة جديدة. وحضر الافتتاح مئات السكان.",
    "قررت الشركة خفض أسعار تذاكر القطارات ابتداء من الشهر المقبل.",
    "تعادل الفريقان في المباراة النهائية. وتقرر اللجوء إلى ركلات الترجيح.",
]


def corpus(tmp_path: Path) -> Path:
    lines = [
        json.dumps({"docno": f"d{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(TEXTS)
    ]
    lines.insert(1, '{"text": ""}')
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    return path


def test_bench_counts_articles_tokens_and_failures(tmp_path: Path) -> None:
    ticks: list[int] = []
    problems: list[str] = []
    report = run_bench(
        corpus(tmp_path),
        settings=Settings(pipeline=("sentences",)),
        on_article=lambda: ticks.append(1),
        on_problem=problems.append,
    )
    assert report.articles == 3
    assert report.input_failures == 1
    assert len(problems) == 1 and problems[0].startswith(f"{tmp_path / 'corpus.jsonl.gz'}:2: ")
    assert len(ticks) == 4
    assert report.chars == sum(len(t) for t in TEXTS)
    assert report.counts_tokens and report.tokens > 30
    assert set(report.shares()) == {"sentences"}
    assert report.peak_rss_mb > 1
    figures = report.to_dict()
    assert figures["articles_per_s"] > 0
    assert figures["tokens_per_s"] > 0
    assert figures["failures"] == 1
    assert figures["seconds"]["total"] >= figures["seconds"]["analysis"]
    assert report.startup_seconds > 0 and "startup_seconds" in figures


def test_loading_is_timed_apart_from_the_corpus(tmp_path: Path) -> None:
    from marsad.components.ner import load_tagger

    load_tagger.cache_clear()
    report = run_bench(corpus(tmp_path), settings=Settings(pipeline=("sentences", "ner")))
    assert report.startup_seconds > report.component_seconds["ner"]  # the model loaded first


def test_bench_limit_and_pipeline_without_tokens(tmp_path: Path) -> None:
    report = run_bench(corpus(tmp_path), limit=2, settings=Settings(pipeline=("anatomy",)))
    assert report.articles + report.failures == 2
    assert not report.counts_tokens
    assert report.to_dict()["tokens_per_s"] is None


def test_peak_rss_is_positive() -> None:
    assert peak_rss_mb() > 0
