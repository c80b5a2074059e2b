"""The ``entities`` component on hand-built documents (articles written for these tests)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad import registry
from marsad.components import entities as entities_module
from marsad.components.entities import entities
from marsad.doc import Document, Entity, Mention, Meta
from marsad.text.sentences import split_sentences
from marsad.text.tokenize import tokenize

ARTICLE = (
    "القاهرة (وكالات) – أعلنت باريس والقاهرة اتفاقا جديدا للتعاون.\n"
    "وقال وزير الخارجية الفرنسي جان دوبون في القاهرة إن فرنسا ومصر ستعملان معا.\n"
    "وأضاف دوبون أن المحادثات مع الجانب المصري كانت مثمرة.\n"
    "ومن المقرر أن يزور وزير الخارجية الفرنسي عمان الأسبوع المقبل، كما يلتقي سامي نور.\n"
    "وتحدث نور عن دعم الأمم المتحدة والمنظمة الوطنية للزيتون."
)


def build(text: str, mentions: list[tuple[str, str]], byline: str | None = None) -> Document:
    """A document whose tagger found ``mentions``: every whole-word occurrence of each text, with
    a leading conjunction و kept in the span as a tagger trained on ANERcorp does; earlier
    entries win over overlapping later ones."""
    doc = Document(text, id="t", meta=Meta(byline=byline))
    doc.sentences = split_sentences(text)
    doc.tokens = tokenize(text)
    starts = {t.start for t in doc.tokens}
    ends = {t.end for t in doc.tokens}
    taken: set[int] = set()
    for type_, name in mentions:
        for found in _find_all(text, name):
            end = found + len(name)
            with_and = found not in starts and found - 1 in starts and text[found - 1] == "و"
            start = found - 1 if with_and else found
            if start in starts and end in ends and not taken & set(range(start, end)):
                doc.mentions.append(Mention(start, end, text[start:end], type_))
                taken.update(range(start, end))
    doc.mentions.sort(key=lambda m: m.start)
    return doc


def _find_all(text: str, needle: str) -> Iterator[int]:
    start = text.find(needle)
    while start >= 0:
        yield start
        start = text.find(needle, start + 1)


def by_name(doc: Document, name: str) -> Entity:
    return next(e for e in doc.entities if e.name == name)


@pytest.fixture
def article() -> Document:
    tagged = [
        ("PER", "جان دوبون"), ("PER", "دوبون"), ("PER", "سامي نور"), ("PER", "نور"),
        ("GPE", "القاهرة"), ("GPE", "باريس"), ("GPE", "فرنسا"), ("GPE", "مصر"),
        ("ORG", "الأمم المتحدة"), ("ORG", "المنظمة الوطنية للزيتون"),
    ]  # fmt: skip
    return entities(build(ARTICLE, tagged))


def test_registered_after_the_tagger() -> None:
    info = registry.get("entities")
    assert info.requires == ("sentences", "tokens", "mentions")
    assert set(info.assigns) == {"entities", "mentions"}


def test_every_mention_has_an_entity_and_spans_are_valid(article: Document) -> None:
    article.check()
    ids = {e.id for e in article.entities}
    assert all(m.entity in ids for m in article.mentions)
    starts = [m.start for m in article.mentions]
    assert starts == sorted(starts)


def test_countries_link_and_capitals_stand_for_governments(article: Document) -> None:
    france = by_name(article, "فرنسا")
    assert france.id == "wikidata:Q142"
    assert france.kb["iso3"] == "FRA"
    assert france.latin == "France"
    paris = next(m for m in article.mentions if m.text == "باريس")
    assert paris.entity == france.id  # "أعلنت باريس": the French government
    egypt = by_name(article, "مصر")
    cairo_mentions = [m for m in article.mentions if m.text.endswith("القاهرة")]
    assert [m.text for m in cairo_mentions] == ["القاهرة", "والقاهرة", "القاهرة"]
    entity_of = [m.entity for m in cairo_mentions]
    assert entity_of[0] == "wikidata:Q85"  # the dateline: the city
    assert entity_of[1] == egypt.id  # "أعلنت باريس والقاهرة"
    assert entity_of[2] == "wikidata:Q85"  # "في القاهرة"
    assert by_name(article, "القاهرة").latin == "Cairo"


def test_nationality_adjectives_become_norp_mentions_of_their_country(article: Document) -> None:
    norp = [m for m in article.mentions if m.type == "NORP"]
    assert [m.text for m in norp] == ["الفرنسي", "المصري", "الفرنسي"]
    assert [m.entity for m in norp] == ["wikidata:Q142", "wikidata:Q79", "wikidata:Q142"]


def test_surname_joins_the_full_name_and_the_role_is_kept(article: Document) -> None:
    person = by_name(article, "جان دوبون")
    assert person.id == "marsad:PER:جان_دوبون"
    assert person.kb == {"cameo": "FRAGOV"}  # from the role: French + government
    assert [(r.title_latin, r.country) for r in person.roles] == [("Foreign Minister", "FRA")]
    surname = next(m for m in article.mentions if m.text == "دوبون")
    assert surname.entity == person.id
    other = by_name(article, "سامي نور")
    assert next(m for m in article.mentions if m.text == "نور").entity == other.id


def test_title_alone_refers_to_the_person_named_with_it(article: Document) -> None:
    titles = [m for m in article.mentions if m.text == "وزير الخارجية"]
    assert len(titles) == 1  # the second use, without a name
    assert titles[0].type == "PER"
    assert titles[0].entity == "marsad:PER:جان_دوبون"


def test_ambiguous_and_unknown_names_stay_unlinked(article: Document) -> None:
    olive = by_name(article, "المنظمة الوطنية للزيتون")
    assert olive.kb == {}
    assert olive.id == "marsad:ORG:المنظمه_الوطنيه_للزيتون"
    un = by_name(article, "الأمم المتحدة")
    assert (un.id, un.latin, un.kb["cameo"]) == ("wikidata:Q1065", "United Nations", "IGOUNO")
    assert not any(
        e.name == "عمان" for e in article.entities
    )  # Oman or Amman: not tagged, not guessed


def test_ids_are_stable_across_articles() -> None:
    first = entities(build("التقى سامي نور بوزير الخارجية الفرنسي.", [("PER", "سامي نور")]))
    second = entities(
        build("وقال سامي نور إن فرنسا شريك.", [("PER", "سامي نور"), ("GPE", "فرنسا")])
    )
    assert by_name(first, "سامي نور").id == by_name(second, "سامي نور").id
    assert {e.id for e in first.entities} & {e.id for e in second.entities} == {
        "marsad:PER:سامي_نور", "wikidata:Q142",
    }  # fmt: skip


def test_known_person_gets_the_standard_latin_name() -> None:
    doc = entities(
        build(
            "وقال بوتين إن فلاديمير بوتين لم يقل ذلك.",
            [("PER", "فلاديمير بوتين"), ("PER", "بوتين")],
        )
    )
    (putin,) = doc.entities
    assert (putin.id, putin.latin, putin.kb["cameo"]) == (
        "wikidata:Q7747",
        "Vladimir Putin",
        "RUSGOV",
    )
    assert putin.name == "فلاديمير بوتين"


def test_country_names_the_tagger_missed_are_added() -> None:
    doc = entities(build("وتستضيف كوريا الجنوبية القمة مع الحكومة اليابانية.", []))
    assert [(m.text, m.type) for m in doc.mentions] == [
        ("كوريا الجنوبية", "GPE"), ("اليابانية", "NORP"),
    ]  # fmt: skip
    assert by_name(doc, "كوريا الجنوبية").kb["iso3"] == "KOR"


def test_country_name_used_as_an_adjective_is_norp() -> None:
    doc = entities(build("وأكدت الحكومة السعودية أن السعودية ترحب.", []))
    assert [(m.text, m.type) for m in doc.mentions] == [("السعودية", "NORP"), ("السعودية", "GPE")]
    assert {m.entity for m in doc.mentions} == {"wikidata:Q851"}


def test_byline_author_becomes_a_person() -> None:
    text = "عنوان الخبر\nبقلم ليلى حسن\nعمان – بدأت المحادثات."
    doc = entities(build(text, [], byline="ليلى حسن"))
    (author,) = [e for e in doc.entities if e.type == "PER"]
    assert author.name == "ليلى حسن"


def test_latin_comes_from_the_transliterator_when_no_resource_knows_the_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(entities_module, "_romanizer", lambda: lambda name: f"<{len(name)}>")
    entities_module.romanize_name.cache_clear()
    doc = entities(
        build(
            "وقال سامي نور إن الأمم المتحدة ترحب.", [("PER", "سامي نور"), ("ORG", "الأمم المتحدة")]
        )
    )
    entities_module.romanize_name.cache_clear()
    assert by_name(doc, "سامي نور").latin == "<8>"
    assert by_name(doc, "الأمم المتحدة").latin == "United Nations"


def test_organization_code_from_sector_and_nationality() -> None:
    doc = entities(build("وأعلن الجيش الأمريكي انسحابه.", [("ORG", "الجيش الأمريكي")]))
    (army,) = doc.entities
    assert army.kb == {"cameo": "USAMIL"}


# --- the seed article (needs ../shared; its text stays there) -----------------------------------


SEED_NAMES = ["أنتوني بلينكن", "لويد أوستن", "رام إيمانويل", "دانييل كريتنبرينك"]
SEED_PLACES = ["اليابان", "الولايات المتحدة", "واشنطن", "طوكيو", "الصين", "روسيا", "كوريا الشمالية"]


def test_seed_article_persons_roles_and_countries(shared_dir: Path) -> None:
    text = (shared_dir / "samples" / "seed_article.txt").read_text(encoding="utf-8")
    tagged = [("PER", n) for n in SEED_NAMES] + [("GPE", p) for p in SEED_PLACES]
    doc = entities(build(text, tagged, byline="جون جيدي"))
    doc.check()
    persons = {e.name: e for e in doc.entities if e.type == "PER"}
    assert persons["أنتوني بلينكن"].latin == "Antony Blinken"
    assert persons["لويد أوستن"].latin == "Lloyd Austin"
    assert persons["رام إيمانويل"].latin == "Rahm Emanuel"
    assert "جون جيدي" in persons
    roles = {(r.title_latin, r.country) for e in persons.values() for r in e.roles}
    assert {
        ("Secretary of State", "USA"),
        ("Secretary of Defense", "USA"),
        ("Ambassador", "USA"),
    } <= roles
    countries = {e.kb.get("iso3") for e in doc.entities if e.type == "GPE"}
    assert {"USA", "JPN", "CHN", "RUS", "PRK", "KOR"} <= countries


# --- repairs of tagger mistakes ------------------------------------------------------------------


def test_mention_starting_inside_a_title_is_dropped() -> None:
    text = "وقال وزير الدفاع الفرنسي جان دوبون إن"
    doc = entities(build(text, [("ORG", "الدفاع الفرنسي"), ("PER", "جان دوبون")]))
    assert [(m.text, m.type) for m in doc.mentions] == [("الفرنسي", "NORP"), ("جان دوبون", "PER")]
    assert by_name(doc, "جان دوبون").roles[0].title_latin == "Defense Minister"


def test_place_running_into_a_name_is_split() -> None:
    text = "وقال السفير الفرنسي لدى مصر جان دوبون إن"
    doc = entities(build(text, [("GPE", "مصر جان دوبون")]))
    assert [(m.text, m.type) for m in doc.mentions] == [
        ("الفرنسي", "NORP"), ("مصر", "GPE"), ("جان دوبون", "PER"),
    ]  # fmt: skip
    assert by_name(doc, "جان دوبون").roles[0].title_latin == "Ambassador"


def test_person_is_extended_to_a_full_name_the_knowledge_base_knows() -> None:
    doc = entities(build("وقال فلاديمير بوتين إن", [("PER", "فلاديمير")]))
    (putin,) = doc.entities
    assert (putin.name, putin.latin) == ("فلاديمير بوتين", "Vladimir Putin")


def test_place_followed_by_the_rest_of_an_organization_name_becomes_it() -> None:
    doc = entities(build("ونشرت صحيفة واشنطن بوست تقريرا.", [("GPE", "واشنطن")]))
    assert [(m.text, m.type, m.entity) for m in doc.mentions] == [
        ("واشنطن بوست", "ORG", "marsad:ORG:واشنطن_بوست"),
    ]  # fmt: skip
    assert doc.entities[0].latin == "The Washington Post"


def test_title_alone_is_resolved_by_a_restating_cue() -> None:
    text = (
        "وقال مساعد وزير الخارجية الفرنسي: “سنواصل العمل مع شركائنا”. "
        "صرح بذلك وزير الدولة لشؤون أفريقيا جان دوبون قبل الاجتماع."
    )
    doc = entities(build(text, [("PER", "جان دوبون")]))
    person = by_name(doc, "جان دوبون")
    assert {(r.title_latin, r.country) for r in person.roles} == {
        ("Minister of State", None), ("Assistant Foreign Minister", "FRA"),
    }  # fmt: skip
    assert person.kb == {"cameo": "FRAGOV"}
    (title,) = [m for m in doc.mentions if m.text == "مساعد وزير الخارجية"]
    assert title.entity == person.id


def test_no_restating_link_across_another_person() -> None:
    text = (
        "وقال مساعد وزير الخارجية الفرنسي إن الوضع صعب. والتقى سامي نور بالوفد. "
        "وصرح بذلك وزير الدولة جان دوبون."
    )
    doc = entities(build(text, [("PER", "جان دوبون"), ("PER", "سامي نور")]))
    assert not any(m.text == "مساعد وزير الخارجية" for m in doc.mentions)


def test_title_alone_with_a_country_goes_to_the_same_office_named_later() -> None:
    text = (
        "وقال وزير الداخلية الأردني إن الحدود آمنة. وحذر وزير الداخلية العراقي من التهريب. "
        "وأكد وزير الداخلية الأردني سمير حمدان ذلك."
    )
    doc = entities(build(text, [("PER", "سمير حمدان")]))
    person = by_name(doc, "سمير حمدان")
    titles = [m for m in doc.mentions if m.text == "وزير الداخلية"]
    assert [m.entity for m in titles] == [person.id]  # not the Iraqi minister
    assert titles[0].start == text.index("وزير الداخلية")


def test_tagger_type_slips_between_country_and_organization_still_link() -> None:
    doc = entities(
        build("ودعت مصر الأمم المتحدة إلى التحرك.", [("ORG", "مصر"), ("GPE", "الأمم المتحدة")])
    )
    assert {e.latin: e.type for e in doc.entities} == {"Egypt": "GPE", "United Nations": "ORG"}


def test_byline_names_split_only_between_full_names() -> None:
    assert entities_module.byline_names("جون سميث وسارة علي") == ["جون سميث", "سارة علي"]
    assert entities_module.byline_names("جون وليامز") == ["جون وليامز"]
    assert entities_module.byline_names("ليلى حسن، عمر نور") == ["ليلى حسن", "عمر نور"]


def test_name_in_latin_letters_is_its_own_latin() -> None:
    doc = entities(build("وقالت شركة Acme إن المبيعات زادت.", [("ORG", "Acme")]))
    assert doc.entities[0].latin == "Acme"


@pytest.mark.parametrize(("type_", "stray"), [("PER", "الهندي"), ("GPE", "المحيط")])
def test_place_names_of_several_words_win_over_a_stray_tagger_mention(
    type_: str, stray: str
) -> None:
    doc = entities(build("وتعمل البحرية في المحيط الهندي وبحر العرب.", [(type_, stray)]))
    assert [(m.text, m.type, m.entity) for m in doc.mentions] == [
        ("المحيط الهندي", "LOC", "marsad:LOC:المحيط_الهندي"),
    ]  # fmt: skip
    assert doc.entities[0].latin == "Indian Ocean"


@pytest.mark.parametrize(
    ("text", "name", "latin", "entity_id"),
    [
        ("وصل الوفد الأردني إلى عمان مساء أمس.", "عمان", "Amman", "wikidata:Q3805"),
        ("وقال مسؤول عماني إن عمان ترفض التدخل.", "عمان", "Oman", "wikidata:Q842"),
        ("وتشهد طرابلس اللبنانية احتجاجات منذ أيام.", "طرابلس", "Tripoli", "marsad:GPE:طرابلس_LBN"),
    ],
)
def test_a_name_of_several_places_links_to_the_one_in_a_country_the_article_names(
    text: str, name: str, latin: str, entity_id: str
) -> None:
    doc = entities(build(text, [("GPE", name)]))
    (mention,) = [m for m in doc.mentions if m.text == name]
    assert mention.entity == entity_id
    assert next(e for e in doc.entities if e.id == entity_id).latin == latin


def test_a_name_of_several_places_stays_unlinked_when_the_article_names_both_countries() -> None:
    doc = entities(build("وقال مسؤول عماني إن الوفد الأردني يصل إلى عمان.", [("GPE", "عمان")]))
    (mention,) = [m for m in doc.mentions if m.text == "عمان"]
    entity = next(e for e in doc.entities if e.id == mention.entity)
    assert entity.id == "marsad:GPE:عمان"
    assert entity.kb == {}  # no actor code guessed for it either
    assert entity.latin is None  # Oman or Amman: no reading is written out


def test_an_undecided_name_of_several_places_keeps_the_latin_name_they_share() -> None:
    doc = entities(build("وتشهد طرابلس احتجاجات منذ أيام.", [("GPE", "طرابلس")]))
    (entity,) = doc.entities
    assert (entity.id, entity.latin, entity.kb) == ("marsad:GPE:طرابلس", "Tripoli", {})
