"""The n-gram models that re-rank the transliteration CRF's n-best lists, and their weights.

Two interpolated Kneser-Ney models (:mod:`marsad.text.translit_ngram`): one over the characters
of the Latin targets, one over (Arabic letter + Latin chunk) units of the aligned pairs. The
weights of CRF score, character model and joint model are chosen on a tune split (forms that
neither the CRF nor these models saw) by a small grid search minimising the character error
rate; the final models are then re-estimated on all training pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

import numpy as np

from marsad.text.translit_features import chunks_to_latin, edit_distance
from marsad.text.translit_model import CrfModel, Reranker
from marsad.text.translit_ngram import NgramScorer, Table, estimate, pack_table
from marsad.training.translit_align import Aligned

CHAR_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0)
JOINT_WEIGHTS = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0)

Scored = tuple[float, float, float, str]
"""One candidate's CRF score, character log-probability, joint log-probability, Latin word."""


@dataclass(frozen=True, slots=True)
class NgramModels:
    """The character and joint n-gram tables with their orders."""

    chars: Table
    joint: Table
    char_order: int
    joint_order: int

    def reranker(self, weights: tuple[float, float, float]) -> Reranker:
        """A reranker using these tables with the given weights."""
        chars = NgramScorer.from_table(self.chars, self.char_order)
        return Reranker(chars, NgramScorer.from_table(self.joint, self.joint_order), weights)


def estimate_models(
    aligned: Sequence[Aligned], targets: Sequence[str], char_order: int, joint_order: int
) -> NgramModels:
    """Estimate both models: characters of ``targets``, letter-chunk units of ``aligned``."""
    chars = estimate([list(t) for t in targets if t], char_order)
    units = [[a + c for a, c in zip(x.letters, x.chunks, strict=True)] for x in aligned]
    return NgramModels(chars, estimate(units, joint_order), char_order, joint_order)


def score_candidates(
    crf: CrfModel, models: NgramModels, forms: Sequence[str], nbest: int, width: int
) -> dict[str, list[Scored]]:
    """The n-best list of each form with the three scores of every candidate."""
    probe = models.reranker((1.0, 1.0, 1.0))
    out: dict[str, list[Scored]] = {}
    for form in forms:
        candidates = crf.nbest(form, nbest, width)
        parts = probe.components(form, candidates).tolist() if candidates else []
        out[form] = [
            (crf_score, char, joint, chunks_to_latin(labels))
            for (crf_score, char, joint), (_, labels) in zip(parts, candidates, strict=True)
        ]
    return out


def _errors(
    scored: dict[str, list[Scored]], references: Sequence[tuple[str, str]], w: tuple[float, float]
) -> int:
    best = {
        form: max(cands, key=lambda c: c[0] + w[0] * c[1] + w[1] * c[2])[3]
        for form, cands in scored.items()
        if cands
    }
    return sum(edit_distance(best.get(form, ""), ref) for form, ref in references)


def tune_weights(
    scored: dict[str, list[Scored]], references: Sequence[tuple[str, str]]
) -> tuple[tuple[float, float, float], float]:
    """The weights (CRF fixed at 1) with the lowest error on ``references`` (form, target
    pairs), and that character error rate."""
    total = sum(len(ref) for _, ref in references) or 1
    grid = list(product(CHAR_WEIGHTS, JOINT_WEIGHTS))
    errors = [_errors(scored, references, w) for w in grid]
    best = int(np.argmin(errors))
    return (1.0, *grid[best]), errors[best] / total


def pack_models(models: NgramModels, weights: tuple[float, float, float]) -> dict[str, np.ndarray]:
    """The arrays of ``ngrams.npz`` (read by the runtime component)."""
    char_vocabulary, char_keys, char_values = pack_table(models.chars)
    joint_vocabulary, joint_keys, joint_values = pack_table(models.joint)
    return {
        "orders": np.array([models.char_order, models.joint_order], dtype=np.int32),
        "rerank_weights": np.array(weights, dtype=np.float32),
        "char_vocabulary": char_vocabulary,
        "char_keys": char_keys,
        "char_values": char_values,
        "joint_vocabulary": joint_vocabulary,
        "joint_keys": joint_keys,
        "joint_values": joint_values,
    }
