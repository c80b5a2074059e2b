"""The ``quotes`` component on hand-built documents (sentences written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import registry
from marsad.components.quotes import quotes
from marsad.doc import Document, Entity, Mention, Meta, Quote, Role
from marsad.text.sentences import split_sentences
from marsad.text.tokenize import tokenize

PEOPLE = {
    "سامي نور": "p:nour", "ليلى حداد": "p:haddad", "كريم فارس": "p:fares",
    "هدى سالم": "p:salem",
}  # fmt: skip


def build(text: str, orgs: tuple[str, ...] = (), roles: dict[str, str] | None = None) -> Document:
    """A document whose tagger found every listed person (and ``orgs``), linked to entities."""
    doc = Document(text, id="t", meta=Meta(published="2024-03-01"))
    doc.sentences = split_sentences(text)
    doc.tokens = tokenize(text)
    for name, entity_id in PEOPLE.items():
        _add(doc, name, "PER", entity_id)
    for org in orgs:
        _add(doc, org, "ORG", "o:" + org)
    doc.mentions.sort(key=lambda m: m.start)
    doc.entities = [Entity(i, "PER", n) for n, i in PEOPLE.items()]
    doc.entities += [Entity("o:" + o, "ORG", o) for o in orgs]
    for entity in doc.entities:
        if roles and entity.name in roles:
            entity.roles = [Role(roles[entity.name])]
    return doc


def _add(doc: Document, name: str, type_: str, entity: str) -> None:
    start = doc.text.find(name)
    while start >= 0:
        doc.mentions.append(Mention(start, start + len(name), name, type_, entity))
        start = doc.text.find(name, start + 1)


def run(doc: Document) -> list[Quote]:
    out = quotes(doc).quotes
    doc.check()
    return out


def by_text(found: list[Quote], fragment: str) -> Quote:
    return next(q for q in found if fragment in q.text)


def test_direct_quote_after_a_cue_with_a_colon() -> None:
    doc = build("وقال سامي نور: “سنفتح المعبر أمام الشاحنات صباح الغد دون أي شروط إضافية”.")
    (q,) = run(doc)
    assert q.kind == "direct"
    assert q.text == "سنفتح المعبر أمام الشاحنات صباح الغد دون أي شروط إضافية"
    assert doc.text[q.start - 1] == "“" and doc.text[q.end] == "”"  # content without the marks
    assert q.cue is not None and q.cue.text == "وقال"
    assert q.speaker is not None and q.speaker.entity == "p:nour"


def test_speaker_named_after_the_quote_wins_over_a_bare_title() -> None:
    text = (
        "وقال مستشار الرئيس: “لن نقبل بأي تسوية تنتقص من حقوق المزارعين في الجنوب”. "
        "صرح بذلك المستشار الاقتصادي كريم فارس قبل الاجتماع."
    )
    (q,) = run(build(text))
    assert q.speaker is not None and q.speaker.entity == "p:fares"
    assert q.speaker.text == "كريم فارس"


def test_quote_split_around_its_cue_and_continued_over_paragraphs() -> None:
    text = (
        "وقالت ليلى حداد: «الوضع صعب جدا في المدينة»، وأضافت «لكننا لن نغادر بيوتنا أبدا».\n"
        "«سنبقى هنا مهما طالت الحرب، فهذه أرضنا وأرض أجدادنا من قبلنا.\n"
        "«ولن يخيفنا القصف مهما اشتد على الأحياء السكنية."
    )
    found = run(build(text))
    assert [q.kind for q in found] == ["direct"] * 4
    assert {q.speaker.entity for q in found if q.speaker} == {"p:haddad"}
    assert all(q.speaker is not None for q in found)
    assert by_text(found, "سنبقى هنا").cue is None  # a continuation has no cue


def test_scare_quotes_are_not_quotations_but_governed_short_quotes_are() -> None:
    text = (
        "وتناولت الندوة ما يسمى “الأمن الغذائي” في المنطقة. "
        "وعلقت هدى سالم على القرار قائلة “لن نتراجع أبدا”."
    )
    found = run(build(text))
    assert [q.text for q in found] == ["لن نتراجع أبدا"]
    assert found[0].speaker is not None and found[0].speaker.entity == "p:salem"


def test_quoted_name_after_a_noun_is_no_quotation() -> None:
    text = 'وقال سامي نور لصحيفة "الأيام" إن الحكومة ستعلن الخطة الأسبوع المقبل.'
    found = run(build(text))
    assert [q.kind for q in found] == ["indirect"]
    assert found[0].text == "الحكومة ستعلن الخطة الأسبوع المقبل"
    assert found[0].speaker is not None and found[0].speaker.entity == "p:nour"


def test_indirect_quotes_with_that_and_a_bare_cue_taking_the_last_speaker() -> None:
    text = (
        "وأكد كريم فارس أن المفاوضات مع النقابات ستستأنف الأسبوع المقبل. "
        "وأضاف أن الوزارة لن تتراجع عن رفع الأجور."
    )
    first, second = run(build(text))
    assert first.kind == second.kind == "indirect"
    assert first.text == "المفاوضات مع النقابات ستستأنف الأسبوع المقبل"
    assert second.text == "الوزارة لن تتراجع عن رفع الأجور"
    assert second.speaker is not None and second.speaker.entity == "p:fares"
    assert second.speaker.text == "كريم فارس"  # where the article named him


@pytest.mark.parametrize("link", ["فيما", "بينما", "في حين"])
def test_a_second_statement_joined_by_a_link_word_is_its_own_quote(link: str) -> None:
    text = (
        f"وقالت هدى سالم إن المدارس ستفتح أبوابها الأحد، {link} أكد سامي نور أن "
        "الطرق ما زالت مغلقة."
    )
    first, second = run(build(text))
    assert first.text == "المدارس ستفتح أبوابها الأحد"
    assert first.speaker is not None and first.speaker.entity == "p:salem"
    assert second.text == "الطرق ما زالت مغلقة"
    assert second.speaker is not None and second.speaker.entity == "p:nour"


def test_announcement_and_attribution_are_indirect_quotes() -> None:
    text = (
        "وأعلنت هيئة الموانئ تعليق الملاحة في الميناء الشمالي بسبب العاصفة. "
        "وغرق قارب صيد قبالة الساحل، بحسب خفر السواحل."
    )
    found = run(build(text, orgs=("هيئة الموانئ", "خفر السواحل")))
    assert [q.text for q in found] == [
        "تعليق الملاحة في الميناء الشمالي بسبب العاصفة", "وغرق قارب صيد قبالة الساحل"
    ]  # fmt: skip
    assert [q.speaker.entity for q in found if q.speaker] == ["o:هيئة الموانئ", "o:خفر السواحل"]


def test_a_title_resolves_to_the_person_the_article_introduced_with_it() -> None:
    text = (
        "وقال المتحدث باسم وزارة الصحة سامي نور إن الإصابات تراجعت. "
        "وقالت الطبيبة ليلى حداد إن المستشفيات ما زالت مكتظة. "
        "وقال المتحدث: “سنرفع القيود تدريجيا ابتداء من الشهر المقبل في كل المحافظات”."
    )
    found = run(build(text))
    last = by_text(found, "سنرفع القيود")
    assert last.speaker is not None and last.speaker.entity == "p:nour"


def test_a_title_resolves_through_entity_roles() -> None:
    text = "وقال وزير المالية إن العجز سينخفض هذا العام. وتحدث كريم فارس عن الضرائب."
    found = run(build(text, roles={"كريم فارس": "وزير المالية"}))
    assert found[0].speaker is not None and found[0].speaker.entity == "p:fares"


def test_straight_and_single_quotes_and_an_after_quote_attribution() -> None:
    text = (
        '"المساعدات لم تصل إلى المخيمات الشمالية منذ ثلاثة أسابيع"، بحسب هدى سالم. '
        "‘الأطفال يعانون من سوء التغذية والأمراض المعدية’، قال كريم فارس."
    )
    first, second = run(build(text))
    assert first.speaker is not None and first.speaker.entity == "p:salem"
    assert second.speaker is not None and second.speaker.entity == "p:fares"


def test_registered_with_its_requirements() -> None:
    info = registry.get("quotes")
    assert set(info.requires) == {"sentences", "tokens", "mentions", "entities"}
    assert info.assigns == ("quotes",)


@pytest.mark.slow
def test_seed_article_quotes_and_speakers(shared_dir: Path) -> None:
    names = {info.name for info in registry.registered()}
    if not {"ner", "entities"} <= names:
        pytest.skip("needs the ner and entities components (not registered in this checkout)")
    from marsad.pipeline import Pipeline

    text = (shared_dir / "samples" / "seed_article.txt").read_text(encoding="utf-8")
    order = ("anatomy", "sentences", "ner", "entities", "quotes")
    doc = Pipeline.from_names([n for n in order if n in names])(_doc(text))
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert len(direct) == 4  # the scare-quoted “الردع الموسع” is not a quotation
    named = [_speaker_names(doc, q) for q in direct]
    assert [any("كريتنبرينك" in n or "Kritenbrink" in n for n in names) for names in named] == [
        True, True, False, False
    ], named  # fmt: skip
    assert [any("إيمانويل" in n or "Emanuel" in n for n in names) for names in named] == [
        False, False, True, True
    ], named  # fmt: skip


def _speaker_names(doc: Document, quote: Quote) -> list[str]:
    """The speaker's words and, when it is linked, its entity's Arabic and Latin names."""
    if quote.speaker is None:
        return []
    entity = doc.entity(quote.speaker.entity) if quote.speaker.entity else None
    names = [quote.speaker.text]
    return names + ([entity.name, entity.latin or ""] if entity is not None else [])


def _doc(text: str) -> Document:
    return Document(text, id="seed", meta=Meta(published="2024-07-19"))
