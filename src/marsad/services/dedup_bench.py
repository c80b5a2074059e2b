"""A benchmark of duplicate detection on a corpus, without the NLP pipeline.

:func:`bench_dedup` reads a corpus (any input ``marsad ingest`` reads: ANT JSON Lines, folders,
feeds ...), sets aside texts the store would keep once (the same folded text as an earlier record:
``copies``), runs the exact + near-duplicate index over the rest in input order and reports the
pairs, the time and the peak memory. It can write a random sample of the reported pairs for
judging by hand, and measure recall on synthetic copies of a random sample of articles (a new
headline, appended boilerplate, 10% of the words replaced, deleted or inserted, and all three).
Every random draw comes from ``seed``, so a run is reproducible.
"""

from __future__ import annotations

import json
import random
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from marsad.dedup.near import MIN_WORDS, DuplicatePair, NearDuplicateIndex, body_words
from marsad.doc import Document
from marsad.errors import InputError
from marsad.ingest.decode import MIB
from marsad.ingest.sources import read_inputs
from marsad.services.dedup import published_day
from marsad.store.terms import content_hash

SAMPLE_CHARS = 300
EDIT_SHARE = 0.10
BOILERPLATE = (
    "تابعونا على مواقع التواصل الاجتماعي فيسبوك وتويتر وإنستغرام للاطلاع على آخر الأخبار "
    "العاجلة والتقارير الحصرية لحظة بلحظة.",
    "جميع الحقوق محفوظة للموقع، ولا يجوز نسخ هذا المحتوى أو إعادة نشره دون إذن مكتوب مسبق "
    "من إدارة التحرير.",
    "اشترك في نشرتنا البريدية اليومية لتصلك أهم الأخبار السياسية والاقتصادية والرياضية "
    "مباشرة إلى بريدك الإلكتروني كل صباح.",
    "اقرأ أيضا: تطورات متسارعة في المنطقة وسط دعوات دولية للتهدئة، ومحللون يتوقعون أسبوعا "
    "حافلا بالأحداث.",
    "حمّل تطبيقنا المجاني على الهواتف الذكية لمتابعة البث المباشر والتغطيات الخاصة على مدار الساعة.",
)
"""Outlet boilerplate written for this benchmark, appended to synthetic copies."""
VARIANTS = ("headline", "boilerplate", "edits", "all")


@dataclass(slots=True)
class DedupBench:
    """What one benchmark run measured (see the module docstring); ``seconds`` and
    ``cpu_seconds`` cover the detection only (reading and decoding the corpus excluded)."""

    corpus: str
    records: int = 0
    rejected: int = 0
    copies: int = 0
    articles: int = 0
    exact: int = 0
    near: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_rss_mb: float = 0.0
    recall: dict[str, dict[str, float | int]] = field(default_factory=dict)
    sample_out: str | None = None

    def to_dict(self) -> dict[str, object]:
        rate = self.articles / self.cpu_seconds if self.cpu_seconds else 0.0
        return {
            "corpus": self.corpus, "records": self.records, "rejected": self.rejected,
            "copies": self.copies, "articles": self.articles, "exact_pairs": self.exact,
            "near_pairs": self.near, "seconds": round(self.seconds, 2),
            "cpu_seconds": round(self.cpu_seconds, 2),
            "articles_per_cpu_second": round(rate, 1),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "recall": self.recall, "sample_out": self.sample_out,
        }  # fmt: skip


@dataclass(slots=True)
class _Run:
    """The corpus as read and indexed: documents, first copies, pairs and the index."""

    index: NearDuplicateIndex
    docs: dict[str, Document] = field(default_factory=dict)
    copy_docs: dict[str, Document] = field(default_factory=dict)
    copies: list[DuplicatePair] = field(default_factory=list)
    pairs: list[DuplicatePair] = field(default_factory=list)
    originals: list[str] = field(default_factory=list)


def bench_dedup(
    corpus: str | Path,
    *,
    sample_out: str | Path | None = None,
    near_sample: int = 60,
    exact_sample: int = 20,
    recall_sample: int = 0,
    seed: int = 13,
) -> DedupBench:
    """Run duplicate detection over ``corpus`` and measure it (see the module docstring)."""
    report = DedupBench(str(corpus))
    run = _index_corpus(corpus, report)
    if recall_sample:
        report.recall = measure_recall(run, recall_sample, random.Random(seed))
    if sample_out is not None:
        write_sample(run, Path(sample_out), near_sample, exact_sample, random.Random(seed))
        report.sample_out = str(sample_out)
    return report


def _index_corpus(corpus: str | Path, report: DedupBench) -> _Run:
    run = _Run(NearDuplicateIndex())
    hashes: dict[str, str] = {}
    for item in read_inputs([corpus], 64 * MIB):
        report.records += 1
        if isinstance(item, InputError):
            report.rejected += 1
            continue
        started, cpu = time.perf_counter(), time.process_time()
        _add(run, hashes, item)
        report.seconds += time.perf_counter() - started
        report.cpu_seconds += time.process_time() - cpu
    report.copies = len(run.copies)
    report.articles = len(run.docs)
    report.exact = sum(p.kind == "exact" for p in run.pairs)
    report.near = len(run.pairs) - report.exact
    report.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return run


