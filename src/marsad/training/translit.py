"""Train the Arabic → Latin name transliteration model (``marsad train translit``).

Input: the Wikidata person-name token pairs (``latin<TAB>arabic letters separated by spaces<TAB>
count``, CC0), used reversed. Steps:

1. reduce each pair to Arabic letters and a lowercase ASCII Latin word, and hold out a seeded dev
   split by *distinct Arabic form* (no dev form is seen in training, so the dev figures measure
   names the model has never met), and a smaller tune split the same way;
2. align letters to Latin chunks with EM (:mod:`marsad.training.translit_align`) and drop the
   pairs that no plausible alignment explains (translations such as الأول → i, noise);
3. train a linear-chain CRF (python-crfsuite, averaged perceptron) labelling each letter with
   its chunk, from the features of :func:`marsad.text.translit_features.letter_features`, on
   the training pairs outside the tune split;
4. choose the weights that re-rank the CRF's n-best lists with a Latin character n-gram model
   and a joint letter-chunk n-gram model on the tune split
   (:mod:`marsad.training.translit_rerank`), then re-estimate both n-gram models on all pairs;
5. write ``crf.npz`` (the CRF as arrays: no crfsuite at run time, see :func:`export_crf`),
   ``ngrams.npz`` (the n-gram tables and weights), ``lexicon.tsv`` (each form's most frequent
   well-aligned Latin spelling, dev forms included: the shipped lexicon should know every name
   of the data, so a held-out score must drop the dev forms from it, as
   ``marsad.services.translit`` does) and ``meta.json`` (settings and counts).

The runtime (:mod:`marsad.components.translit`) reads these files. Training and components may
not import each other, so what both need (features, the n-best decoder and re-ranker, the n-gram
tables) lives in layer 0: :mod:`marsad.text.translit_features`, :mod:`marsad.text.translit_model`
and :mod:`marsad.text.translit_ngram`.

Tried and not shipped (branch ``wip/translit-neural``): a character encoder-decoder (BiGRU encoder,
GRU decoder with attention, 867k parameters, trained with PyTorch on one thread in about 13
minutes, run in numpy) re-scoring the CRF's n-best lists. On the dev split (``--unseen``) the
combined system goes from CER 0.2434 to 0.2382 (the neural model alone 0.2641) and spells
كريتنبرينك Kritenbrink, but the full pipeline falls from 68.7 to 43.9 ANT articles/s (re-scoring 4
candidates: 51.3 articles/s, CER 0.2398; 2: 56.5, 0.2422), below the 50 articles/s target.
"""

from __future__ import annotations

import json
import math
import random
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from marsad.errors import TrainingError
from marsad.text.translit_features import arabic_letters, latin_target, letter_features
from marsad.text.translit_model import CrfModel
from marsad.training.translit_align import (
    Aligned,
    Table,
    best_alignment,
    em_iteration,
    initial_table,
)
from marsad.training.translit_rerank import (
    estimate_models,
    pack_models,
    score_candidates,
    tune_weights,
)

MODEL_FILE = "crf.npz"
NGRAM_FILE = "ngrams.npz"
LEXICON_FILE = "lexicon.tsv"
META_FILE = "meta.json"

Log = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class NamePair:
    """One training pair: the Latin spelling as given, its folded target, the Arabic letters."""

    latin: str
    target: str
    letters: str
    count: int


@dataclass(frozen=True, slots=True)
class TranslitConfig:
    """Settings of one training run (recorded in ``meta.json``)."""

    dev_fraction: float = 0.1
    tune_fraction: float = 0.05
    seed: int = 13
    max_chunk: int = 3
    em_iterations: int = 8
    min_logprob_per_letter: float = -4.0
    min_label_count: int = 20
    crf_algorithm: str = "ap"
    crf_iterations: int = 12
    char_order: int = 5
    joint_order: int = 5
    nbest: int = 8
    width: int = 12
    lexicon_min_count: int = 2
    lexicon_min_logprob: float = -4.0


@dataclass(slots=True)
class TrainResult:
    """What a run produced: files, counts, and the held-out dev pairs (Latin, Arabic)."""

    out_dir: Path
    train_pairs: int
    aligned_pairs: int
    labels: int
    lexicon_entries: int
    seconds: float
    weights: tuple[float, float, float]
    tune_cer: float
    dev: list[tuple[str, str]] = field(default_factory=list)


