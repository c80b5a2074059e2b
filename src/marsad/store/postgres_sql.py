"""The SQLite dialect of the store's queries, spoken to PostgreSQL.

The store's SQL (writer, entities, reads, exports) is written once, for SQLite.
:class:`PgConnection` wraps a psycopg connection with the small part of the
``sqlite3.Connection`` interface the store uses (``execute``, ``executemany``, cursors with
``lastrowid``), translating each statement once (cached): ``?`` and ``:name`` parameters,
``INSERT OR IGNORE``, ``group_concat``, ``COLLATE NOCASE``, ``GLOB`` and the few other spots
where the dialects differ. Statements the two backends answer differently (the search index)
are routed by :data:`REWRITES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from marsad.store.postgres_search import INSERT_SQL, chain, fts_tokens, insert_params

_LITERAL = re.compile(r"'(?:[^']|'')*'")
_PARAM = re.compile(r"\?|(?<![:\w]):([A-Za-z_]\w*)|%")
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"group_concat\(([^,()]+),"), r"string_agg(CAST(\1 AS TEXT),"),
    (re.compile(r"([\w.]+) = (\?|:\w+) COLLATE NOCASE"), r"lower(\1) = lower(\2)"),
    (re.compile(r"\bmax\(1, "), "greatest(1, "),
    (re.compile(r"\bsearch MATCH \?"), "search.terms @@ CAST(? AS tsquery)"),
    (re.compile(r"\bsearch\.rowid\b"), "search.article_pk"),
    (re.compile(r"\bWHERE 1\b(?! *=)"), "WHERE TRUE"),
    (re.compile(r"\)\s*WHERE date IS NOT NULL"), ") AS dated WHERE date IS NOT NULL"),
    (
        re.compile(r"SELECT value FROM json_each\(([?]|:\w+)\)"),
        r"SELECT value FROM json_array_elements_text(CAST(\1 AS json))",
    ),
    (
        re.compile(r"WHERE pk IN \(SELECT value FROM"),
        "WHERE CAST(pk AS TEXT) IN (SELECT value FROM",
    ),
    (
        re.compile(r"article_pk IN \(SELECT value FROM"),
        "CAST(article_pk AS TEXT) IN (SELECT value FROM",
    ),
)
_GLOB_YEAR = "GLOB '[0-9][0-9][0-9][0-9]*'"
_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT OR IGNORE INTO", re.IGNORECASE)
_RETURNING = {"articles": "pk", "entities": "pk", "stories": "id"}
_INSERT_INTO = re.compile(r"^\s*INSERT INTO (\w+)", re.IGNORECASE)

ParamFn = Callable[[Sequence[Any]], Sequence[Any]]


REWRITES: dict[str, tuple[str, ParamFn]] = {
    "INSERT INTO search (rowid, base, stem) VALUES (?, ?, ?)": (INSERT_SQL, insert_params),
}
"""SQLite statements whose PostgreSQL form is not a translation: (statement, parameter map)."""


@lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """The PostgreSQL form of one SQLite statement of the store (parameters become %s)."""
    sql = sql.replace(_GLOB_YEAR, "~ '^[0-9]{4}'")
    parts: list[str] = []
    cursor = 0
    for literal in _LITERAL.finditer(sql):
        parts += [_code(sql[cursor : literal.start()]), literal.group().replace("%", "%%")]
        cursor = literal.end()
    parts.append(_code(sql[cursor:]))
    out = "".join(parts)
    if _INSERT_OR_IGNORE.match(out):
        out = _INSERT_OR_IGNORE.sub("INSERT INTO", out, count=1) + " ON CONFLICT DO NOTHING"
    return out


def _code(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return _PARAM.sub(_param, text)


def _param(match: re.Match[str]) -> str:
    if match.group() == "?":
        return "%s"
    if match.group() == "%":
        return "%%"
    return f"%({match.group(1)})s"


def returning_column(sql: str) -> str | None:
    """The generated key an ``INSERT`` into ``sql``'s table returns (for ``lastrowid``)."""
    match = _INSERT_INTO.match(sql)
    return _RETURNING.get(match.group(1)) if match else None


class PgCursor:
    """The answer of one statement, with ``lastrowid`` like sqlite3's."""

    def __init__(self, cursor: Any, lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self._cursor.fetchall())

    def fetchmany(self, size: int) -> list[Any]:
        return list(self._cursor.fetchmany(size))

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor)


_MATCH = "search MATCH ?"
_FTS_PHRASE = re.compile(r'(base|stem) : "([^"]*)"( \*)?')
_FTS_OPERATORS = {" AND ": " & ", " OR ": " | ", " NOT ": " & !"}


def fts_to_tsquery(fts: str) -> str:
    """The ``tsquery`` of an FTS5 expression built by :mod:`marsad.store.query` (for the SQL
    that passes ``parse_query(...).fts`` to ``search MATCH ?``)."""

    def phrase(match: re.Match[str]) -> str:
        weight = "A" if match.group(1) == "base" else "B"
        return "(" + chain(fts_tokens(match.group(2)), weight, bool(match.group(3))) + ")"

    out = _FTS_PHRASE.sub(phrase, fts)
    for word, operator in _FTS_OPERATORS.items():
        out = out.replace(word, operator)
    return out


def _match_params(sql: str, params: Sequence[Any]) -> Sequence[Any]:
    """``params`` with the FTS5 expression bound to ``search MATCH ?`` made a tsquery."""
    index = sql[: sql.index(_MATCH)].count("?")
    values = list(params)
    values[index] = fts_to_tsquery(str(values[index]))
    return values


class PgConnection:
    """A psycopg connection that runs the store's SQLite-dialect statements."""

    def __init__(self, conn: Any) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> PgCursor:
        statement, values = self._statement(sql, params)
        key = returning_column(statement)
        if key is not None:
            statement += f" RETURNING {key}"
        cursor = self.raw.cursor()
        cursor.execute(statement, values)
        lastrowid = None
        if key is not None:
            row = cursor.fetchone() if cursor.rowcount else None
            lastrowid = int(row[0]) if row else None
        return PgCursor(cursor, lastrowid)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> PgCursor:
        cursor = self.raw.cursor()
        rows = list(rows)
        if rows:
            statement, _ = self._statement(sql, rows[0])
            fix = REWRITES[sql][1] if sql in REWRITES else None
            cursor.executemany(statement, [fix(r) for r in rows] if fix else rows)
        return PgCursor(cursor)

    def close(self) -> None:
        self.raw.close()

    @staticmethod
    def _statement(
        sql: str, params: Sequence[Any] | dict[str, Any]
    ) -> tuple[str, Sequence[Any] | dict[str, Any]]:
        if sql in REWRITES:
            statement, fix = REWRITES[sql]
            return statement, fix(params) if not isinstance(params, dict) else params
        if _MATCH in sql and not isinstance(params, dict):
            params = _match_params(sql, params)
        return translate(sql), params
