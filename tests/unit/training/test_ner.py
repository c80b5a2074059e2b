"""Training the CRF on a tiny CoNLL file written here, and the corpus conversions."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import TrainingError
from marsad.text.iob import chunks
from marsad.text.ner_features import FeatureExtractor, NerLexicon
from marsad.training.ner import (
    CrfSettings,
    TaggedSentence,
    gold_sentences,
    read_sentences,
    split_dev,
    train_crf,
    unify_anercorp,
    unify_wojood,
)

TINY = """\
زار B-PERS
خالد I-PERS
منصور I-PERS
مدينة O
بغداد B-LOC
أمس O

افتتحت O
شركة B-ORG
النور I-ORG
مصنعا O
في O
البحر B-LOC
الأحمر I-LOC

التقى O
خالد B-PERS
منصور I-PERS
وفدا O
من O
شركة B-ORG
النور I-ORG
"""

LEXICON = NerLexicon.build([("CITY", "بغداد"), ("REGION", "البحر الأحمر"), ("LOC_HEAD", "بحر")])


@pytest.fixture
def tiny_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.conll"
    path.write_text(TINY, encoding="utf-8")
    return path


def test_anercorp_loc_is_split_into_gpe_and_loc(tiny_file: Path) -> None:
    sentences = [unify_anercorp(s, LEXICON) for s in gold_sentences(read_sentences(tiny_file))]
    assert sentences[0].tags == ("B-PER", "I-PER", "I-PER", "O", "B-GPE", "O")
    assert [c.type for c in chunks(sentences[1].tags)] == ["ORG", "LOC"]


def test_wojood_outer_layer_wins_and_occ_norp_are_dropped() -> None:
    rows = [
        ("السفير", ("B-OCC",)),
        ("الياباني", ("I-OCC", "B-NORP")),
        ("لدى", ("I-OCC",)),
        ("مصر", ("I-OCC", "B-GPE")),
        ("تارو", ("B-PERS",)),
        ("البنك", ("B-ORG",)),
        ("الأهلي", ("I-ORG", "B-PERS")),
    ]
    unified = unify_wojood(rows)
    assert unified.tags == ("O", "O", "O", "B-GPE", "B-PER", "B-ORG", "I-ORG")


def test_dev_split_takes_the_tail() -> None:
    sentences = [TaggedSentence((str(i),), ("O",)) for i in range(10)]
    train, dev = split_dev(sentences, 0.2)
    assert [s.tokens[0] for s in dev] == ["8", "9"]
    assert len(train) == 8
    with pytest.raises(TrainingError):
        split_dev(sentences, 1.0)


def test_training_on_a_tiny_file_tags_its_training_data(tiny_file: Path, tmp_path: Path) -> None:
    import pycrfsuite

    sentences = [unify_anercorp(s, LEXICON) for s in gold_sentences(read_sentences(tiny_file))]
    extractor = FeatureExtractor(LEXICON)
    out = tmp_path / "tiny.crfsuite"
    stats = train_crf(sentences, extractor, out, CrfSettings(c1=0.0, c2=0.01, max_iterations=60))
    assert stats.sentences == 3
    assert stats.model_bytes == out.stat().st_size > 0
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    for sentence in sentences:
        assert tuple(tagger.tag(extractor.sentence(sentence.tokens))) == sentence.tags


def test_malformed_training_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.conll"
    path.write_text("كلمة\n", encoding="utf-8")
    with pytest.raises(TrainingError, match=r"bad\.conll"):
        read_sentences(path)


def test_no_sentences_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TrainingError):
        train_crf([], FeatureExtractor(LEXICON), tmp_path / "m.crfsuite", CrfSettings())


@pytest.mark.slow
def test_training_on_anercorp_reaches_a_useful_dev_score(shared_dir: Path, tmp_path: Path) -> None:
    from marsad.services.ner import train_ner_model

    anercorp = shared_dir / "data" / "ner" / "anercorp" / "train.conll"
    report = train_ner_model(anercorp, None, tmp_path / "m.crfsuite", iterations=60, final=False)
    assert report.dev is not None
    assert report.dev.scores.micro.f1 > 60.0


LAST = "\nرحب O\nسمير B-PERS\nوهبة I-PERS\nبالوفد O\n"


@pytest.mark.parametrize("final", [True, False])
def test_the_written_model_learns_the_dev_split_only_when_final(
    tmp_path: Path, final: bool
) -> None:
    import pycrfsuite

    from marsad.components.ner import load_lexicon
    from marsad.services.ner import train_ner_model

    corpus = tmp_path / "four.conll"
    corpus.write_text(TINY + LAST, encoding="utf-8")
    out = tmp_path / "m.crfsuite"
    report = train_ner_model(corpus, None, out, dev_fraction=0.25, final=final, c1=0.0,
                             iterations=60)  # fmt: skip
    assert report.dev is not None and report.dev.sentences == 1
    assert report.dev_trained_on == 3
    assert report.train_sentences == (4 if final else 3)
    assert report.as_dict()["train_sentences"] == report.train_sentences
    assert sorted(p.name for p in tmp_path.iterdir()) == ["four.conll", "m.crfsuite"]
    tagger = pycrfsuite.Tagger()
    tagger.open(str(out))
    tags = tagger.tag(FeatureExtractor(load_lexicon()).sentence(("رحب", "سمير", "وهبة", "بالوفد")))
    if final:
        assert tags == ["O", "B-PER", "I-PER", "O"]
