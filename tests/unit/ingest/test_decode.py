"""Decoding input bytes: encodings accepted, newline normalization, typed rejections."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.ingest.decode import decode_bytes, normalize_newlines, read_text_file

ARTICLE = "افتتح المعرض الدولي للكتاب أبوابه في الرباط صباح الأحد.\nوشارك فيه 40 ناشرا."


def reason_of(data: bytes, **kwargs: int) -> str:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "x.txt", **kwargs)
    assert caught.value.source == "x.txt"
    assert "x.txt" in str(caught.value)
    return caught.value.reason


def test_utf8_is_decoded_as_is() -> None:
    assert decode_bytes(ARTICLE.encode("utf-8"), "a.txt") == ARTICLE


def test_utf8_bom_is_dropped() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "a.txt") == ARTICLE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    data = ARTICLE.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data, "a.txt") == ARTICLE


def test_windows_1256_arabic_is_detected() -> None:
    data = ARTICLE.encode("cp1256")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data, "a.txt") == ARTICLE


def test_windows_1256_with_crlf_and_latin_words() -> None:
    text = "قالت وكالة Reuters إن الاجتماع انتهى.\r\nوأضافت أن النتائج ستعلن لاحقا.\r\n"
    assert decode_bytes(text.encode("cp1256"), "a.txt") == text.replace("\r\n", "\n")


def test_latin1_french_is_undecodable_not_misread_as_arabic() -> None:
    data = "Le président a visité l'école française à Beyrouth.".encode("latin-1")
    assert reason_of(data) == "undecodable"


def test_damaged_utf16_is_undecodable() -> None:
    data = codecs.BOM_UTF16_LE + "نص".encode("utf-16-le") + b"\x00\xd8"  # lone high surrogate
    assert reason_of(data) == "undecodable"


@pytest.mark.parametrize("data", [b"", b"   \n\t \r\n", codecs.BOM_UTF8 + b" \n"])
def test_empty_or_blank_input(data: bytes) -> None:
    assert reason_of(data) == "empty"


def test_nul_bytes_are_binary() -> None:
    assert reason_of(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))) == "binary"


def test_many_control_characters_are_binary() -> None:
    data = ("نص " + "\x01\x02\x03" * 20).encode("utf-8")
    assert reason_of(data) == "binary"


def test_a_few_control_characters_are_tolerated() -> None:
    text = ARTICLE + "\x0c" + ARTICLE + "\x1b"
    assert decode_bytes(text.encode("utf-8"), "a.txt") == text


def test_too_large_names_the_limit() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(ARTICLE.encode("utf-8"), "big.txt", max_bytes=10)
    assert caught.value.reason == "too_large"
    assert "max_input_mb" in caught.value.detail


def test_newlines_are_normalized() -> None:
    assert normalize_newlines("أ\r\nب\rج\nد") == "أ\nب\nج\nد"
    assert decode_bytes("سطر\r\nسطر\r".encode(), "a.txt") == "سطر\nسطر\n"


def test_read_text_file_decodes_and_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.encode("cp1256"))
    assert read_text_file(path) == ARTICLE
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.txt") as caught:
        read_text_file(empty)
    assert caught.value.reason == "empty"


def test_read_text_file_rejects_missing_directory_and_large(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as caught:
        read_text_file(tmp_path / "missing.txt")
    assert caught.value.reason == "unreadable"
    with pytest.raises(InputError, match="directory"):
        read_text_file(tmp_path)
    path = tmp_path / "big.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    with pytest.raises(InputError) as caught:
        read_text_file(path, max_bytes=8)
    assert caught.value.reason == "too_large"
