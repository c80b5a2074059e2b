"""Read-only questions to the collection: entity profiles, events, timelines, rejects, stats."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from marsad.errors import NotFoundError, QueryError
from marsad.store.entities import find_entity_pks
from marsad.store.filters import day_bound, event_type
from marsad.store.records import EntityProfile, EntitySummary, Row

PROFILE_LIMIT = 20
TIMELINE_WINDOW = 200
"""A date is on an entity's timeline when it lies within this many characters of a mention."""
_ISO3 = re.compile(r"[A-Za-z]{3}")
_CONCRETE = "GLOB '[0-9][0-9][0-9][0-9]*'"


def rows(cursor: sqlite3.Cursor) -> list[Row]:
    """The cursor's rows as dicts keyed by column name."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def entity_summary(conn: sqlite3.Connection, pk: int) -> EntitySummary:
    row = conn.execute(
        """SELECT key, type, name, latin, kb, roles,
             (SELECT coalesce(sum(mentions), 0) FROM entity_months WHERE entity_pk = e.pk),
             (SELECT count(DISTINCT article_pk) FROM article_entities WHERE entity_pk = e.pk)
           FROM entities e WHERE pk = ?""",
        (pk,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no entity with pk {pk}")
    aliases = [
        r[0]
        for r in conn.execute(
            "SELECT alias FROM aliases WHERE entity_pk = ? ORDER BY alias LIMIT 50", (pk,)
        )
    ]
    key, type_, name, latin, kb, roles, mentions, articles = row
    return EntitySummary(
        key, type_, name, latin, json.loads(kb), json.loads(roles), aliases, mentions, articles
    )


def resolve_entity(conn: sqlite3.Connection, name: str) -> tuple[int, list[int]]:
    """The best entity named ``name`` and the other candidates; :class:`NotFoundError` if none."""
    pks = find_entity_pks(conn, name)
    if not pks:
        raise NotFoundError(f"no entity in the collection is named {name!r}")
    return pks[0], pks[1:]


def entity_profile(conn: sqlite3.Connection, name: str) -> EntityProfile:
    """Aliases, Latin name, roles, mentions by month, co-mentioned entities and quotes."""
    pk, others = resolve_entity(conn, name)
    return EntityProfile(
        entity=entity_summary(conn, pk),
        by_month=_mentions_by_month(conn, pk),
        co_mentioned=_co_mentioned(conn, pk),
        quotes=_quotes_by(conn, pk),
        others=[entity_summary(conn, o) for o in others[:PROFILE_LIMIT]],
    )


def _mentions_by_month(conn: sqlite3.Connection, pk: int) -> list[Row]:
    """Mentions and articles per publication month, from the maintained counts
    (:mod:`marsad.store.entity_counts`): exact, and read in one index range."""
    return rows(
        conn.execute(
            """SELECT month, mentions, articles FROM entity_months
               WHERE entity_pk = ? ORDER BY month""",
            (pk,),
        )
    )


def _co_mentioned(conn: sqlite3.Connection, pk: int) -> list[Row]:
    """The entities named in the most articles together with ``pk`` (exact counts over the whole
    collection, from the maintained ``entity_comentions``)."""
    return rows(
        conn.execute(
            """SELECT e.key AS id, e.name, e.type, e.latin, top.articles FROM (
                 SELECT other_pk, articles FROM entity_comentions WHERE entity_pk = ?
                 ORDER BY articles DESC, other_pk LIMIT ?
               ) AS top JOIN entities e ON e.pk = top.other_pk
               ORDER BY top.articles DESC, e.pk""",
            (pk, PROFILE_LIMIT),
        )
    )


def _quotes_by(conn: sqlite3.Connection, pk: int) -> list[Row]:
    """The entity's latest quotes, put in date order by the narrow ``article_facets`` rows."""
    return rows(
        conn.execute(
            """SELECT a.id AS article, a.published, q.text, q.kind, q.cue_text AS cue FROM (
                 SELECT s.article_pk, s.idx, f.published_day FROM quotes s
                 JOIN article_facets f ON f.article_pk = s.article_pk
                 WHERE s.speaker_entity_pk = ?
                 ORDER BY f.published_day DESC, s.article_pk, s.idx LIMIT ?
               ) AS chosen
               JOIN quotes q ON q.article_pk = chosen.article_pk AND q.idx = chosen.idx
               JOIN articles a ON a.pk = chosen.article_pk
               ORDER BY chosen.published_day DESC, chosen.article_pk, chosen.idx""",
            (pk, PROFILE_LIMIT),
        )
    )


