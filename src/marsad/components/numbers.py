"""Arabic numbers in digits and in words, read from the folded text.

Digits may be Western or Eastern (folding turns both into ASCII, ``٫`` into ``.`` and ``٬`` into
``,``). Word numbers are cardinal, dual, construct and compound: ``ثلاثمئة وخمسون`` (350),
``خمسة وعشرون`` (25), ``ألفين`` (2000), ``ثلاثة آلاف`` (3000), ``2.5 مليار`` (2.5e9),
``مليار و200 مليون`` (1.2e9), ``مليون ونصف`` (1.5e6).

Vague plurals are approximate and read as a lower bound of two of their base: ``عشرات`` is 20,
``مئات`` 200, ``آلاف`` 2000, ``عشرات الآلاف`` 20000, ``ملايين`` 2e6; ``بضعة`` is 3. Such numbers
carry ``approx=True``.

:data:`NUMBER` is the pattern of a run of number tokens; :func:`split_numbers` cuts a run into the
numbers it holds (``3 و5`` is two numbers, ``خمسة وعشرون`` one) and :func:`parse_number` reads a
text that must be exactly one number.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from marsad.components.patterns import E, folded, trie
from marsad.text.normalize import fold

# class, value. Classes: unit (1-9), teen (only before عشر), ten, tens, hundred, hundreds,
# scale, dual (two of a scale), plural (a scale after a count, or vague alone), fraction, vague.
_UNITS = {
    "صفر": 0, "واحد": 1, "واحدا": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2,
    "اثنتين": 2, "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6,
    "ستة": 6, "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
}  # fmt: skip
_TEEN_UNITS = {"أحد": 1, "إحدى": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2}
_TENS_WORDS = ("عشر", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع")
_HUNDRED_STEMS = ("ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "ثماني", "تسع")
_SCALES = {"ألف": 1e3, "مليون": 1e6, "مليار": 1e9, "بليون": 1e9, "ترليون": 1e12,
           "تريليون": 1e12}  # fmt: skip
_PLURAL_SCALES = {
    "آلاف": 1e3, "الآلاف": 1e3, "ملايين": 1e6, "الملايين": 1e6, "مليارات": 1e9,
    "المليارات": 1e9, "بلايين": 1e9, "ترليونات": 1e12, "تريليونات": 1e12,
    "عشرات": 10.0, "مئات": 100.0, "المئات": 100.0,
}  # fmt: skip
_FRACTIONS = {"نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3, "ثلثي": 2 / 3, "ثلثا": 2 / 3}
_VAGUE_UNITS = {"بضع": 3, "بضعة": 3}


def _lexicon() -> dict[str, tuple[str, float]]:
    table: dict[str, tuple[str, float]] = {}
    table.update({fold(w): ("unit", v) for w, v in _UNITS.items()})
    table.update({fold(w): ("teen", v) for w, v in _TEEN_UNITS.items()})
    table.update({fold(w): ("ten", 10.0) for w in ("عشر", "عشرة")})
    for i, stem in enumerate(_TENS_WORDS, start=2):
        table[fold(stem + "ون")] = table[fold(stem + "ين")] = ("tens", i * 10.0)
    for w in ("مئة", "مائة"):
        table[fold(w)] = ("hundred", 100.0)
    for w in ("مئتان", "مئتين", "مائتان", "مائتين", "مئتي", "مائتا", "مائتي"):  # not مئتا (ميتا)
        table[fold(w)] = ("hundreds", 200.0)
    for stem in _HUNDRED_STEMS:
        value = 100.0 * _UNITS.get(stem, 8)  # ثماني -> 8
        table[fold(stem + "مئة")] = table[fold(stem + "مائة")] = ("hundreds", value)
    for w, v in _SCALES.items():
        table[fold(w)] = table[fold(w + "ا")] = ("scale", v)
        for dual in ("ان", "ين", "ي"):
            table[fold(w + dual)] = ("dual", v)
    table.update({fold("ال" + w): ("scale_art", v) for w, v in _SCALES.items()})
    table.update({fold(w): ("plural", v) for w, v in _PLURAL_SCALES.items()})
    table.update({fold(w): ("fraction", v) for w, v in _FRACTIONS.items()})
    table.update({fold(w): ("vague", float(v)) for w, v in _VAGUE_UNITS.items()})
    return table


WORDS: dict[str, tuple[str, float]] = _lexicon()
"""Folded number word -> (class, value)."""

DIGITS = (
    r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?"
    r"|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?)(?![\d])"
)
"""A number in (folded) digits: 1,500,000.5 | 1.500.000 | 2,5 | 2.5 | 54."""

WORD = rf"(?:{trie(WORDS)}){E}"
TOKEN = rf"(?:{DIGITS}|{WORD})"
JOIN = r"(?:\s*و\s*|\s+)"
NUMBER = rf"{TOKEN}(?:{JOIN}{TOKEN})*"
"""A run of number tokens (digits and words) joined by spaces or و."""

_TOKEN_RE = re.compile(rf"(و\s*)?({TOKEN})")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_EUROPEAN = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from the folded text: ``[start, end)`` there, its value, if it is vague."""

    start: int
    end: int
    value: float
    approx: bool = False


