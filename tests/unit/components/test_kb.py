"""The knowledge base: keys, lookups, ambiguity, demonyms, titles, actor codes."""

from __future__ import annotations

import pytest

from marsad.components.kb import (
    actor_key,
    entity_id,
    inflections,
    key_forms,
    load_kb,
    name_key,
    word_forms,
)


def test_name_key_folds_hamza_and_ta_marbuta() -> None:
    assert name_key("المملكة العربية السعودية") == ("المملكه", "العربيه", "السعوديه")
    assert name_key("أميركا") == name_key("اميركا")


def test_word_forms_strip_proclitics_with_offsets() -> None:
    forms = dict(word_forms("والمكسيك"))
    assert forms["والمكسيك"] == 0
    assert forms["المكسيك"] == 1
    assert ("الهند", 0) in word_forms("للهند")  # the ل+ال contraction reads as the article form


def test_key_forms_try_the_written_form_first() -> None:
    assert key_forms("وكندا")[0] == ("وكندا",)
    assert ("كندا",) in key_forms("وكندا")


def test_countries_link_to_iso3_wikidata_and_geonames() -> None:
    kb = load_kb()
    usa = kb.place(name_key("الولايات المتحدة الأمريكية"))
    assert usa is not None
    assert usa.id == "wikidata:Q30"
    assert usa.kb_dict() == {
        "iso3": "USA",
        "wikidata": "Q30",
        "geonames": "6252001",
        "cameo": "USA",
    }
    assert usa.latin == "United States"
    assert kb.place(name_key("أميركا")) == usa
    assert kb.place(name_key("كوريا الشمالية")).kb_dict()["iso3"] == "PRK"  # type: ignore[union-attr]


def test_capital_is_a_city_that_stands_for_its_government() -> None:
    cairo = load_kb().place(name_key("القاهرة"))
    assert cairo is not None
    assert (cairo.type, cairo.latin, cairo.country, cairo.metonym) == ("GPE", "Cairo", "EGY", True)
    assert cairo.kb_dict()["wikidata"] == "Q85"


def test_ambiguous_names_link_to_nothing() -> None:
    kb = load_kb()
    assert kb.place(name_key("طرابلس")) is None  # Libya's capital or Lebanon's city
    assert kb.place(name_key("عمان")) is None  # Oman or Amman
    assert kb.place(name_key("سلطنة عمان")) is not None
    assert kb.place(name_key("مدينة لا يعرفها أحد")) is None


@pytest.mark.parametrize(
    ("form", "iso3"),
    [
        ("الفرنسي", "FRA"),
        ("الفرنسية", "FRA"),
        ("فرنسيين", "FRA"),
        ("الأميركيون", "USA"),
        ("الكورية الجنوبية", "KOR"),
        ("الكوريين الشماليين", "PRK"),
        ("الروس", "RUS"),
        ("النمساوي", "AUT"),
    ],
)
def test_demonym_forms(form: str, iso3: str) -> None:
    assert load_kb().demonym(name_key(form)) == iso3


def test_demonyms_that_are_common_words_or_country_names_are_left_out() -> None:
    kb = load_kb()
    assert kb.demonym(name_key("المالية")) is None  # "financial", not Malian
    assert kb.demonym(name_key("السعودية")) is None  # the country's own name
    assert kb.adjective_places[name_key("السعودية")] == "SAU"


def test_inflections_agree_in_every_word() -> None:
    forms = inflections("كوري جنوبي")
    assert "الكوريه الجنوبيه" in forms
    assert "كوريون جنوبيون" in forms
    assert "الكوريين الجنوبيين" in forms


def test_titles_have_country_specific_english_forms() -> None:
    kb = load_kb()
    title = kb.titles[name_key("وزيرة الخارجية")]
    assert title.latin_for("USA") == "Secretary of State"
    assert title.latin_for("EGY") == "Foreign Minister"
    assert title.latin_for(None) == "Foreign Minister"
    assert kb.construct_titles[name_key("وزير خارجية")] == title
    assert kb.titles[name_key("قائد الجيش")].sector == "MIL"


def test_persons_by_full_name_and_known_surname() -> None:
    kb = load_kb()
    putin = kb.person(name_key("فلاديمير بوتين"))
    assert putin is not None
    assert (putin.latin, putin.id) == ("Vladimir Putin", "wikidata:Q7747")
    assert kb.person(name_key("بوتين")) == putin
    assert kb.person(name_key("سمير المجهول")) is None


def test_actor_and_agent_codes_match_lemma_forms() -> None:
    kb = load_kb()
    assert actor_key("وزارة الدفاع الأميركية") == actor_key("وزارة_دفاع_أميركي_")
    assert kb.agent_code("الجيش") == "MIL"
    assert kb.agent_code("الحكومة") == "GOV"


def test_entity_id_is_deterministic_and_folded() -> None:
    assert entity_id("PER", "سامي الأحمد") == "marsad:PER:سامي_الاحمد"
    assert entity_id("PER", "سامي الاحمد") == entity_id("PER", "سامي الأحمد")
