"""The analyze service: files, stdin and JSON Lines to documents or errors, and summaries."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from marsad import registry
from marsad.config import Settings
from marsad.doc import Document, Entity, Mention, Quote, Role, Speaker
from marsad.errors import ComponentError, DocumentError, InputError, UnknownComponentError
from marsad.services.about import list_components, settings_report
from marsad.services.analyze import (
    analyze_inputs,
    analyze_text,
    document_from_record,
    failed_components,
)
from marsad.services.summary import shorten, summarize

ARTICLE = (
    "مطر غزير في عمّان\n\nعمّان (بترا) - هطلت أمطار غزيرة على العاصمة مساء الاثنين. وأغلقت عدة طرق.\n"
)
SENTENCES = Settings(pipeline=("sentences",))


def explode(doc: Document) -> Document:
    """Fails on every document (for error-policy tests)."""
    raise RuntimeError("boom")


@pytest.fixture
def exploding(monkeypatch: pytest.MonkeyPatch) -> str:
    """A component that always fails, registered for one test only."""
    registry.load_entry_points()
    info = registry.ComponentInfo("test-explode", explode, ("sentences",), (), "Fails.", __name__)
    monkeypatch.setitem(registry._REGISTRY, info.name, info)
    return info.name


def outcomes(paths: list[str], **kwargs: object) -> list[Document | Exception]:
    return list(analyze_inputs(paths, **kwargs).outcomes)  # type: ignore[arg-type]


def test_analyze_text_runs_the_pipeline() -> None:
    doc = analyze_text(ARTICLE, "2024-02-12", settings=SENTENCES)
    assert doc.meta.published == "2024-02-12"
    assert len(doc.sentences) == 3
    assert doc.tokens


def test_files_in_order_with_errors_in_place(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(ARTICLE.encode("cp1256"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    results = outcomes([str(good), str(empty), str(tmp_path / "none.txt")], settings=SENTENCES)
    doc, empty_error, missing_error = results
    assert isinstance(doc, Document)
    assert doc.id == str(good)
    assert doc.text == ARTICLE
    assert isinstance(empty_error, InputError)
    assert empty_error.reason == "empty"
    assert isinstance(missing_error, InputError)
    assert missing_error.source == str(tmp_path / "none.txt")


def test_published_applies_to_files_and_is_checked_early(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (doc,) = outcomes([str(path)], published="2024-02-12T18:00:00+02:00", settings=SENTENCES)
    assert isinstance(doc, Document)
    assert doc.meta.published == "2024-02-12T18:00:00+02:00"
    with pytest.raises(DocumentError, match="ISO-8601"):
        analyze_inputs([str(path)], published="12/02/2024", settings=SENTENCES)


def test_unknown_component_fails_before_reading() -> None:
    with pytest.raises(UnknownComponentError, match="nope"):
        analyze_inputs(["-"], settings=Settings(pipeline=("nope",)))


def test_stdin_plain_text() -> None:
    stdin = io.BytesIO(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    (doc,) = outcomes(["-"], settings=SENTENCES, stdin=stdin)
    assert isinstance(doc, Document)
    assert doc.id == "stdin"
    assert doc.text == ARTICLE


def test_jsonl_stdin_bad_line_in_the_middle() -> None:
    lines = [
        json.dumps({"id": "r1", "text": ARTICLE, "published": "2024-02-12"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "r3", "text": ARTICLE, "url": "https://n.example/3"}),
    ]
    stdin = io.BytesIO("\n".join(lines).encode("utf-8"))
    run = analyze_inputs(["-"], jsonl=True, published="2024-01-01", settings=SENTENCES, stdin=stdin)
    assert run.total is None
    assert "sentences" in run.layers
    first, error, third = run.outcomes
    assert isinstance(first, Document)
    assert first.meta.published == "2024-02-12"  # the line's own date wins
    assert isinstance(error, InputError)
    assert error.source == "<stdin>:2"
    assert isinstance(third, Document)
    assert third.meta.published == "2024-01-01"  # --published fills in
    assert third.meta.url == "https://n.example/3"


def test_component_failure_under_each_policy(tmp_path: Path, exploding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    names = ("sentences", exploding)
    (raised,) = outcomes([str(path)], settings=Settings(pipeline=names))
    assert isinstance(raised, ComponentError)
    assert failed_components(raised) == ["test-explode"]
    (recorded,) = outcomes([str(path)], settings=Settings(pipeline=names, error_policy="record"))
    assert isinstance(recorded, Document)
    assert recorded.sentences
    assert failed_components(recorded) == ["test-explode"]


def test_document_from_record_keeps_metadata() -> None:
    from marsad.ingest.jsonl import Record

    record = Record(id="x", text=ARTICLE, title="عنوان", source="petra")
    doc = document_from_record(record, published="2024-02-12")
    assert (doc.id, doc.meta.headline, doc.meta.source) == ("x", "عنوان", "petra")
    assert doc.meta.published == "2024-02-12"


def test_summary_groups_mentions_and_names_speakers() -> None:
    text = "قال وزير الخارجية سامر الحداد إن الأردن يرحب بالمبادرة. وأكد الحداد: «سنشارك»."
    doc = Document(text, id="s")
    name, again = text.index("سامر الحداد"), text.index("الحداد:")
    doc.mentions = [
        Mention(name, name + 11, "سامر الحداد", "PER", "e1"),
        Mention(again, again + 6, "الحداد", "PER", "e1"),
        Mention(text.index("الأردن"), text.index("الأردن") + 6, "الأردن", "GPE", None),
    ]
    doc.entities = [
        Entity("e1", "PER", "سامر الحداد", "Samer al-Haddad", {"wikidata": "Q1"},
               [Role("وزير الخارجية", "foreign minister", "JOR")]),
    ]  # fmt: skip
    start = text.index("«")
    doc.quotes = [Quote(start, start + 8, "«سنشارك»", "direct", None,
                        Speaker(again, again + 6, "الحداد", "e1"))]  # fmt: skip
    summary = summarize(doc, frozenset({"mentions", "entities", "quotes", "events"}))
    assert [(m.text, m.latin) for m in summary.mentions["PER"]] == [
        ("سامر الحداد", "Samer al-Haddad"),
        ("الحداد", "Samer al-Haddad"),
    ]
    assert summary.mentions["GPE"][0].latin is None
    assert summary.entities[0].roles == ("وزير الخارجية (foreign minister) JOR",)
    assert summary.entities[0].kb == (("wikidata", "Q1"),)
    assert summary.quotes[0].speaker_latin == "Samer al-Haddad"
    assert summary.shows("events") and not summary.events
    assert not summary.shows("times")


def test_shorten_flattens_and_cuts() -> None:
    assert shorten("سطر\nثان  هنا") == "سطر ثان هنا"
    assert shorten("كلمة " * 10, limit=12) == "كلمة كلمة…"


def test_components_and_settings_report(tmp_path: Path) -> None:
    names = {c.name: c for c in list_components()}
    assert names["sentences"].assigns == ("sentences", "tokens")
    config = tmp_path / "marsad.toml"
    config.write_text('[marsad]\nworkers = 3\nerror_policy = "record"\n', encoding="utf-8")
    report = {
        s.name: s
        for s in settings_report(
            config, {"error_policy": "raise"}, environ={"MARSAD_MAX_INPUT_MB": "5"}
        )
    }
    assert (report["workers"].value, report["workers"].origin) == (3, f"file {config}")
    assert report["max_input_mb"].origin == "environment (MARSAD_MAX_INPUT_MB)"
    assert report["error_policy"].origin == "command line"
    assert report["db"].origin == "default"
    assert report["pipeline"].doc