def parse_digits(text: str) -> float:
    """The value of a (folded) digit string: ``1,500`` 1500, ``1.500.000`` 1e6, ``2,5`` 2.5."""
    if _THOUSANDS.fullmatch(text):
        return float(text.replace(",", ""))
    if _EUROPEAN.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    return float(text.replace(",", "."))


@dataclass(slots=True)
class _Acc:
    """The number being read: committed ``total``, the pending group ``current``."""

    start: int
    end: int = 0
    total: float = 0.0
    current: float = 0.0
    last_scale: float = 0.0
    last_kind: str = ""
    group_order: float = math.inf
    approx: bool = False
    tokens: int = 0
    committed_end: int = 0
    group_start: int = 0

    @property
    def value(self) -> float:
        return self.total + self.current


def _order(value: float) -> float:
    return 10.0 ** math.floor(math.log10(value)) if value >= 1 else 0.1


def _classify(text: str) -> tuple[str, float]:
    if text[0].isdigit():
        return "digits", parse_digits(text)
    return WORDS[" ".join(text.split())]


def _continues(acc: _Acc, kind: str, value: float, waw: bool) -> bool:
    """Whether a token of ``kind``/``value`` (after و when ``waw``) extends the number."""
    if acc.last_kind == "teen":
        return kind == "ten" and not waw
    return _continues_waw(acc, kind, value) if waw else _continues_plain(acc, kind, value)


def _continues_plain(acc: _Acc, kind: str, value: float) -> bool:
    last = acc.last_kind
    if kind == "scale_art":
        return last == "fraction" and acc.last_scale == value  # مليون ونصف المليون
    if kind == "ten":
        return last == "unit"  # ثلاثة عشر
    if kind == "hundred":
        return last == "unit" and 0 < acc.current < 10  # ثلاث مئة
    if kind in ("scale", "plural"):
        return 0 < acc.current < value  # 54 ألف، ثلاثة آلاف، عشرات الآلاف، نصف مليون
    return False


_SCALED = ("scale", "dual", "plural")


def _continues_waw(acc: _Acc, kind: str, value: float) -> bool:
    last = acc.last_kind
    if kind == "fraction":
        return value == 0.5 and last != "fraction"  # مليون ونصف، ثلاثة ونصف
    if kind in ("vague", "dual", "scale", "plural", "scale_art") or value <= 0:
        return False
    if (kind == "digits" or last == "digits") and last not in _SCALED:
        return False  # 3 و5 are two numbers; مليار و200 مليون is one
    if last == "unit" and kind == "tens":
        return True  # خمسة وعشرون
    below = acc.current if acc.current else acc.value
    return _order(value) < acc.group_order and _order(value) < _order(below or 1)


def _add(acc: _Acc, kind: str, value: float, start: int, end: int) -> None:
    if kind in ("scale", "plural"):
        _add_scale(acc, kind, value, end)
    elif kind == "dual":
        acc.total += acc.current + 2 * value
        acc.current, acc.last_scale, acc.group_order = 0.0, value, value
        acc.committed_end = end
    elif kind == "hundred":
        acc.current = acc.current * 100 if 0 < acc.current < 10 else acc.current + 100
    elif kind == "scale_art":
        pass
    elif kind == "fraction" and acc.tokens and acc.current == 0 and acc.last_scale:
        acc.total += value * acc.last_scale
        acc.committed_end = end
    else:
        if kind == "vague":
            acc.approx = True
        if acc.current == 0:
            acc.group_start = start
        _add_group(acc, value)
    acc.last_kind = kind
    acc.tokens += 1


def _add_scale(acc: _Acc, kind: str, value: float, end: int) -> None:
    base = acc.current
    if base == 0:
        base = 2.0 if kind == "plural" else 1.0
        acc.approx = acc.approx or kind == "plural"
    if value >= 1000:
        acc.total += base * value
        acc.current = 0.0
        acc.last_scale = value
        acc.group_order = value
        acc.committed_end = end
    else:
        acc.current = base * value


def _add_group(acc: _Acc, value: float) -> None:
    acc.current += value


def _finish(acc: _Acc) -> Number | None:
    if acc.last_kind == "teen" or (acc.tokens == 1 and acc.last_kind == "scale_art"):
        return None
    return Number(acc.start, acc.end, acc.value, acc.approx)


