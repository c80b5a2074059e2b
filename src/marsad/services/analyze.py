"""Analyze one text or a stream of inputs with the configured pipeline.

The Python API (:func:`analyze_text`) and ``marsad analyze`` both land here. :func:`analyze_inputs`
reads files (plain text in UTF-8, UTF-16 or Windows-1256) or JSON Lines, builds a Document for
each, runs the pipeline and yields, input by input, either the analysed Document or the error
that stopped it, so one bad input never stops the others.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from marsad.config import Settings, load_settings
from marsad.doc import Document, Meta, normalize_published
from marsad.errors import ComponentError, InputError, MarsadError
from marsad.ingest.decode import MIB, decode_bytes, read_text_file
from marsad.ingest.jsonl import Record, read_jsonl, read_jsonl_stream
from marsad.pipeline import Pipeline

STDIN = "-"
"""The path that stands for standard input."""

Outcome = Document | MarsadError
"""An analysed document, or the error (input or component) that kept an input from becoming one."""


@lru_cache(maxsize=8)
def _cached_pipeline(names: tuple[str, ...], error_policy: str) -> Pipeline:
    return Pipeline.from_names(names, error_policy)


def get_pipeline(settings: Settings | None = None) -> Pipeline:
    """The pipeline for ``settings`` (default: loaded settings), built once per process."""
    s = settings or load_settings()
    return _cached_pipeline(tuple(s.pipeline), s.error_policy)


def make_document(
    text: str,
    *,
    id: str = "doc",
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Document:
    """A fresh Document with metadata given by the caller (``title`` becomes the headline)."""
    meta = Meta(
        headline=title or None, published=normalize_published(published), url=url, source=source
    )
    return Document(text, id=id, meta=meta)


def analyze_text(
    text: str,
    published: str | None = None,
    *,
    id: str = "doc",
    url: str | None = None,
    title: str | None = None,
    settings: Settings | None = None,
) -> Document:
    """Analyze one article's text; ``published`` (ISO-8601) anchors relative dates."""
    doc = make_document(text, id=id, published=published, url=url, title=title)
    return get_pipeline(settings)(doc)


def analyze_documents(
    docs: Iterable[Document], settings: Settings | None = None
) -> Iterator[Document]:
    """Analyze a stream of prepared documents lazily."""
    return get_pipeline(settings).pipe(docs)


# --- many inputs: files, standard input, JSON Lines ----------------------------------------------


@dataclass(frozen=True, slots=True)
class AnalysisRun:
    """A lazy run over inputs: iterate :attr:`outcomes` to read, analyse and get each result."""

    outcomes: Iterator[Outcome]
    layers: frozenset[str]
    """Document attributes the pipeline assigns (a summary says "none" for those left empty)."""
    total: int | None
    """How many outcomes to expect, when known before reading (one per plain file)."""


def analyze_inputs(
    paths: Sequence[str],
    *,
    jsonl: bool = False,
    published: str | None = None,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
) -> AnalysisRun:
    """Analyze each input of ``paths`` (``-`` is ``stdin``), lazily and in order.

    Plain inputs are one article each, with the file path as its id. With ``jsonl`` every line
    of every input is one article (see :mod:`marsad.ingest.jsonl`), and ``published`` is the date
    of the lines that give none; otherwise ``published`` is every article's date. The pipeline
    and ``published`` are checked before anything is read, raising
    :class:`~marsad.errors.MarsadError` (a configuration or usage error).
    """
    s = settings or load_settings()
    default_date = normalize_published(published)
    pipeline = get_pipeline(s)
    max_bytes = s.max_input_mb * MIB
    if jsonl:
        docs = _jsonl_documents(paths, default_date, stdin, max_bytes)
    else:
        docs = _file_documents(paths, default_date, stdin, max_bytes)
    layers = frozenset(name for info in pipeline.infos for name in info.assigns)
    total = None if jsonl else len(paths)
    return AnalysisRun(_run(pipeline, docs), layers, total)


def document_from_record(record: Record, published: str | None = None) -> Document:
    """A Document from a JSONL record; ``published`` is used when the record gives no date."""
    return make_document(
        record.text,
        id=record.id,
        published=record.published or published,
        url=record.url,
        title=record.title,
        source=record.source,
    )


def failed_components(outcome: Outcome) -> list[str]:
    """Names of the components that failed on ``outcome`` (recorded failures or the error)."""
    if isinstance(outcome, Document):
        return [f.component for f in outcome.failures]
    if isinstance(outcome, ComponentError):
        return [outcome.component]
    return []


def _run(pipeline: Pipeline, docs: Iterable[Document | InputError]) -> Iterator[Outcome]:
    for doc in docs:
        if isinstance(doc, InputError):
            yield doc
            continue
        try:
            yield pipeline(doc)
        except ComponentError as error:
            yield error


def _file_documents(
    paths: Sequence[str], published: str | None, stdin: BinaryIO | None, max_bytes: int
) -> Iterator[Document | InputError]:
    for path in paths:
        try:
            if path == STDIN:
                text = decode_bytes(_read_stdin(stdin, max_bytes), "<stdin>", max_bytes)
            else:
                text = read_text_file(path, max_bytes)
        except InputError as error:
            yield error
            continue
        yield make_document(text, id="stdin" if path == STDIN else path, published=published)


def _jsonl_documents(
    paths: Sequence[str], published: str | None, stdin: BinaryIO | None, max_bytes: int
) -> Iterator[Document | InputError]:
    for path in paths:
        if path == STDIN:
            records = read_jsonl_stream(_stdin(stdin), "<stdin>", max_bytes)
        else:
            records = read_jsonl(Path(path), max_bytes)
        for record in records:
            if isinstance(record, InputError):
                yield record
            else:
                yield document_from_record(record, published)


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> bytes:
    # One byte over the limit is enough for decode_bytes to reject the input as too large.
    return _stdin(stdin).read(max_bytes + 1)


def _stdin(stdin: BinaryIO | None) -> BinaryIO:
    return sys.stdin.buffer if stdin is None else stdin
