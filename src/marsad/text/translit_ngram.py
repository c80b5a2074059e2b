"""Back-off n-gram models over token sequences, for re-ranking transliteration candidates.

Two models re-rank the CRF's n-best Latin forms of a name token: a character model of Latin name
spellings, and a joint model over (Arabic letter, Latin chunk) pairs. Both are interpolated
Kneser-Ney estimates with one absolute discount, stored in back-off form (as in the ARPA format):
each seen n-gram keeps its interpolated log-probability and each seen context its back-off
log-weight, so scoring needs no counts. Tokens are strings without spaces; an n-gram's key is its
tokens joined by a space, and once packed (:func:`pack_table`, what the model files hold and the
runtime searches) the ids of its tokens in one 64-bit integer. Pure functions, shared by the
trainer and the runtime.
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


def find_sorted(keys: np.ndarray, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of ``queries`` is in the sorted, non-empty array ``keys``, and whether it is
    there (where it is not, its index is that of a neighbour)."""
    index = np.minimum(np.searchsorted(keys, queries), len(keys) - 1)
    return index, keys[index] == queries


def _bits(vocabulary: int) -> int:
    """Bits per token id: ids run from 1 to ``vocabulary``, ``vocabulary + 1`` is unknown."""
    return (vocabulary + 1).bit_length()


def _encode(ids: Sequence[int], bits: int) -> int:
    key = 0
    for i in ids:
        key = (key << bits) | i
    return key


def pack_table(table: Table) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A table as three arrays: its vocabulary (sorted tokens, newline-joined UTF-8 bytes), the
    sorted n-gram keys (uint64: the token ids, 1-based, packed ``bits`` to a token, the empty
    key being 0) and their (n, 2) float32 values. Packing is exact (no hashing): it fails if the
    longest n-gram's ids do not fit in 64 bits."""
    split = [key.split(" ") if key else [] for key in table]
    vocabulary = sorted({token for tokens in split for token in tokens})
    ids = {token: i for i, token in enumerate(vocabulary, 1)}
    bits = _bits(len(vocabulary))
    if bits * max(map(len, split), default=0) > 64:
        raise ValueError(f"{len(vocabulary)} tokens: n-grams do not fit in 64-bit keys")
    keys = np.array([_encode([ids[t] for t in tokens], bits) for tokens in split], dtype=np.uint64)
    values = np.array(list(table.values()), dtype=np.float32).reshape(len(keys), 2)
    order = np.argsort(keys, kind="stable")
    blob = np.frombuffer("\n".join(vocabulary).encode("utf-8"), dtype=np.uint8)
    return blob, keys[order], values[order]


def _vocabulary(blob: np.ndarray) -> list[str]:
    text = blob.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def unpack_table(blob: np.ndarray, keys: np.ndarray, values: np.ndarray) -> Table:
    """The table packed by :func:`pack_table`."""
    vocabulary = _vocabulary(blob)
    bits = _bits(len(vocabulary))
    mask = (1 << bits) - 1
    table: Table = {}
    for packed, (lp, bo) in zip(keys.tolist(), values.tolist(), strict=True):
        tokens: list[str] = []
        rest = packed
        while rest:
            tokens.append(vocabulary[(rest & mask) - 1])
            rest >>= bits
        table[" ".join(reversed(tokens))] = (float(lp), float(bo))
    return table


