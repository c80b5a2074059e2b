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
order, so it sits right before the standard test split); only the rest is trained on.

Trained names. The names of the training split (:func:`seen_names`: each multi-word name, and
each one-word name tagged in at least half of the word's occurrences, as ``A_<TYPE>``) are one
more gazetteer, shipped beside the model. To teach the CRF how much a name seen in training is
worth on new text, the training split is cut into :data:`NAME_FOLDS` contiguous folds and each
sentence's features use only the names of the other folds (:func:`crossfold_features`); the
tagger then uses the names of the whole split. On the dev split this raised micro-F1 from 75.84
to the figure in the README.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from marsad.errors import TrainingError
from marsad.text.iob import Chunk, Row, chunks, read_conll_rows, to_iob2
from marsad.text.ner_features import FeatureExtractor, NerLexicon, refine_type, word_key

ANERCORP_TYPES: Mapping[str, str] = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "MISC": "MISC",
                                     "LOC": "GPE"}  # fmt: skip
WOJOOD_TYPES: Mapping[str, str] = {
    "PERS": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "EVENT": "EVENT",
    "PRODUCT": "PRODUCT", "LAW": "LAW", "CURR": "MISC", "WEBSITE": "ORG",
}  # fmt: skip
WOJOOD_FILES = ("train.txt", "val.txt", "test.txt")
NAME_FOLDS = 5
NAME_MIN_SHARE = 0.5
NAME_PREFIX = "A_"
Features = list[list[str]]


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


def seen_names(
    sentences: Iterable[TaggedSentence], min_share: float = NAME_MIN_SHARE
) -> list[tuple[str, str]]:
    """``(A_<TYPE>, name)`` for the names of ``sentences`` (see the module docs), sorted."""
    tagged: Counter[tuple[str, str]] = Counter()
    total: Counter[str] = Counter()
    found: set[tuple[str, str]] = set()
    for sentence in sentences:
        total.update(word_key(t) for t in sentence.tokens)
        for kind, start, end in chunks(sentence.tags):
            if end - start > 1:
                found.add((kind, " ".join(sentence.tokens[start:end])))
            else:
                tagged[kind, word_key(sentence.tokens[start])] += 1
    found |= {(kind, w) for (kind, w), n in tagged.items() if n / total[w] >= min_share}
    return [(NAME_PREFIX + kind, name) for kind, name in sorted(found)]


def crossfold_features(
    sentences: Sequence[TaggedSentence],
    extractor_for: Callable[[list[tuple[str, str]]], FeatureExtractor],
    folds: int = NAME_FOLDS,
) -> list[Features]:
    """Each sentence's features, its extractor knowing only the names of the other folds."""
    size = -(-len(sentences) // folds) if sentences else 1
    out: list[Features] = []
    for lo in range(0, len(sentences), size):
        rest = [*sentences[:lo], *sentences[lo + size :]]
        extractor = extractor_for(seen_names(rest))
        out += [extractor.sentence(s.tokens) for s in sentences[lo : lo + size]]
    return out


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
    features: Sequence[Features],
    out: Path,
    settings: CrfSettings,
    log: Callable[[str], None] | None = None,
) -> CrfStats:
    """Train the CRF on ``sentences`` (``features[i]``: those of sentence ``i``); write ``out``."""
    if not sentences:
        raise TrainingError("no training sentences")
    if len(features) != len(sentences):
        raise TrainingError(f"{len(features)} feature lists for {len(sentences)} sentences")
    started = time.perf_counter()
    order = list(range(len(sentences)))
    random.Random(settings.seed).shuffle(order)
    trainer = _Trainer(log)
    for i in order:
        trainer.append(features[i], list(sentences[i].tags))
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
