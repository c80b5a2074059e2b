"""Parquet shards: analysed documents written by the workers, loaded into a store later.

``marsad ingest PATH... --engine ray --shards DIR`` writes, for each block of records a worker
analyses, one Parquet file per table under ``DIR``::

    DIR/plan.json                     the input pieces (a rerun must name the same inputs)
    DIR/documents/<block>.parquet     one row per analysed article (written last: the block's
                                      completion mark)
    DIR/events/<block>.parquet        the tables of ``marsad export --format parquet``
    DIR/mentions/<block>.parquet
    DIR/quotes/<block>.parquet
    DIR/rejections/<block>.parquet    inputs rejected by the readers, and pipeline failures

``documents`` has the columns of the flat document export plus ``content_hash``, ``input_meta``
and ``document``, the full ``marsad.document/1`` JSON, so nothing of the analysis is lost; every
documents and rejections row carries its place in the input (``piece``, ``seq``). Events rows
carry ``piece``/``seq`` too (the JSON rounds an event's confidence, the table keeps it). The entity
columns of events, mentions and quotes hold the document entity's merge key (the collection's key
for a new entity; after merging in a store, :mod:`marsad.store.entities` may pick another).

A block's files are written under temporary names and renamed, ``documents`` last, so a killed
job leaves whole blocks (and stray files of unfinished ones, removed by :func:`clean`).
:func:`read_block` gives a block's entries back in input order for :mod:`marsad.scale.load`.
Needs ``pyarrow`` (``pip install 'marsad[parquet]'``).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.doc import Actor, Document, Entity
from marsad.errors import ConfigError, InputError
from marsad.scale.inputs import Piece
from marsad.services.collection import FAILED
from marsad.services.parallel import Outcome
from marsad.store import PreparedArticle
from marsad.store.entities import LINKABLE_TYPES, folded_name, merge_keys
from marsad.store.terms import index_columns

PLAN = "plan.json"
DONE = "done.json"
"""Written when a shard job has analysed every record; `marsad load` refuses a folder without."""
DOCUMENTS = "documents"
REJECTIONS = "rejections"
TABLES = (DOCUMENTS, "events", "mentions", "quotes", REJECTIONS)
"""Every table of a block; ``documents`` is written last."""

_S, _I, _F = "string", "int64", "float64"
SCHEMAS: dict[str, tuple[tuple[str, str], ...]] = {
    DOCUMENTS: (
        ("id", _S), ("published", _S), ("source", _S), ("url", _S), ("headline", _S),
        ("agency", _S), ("byline", _S), ("pipeline_version", _S), ("text", _S),
        ("mentions", _I), ("events", _I), ("quotes", _I), ("duplicate_of", _S), ("stories", _S),
        ("content_hash", _S), ("input_meta", _S), ("document", _S), ("piece", _I), ("seq", _I),
    ),
    "events": (
        ("event_id", _S), ("article_id", _S), ("published", _S), ("outlet", _S),
        ("event_type", _S), ("mode", _S), ("cameo", _S), ("source_actor", _S),
        ("source_country", _S), ("source_sector", _S), ("source_code", _S),
        ("source_entity", _S), ("target_actor", _S), ("target_country", _S),
        ("target_sector", _S), ("target_code", _S), ("target_entity", _S), ("event_date", _S),
        ("location", _S), ("location_entity", _S), ("evidence", _S), ("evidence_start", _I),
        ("evidence_end", _I), ("confidence", _F), ("url", _S), ("piece", _I), ("seq", _I),
    ),
    "mentions": (
        ("article_id", _S), ("start", _I), ("end", _I), ("text", _S), ("type", _S),
        ("entity", _S), ("entity_name", _S), ("entity_latin", _S),
    ),
    "quotes": (
        ("article_id", _S), ("published", _S), ("start", _I), ("end", _I), ("text", _S),
        ("kind", _S), ("cue", _S), ("speaker", _S), ("speaker_entity", _S),
        ("speaker_latin", _S),
    ),
    REJECTIONS: (("source", _S), ("reason", _S), ("detail", _S), ("piece", _I), ("seq", _I)),
}  # fmt: skip
"""Column names and Arrow types of each table (the shard format, version 1)."""

Entry = InputError | Outcome
"""What a block holds for one input record: a rejection, or the pipeline's outcome."""
Row = dict[str, Any]


class ShardError(Exception):
    """A shard that cannot be read; ``path`` names the file."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        super().__init__(f"{path}: {detail}")


def pyarrow() -> tuple[Any, Any]:
    """``pyarrow`` and ``pyarrow.parquet``, or a :class:`ConfigError` saying how to get them."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError("Parquet shards need pyarrow: pip install 'marsad[parquet]'") from None
    return pa, pq


