"""Layer-0 pieces of the name transliterator: letters, targets, features, n-grams, CRF decoding."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from marsad.text.translit_features import (
    EMPTY,
    arabic_letters,
    capitalize_name,
    chunks_to_latin,
    edit_distance,
    latin_target,
    letter_features,
)
from marsad.text.translit_model import CrfModel, Reranker
from marsad.text.translit_ngram import (
    NgramScorer,
    estimate,
    logprob,
    pack_table,
    sequence_logprob,
    unpack_table,
)


def test_arabic_letters_drop_spaces_marks_and_punctuation_but_keep_hamza_forms() -> None:
    assert arabic_letters("ج و ن") == "جون"
    assert arabic_letters("مُحَمَّد") == "محمد"
    assert arabic_letters("أنتوني.") == "أنتوني"
    assert arabic_letters("ـسمـيث") == "سميث"
    assert arabic_letters("ڤيكتور") == "ڤيكتور"
    assert arabic_letters("Smith") == ""


def test_latin_target_folds_to_lowercase_ascii_letters() -> None:
    assert latin_target("Müller") == "muller"
    assert latin_target("Strauß") == "strauss"
    assert latin_target("O'Brien") == "obrien"
    assert latin_target("Łukasz") == "lukasz"


def test_letter_features_see_three_letters_each_side_and_the_word_edges() -> None:
    feats = letter_features("سميث")
    assert len(feats) == 4
    first = set(feats[0])
    assert {"c=س", "c-1=^", "c+3=ث", "r3=سمي", "pos=0|س", "rpos=3|س"} <= first
    assert "c+1=$" in feats[-1]


def test_chunks_to_latin_skips_empty_labels() -> None:
    assert chunks_to_latin(["s", "m", "i", "th"]) == "smith"
    assert chunks_to_latin(["", EMPTY, "a"]) == "a"


def test_capitalize_name_keeps_inner_particles_lowercase() -> None:
    assert capitalize_name(["mohammed", "bin", "salman"]) == "Mohammed bin Salman"
    assert capitalize_name(["daniel", "kritenbrink"]) == "Daniel Kritenbrink"
    assert capitalize_name(["bin", "laden"]) == "Bin Laden"
    assert capitalize_name(["", "john"]) == "John"
    assert capitalize_name(["ali", "al-amin"]) == "Ali al-Amin"
    assert capitalize_name(["el-sisi"]) == "El-Sisi"
    assert capitalize_name(["jean-paul", "sartre"]) == "Jean-Paul Sartre"


def test_edit_distance() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("", "abc") == 3
    assert edit_distance("john", "john") == 0


def test_ngram_model_is_normalised_and_prefers_seen_spellings() -> None:
    words = [list(w) for w in ("john", "joan", "jon", "smith", "smyth", "johnson")]
    table = estimate(words, 3)
    vocabulary = sorted({c for w in words for c in w} | {"</s>"})
    for history in (("j", "o"), ("<s>", "<s>"), ("x", "y")):
        total = sum(math.exp(logprob(table, history, c)) for c in vocabulary)
        assert 0.95 < total <= 1.0
    assert sequence_logprob(table, list("john"), 3) > sequence_logprob(table, list("jhon"), 3)
    scorer = NgramScorer.from_table(table, 3)
    assert scorer.sequence("john") == pytest.approx(sequence_logprob(table, list("john"), 3))


def test_packed_table_round_trips() -> None:
    table = estimate([["ب" + "b", "ا" + "a"], ["ب" + "p"]], 2)
    vocabulary, keys, values = pack_table(table)
    assert keys.dtype == np.uint64 and np.all(keys[:-1] < keys[1:])
    restored = unpack_table(vocabulary, keys, values)
    assert restored.keys() == table.keys()
    for key, (lp, bo) in table.items():
        assert restored[key] == pytest.approx((lp, bo), abs=1e-5)


def _toy_crf() -> CrfModel:
    labels = np.array(["_", "a", "b"])
    attributes = np.array(["c=ا", "c=ب", "pos=0|ب"])
    entries = {0: [(1, 2.0), (0, 1.5)], 1: [(2, 2.0), (1, 0.2)], 2: [(0, 0.5)]}
    offsets = np.cumsum([0] + [len(entries[i]) for i in range(3)]).astype(np.int32)
    arrays = {
        "labels": labels,
        "transitions": np.array([[0.0, 0.3, -1.0], [0.1, -0.5, 0.4], [0.2, 0.6, -0.2]]),
        "attributes": attributes,
        "offsets": offsets,
        "weight_labels": np.array([x[0] for i in range(3) for x in entries[i]], dtype=np.int16),
        "weights": np.array([x[1] for i in range(3) for x in entries[i]], dtype=np.float32),
    }
    return CrfModel.from_arrays(arrays)


def _brute_force(model: CrfModel, letters: str) -> list[tuple[float, tuple[str, ...]]]:
    emissions = model.emissions(letters)
    paths = []
    for path in itertools.product(range(len(model.labels)), repeat=len(letters)):
        s = sum(emissions[t, y] for t, y in enumerate(path))
        s += sum(model.transitions[a, b] for a, b in itertools.pairwise(path))
        paths.append((float(s), tuple(model.labels[y] for y in path)))
    return sorted(paths, key=lambda p: -p[0])


def test_crf_emissions_sum_the_weights_of_present_attributes() -> None:
    model = _toy_crf()
    emissions = model.emissions("با")
    assert emissions[0].tolist() == pytest.approx([0.5, 0.2, 2.0])  # c=ب plus pos=0|ب
    assert emissions[1].tolist() == pytest.approx([1.5, 2.0, 0.0])  # c=ا


def test_crf_needs_sorted_attributes_to_search_them() -> None:
    model = _toy_crf()
    arrays = {
        "labels": np.array(model.labels),
        "transitions": model.transitions,
        "attributes": model.attributes[::-1].copy(),
        "offsets": model.offsets,
        "weight_labels": model.weight_labels,
        "weights": model.weights,
    }
    with pytest.raises(ValueError, match="sorted"):
        CrfModel.from_arrays(arrays)


def test_crf_nbest_matches_brute_force() -> None:
    model = _toy_crf()
    for letters in ("ب", "با", "باب", "ابا"):
        expected = _brute_force(model, letters)[:4]
        found = model.nbest(letters, 4, width=3)
        assert [c[1] for c in found] == [c[1] for c in expected]
        assert [c[0] for c in found] == pytest.approx([c[0] for c in expected], abs=1e-5)


def test_reranker_can_overturn_the_crf_order() -> None:
    model = _toy_crf()
    candidates = _brute_force(model, "با")  # all nine label sequences, best first
    assert chunks_to_latin(candidates[0][1]) == "ba"
    chars = NgramScorer.from_table(estimate([list("ab")] * 5, 3), 3)
    joint = NgramScorer.from_table(estimate([["بb", "اa"]], 2), 2)
    assert Reranker(chars, joint, (1.0, 0.0, 0.0)).best("با", candidates) == "ba"
    assert Reranker(chars, joint, (0.0, 1.0, 0.0)).best("با", candidates) == "ab"
    assert Reranker(chars, joint, (0.0, 0.0, 1.0)).best("با", candidates) == "ba"


def test_scorer_from_packed_arrays_matches_the_table() -> None:
    words = [list(w) for w in ("john", "joan", "jon", "smith", "smyth")]
    table = estimate(words, 3)
    packed = NgramScorer.from_arrays(*pack_table(table), order=3)
    direct = NgramScorer.from_table(table, 3)
    words = ["john", "jhon", "smith", "zzz", "", "jo"]
    for word in words:
        expected = sequence_logprob(table, list(word), 3)
        assert direct.sequence(word) == pytest.approx(expected, abs=1e-4)
        assert packed.sequence(word) == pytest.approx(expected, abs=1e-4)
    batch = packed.sequences([list(w) for w in words])
    assert batch.tolist() == pytest.approx([packed.sequence(w) for w in words])