EVENT_COLUMNS = """
  a.id || '#' || e.idx AS event_id, a.id AS article_id, a.published, a.source AS outlet,
  e.type AS event_type, e.mode, e.cameo,
  e.source_text AS source_actor, substr(e.source_code, 1, 3) AS source_country,
  trim(substr(e.source_code, 4)) AS source_sector, e.source_code, se.key AS source_entity,
  e.target_text AS target_actor, substr(e.target_code, 1, 3) AS target_country,
  trim(substr(e.target_code, 4)) AS target_sector, e.target_code, te.key AS target_entity,
  e.date AS event_date, e.location_text AS location, le.key AS location_entity,
  substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence,
  e.evidence_start, e.evidence_end, e.confidence, a.url
"""


def output_names(columns: str) -> tuple[str, ...]:
    """The output names of a SELECT list: ``expr AS name``, else the column after its table."""
    names: list[str] = []
    item: list[str] = []
    depth = 0
    for ch in columns + ",":
        if ch == "," and depth == 0:
            expr = " ".join("".join(item).split())
            names.append(expr.rsplit(" AS ", 1)[1] if " AS " in expr else expr.rsplit(".", 1)[-1])
            item = []
            continue
        depth += (ch == "(") - (ch == ")")
        item.append(ch)
    return tuple(names)


EVENT_FIELDS = output_names(EVENT_COLUMNS)
"""The columns of an events row, in order (the header of an events CSV, even an empty one)."""
EVENT_FROM = """
FROM events e JOIN articles a ON a.pk = e.article_pk
LEFT JOIN entities se ON se.pk = e.source_entity_pk
LEFT JOIN entities te ON te.pk = e.target_entity_pk
LEFT JOIN entities le ON le.pk = e.location_entity_pk
"""
_EVENT_DAY = f"(CASE WHEN e.date {_CONCRETE} THEN e.date ELSE a.published_day END)"


EVENT_SORTS: dict[str, str] = {
    "event_date": _EVENT_DAY,
    "published": "a.published",
    "outlet": "a.source",
    "event_type": "e.type",
    "source_actor": "e.source_text",
    "target_actor": "e.target_text",
    "location": "e.location_text",
    "confidence": "e.confidence",
}
"""The columns events can be sorted by (output column name -> SQL expression): a whitelist."""
DEFAULT_EVENT_SORT = "event_date"
SORT_ORDERS = ("asc", "desc")


def event_order(sort: str | None, order: str | None) -> str:
    """The ``ORDER BY`` of an events listing sorted by ``sort`` (a name of :data:`EVENT_SORTS`)
    in ``order`` (asc or desc). Empty values come last either way; ties go by date, article and
    position, so pages never overlap. Raises :class:`QueryError` for any other value."""
    column = sort or DEFAULT_EVENT_SORT
    if column not in EVENT_SORTS:
        raise QueryError(f"sort {column!r} is not one of {', '.join(EVENT_SORTS)}")
    direction = (order or "asc").lower()
    if direction not in SORT_ORDERS:
        raise QueryError(f"order {order!r} is not one of {', '.join(SORT_ORDERS)}")
    expression = EVENT_SORTS[column]
    ties = "a.pk, e.idx" if column == DEFAULT_EVENT_SORT else f"{_EVENT_DAY}, a.pk, e.idx"
    return f"({expression}) IS NULL, {expression} {direction.upper()}, {ties}"


def events(
    conn: sqlite3.Connection,
    *,
    actor: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    sort: str | None = None,
    order: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Row]:
    """Events (flat PLOVER/POLECAT-like rows) by actor country, type and date, sorted over the
    whole selection by ``sort``/``order`` (:func:`event_order`; oldest first by default)."""
    where, params = _event_conditions(actor, type, since, until)
    sql = (
        f"SELECT {EVENT_COLUMNS} {EVENT_FROM} "
        f"WHERE {' AND '.join(where) or '1'} "
        f"ORDER BY {event_order(sort, order)} LIMIT ? OFFSET ?"
    )
    return rows(conn.execute(sql, (*params, limit, offset)))


