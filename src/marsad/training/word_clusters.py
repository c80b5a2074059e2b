"""Word clusters for the NER features, learned from a news corpus with numpy alone.

Recipe (Levy & Goldberg's PPMI-SVD vectors, then spherical k-means):

1. tokenize every article (title and text) with :func:`marsad.text.tokenize.tokenize` and fold
   each token with :func:`marsad.text.ner_features.word_key`;
2. count co-occurrences of the ``vocab`` most frequent words with the ``contexts`` most frequent
   ones within ``window`` tokens (articles are not crossed);
3. positive PMI with context-distribution smoothing (alpha 0.75), then a randomized truncated SVD
   to ``dim`` dimensions, rows weighted by the square root of the singular values and normalized;
4. spherical k-means at each granularity of ``ks`` (cosine, fixed seed).

The output is a tab-separated table ``word<TAB>cluster id per granularity...<TAB>frequency
bucket`` (the bucket is ``floor(log2(count))``), small enough to ship with the package.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from marsad.errors import TrainingError
from marsad.text.ner_features import word_key
from marsad.text.tokenize import tokenize

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]
BREAK = -1


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Sizes of the cluster model (see the module docs)."""

    vocab: int = 100_000
    contexts: int = 2_000
    window: int = 2
    dim: int = 100
    ks: tuple[int, ...] = (16, 64, 128, 512, 1024, 2048, 4096)
    min_count: int = 3
    iterations: int = 12
    seed: int = 13


@dataclass(frozen=True, slots=True)
class ClusterTable:
    """The learned table: words (most frequent first), their counts and cluster ids."""

    words: tuple[str, ...]
    counts: tuple[int, ...]
    labels: tuple[tuple[int, ...], ...]  # one tuple per granularity, aligned with ``words``
    tokens: int

    def rows(self) -> Iterator[str]:
        for i, word in enumerate(self.words):
            ids = "\t".join(str(level[i]) for level in self.labels)
            yield f"{word}\t{ids}\t{int(math.log2(self.counts[i]))}"


def read_news(paths: Sequence[Path]) -> Iterator[str]:
    """Title and text of each article of JSONL(.gz) news files."""
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        try:
            with opener(path, "rt", encoding="utf-8") as handle:
                for line in handle:
                    if line.strip():
                        record = json.loads(line)
                        yield f"{record.get('title') or ''}\n{record.get('text') or ''}"
        except (OSError, json.JSONDecodeError) as exc:
            raise TrainingError(f"news file {path}: {exc}") from exc


def encode_corpus(texts: Iterable[str]) -> tuple[list[str], IntArray, Counter[str]]:
    """Every folded token as an id (``BREAK`` between articles), the id->word list and counts."""
    ids: dict[str, int] = {}
    stream: list[int] = []
    for text in texts:
        for token in tokenize(text):
            key = word_key(token.text)
            stream.append(ids.setdefault(key, len(ids)))
        stream.append(BREAK)
    words = list(ids)
    array = np.asarray(stream, dtype=np.int64)
    counts_arr = np.bincount(array[array >= 0], minlength=len(words))
    counts = Counter({w: int(c) for w, c in zip(words, counts_arr, strict=True)})
    return words, array, counts


