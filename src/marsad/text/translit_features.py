"""Pure functions shared by the name transliteration trainer and its runtime component.

The transliteration model labels each Arabic letter of a name token with the Latin chunk it writes
(possibly empty, possibly carrying a short vowel that Arabic leaves unwritten). Training
(:mod:`marsad.training.translit`) and romanization (:mod:`marsad.components.translit`) live in
sibling packages that may not import each other, so everything both must agree on lives here, in
layer 0: how an Arabic token is reduced to letters, how a Latin target is folded to lowercase
ASCII, the CRF features of each letter, and how a label sequence becomes a Latin word.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from marsad.text.normalize import LIGHT, fold

EMPTY = "_"
"""The label of an Arabic letter that writes nothing in Latin."""

ARABIC_NAME_LETTERS = frozenset("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژڤگڨ")
"""Letters kept in a name token (after light folding); anything else is dropped."""

_EXTRA_ARABIC = str.maketrans({"ہ": "ه", "ٱ": "ا", "ڭ": "گ", "ڠ": "غ"})

_LATIN_SPECIAL = str.maketrans(
    {"ø": "o", "ł": "l", "ß": "ss", "ı": "i", "đ": "d", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th"}
)

_PAD = 3
_BOW = "^"
_EOW = "$"


def arabic_letters(token: str) -> str:
    """The letters of an Arabic name token: diacritics, tatweel, spaces and marks removed.

    Spelling distinctions that carry sound (hamza forms, alef maqsura, ta marbuta) are kept;
    presentation forms and Persian letter variants are folded to the ordinary letters.
    """
    folded = fold(token, LIGHT).translate(_EXTRA_ARABIC)
    return "".join(c for c in folded if c in ARABIC_NAME_LETTERS)


def latin_target(text: str) -> str:
    """``text`` as lowercase ASCII letters (accents removed, ``ß`` → ``ss``, the rest dropped)."""
    lowered = text.lower().translate(_LATIN_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(c for c in decomposed if "a" <= c <= "z")


def letter_features(letters: str) -> list[list[str]]:
    """CRF features of each letter: the letter, its neighbours within 3, the n-grams (up to 5)
    that contain it, and its distance from both ends of the token."""
    padded = _BOW * _PAD + letters + _EOW * _PAD
    n = len(letters)
    size = f"n={min(n, 9)}"
    return [_position_features(padded, i + _PAD, i, n - 1 - i, size) for i in range(n)]


def _position_features(padded: str, p: int, left: int, right: int, size: str) -> list[str]:
    c = padded[p]
    feats = [
        "b",
        f"c={c}",
        f"c-1={padded[p - 1]}",
        f"c+1={padded[p + 1]}",
        f"c-2={padded[p - 2]}",
        f"c+2={padded[p + 2]}",
        f"c-3={padded[p - 3]}",
        f"c+3={padded[p + 3]}",
        f"l2={padded[p - 1 : p + 1]}",
        f"r2={padded[p : p + 2]}",
        f"m3={padded[p - 1 : p + 2]}",
        f"l3={padded[p - 2 : p + 1]}",
        f"r3={padded[p : p + 3]}",
        f"l4={padded[p - 3 : p + 1]}",
        f"r4={padded[p : p + 4]}",
        f"ml4={padded[p - 2 : p + 2]}",
        f"mr4={padded[p - 1 : p + 3]}",
        f"m5={padded[p - 2 : p + 3]}",
        f"x={padded[p - 1]}{padded[p + 1]}",
        f"pos={min(left, 3)}|{c}",
        f"rpos={min(right, 3)}|{c}",
        f"{size}|{c}",
    ]
    return feats


def chunks_to_latin(labels: Iterable[str]) -> str:
    """The Latin word written by a sequence of letter labels (``EMPTY`` writes nothing)."""
    return "".join(label for label in labels if label != EMPTY)


NAME_PARTICLES = frozenset({"bin", "ibn", "bint", "al", "el", "de", "van", "von", "der", "da"})
"""Latin particles written in lower case when they are not the first word of a name."""


def capitalize_name(words: Sequence[str]) -> str:
    """Join lowercase Latin words into a name: each capitalized (each part of a hyphenated word
    too), particles kept lowercase inside the name (``Mohammed bin Salman``, ``Ali al-Amin``)."""
    out = []
    for index, word in enumerate(words):
        if not word:
            continue
        inner = 0 < index < len(words) - 1
        head, *rest = word.split("-")
        if rest:
            keep = head in NAME_PARTICLES and index > 0
            parts = [head if keep else head.capitalize(), *(p.capitalize() for p in rest)]
            out.append("-".join(parts))
        else:
            out.append(word if inner and word in NAME_PARTICLES else word[:1].upper() + word[1:])
    return " ".join(out)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between ``a`` and ``b`` (unit costs)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
