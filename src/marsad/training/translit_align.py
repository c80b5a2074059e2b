"""Letter-to-chunk alignment of Arabic → Latin name pairs, learnt with EM.

Each Arabic letter writes a Latin chunk of 0 to ``max_chunk`` characters (Arabic leaves short vowels
unwritten, so a chunk often carries one: ``ب`` → ``be`` in روبرت → robert). The model is
``P(chunk | letter)``; expectation-maximisation over all monotone segmentations of each Latin word
(forward-backward on the letter × character lattice) learns it from unaligned pairs, as the
m2m-aligner does with one-letter source units. The best segmentation of each pair under the final
model gives the per-letter labels the CRF learns from.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from marsad.text.translit_features import EMPTY

Table = dict[tuple[str, str], float]


@dataclass(frozen=True, slots=True)
class Aligned:
    """One pair with its best segmentation: a chunk per Arabic letter, and its log-probability."""

    letters: str
    latin: str
    chunks: tuple[str, ...]
    logprob: float


def initial_table(pairs: Sequence[tuple[str, str, float]], max_chunk: int) -> Table:
    """A flat start: every chunk a letter could write in some pair gets the same weight."""
    seen: set[tuple[str, str]] = set()
    for letters, latin, _ in pairs:
        for letter in set(letters):
            seen.add((letter, ""))
            seen.update(
                (letter, latin[j : j + k])
                for k in range(1, max_chunk + 1)
                for j in range(len(latin) - k + 1)
            )
    return _normalise(dict.fromkeys(seen, 1.0))


def _normalise(counts: Table) -> Table:
    totals: dict[str, float] = defaultdict(float)
    for (letter, _), value in counts.items():
        totals[letter] += value
    return {key: value / totals[key[0]] for key, value in counts.items() if value > 0}


def _forward(letters: str, latin: str, table: Table, max_chunk: int) -> list[list[float]]:
    n, m = len(letters), len(latin)
    alpha = [[0.0] * (m + 1) for _ in range(n + 1)]
    alpha[0][0] = 1.0
    for i, letter in enumerate(letters):
        row, nxt = alpha[i], alpha[i + 1]
        for j in range(m + 1):
            a = row[j]
            if a == 0.0:
                continue
            for k in range(min(max_chunk, m - j) + 1):
                p = table.get((letter, latin[j : j + k]))
                if p:
                    nxt[j + k] += a * p
    return alpha


def _backward(letters: str, latin: str, table: Table, max_chunk: int) -> list[list[float]]:
    n, m = len(letters), len(latin)
    beta = [[0.0] * (m + 1) for _ in range(n + 1)]
    beta[n][m] = 1.0
    for i in range(n - 1, -1, -1):
        letter, row, nxt = letters[i], beta[i], beta[i + 1]
        for j in range(m + 1):
            total = 0.0
            for k in range(min(max_chunk, m - j) + 1):
                b = nxt[j + k]
                if b:
                    total += table.get((letter, latin[j : j + k]), 0.0) * b
            row[j] = total
    return beta


def expected_counts(
    letters: str, latin: str, weight: float, table: Table, *, max_chunk: int, counts: Table
) -> float:
    """Add the pair's expected chunk counts (times ``weight``) to ``counts``; return log P(pair)."""
    alpha = _forward(letters, latin, table, max_chunk)
    total = alpha[len(letters)][len(latin)]
    if total <= 0.0:
        return -math.inf
    beta = _backward(letters, latin, table, max_chunk)
    scale = weight / total
    m = len(latin)
    for i, letter in enumerate(letters):
        for j in range(m + 1):
            a = alpha[i][j]
            if a == 0.0:
                continue
            for k in range(min(max_chunk, m - j) + 1):
                chunk = latin[j : j + k]
                b = beta[i + 1][j + k]
                p = table.get((letter, chunk))
                if p and b:
                    counts[(letter, chunk)] = counts.get((letter, chunk), 0.0) + a * p * b * scale
    return math.log(total)


def em_iteration(
    pairs: Sequence[tuple[str, str, float]], table: Table, max_chunk: int
) -> tuple[Table, float]:
    """One EM step over weighted pairs: the re-estimated table and the total log-likelihood."""
    counts: Table = {}
    loglik = 0.0
    for letters, latin, weight in pairs:
        lp = expected_counts(letters, latin, weight, table, max_chunk=max_chunk, counts=counts)
        if lp > -math.inf:
            loglik += weight * lp
    return _normalise(counts), loglik


def best_alignment(letters: str, latin: str, table: Table, max_chunk: int) -> Aligned | None:
    """The most probable segmentation of ``latin`` into one chunk per letter (None if none)."""
    n, m = len(letters), len(latin)
    score = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    score[0][0] = 0.0
    for i, letter in enumerate(letters):
        for j in range(m + 1):
            s = score[i][j]
            if s == -math.inf:
                continue
            for k in range(min(max_chunk, m - j) + 1):
                p = table.get((letter, latin[j : j + k]))
                if p and s + math.log(p) > score[i + 1][j + k]:
                    score[i + 1][j + k] = s + math.log(p)
                    back[i + 1][j + k] = k
    if score[n][m] == -math.inf:
        return None
    return Aligned(letters, latin, _trace(latin, back, n, m), score[n][m])


def _trace(latin: str, back: list[list[int]], n: int, m: int) -> tuple[str, ...]:
    chunks: list[str] = []
    j = m
    for i in range(n, 0, -1):
        k = back[i][j]
        chunks.append(latin[j - k : j] or EMPTY)
        j -= k
    return tuple(reversed(chunks))
