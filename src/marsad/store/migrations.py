"""Named schema migrations of the SQLite store, applied in order and recorded in ``migrations``.

A migration is applied once, inside one transaction together with its row in ``migrations``, so an
interrupted upgrade leaves the database as it was. New migrations are appended to
:data:`MIGRATIONS`; an applied one is never edited.

Articles carry an integer ``pk`` (the rowid the search index and the layer tables refer to) and the
``id`` a user sees. Layer tables (mentions, times, quantities, quotes, events) hold one row per
record of an article's Document, with spans into ``articles.text``; entity references in them are
collection-level entities (``entities.pk``). ``duplicates`` and ``stories`` refer to articles by
their ``id``.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from marsad.errors import StoreError

_ARTICLES = """
CREATE TABLE articles (
  pk INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  headline TEXT, agency TEXT, byline TEXT,
  published TEXT, published_day TEXT,
  url TEXT, source TEXT, language TEXT,
  pipeline_version TEXT NOT NULL,
  document TEXT NOT NULL, input_meta TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published_day ON articles(published_day);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_pipeline ON articles(pipeline_version);
CREATE TABLE copies (
  article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
  id TEXT NOT NULL, url TEXT, source TEXT, published TEXT,
  PRIMARY KEY (article_pk, id)
);
CREATE TABLE rejects (
  pk INTEGER PRIMARY KEY,
  source TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT NOT NULL,
  first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
  UNIQUE (source, reason)
);
"""

_ENTITIES = """
CREATE TABLE entities (
  pk INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL, name TEXT NOT NULL, latin TEXT,
  kb TEXT NOT NULL DEFAULT '{}', roles TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX entities_type ON entities(type);
CREATE TABLE entity_keys (
  key TEXT PRIMARY KEY,
  entity_pk INTEGER NOT NULL REFERENCES entities(pk)
) WITHOUT ROWID;
CREATE INDEX entity_keys_entity ON entity_keys(entity_pk);
CREATE TABLE aliases (
  entity_pk INTEGER NOT NULL REFERENCES entities(pk),
  folded TEXT NOT NULL, alias TEXT NOT NULL,
  PRIMARY KEY (entity_pk, folded)
) WITHOUT ROWID;
CREATE INDEX aliases_folded ON aliases(folded);
CREATE TABLE article_entities (
  article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
  doc_entity TEXT NOT NULL,
  entity_pk INTEGER NOT NULL REFERENCES entities(pk),
  PRIMARY KEY (article_pk, doc_entity)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity_pk, article_pk);
"""

_LAYERS = """
CREATE TABLE mentions (
  article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  text TEXT NOT NULL, type TEXT NOT NULL, doc_entity TEXT,
  entity_pk INTEGER REFERENCES entities(pk),
  PRIMARY KEY (article_pk, idx)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity_pk);
CREATE VIEW entity_mentions AS
  SELECT article_pk, entity_pk, start, end, text FROM mentions WHERE entity_pk IS NOT NULL;
CREATE TABLE times (
  article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL,
  range_start TEXT, range_end TEXT,
  PRIMARY KEY (article_pk, idx)
) WITHOUT ROWID;
CREATE INDEX times_range ON times(range_start);
CREATE TABLE quantities (
  article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  text TEXT NOT NULL, kind TEXT NOT NULL, value REAL, unit TEXT,
  PRIMARY KEY (article_pk, idx)
) WITHOUT ROWID;
CREATE TABLE quotes (
  article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
  idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
  text TEXT NOT NULL, kind TEXT NOT NULL,
  cue_start INTEGER, cue_end INTEGER, cue_text TEXT,
  speaker_start INTEGER, speaker_end INTEGER, speaker_text TEXT,
  speaker_entity_pk INTEGER REFERENCES entities(pk),
  PRIMARY KEY (article_pk, idx)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker ON quotes(speaker_entity_pk);
CREATE TABLE events (
  article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
  idx INTEGER NOT NULL, type TEXT NOT NULL, cameo TEXT, mode TEXT,
  source_text TEXT, source_start INTEGER, source_end INTEGER,
  source_entity_pk INTEGER REFERENCES entities(pk), source_code TEXT,
  target_text TEXT, target_start INTEGER, target_end INTEGER,
  target_entity_pk INTEGER REFERENCES entities(pk), target_code TEXT,
  date TEXT, location_text TEXT, location_entity_pk INTEGER REFERENCES entities(pk),
  evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, confidence REAL NOT NULL,
  PRIMARY KEY (article_pk, idx)
) WITHOUT ROWID;
CREATE INDEX events_type ON events(type);
CREATE INDEX events_source_code ON events(source_code);
CREATE INDEX events_target_code ON events(target_code);
CREATE INDEX events_date ON events(date);
"""

_CLUSTERS = """
CREATE TABLE duplicates (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  duplicate_of TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  similarity REAL NOT NULL, kind TEXT NOT NULL,
  PRIMARY KEY (article_id, duplicate_of)
);
CREATE INDEX duplicates_of ON duplicates(duplicate_of);
CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  headline TEXT NOT NULL, first_date TEXT, last_date TEXT
);
CREATE TABLE story_articles (
  story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles(article_id);
"""

# A cache of the story encoder's vector of each article (float16, base64 TEXT so the PostgreSQL
# translation needs no BLOB rule); ``key`` is a hash of the model and the embedded text.
_STORY_VECTORS = """
CREATE TABLE story_vectors (
  article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  key TEXT NOT NULL, vector TEXT NOT NULL
);
"""

# The index holds only analysed terms (marsad.store.terms), never the raw text: FTS5's own
# tokenizer would split Arabic words at their diacritics. '.' keeps decimals (3.5) whole.
_SEARCH = """
CREATE VIRTUAL TABLE search USING fts5(
  base, stem, content='', tokenize="unicode61 remove_diacritics 0 tokenchars '.'"
);
"""

# Per-entity counts kept up to date by the writer in each article's transaction
# (marsad.store.entity_counts), so an entity profile reads a few rows however often the entity
# is named: in how many articles each pair of entities is named together (both directions), and
# each entity's mentions and articles per publication month. The INSERTs fill them for a
# collection written before this migration.
_ENTITY_COUNTS = """
CREATE TABLE entity_comentions (
  entity_pk INTEGER NOT NULL, other_pk INTEGER NOT NULL, articles INTEGER NOT NULL,
  PRIMARY KEY (entity_pk, other_pk)
) WITHOUT ROWID;
CREATE TABLE entity_months (
  entity_pk INTEGER NOT NULL, month TEXT NOT NULL,
  mentions INTEGER NOT NULL, articles INTEGER NOT NULL,
  PRIMARY KEY (entity_pk, month)
) WITHOUT ROWID;
INSERT INTO entity_comentions (entity_pk, other_pk, articles)
  SELECT own.entity_pk, other.entity_pk, count(*)
  FROM (SELECT DISTINCT article_pk, entity_pk FROM article_entities) AS own
  JOIN (SELECT DISTINCT article_pk, entity_pk FROM article_entities) AS other
    ON other.article_pk = own.article_pk AND other.entity_pk != own.entity_pk
  GROUP BY own.entity_pk, other.entity_pk;
INSERT INTO entity_months (entity_pk, month, mentions, articles)
  SELECT m.entity_pk, coalesce(substr(a.published_day, 1, 7), 'undated'), count(*),
    count(DISTINCT m.article_pk)
  FROM mentions m JOIN articles a ON a.pk = m.article_pk
  WHERE m.entity_pk IS NOT NULL
  GROUP BY m.entity_pk, coalesce(substr(a.published_day, 1, 7), 'undated');
"""

# Lookups of an entity profile that would otherwise scan a table: a Latin name in any case, the
# events an entity is the source or the target of.
_ENTITY_INDEXES = """
CREATE INDEX entities_latin ON entities(latin COLLATE NOCASE);
CREATE INDEX events_source_entity ON events(source_entity_pk);
CREATE INDEX events_target_entity ON events(target_entity_pk);
"""

# What search facets count of each article, in one narrow row kept by the writer with the
# article (marsad.store.entity_counts): its source, publication day and the distinct entities
# it names (entity pks separated by spaces), so facets over a thousand matches read a thousand
# short rows instead of the wide article rows and ten times as many article_entities rows, and
# an entity's events and quotes are put in date order without reading their articles.
_ARTICLE_FACETS = """
CREATE TABLE article_facets (
  article_pk INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
  source TEXT, published_day TEXT, entities TEXT NOT NULL
);
INSERT INTO article_facets (article_pk, source, published_day, entities)
  SELECT a.pk, a.source, a.published_day, coalesce((
    SELECT group_concat(d.entity_pk, ' ') FROM (
      SELECT DISTINCT entity_pk FROM article_entities WHERE article_pk = a.pk) AS d), '')
  FROM articles a;
"""

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_articles", _ARTICLES),
    ("0002_entities", _ENTITIES),
    ("0003_layers", _LAYERS),
    ("0004_duplicates_stories", _CLUSTERS),
    ("0005_search", _SEARCH),
    ("0006_story_vectors", _STORY_VECTORS),
    ("0007_entity_counts", _ENTITY_COUNTS),
    ("0008_entity_indexes", _ENTITY_INDEXES),
    ("0009_article_facets", _ARTICLE_FACETS),
)
"""Every migration, in order: (name, SQL script)."""


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations already applied to ``conn``'s database, in order."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def migrate(conn: sqlite3.Connection, path: str) -> list[str]:
    """Apply the pending migrations; returns their names. ``path`` names the database in errors."""
    done = applied(conn)
    known = [name for name, _ in MIGRATIONS]
    unknown = [name for name in done if name not in known]
    if unknown:
        raise StoreError(
            f"database {path} has migrations this Marsad does not know ({', '.join(unknown)}): "
            "it was written by a newer version"
        )
    pending = [(name, sql) for name, sql in MIGRATIONS if name not in done]
    for name, sql in pending:
        _apply(conn, name, sql, path)
    return [name for name, _ in pending]


def _apply(conn: sqlite3.Connection, name: str, sql: str, path: str) -> None:
    statements = [s.strip() for s in sql.split(";\n") if s.strip()]
    try:
        conn.execute("BEGIN IMMEDIATE")
        for statement in statements:
            conn.execute(statement)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now))
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise StoreError(f"database {path}: migration {name} failed: {exc}") from exc
