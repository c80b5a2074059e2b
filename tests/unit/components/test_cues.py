"""The speech-cue lexicon and the verb inflection generator behind it."""

from __future__ import annotations

import pytest

from marsad.components.cues import is_attribution, is_that, lookup_cue
from marsad.components.verb_forms import imperfect_forms, past_forms, readings, verb_forms
from marsad.text.normalize import fold


def cue(word: str) -> str | None:
    found = lookup_cue(fold(word))
    return found.lemma if found is not None else None


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("قال", "قال"), ("وقالت", "قال"), ("قالوا", "قال"), ("يقول", "قال"), ("تقولان", "قال"),
        ("وسيقولون", "قال"), ("قلنا", "قال"), ("فأضاف", "اضاف"), ("تضيف", "اضاف"),
        ("أكدت", "اكد"), ("يؤكد", "اكد"), ("وأوضحوا", "اوضح"), ("أشارت", "اشار"),
        ("يشير", "اشار"), ("دعت", "دعا"), ("يدعون", "دعا"), ("نفى", "نفي"), ("نفوا", "نفي"),
        ("ينفي", "نفي"), ("صرّح", "صرح"), ("شدّدت", "شدد"), ("ورأى", "راي"), ("يرى", "راي"),
        ("اعتبرت", "اعتبر"), ("حذّروا", "حذر"), ("يطالبون", "طالب"), ("كشفت", "كشف"),
    ],
)  # fmt: skip
def test_reporting_verbs_in_every_person_and_tense(word: str, lemma: str) -> None:
    assert cue(word) == lemma


@pytest.mark.parametrize("word", ["قائلا", "مضيفة", "مؤكدين", "مشيرا", "لافتة", "بالقول"])
def test_participles_and_the_masdar_of_said_are_speech_cues(word: str) -> None:
    found = lookup_cue(fold(word))
    assert found is not None and found.speech


@pytest.mark.parametrize("word", ["بين", "وزارة", "الحكومة", "مدينة", "قائد", "المحادثات"])
def test_ordinary_words_are_no_cues(word: str) -> None:
    assert lookup_cue(fold(word)) is None


def test_complementizers_and_attributions() -> None:
    assert all(is_that(fold(w)) for w in ("إن", "أن", "إنه", "بأنها", "أنهم"))
    assert not is_that(fold("إنما"))
    assert all(is_attribution(fold(w)) for w in ("بحسب", "وحسب", "وفقا", "نقلا", "حسبما"))
    assert not is_attribution(fold("حساب"))


def test_sound_hollow_defective_and_doubled_verbs() -> None:
    assert {"اعلنت", "اعلنوا", "اعلنا"} <= past_forms("اعلن")
    assert {"يعلن", "تعلنان", "يعلنون", "نعلن"} <= imperfect_forms("اعلن")
    assert {"قالت", "قلت", "قلن"} <= past_forms("قال")
    assert "يقول" in imperfect_forms("قال") and "اقال" not in imperfect_forms("قال")
    assert {"دعت", "دعوا"} <= past_forms("دعا") and "يدعو" in imperfect_forms("دعا")
    assert {"شنت", "شننا"} <= past_forms("شن") and "يشنون" in imperfect_forms("شن")
    assert "يستقيل" in verb_forms("استقال") and "استقلت" in verb_forms("استقال")


def test_readings_take_off_conjunctions_and_the_future_prefix() -> None:
    assert readings("وسيقول") == ["وسيقول", "سيقول", "يقول"]
    assert readings("لتعقد") == ["لتعقد", "تعقد"]
    assert readings("سكان") == ["سكان"]
