"""Transliteration use-cases: romanizing lines, and training with a held-out dev evaluation."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from marsad.components.translit import load_transliterator
from marsad.evaluation.translit import evaluate, read_pairs
from marsad.services.translit import (
    evaluate_translit,
    romanize_lines,
    system_romanizer,
    train_translit_model,
)
from marsad.training.translit import TranslitConfig

NAMES = [
    ("sam", "سام"), ("mark", "مارك"), ("maria", "ماريا"), ("tom", "توم"), ("tim", "تيم"),
    ("kim", "كيم"), ("rami", "رامي"), ("sami", "سامي"), ("karim", "كريم"), ("tamer", "تامر"),
    ("samir", "سمير"), ("mira", "ميرا"), ("rita", "ريتا"), ("tara", "تارا"), ("kira", "كيرا"),
    ("lina", "لينا"), ("nina", "نينا"), ("lara", "لارا"), ("milan", "ميلان"),
    ("martin", "مارتن"), ("karl", "كارل"), ("tina", "تينا"), ("simon", "سيمون"),
    ("ramon", "رامون"), ("nadim", "نديم"), ("salim", "سليم"), ("malik", "مالك"),
]  # fmt: skip
TINY = TranslitConfig(
    dev_fraction=0.25, tune_fraction=0.0, em_iterations=6, min_label_count=1, crf_iterations=30,
    char_order=3, joint_order=3,
)  # fmt: skip


def test_romanize_lines_keeps_empty_lines() -> None:
    assert romanize_lines(["جون سميث", "", "  ", "سميث\n"]) == ["John Smith", "", "", "Smith"]


def test_training_scores_dev_forms_as_unseen_but_ships_them(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("".join(f"{lat}\t{' '.join(ar)}\t1\n" for lat, ar in NAMES), encoding="utf-8")
    out, dev_out = tmp_path / "model", tmp_path / "dev.tsv"
    report = train_translit_model(pairs, out, config=TINY, dev_out=dev_out)
    dev = read_pairs(dev_out)
    assert len(dev) == len(report.result.dev) > 0
    assert set(report.dev) >= {"model", "combined"}
    shipped = load_transliterator(out, use_dictionary=False)
    known = [p for p in dev if p.arabic in shipped.lexicon]  # dev forms are known in use...
    assert len(known) >= len(dev) / 2
    assert all(shipped.lexicon[p.arabic] == p.latin for p in known)
    assert evaluate(dev, system_romanizer("model", out)).exact >= len(known)
    forms = {p.arabic for p in dev}  # ...but scored without the lexicon's help
    held_out = evaluate(dev, system_romanizer("model", out, held_out=forms))
    assert held_out.edits == report.dev["model"].edits
    assert held_out.pairs == report.dev["model"].pairs == len(dev)
    unseen = evaluate_translit(dev_out, "model", out, unseen=True)  # the same from the CLI
    assert unseen.edits == held_out.edits
    assert evaluate_translit(dev_out, "model", out).exact >= len(known)
    again = train_translit_model(pairs, tmp_path / "again", config=replace(TINY, seed=99))
    assert {p for _, p in again.result.dev} != {p.arabic for p in dev}