def block_name(piece: int, seq: int) -> str:
    """The file name of the block whose first record is ``seq`` of ``piece``: sorts by input."""
    return f"{piece:07d}-{seq:09d}.parquet"


# --- the plan -------------------------------------------------------------------------------


def _planned(pieces: Sequence[Piece]) -> list[dict[str, object]]:
    """The plan's record of ``pieces``: as given, and with the absolute path (so a rerun from
    another folder, or with a relative path for an absolute one, is recognised)."""
    return [{**p.to_dict(), "resolved": Path(p.path).resolve().as_posix()} for p in pieces]


def _same(found: list[dict[str, object]], wanted: list[dict[str, object]]) -> bool:
    def key(piece: dict[str, object]) -> tuple[object, ...]:
        return piece.get("kind"), piece.get("resolved"), piece.get("first"), piece.get("last")

    return [key(p) for p in found] == [key(p) for p in wanted]


def open_plan(root: Path, pieces: Sequence[Piece]) -> None:
    """Record ``pieces`` in ``root`` (new), or check that ``root`` holds shards of the same
    inputs; either way the job is unfinished until :func:`finish`."""
    wanted = _planned(pieces)
    path = root / PLAN
    if path.exists():
        try:
            found = json.loads(path.read_text(encoding="utf-8"))["pieces"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path} is not a Marsad shard plan ({exc})") from None
        if not _same(found, wanted):
            raise ConfigError(
                f"{root} holds shards of other inputs (see {path}): give the same inputs to "
                "finish that job, or another folder"
            )
        (root / DONE).unlink(missing_ok=True)
        return
    if root.exists() and any(root.iterdir()):
        raise ConfigError(f"{root} is not empty and holds no {PLAN}: use an empty folder")
    for table in TABLES:
        (root / table).mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"format": 1, "pieces": wanted}, indent=1), encoding="utf-8")
    os.replace(temporary, path)


def finish(root: Path) -> int:
    """Mark the shard job in ``root`` finished, recording its number of blocks; returns it."""
    count = len(complete_blocks(root))
    temporary = (root / DONE).with_suffix(".tmp")
    temporary.write_text(json.dumps({"format": 1, "blocks": count}), encoding="utf-8")
    os.replace(temporary, root / DONE)
    return count


def missing_blocks(root: Path) -> int:
    """How many finished blocks of the job in ``root`` are missing (0 when all are there).

    Raises :class:`ConfigError` when the job has not finished (a killed or running
    ``--shards`` job): loading it would silently store part of the inputs.
    """
    path = root / DONE
    if not path.is_file():
        raise ConfigError(
            f"{root} holds an unfinished shard job (no {DONE}): run the same `marsad ingest "
            f"... --engine ray --shards {root}` again to finish it, then load"
        )
    try:
        expected = int(json.loads(path.read_text(encoding="utf-8"))["blocks"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path} is not a Marsad shard record ({exc})") from None
    return max(expected - len(complete_blocks(root)), 0)


def complete_blocks(root: Path) -> list[Path]:
    """The documents files of the finished blocks under ``root``, in input order."""
    folder = root / DOCUMENTS
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".parquet")


def clean(root: Path) -> int:
    """Remove the files of unfinished blocks (a killed job's); returns how many."""
    done = {p.name for p in complete_blocks(root)}
    removed = 0
    for table in TABLES:
        folder = root / table
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.name.endswith(".tmp") or (path.suffix == ".parquet" and path.name not in done):
                path.unlink(missing_ok=True)
                removed += 1
    return removed


def done_records(root: Path) -> dict[int, set[int]]:
    """piece -> the record numbers already in a finished block (a rerun skips them)."""
    _, pq = pyarrow()
    done: dict[int, set[int]] = {}
    for documents in complete_blocks(root):
        for path in (documents, root / REJECTIONS / documents.name):
            try:
                table = pq.read_table(path, columns=["piece", "seq"])
            except (OSError, ValueError) as exc:
                raise ConfigError(
                    f"{path} is not a readable shard ({exc}): delete this block's files "
                    "(same name in every table folder) and run again"
                ) from None
            pieces, seqs = (table.column(c).to_pylist() for c in ("piece", "seq"))
            for piece, seq in zip(pieces, seqs, strict=True):
                done.setdefault(int(piece), set()).add(int(seq))
    return done


# --- writing a block --------------------------------------------------------------------------


