"""The transliteration model as numbers: a letter CRF decoded n-best, and its re-ranker.

:class:`CrfModel` holds the CRF exported by ``marsad train translit`` (labels, transitions, state
weights grouped by attribute) and finds the n best chunk sequences of a token's letters;
:class:`Reranker` picks among them with a Latin character n-gram model and a joint letter-chunk
n-gram model. Pure computation over arrays, shared by the trainer (which tunes the re-ranking
weights with it) and the runtime component (which loads the packaged arrays).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from marsad.text.translit_features import chunks_to_latin, letter_features
from marsad.text.translit_ngram import Table, sequence_logprob

CRF_ARRAYS = ("labels", "transitions", "attributes", "offsets", "weight_labels", "weights")
"""The arrays of an exported CRF (see ``marsad.training.translit.export_crf``)."""

Candidate = tuple[float, tuple[str, ...]]
"""A CRF hypothesis: its score and its label (chunk) sequence."""


@dataclass(frozen=True, slots=True)
class CrfModel:
    """A linear-chain CRF over letters: sparse state weights grouped by attribute, transitions."""

    labels: tuple[str, ...]
    transitions: np.ndarray
    attribute_index: dict[str, int]
    offsets: np.ndarray
    weight_labels: np.ndarray
    weights: np.ndarray

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> CrfModel:
        """Build from the archive written by ``marsad.training.translit.export_crf``."""
        return cls(
            labels=tuple(str(x) for x in arrays["labels"]),
            transitions=arrays["transitions"].astype(np.float32),
            attribute_index={str(a): i for i, a in enumerate(arrays["attributes"])},
            offsets=arrays["offsets"].astype(np.int64),
            weight_labels=arrays["weight_labels"].astype(np.int64),
            weights=arrays["weights"].astype(np.float64),
        )

    def emissions(self, letters: str) -> np.ndarray:
        """State scores (letters × labels): the sum of each letter's attribute weights."""
        index = self.attribute_index
        found = [
            (t, i)
            for t, feats in enumerate(letter_features(letters))
            for f in feats
            if (i := index.get(f)) is not None
        ]
        size = len(letters) * len(self.labels)
        if not found:
            return np.zeros((len(letters), len(self.labels)))
        positions, attributes = np.array(found, dtype=np.int64).T
        starts, ends = self.offsets[attributes], self.offsets[attributes + 1]
        lengths = ends - starts
        entry = np.arange(lengths.sum()) + np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        cells = np.repeat(positions, lengths) * len(self.labels) + self.weight_labels[entry]
        flat = np.bincount(cells, weights=self.weights[entry], minlength=size)
        return flat.reshape(len(letters), len(self.labels))

    def nbest(self, letters: str, k: int, width: int) -> list[tuple[float, tuple[str, ...]]]:
        """The ``k`` best label sequences (score, labels), best first, searching the ``width``
        labels of highest state score at each letter."""
        emissions = self.emissions(letters)
        width = min(width, len(self.labels))
        ids = np.argsort(-emissions, axis=1)[:, :width]
        scores = np.full((width, k), -np.inf, dtype=np.float32)
        scores[:, 0] = emissions[0, ids[0]]
        back: list[np.ndarray] = []
        for t in range(1, len(letters)):
            step = self.transitions[np.ix_(ids[t - 1], ids[t])]
            candidates = (scores[:, :, None] + step[:, None, :]).reshape(width * k, width)
            top = np.argsort(-candidates, axis=0, kind="stable")[:k]
            values = np.take_along_axis(candidates, top, axis=0)
            scores = (values + emissions[t, ids[t]][None, :]).T
            back.append(top.T)
        return self._backtrack(scores, back, ids, k)

    def _backtrack(
        self, scores: np.ndarray, back: list[np.ndarray], ids: np.ndarray, k: int
    ) -> list[tuple[float, tuple[str, ...]]]:
        flat = scores.reshape(-1)
        out: list[tuple[float, tuple[str, ...]]] = []
        for cell in np.argsort(-flat, kind="stable")[:k]:
            if not np.isfinite(flat[cell]):
                break
            column, rank = divmod(int(cell), k)
            path = [column]
            for t in range(len(back) - 1, -1, -1):
                column, rank = divmod(int(back[t][column, rank]), k)
                path.append(column)
            path.reverse()
            labels = tuple(self.labels[ids[t, c]] for t, c in enumerate(path))
            out.append((float(flat[cell]), labels))
        return out


@dataclass(frozen=True, slots=True)
class Reranker:
    """Scores CRF candidates with a Latin character model and a letter-chunk joint model."""

    chars: Table
    joint: Table
    char_order: int
    joint_order: int
    weights: tuple[float, float, float]  # CRF score, character model, joint model

    def score(self, letters: str, crf_score: float, labels: Sequence[str]) -> float:
        """The combined score of one candidate (higher is better)."""
        latin = chunks_to_latin(labels)
        pairs = [letter + label for letter, label in zip(letters, labels, strict=True)]
        w_crf, w_char, w_joint = self.weights
        return (
            w_crf * crf_score
            + w_char * sequence_logprob(self.chars, list(latin), self.char_order)
            + w_joint * sequence_logprob(self.joint, pairs, self.joint_order)
        )

    def best(self, letters: str, candidates: Sequence[tuple[float, tuple[str, ...]]]) -> str:
        """The Latin word of the best-scoring candidate."""
        chosen = max(candidates, key=lambda c: self.score(letters, c[0], c[1]))
        return chunks_to_latin(chosen[1])
