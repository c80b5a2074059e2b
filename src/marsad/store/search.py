"""Full-text search over the collection: FTS5 over Marsad's own analysis, ranked by bm25.

The query is parsed and analysed by :mod:`marsad.store.query` (the same analysis the index was
built with), filtered by date, source, entity and event type, and ranked by bm25 with the
clitic-stripped ``base`` column weighing more than the light ``stem`` column. Each hit comes with
a snippet of the original text where the matched words are marked.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from marsad.errors import QueryError
from marsad.store.filters import article_conditions
from marsad.store.query import ParsedQuery, parse_query
from marsad.store.records import Filters, SearchHit, SearchPage, Snippet
from marsad.store.terms import analyse_word
from marsad.text.tokenize import TOKEN_RE

BM25_WEIGHTS = (1.0, 0.5)
"""bm25 weights of the ``base`` and ``stem`` columns: an exact word beats a shared stem."""
MARK_OPEN, MARK_CLOSE = "[[", "]]"
"""How a snippet marks a match (« » would be mistaken for the quotation marks of Arabic news)."""
SNIPPET_CHARS = 240
SNIPPET_SCAN_CHARS = 60_000
MAX_LIMIT = 1000
_COLUMNS = "a.pk, a.id, a.headline, a.published, a.source, a.url"


def search(
    conn: sqlite3.Connection, query: str, filters: Filters, limit: int = 10, offset: int = 0
) -> SearchPage:
    """One page of articles matching ``query`` and ``filters``, best first.

    An empty ``query`` lists the articles that pass the filters, newest first. Raises
    :class:`QueryError` for malformed syntax or filters.
    """
    _check_page(limit, offset)
    where, params = article_conditions(conn, filters)
    parsed = parse_query(query) if query.strip() else None
    if parsed is None and not where:
        raise QueryError("give a search query or at least one filter")
    rows = _page_rows(conn, parsed, (where, params), limit, offset)
    total = offset + len(rows)
    if len(rows) == limit or (offset and not rows):
        total = _count(conn, parsed, where, params)
    hits = [_hit(row, parsed) for row in rows]
    return SearchPage(query, parsed.fts if parsed else None, total, offset, limit, hits)


def _check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit {limit} must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise QueryError(f"--offset {offset} must not be negative")


def _page_rows(
    conn: sqlite3.Connection,
    parsed: ParsedQuery | None,
    conditions: tuple[list[str], list[Any]],
    limit: int,
    offset: int,
) -> list[tuple[Any, ...]]:
    """The page's (article pk, score) pairs, best first, then each article's columns.

    Only pks and scores are ranked; the article rows of the page alone are read afterwards, so
    the cost of ranking does not grow with the width of the articles table.
    """
    where, params = conditions
    if parsed is None:
        sql = (
            f"SELECT a.pk, 0.0 FROM articles a WHERE {' AND '.join(where)} "
            "ORDER BY a.published DESC, a.pk LIMIT ? OFFSET ?"
        )
        ranked = conn.execute(sql, (*params, limit, offset)).fetchall()
    else:
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        joined = "JOIN articles a ON a.pk = search.rowid" if where else ""
        sql = (
            f"SELECT search.rowid, bm25(search, {weights}) AS score FROM search {joined} "
            f"WHERE search MATCH ? {''.join(' AND ' + w for w in where)} "
            "ORDER BY score, search.rowid LIMIT ? OFFSET ?"
        )
        ranked = conn.execute(sql, (parsed.fts, *params, limit, offset)).fetchall()
    return [(*_article_columns(conn, pk), score) for pk, score in ranked]


def _article_columns(conn: sqlite3.Connection, pk: int) -> tuple[Any, ...]:
    sql = f"SELECT {_COLUMNS}, a.text FROM articles a WHERE a.pk = ?"
    return tuple(conn.execute(sql, (pk,)).fetchone())


def _count(
    conn: sqlite3.Connection, parsed: ParsedQuery | None, where: list[str], params: list[Any]
) -> int:
    if parsed is None:
        sql = f"SELECT count(*) FROM articles a WHERE {' AND '.join(where)}"
        return int(conn.execute(sql, params).fetchone()[0])
    if not where:
        sql = "SELECT count(*) FROM search WHERE search MATCH ?"
        return int(conn.execute(sql, (parsed.fts,)).fetchone()[0])
    sql = (
        "SELECT count(*) FROM search JOIN articles a ON a.pk = search.rowid "
        f"WHERE search MATCH ? {''.join(' AND ' + w for w in where)}"
    )
    return int(conn.execute(sql, (parsed.fts, *params)).fetchone()[0])


def _hit(row: tuple[Any, ...], parsed: ParsedQuery | None) -> SearchHit:
    _, article_id, headline, published, source, url, text, score = row
    snippet = make_snippet(text, parsed)
    return SearchHit(article_id, headline, published, source, url, float(score), snippet)


def make_snippet(text: str, parsed: ParsedQuery | None, width: int = SNIPPET_CHARS) -> Snippet:
    """The passage of ``text`` richest in the query's words, each between [[ and ]]."""
    marks = match_spans(text, parsed) if parsed is not None else []
    first = _densest(marks, width)
    start = _word_start(text, max(0, marks[first][0] - width // 5) if marks else 0)
    end = _word_end(text, min(len(text), start + width))
    inside = tuple(m for m in marks if m[0] >= start and m[1] <= end)
    return Snippet(_marked(text, start, end, inside), start, end, inside)


def match_spans(text: str, parsed: ParsedQuery) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` that match a (not excluded) word of the query."""
    bases = {b for p in parsed.positives if not p.prefix for b, _ in p.terms}
    stems = {s for p in parsed.positives if not p.prefix for _, s in p.terms}
    prefixes = tuple(p.terms[0][0] for p in parsed.positives if p.prefix)
    spans: list[tuple[int, int]] = []
    for match in TOKEN_RE.finditer(text, 0, SNIPPET_SCAN_CHARS):
        terms = analyse_word(match.group())
        if terms is None:
            continue
        base, stem = terms
        if base in bases or stem in stems or (prefixes and base.startswith(prefixes)):
            spans.append(match.span())
    return spans


def _densest(marks: list[tuple[int, int]], width: int) -> int:
    """Index of the mark that opens the window of ``width`` characters holding the most marks."""
    best, best_count, last = 0, 0, 0
    for first, (start, _) in enumerate(marks):
        last = max(last, first)
        while last + 1 < len(marks) and marks[last + 1][1] <= start + width:
            last += 1
        if last - first + 1 > best_count:
            best, best_count = first, last - first + 1
    return best


def _word_start(text: str, position: int) -> int:
    if position == 0:
        return 0
    space = text.rfind(" ", max(0, position - 20), position)
    return space + 1 if space >= 0 else position


def _word_end(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    space = text.find(" ", position, position + 20)
    return space if space >= 0 else position


def _marked(text: str, start: int, end: int, marks: tuple[tuple[int, int], ...]) -> str:
    parts: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for mark_start, mark_end in marks:
        parts += [text[cursor:mark_start], MARK_OPEN, text[mark_start:mark_end], MARK_CLOSE]
        cursor = mark_end
    parts += [text[cursor:end], "…" if end < len(text) else ""]
    return " ".join("".join(parts).split())
