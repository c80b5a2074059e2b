"""Bytes to text: the encodings Arabic news arrives in, and typed rejections for the rest.

:func:`decode_bytes` turns the bytes of one input into the text a :class:`~marsad.doc.Document`
is built from. It accepts

- UTF-8, with or without a byte-order mark (BOM);
- UTF-16 and UTF-32 with a BOM (what Windows editors write as "Unicode");
- Windows-1256 (the legacy Arabic code page), detected when the bytes are not valid UTF-8 and
  their Windows-1256 reading is mostly Arabic letters.

Line breaks are normalized (``\\r\\n`` and a lone ``\\r`` become ``\\n``) and the BOM is dropped;
nothing else changes, so offsets into the returned text are what every span indexes. Any other
input raises :class:`~marsad.errors.InputError` whose ``reason`` is one of

- ``empty``: no bytes, or only white space;
- ``binary``: NUL bytes outside a UTF-16/32 text, or a high share of control characters;
- ``undecodable``: neither UTF-8 nor Arabic Windows-1256 (a Latin-1 file, a damaged UTF-16 one);
- ``too_large``: over the size limit (the ``max_input_mb`` setting);
- ``unreadable``: the file could not be read at all (:func:`read_text_file` only).

Adapters for other formats (HTML, feeds, crawls, directories) decode their payloads here too.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from marsad.config import Settings
from marsad.errors import InputError

MIB = 1024 * 1024
DEFAULT_MAX_BYTES = Settings().max_input_mb * MIB
"""The default size limit, from the default of the ``max_input_mb`` setting."""

MAX_CONTROL_SHARE = 0.05
"""Above this share of control characters (other than tab, line breaks, form feed) an input is
binary, whatever its encoding."""

MIN_ARABIC_SHARE = 0.5
"""A Windows-1256 reading is accepted when at least this share of its letters are Arabic."""

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # C0 controls but tab, \n, \v, \f, \r


def decode_bytes(data: bytes, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of ``data`` with ``\\n`` line breaks; ``source`` names it in errors.

    Raises :class:`~marsad.errors.InputError` (``empty``, ``binary``, ``undecodable``,
    ``too_large``) when ``data`` cannot become an article's text.
    """
    if len(data) > max_bytes:
        raise _too_large(source, len(data), max_bytes)
    if not data.strip():
        raise InputError(source, "empty", "the input is empty")
    text = _decode(data, source)
    if not text.strip():
        raise InputError(source, "empty", "the input holds only white space")
    return normalize_newlines(text)


def read_text_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and decode the file ``path`` (see :func:`decode_bytes`); errors name the file."""
    source = str(path)
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise _too_large(source, size, max_bytes)
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(source, "unreadable", "is a directory, not a file") from None
    except FileNotFoundError:
        raise InputError(source, "unreadable", "no such file") from None
    except OSError as exc:
        raise InputError(source, "unreadable", f"cannot be read: {exc.strerror or exc}") from None
    return decode_bytes(data, source, max_bytes)


def normalize_newlines(text: str) -> str:
    """``text`` with ``\\r\\n`` and lone ``\\r`` line breaks turned into ``\\n``."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, source: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _check_controls(_decode_as(data, len(bom), encoding, source), source)
    if b"\x00" in data:
        raise InputError(
            source,
            "binary",
            "the input holds NUL bytes: it is binary (or UTF-16 without a byte-order mark)",
        )
    try:
        return _check_controls(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    text = _check_controls(data.decode("cp1256"), source)
    if not _mostly_arabic(text):
        raise InputError(
            source,
            "undecodable",
            "the input is neither UTF-8 nor Arabic Windows-1256 text; save it as UTF-8",
        )
    return text


def _decode_as(data: bytes, bom_length: int, encoding: str, source: str) -> str:
    try:
        return data[bom_length:].decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
        raise InputError(
            source,
            "undecodable",
            f"the input starts with a {name} byte-order mark but is not valid {name} "
            f"(at byte {exc.start + bom_length}: {exc.reason})",
        ) from None


def _check_controls(text: str, source: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls and controls > MAX_CONTROL_SHARE * len(text):
        raise InputError(
            source,
            "binary",
            f"{controls} of {len(text)} characters are control characters: binary, not text",
        )
    return text


def _mostly_arabic(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff")
    return arabic > 0 and arabic >= MIN_ARABIC_SHARE * len(letters)


def _too_large(source: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        source,
        "too_large",
        f"the input has {size:,} bytes, over the limit of {max_bytes:,} "
        f"(setting max_input_mb={max(1, max_bytes // MIB)})",
    )
