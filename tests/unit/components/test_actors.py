"""Event actors: phrases from mentions and sector words, and their CAMEO-style codes."""

from __future__ import annotations

import pytest

from marsad.components.actors import (
    ActorFinder,
    ActorPhrase,
    country_of,
    place_country,
    sector_of_words,
)
from marsad.components.doc_view import DocView
from marsad.doc import Document, Entity, Mention, Role
from marsad.text.sentences import split_sentences
from marsad.text.tokenize import tokenize

COUNTRIES = {"USA": "الولايات المتحدة", "JPN": "اليابان", "FRA": "فرنسا", "ISR": "إسرائيل"}
NATIONALITIES = {"الأمريكي": "USA", "الفرنسية": "FRA", "الإسرائيلي": "ISR", "الياباني": "JPN"}


def build(text: str, people: tuple[str, ...] = ()) -> Document:
    """Countries and nationalities linked to country entities; ``people`` as PER mentions."""
    doc = Document(text, id="t")
    doc.sentences = split_sentences(text)
    doc.tokens = tokenize(text)
    spans = [(name, "GPE", iso3) for iso3, name in COUNTRIES.items()]
    spans += [(adj, "NORP", iso3) for adj, iso3 in NATIONALITIES.items()]
    spans += [(name, "PER", "p:" + name) for name in people]
    for surface, type_, entity in spans:
        start = text.find(surface)
        while start >= 0:
            doc.mentions.append(Mention(start, start + len(surface), surface, type_, entity))
            start = text.find(surface, start + 1)
    doc.mentions.sort(key=lambda m: m.start)
    doc.entities = [Entity(i, "GPE", n, kb={"iso3": i}) for i, n in COUNTRIES.items()]
    doc.entities += [Entity("p:" + n, "PER", n) for n in people]
    return doc


def phrases(doc: Document) -> list[ActorPhrase]:
    view = DocView(doc)
    return ActorFinder(view, lambda i: False).phrases(0, len(view.tokens))


def texts(doc: Document, found: list[ActorPhrase]) -> list[str]:
    return [doc.text[p.start : p.end] for p in found]


@pytest.mark.parametrize(
    ("title", "sector"),
    [
        ("وزير الخارجية", "GOV"), ("الجيش", "MIL"), ("المعارضة", "OPP"), ("المتظاهرون", "CVL"),
        ("الشرطة", "COP"), ("قوات الأمن", "COP"), ("رئيس البرلمان", "LEG"), ("رئيس الوزراء", "GOV"),
        ("المحكمة العليا", "JUD"), ("المسلحين", "REB"), ("النائب", "LEG"), ("قائد الجيش", "MIL"),
    ],
)  # fmt: skip
def test_sector_words(title: str, sector: str) -> None:
    assert sector_of_words(title.split()) == sector


def test_a_title_its_nationality_and_a_name_make_one_actor() -> None:
    doc = build("التقى وزير الخارجية الأمريكي جون ميلر نظيره الياباني في طوكيو.", ("جون ميلر",))
    first, second = phrases(doc)
    assert doc.text[first.start : first.end] == "وزير الخارجية الأمريكي جون ميلر"
    assert first.code() == "USA GOV" and first.entity == "p:جون ميلر"
    assert second.counterpart and second.countries == ["JPN"]


def test_coordination_makes_one_group_and_drops_the_conjunction() -> None:
    doc = build("الولايات المتحدة واليابان تعقدان محادثات.")
    first, second = phrases(doc)
    assert texts(doc, [first, second]) == ["الولايات المتحدة", "اليابان"]
    assert first.group == second.group and second.conj
    assert (first.code(), second.code()) == ("USA", "JPN")


def test_titles_before_from_and_countries_lend_their_sector() -> None:
    doc = build("اجتمع وزيرا المالية والتجارة من فرنسا وإسرائيل في لقاء مغلق.")
    found = phrases(doc)
    assert [p.code() for p in found] == ["FRA GOV", "ISR GOV"]


def test_prepositions_and_institutions() -> None:
    doc = build("قصف الجيش الإسرائيلي مواقع على الحدود مع فرنسا.")
    army, france = phrases(doc)
    assert army.code() == "ISR MIL" and army.prep == ""
    assert france.prep == "مع" and france.code() == "FRA"


def test_two_names_side_by_side_are_two_actors() -> None:
    doc = build("اتهمت فرنسا إسرائيل بخرق الاتفاق.")
    assert [p.code() for p in phrases(doc)] == ["FRA", "ISR"]


def test_country_of_an_entity() -> None:
    assert country_of(Entity("x", "GPE", "فرنسا", kb={"iso3": "FRA"})) == "FRA"
    assert country_of(Entity("x", "ORG", "حزب", kb={"cameo": "LBNREB"})) == "LBN"
    assert country_of(Entity("x", "PER", "فلان", roles=[Role("وزير", None, "EGY")])) == "EGY"
    assert country_of(Entity("x", "PER", "فلان")) is None
    assert country_of(None) is None


def test_place_country_from_the_knowledge_base() -> None:
    assert place_country("بغداد") == "IRQ"
    assert place_country("ريف حلب") == "SYR"
    assert place_country("مكان لا يعرفه أحد") is None
