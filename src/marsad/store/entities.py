"""Collection-level entities: the same person, place or body across articles becomes one entity.

A document's entity is looked up by its merge keys. *Strong* keys come from a knowledge base
(``wikidata:Q30``, ``geonames:…``, ``iso3:USA``, or a document entity id with such a prefix);
*weak* keys are the stable Marsad id (``marsad:PER:<folded name>``), the normalized name with its
type and the Latin form with its type. An entity with a strong key merges only on strong keys, so
two people with one name but different knowledge-base ids stay apart; one without merges on its
weak keys. Every key of a merged entity is then registered, so a later bare mention of the name
finds the knowledge-base entity. Aliases (every surface form seen), a Latin name, knowledge-base
ids and roles accumulate on the merged entity.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable

from marsad.doc import Document, Entity, Role
from marsad.text.normalize import fold

STRONG_PREFIXES = ("wikidata", "geonames", "iso3")
MAX_ROLES = 20
"""Roles kept on a collection entity (the first seen)."""
LINKABLE_TYPES = frozenset({"PER", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
_SPACES = re.compile(r"\s+")


def folded_name(text: str) -> str:
    """A name folded for matching: MATCH folding, white space collapsed."""
    return _SPACES.sub(" ", fold(text)).strip()


def merge_keys(entity: Entity) -> tuple[list[str], list[str]]:
    """The strong and the weak merge keys of a document entity, best first."""
    strong: list[str] = []
    weak: list[str] = []
    prefix = entity.id.split(":", 1)[0] if ":" in entity.id else ""
    if prefix in STRONG_PREFIXES:
        strong.append(entity.id)
    for kb in STRONG_PREFIXES:
        value = entity.kb.get(kb)
        if value and (kb != "iso3" or entity.type in ("GPE", "NORP")):
            strong.append(f"{kb}:{value}")
    if prefix == "marsad":
        weak.append(entity.id)
    name_key = f"marsad:{entity.type}:{folded_name(entity.name)}"
    weak.append(name_key)
    if entity.latin:
        weak.append(f"latin:{entity.type}:{entity.latin.casefold().strip()}")
    return list(dict.fromkeys(strong)), list(dict.fromkeys(weak))


def link_entities(
    conn: sqlite3.Connection, doc: Document
) -> tuple[dict[str, int], list[str | None]]:
    """Merge the document's entities into the collection.

    Returns the map doc entity id -> entity pk, and each mention's doc entity id (taken from the
    mention, or, when the document has no entity layer, an id made from the mention's name).
    """
    if doc.entities:
        entities, links = doc.entities, [m.entity for m in doc.mentions]
    else:
        entities, links = _entities_from_mentions(doc)
    aliases: dict[str | None, list[str]] = {}
    for mention, link in zip(doc.mentions, links, strict=True):
        aliases.setdefault(link, []).append(mention.text)
    mapping: dict[str, int] = {}
    for entity in entities:
        pk = _resolve(conn, entity)
        mapping[entity.id] = pk
        names = dict.fromkeys([entity.name, *aliases.get(entity.id, [])])
        conn.executemany(
            "INSERT OR IGNORE INTO aliases (entity_pk, folded, alias) VALUES (?, ?, ?)",
            [(pk, folded_name(n), n) for n in names if n.strip()],
        )
    return mapping, links


def _entities_from_mentions(doc: Document) -> tuple[list[Entity], list[str | None]]:
    """Without an entity layer, each named mention stands for an entity of its type and name."""
    out: dict[str, Entity] = {}
    links: list[str | None] = []
    for mention in doc.mentions:
        if mention.type not in LINKABLE_TYPES:
            links.append(None)
            continue
        key = f"marsad:{mention.type}:{folded_name(mention.text)}"
        out.setdefault(key, Entity(key, mention.type, mention.text))
        links.append(key)
    return list(out.values()), links


def _resolve(conn: sqlite3.Connection, entity: Entity) -> int:
    strong, weak = merge_keys(entity)
    pk = _lookup(conn, strong if strong else weak)
    if pk is None:
        key = (strong or weak)[0]
        pk = _insert(conn, key, entity)
    else:
        _enrich(conn, pk, entity)
    conn.executemany(
        "INSERT OR IGNORE INTO entity_keys (key, entity_pk) VALUES (?, ?)",
        [(k, pk) for k in (*strong, *weak)],
    )
    return pk


def _lookup(conn: sqlite3.Connection, keys: Iterable[str]) -> int | None:
    for key in keys:
        row = conn.execute("SELECT entity_pk FROM entity_keys WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return int(row[0])
    return None


def _insert(conn: sqlite3.Connection, key: str, entity: Entity) -> int:
    cursor = conn.execute(
        "INSERT INTO entities (key, type, name, latin, kb, roles) VALUES (?, ?, ?, ?, ?, ?)",
        (
            key,
            entity.type,
            entity.name,
            entity.latin,
            _dumps(entity.kb),
            _dumps(_roles(entity.roles)),
        ),
    )
    return int(cursor.lastrowid or 0)


def _enrich(conn: sqlite3.Connection, pk: int, entity: Entity) -> None:
    """Add what ``entity`` knows and the stored entity lacks: Latin name, kb ids, roles."""
    latin, kb_text, roles_text = conn.execute(
        "SELECT latin, kb, roles FROM entities WHERE pk = ?", (pk,)
    ).fetchone()
    kb = {**entity.kb, **json.loads(kb_text)}
    roles = json.loads(roles_text)
    titles = {r["title"] for r in roles}
    roles += [r for r in _roles(entity.roles) if r["title"] not in titles]
    roles = roles[:MAX_ROLES]
    new = (latin or entity.latin, _dumps(kb), _dumps(roles))
    if new != (latin, kb_text, roles_text):
        conn.execute("UPDATE entities SET latin = ?, kb = ?, roles = ? WHERE pk = ?", (*new, pk))


def _roles(roles: list[Role]) -> list[dict[str, str | None]]:
    return [r.to_dict() for r in roles]


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def find_entity_pks(conn: sqlite3.Connection, text: str) -> list[int]:
    """Entities named ``text``: by id (merge key), alias or Latin name; most mentioned first."""
    name = folded_name(text)
    rows = conn.execute(
        """
        SELECT entity_pk FROM entity_keys WHERE key = :text
        UNION SELECT entity_pk FROM aliases WHERE folded = :name
        UNION SELECT pk FROM entities WHERE latin = :text COLLATE NOCASE
        """,
        {"text": text.strip(), "name": name},
    ).fetchall()
    pks = [int(r[0]) for r in rows]
    counts = {pk: _mention_count(conn, pk) for pk in pks}
    return sorted(pks, key=lambda pk: (-counts[pk], pk))


def _mention_count(conn: sqlite3.Connection, pk: int) -> int:
    """The entity's mentions, from the maintained monthly counts (a few rows, not thousands)."""
    sql = "SELECT coalesce(sum(mentions), 0) FROM entity_months WHERE entity_pk = ?"
    return int(conn.execute(sql, (pk,)).fetchone()[0])
