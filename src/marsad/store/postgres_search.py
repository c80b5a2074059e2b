"""Full-text search on PostgreSQL: a ``tsvector`` of Marsad's own terms, a GIN index, tsqueries.

The index holds exactly what the SQLite index holds: the ``base`` and ``stem`` terms of
:func:`marsad.store.terms.index_columns`, cut into tokens as SQLite's FTS5 ``unicode61``
tokenizer cuts them (letters, digits, private-use characters and ``.``). The vector is built here
as a ``tsvector`` literal, not by ``to_tsvector``: PostgreSQL's text parser would cut some terms
differently (``3.5``, e-mail-like words), and then the two backends would not find the same
articles. Each lexeme carries its column in a tag (``b:`` base, ``s:`` stem), so the GIN index
answers a query without rechecking weights (phrases alone are rechecked for positions); ``base``
tokens take the odd positions with weight A, ``stem`` tokens the even ones with weight B, so a
phrase of one column is a chain of ``<2>`` steps.

A query is the parsed tree of :mod:`marsad.store.query` translated node by node into a
``tsquery`` (AND ``&``, OR ``|``, NOT ``!``, phrases, prefixes ``:*``): the GIN index finds the
matching articles, the same set as SQLite's. Ranking does not read the vectors (``ts_rank``
decompresses the whole vector of every match, ~30 µs each): it is SQLite's bm25, computed from
``search_postings``, one row per (word, article) with the word's count in each column and the
article's length in tokens, read by index-only scans, and ``search_totals`` (articles and tokens,
for the average length). Words and prefixes score exactly as FTS5's ``bm25(search, 1.0, 0.5)``
(same idf, k1 = 1.2, b = 0.75, column weights); a phrase of several words is scored from its
words (its count is the smallest of their counts, its document frequency the number of articles
holding all of them): an upper bound of FTS5's phrase count, so phrase queries may order
differently. The scores are SQLite's (negative, best first).

Limits of PostgreSQL's ``tsvector``: positions stop at 16,383 (a phrase beyond the ~8,000th
word of an article may be missed), a lexeme keeps at most 256 positions, and a token longer than
2,040 bytes is not indexed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
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
_COLUMNS = "a.pk, a.id, a.headline, a.published, a.source, a.url, a.text"
K1, B = 1.2, 0.75
"""FTS5's bm25 constants."""
MAX_COUNT = 32767
"""A word's count in a column is kept up to this (``smallint``)."""
TOTAL_SHARDS = 16
"""``search_totals`` rows: each writer connection adds to its own, so writers rarely wait."""


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


def _literal(columns: tuple[list[str], list[str]]) -> str:
    """The ``tsvector`` text of an article's base and stem index tokens."""
    positions: dict[str, list[str]] = {}
    for offset, weight, tokens in ((1, "A", columns[0]), (2, "B", columns[1])):
        tag = TAGS[weight]
        for index, token in enumerate(tokens):
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


def postings(base: str, stem: str) -> tuple[list[str], list[int], list[int], int]:
    """An article's ``search_postings``: its words, their counts in the base and stem columns,
    and its length in tokens (both columns, as FTS5 counts it)."""
    return _postings((fts_tokens(base), fts_tokens(stem)))


def _postings(columns: tuple[list[str], list[str]]) -> tuple[list[str], list[int], list[int], int]:
    counts: dict[str, list[int]] = {}
    for column, tokens in enumerate(columns):
        for token in tokens:
            if len(token.encode("utf-8")) <= MAX_LEXEME_BYTES:
                counts.setdefault(token, [0, 0])[column] += 1
    words = list(counts)
    base_tf = [min(counts[w][0], MAX_COUNT) for w in words]
    stem_tf = [min(counts[w][1], MAX_COUNT) for w in words]
    return words, base_tf, stem_tf, len(columns[0]) + len(columns[1])


INSERT_SQL = (
    "WITH indexed AS (INSERT INTO search (article_pk, terms) VALUES (%s, CAST(%s AS tsvector))), "
    "posted AS (INSERT INTO search_postings (word, article_pk, base_tf, stem_tf, length) "
    "SELECT w, %s, b, s, %s FROM unnest(CAST(%s AS text[]), CAST(%s AS smallint[]), "
    "CAST(%s AS smallint[])) AS u(w, b, s)) "
    "INSERT INTO search_totals (shard, articles, tokens) "
    f"VALUES (pg_backend_pid() %% {TOTAL_SHARDS}, 1, %s) ON CONFLICT (shard) DO UPDATE SET "
    "articles = search_totals.articles + 1, tokens = search_totals.tokens + excluded.tokens"
)
"""One article's index rows in one statement: its vector, its postings, the totals."""


