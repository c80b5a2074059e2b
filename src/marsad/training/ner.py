"""Train Marsad's named-entity tagger: a linear-chain CRF (python-crfsuite, L-BFGS).

Why a CRF: with rich features (see :mod:`marsad.text.ner_features`: folded words, clitic-stripped
stems, affixes and letter trigrams, gazetteers, and word clusters learned here from the news
corpus) it trains in minutes on a CPU, tags well over 50,000 tokens per second on one core
(decoded by :mod:`marsad.components.ner_crf`), and its model is a few MB with no deep-learning
dependency. Fine-tuned Arabic BERTs score a few points higher but are two orders of magnitude
slower on a CPU.

Tag set. The model is trained directly on the output contract's types (IOB2), from ANERcorp
(PERS/LOC/ORG/MISC): PERS -> PER, ORG and MISC kept. ANERcorp's LOC does not separate countries
and cities from regions, seas and mountains, so each LOC name is typed by
:func:`marsad.text.ner_features.refine_type` with GPE as the default: a region (الشرق الأوسط,
أوروبا) or a name headed by a natural-feature noun (بحر، جبل، نهر ...) becomes LOC, one headed by
a facility noun (مطار، مسجد ...) FAC. The component applies the same function to every mention it
outputs, so the gazetteer has the last word on GPE vs LOC vs FAC, and MISC names headed by an
event or law noun become EVENT or LAW. No NORP is learned or emitted (nationality adjectives are
added downstream from a demonym lexicon) and titles are never part of a person's mention
(ANERcorp does not tag them).

The Wojood sample (21 nested types) can be added (``--wojood``): the outermost mention of a kept
type wins, so a person inside an occupation phrase (OCC) is still learned; PERS -> PER,
GPE/LOC/FAC/ORG/EVENT/PRODUCT/LAW kept, CURR -> MISC (ANERcorp tags currencies MISC), WEBSITE
-> ORG, NORP and OCC dropped. It is off by default: its conventions differ from ANERcorp's
(governments tagged ORG, another domain) and adding it lowered ANERcorp dev micro-F1 by about
1.5 points, plain or with domain-tagged feature copies.

The development split is the last ``dev_fraction`` of ANERcorp's sentences (the corpus's own
order, so it sits right before the standard test split); the model scored on it is trained on the
rest, and the shipped model is then trained on every sentence (``marsad train ner --final``): the
block just before a test block is the most useful training text for it (+2.6 micro-F1 on each of
the last two 10 % blocks from the 10 % before them, see the README).

Tried and not kept (dev micro-F1 of the model before the knowledge-base names, 75.84): crfsuite's
``feature.possible_states`` (75.40, 150 iterations), the averaged perceptron (72.58, 25 epochs),
a gazetteer of the training split's own names with 5-fold cross-validated features (74.78, 200
iterations), and decoding with a negative bias on ``O`` to trade precision for recall (75.28 at
-0.25 down to 71.11 at -2.0: the missed names are mostly boundary and type errors, not tokens
just below the threshold).

Also tried, 150 iterations each (dev micro-F1 against 75.84; a paired bootstrap over the dev
sentences puts the 95 % interval of a difference at about +/-1 point): clusters of the
clitic-stripped stem as extra features (74.69); conjunctions of the previous/next word with the
word's cluster and cluster bigrams (75.24); a window of +/-3 words (74.97); corpus profiles of how
often a word follows a title, an organization head noun, a place head noun or a preposition in the
news corpus (75.49; 75.35 with the KB names); clusters from position-aware contexts (left and right
neighbours as separate PPMI columns) instead of the current ones (74.90) or beside them (75.80); c1
0.05 (74.96) and 0.2 (74.54); c2 0.001 (74.60) and 0.05 (75.90, a 2.2 MB model); 300 iterations
(74.83).

Tried in the third session (dev micro-F1 76.03 with the product's post-processing; 73.77 for the
CRF's raw Viterbi tags): clusters of fastText skip-gram vectors (subword-aware, trained on the two
ANT corpora, 10.7M tokens) beside the current ones (76.26, within noise) or instead of them (73.66);
clusters of PPMI-SVD vectors with 10,000 context words (74.80); a quoted-title feature for words
between quotation marks (75.04). Neural taggers trained with PyTorch on the CPU, scored on raw
tags: a BiLSTM-CRF over a bag of this module's word features, frozen fastText vectors and a
character CNN reaches 73.58 raw after 20 epochs (74.54 at best); a CNN-CRF learning a correction
to 5-fold cross-validated CRF scores 72.37 after 9 epochs; averaging the five fold CRFs 72.87; a
second-pass CRF with document features (the type the same stem gets elsewhere in its 20-sentence
block, from cross-validated first-pass tags) 73.18 raw and 74.64 after consistency. But
adding the BiLSTM-CRF's emission and transition scores to the CRF's at decoding gives 75.43 raw
(+1.5; P 82.05 R 69.79; a smaller BiLSTM without the character CNN, 64-wide feature bag and 96
hidden units: 72.08 alone, 75.00 with the CRF). Built (numpy BiLSTM, the smaller model
exported at 28.7 MB) and run in the product's tagger, that gain does not survive the consistency
and type-refinement steps: 76.05 against 76.03 (P 82.07 R 70.84), so it is not shipped (code on
the branch ``wip/ner-neural``).

Kept: the names of the knowledge base's organizations, persons and places (``data/kb``) as gazetteer
categories ``KB_ORG``/``KB_PER``/``KB_PLACE`` (:func:`marsad.components.ner.kb_entries`): dev 76.03,
and better on each contiguous fold of a 5-fold cross-validation over the whole file (see README).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from marsad.errors import TrainingError
from marsad.text.iob import Chunk, Row, chunks, read_conll_rows, to_iob2
from marsad.text.ner_features import FeatureExtractor, NerLexicon, refine_type

ANERCORP_TYPES: Mapping[str, str] = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "MISC": "MISC",
                                     "LOC": "GPE"}  # fmt: skip
WOJOOD_TYPES: Mapping[str, str] = {
    "PERS": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "EVENT": "EVENT",
    "PRODUCT": "PRODUCT", "LAW": "LAW", "CURR": "MISC", "WEBSITE": "ORG",
}  # fmt: skip
WOJOOD_FILES = ("train.txt", "val.txt", "test.txt")


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    """Tokens and their IOB2 tags."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CrfSettings:
    """L-BFGS settings of the CRF (L1 ``c1`` keeps the model small and sparse)."""

    c1: float = 0.1
    c2: float = 0.01
    max_iterations: int = 200
    seed: int = 13


