"""Hand-built analysed documents for the store tests (texts written for these tests)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from marsad.doc import (
    Actor,
    Cue,
    Document,
    Entity,
    Event,
    Location,
    Mention,
    Meta,
    Quantity,
    Quote,
    Role,
    Sentence,
    Speaker,
    Time,
)
from marsad.store import SQLiteStore, open_store, prepare

VERSION = "test+1"


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def talks_doc() -> Document:
    text = (
        "قال وزير الخارجية الأمريكيّة أنتوني بلينكن إن المحادثات مع الصين ستُستأنف في ٢٠٢٤. "
        "وأضاف: «نريد اتفاقا يخدم الطرفين»، مشيرا إلى أن التبادل التجاري بلغ 500 مليار دولار."
    )
    doc = Document(text, id="talks", meta=Meta(headline="بلينكن والصين", published="2024-03-05",
                                               source="وكالة الأنباء"))  # fmt: skip
    blinken = span(text, "أنتوني بلينكن")
    china = span(text, "الصين")
    doc.sentences = [Sentence(0, text.index(".") + 1), Sentence(text.index(".") + 2, len(text))]
    doc.mentions = [
        Mention(*blinken, "أنتوني بلينكن", "PER", "wikidata:Q7831"),
        Mention(*china, "الصين", "GPE", "wikidata:Q148"),
    ]
    doc.entities = [
        Entity("wikidata:Q7831", "PER", "أنتوني بلينكن", "Antony Blinken", {"wikidata": "Q7831"},
               [Role("وزير الخارجية", "Secretary of State", "USA")]),
        Entity("wikidata:Q148", "GPE", "الصين", "China", {"wikidata": "Q148", "iso3": "CHN"}),
    ]  # fmt: skip
    doc.times = [Time(*span(text, "٢٠٢٤"), "٢٠٢٤", "DATE", "2024", ("2024-01-01", "2024-12-31"))]
    doc.quantities = [
        Quantity(*span(text, "500 مليار دولار"), "500 مليار دولار", "MONEY", 5e11, "USD")
    ]
    quote = span(text, "«نريد اتفاقا يخدم الطرفين»")
    doc.quotes = [
        Quote(*quote, text[quote[0] : quote[1]], "direct", Cue(*span(text, "وأضاف"), "وأضاف"),
              Speaker(*blinken, "أنتوني بلينكن", "wikidata:Q7831"))
    ]  # fmt: skip
    doc.events = [
        Event("CONSULT", Sentence(0, text.index(".") + 1), 0.9, cameo="040", mode="verbal",
              source=Actor("أنتوني بلينكن", *blinken, "wikidata:Q7831", "USA GOV"),
              target=Actor("الصين", *china, "wikidata:Q148", "CHN"), date="2024",
              location=Location("الصين", "wikidata:Q148"))
    ]  # fmt: skip
    doc.check()
    return doc


def second_doc() -> Document:
    text = "وبالمحادثات الجارية في بكين، أكد بلينكن أن واشنطن لن تتخلى عن حلفائها في آسيا."
    doc = Document(text, id="beijing", meta=Meta(published="2024-04-10", source="صحيفة"))
    doc.mentions = [
        Mention(*span(text, "بلينكن"), "بلينكن", "PER", "e1"),
        Mention(*span(text, "بكين"), "بكين", "GPE", "e2"),
    ]
    doc.entities = [Entity("e1", "PER", "بلينكن", "Antony Blinken"), Entity("e2", "GPE", "بكين")]
    doc.events = [
        Event("REJECT", Sentence(0, len(text)), 0.6,
              source=Actor("واشنطن", *span(text, "واشنطن"), None, "USA GOV"))
    ]  # fmt: skip
    doc.check()
    return doc


def plain_doc(text: str, id: str, published: str | None = None) -> Document:
    return Document(text, id=id, meta=Meta(published=published))


@dataclass(frozen=True)
class Builders:
    """The document builders, handed to tests by the ``build`` fixture."""

    talks: Callable[[], Document] = talks_doc
    second: Callable[[], Document] = second_doc
    plain: Callable[..., Document] = plain_doc
    version: str = VERSION


@pytest.fixture()
def build() -> Builders:
    return Builders()


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with open_store(tmp_path / "c.db") as opened:
        yield opened


@pytest.fixture()
def filled(store: SQLiteStore) -> SQLiteStore:
    for doc in (talks_doc(), second_doc()):
        store.write(prepare(doc, VERSION))
    return store
