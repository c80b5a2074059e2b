"""Quotation and event use-cases: build the event lexicon, score quotes and events on gold files.

Behind ``marsad train events-lexicon``, ``marsad eval quotes`` and ``marsad eval events``. The
evaluations run the configured pipeline with the scored component appended when it is missing
(``quotes``; ``events`` needs ``times``, so the pipeline must hold a ``timex`` component or the
requirement check names it).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.config import Settings, load_settings
from marsad.doc import Document, Meta, normalize_published
from marsad.evaluation import events as event_scoring
from marsad.evaluation import quotes as quote_scoring
from marsad.pipeline import Pipeline
from marsad.training.events_lexicon import Summary, train_events_lexicon

SHARED_ACTORS = Path("../shared/data/actors")
DEFAULT_ARABIC = SHARED_ACTORS / "petrarch_arabic/CAMEO.ar.0.5.txt"
DEFAULT_ENGLISH = SHARED_ACTORS / "phoenix_english/CAMEO.2.0.txt"


@dataclass(slots=True)
class Evaluation:
    """Scores plus what was run and how fast."""

    scores: quote_scoring.QuoteScores | event_scoring.EventScores
    pipeline: tuple[str, ...]
    documents: int
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {**self.scores.as_dict(), "pipeline": list(self.pipeline),
                "documents": self.documents, "seconds": round(self.seconds, 3)}  # fmt: skip

    @property
    def errors(self) -> list[str]:
        return self.scores.errors


def packaged_events_dir() -> Path:
    """Where the packaged event lexicon lives in this installation."""
    import marsad.resources

    return Path(marsad.resources.__file__).parent / "data" / "events"


def build_events_lexicon(
    arabic: Path = DEFAULT_ARABIC, english: Path = DEFAULT_ENGLISH, out_dir: Path | None = None
) -> Summary:
    """Clean the Arabic CAMEO dictionary into ``cameo_verbs.tsv`` and ``cameo_patterns.tsv``."""
    return train_events_lexicon(arabic, english, out_dir or packaged_events_dir())


def evaluation_pipeline(component: str, settings: Settings | None = None) -> Pipeline:
    """The configured pipeline, with ``component`` (and ``quotes`` before ``events``) appended."""
    s = settings or load_settings()
    names = list(s.pipeline)
    wanted = ["quotes", "events"] if component == "events" else ["quotes"]
    for name in wanted:
        if name not in names:
            names.append(name)
    return Pipeline.from_names(names, "raise")


def evaluate_quotes(gold: str | Path, settings: Settings | None = None) -> Evaluation:
    """Run the pipeline on a quotes gold file and score the quotations."""
    records = quote_scoring.read_gold(gold)
    pipeline = evaluation_pipeline("quotes", settings)
    docs, seconds = _analyze(pipeline, [(r.id, r.text, r.published) for r in records])
    scores = quote_scoring.score(zip(records, docs, strict=True))
    return Evaluation(scores, pipeline.names, len(docs), seconds)


def evaluate_events(gold: str | Path, settings: Settings | None = None) -> Evaluation:
    """Run the pipeline on an events gold file and score the events."""
    records = event_scoring.read_gold(gold)
    pipeline = evaluation_pipeline("events", settings)
    docs, seconds = _analyze(pipeline, [(r.id, r.text, r.published) for r in records])
    scores = event_scoring.score(zip(records, docs, strict=True))
    return Evaluation(scores, pipeline.names, len(docs), seconds)


def _analyze(
    pipeline: Pipeline, items: Sequence[tuple[str, str, str | None]]
) -> tuple[list[Document], float]:
    docs = []
    started = time.perf_counter()
    for rid, text, published in items:
        meta = Meta(published=normalize_published(published))
        docs.append(pipeline(Document(text, id=rid, meta=meta)))
    return docs, time.perf_counter() - started
