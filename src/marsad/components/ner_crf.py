"""A fast decoder for the trained CRF: word-level score caching and numpy Viterbi.

crfsuite's own tagger looks up every feature string of every token (about forty per token). But
most of a token's features belong to one word form (see
:class:`marsad.text.ner_features.FeatureExtractor`): its own features and the ones it lends each
neighbour. So this decoder reads the model's weights once (through crfsuite's ``Tagger.info``),
sums the label scores of each word form's feature groups once per form (cached), and per token
only adds the five window vectors and its pair features (bigrams, gazetteer phrases) before a
Viterbi search. The scores, and so the tags, are those crfsuite computes (a test checks this).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pycrfsuite

from marsad.errors import ResourceError
from marsad.text.ner_features import (
    WINDOW,
    FeatureExtractor,
    WordFeatures,
    edge_feature,
    split_neighbour,
)

Matrix = npt.NDArray[np.float64]
VECTOR_CACHE_LIMIT = 50_000


@dataclass(frozen=True, slots=True)
class CrfWeights:
    """The labels, state-feature weights and transition weights of a crfsuite model.

    ``lent`` regroups the state weights by a word's own feature: row ``base_index[f]`` holds the
    weights of ``f`` itself and of ``f`` lent to each window offset
    (:func:`marsad.text.ner_features.neighbour_feature`), so one gather scores a word fully.
    """

    labels: tuple[str, ...]
    index: dict[str, int]  # attribute -> row of ``state`` (unknown attributes: none)
    state: Matrix  # (attributes + 1, labels); the last row is zeros
    transitions: Matrix  # (labels, labels): from row label to column label
    base_index: dict[str, int]  # own feature -> row of ``lent``
    lent: npt.NDArray[np.float64]  # (own features, 1 + len(WINDOW), labels)

    @classmethod
    def load(cls, path: str) -> CrfWeights:
        """Read a crfsuite model file; :class:`ResourceError` names an unreadable one."""
        tagger = pycrfsuite.Tagger()
        try:
            tagger.open(path)
        except (OSError, ValueError) as exc:
            raise ResourceError(f"NER model {path} cannot be loaded: {exc}") from exc
        info = tagger.info()
        labels = tuple(sorted(info.labels, key=info.labels.__getitem__))
        label_id = {label: i for i, label in enumerate(labels)}
        attributes = sorted({attr for attr, _ in info.state_features})
        index = {attr: i for i, attr in enumerate(attributes)}
        state = np.zeros((len(attributes) + 1, len(labels)), dtype=np.float64)
        for (attr, label), weight in info.state_features.items():
            state[index[attr], label_id[label]] = weight
        transitions = np.zeros((len(labels), len(labels)), dtype=np.float64)
        for (src, dst), weight in info.transitions.items():
            transitions[label_id[src], label_id[dst]] = weight
        base_index, lent = _regroup(attributes, state)
        return cls(labels, index, state, transitions, base_index, lent)

    def rows(self, features: Iterable[str]) -> list[int]:
        """Rows of ``state`` for the known ``features`` (unknown ones score nothing)."""
        index = self.index
        return [row for f in features if (row := index.get(f)) is not None]

    def score(self, features: Iterable[str]) -> Matrix:
        """The summed label scores of ``features``."""
        summed: Matrix = self.state[self.rows(features)].sum(axis=0)
        return summed


def _regroup(
    attributes: Sequence[str], state: Matrix
) -> tuple[dict[str, int], npt.NDArray[np.float64]]:
    """State weights regrouped by own feature and window slot (see :class:`CrfWeights`)."""
    slot = {0: 0, **{offset: k for k, offset in enumerate(WINDOW, 1)}}
    base_index: dict[str, int] = {}
    placed = [(split_neighbour(attr), row) for row, attr in enumerate(attributes)]
    for (_, base), _ in placed:
        base_index.setdefault(base, len(base_index))
    lent = np.zeros((len(base_index), len(slot), state.shape[1]), dtype=np.float64)
    for (offset, base), row in placed:
        lent[base_index[base], slot[offset]] = state[row]
    return base_index, lent


@dataclass(frozen=True, slots=True)
class _WordScores:
    word: WordFeatures  # key and phrase keys only: the feature strings are not kept
    scores: Matrix  # (1 + len(WINDOW), labels): own, then lent to each window offset


class FastCrfTagger:
    """Tags sentences with a crfsuite model and a feature extractor (see the module docs)."""

    def __init__(self, weights: CrfWeights, features: FeatureExtractor) -> None:
        self.weights = weights
        self.features = features
        self._cache: dict[str, _WordScores] = {}
        self._edges = np.stack([weights.score([edge_feature(o)]) for o in WINDOW])
        self._zero_row = weights.state.shape[0] - 1

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """The best IOB2 tag sequence of one sentence."""
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The best IOB2 tag sequence of each sentence (decoded together, independently)."""
        return self.tag_with_keys(sentences)[0]

    def tag_with_keys(
        self, sentences: Sequence[Sequence[str]]
    ) -> tuple[list[list[str]], list[list[str]]]:
        """:meth:`tag_many`, and the folded form of each token
        (:func:`marsad.text.ner_features.word_key`) as a by-product."""
        labels = self.weights.labels
        words = [[self._word(t) for t in s] for s in sentences]
        emissions = [self._emissions(w) for w in words if w]
        paths = iter(viterbi_batch(emissions, self.weights.transitions))
        tags = [[labels[i] for i in next(paths)] if w else [] for w in words]
        return tags, [[w.word.key for w in sentence] for sentence in words]

    def _emissions(self, words: Sequence[_WordScores]) -> Matrix:
        n = len(words)
        stacked = np.stack([w.scores for w in words])  # (n, 1 + window, labels)
        emissions: Matrix = stacked[:, 0].copy()
        for k, offset in enumerate(WINDOW, 1):
            lent = stacked[:, k]
            if offset < 0:
                emissions[-offset:] += lent[: n + offset]
                emissions[: min(-offset, n)] += self._edges[k - 1]
            else:
                emissions[: max(n - offset, 0)] += lent[offset:]
                emissions[max(n - offset, 0) :] += self._edges[k - 1]
        self._add_context(emissions, [w.word for w in words])
        return emissions

    def _add_context(self, emissions: Matrix, words: Sequence[WordFeatures]) -> None:
        """Add the bigram and phrase features (two bigrams per token, phrases now and then)."""
        index, zero, state = self.weights.index, self._zero_row, self.weights.state
        context = self.features.context(words)
        emissions += state[[index.get(f[0], zero) for f in context]]
        emissions += state[[index.get(f[1], zero) for f in context]]
        for i, feats in enumerate(context):
            if len(feats) > 2:
                emissions[i] += state[self.weights.rows(feats[2:])].sum(axis=0)

    def _word(self, token: str) -> _WordScores:
        cached = self._cache.get(token)
        if cached is None:
            if len(self._cache) >= VECTOR_CACHE_LIMIT:
                self._cache.clear()
            word = self.features.describe(token, neighbours=False)
            index = self.weights.base_index
            rows = [row for f in word.own if (row := index.get(f)) is not None]
            stub = WordFeatures(word.key, (), {}, word.phrase_keys)
            cached = self._cache[token] = _WordScores(stub, self.weights.lent[rows].sum(axis=0))
        return cached