class NgramScorer:
    """A back-off model held as packed arrays (:func:`pack_table`): sorted uint64 n-gram keys
    and their log-probabilities and back-off weights, searched with ``numpy.searchsorted``.
    About 16 bytes an n-gram, against some 150 for a dictionary of strings; all the n-grams of
    a batch of sequences (the candidates of one name) are looked up in one call."""

    def __init__(self, vocabulary: Sequence[str], keys: np.ndarray, values: np.ndarray, order: int):
        if len(keys) != len(values) or not len(keys):
            raise ValueError(f"{len(keys)} n-gram keys for {len(values)} values")
        self.ids = {token: i for i, token in enumerate(vocabulary, 1)}
        self.unknown_id = len(vocabulary) + 1
        self.bits = _bits(len(vocabulary))
        if self.bits * order > 64:
            raise ValueError(f"order {order} n-grams of {len(vocabulary)} tokens exceed 64 bits")
        self.keys = np.ascontiguousarray(keys, dtype=np.uint64)
        self.probs = values[:, 0].astype(np.float64)
        self.backoffs = values[:, 1].astype(np.float64)
        self.order = order
        self.shifts = np.arange(order, dtype=np.uint64) * np.uint64(self.bits)
        index, found = find_sorted(self.keys, np.zeros(1, dtype=np.uint64))  # the empty key
        self.unknown = float(self.probs[index[0]]) if found[0] else -20.0
        self.empty_backoff = float(self.backoffs[index[0]]) if found[0] else 0.0

    @classmethod
    def from_table(cls, table: Table, order: int) -> NgramScorer:
        """A scorer over an estimated table."""
        return cls.from_arrays(*pack_table(table), order=order)

    @classmethod
    def from_arrays(
        cls, blob: np.ndarray, keys: np.ndarray, values: np.ndarray, order: int
    ) -> NgramScorer:
        """A scorer over a table packed by :func:`pack_table`."""
        return cls(_vocabulary(blob), keys, values.reshape(-1, 2), order)

    def _windows(self, batch: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """The ``order``-token window ending at each scored position of every sequence
        (sequences × positions × order; the shorter sequences padded) and the mask of the
        positions that exist (each token and the end marker)."""
        n, ids, unknown = self.order, self.ids, self.unknown_id
        bos, eos = [ids.get(BOS, unknown)] * (n - 1), ids.get(EOS, unknown)
        width = max(map(len, batch)) + 1
        rows = [
            [*bos, *(ids.get(t, unknown) for t in tokens), *[eos] * (width - len(tokens))]
            for tokens in batch
        ]
        padded = np.array(rows, dtype=np.uint64)
        windows = np.lib.stride_tricks.sliding_window_view(padded, n, axis=1)
        lengths = np.array([len(t) + 1 for t in batch])
        return windows, np.arange(width) < lengths[:, None]

    def sequences(self, batch: Sequence[Sequence[str]]) -> np.ndarray:
        """Natural log-probability of each sequence of ``batch``, end markers included."""
        if not batch:
            return np.zeros(0)
        windows, mask = self._windows(batch)
        n = self.order
        flat = windows.reshape(-1, n)[:, ::-1]  # the scored token first, then its history
        # column o - 1: the n-gram of order o (ids packed, the scored token lowest), and its
        # context (the same without the scored token)
        ngrams = np.cumsum(flat << self.shifts, axis=1, dtype=np.uint64)
        contexts = (ngrams - ngrams[:, :1]) >> np.uint64(self.bits)
        index, found = find_sorted(self.keys, np.concatenate([ngrams, contexts[:, 1:]], axis=1))
        hits, context_found = found[:, :n], found[:, n:]
        backoffs = np.empty(ngrams.shape)
        backoffs[:, 0] = self.empty_backoff
        backoffs[:, 1:] = np.where(context_found, self.backoffs[index[:, n:]], 0.0)
        longest = np.where(hits.any(axis=1), n - 1 - np.argmax(hits[:, ::-1], axis=1), -1)
        chosen = index[np.arange(len(flat)), np.maximum(longest, 0)]
        logprobs = np.where(longest >= 0, self.probs[chosen], self.unknown)
        logprobs += (backoffs * (np.arange(n) > longest[:, None])).sum(axis=1)
        total: np.ndarray = (logprobs.reshape(mask.shape) * mask).sum(axis=1)
        return total

    def sequence(self, tokens: Sequence[str]) -> float:
        """Natural log-probability of a whole sequence, end marker included."""
        return float(self.sequences([tokens])[0])