def insert_params(params: Sequence[Any]) -> tuple[Any, ...]:
    """The parameters of :data:`INSERT_SQL` for SQLite's ``(rowid, base, stem)``."""
    pk, base, stem = params
    columns = (fts_tokens(base), fts_tokens(stem))
    words, base_tf, stem_tf, length = _postings(columns)
    return (pk, _literal(columns), pk, length, words, base_tf, stem_tf, length)


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
    with _index_plans(conn):
        if parsed is None:
            rows, total = _listing(conn, (where, params), limit, offset)
        else:
            rows, total = _ranked(conn, parsed, (where, params), limit, offset)
        if total is None:
            total = _count(conn, text, where, params)
    out = []
    for pk, value in rows:
        row = conn.execute(f"SELECT {_COLUMNS} FROM articles a WHERE a.pk = ?", (pk,)).fetchone()
        out.append(_hit((*row, float(value)), parsed))
    return SearchPage(query, text, total, offset, limit, out)


@contextmanager
def _index_plans(conn: Any) -> Iterator[None]:
    """A transaction whose plans read the GIN index rather than every vector.

    The planner prices ``@@`` as cheap and scans the table for common words, which reads every
    vector; with sequential scans off it takes the index, which answers without them (JIT off
    too: the price of a disabled scan would make it compile the plan, for seconds)."""
    with conn.raw.transaction():
        conn.raw.execute("SET LOCAL enable_seqscan = off")
        conn.raw.execute("SET LOCAL jit = off")
        yield


def _listing(
    conn: Any, conditions: tuple[list[str], list[Any]], limit: int, offset: int
) -> tuple[list[tuple[int, float]], int | None]:
    where, params = conditions
    sql = (
        f"SELECT a.pk, 0.0 FROM articles a WHERE {' AND '.join(where)} "
        "ORDER BY a.published DESC, a.pk LIMIT ? OFFSET ?"
    )
    rows = [(int(pk), float(v)) for pk, v in conn.execute(sql, (*params, limit, offset))]
    return rows, (offset + len(rows) if len(rows) < limit and (rows or not offset) else None)


@dataclass(frozen=True, slots=True)
class Scored:
    """One FTS5 phrase of a query as the ranking reads it: its column (0 base, 1 stem), its
    words, whether the last is a prefix."""

    column: int
    words: tuple[str, ...]
    prefix: bool = False


def scored_phrases(parsed: ParsedQuery) -> list[Scored]:
    """The phrases bm25 scores, in FTS5's order: base then stem of every positive term (a
    prefix has its base only); excluded terms never occur in a match and add nothing."""
    out = []
    for phrase in parsed.positives:
        base = tuple(fts_tokens(" ".join(b for b, _ in phrase.terms)))
        out.append(Scored(0, base, phrase.prefix))
        if not phrase.prefix:
            out.append(Scored(1, tuple(fts_tokens(" ".join(s for _, s in phrase.terms)))))
    return out


def _ranked(
    conn: Any,
    parsed: ParsedQuery,
    conditions: tuple[list[str], list[Any]],
    limit: int,
    offset: int,
) -> tuple[list[tuple[int, float]], int | None]:
    """The page's (pk, bm25 score) pairs, best first, and the number of matches when known."""
    where, params = conditions
    articles, tokens = conn.execute(
        "SELECT coalesce(sum(articles), 0), coalesce(sum(tokens), 0) FROM search_totals"
    ).fetchone()
    average = float(tokens) / float(articles) if articles else 1.0
    parts: list[str] = []
    args: list[Any] = []
    for phrase in scored_phrases(parsed):
        sql, values = _contribution(phrase, int(articles), average)
        parts.append(sql)
        args += values
    joined = "JOIN articles a ON a.pk = s.article_pk " if where else ""
    sql = (
        f"WITH m AS MATERIALIZED (SELECT s.article_pk AS pk FROM search s {joined}"
        f"WHERE {' AND '.join(['s.terms @@ CAST(? AS tsquery)', *where])}), "
        f"r AS (SELECT article_pk AS pk, sum(x) AS score FROM ({' UNION ALL '.join(parts)}) AS u "
        "WHERE article_pk IN (SELECT pk FROM m) GROUP BY article_pk) "
        "SELECT m.pk, -coalesce(r.score, 0.0) AS score, count(*) OVER () FROM m "
        "LEFT JOIN r ON r.pk = m.pk ORDER BY score, m.pk LIMIT ? OFFSET ?"
    )
    found = conn.execute(sql, (tsquery(parsed.root), *params, *args, limit, offset)).fetchall()
    total = int(found[0][2]) if found else (0 if not offset else None)
    return [(int(pk), float(score)) for pk, score, _ in found], total


