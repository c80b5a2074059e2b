"""Full-text search on PostgreSQL: a ``tsvector`` of Marsad's own terms, a GIN index, tsqueries.

The index holds exactly what the SQLite index holds: the ``base`` and ``stem`` terms of
:func:`marsad.store.terms.index_columns`, cut into tokens as SQLite's FTS5 ``unicode61``
tokenizer cuts them (letters, digits, private-use characters and ``.``). The vector is built here
as a ``tsvector`` literal, not by ``to_tsvector``: PostgreSQL's text parser would cut some terms
differently (``3.5``, e-mail-like words), and then the two backends would not find the same
articles. Each lexeme carries its column in a tag (``b:`` base, ``s:`` stem), so the GIN index
answers a query without rechecking weights (phrases alone are rechecked for positions); ``base``
tokens take the odd positions with weight A, ``stem`` tokens the even ones with weight B (for
ranking), so a phrase of one column is a chain of ``<2>`` steps.

A query is the parsed tree of :mod:`marsad.store.query` translated node by node into a
``tsquery`` (AND ``&``, OR ``|``, NOT ``!``, phrases, prefixes ``:*``). Results are ranked by
``ts_rank`` with the same column weights as SQLite's bm25 (base 1.0, stem 0.5); the set of
matching articles is the same on both backends, the order within equal matches may differ.

Limits of PostgreSQL's ``tsvector``: positions stop at 16,383 (a phrase beyond the ~8,000th
word of an article may be missed), a lexeme keeps at most 256 positions, and a token longer than
2,040 bytes is not indexed.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from marsad.errors import QueryError
from marsad.store.filters import article_conditions
from marsad.store.query import Node, ParsedQuery, Phrase, parse_query
from marsad.store.records import Filters, SearchPage
from marsad.store.search import BM25_WEIGHTS, MAX_LIMIT, _hit

MAX_POSITION = 16383
MAX_LEXEME_BYTES = 2040
TAGS = {"A": "b:", "B": "s:"}
"""The column tag of a lexeme, by its weight: base (A) or stem (B)."""
RANK_WEIGHTS = f"{{0,0,{BM25_WEIGHTS[1]},{BM25_WEIGHTS[0]}}}"
"""``ts_rank`` weights {D, C, B, A}: stem (B) and base (A) as in SQLite's bm25."""
_COLUMNS = "a.pk, a.id, a.headline, a.published, a.source, a.url, a.text"


def fts_tokens(text: str) -> list[str]:
    """``text`` cut as FTS5's unicode61 tokenizer (categories L* N* Co, tokenchars '.') cuts it."""
    tokens: list[str] = []
    current: list[str] = []
    for ch in text:
        if ch.isalnum() or ch == "." or (ch > "\x7f" and unicodedata.category(ch) == "Co"):
            current.append(ch)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


def _quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(base: str, stem: str) -> str:
    """The ``tsvector`` text of an article's ``base`` and ``stem`` index columns."""
    positions: dict[str, list[str]] = {}
    for offset, weight, column in ((1, "A", base), (2, "B", stem)):
        tag = TAGS[weight]
        for index, token in enumerate(fts_tokens(column)):
            if len(token.encode("utf-8")) > MAX_LEXEME_BYTES:
                continue
            position = min(2 * index + offset, MAX_POSITION)
            positions.setdefault(tag + token, []).append(f"{position}{weight}")
    return " ".join(f"{_quote(t)}:{','.join(p)}" for t, p in positions.items())


def tsquery(node: Node) -> str:
    """The ``tsquery`` text of a parsed query node."""
    if isinstance(node, Phrase):
        return _phrase(node)
    items = f" {'&' if node.op == 'AND' else '|'} ".join(f"({tsquery(i)})" for i in node.items)
    return "".join([f"({items})", *(f" & !({tsquery(n)})" for n in node.excluded)])


def _phrase(phrase: Phrase) -> str:
    base = chain(fts_tokens(" ".join(b for b, _ in phrase.terms)), "A", phrase.prefix)
    if phrase.prefix:
        return base
    stem = chain(fts_tokens(" ".join(s for _, s in phrase.terms)), "B", False)
    return f"({base}) | ({stem})"


def chain(tokens: list[str], weight: str, prefix: bool) -> str:
    """A phrase of ``tokens`` of one column (weight A: base, B: stem) as a tsquery."""
    if not tokens:
        raise QueryError("a search term has no letter or digit")
    parts = [_quote(TAGS[weight] + t) for t in tokens]
    if prefix:
        parts[-1] += ":*"
    return " <2> ".join(parts)


def search(conn: Any, query: str, filters: Filters, limit: int = 10, offset: int = 0) -> SearchPage:
    """One page of articles matching ``query`` and ``filters`` (see :func:`store.search.search`)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit {limit} must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise QueryError(f"--offset {offset} must not be negative")
    where, params = article_conditions(conn, filters)
    parsed = parse_query(query) if query.strip() else None
    if parsed is None and not where:
        raise QueryError("give a search query or at least one filter")
    text = tsquery(parsed.root) if parsed else None
    rows = _page(conn, text, (where, params), limit, offset)
    total = offset + len(rows)
    if len(rows) == limit or (offset and not rows):
        total = _count(conn, text, where, params)
    return SearchPage(query, text, total, offset, limit, [_hit(row, parsed) for row in rows])


def _matches(text: str | None, where: list[str]) -> tuple[str, str]:
    """The FROM and WHERE clauses of the articles a query and filters select."""
    if text is None:
        return "articles a", " AND ".join(where)
    clauses = ["s.terms @@ CAST(? AS tsquery)", *where]
    return "search s JOIN articles a ON a.pk = s.article_pk", " AND ".join(clauses)


def _page(
    conn: Any, text: str | None, conditions: tuple[list[str], list[Any]], limit: int, offset: int
) -> list[tuple[Any, ...]]:
    where, params = conditions
    source, clause = _matches(text, where)
    if text is None:
        order, score, args = "a.published DESC, a.pk", "0.0", [*params]
    else:
        score = f"ts_rank('{RANK_WEIGHTS}', s.terms, CAST(? AS tsquery))"
        order, args = "score DESC, a.pk", [text, text, *params]
    sql = (
        f"SELECT a.pk, {score} AS score FROM {source} WHERE {clause} "
        f"ORDER BY {order} LIMIT ? OFFSET ?"
    )
    ranked = conn.execute(sql, (*args, limit, offset)).fetchall()
    out = []
    for pk, value in ranked:
        row = conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.pk = ?", (pk,)).fetchone()
        out.append((*row, float(value)))
    return out


def _count(conn: Any, text: str | None, where: list[str], params: list[Any]) -> int:
    source, clause = _matches(text, where)
    args = [text, *params] if text is not None else params
    return int(conn.execute(f"SELECT count(*) FROM {source} WHERE {clause}", args).fetchone()[0])


def matching_query(parsed: ParsedQuery) -> str:
    """The ``tsquery`` text of a parsed query (what a facet scan matches)."""
    return tsquery(parsed.root)


__all__ = ["chain", "fts_tokens", "matching_query", "search", "tsquery", "tsvector_literal"]