def viterbi_batch(emissions: Sequence[Matrix], transitions: Matrix) -> list[list[int]]:
    """The highest-scoring label path of each sequence, all decoded in one sweep.

    ``emissions[s]`` is a (length, labels) matrix; sequences are padded to the longest and a
    sequence's final scores are taken at its own last position, so each path is exactly the one
    a separate Viterbi search would find.
    """
    if not emissions:
        return []
    lengths = [e.shape[0] for e in emissions]
    count, longest, size = len(emissions), max(lengths), transitions.shape[0]
    padded = np.zeros((count, longest, size), dtype=np.float64)
    for s, e in enumerate(emissions):
        padded[s, : e.shape[0]] = e
    back = np.zeros((count, longest, size), dtype=np.int64)
    best = padded[:, 0].copy()
    finals = best.copy()
    ending: dict[int, list[int]] = {}
    for s, n in enumerate(lengths):
        ending.setdefault(n - 1, []).append(s)
    for t in range(1, longest):
        candidates = best[:, :, None] + transitions[None]
        back[:, t] = candidates.argmax(axis=1)
        best = candidates.max(axis=1) + padded[:, t]
        if t in ending:
            finals[ending[t]] = best[ending[t]]
    return [_backtrack(back[s], int(finals[s].argmax()), n) for s, n in enumerate(lengths)]


def _backtrack(back: npt.NDArray[np.int64], last: int, length: int) -> list[int]:
    pointers = back[:length].tolist()
    path = [last]
    for t in range(length - 1, 0, -1):
        path.append(pointers[t][path[-1]])
    path.reverse()
    return path
