"""Name transliteration use-cases: romanize names, score a gold file, train the model."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path

from marsad.components.translit import (
    MODEL_DIR,
    Transliterator,
    default_transliterator,
    load_transliterator,
    romanizer_baseline,
)
from marsad.errors import MarsadError
from marsad.evaluation.translit import GoldPair, Romanizer, TranslitScores, evaluate, read_pairs
from marsad.text.translit_features import arabic_letters
from marsad.training.translit import TrainResult, TranslitConfig, train_translit

Log = Callable[[str], None]

SYSTEMS = ("combined", "model", "romanizer")
"""What ``marsad eval translit --system`` scores: Marsad's transliterator (model, lexicon and
arabic-name-romanizer's dictionary), its model and lexicon alone, arabic-name-romanizer alone."""


@dataclass(slots=True)
class TrainReport:
    """A training run and the dev figures of each system."""

    result: TrainResult
    dev: dict[str, TranslitScores] = field(default_factory=dict)


def default_model_dir() -> Path:
    """Where the packaged model lives (the target of ``marsad train translit``)."""
    return Path(str(files("marsad.resources").joinpath(MODEL_DIR)))


def romanize_lines(lines: Iterable[str]) -> list[str]:
    """One Latin form per Arabic name (an empty line stays empty)."""
    translit = default_transliterator()
    return [translit.romanize(line.strip()) if line.strip() else "" for line in lines]


def system_romanizer(
    system: str, model_dir: Path | None = None, held_out: Iterable[str] = ()
) -> Romanizer:
    """A batch romanizer for one of :data:`SYSTEMS`; Arabic forms in ``held_out`` (letters) are
    dropped from Marsad's lexicon, so that scoring them measures unseen names."""
    if system == "romanizer":
        baseline = romanizer_baseline()
        if baseline is None:
            raise MarsadError("arabic-name-romanizer is not installed (pip install it)")
        return baseline
    if system not in SYSTEMS:
        raise MarsadError(f"unknown system {system!r}; choose from {', '.join(SYSTEMS)}")
    translit = _transliterator(model_dir, use_dictionary=system == "combined")
    hidden = set(held_out)
    if hidden:
        lexicon = {form: latin for form, latin in translit.lexicon.items() if form not in hidden}
        translit = Transliterator(
            translit.model, translit.reranker, lexicon, dictionary=translit.dictionary
        )
    return translit.romanize_many


def _transliterator(model_dir: Path | None, *, use_dictionary: bool) -> Transliterator:
    if model_dir is None and use_dictionary:
        return default_transliterator()
    return load_transliterator(model_dir, use_dictionary=use_dictionary)


def evaluate_translit(
    gold: Path, system: str = "combined", model_dir: Path | None = None, *, unseen: bool = False
) -> TranslitScores:
    """Character error rate, exact-match rate and speed of ``system`` on the pairs in ``gold``.

    The packaged lexicon holds every Arabic form of the training data, the dev split's too;
    ``unseen`` drops the gold file's forms from it, so that a dev file written by
    ``marsad train translit --dev-out`` is scored as names the model has never met."""
    pairs = read_pairs(gold)
    hidden = {arabic_letters(t) for p in pairs for t in p.arabic.split()} if unseen else set()
    return evaluate(pairs, system_romanizer(system, model_dir, held_out=hidden))


def train_translit_model(
    pairs: Path,
    out: Path | None = None,
    *,
    iterations: int | None = None,
    seed: int | None = None,
    config: TranslitConfig | None = None,
    dev_out: Path | None = None,
    log: Log | None = None,
) -> TrainReport:
    """Train on ``pairs`` into ``out`` (default: the packaged model) and score the dev split with
    the new model alone, with arabic-name-romanizer alone, and with both combined. The dev forms
    are in the written lexicon (to be known in use) but left out of it for these scores.
    ``iterations`` and ``seed`` override those of ``config`` (default settings if None)."""
    target = out or default_model_dir()
    config = config or TranslitConfig()
    config = replace(
        config,
        crf_iterations=config.crf_iterations if iterations is None else iterations,
        seed=config.seed if seed is None else seed,
    )
    result = train_translit(pairs, target, config, log)
    gold = [GoldPair(latin, arabic) for latin, arabic in result.dev]
    if dev_out is not None:
        write_pairs(gold, dev_out)
    report = TrainReport(result)
    for system in SYSTEMS:
        if system == "romanizer" and romanizer_baseline() is None:
            continue
        romanizer = system_romanizer(system, target, held_out={p.arabic for p in gold})
        report.dev[system] = evaluate(gold, romanizer)
    return report


def write_pairs(pairs: Sequence[GoldPair], path: Path) -> None:
    """Pairs as ``latin<TAB>arabic`` lines (the input of ``marsad eval translit``)."""
    path.write_text("".join(f"{p.latin}\t{p.arabic}\n" for p in pairs), encoding="utf-8")
