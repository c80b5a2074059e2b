"""The ``events`` component and its trigger lexicon on hand-built documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad import registry
from marsad.components.doc_view import DocView
from marsad.components.event_lexicon import load_lexicon
from marsad.components.events import EventCoder
from marsad.doc import Document, Entity, Event, Mention, Meta, Time
from marsad.text.normalize import fold
from marsad.text.sentences import split_sentences
from marsad.text.tokenize import tokenize

COUNTRIES = {
    "USA": "الولايات المتحدة", "JPN": "اليابان", "KOR": "كوريا الجنوبية", "FRA": "فرنسا",
    "ISR": "إسرائيل", "LBN": "لبنان", "IRN": "إيران", "EGY": "مصر", "IRQ": "العراق",
}  # fmt: skip
NATIONALITIES = {"الأمريكي": "USA", "الإسرائيلية": "ISR", "الفرنسي": "FRA", "الياباني": "JPN"}
CITIES = ("بغداد", "طوكيو")


def build(text: str, times: tuple[tuple[str, str], ...] = (), published: str = "2024-03-01") -> (
    Document
):  # fmt: skip
    doc = Document(text, id="t", meta=Meta(published=published))
    doc.sentences = split_sentences(text)
    doc.tokens = tokenize(text)
    spans = [(name, "GPE", iso3) for iso3, name in COUNTRIES.items()]
    spans += [(adj, "NORP", iso3) for adj, iso3 in NATIONALITIES.items()]
    spans += [(city, "GPE", "c:" + city) for city in CITIES]
    for surface, type_, entity in spans:
        _mentions(doc, surface, type_, entity)
    doc.mentions.sort(key=lambda m: m.start)
    doc.entities = [Entity(i, "GPE", n, kb={"iso3": i}) for i, n in COUNTRIES.items()]
    doc.entities += [Entity("c:" + c, "GPE", c) for c in CITIES]
    for surface, value in times:
        start = text.index(surface)
        doc.times.append(Time(start, start + len(surface), surface, "DATE", value))
    return doc


def _mentions(doc: Document, surface: str, type_: str, entity: str) -> None:
    start = doc.text.find(surface)
    while start >= 0:
        overlaps = any(m.start < start + len(surface) and start < m.end for m in doc.mentions)
        if not overlaps:
            doc.mentions.append(Mention(start, start + len(surface), surface, type_, entity))
        start = doc.text.find(surface, start + 1)


CODER = EventCoder()


def run(doc: Document) -> list[Event]:
    events = CODER(doc).events
    doc.check()
    return events


def codes(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.type, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in events
    ]


def test_symmetric_talks_planned_dated_and_placed() -> None:
    text = "تعقد الولايات المتحدة واليابان محادثات أمنية في طوكيو يوم 28 يوليو."
    (event,) = run(build(text, (("28 يوليو", "2024-07-28"),), published="2024-07-19"))
    assert codes([event]) == [("CONSULT", "USA", "JPN")]
    assert event.cameo == "040" and event.date == "2024-07-28" and event.mode == "planned"
    assert event.location is not None and event.location.text == "طوكيو"
    assert (event.evidence.start, event.evidence.end) == (0, len(text))
    assert 0.0 <= event.confidence <= 1.0


@pytest.mark.parametrize("deadline", ["حتى عام 2040", "بحلول عام 2040"])
def test_a_deadline_is_not_the_date_of_the_event(deadline: str) -> None:
    text = f"واتفقت مصر والعراق على تمديد العمل بخط النفط {deadline}."
    start = text.index("عام 2040")
    doc = build(text, (("عام 2040", "2040"),), published="2024-07-19")
    assert doc.times[0].start == start
    events = run(doc)
    assert events and {e.date for e in events} == {"2024-07-19"}


def test_trilateral_talks_give_one_event_per_counterpart() -> None:
    text = (
        "ومن المقرر أن يجري وزير الخارجية الفرنسي محادثات ثلاثية في باريس مع نظيريه من مصر والعراق."
    )
    events = run(build(text))
    assert codes(events) == [("CONSULT", "FRA GOV", "EGY GOV"), ("CONSULT", "FRA GOV", "IRQ GOV")]
    assert {e.mode for e in events} == {"planned"}
    assert {e.date for e in events} == {"2024-03-01"}  # no date in the clause: publication date


def test_air_strike_with_source_target_and_a_verb_inflection() -> None:
    events = run(build("وقصفت الطائرات الإسرائيلية مواقع في جنوب لبنان فجر اليوم."))
    assert codes(events) == [("ASSAULT", "ISR MIL", "LBN")]
    assert events[0].mode is None


def test_protesters_take_the_country_of_the_place() -> None:
    events = run(build("وتظاهر آلاف الطلاب في بغداد احتجاجا على البطالة."))
    assert codes(events) == [("PROTEST", "IRQ CVL", None)]


def test_negated_and_reported_modes() -> None:
    (negated,) = run(build("ولم تفرض الولايات المتحدة عقوبات على مصر."))
    assert codes([negated]) == [("SANCTION", "USA", "EGY")] and negated.mode == "negated"
    (reported,) = run(build("وقال مسؤول إن إسرائيل قصفت مواقع في لبنان."))
    assert reported.type == "ASSAULT" and reported.mode == "reported"


def test_condemnation_is_accuse_and_its_object_is_no_second_event() -> None:
    events = run(build("وأدانت فرنسا الهجوم على السفارة في بغداد."))
    assert [e.type for e in events] == ["ACCUSE"]
    assert events[0].source is not None and events[0].source.code == "FRA"


def test_phrases_need_their_second_word() -> None:
    assert codes(run(build("ونشرت إيران قوات على الحدود مع العراق."))) == [
        ("MOBILIZE", "IRN MIL", "IRQ")
    ]  # fmt: skip
    assert run(build("ونشرت الصحيفة تقريرا مطولا عن الاقتصاد.")) == []


@pytest.mark.parametrize(
    "text",
    [
        "ارتفعت أسعار النفط في الأسواق العالمية اليوم.",
        "تحتل فرنسا المرتبة الأولى في إنتاج النبيذ.",
        "حلقت طائرة مسيرة فوق الحقول الزراعية.",
        "ويتعرض المزارعون لخسائر بسبب الجفاف.",
    ],
)
def test_sentences_without_events(text: str) -> None:
    assert run(build(text)) == []


def test_the_lexicon_knows_inflections_and_nouns() -> None:
    lexicon = load_lexicon()
    doc = build("سيلتقون محادثاتهما واتهمتها وبالمساعدات ويقصفون")
    view = DocView(doc)
    found = [lexicon.match(view, i) for i in range(len(view.tokens))]
    assert [m.trigger.plover if m else None for m in found] == [
        "CONSULT", "CONSULT", "ACCUSE", "AID", "ASSAULT"
    ]  # fmt: skip
    assert lexicon.match(view, 0) is not None and fold("يعقد") not in lexicon.verbs


def test_registered_with_its_requirements() -> None:
    info = registry.get("events")
    assert set(info.requires) == {"sentences", "tokens", "mentions", "entities", "times"}
    assert info.assigns == ("events",)


@pytest.mark.slow
def test_seed_article_events(shared_dir: Path) -> None:
    names = {info.name for info in registry.registered()}
    if not {"ner", "entities", "timex"} <= names:
        pytest.skip("needs the ner, entities and timex components (not registered here)")
    from marsad.pipeline import Pipeline

    text = (shared_dir / "samples" / "seed_article.txt").read_text(encoding="utf-8")
    order = ("anatomy", "sentences", "ner", "entities", "timex", "quotes", "events")
    pipeline = Pipeline.from_names([n for n in order if n in names])
    doc = pipeline(Document(text, id="seed", meta=Meta(published="2024-07-19")))
    consult = [e for e in doc.events if e.type == "CONSULT" and e.source and e.target]
    pairs = {(e.source.code, e.target.code, e.date, e.mode) for e in consult}  # type: ignore[union-attr]
    assert ("JPN GOV", "USA GOV", "2024-07-28", "planned") in pairs, pairs
    blinken = [e for e in consult if e.source and "بلينكن" in e.source.text]
    assert [e.target.code for e in blinken if e.target] == ["JPN GOV"]
    austin = [e for e in consult if e.source and "أوستن" in e.source.text]
    assert sorted(e.target.code or "" for e in austin if e.target) == ["JPN GOV", "KOR GOV"]