@dataclass(frozen=True, slots=True)
class CrfStats:
    """What a training run did."""

    sentences: int
    tokens: int
    seconds: float
    model_bytes: int
    labels: tuple[str, ...]


def read_sentences(path: Path) -> list[list[Row]]:
    """CoNLL rows of ``path``; :class:`TrainingError` names an unreadable or malformed file."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        return read_conll_rows(lines, str(path))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise TrainingError(f"training file {path}: {exc}") from exc


def gold_sentences(rows: Iterable[list[Row]]) -> list[TaggedSentence]:
    """Sentences with their original tags (first tag column), for scoring."""
    return [TaggedSentence(tuple(t for t, _ in s), tuple(c[0] for _, c in s)) for s in rows]


def unify_anercorp(sentence: TaggedSentence, lexicon: NerLexicon) -> TaggedSentence:
    """ANERcorp tags mapped onto the contract's types (see the module docs)."""
    found = []
    for kind, start, end in chunks(sentence.tags):
        mapped = ANERCORP_TYPES.get(kind)
        if mapped is None:
            raise TrainingError(f"ANERcorp type {kind!r} is unknown (expected PERS/LOC/ORG/MISC)")
        if mapped == "GPE":
            mapped = refine_type(sentence.tokens[start:end], mapped, lexicon)
        found.append(Chunk(mapped, start, end))
    return TaggedSentence(sentence.tokens, tuple(to_iob2(len(sentence.tokens), found)))


def unify_wojood(rows: Sequence[Row]) -> TaggedSentence:
    """A nested Wojood sentence as IOB2: the outermost mention of each kept type wins."""
    depth = max(len(columns) for _, columns in rows)
    candidates = []
    for layer in range(depth):
        tags = [columns[layer] if layer < len(columns) else "O" for _, columns in rows]
        candidates += [c for c in chunks(tags) if c.type in WOJOOD_TYPES]
    taken: list[Chunk] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(Chunk(WOJOOD_TYPES[c.type], c.start, c.end))
    tokens = tuple(token for token, _ in rows)
    return TaggedSentence(tokens, tuple(to_iob2(len(tokens), sorted(taken, key=lambda c: c.start))))


def load_wojood(directory: Path) -> list[TaggedSentence]:
    """Every sentence of the Wojood sample's files in ``directory``, unified."""
    paths = [directory / name for name in WOJOOD_FILES if (directory / name).is_file()]
    if not paths:
        raise TrainingError(f"Wojood directory {directory} has none of {', '.join(WOJOOD_FILES)}")
    return [unify_wojood(rows) for path in paths for rows in read_sentences(path)]


def split_dev(
    sentences: Sequence[TaggedSentence], fraction: float
) -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    """The first ``1 - fraction`` of the sentences for training, the last ``fraction`` for dev."""
    if not 0.0 <= fraction < 1.0:
        raise TrainingError(f"dev fraction {fraction} must be in [0, 1)")
    cut = len(sentences) - round(len(sentences) * fraction)
    return list(sentences[:cut]), list(sentences[cut:])


class _Trainer(pycrfsuite.Trainer):  # type: ignore[misc]
    """A crfsuite trainer that forwards its progress messages to a callback."""

    def __init__(self, log: Callable[[str], None] | None) -> None:
        super().__init__(verbose=False)
        self._log = log

    def message(self, message: str) -> None:
        if self._log is not None and message.startswith("***** Iteration"):
            self._log(message.strip(" *\n"))


def train_crf(
    sentences: Sequence[TaggedSentence],
    extractor: FeatureExtractor,
    out: Path,
    settings: CrfSettings,
    log: Callable[[str], None] | None = None,
) -> CrfStats:
    """Train the CRF on ``sentences`` and write the model to ``out``."""
    if not sentences:
        raise TrainingError("no training sentences")
    started = time.perf_counter()
    order = list(sentences)
    random.Random(settings.seed).shuffle(order)
    trainer = _Trainer(log)
    for sentence in order:
        trainer.append(extractor.sentence(sentence.tokens), list(sentence.tags))
    trainer.set_params({
        "c1": settings.c1, "c2": settings.c2, "max_iterations": settings.max_iterations,
        "feature.possible_transitions": True,
    })  # fmt: skip
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    labels = tuple(sorted({t for s in sentences for t in s.tags}))
    return CrfStats(
        sentences=len(sentences), tokens=sum(len(s.tokens) for s in sentences),
        seconds=time.perf_counter() - started, model_bytes=out.stat().st_size, labels=labels,
    )  # fmt: skip
