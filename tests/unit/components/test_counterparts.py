"""Counterparts take the office of the title they refer back to, in their own country."""

from __future__ import annotations

import pytest

from marsad.components.counterparts import counterpart_prefix, find_counterparts
from marsad.components.entities import entities
from marsad.components.kb import load_kb
from marsad.components.kbmatch import TokenView, document_scanner
from marsad.components.roles import MentionIndex, RoleHit, find_roles
from marsad.doc import Document, Mention
from marsad.text.sentences import split_sentences
from marsad.text.tokenize import tokenize


def document(text: str, persons: list[str]) -> Document:
    doc = Document(text)
    doc.tokens = tokenize(text)
    doc.sentences = split_sentences(text)
    for name in persons:
        start = text.index(name)
        doc.mentions.append(Mention(start, start + len(name), name, "PER"))
    return doc


def counterparts_of(text: str, persons: list[str]) -> list[RoleHit]:
    doc = document(text, persons)
    view = TokenView(doc)
    hits = document_scanner().scan(view)
    index = MentionIndex(view, doc.mentions)
    roles = find_roles(view, hits, index, load_kb())
    return find_counterparts(view, hits, roles, index, load_kb())


@pytest.mark.parametrize(
    ("word", "prefix"),
    [("نظيره", 0), ("ونظيره", 1), ("بنظيرتها", 1), ("وبنظيره", 2), ("نظير", 0),
     ("نظيريه", None), ("نظام", None), ("ومنظيره", None)],
)  # fmt: skip
def test_counterpart_words_and_their_proclitics(word: str, prefix: int | None) -> None:
    assert counterpart_prefix(word) == prefix


def test_named_counterpart_gets_the_office_in_its_own_country() -> None:
    text = "استقبل وزير الخارجية التونسي في قرطاج أمس نظيره المغربي كريم الناصري لبحث التعاون."
    (hit,) = counterparts_of(text, ["كريم الناصري"])
    assert hit.mention is not None and hit.mention.text == "كريم الناصري"
    assert (hit.role.title, hit.role.title_latin, hit.role.country) == (
        "وزير الخارجية", "Foreign Minister", "MAR",
    )  # fmt: skip
    assert text[hit.start : hit.end] == "نظيره"


def test_american_antecedent_does_not_lend_its_american_title() -> None:
    text = "يلتقي وزير الدفاع الأمريكي روبرت كين بنظيره من الفلبين الشهر المقبل."
    (hit,) = counterparts_of(text, ["روبرت كين"])
    assert hit.mention is None
    assert (hit.role.title_latin, hit.role.country) == ("Defense Minister", "PHL")
    assert text[hit.start : hit.end] == "نظيره"  # the proclitic ب is left out


def test_no_role_without_an_earlier_title_in_the_sentence() -> None:
    text = "عقد الاجتماع في الرباط. وحضر نظيره الجزائري اللقاء."
    assert counterparts_of(text, []) == []
    text = "قال وزير الخارجية القطري سالم العبيدي إن الأزمة تتفاقم. وحضر نظيره الكويتي."
    assert counterparts_of(text, ["سالم العبيدي"]) == []


def test_two_countries_give_no_single_role() -> None:
    text = "وهاتف رئيس الوزراء الهندي نظيره الياباني والأسترالي لبحث الأمن."
    assert counterparts_of(text, []) == []


def test_entity_layer_ties_an_unnamed_counterpart_to_the_holder_named_later() -> None:
    text = (
        "وبحثت وزيرة الدفاع الكندية ليزا موران مع نظيرها اللبناني أمن الحدود. "
        "وقال وزير الدفاع اللبناني جورج حداد إن اللقاء كان مثمرا."
    )
    doc = entities(document(text, ["ليزا موران", "جورج حداد"]))
    word = next(m for m in doc.mentions if m.text == "نظيرها")
    haddad = next(e for e in doc.entities if e.name == "جورج حداد")
    assert word.type == "PER" and word.entity == haddad.id
    assert [(r.title_latin, r.country) for r in haddad.roles] == [("Defense Minister", "LBN")]
    moran = next(e for e in doc.entities if e.name == "ليزا موران")
    assert [(r.title_latin, r.country) for r in moran.roles] == [("Defense Minister", "CAN")]
