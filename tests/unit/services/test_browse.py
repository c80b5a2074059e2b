"""Entity profiles found through the knowledge base when the name is spelled another way."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.doc import Document, Entity, Mention, Meta, Sentence
from marsad.errors import NotFoundError
from marsad.services.browse import entity_profile, knowledge_base_keys
from marsad.store import open_store, prepare


def _collection(tmp_path: Path) -> Path:
    text = "وصل وفد من الولايات المتحدة إلى العاصمة لبحث التعاون الزراعي."
    start = text.index("الولايات المتحدة")
    end = start + len("الولايات المتحدة")
    doc = Document(text, id="visit", meta=Meta(published="2025-02-10"))
    doc.sentences = [Sentence(0, len(text))]
    doc.mentions = [Mention(start, end, text[start:end], "GPE", "wikidata:Q30")]
    doc.entities = [
        Entity("wikidata:Q30", "GPE", "الولايات المتحدة", "United States",
               {"wikidata": "Q30", "iso3": "USA"}),
    ]  # fmt: skip
    db = tmp_path / "c.db"
    with open_store(db) as store:
        store.write(prepare(doc, "test+1"))
    return db


def test_another_spelling_finds_the_entity_by_its_identifiers(tmp_path: Path) -> None:
    db = _collection(tmp_path)
    assert entity_profile("الولايات المتحدة", db=db).entity.key == "wikidata:Q30"
    for spelling in ("أمريكا", "أميركا", "لأمريكا"):
        assert entity_profile(spelling, db=db).entity.key == "wikidata:Q30"


def test_a_name_neither_stored_nor_known_is_not_found(tmp_path: Path) -> None:
    db = _collection(tmp_path)
    with pytest.raises(NotFoundError):
        entity_profile("فرنسا", db=db)  # known to the knowledge base, absent from the collection
    with pytest.raises(NotFoundError):
        entity_profile("زيدون", db=db)


def test_knowledge_base_keys() -> None:
    keys = list(knowledge_base_keys("أمريكا"))
    assert keys[0] == "wikidata:Q30"
    assert "iso3:USA" in keys
    assert len(keys) == len(set(keys))
    assert list(knowledge_base_keys("كلمة لا يعرفها أحد")) == []
