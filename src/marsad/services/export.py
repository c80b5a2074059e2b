"""Exporting a collection's tables as JSON Lines, CSV or Parquet.

``documents`` are full ``marsad.document/1`` objects in JSON Lines (with a ``collection`` section:
copies, duplicates, stories) and flat rows in CSV and Parquet; ``events`` is the flat
PLOVER/POLECAT-like event table; ``mentions`` and ``quotes`` one row per record. Parquet needs the
optional ``pyarrow`` (``pip install 'marsad[parquet]'``).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any

from marsad.config import load_settings
from marsad.errors import ConfigError
from marsad.store import Row, open_store

FORMATS = ("jsonl", "csv", "parquet")
TABLES = ("documents", "events", "mentions", "quotes")
PARQUET_BATCH = 2000


@dataclass(frozen=True, slots=True)
class ExportReport:
    table: str
    format: str
    rows: int
    out: str

    def to_dict(self) -> dict[str, object]:
        return {"table": self.table, "format": self.format, "rows": self.rows, "out": self.out}


def export(
    table: str, fmt: str, *, db: str | Path | None = None, out: str | Path | None = None
) -> ExportReport:
    """Write ``table`` of the collection ``db`` in ``fmt`` to ``out`` (default: standard output)."""
    if table not in TABLES:
        raise ConfigError(f"unknown table {table!r}: use one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "parquet" and out is None:
        raise ConfigError("a Parquet export needs --out FILE (it is binary)")
    with open_store(db or load_settings().db, create=False) as store:
        rows = store.export(table, flat=fmt != "jsonl")
        if fmt == "parquet":
            count = write_parquet(rows, Path(str(out)))
        else:
            with _text_out(out) as stream:
                count = write_jsonl(rows, stream) if fmt == "jsonl" else write_csv(rows, stream)
    return ExportReport(table, fmt, count, str(out) if out else "-")


@contextmanager
def _text_out(out: str | Path | None) -> Iterator[IO[str]]:
    if out is None:
        yield sys.stdout
        return
    with Path(out).open("w", encoding="utf-8", newline="") as stream:
        yield stream


def write_jsonl(rows: Iterable[Row], stream: IO[str]) -> int:
    """One JSON object per line; returns the number of rows."""
    count = 0
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[Row], stream: IO[str], fieldnames: Sequence[str] = ()) -> int:
    """CSV with a header of ``fieldnames`` (else from the first row, so none when there is no
    row); nested values are written as JSON."""
    count = 0
    writer: csv.DictWriter[str] | None = None
    if fieldnames:
        writer = csv.DictWriter(stream, fieldnames=list(fieldnames))
        writer.writeheader()
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(stream, fieldnames=list(row))
            writer.writeheader()
        writer.writerow({k: _flat(v) for k, v in row.items()})
        count += 1
    return count


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def write_parquet(rows: Iterable[Row], path: Path) -> int:
    """A Parquet file of ``rows`` (column types from the values; nested values as JSON text)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigError(
            "Parquet export needs pyarrow: pip install 'marsad[parquet]' (or use --format csv)"
        ) from None
    source = iter(rows)
    head = list(islice(source, PARQUET_BATCH))
    types = {name: _arrow_type(head, name) for name in (head[0] if head else {})}
    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in types.items()])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch = head
        while batch:
            cells = [{k: _cell(v, types[k]) for k, v in r.items()} for r in batch]
            writer.write_table(pa.Table.from_pylist(cells, schema=schema))
            count += len(batch)
            batch = list(islice(source, PARQUET_BATCH))
    return count


_INT_COLUMNS = ("start", "end", "mentions", "events", "quotes", "rows")
_FLOAT_COLUMNS = ("confidence", "similarity", "score", "value")


def _arrow_type(rows: list[Row], name: str) -> str:
    """The pyarrow type (a factory name) of a column, from its values or else its name."""
    kinds = {type(r[name]) for r in rows if r[name] is not None}
    if kinds == {bool}:
        return "bool_"
    if kinds == {int} or (not kinds and name.rsplit("_", maxsplit=1)[-1] in _INT_COLUMNS):
        return "int64"
    if (kinds and kinds <= {int, float}) or (not kinds and name in _FLOAT_COLUMNS):
        return "float64"
    return "string"


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "string":
        return value if isinstance(value, str) else str(_flat(value))
    return float(value) if kind == "float64" else value
