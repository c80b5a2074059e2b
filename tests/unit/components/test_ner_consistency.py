"""Names made consistent within a document (texts written for these tests)."""

from __future__ import annotations

from marsad.components.ner_consistency import name_key, propagate
from marsad.text.iob import Chunk
from marsad.text.ner_features import NerLexicon, word_key

LEXICON = NerLexicon.build([("ORG_KEY", "شركة"), ("TITLE", "وزير")])


def run(sentences: list[str], found: list[list[Chunk]], window: int = 20) -> list[list[Chunk]]:
    keys = [[word_key(w) for w in s.split()] for s in sentences]
    return propagate(keys, found, LEXICON, window)


def test_an_untagged_repeat_is_tagged_and_types_follow_the_majority() -> None:
    sentences = ["وصل سليم الحداد إلى المدينة", "وقال سليم الحداد إن", "والتقى سليم الحداد الوفد"]
    found = [[Chunk("PER", 1, 3)], [Chunk("ORG", 1, 3)], []]
    assert run(sentences, found) == [[Chunk("PER", 1, 3)], [Chunk("PER", 1, 3)],
                                     [Chunk("PER", 1, 3)]]  # fmt: skip


def test_a_name_with_a_proclitic_matches() -> None:
    sentences = ["افتتح المصرف الزراعي فرعا", "وأعلن للمصرف الزراعي"]
    found = [[Chunk("ORG", 1, 3)], []]
    assert run(sentences, found)[1] == [Chunk("ORG", 1, 3)]


def test_keywords_and_short_words_are_not_spread() -> None:
    sentences = ["قالت الشركة إن", "وأضافت الشركة", "زار جو المصنع", "ثم عاد جو"]
    found = [[Chunk("ORG", 1, 2)], [], [Chunk("PER", 1, 2)], []]
    out = run(sentences, found)
    assert out[1] == [] and out[3] == []


def test_the_family_name_alone_is_the_person() -> None:
    sentences = ["استقبل الرئيس سليم الحداد الضيوف", "وأكد الحداد أن", "وشكر للحداد جهوده"]
    found = [[Chunk("PER", 2, 4)], [], []]
    out = run(sentences, found)
    assert out[1] == [Chunk("PER", 1, 2)]
    assert out[2] == [Chunk("PER", 1, 2)]


def test_a_family_name_known_as_another_type_keeps_it() -> None:
    sentences = ["زار نادر بيروت", "وصلت الطائرة إلى بيروت", "وغادر بيروت"]
    found = [[Chunk("PER", 1, 3)], [Chunk("GPE", 3, 4)], []]
    out = run(sentences, found)
    assert out[2] == [Chunk("GPE", 1, 2)]


def test_names_do_not_cross_the_window() -> None:
    sentences = ["وصل سليم الحداد", "وقال الحداد", "وقال الحداد"]
    found = [[Chunk("PER", 1, 3)], [], []]
    out = run(sentences, found, window=2)
    assert out[1] == [Chunk("PER", 1, 2)]
    assert out[2] == []


def test_name_key_drops_the_first_words_proclitics() -> None:
    assert name_key(["للبنك", "الأهلي"]) == name_key(["البنك", "الأهلي"])
