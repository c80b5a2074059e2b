"""NER use-cases: evaluate the tagger on a CoNLL gold file, train it, build its resources."""

from __future__ import annotations

import tempfile
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from itertools import accumulate
from pathlib import Path

from marsad.components.ner import GAZETTEERS, find_mentions, load_lexicon, load_tagger
from marsad.doc import Document, Mention, Sentence, Token
from marsad.errors import TrainingError
from marsad.evaluation.ner import (
    DEFAULT_TYPE_MAP,
    GoldSentence,
    NerScores,
    map_chunks,
    parse_type_map,
    read_conll,
    score,
)
from marsad.resources import load_table
from marsad.text.iob import Chunk, chunks
from marsad.text.ner_features import FeatureExtractor
from marsad.training import ner as trainer
from marsad.training.ner_gazetteer import build_gazetteer, write_gazetteer
from marsad.training.word_clusters import ClusterSettings, read_news, train_clusters, write_table

BATCH_SENTENCES = 200
KEYWORDS = GAZETTEERS[0]
Log = Callable[[str], None]


@dataclass(slots=True)
class NerEvaluation:
    """Scores of the tagger on gold sentences, and how fast it tagged them."""

    scores: NerScores
    sentences: int
    tokens: int
    seconds: float
    mapping: dict[str, str] = field(default_factory=dict)

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, object]:
        return {**self.scores.as_dict(), "sentences": self.sentences, "tokens": self.tokens,
                "seconds": round(self.seconds, 3),
                "tokens_per_second": round(self.tokens_per_second, 1),
                "type_map": dict(self.mapping)}  # fmt: skip


def evaluate_ner(
    gold: str | Path, type_map: str | None = None, model: str | None = None
) -> NerEvaluation:
    """Score Marsad's NER on the CoNLL file ``gold`` (``type_map``: ``"PER=PERS,..."``)."""
    return evaluate_sentences(read_conll(gold), parse_type_map(type_map), model)


def evaluate_sentences(
    sentences: Sequence[GoldSentence],
    mapping: Mapping[str, str] = DEFAULT_TYPE_MAP,
    model: str | None = None,
) -> NerEvaluation:
    """Tag the gold tokens (never re-tokenized) and score the mentions against the gold tags."""
    tagger = load_tagger(model)
    predicted: list[list[Chunk]] = []
    seconds = 0.0
    for begin in range(0, len(sentences), BATCH_SENTENCES):
        batch = sentences[begin : begin + BATCH_SENTENCES]
        doc = gold_document(batch, f"gold-{begin}")
        started = time.perf_counter()
        mentions = find_mentions(doc, tagger)
        seconds += time.perf_counter() - started
        predicted += mentions_to_chunks(doc, mentions, [len(s.tokens) for s in batch])
    gold = [chunks(s.tags) for s in sentences]
    scores = score(gold, [map_chunks(p, mapping) for p in predicted])
    tokens = sum(len(s.tokens) for s in sentences)
    return NerEvaluation(scores, len(sentences), tokens, seconds, dict(mapping))


def gold_document(sentences: Sequence[GoldSentence], doc_id: str) -> Document:
    """A document whose text is the tokens joined by spaces, one sentence per line."""
    parts: list[str] = []
    tokens: list[Token] = []
    spans: list[Sentence] = []
    pos = 0
    for sentence in sentences:
        start = pos
        for i, word in enumerate(sentence.tokens):
            if i:
                parts.append(" ")
                pos += 1
            tokens.append(Token(pos, pos + len(word), word))
            parts.append(word)
            pos += len(word)
        spans.append(Sentence(start, pos))
        parts.append("\n")
        pos += 1
    doc = Document("".join(parts), id=doc_id)
    doc.tokens, doc.sentences = tokens, spans
    return doc


def mentions_to_chunks(
    doc: Document, mentions: Sequence[Mention], lengths: Sequence[int]
) -> list[list[Chunk]]:
    """Each sentence's mentions as chunks of its token indices (tokens covering the span)."""
    starts = [t.start for t in doc.tokens]
    ends = [t.end for t in doc.tokens]
    firsts = [0, *accumulate(lengths)][:-1]
    out: list[list[Chunk]] = [[] for _ in lengths]
    for m in mentions:
        first = bisect_right(starts, m.start) - 1
        last = bisect_left(ends, m.end)
        sentence = bisect_right(firsts, max(first, 0)) - 1
        offset = firsts[sentence]
        out[sentence].append(Chunk(m.type, first - offset, last + 1 - offset))
    return out


