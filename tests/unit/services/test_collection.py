"""The ingest and reprocess services: skips, rejections, workers, failures and progress."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from marsad import registry
from marsad.config import Settings
from marsad.doc import Document
from marsad.errors import IngestError, ResourceError
from marsad.registry import component
from marsad.services.collection import IngestProgress, ingest, reprocess

TEXTS = [
    "افتتحت البلدية حديقة جديدة للأطفال في الحي الشمالي بعد عام من الأشغال.",
    "قررت وزارة التعليم تمديد العطلة الشتوية أسبوعا إضافيا بسبب الثلوج.",
    "سجلت محطة الرصد أعلى درجة حرارة منذ عشرين عاما في المدينة الجنوبية.",
    "أطلقت جمعية أهلية حملة لجمع الكتب المستعملة وإهدائها إلى المدارس الريفية.",
]


def fail_on_snow(doc: Document) -> Document:
    """Fails on documents about snow (a test component)."""
    if "الثلوج" in doc.text:
        raise ValueError("snow is not supported")
    return doc


def missing_model(doc: Document) -> Document:
    """Fails as a component whose model file is missing (a test component)."""
    raise ResourceError("packaged resource 'models/x' is missing")


@pytest.fixture(autouse=True)
def test_components() -> Iterator[None]:
    """Two failing components, registered for these tests only."""
    registry.load_entry_points()
    saved = dict(registry._REGISTRY)
    component("test_fail_on_snow")(fail_on_snow)
    component("test_missing_model")(missing_model)
    yield
    registry._REGISTRY.clear()
    registry._REGISTRY.update(saved)


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (folder / "copy.txt").write_text(TEXTS[0], encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def _rows(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db)
    return conn.execute("SELECT id, content_hash FROM articles ORDER BY pk").fetchall()


def test_ingest_counts_and_is_idempotent(tmp_path: Path) -> None:
    folder = _inputs(tmp_path / "in")
    seen: list[int] = []

    def progress(counts: IngestProgress) -> None:
        seen.append(counts.done)

    report = ingest([folder], db=tmp_path / "a.db", settings=Settings(), progress=progress)
    assert (report.stored, report.skipped, report.rejected) == (4, 1, 1)
    assert dict(report.reasons) == {"empty": 1}
    assert seen == list(range(1, 7))
    again = ingest([folder], db=tmp_path / "a.db", settings=Settings())
    assert (again.stored, again.skipped, again.rejected) == (0, 5, 1)
    copies = sqlite3.connect(tmp_path / "a.db").execute("SELECT id FROM copies").fetchall()
    assert [Path(c[0]).name for c in copies] == ["copy.txt"]


def test_workers_give_the_same_collection_in_the_same_order(tmp_path: Path) -> None:
    folder = _inputs(tmp_path / "in")
    ingest([folder], db=tmp_path / "one.db", settings=Settings(), workers=1)
    ingest([folder], db=tmp_path / "two.db", settings=Settings(), workers=2)
    assert _rows(tmp_path / "one.db") == _rows(tmp_path / "two.db")


def test_a_failing_document_is_rejected_and_the_rest_stored(tmp_path: Path) -> None:
    settings = Settings(pipeline=("sentences", "test_fail_on_snow"))
    report = ingest([_inputs(tmp_path / "in")], db=tmp_path / "f.db", settings=settings)
    assert (report.stored, report.failed) == (3, 1)
    conn = sqlite3.connect(tmp_path / "f.db")
    source, detail = conn.execute(
        "SELECT source, detail FROM rejects WHERE reason = 'failed'"
    ).fetchone()
    assert source.endswith("1.txt") and "snow is not supported" in detail


def test_a_missing_model_stops_the_run(tmp_path: Path) -> None:
    settings = Settings(pipeline=("test_missing_model",))
    with pytest.raises(ResourceError, match="models/x"):
        ingest([_inputs(tmp_path / "in")], db=tmp_path / "m.db", settings=settings)


def test_missing_path_is_an_ingest_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="nope"):
        ingest([tmp_path / "nope"], db=tmp_path / "x.db", settings=Settings())
    assert not (tmp_path / "x.db").exists()


def test_reprocess_only_other_versions(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ingest([_inputs(tmp_path / "in")], db=db, settings=Settings(pipeline=("sentences",)))
    assert reprocess(db, settings=Settings(pipeline=("sentences",))).updated == 0
    report = reprocess(db, settings=Settings(pipeline=("anatomy", "sentences")), workers=2)
    assert (report.updated, report.failed) == (4, 0)
    versions = sqlite3.connect(db).execute("SELECT DISTINCT pipeline_version FROM articles")
    assert [v[0] for v in versions] == [report.pipeline_version]


def test_a_later_success_clears_the_failure(tmp_path: Path) -> None:
    folder, db = _inputs(tmp_path / "in"), tmp_path / "f.db"
    ingest([folder], db=db, settings=Settings(pipeline=("sentences", "test_fail_on_snow")))
    report = ingest([folder], db=db, settings=Settings(pipeline=("sentences",)))
    assert (report.stored, report.failed) == (1, 0)
    reasons = sqlite3.connect(db).execute("SELECT reason FROM rejects").fetchall()
    assert reasons == [("empty",)]


def _tag_words(doc: Document, limit: int) -> Document:
    """Tags the first ``limit`` words with the definite article as ORG entities."""
    import re

    from marsad.doc import Entity, Mention

    found = [m for m in re.finditer(r"\bال\w+", doc.text)][:limit]
    names = list(dict.fromkeys(m.group() for m in found))
    doc.entities = [Entity(f"marsad:ORG:{name}", "ORG", name) for name in names]
    doc.mentions = [
        Mention(m.start(), m.end(), m.group(), "ORG", f"marsad:ORG:{m.group()}") for m in found
    ]
    return doc


def test_reprocess_keeps_entity_counts_exact(tmp_path: Path) -> None:
    from marsad.store import open_store

    component("test_tag_many")(lambda doc: _tag_words(doc, 6))
    component("test_tag_few")(lambda doc: _tag_words(doc, 2))
    db = tmp_path / "e.db"
    ingest([_inputs(tmp_path / "in")], db=db, settings=Settings(pipeline=("test_tag_many",)))
    with open_store(db) as store:
        assert store.conn.execute("SELECT count(*) FROM entity_comentions").fetchone()[0] > 8
    report = reprocess(db, settings=Settings(pipeline=("test_tag_few",)))
    assert (report.updated, report.failed) == (4, 0)
    with open_store(db) as store:
        pairs = store.conn.execute("SELECT entity_pk, other_pk, articles FROM entity_comentions")
        stored = sorted(pairs.fetchall())
        recounted = store.conn.execute(
            """SELECT a.entity_pk, b.entity_pk, count(DISTINCT a.article_pk)
               FROM article_entities a JOIN article_entities b
                 ON b.article_pk = a.article_pk AND b.entity_pk != a.entity_pk
               GROUP BY 1, 2 ORDER BY 1, 2"""
        ).fetchall()
        assert stored == recounted and len(stored) == 2 * 4  # one pair per article, both ways
        months = store.conn.execute("SELECT sum(mentions), sum(articles) FROM entity_months")
        assert months.fetchone() == (8, 8)  # two mentions of two entities in each article
        profile = store.entity("البلدية")
        assert [c["name"] for c in profile.co_mentioned] == ["الحي"]