def _repeats_scale(acc: _Acc, kind: str, value: float, waw: bool) -> bool:
    """``5 آلاف و8 آلاف``: a scale not below the one already committed starts a new number."""
    return (
        kind in ("scale", "plural")
        and not waw
        and acc.total > 0
        and acc.current > 0
        and value >= acc.group_order
    )


def _restart(acc: _Acc, out: list[Number]) -> _Acc:
    """Close the committed part of ``acc`` and carry its pending group into a new number."""
    out.append(Number(acc.start, acc.committed_end, acc.total, acc.approx))
    carried = _Acc(start=acc.group_start, current=acc.current, last_kind=acc.last_kind)
    carried.tokens, carried.group_start = 1, acc.group_start
    return carried


def split_numbers(text: str, start: int, end: int) -> list[Number]:
    """The numbers in the run ``text[start:end]`` (a match of :data:`NUMBER`)."""
    out: list[Number] = []
    acc: _Acc | None = None
    for m in _TOKEN_RE.finditer(text, start, end):
        kind, value = _classify(m.group(2))
        waw = m.group(1) is not None
        if acc is not None and acc.tokens and _repeats_scale(acc, kind, value, waw):
            acc = _restart(acc, out)
        if acc is not None and acc.tokens and _continues(acc, kind, value, waw):
            _add(acc, kind, value, m.start(2), m.end())
            acc.end = m.end()
            continue
        if acc is not None and (number := _finish(acc)):
            out.append(number)
        acc = _Acc(start=m.start(2), end=m.end())
        _add(acc, kind, value, m.start(2), m.end())
    if acc is not None and (number := _finish(acc)):
        out.append(number)
    return out


_NUMBER_RE = re.compile(NUMBER)


def parse_number(text: str) -> Number | None:
    """The one number that ``text`` (folded) is, or ``None`` when it is none or several."""
    stripped = text.strip()
    m = _NUMBER_RE.fullmatch(stripped)
    if not m:
        return None
    numbers = split_numbers(stripped, 0, len(stripped))
    return numbers[0] if len(numbers) == 1 and numbers[0].end == len(stripped) else None


# --- ordinals ------------------------------------------------------------------------------------

_ORDINAL_UNITS_M = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع",
                    "الثامن", "التاسع")  # fmt: skip
_ORDINAL_UNITS_F = ("الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة",
                    "الثامنة", "التاسعة")  # fmt: skip
_BARE_ORDINALS = ("أول", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر")


def _ordinal_lexicon() -> dict[str, int]:
    table: dict[str, int] = {}
    for i, (m, f) in enumerate(zip(_ORDINAL_UNITS_M, _ORDINAL_UNITS_F, strict=True), start=1):
        table[m] = table[f] = i
        teen_m, teen_f = ("الحادي", "الحادية") if i == 1 else (m, f)
        table[f"{teen_m} عشر"] = table[f"{teen_f} عشرة"] = 10 + i
    table["العاشر"] = table["العاشرة"] = 10
    for i, stem in enumerate(_TENS_WORDS, start=2):
        for tens in (f"ال{stem}ون", f"ال{stem}ين"):
            table[tens] = i * 10
            for j, unit in enumerate(_ORDINAL_UNITS_M, start=1):
                unit_word = "الحادي" if j == 1 else unit
                table[f"{unit_word} و{tens}"] = i * 10 + j
    table["المئة"] = table["المائة"] = 100
    return {fold(k): v for k, v in table.items()}


ORDINALS: dict[str, int] = _ordinal_lexicon()
"""Folded definite ordinal (masculine and feminine, 1-99 and 100) -> value."""

BARE_ORDINALS: dict[str, int] = {fold(w): i for i, w in enumerate(_BARE_ORDINALS, start=1)}
"""Folded indefinite ordinals (ثالث أكبر ...) -> value."""

ORDINAL = rf"(?:{trie(ORDINALS)}){E}"
"""Pattern of a definite ordinal word (or compound) in the folded text."""

_HOUR_WORDS = ("الواحدة", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة",
               "الثامنة", "التاسعة", "العاشرة", "الحادية عشرة", "الثانية عشرة")  # fmt: skip
HOURS: dict[str, int] = {fold(w): i for i, w in enumerate(_HOUR_WORDS, start=1)}
"""Folded feminine ordinals naming clock hours (الثالثة = 3 o'clock)."""

HOUR = rf"(?:{trie(HOURS)}){E}"


def ordinal_value(text: str) -> int | None:
    """The value of a folded ordinal word or compound (``الحادي والعشرين`` 21), else ``None``."""
    key = " ".join(text.split())
    return ORDINALS.get(key) or BARE_ORDINALS.get(key)


__all__ = [
    "BARE_ORDINALS", "DIGITS", "HOUR", "HOURS", "NUMBER", "ORDINAL", "ORDINALS", "WORDS",
    "Number", "folded", "ordinal_value", "parse_digits", "parse_number", "split_numbers",
]  # fmt: skip
