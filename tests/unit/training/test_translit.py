"""Training of the name transliterator: reading pairs, splits, EM alignment, a tiny full run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.components.translit import load_transliterator
from marsad.errors import TrainingError
from marsad.training.translit import (
    NamePair,
    TranslitConfig,
    align,
    read_name_pairs,
    split_by_form,
    train_translit,
)

PAIRS = [
    ("sam", "سام"), ("mark", "مارك"), ("maria", "ماريا"), ("tom", "توم"), ("tim", "تيم"),
    ("kim", "كيم"), ("rami", "رامي"), ("sami", "سامي"), ("karim", "كريم"), ("tamer", "تامر"),
    ("samir", "سمير"), ("mira", "ميرا"), ("rita", "ريتا"), ("tara", "تارا"), ("kira", "كيرا"),
    ("lina", "لينا"), ("nina", "نينا"), ("lara", "لارا"), ("milan", "ميلان"),
    ("martin", "مارتن"), ("karl", "كارل"), ("tina", "تينا"), ("simon", "سيمون"),
    ("ramon", "رامون"), ("nadim", "نديم"), ("salim", "سليم"), ("malik", "مالك"),
    ("kamal", "كمال"), ("lamis", "لميس"), ("rasim", "راسم"),
]  # fmt: skip
TINY = TranslitConfig(
    dev_fraction=0.0, tune_fraction=0.0, em_iterations=6, min_label_count=1, crf_iterations=30,
    char_order=3, joint_order=3,
)  # fmt: skip


def write_pairs(path: Path, pairs: list[tuple[str, str]]) -> Path:
    lines = [f"{latin}\t{' '.join(arabic)}\t{n % 3 + 1}" for n, (latin, arabic) in enumerate(pairs)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_name_pairs_folds_both_sides(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text("Müller\tم و ل ر\t7\nrobert\tر و ب ر ت\n1st\tا ل أ و ل\t3\n", encoding="utf-8")
    pairs = read_name_pairs(path)
    assert pairs[0] == NamePair("Müller", "muller", "مولر", 7)
    assert pairs[1].count == 1
    assert [p.target for p in pairs] == ["muller", "robert", "st"]


def test_read_name_pairs_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("john\tج و ن\t2\njohn only\n", encoding="utf-8")
    with pytest.raises(TrainingError, match=r"bad\.tsv:2"):
        read_name_pairs(path)
    path.write_text("john\tج و ن\tmany\n", encoding="utf-8")
    with pytest.raises(TrainingError, match="count"):
        read_name_pairs(path)


def test_split_by_form_keeps_every_arabic_form_on_one_side(tmp_path: Path) -> None:
    pairs = read_name_pairs(
        write_pairs(tmp_path / "p.tsv", [*PAIRS, ("jon", "جون"), ("john", "جون")])
    )
    train, dev = split_by_form(pairs, 0.3, seed=1)
    assert len(train) + len(dev) == len(pairs)
    assert not {p.letters for p in train} & {p.letters for p in dev}
    assert 0.2 < len({p.letters for p in dev}) / len({p.letters for p in pairs}) < 0.4
    assert split_by_form(pairs, 0.3, seed=1) == (train, dev)


def test_em_alignment_gives_each_letter_its_chunk(tmp_path: Path) -> None:
    pairs = read_name_pairs(write_pairs(tmp_path / "p.tsv", PAIRS))
    aligned = {x.letters: x.chunks for x in align(pairs, TINY, lambda _: None)[0]}
    assert aligned["سام"] == ("s", "a", "m")
    assert aligned["كريم"][0] in {"k", "ka"}
    assert "".join(aligned["مارتن"]).replace("_", "") == "martin"


def test_training_on_a_tiny_list_learns_it(tmp_path: Path) -> None:
    pairs = write_pairs(tmp_path / "pairs.tsv", PAIRS)
    out = tmp_path / "model"
    result = train_translit(pairs, out, TINY)
    assert result.train_pairs == len(PAIRS)
    assert result.dev == []
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["train_pairs"] == len(PAIRS)
    translit = load_transliterator(out, use_dictionary=False)
    assert translit.romanize("سامي تامر") == "Sami Tamer"  # from the lexicon
    learnt = [translit.model_word(arabic) == latin for latin, arabic in PAIRS]
    assert sum(learnt) >= 0.9 * len(PAIRS)  # the CRF alone reproduces its training pairs


@pytest.mark.slow
def test_full_training_reaches_the_dev_figures(shared_dir: Path, tmp_path: Path) -> None:
    """The packaged model's recipe on the Wikidata pairs (about 10-15 minutes on two cores)."""
    from marsad.services.translit import train_translit_model

    pairs = shared_dir / "data/names/wikidata_person_tokens_train.tsv"
    report = train_translit_model(pairs, tmp_path / "model")
    assert report.result.aligned_pairs > 40_000
    assert len(report.result.dev) > 4_000
    model, combined = report.dev["model"], report.dev["combined"]
    assert model.cer < 0.28
    assert combined.cer <= model.cer
    if "romanizer" in report.dev:
        assert combined.cer < report.dev["romanizer"].cer