def _add(run: _Run, hashes: dict[str, str], doc: Document) -> None:
    digest = content_hash(doc.text)
    first = hashes.get(digest)
    if first is not None:
        run.copies.append(DuplicatePair(doc.id, first, "copy", 1.0))
        run.copy_docs[doc.id] = doc
        return
    hashes[digest] = doc.id
    run.docs[doc.id] = doc
    found = run.index.add(
        doc.id, doc.text, headline=doc.meta.headline, published=published_day(doc.meta.published)
    )
    run.pairs.extend(found)
    if not any(p.kind == "exact" for p in found):
        run.originals.append(doc.id)


# --- recall on synthetic copies ---------------------------------------------------------------


def measure_recall(run: _Run, size: int, rng: random.Random) -> dict[str, dict[str, float | int]]:
    """Recall of each copy variant over ``size`` random articles (found among the index's
    answers for the copy, which is not added). Articles shorter than ``MIN_WORDS`` body words
    are drawn too: their edited copies can only be found exactly."""
    chosen = rng.sample(run.originals, min(size, len(run.originals)))
    vocabulary = _vocabulary(run, rng)
    headlines = [d.meta.headline for d in run.docs.values() if d.meta.headline]
    out: dict[str, dict[str, float | int]] = {}
    for variant in VARIANTS:
        found = exact = 0
        for article_id in chosen:
            doc = run.docs[article_id]
            text, headline = make_copy(doc, variant, rng, vocabulary, headlines)
            pairs = run.index.find(
                f"copy:{article_id}", text, headline=headline,
                published=published_day(doc.meta.published),
            )  # fmt: skip
            hit = next((p for p in pairs if p.original == article_id), None)
            found += hit is not None
            exact += hit is not None and hit.kind == "exact"
        out[variant] = {"copies": len(chosen), "found": found, "exact": exact,
                        "recall": round(found / len(chosen), 4) if chosen else 0.0}  # fmt: skip
    short = sum(len(body_words(run.docs[a].text, run.docs[a].meta.headline)) < MIN_WORDS
                for a in chosen)  # fmt: skip
    out["sample"] = {"articles": len(chosen), "shorter_than_min_words": short}
    return out


def _vocabulary(run: _Run, rng: random.Random, articles: int = 200) -> list[str]:
    ids = rng.sample(sorted(run.docs), min(articles, len(run.docs)))
    return sorted({w for i in ids for w in run.docs[i].text.split() if len(w) > 2})


def make_copy(
    doc: Document,
    variant: str,
    rng: random.Random,
    vocabulary: Sequence[str],
    headlines: Sequence[str],
) -> tuple[str, str | None]:
    """A synthetic syndicated copy of ``doc``: (text, headline) for one of :data:`VARIANTS`."""
    text, headline = doc.text, doc.meta.headline
    if variant in ("edits", "all"):
        text = edit_words(text, EDIT_SHARE, rng, vocabulary)
    if variant in ("boilerplate", "all"):
        text = text + "\n" + " ".join(rng.sample(BOILERPLATE, rng.randint(1, 2)))
    if variant in ("headline", "all"):
        headline = rng.choice(headlines)
        text = headline + "\n" + text
    return text, headline


def edit_words(text: str, share: float, rng: random.Random, vocabulary: Sequence[str]) -> str:
    """``text`` with ``share`` of its words edited: each edit replaces, deletes or inserts a
    word at a random place (new words drawn from ``vocabulary``)."""
    words = text.split()
    edits: dict[str, Callable[[int], None]] = {
        "replace": lambda i: words.__setitem__(i, rng.choice(vocabulary)),
        "delete": lambda i: words.__delitem__(i) if len(words) > 1 else None,
        "insert": lambda i: words.insert(i, rng.choice(vocabulary)),
    }
    for _ in range(max(1, round(share * len(words)))):
        edits[rng.choice(sorted(edits))](rng.randrange(len(words)))
    return " ".join(words)


# --- the sample for judging by hand -----------------------------------------------------------


def write_sample(run: _Run, path: Path, near: int, exact: int, rng: random.Random) -> None:
    """Write ``near`` random near pairs and ``exact`` random exact-or-copy pairs as JSON Lines:
    each pair's kind, similarity and both articles' id, date, headline and first characters."""
    near_pairs = [p for p in run.pairs if p.kind == "near"]
    same = [p for p in run.pairs if p.kind == "exact"] + run.copies
    chosen = rng.sample(near_pairs, min(near, len(near_pairs)))
    chosen += rng.sample(same, min(exact, len(same)))
    with path.open("w", encoding="utf-8") as out:
        for pair in chosen:
            record = {
                "kind": pair.kind, "similarity": pair.similarity,
                "article": _brief(run, pair.article), "original": _brief(run, pair.original),
            }  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _brief(run: _Run, article_id: str) -> dict[str, str | None]:
    doc = run.docs.get(article_id) or run.copy_docs.get(article_id)
    if doc is None:
        return {"id": article_id}
    return {
        "id": article_id, "published": doc.meta.published, "source": doc.meta.source,
        "headline": doc.meta.headline, "start": " ".join(doc.text.split())[:SAMPLE_CHARS],
    }  # fmt: skip
