"""The fast CRF decoder gives exactly crfsuite's tags, and Viterbi finds the best path."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from marsad.components.ner_crf import CrfWeights, FastCrfTagger, viterbi_batch
from marsad.text.ner_features import FeatureExtractor, NerLexicon

LEXICON = NerLexicon.build(
    [("TITLE", "الرئيس"), ("COUNTRY", "مصر"), ("ORG_KEY", "شركة"), ("CITY", "دمشق")],
    [("الرييس", "1", "4", "9"), ("زار", "2", "5", "8"), ("مصر", "3", "6", "10")],
)
TRAIN = [
    (["زار", "الرئيس", "سمير", "نعمان", "مصر"], ["O", "O", "B-PER", "I-PER", "B-GPE"]),
    (["افتتحت", "شركة", "الأمل", "فرعا", "في", "دمشق"], ["O", "B-ORG", "I-ORG", "O", "O", "B-GPE"]),
    (["قال", "سمير", "إن", "مصر", "تدعم", "شركة", "الأمل"],
     ["O", "B-PER", "O", "B-GPE", "O", "B-ORG", "I-ORG"]),
]  # fmt: skip
UNSEEN = [
    ["التقى", "الرئيس", "نعمان", "وفدا", "من", "دمشق"],
    ["مصر"],
    [],
    ["شركة", "جديدة", "في", "مصر", "ودمشق", "قال", "سمير"],
]


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crf") / "tiny.crfsuite"
    extractor = FeatureExtractor(LEXICON)
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in TRAIN:
        trainer.append(extractor.sentence(words), tags)
    trainer.set_params({"c1": 0.0, "c2": 0.1, "max_iterations": 40})
    trainer.train(str(path))
    return path


def test_fast_decoder_matches_crfsuite(model: Path) -> None:
    extractor = FeatureExtractor(LEXICON)
    reference = pycrfsuite.Tagger()
    reference.open(str(model))
    fast = FastCrfTagger(CrfWeights.load(str(model)), FeatureExtractor(LEXICON))
    sentences = [w for w, _ in TRAIN] + UNSEEN
    expected = [reference.tag(extractor.sentence(s)) if s else [] for s in sentences]
    assert fast.tag_many(sentences) == expected
    assert [fast.tag(s) for s in sentences] == expected


def test_viterbi_batch_is_exhaustive_search() -> None:
    rng = np.random.default_rng(3)
    transitions = rng.normal(size=(3, 3))
    emissions = [rng.normal(size=(n, 3)) for n in (1, 4, 2)]
    for e, path in zip(emissions, viterbi_batch(emissions, transitions), strict=True):

        def total(p: tuple[int, ...], e: np.ndarray = e) -> float:
            return float(sum(e[t, p[t]] for t in range(len(p)))
                         + sum(transitions[p[t - 1], p[t]] for t in range(1, len(p))))  # fmt: skip

        best = max(itertools.product(range(3), repeat=len(e)), key=total)
        assert tuple(path) == best


def test_unreadable_model_is_a_resource_error(tmp_path: Path) -> None:
    from marsad.errors import ResourceError

    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(ResourceError, match=r"bad\.crfsuite"):
        CrfWeights.load(str(bad))