def read_name_pairs(path: Path) -> list[NamePair]:
    """Pairs of a ``latin<TAB>arabic[<TAB>count]`` file; rows without letters are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise TrainingError(f"{path}: cannot read name pairs: {exc}") from exc
    pairs = [p for n, line in enumerate(lines, 1) if line.strip() and (p := _pair(line, path, n))]
    if not pairs:
        raise TrainingError(f"{path}: no usable 'latin<TAB>arabic' pairs")
    return pairs


def _pair(line: str, path: Path, number: int) -> NamePair | None:
    columns = line.rstrip("\r\n").split("\t")
    if len(columns) < 2:
        raise TrainingError(f"{path}:{number}: expected 'latin<TAB>arabic[<TAB>count]'")
    count = columns[2].strip() if len(columns) > 2 else "1"
    if not count.isdigit():
        raise TrainingError(f"{path}:{number}: count {count!r} is not a whole number")
    letters, target = arabic_letters(columns[1]), latin_target(columns[0])
    if not letters or not target:
        return None
    return NamePair(columns[0].strip(), target, letters, max(1, int(count)))


def split_by_form(
    pairs: Sequence[NamePair], fraction: float, seed: int
) -> tuple[list[NamePair], list[NamePair]]:
    """Train and dev pairs, the dev set holding ``fraction`` of the distinct Arabic forms."""
    forms = sorted({p.letters for p in pairs})
    random.Random(seed).shuffle(forms)
    dev_forms = set(forms[: round(len(forms) * fraction)])
    train = [p for p in pairs if p.letters not in dev_forms]
    return train, [p for p in pairs if p.letters in dev_forms]


def align(
    pairs: Sequence[NamePair], config: TranslitConfig, log: Log
) -> tuple[list[Aligned], Table]:
    """EM alignment of the pairs (weight 1 + ln count): their plausible best segmentations (noise
    dropped) and the learnt chunk table."""
    k = config.max_chunk
    weighted = [(p.letters, p.target, 1.0 + math.log(p.count)) for p in pairs]
    usable = [w for w in weighted if len(w[1]) <= k * len(w[0])]
    table = initial_table(usable, k)
    for iteration in range(config.em_iterations):
        table, loglik = em_iteration(usable, table, k)
        log(f"EM iteration {iteration + 1}: log-likelihood {loglik:.0f}")
    return segment(pairs, table, config), table


def segment(pairs: Iterable[NamePair], table: Table, config: TranslitConfig) -> list[Aligned]:
    """The plausible best segmentations of ``pairs`` under a learnt chunk table."""
    k, floor = config.max_chunk, config.min_logprob_per_letter
    found = (best_alignment(p.letters, p.target, table, k) for p in pairs)
    return [x for x in found if x and x.logprob / len(x.letters) >= floor]


def crf_sequences(aligned: Sequence[Aligned], config: TranslitConfig) -> list[Aligned]:
    """The aligned pairs whose every chunk is a label seen ``min_label_count`` times or more."""
    counts = Counter(c for x in aligned for c in x.chunks)
    return [x for x in aligned if all(counts[c] >= config.min_label_count for c in x.chunks)]


def train_crf(sequences: Sequence[Aligned], config: TranslitConfig, model_path: Path) -> None:
    """Fit the letter → chunk CRF (averaged perceptron by default) in crfsuite's format."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm=config.crf_algorithm, verbose=False)
    for x in sequences:
        trainer.append(letter_features(x.letters), list(x.chunks))
    trainer.set_params(
        {"max_iterations": config.crf_iterations, "feature.possible_transitions": True}
    )
    trainer.train(str(model_path))


def export_crf(model_path: Path) -> dict[str, np.ndarray]:
    """The CRF as arrays: ``labels`` (L), ``transitions`` (L×L, from → to), and the state
    weights grouped by attribute: ``attributes`` (A, sorted), ``offsets`` (A+1), with
    ``weight_labels``/``weights`` holding attribute ``i``'s entries at ``offsets[i]:offsets[i+1]``.
    """
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    info = tagger.info()
    labels = sorted(tagger.labels())
    index = {label: i for i, label in enumerate(labels)}
    transitions = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (source, target), weight in info.transitions.items():
        transitions[index[source], index[target]] = weight
    by_attribute: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for (attribute, label), weight in info.state_features.items():
        by_attribute[attribute].append((index[label], weight))
    tagger.close()
    return _pack(labels, transitions, by_attribute)


def _pack(
    labels: list[str], transitions: np.ndarray, by_attribute: dict[str, list[tuple[int, float]]]
) -> dict[str, np.ndarray]:
    attributes = sorted(by_attribute)
    entries = [e for a in attributes for e in sorted(by_attribute[a])]
    sizes = [len(by_attribute[a]) for a in attributes]
    return {
        "labels": np.array(labels),
        "transitions": transitions,
        "attributes": np.array(attributes),
        "offsets": np.concatenate([[0], np.cumsum(sizes)]).astype(np.int32),
        "weight_labels": np.array([e[0] for e in entries], dtype=np.int16),
        "weights": np.array([e[1] for e in entries], dtype=np.float32),
    }