def write_block(root: Path, entries: Sequence[tuple[int, int, Entry]]) -> dict[str, int]:
    """Write the tables of one block of ``(piece, seq, entry)``; returns rows per table."""
    pa, pq = pyarrow()
    if not entries:
        return {}
    rows: dict[str, list[Row]] = {table: [] for table in TABLES}
    for piece, seq, entry in entries:
        if isinstance(entry, InputError):
            rows[REJECTIONS].append(
                _rejection(piece, seq, entry.source, entry.reason, entry.detail)
            )
        elif entry.article is None:
            detail = entry.error or "the pipeline failed"
            rows[REJECTIONS].append(_rejection(piece, seq, str(entry.tag), FAILED, detail))
        else:
            article_rows(entry.article, piece, seq, rows)
    name = block_name(entries[0][0], entries[0][1])
    for table in (*TABLES[1:], DOCUMENTS):
        schema = pa.schema([(c, getattr(pa, t)()) for c, t in SCHEMAS[table]])
        data = pa.Table.from_pylist(rows[table], schema=schema)
        final = root / table / name
        temporary = final.with_name(final.name + ".tmp")
        pq.write_table(data, temporary, compression="zstd")
        os.replace(temporary, final)
    return {table: len(found) for table, found in rows.items()}


def _rejection(piece: int, seq: int, source: str, reason: str, detail: str) -> Row:
    return {"source": source, "reason": reason, "detail": detail, "piece": piece, "seq": seq}


def article_rows(
    article: PreparedArticle, piece: int, seq: int, rows: dict[str, list[Row]]
) -> None:
    """Add the rows of one analysed article to each table of ``rows``."""
    doc, meta = article.doc, article.doc.meta
    full = {"schema": None, "id": None, "text": doc.text, **json.loads(article.document)}
    rows[DOCUMENTS].append({
        "id": doc.id, "published": meta.published, "source": meta.source, "url": meta.url,
        "headline": meta.headline, "agency": meta.agency, "byline": meta.byline,
        "pipeline_version": article.pipeline_version, "text": doc.text,
        "mentions": len(doc.mentions), "events": len(doc.events), "quotes": len(doc.quotes),
        "duplicate_of": None, "stories": None, "content_hash": article.content_hash,
        "input_meta": json.dumps(article.input_meta, ensure_ascii=False),
        "document": json.dumps(full, ensure_ascii=False, separators=(",", ":")),
        "piece": piece, "seq": seq,
    })  # fmt: skip
    keys = _entity_keys(doc)
    for m, link in zip(doc.mentions, _mention_links(doc), strict=True):
        entity = keys.get(link or "")
        rows["mentions"].append({
            "article_id": doc.id, "start": m.start, "end": m.end, "text": m.text, "type": m.type,
            "entity": entity[0] if entity else None, "entity_name": entity[1] if entity else None,
            "entity_latin": entity[2] if entity else None,
        })  # fmt: skip
    for q in doc.quotes:
        speaker = keys.get(q.speaker.entity or "") if q.speaker else None
        rows["quotes"].append({
            "article_id": doc.id, "published": meta.published, "start": q.start, "end": q.end,
            "text": q.text, "kind": q.kind, "cue": q.cue.text if q.cue else None,
            "speaker": q.speaker.text if q.speaker else None,
            "speaker_entity": speaker[0] if speaker else None,
            "speaker_latin": speaker[2] if speaker else None,
        })  # fmt: skip
    for i, e in enumerate(doc.events):
        location = keys.get(e.location.entity or "") if e.location else None
        rows["events"].append({
            "event_id": f"{doc.id}#{i}", "article_id": doc.id, "published": meta.published,
            "outlet": meta.source, "event_type": e.type, "mode": e.mode, "cameo": e.cameo,
            **_actor("source", e.source, keys), **_actor("target", e.target, keys),
            "event_date": e.date, "location": e.location.text if e.location else None,
            "location_entity": location[0] if location else None,
            "evidence": doc.text[e.evidence.start : e.evidence.end],
            "evidence_start": e.evidence.start, "evidence_end": e.evidence.end,
            "confidence": e.confidence, "url": meta.url, "piece": piece, "seq": seq,
        })  # fmt: skip


def _entity_keys(doc: Document) -> dict[str, tuple[str, str, str | None]]:
    """doc entity id -> (merge key, name, Latin name)."""
    entities = doc.entities or [
        Entity(link, m.type, m.text)
        for m, link in zip(doc.mentions, _mention_links(doc), strict=True)
        if link is not None
    ]
    out: dict[str, tuple[str, str, str | None]] = {}
    for entity in entities:
        strong, weak = merge_keys(entity)
        out.setdefault(entity.id, ((strong or weak)[0], entity.name, entity.latin))
    return out


