"""Titles before names become roles: country from the adjective or the construct, former offices,
hosts and complements passed over, a missed name guessed conservatively."""

from __future__ import annotations

from marsad.components.kb import load_kb
from marsad.components.kbmatch import TokenView, document_scanner
from marsad.components.roles import MentionIndex, RoleHit, find_roles
from marsad.doc import Document, Mention
from marsad.text.tokenize import tokenize


def roles_of(text: str, persons: list[str], others: list[tuple[str, str]] = ()) -> list[RoleHit]:  # type: ignore[assignment]
    doc = Document(text)
    doc.tokens = tokenize(text)
    for type_, name in [("PER", p) for p in persons] + list(others):
        start = text.index(name)
        doc.mentions.append(Mention(start, start + len(name), name, type_))
    view = TokenView(doc)
    hits = document_scanner().scan(view)
    return find_roles(view, hits, MentionIndex(view, doc.mentions), load_kb())


def test_adjective_gives_the_country_and_the_person_gets_the_role() -> None:
    (hit,) = roles_of("وصل وزير الخارجية الفرنسي جان دوبون إلى عمان.", ["جان دوبون"])
    assert hit.mention is not None and hit.mention.text == "جان دوبون"
    assert (hit.role.title, hit.role.title_latin, hit.role.country) == (
        "وزير الخارجية", "Foreign Minister", "FRA",
    )  # fmt: skip


def test_american_offices_have_their_own_english_titles() -> None:
    text = "وقالت وزيرة الخارجية الأميركية كارين ولسن ووزير الدفاع الأمريكي بيتر هول إن"
    first, second = roles_of(text, ["كارين ولسن", "بيتر هول"])
    assert (first.role.title_latin, first.role.country) == ("Secretary of State", "USA")
    assert (second.role.title_latin, second.role.country) == ("Secretary of Defense", "USA")
    assert second.mention is not None and second.mention.text == "بيتر هول"


def test_construct_title_takes_the_country_that_follows() -> None:
    (hit,) = roles_of("استقبل وزير خارجية مصر سامي عادل نظيره.", ["سامي عادل"])
    assert (hit.role.title, hit.role.country, hit.role.title_latin) == (
        "وزير خارجية", "EGY", "Foreign Minister",
    )  # fmt: skip


def test_construct_title_without_a_country_is_no_title() -> None:
    assert roles_of("قال رئيس الشركة سامي عادل إن الأرباح زادت.", ["سامي عادل"]) == []


def test_host_country_and_former_are_read_past() -> None:
    text = "وأكد السفير البريطاني السابق لدى الأردن مارك هيل أن"
    (hit,) = roles_of(text, ["مارك هيل"])
    assert hit.mention is not None and hit.mention.text == "مارك هيل"
    assert (hit.role.title, hit.role.title_latin, hit.role.country) == (
        "السفير", "Former Ambassador", "GBR",
    )  # fmt: skip


def test_affairs_complement_belongs_to_the_title() -> None:
    text = "وصرح وزير الدولة لشؤون الخليج العربي سعيد الماجد بأن"
    (hit,) = roles_of(text, ["سعيد الماجد"])
    assert hit.role.title == "وزير الدولة لشؤون الخليج العربي"
    assert hit.role.title_latin == "Minister of State"


def test_title_alone_has_no_person() -> None:
    (hit,) = roles_of("وقال المتحدث باسم الخارجية الإيرانية: لا تعليق.", [])
    assert hit.mention is None and hit.guessed is None


def test_missed_name_after_a_title_is_guessed_from_name_words() -> None:
    (hit,) = roles_of("وقال السفير الكندي دانييل كورتيس إن", [])
    assert hit.guessed is not None
    assert hit.role.country == "CAN"


def test_no_guess_when_a_verb_follows_the_title() -> None:
    (hit,) = roles_of("وقال الرئيس الكيني قال إن", [])
    assert hit.guessed is None


def test_spokesperson_takes_the_country_of_the_body_named() -> None:
    text = "وقال المتحدث باسم الخارجية الأمريكية ستيف رايت إن"
    (hit,) = roles_of(text, ["ستيف رايت"])
    assert (hit.role.title, hit.role.title_latin, hit.role.country) == (
        "المتحدث باسم الخارجية الأمريكية", "Spokesperson", "USA",
    )  # fmt: skip