def build_lexicon(
    pairs: Iterable[NamePair], aligned: Iterable[Aligned], config: TranslitConfig
) -> dict[str, str]:
    """Each training form's most frequent Latin target among its well-aligned pairs (ties go to
    the better alignment), kept when that target was seen ``lexicon_min_count`` times or more,
    or is the form's only spelling: a form with many one-off spellings (الله in compound
    names) is left to the CRF."""
    quality = {(x.letters, x.latin): x.logprob / len(x.letters) for x in aligned}
    votes: dict[str, dict[str, tuple[int, float]]] = defaultdict(dict)
    for p in pairs:
        q = quality.get((p.letters, p.target), -math.inf)
        if q >= config.lexicon_min_logprob:
            count, _ = votes[p.letters].get(p.target, (0, q))
            votes[p.letters][p.target] = (count + p.count, q)
    lexicon = {}
    for form, targets in sorted(votes.items()):
        ranked = sorted(targets.items(), key=lambda item: item[1], reverse=True)
        if ranked[0][1][0] >= config.lexicon_min_count or len(ranked) == 1:
            lexicon[form] = ranked[0][0]
    return lexicon


def write_lexicon(lexicon: dict[str, str], path: Path) -> None:
    """The lexicon as ``arabic<TAB>latin`` lines, with a header naming its source."""
    header = "# Arabic name token -> most frequent Latin spelling (Wikidata person names, CC0)\n"
    body = "".join(f"{form}\t{latin}\n" for form, latin in lexicon.items())
    path.write_text(header + body, encoding="utf-8")


def train_translit(
    pairs_path: Path, out_dir: Path, config: TranslitConfig | None = None, log: Log | None = None
) -> TrainResult:
    """Train on ``pairs_path`` and write the model files into ``out_dir``."""
    cfg, say = config or TranslitConfig(), log or (lambda _: None)
    start = time.perf_counter()
    train, dev = split_by_form(read_name_pairs(pairs_path), cfg.dev_fraction, cfg.seed)
    fit, tune = split_by_form(train, cfg.tune_fraction, cfg.seed + 1)
    say(f"{len(train)} training pairs ({len(tune)} to tune re-ranking), {len(dev)} dev pairs")
    aligned, table = align(train, cfg, say)
    tune_forms = {p.letters for p in tune}
    sequences = crf_sequences([x for x in aligned if x.letters not in tune_forms], cfg)
    labels = len({c for x in sequences for c in x.chunks})
    say(f"{len(aligned)} plausible alignments; CRF on {len(sequences)} with {labels} labels")
    crf_arrays = fit_crf(sequences, cfg)
    weights, tune_cer = choose_weights(CrfModel.from_arrays(crf_arrays), aligned, fit, tune, cfg)
    say(f"re-ranking weights {weights} (tune CER {tune_cer:.4f})")
    models = estimate_models(aligned, [p.target for p in train], cfg.char_order, cfg.joint_order)
    dev_aligned = segment(dev, table, cfg)  # the table is learnt without them
    lexicon = build_lexicon([*train, *dev], [*aligned, *dev_aligned], cfg)
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out_dir / MODEL_FILE, **crf_arrays)  # type: ignore[arg-type]
    np.savez_compressed(out_dir / NGRAM_FILE, **pack_models(models, weights))  # type: ignore[arg-type]
    write_lexicon(lexicon, out_dir / LEXICON_FILE)
    result = TrainResult(
        out_dir, len(train), len(aligned), labels, len(lexicon), time.perf_counter() - start,
        weights, tune_cer, [(p.latin, p.letters) for p in dev],
    )  # fmt: skip
    _write_meta(out_dir / META_FILE, cfg, result, pairs_path)
    return result


def fit_crf(sequences: Sequence[Aligned], config: TranslitConfig) -> dict[str, np.ndarray]:
    """Train the CRF in a scratch directory and return its exported arrays."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "translit.crfsuite"
        train_crf(sequences, config, path)
        return export_crf(path)


def choose_weights(
    crf: CrfModel,
    aligned: Sequence[Aligned],
    fit: Sequence[NamePair],
    tune: Sequence[NamePair],
    config: TranslitConfig,
) -> tuple[tuple[float, float, float], float]:
    """Re-ranking weights tuned on the tune pairs, with n-gram models of the fit pairs only."""
    fit_forms = {p.letters for p in fit}
    models = estimate_models(
        [x for x in aligned if x.letters in fit_forms],
        [p.target for p in fit],
        config.char_order,
        config.joint_order,
    )
    forms = sorted({p.letters for p in tune})
    scored = score_candidates(crf, models, forms, config.nbest, config.width)
    return tune_weights(scored, [(p.letters, p.target) for p in tune])


def _write_meta(path: Path, config: TranslitConfig, result: TrainResult, source: Path) -> None:
    meta = {
        "data": source.name,
        "config": asdict(config),
        "train_pairs": result.train_pairs,
        "aligned_pairs": result.aligned_pairs,
        "labels": result.labels,
        "lexicon_entries": result.lexicon_entries,
        "rerank_weights": list(result.weights),
        "tune_cer": round(result.tune_cer, 4),
        "dev_pairs": len(result.dev),
        "seconds": round(result.seconds, 1),
    }
    path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


__all__ = [
    "LEXICON_FILE", "META_FILE", "MODEL_FILE", "NGRAM_FILE", "NamePair", "TrainResult",
    "TranslitConfig", "read_name_pairs", "split_by_form", "train_translit",
]  # fmt: skip