def _mention_links(doc: Document) -> list[str | None]:
    """Each mention's doc entity id (as :func:`marsad.store.entities.link_entities` links it)."""
    if doc.entities:
        return [m.entity for m in doc.mentions]
    return [
        f"marsad:{m.type}:{folded_name(m.text)}" if m.type in LINKABLE_TYPES else None
        for m in doc.mentions
    ]


def _actor(role: str, actor: Actor | None, keys: dict[str, tuple[str, str, str | None]]) -> Row:
    if actor is None:
        return {f"{role}_{c}": None for c in ("actor", "country", "sector", "code", "entity")}
    code, entity = actor.code, keys.get(actor.entity or "")
    return {
        f"{role}_actor": actor.text, f"{role}_country": code[:3] if code else None,
        f"{role}_sector": code[3:].strip() if code else None, f"{role}_code": code,
        f"{role}_entity": entity[0] if entity else None,
    }  # fmt: skip


# --- reading a block back ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Block:
    """A finished block: its documents file and how many entries it holds."""

    path: Path
    rows: int


def blocks(root: Path) -> list[Block]:
    """The finished blocks under ``root`` with their row counts (from the Parquet footers).

    A file whose footer cannot be read counts 0 rows; :func:`read_block` reports it.
    """
    _, pq = pyarrow()
    out = []
    for path in complete_blocks(root):
        count = 0
        for part in (path, root / REJECTIONS / path.name):
            with contextlib.suppress(OSError, ValueError, TypeError):
                count += int(pq.ParquetFile(part).metadata.num_rows)
        out.append(Block(path, count))
    return out


def read_block(root: Path, documents: Path) -> Iterator[Entry]:
    """The entries of the block whose documents file is ``documents``, in input order.

    Raises :class:`ShardError` naming the file when a table is missing, unreadable or malformed
    (before any entry is yielded).
    """
    confidences: dict[tuple[int, int], list[float]] = {}
    for row in _read(root / "events" / documents.name, SCHEMAS["events"]):
        confidences.setdefault((row["piece"], row["seq"]), []).append(row["confidence"])
    rows: list[tuple[int, int, Entry]] = []
    for row in _read(documents, SCHEMAS[DOCUMENTS]):
        place = (row["piece"], row["seq"])
        rows.append((*place, _outcome(documents, row, confidences.get(place, []))))
    rejections = root / REJECTIONS / documents.name
    for row in _read(rejections, SCHEMAS[REJECTIONS]):
        if row["reason"] == FAILED:
            entry: Entry = Outcome(row["source"], None, row["detail"])
        else:
            entry = InputError(row["source"], row["reason"], row["detail"])
        rows.append((row["piece"], row["seq"], entry))
    rows.sort(key=lambda r: (r[0], r[1]))
    for _, _, entry in rows:
        yield entry


def _read(path: Path, schema: Iterable[tuple[str, str]]) -> list[Row]:
    _, pq = pyarrow()
    columns = [c for c, _ in schema]
    if not path.is_file():
        raise ShardError(path, "missing (the shard folder is incomplete)")
    try:
        table = pq.read_table(path)
    except (OSError, ValueError) as exc:
        raise ShardError(path, f"not a readable Parquet file ({exc})") from None
    absent = [c for c in columns if c not in table.column_names]
    if absent:
        raise ShardError(path, f"not a Marsad shard: no column {', '.join(absent)}")
    rows: list[Row] = table.select(columns).to_pylist()
    return rows


def _outcome(path: Path, row: Row, confidences: list[float]) -> Outcome:
    """The prepared article of a documents row, rebuilt as the worker prepared it.

    The JSON rounds event confidences; the events table keeps them whole, as the store does.
    """
    try:
        data = json.loads(row["document"])
        doc = Document.from_dict(data)
        for event, confidence in zip(doc.events, confidences, strict=True):
            event.confidence = confidence
        del data["text"]
        document = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        base, stem = index_columns(doc.text)
        article = PreparedArticle(
            doc, row["content_hash"], base, stem, row["pipeline_version"],
            json.loads(row["input_meta"]), document,
        )  # fmt: skip
    except Exception as exc:  # a damaged row must name its shard, whatever broke
        raise ShardError(path, f"row {row.get('id')!r} is malformed ({exc})") from None
    return Outcome(doc.id, article)
