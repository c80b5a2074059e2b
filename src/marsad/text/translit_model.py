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
from marsad.text.translit_ngram import NgramScorer, find_sorted

CRF_ARRAYS = ("labels", "transitions", "attributes", "offsets", "weight_labels", "weights")
"""The arrays of an exported CRF (see ``marsad.training.translit.export_crf``)."""

Candidate = tuple[float, tuple[str, ...]]
"""A CRF hypothesis: its score and its label (chunk) sequence."""


@dataclass(frozen=True, slots=True)
class CrfModel:
    """A linear-chain CRF over letters: sparse state weights grouped by attribute, transitions."""

    labels: tuple[str, ...]
    transitions: np.ndarray
    attributes: np.ndarray
    offsets: np.ndarray
    weight_labels: np.ndarray
    weights: np.ndarray

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> CrfModel:
        """Build from the archive written by ``marsad.training.translit.export_crf``; its
        attributes are sorted, and stay a numpy string array searched with ``searchsorted``
        (a dictionary of them would take some ten times the memory)."""
        attributes = np.asarray(arrays["attributes"])
        if len(attributes) > 1 and not bool(np.all(attributes[:-1] < attributes[1:])):
            raise ValueError("CRF attributes are not sorted")
        return cls(
            labels=tuple(str(x) for x in arrays["labels"]),
            transitions=arrays["transitions"].astype(np.float32),
            attributes=attributes,
            offsets=arrays["offsets"].astype(np.int64),
            weight_labels=arrays["weight_labels"].astype(np.int64),
            weights=arrays["weights"].astype(np.float64),
        )

    def emissions(self, letters: str) -> np.ndarray:
        """State scores (letters × labels): the sum of each letter's attribute weights."""
        features = letter_features(letters)
        size = len(letters) * len(self.labels)
        names = np.array([f for feats in features for f in feats])
        if not len(names) or not len(self.attributes):
            return np.zeros((len(letters), len(self.labels)))
        index, hit = find_sorted(self.attributes, names)
        positions = np.repeat(np.arange(len(features)), [len(f) for f in features])[hit]
        attributes = index[hit]
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

    def components(self, letters: str, candidates: Sequence[Candidate]) -> np.ndarray:
        """Each candidate's CRF score, character log-probability and joint log-probability
        (candidates × 3; a model whose weight is 0 is not consulted and scores 0)."""
        out = np.zeros((len(candidates), 3))
        out[:, 0] = [c[0] for c in candidates]
        if self.weights[1]:
            out[:, 1] = self.chars.sequences([chunks_to_latin(c[1]) for c in candidates])
        if self.weights[2]:
            out[:, 2] = self.joint.sequences(
                [[a + label for a, label in zip(letters, c[1], strict=True)] for c in candidates]
            )
        return out

    def scores(self, letters: str, candidates: Sequence[Candidate]) -> np.ndarray:
        """The combined score of each candidate (higher is better)."""
        scores: np.ndarray = self.components(letters, candidates) @ np.array(self.weights)
        return scores

    def score(self, letters: str, crf_score: float, labels: Sequence[str]) -> float:
        """The combined score of one candidate (higher is better)."""
        return float(self.scores(letters, [(crf_score, tuple(labels))])[0])

    def best(self, letters: str, candidates: Sequence[Candidate]) -> str:
        """The Latin word of the best-scoring candidate (the first among equals)."""
        scores = self.scores(letters, candidates)
        return chunks_to_latin(candidates[int(np.argmax(scores))][1])
