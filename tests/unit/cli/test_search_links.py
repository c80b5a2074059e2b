"""``marsad search`` shows each hit's duplicate links (text and --json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import main
from marsad.doc import Document, Meta
from marsad.store import open_store, prepare

HARBOUR = "افتتحت البلدية ميناء صغيرا للصيادين في الخليج الشرقي بعد عامين من الأشغال."
HARBOUR_AGAIN = "افتتحت البلدية ميناء صغيرا للصيادين في الخليج الشرقي بعد عامين من العمل."
MARKET = "نقلت البلدية سوق السمك القديم إلى مبنى جديد قرب الميناء الشمالي."


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "links.db"
    with open_store(path) as store:
        for text, id in ((HARBOUR, "harbour"), (HARBOUR_AGAIN, "harbour-2"), (MARKET, "market")):
            store.write(prepare(Document(text, id=id, meta=Meta(source="وكالة")), "t"))
        # the same text again under two other ids: kept as copies of "harbour"
        for id in ("harbour-feed", "harbour-site"):
            store.write(prepare(Document(HARBOUR, id=id, meta=Meta(source="موقع")), "t"))
        store.add_duplicates([("harbour-2", "harbour", 0.93, "near")])
    return path


def _search(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["search", *args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.output


def test_json_hits_carry_their_duplicate_links(db: Path) -> None:
    page = json.loads(_search(db, "البلدية", "--limit", "5", "--json"))
    links = {hit["id"]: hit["links"] for hit in page["hits"]}
    assert links["harbour"] == {"duplicate_of": [], "duplicates": 1, "copies": 2}
    assert links["harbour-2"] == {
        "duplicate_of": [{"id": "harbour", "headline": None, "similarity": 0.93, "kind": "near"}],
        "duplicates": 0,
        "copies": 0,
    }
    assert links["market"] == {"duplicate_of": [], "duplicates": 0, "copies": 0}


def test_text_output_names_the_links(db: Path) -> None:
    out = _search(db, "الصيادين")
    assert "duplicate of harbour (near 0.93)" in out
    assert "1 stored duplicate of it" in out and "2 exact copies (same text, other id)" in out
    assert "duplicate" not in _search(db, "السمك")  # an article without links shows none
