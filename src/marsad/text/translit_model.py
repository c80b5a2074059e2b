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
from marsad.text.translit_ngram import NgramScorer

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

    def nbest(self, letters: str, k: int, width: int) -> list[Candidate]:
        """The ``k`` best label sequences (score, labels), best first, searching the ``width``
        labels of highest state score at each letter."""
        emissions = self.emissions(letters)
        width = min(width, len(self.labels))
        ids = np.argpartition(-emissions, width - 1, axis=1)[:, :width]
        states = np.take_along_axis(emissions, ids, axis=1)
        columns = np.arange(width)
        scores = np.full((width, k), -np.inf)
        scores[:, 0] = states[0]
        back: list[list[list[int]]] = []
        for t in range(1, len(letters)):
            step = self.transitions[ids[t - 1][:, None], ids[t]]
            candidates = (scores[:, :, None] + step[:, None, :]).reshape(width * k, width)
            top = np.argsort(-candidates, axis=0, kind="stable")[:k]
            scores = (candidates[top, columns] + states[t]).T
            back.append(top.T.tolist())
        return self._backtrack(scores, back, ids.tolist(), k)

    def _backtrack(
        self, scores: np.ndarray, back: list[list[list[int]]], ids: list[list[int]], k: int
    ) -> list[Candidate]:
        flat = scores.reshape(-1)
        out: list[Candidate] = []
        for cell in np.argsort(-flat, kind="stable")[:k].tolist():
            score = float(flat[cell])
            if score == -np.inf:
                break
            column, rank = divmod(cell, k)
            path = [column]
            for pointers in reversed(back):
                column, rank = divmod(pointers[column][rank], k)
                path.append(column)
            path.reverse()
            out.append((score, tuple(self.labels[ids[t][c]] for t, c in enumerate(path))))
        return out


class Reranker:
    """Scores CRF candidates with a Latin character model and a letter-chunk joint model."""

    def __init__(
        self, chars: NgramScorer, joint: NgramScorer, weights: tuple[float, float, float]
    ) -> None:
        self.chars = chars
        self.joint = joint
        self.weights = weights  # CRF score, character model, joint model

    def score(self, letters: str, crf_score: float, labels: Sequence[str]) -> float:
        """The combined score of one candidate (higher is better)."""
        w_crf, w_char, w_joint = self.weights
        total = w_crf * crf_score
        if w_char:
            total += w_char * self.chars.sequence(chunks_to_latin(labels))
        if w_joint:
            pairs = [letter + label for letter, label in zip(letters, labels, strict=True)]
            total += w_joint * self.joint.sequence(pairs)
        return total

    def best(self, letters: str, candidates: Sequence[Candidate]) -> str:
        """The Latin word of the best-scoring candidate."""
        chosen = max(candidates, key=lambda c: self.score(letters, c[0], c[1]))
        return chunks_to_latin(chosen[1])
