"""Browsing a collection: entity profiles, events, timelines, rejections and statistics.

Each function opens the collection ``db`` (default: the ``db`` setting) read-mostly, answers one
question and closes it; a missing database is a :class:`~marsad.errors.StoreError`, not an empty
collection.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from marsad.components.kb import key_forms, load_kb
from marsad.config import load_settings
from marsad.errors import NotFoundError
from marsad.store import EntityProfile, EntitySummary, Row, Store, open_store

__all__ = [
    "EntityProfile", "EntitySummary", "Row", "entity_profile", "events", "find_profile", "rejects",
    "stats", "timeline",
]  # fmt: skip


def _open(db: str | Path | None) -> Store:
    return open_store(db or load_settings().db, create=False)


def entity_profile(name: str, *, db: str | Path | None = None) -> EntityProfile:
    """The entity named ``name`` (id, alias or Latin name): aliases, roles, mentions by month,
    co-mentioned entities and its quotes. Raises :class:`~marsad.errors.NotFoundError`."""
    with _open(db) as store:
        return find_profile(store, name)


class _Profiles(Protocol):
    def entity(self, name: str) -> EntityProfile: ...


def find_profile(store: _Profiles, name: str) -> EntityProfile:
    """The profile of the entity named ``name`` in ``store``: by id, stored alias or Latin name,
    else through the knowledge base, so another spelling of a known referent (أمريكا where the
    collection only wrote أميركا or الولايات المتحدة) finds it by its identifiers."""
    try:
        return store.entity(name)
    except NotFoundError:
        for key in knowledge_base_keys(name):
            try:
                return store.entity(key)
            except NotFoundError:
                continue
        raise


def knowledge_base_keys(name: str) -> Iterator[str]:
    """The identifiers (``wikidata:Q30``, ``iso3:USA`` ...) of the one referent the knowledge base
    knows by ``name`` (with or without proclitics), best first; nothing for an unknown or
    ambiguous name."""
    kb = load_kb()
    for form in key_forms(name):
        record = kb.place(form) or kb.organization(form) or kb.person(form)
        if record is not None:
            ids = (f"{k}:{v}" for k, v in record.kb if k in ("wikidata", "geonames", "iso3"))
            yield from dict.fromkeys((record.id, *ids))
            return


def events(
    *,
    db: str | Path | None = None,
    actor: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    sort: str | None = None,
    order: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Row]:
    """Events as flat PLOVER/POLECAT-like rows: ``actor`` an ISO3 country of the source or
    target, ``type`` a PLOVER type, ``since``/``until`` ISO dates (event date, else the
    article's), sorted by the column ``sort`` (default event_date) in ``order`` (asc, desc)."""
    with _open(db) as store:
        return store.events(
            actor=actor, type=type, since=since, until=until, sort=sort, order=order,
            limit=limit, offset=offset,
        )  # fmt: skip


def timeline(
    name: str, *, db: str | Path | None = None, limit: int = 200
) -> tuple[EntitySummary, list[Row]]:
    """The dated items about an entity, oldest first: its events, dates written near its
    mentions, and the articles that name it."""
    with _open(db) as store:
        return store.timeline(name, limit)


def rejects(
    *, db: str | Path | None = None, reason: str | None = None, limit: int = 100, offset: int = 0
) -> list[Row]:
    """The inputs that were rejected, with their reason and detail."""
    with _open(db) as store:
        return store.rejects(reason, limit, offset)


def stats(*, db: str | Path | None = None) -> Row:
    """Counts per table and the main breakdowns (sources, versions, types, reject reasons)."""
    with _open(db) as store:
        return store.stats()