def _event_conditions(
    actor: str | None, type: str | None, since: str | None, until: str | None
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if actor:
        if not _ISO3.fullmatch(actor.strip()):
            raise QueryError(f"--actor {actor!r} is not an ISO 3166 alpha-3 code such as USA")
        where.append("(substr(e.source_code, 1, 3) = ? OR substr(e.target_code, 1, 3) = ?)")
        params += [actor.strip().upper()] * 2
    if type:
        where.append("e.type = ?")
        params.append(event_type(type))
    if since:
        where.append(f"{_EVENT_DAY} >= substr(?, 1, length({_EVENT_DAY}))")
        params.append(day_bound(since, last=False, option="since"))
    if until:
        where.append(f"substr({_EVENT_DAY}, 1, 10) <= ?")
        params.append(day_bound(until, last=True, option="until"))
    return where, params


def timeline(
    conn: sqlite3.Connection, name: str, limit: int = 200
) -> tuple[EntitySummary, list[Row]]:
    """Dated items about an entity: its events, dates near its mentions, articles naming it."""
    pk, _ = resolve_entity(conn, name)
    sql = f"""
      SELECT * FROM (
        SELECT {_EVENT_DAY} AS date, 'event' AS kind, a.id AS article_id,
          e.type || ': ' || coalesce(e.source_text, '?') || ' -> ' || coalesce(e.target_text, '?')
            AS what,
          substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS context
        FROM events e JOIN articles a ON a.pk = e.article_pk
        WHERE :pk IN (e.source_entity_pk, e.target_entity_pk, e.location_entity_pk)
        UNION
        SELECT t.value, 'time', a.id, t.text,
          substr(a.text, max(1, t.start - 60), t.end - t.start + 120)
        FROM mentions m JOIN times t ON t.article_pk = m.article_pk
          AND abs(t.start - m.start) <= {TIMELINE_WINDOW}
        JOIN articles a ON a.pk = m.article_pk
        WHERE m.entity_pk = :pk AND t.type = 'DATE' AND t.value {_CONCRETE}
        UNION
        SELECT a.published_day, 'article', a.id, coalesce(a.headline, ''), NULL
        FROM article_entities ae JOIN articles a ON a.pk = ae.article_pk
        WHERE ae.entity_pk = :pk AND a.published_day IS NOT NULL
      ) WHERE date IS NOT NULL ORDER BY date, kind, article_id LIMIT :limit
    """
    return entity_summary(conn, pk), rows(conn.execute(sql, {"pk": pk, "limit": limit}))


def rejects(
    conn: sqlite3.Connection, reason: str | None = None, limit: int = 100, offset: int = 0
) -> list[Row]:
    """Rejected inputs with their reason, in the order they were first seen."""
    where = "WHERE reason = ?" if reason else ""
    params: tuple[Any, ...] = (reason,) if reason else ()
    sql = (
        f"SELECT source, reason, detail, first_seen, last_seen FROM rejects {where} "
        "ORDER BY pk LIMIT ? OFFSET ?"
    )
    return rows(conn.execute(sql, (*params, limit, offset)))


TABLES = ("articles", "copies", "entities", "aliases", "mentions", "times", "quantities",
          "quotes", "events", "rejects", "duplicates", "stories", "story_articles")  # fmt: skip


def stats(conn: sqlite3.Connection) -> Row:
    """Counts per table and the main breakdowns of the collection."""
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    first, last = conn.execute(
        "SELECT min(published_day), max(published_day) FROM articles"
    ).fetchone()
    return {
        "counts": counts,
        "published": {"first": first, "last": last},
        "sources": _grouped(conn, "SELECT coalesce(source, '(none)'), count(*) FROM articles"),
        "pipeline_versions": _grouped(conn, "SELECT pipeline_version, count(*) FROM articles"),
        "entity_types": _grouped(conn, "SELECT type, count(*) FROM entities"),
        "event_types": _grouped(conn, "SELECT type, count(*) FROM events"),
        "reject_reasons": _grouped(conn, "SELECT reason, count(*) FROM rejects"),
    }


def _grouped(conn: sqlite3.Connection, select: str) -> dict[str, int]:
    sql = f"{select} GROUP BY 1 ORDER BY 2 DESC, 1"
    return {str(k): int(v) for k, v in conn.execute(sql)}
