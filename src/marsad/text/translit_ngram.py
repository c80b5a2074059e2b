"""Back-off n-gram models over token sequences, for re-ranking transliteration candidates.

Two models re-rank the CRF's n-best Latin forms of a name token: a character model of Latin name
spellings, and a joint model over (Arabic letter, Latin chunk) pairs. Both are interpolated
Kneser-Ney estimates with one absolute discount, stored in back-off form (as in the ARPA format):
each seen n-gram keeps its interpolated log-probability and each seen context its back-off
log-weight, so scoring needs no counts. Tokens are strings without spaces; an n-gram's key is its
tokens joined by a space. Pure functions, shared by the trainer and the runtime.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

BOS = "<s>"
EOS = "</s>"

Table = dict[str, tuple[float, float]]
"""n-gram key → (natural log-probability, back-off log-weight of the n-gram as a context).
The empty key holds the log-probability of an unseen token and the unigram back-off weight."""


def _ngram_counts(
    sequences: Iterable[Sequence[str]], order: int
) -> list[dict[tuple[str, ...], Counter[str]]]:
    counts: list[dict[tuple[str, ...], Counter[str]]] = [defaultdict(Counter) for _ in range(order)]
    for seq in sequences:
        tokens = [BOS] * (order - 1) + list(seq) + [EOS]
        for i in range(order - 1, len(tokens)):
            counts[order - 1][tuple(tokens[i - order + 1 : i])][tokens[i]] += 1
    for k in range(order - 2, -1, -1):  # lower orders: Kneser-Ney continuation counts
        for history, followers in counts[k + 1].items():
            for token in followers:
                counts[k][history[1:]][token] += 1
    return counts


def estimate(sequences: Iterable[Sequence[str]], order: int, discount: float = 0.75) -> Table:
    """An interpolated Kneser-Ney model of the sequences, in back-off form."""
    counts = _ngram_counts(sequences, order)
    vocabulary = len(counts[0][()]) + 1
    table: Table = {"": (-math.log(vocabulary), 0.0)}
    for k in range(order):
        for history, followers in counts[k].items():
            total, types = sum(followers.values()), len(followers)
            weight = discount * types / total
            for token, c in followers.items():
                lower = _interpolated_lower(table, history, token, vocabulary)
                p = max(c - discount, 0.0) / total + weight * lower
                table[_key(history, token)] = (math.log(p), 0.0)
            _set_backoff(table, history, math.log(weight))
    return table


def _key(history: Sequence[str], token: str) -> str:
    return " ".join((*history, token))


def _interpolated_lower(
    table: Table, history: tuple[str, ...], token: str, vocabulary: int
) -> float:
    if not history:
        return 1.0 / vocabulary
    return math.exp(logprob(table, history[1:], token))


def _set_backoff(table: Table, history: tuple[str, ...], weight: float) -> None:
    key = " ".join(history)
    lp = table.get(key, (0.0, 0.0))[0]
    table[key] = (lp, weight)


def logprob(table: Table, history: Sequence[str], token: str) -> float:
    """Natural log P(token | history) under a back-off table."""
    backoff = 0.0
    for start in range(len(history) + 1):
        context = history[start:]
        entry = table.get(_key(context, token))
        if entry is not None:
            return backoff + entry[0]
        ctx = table.get(" ".join(context))
        backoff += ctx[1] if ctx is not None else 0.0
    return backoff + table[""][0]


def sequence_logprob(table: Table, tokens: Sequence[str], order: int) -> float:
    """Natural log-probability of a whole sequence, end marker included."""
    padded = [BOS] * (order - 1) + list(tokens) + [EOS]
    return sum(
        logprob(table, padded[i - order + 1 : i], padded[i]) for i in range(order - 1, len(padded))
    )


def pack_table(table: Table) -> tuple[np.ndarray, np.ndarray]:
    """A table as two arrays: its keys as newline-joined UTF-8 bytes, and (n, 2) float values."""
    keys = list(table)
    blob = np.frombuffer("\n".join(keys).encode("utf-8"), dtype=np.uint8)
    values = np.array([table[k] for k in keys], dtype=np.float32).reshape(len(keys), 2)
    return blob, values


def unpack_table(blob: np.ndarray, values: np.ndarray) -> Table:
    """The table packed by :func:`pack_table`."""
    keys = _unpack_keys(blob, values)
    return {k: (float(v[0]), float(v[1])) for k, v in zip(keys, values.tolist(), strict=True)}


def _unpack_keys(blob: np.ndarray, values: np.ndarray) -> list[str]:
    keys = blob.tobytes().decode("utf-8").split("\n")
    if len(keys) != len(values):
        raise ValueError(f"{len(keys)} n-gram keys for {len(values)} values")
    return keys


class NgramScorer:
    """A back-off model held as two flat mappings (log-probabilities; back-off weights of the
    contexts that have one), with a bounded cache of conditional log-probabilities: the
    candidates of one name, and the names of one run, share most of their n-grams."""

    CACHE_LIMIT = 100_000

    def __init__(self, probs: dict[str, float], backoffs: dict[str, float], order: int) -> None:
        self.probs = probs
        self.backoffs = backoffs
        self.order = order
        self.unknown = probs.get("", -20.0)
        self._cache: dict[tuple[tuple[str, ...], str], float] = {}

    @classmethod
    def from_table(cls, table: Table, order: int) -> NgramScorer:
        """A scorer over an estimated table."""
        backoffs = {k: bo for k, (_, bo) in table.items() if bo}
        return cls({k: lp for k, (lp, _) in table.items()}, backoffs, order)

    @classmethod
    def from_arrays(cls, blob: np.ndarray, values: np.ndarray, order: int) -> NgramScorer:
        """A scorer over a table packed by :func:`pack_table`."""
        keys = _unpack_keys(blob, values)
        probs = dict(zip(keys, values[:, 0].tolist(), strict=True))
        nonzero = np.flatnonzero(values[:, 1])
        backoffs = dict(zip([keys[i] for i in nonzero], values[nonzero, 1].tolist(), strict=True))
        return cls(probs, backoffs, order)

    def _lookup(self, history: tuple[str, ...], token: str) -> float:
        backoff = 0.0
        for start in range(len(history) + 1):
            context = " ".join(history[start:])
            found = self.probs.get(f"{context} {token}" if context else token)
            if found is not None:
                return backoff + found
            backoff += self.backoffs.get(context, 0.0)
        return backoff + self.unknown

    def logprob(self, history: tuple[str, ...], token: str) -> float:
        """Natural log P(token | history), cached."""
        key = (history, token)
        value = self._cache.get(key)
        if value is None:
            if len(self._cache) >= self.CACHE_LIMIT:
                self._cache.clear()
            value = self._cache[key] = self._lookup(history, token)
        return value

    def sequence(self, tokens: Sequence[str]) -> float:
        """Natural log-probability of a whole sequence, end marker included."""
        n = self.order
        padded = (BOS,) * (n - 1) + tuple(tokens) + (EOS,)
        return sum(
            self.logprob(padded[i - n + 1 : i], padded[i]) for i in range(n - 1, len(padded))
        )