def _column(phrase: Scored) -> str:
    return ("base_tf", "stem_tf")[phrase.column]


def _prefix_range(prefix: str) -> tuple[str, str]:
    """Bounds ``lo <= word < hi`` of the words that start with ``prefix`` (C collation)."""
    return prefix, prefix[:-1] + chr(min(ord(prefix[-1]) + 1, 0x10FFFF))


def _contribution(phrase: Scored, articles: int, average: float) -> tuple[str, list[Any]]:
    """A SELECT of (article_pk, x): the phrase's bm25 term in every article it occurs in,
    computed as FTS5 computes it: idf * (f * (k1 + 1)) / (f + k1 * (1 - b + b * D / avgdl)),
    with idf = log((N - n + 0.5) / (n + 0.5)), 1e-6 when not positive, n the articles it
    occurs in (for a phrase of several words: the articles holding all of them)."""
    column = _column(phrase)
    weight = BM25_WEIGHTS[phrase.column]
    term = (
        "CASE WHEN idf > 0 THEN idf ELSE ? END * ((f * ?) / (f + ? * (? + ? * length / ?)))",
        [1e-6, K1 + 1.0, K1, 1 - B, B, average],
    )
    idf = (
        "ln(greatest((? - count(*) OVER () + ?) / (count(*) OVER () + ?), ?)) AS idf",
        [float(articles), 0.5, 0.5, 1e-300],
    )
    if phrase.prefix and len(phrase.words) == 1:
        inner = (
            "SELECT article_pk, sum(base_tf) * ? AS f, max(length) AS length "
            "FROM search_postings WHERE word >= ? AND word < ? AND starts_with(word, ?) "
            "AND base_tf > 0 GROUP BY article_pk"
        )
        values: list[Any] = [weight, *_prefix_range(phrase.words[0]), phrase.words[0]]
    else:
        words = sorted(set(phrase.words[:-1] if phrase.prefix else phrase.words))
        if len(words) == 1:
            inner = (
                f"SELECT article_pk, {column} * ? AS f, length FROM search_postings "
                f"WHERE word = ? AND {column} > 0"
            )
            values = [weight, words[0]]
        else:
            inner = (
                f"SELECT article_pk, min({column}) * ? AS f, max(length) AS length "
                f"FROM search_postings WHERE word = ANY(CAST(? AS text[])) AND {column} > 0 "
                "GROUP BY article_pk HAVING count(*) = ?"
            )
            values = [weight, words, len(words)]
    sql = (
        f"SELECT article_pk, {term[0]} AS x FROM (SELECT article_pk, f, length, {idf[0]} "
        f"FROM ({inner}) AS q) AS p"
    )
    return sql, [*term[1], *idf[1], *values]


def _count(conn: Any, text: str | None, where: list[str], params: list[Any]) -> int:
    if text is None:
        sql = f"SELECT count(*) FROM articles a WHERE {' AND '.join(where)}"
        return int(conn.execute(sql, params).fetchone()[0])
    joined = "JOIN articles a ON a.pk = s.article_pk " if where else ""
    clause = " AND ".join(["s.terms @@ CAST(? AS tsquery)", *where])
    sql = f"SELECT count(*) FROM search s {joined}WHERE {clause}"
    return int(conn.execute(sql, [text, *params]).fetchone()[0])


def matching_query(parsed: ParsedQuery) -> str:
    """The ``tsquery`` text of a parsed query (what a facet scan matches)."""
    return tsquery(parsed.root)


__all__ = [
    "INSERT_SQL", "chain", "fts_tokens", "insert_params", "matching_query", "postings",
    "scored_phrases", "search", "tsquery",
]  # fmt: skip