def cooccurrence(
    stream: IntArray, rank: IntArray, n_rows: int, n_cols: int, window: int
) -> FloatArray:
    """Dense counts of (word rank < n_rows, context rank < n_cols) pairs within ``window``."""
    ranked = np.where(stream >= 0, rank[np.maximum(stream, 0)], -1)
    keys: list[IntArray] = []
    breaks = np.cumsum(ranked < 0)  # an article break between two tokens cuts the pair
    for d in range(1, window + 1):
        left, right = ranked[:-d], ranked[d:]
        same = breaks[d:] == breaks[:-d]
        for w, c in ((left, right), (right, left)):
            keep = same & (w >= 0) & (w < n_rows) & (c >= 0) & (c < n_cols)
            keys.append(w[keep] * n_cols + c[keep])
    uniq, counts = np.unique(np.concatenate(keys), return_counts=True)
    matrix = np.zeros((n_rows, n_cols), dtype=np.float32)
    matrix[uniq // n_cols, uniq % n_cols] = counts
    return matrix


def ppmi(matrix: FloatArray, alpha: float = 0.75, chunk: int = 10_000) -> FloatArray:
    """Positive PMI of a count matrix, in place, with context-distribution smoothing."""
    total = float(matrix.sum())
    rows = matrix.sum(axis=1, dtype=np.float64)
    cols = matrix.sum(axis=0, dtype=np.float64) ** alpha
    cols_p = (cols / cols.sum()).astype(np.float32)
    for start in range(0, matrix.shape[0], chunk):
        block = matrix[start : start + chunk]
        row_p = (rows[start : start + chunk] / total).astype(np.float32)[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            pmi = np.log(block / total) - np.log(row_p) - np.log(cols_p)[None, :]
        block[:] = np.where(block > 0, np.maximum(pmi, 0.0), 0.0)
    return matrix


def randomized_svd(matrix: FloatArray, dim: int, seed: int, power: int = 2) -> FloatArray:
    """Row vectors ``U * sqrt(S)`` of a rank-``dim`` randomized SVD, normalized to unit length."""
    rng = np.random.default_rng(seed)
    omega = rng.standard_normal((matrix.shape[1], dim + 20)).astype(np.float32)
    q, _ = np.linalg.qr(matrix @ omega)
    for _ in range(power):
        z, _ = np.linalg.qr(matrix.T @ q)
        q, _ = np.linalg.qr(matrix @ z)
    u_small, s, _ = np.linalg.svd(q.T @ matrix, full_matrices=False)
    vectors = (q @ u_small[:, :dim]) * np.sqrt(s[:dim])[None, :]
    return _unit_rows(vectors.astype(np.float32))


def _unit_rows(x: FloatArray) -> FloatArray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    unit: FloatArray = x / np.maximum(norms, 1e-8)
    return unit


def spherical_kmeans(x: FloatArray, k: int, iterations: int, seed: int) -> IntArray:
    """Cluster the unit rows of ``x`` into ``k`` groups by cosine similarity."""
    rng = np.random.default_rng(seed)
    centroids = x[rng.choice(x.shape[0], size=k, replace=False)].copy()
    labels = np.zeros(x.shape[0], dtype=np.int64)
    for _ in range(iterations):
        labels = _assign(x, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, labels, x)
        empty = np.bincount(labels, minlength=k) == 0
        sums[empty] = x[rng.choice(x.shape[0], size=int(empty.sum()), replace=False)]
        centroids = _unit_rows(sums)
    return _assign(x, centroids)


def _assign(x: FloatArray, centroids: FloatArray, chunk: int = 20_000) -> IntArray:
    parts = [np.argmax(x[i : i + chunk] @ centroids.T, axis=1) for i in range(0, len(x), chunk)]
    return np.concatenate(parts).astype(np.int64)


def train_clusters(texts: Iterable[str], settings: ClusterSettings) -> ClusterTable:
    """Learn the cluster table from raw article texts (see the module docs)."""
    words, stream, counts = encode_corpus(texts)
    ordered = [w for w, c in counts.most_common() if c >= settings.min_count]
    if len(ordered) < max(settings.ks):
        raise TrainingError(
            f"news corpus has {len(ordered)} words seen {settings.min_count}+ times; "
            f"need at least {max(settings.ks)} for {max(settings.ks)} clusters"
        )
    ordered = ordered[: settings.vocab]
    n_cols = min(settings.contexts, len(ordered))
    rank_of = {w: i for i, w in enumerate(ordered)}
    rank = np.asarray([rank_of.get(w, len(ordered)) for w in words], dtype=np.int64)
    matrix = ppmi(cooccurrence(stream, rank, len(ordered), n_cols, settings.window))
    vectors = randomized_svd(matrix, settings.dim, settings.seed)
    del matrix
    labels = tuple(
        tuple(int(v) for v in spherical_kmeans(vectors, k, settings.iterations, settings.seed + k))
        for k in settings.ks
    )
    return ClusterTable(
        words=tuple(ordered), counts=tuple(counts[w] for w in ordered), labels=labels,
        tokens=int((stream >= 0).sum()),
    )  # fmt: skip


def write_table(table: ClusterTable, settings: ClusterSettings, out: Path) -> None:
    """Write the table as TSV with a comment header describing how it was made."""
    out.parent.mkdir(parents=True, exist_ok=True)
    header = (
        f"# word clusters: PPMI-SVD(dim={settings.dim}, window={settings.window}, "
        f"contexts={settings.contexts}) + spherical k-means k={','.join(map(str, settings.ks))}"
        f", seed={settings.seed}; {len(table.words)} words from {table.tokens} tokens\n"
        "# columns: folded word, cluster id per k, floor(log2(count))\n"
    )
    with out.open("w", encoding="utf-8") as handle:
        handle.write(header)
        for row in table.rows():
            handle.write(row + "\n")
