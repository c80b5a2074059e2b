"""The NER component on sentences written for this project: types and offsets into the text."""

from __future__ import annotations

import pytest

from marsad.components.ner import kb_entries, load_lexicon, load_tagger, sentence_tokens
from marsad.doc import Document, Mention, Sentence, Token
from marsad.pipeline import Pipeline
from marsad.text.iob import Chunk
from marsad.text.ner_features import name_categories

TEXT = (
    "وصل وزير الخارجية المصري سامح شكري إلى الرياض صباح الأحد.\n"
    "وقال الرئيس الفرنسي إيمانويل ماكرون إن فرنسا ستدعم جهود الأمم المتحدة في السودان."
)


@pytest.fixture(scope="module")
def mentions() -> list[Mention]:
    doc = Pipeline.from_names(["sentences", "ner"])(Document(TEXT, id="t"))
    doc.check()  # every mention's text equals the text at its offsets
    return doc.mentions


def _find(mentions: list[Mention], word: str) -> Mention:
    found = [m for m in mentions if word in m.text]
    assert found, f"no mention contains {word!r}: {[(m.text, m.type) for m in mentions]}"
    return found[0]


def test_person_after_a_title_is_a_person_without_the_title(mentions: list[Mention]) -> None:
    person = _find(mentions, "شكري")
    assert person.type == "PER"
    assert person.text == "سامح شكري"
    assert TEXT[person.start : person.end] == "سامح شكري"
    macron = _find(mentions, "ماكرون")
    assert macron.type == "PER"
    assert "الرئيس" not in macron.text


def test_countries_and_cities_are_gpe(mentions: list[Mention]) -> None:
    for name in ("الرياض", "فرنسا", "السودان"):
        mention = _find(mentions, name)
        assert mention.type == "GPE", mention
        assert TEXT[mention.start : mention.end] == mention.text


def test_organization(mentions: list[Mention]) -> None:
    org = _find(mentions, "الأمم")
    assert org.type == "ORG"
    assert org.text == "الأمم المتحدة"


def test_no_title_or_nationality_mentions(mentions: list[Mention]) -> None:
    assert not [m for m in mentions if m.text in ("وزير الخارجية", "الرئيس", "المصري")]
    assert not [m for m in mentions if m.type == "NORP"]


def test_tokens_are_grouped_by_sentence() -> None:
    doc = Document("أ ب. ج د هـ.", id="g")
    doc.sentences = [Sentence(0, 5), Sentence(6, 12)]
    doc.tokens = [Token(0, 1, "أ"), Token(2, 3, "ب"), Token(3, 4, "."), Token(6, 7, "ج"),
                  Token(8, 9, "د"), Token(10, 11, "ه"), Token(11, 12, ".")]  # fmt: skip
    groups = [[t.text for t in g] for g in sentence_tokens(doc)]
    assert groups == [["أ", "ب", "."], ["ج", "د", "ه", "."]]


def test_empty_sentence_tags_nothing() -> None:
    assert load_tagger().chunks([]) == []


def test_knowledge_base_names_are_gazetteer_entries() -> None:
    entries = kb_entries()
    assert {category for category, _ in entries} == {"KB_ORG", "KB_PER", "KB_PLACE"}
    lexicon = load_lexicon()
    for category, name in entries:
        assert category in name_categories(name.split(), lexicon), (category, name)


def test_a_knowledge_base_name_after_a_proclitic_keeps_its_category() -> None:
    lexicon = load_lexicon()
    first, *rest = next(name for category, name in kb_entries() if category == "KB_ORG").split()
    assert "KB_ORG" in name_categories(["و" + first, *rest], lexicon)
    assert "KB_ORG" not in name_categories(["و" + first + "ز", *rest], lexicon)


@pytest.mark.parametrize(
    ("words", "found", "expected"),
    [
        (["تسلم", "طائرات", "إف", "-", "16"], [Chunk("MISC", 2, 3)], [Chunk("PRODUCT", 2, 5)]),
        (["طرحت", "السيارة", "أيونيك", "5"], [Chunk("ORG", 2, 3)], [Chunk("PRODUCT", 2, 4)]),
        (["طرحت", "السيارة", "أيونيك"], [Chunk("ORG", 2, 3)], [Chunk("ORG", 2, 3)]),
        (["قالت", "شركة", "نوفا", "5"], [Chunk("ORG", 2, 3)], [Chunk("ORG", 2, 3)]),
        (["تسلم", "طائرات", "إف", "16"], [Chunk("MISC", 2, 3), Chunk("MISC", 3, 4)],
         [Chunk("PRODUCT", 2, 3), Chunk("MISC", 3, 4)]),
    ],
)  # fmt: skip
def test_product_names_take_in_their_model_number(
    words: list[str], found: list[Chunk], expected: list[Chunk]
) -> None:
    assert load_tagger().refined(words, found) == expected
