"""JSON Lines files: each line an article, ANT field names understood, bad lines rejected."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from marsad.doc import Document
from marsad.errors import InputError
from marsad.ingest.records import read_records

GOOD = "وصلت إلى الميناء شحنة جديدة من القمح تكفي حاجة البلاد لثلاثة أشهر."


def test_lines_become_documents_and_bad_lines_rejections(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    lines = [
        json.dumps({"docno": "ant-1", "text": GOOD, "title": "شحنة قمح", "src": "cnn",
                    "time": "Sun, 18 Feb 2018 21:35:43 +0400"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "en", "text": "An English article is not for Marsad."}),
    ]  # fmt: skip
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    first, second, third = list(read_records(path, 1 << 20))
    assert isinstance(first, Document)
    assert (first.id, first.meta.source, first.meta.headline) == ("ant-1", "cnn", "شحنة قمح")
    assert first.meta.published == "2018-02-18T21:35:43+04:00"
    assert isinstance(second, InputError) and second.reason == "malformed"
    assert isinstance(third, InputError) and third.reason == "not_arabic"
    assert third.source.endswith("#en")