@dataclass(slots=True)
class NerTrainingReport:
    """What ``marsad train ner`` did and how the model scores on the dev split.

    ``stats`` and ``train_sentences`` describe the model written to ``model``; ``dev`` scores the
    model trained without the dev split (``dev_trained_on`` ANERcorp sentences), which is the
    written model itself unless a final model was trained on every sentence afterwards."""

    model: Path
    stats: trainer.CrfStats
    train_sentences: int
    wojood_sentences: int
    dev: NerEvaluation | None
    dev_trained_on: int = 0

    def as_dict(self) -> dict[str, object]:
        stats = self.stats
        return {"model": str(self.model), "train_sentences": self.train_sentences,
                "wojood_sentences": self.wojood_sentences, "tokens": stats.tokens,
                "seconds": round(stats.seconds, 1), "model_bytes": stats.model_bytes,
                "dev_trained_on": self.dev_trained_on,
                "dev": self.dev.as_dict() if self.dev is not None else None}  # fmt: skip


def default_resource_path(name: str) -> Path:
    """Where the packaged resource ``name`` lives (the target of the rebuild commands)."""
    return Path(str(files("marsad.resources").joinpath(name)))


def train_ner_model(
    anercorp: Path,
    wojood: Path | None,
    out: Path,
    *,
    dev_fraction: float = 0.1,
    final: bool = True,
    c1: float = 0.1,
    c2: float = 0.01,
    iterations: int = 150,
    seed: int = 13,
    dev_out: Path | None = None,
    log: Log | None = None,
) -> NerTrainingReport:
    """Train the CRF on ANERcorp minus its dev tail (and Wojood) and score the dev split; then,
    with ``final``, train it again on every ANERcorp sentence and write that model to ``out``
    (the dev scores are the held-out run's: the dev split is the part of the corpus nearest the
    standard test split, so the shipped model should learn from it too)."""
    settings = trainer.CrfSettings(c1=c1, c2=c2, max_iterations=iterations, seed=seed)
    lexicon = load_lexicon()
    gold = trainer.gold_sentences(trainer.read_sentences(anercorp))
    train_part, dev_part = trainer.split_dev(gold, dev_fraction)
    train = [trainer.unify_anercorp(s, lexicon) for s in train_part]
    extra = trainer.load_wojood(wojood) if wojood is not None else []
    refit = final and bool(dev_part)
    with tempfile.TemporaryDirectory() as scratch:
        first = Path(scratch) / "held-out.crfsuite" if refit else out
        stats = trainer.train_crf(train + extra, FeatureExtractor(lexicon), first, settings, log)
        dev = _score_dev(dev_part, first, dev_out) if dev_part else None
    if refit:
        train += [trainer.unify_anercorp(s, lexicon) for s in dev_part]
        stats = trainer.train_crf(train + extra, FeatureExtractor(lexicon), out, settings, log)
        load_tagger.cache_clear()  # a tagger loaded from ``out`` before is stale now
    return NerTrainingReport(out, stats, len(train), len(extra), dev, len(train_part))


def _score_dev(dev_part: Sequence[trainer.TaggedSentence], model: Path, dev_out: Path | None
               ) -> NerEvaluation:  # fmt: skip
    dev_gold = [GoldSentence(s.tokens, s.tags) for s in dev_part]
    if dev_out is not None:
        write_conll(dev_gold, dev_out)
    load_tagger.cache_clear()
    return evaluate_sentences(dev_gold, DEFAULT_TYPE_MAP, str(model))


def write_conll(sentences: Sequence[GoldSentence], out: Path) -> None:
    """Write sentences as ``token TAG`` lines with blank lines between sentences."""
    out.parent.mkdir(parents=True, exist_ok=True)
    blocks = [
        "\n".join(f"{t} {g}" for t, g in zip(s.tokens, s.tags, strict=True)) for s in sentences
    ]
    out.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def build_ner_gazetteer(shared_data: Path, out: Path) -> int:
    """Rebuild the NER gazetteer from ``../shared/data``; returns the number of entries."""
    keywords = [(row[0], row[1]) for row in load_table(KEYWORDS) if len(row) > 1]
    return write_gazetteer(build_gazetteer(shared_data, keywords), out)


def train_ner_clusters(news: Sequence[Path], out: Path, *, vocab: int, seed: int) -> int:
    """Learn the word-cluster table from news JSONL(.gz) files; returns the number of words."""
    settings = ClusterSettings(vocab=vocab, seed=seed)
    if not news:
        raise TrainingError("no news files given for the word clusters")
    table = train_clusters(read_news(news), settings)
    write_table(table, settings, out)
    return len(table.words)
