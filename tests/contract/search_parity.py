"""Copy a SQLite collection into PostgreSQL and check both answer queries with the same articles.

    python tests/contract/search_parity.py SQLITE_FILE POSTGRES_URL QUERIES_FILE [WRITERS]

Articles are copied as stored (the same analysed Documents, re-prepared, so the PostgreSQL
index is built by the PostgreSQL write path); then every query of QUERIES_FILE is run on both
page by page, and the sets of every matching article id are compared; the first page (10 hits)
is compared in order too (``top10 same``: the same ids in the same order, ``top10 set``: the same
ids in another order, ``top10 DIFF``: other ids).
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from pathlib import Path

from marsad.doc import Document
from marsad.store import Filters, Store, open_store, prepare


def copy_slice(source: str, target: str, part: int, parts: int) -> int:
    """Write every ``parts``-th article of ``source`` (from ``part``) into ``target``."""
    count = 0
    with open_store(source, create=False) as src, open_store(target) as dst:
        rows = src.conn.execute(  # type: ignore[attr-defined]
            "SELECT id, text, document, input_meta, pipeline_version FROM articles "
            "WHERE pk % ? = ? ORDER BY pk",
            (parts, part),
        ).fetchall()
        for article_id, text, document, meta, version in rows:
            doc = Document.from_dict({**json.loads(document), "text": text, "id": article_id})
            dst.write(prepare(doc, version, json.loads(meta)))
            count += 1
    return count


def copy_collection(source: str, target: str, writers: int = 1) -> float:
    """Write every article of ``source`` into ``target`` with ``writers`` concurrent writers;
    returns articles per second."""
    open_store(target).close()
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(writers) as pool:
        count = sum(
            pool.starmap(copy_slice, [(source, target, k, writers) for k in range(writers)])
        )
    return count / (time.perf_counter() - started)


def compare(source: str, target: str, queries: list[str]) -> list[tuple[str, int, int, bool, str]]:
    """(query, SQLite total, PostgreSQL total, same ids, first page: same/set/DIFF) per query."""
    out = []
    with open_store(source, create=False) as a, open_store(target, create=False) as b:
        for query in queries:
            ida, idb = all_ids(a, query), all_ids(b, query)
            top = [[h.id for h in s.search(query, Filters(), limit=10).hits] for s in (a, b)]
            order = "same" if top[0] == top[1] else "set" if set(top[0]) == set(top[1]) else "DIFF"
            out.append((query, len(ida), len(idb), ida == idb, order))
    return out


def all_ids(store: Store, query: str) -> set[str]:
    """The ids of every article matching ``query``, page by page."""
    found: set[str] = set()
    while True:
        page = store.search(query, Filters(), limit=1000, offset=len(found))
        found |= {h.id for h in page.hits}
        if len(found) >= page.total or not page.hits:
            return found


def main() -> None:
    source, target, path = sys.argv[1:4]
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    queries = [q.strip() for q in lines if q.strip() and q[0] != "#"]
    writers = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4].isdigit() else 1
    if "--no-copy" not in sys.argv:
        speed = copy_collection(source, target, writers)
        print(f"copied into PostgreSQL with {writers} writers at {speed:.1f} articles/s")
    results = compare(source, target, queries)
    for query, ta, tb, same, order in results:
        print(f"{'same' if same else 'DIFF'}\t{ta}\t{tb}\ttop10 {order}\t{query}")
    print(f"{sum(r[3] for r in results)}/{len(results)} queries return the same article ids")
    print(f"{sum(r[4] == 'same' for r in results)}/{len(results)} first pages in the same order")


if __name__ == "__main__":
    main()
