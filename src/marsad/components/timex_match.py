"""Shared pieces of the ``timex`` rule handlers: hits, group readers, context word lists."""

from __future__ import annotations

import re
from collections.abc import Callable

from marsad.components import timex_patterns as p
from marsad.components.timex_resolve import Spec
from marsad.text.normalize import fold

Hit = tuple[int, int, Spec]
Handler = Callable[[re.Match[str], str], list[Hit] | None]
DIGIT = "#"

OFFSETS = {"next": 1, "prev": -1, "this": 0, "next2": 2, "prev2": -2}
DIRECTIONS = {"next": "next", "prev": "prev", "this": "this", "next2": "next", "prev2": "prev"}
_PROCLITICS = re.compile(r"^(?:[وف]?(?:[بكل])?)")
_PREV_WORD = re.compile(r"([^\W\d_]+)\s*$")
NEXT_TOKEN = re.compile(r"\s*(\S)?([^\W\d_]*)")
YEAR_BEFORE = re.compile(r"\d{4}\s*(?:و|-|–|/|الي|حتى|او)\s*$")  # folded: الى -> الي
_WORDS_OF = str.split
MONTH_CUES = frozenset(
    fold(w)
    for w in _WORDS_OF(
        "في منذ حتى خلال بحلول قبل بعد مطلع اوائل بدايه منتصف اواسط اواخر نهايه اخر من الى "
        "شهري بين وحتى غايه لغايه اعتبارا ابتداء طوال طيله قبيل عقب اثناء"
    )
)
"""Words after which an ambiguous month name (مارس، آب) is a month."""

YEAR_CUES = MONTH_CUES | frozenset(
    fold(w)
    for w in _WORDS_OF(
        "عام سنه ربيع صيف خريف شتاء موسم مونديال كاس اولمبياد انتخابات ميزانيه موازنه رويه "
        "تعداد دوره بطوله نسخه مع العام"
    )
)
"""Words after which a bare four-digit number is a year (في 2020، رؤية 2030)."""

FOLLOW_OK = frozenset(
    fold(w)
    for w in _WORDS_OF(
        "في من على الى و او ثم حيث عندما حين بعد قبل حتى كما التي الذي الذين وفي ومن وقد وهو "
        "وهي قد لم لا فقد"
    )
)
"""Words that may follow a bare year (2020 قررت is unclear; 2020 في is a year)."""

COUNTABLE_NEXT = re.compile(
    r"\s*(?:%|(?:دولار|يورو|جنيه|ريال|درهم|دينار|ليره|طن|كيلو|كلم|كم|متر|برميل|ميغاواط|شخص|"
    r"الف|الاف|مليون|مليار|بالمئه|بالمائه|في\s+المئه|في\s+المائه)(?![^\W\d_]))"
)


def span_of(m: re.Match[str]) -> tuple[int, int]:
    return m.start("b"), m.end("b")


def one(m: re.Match[str], spec: Spec | None) -> list[Hit] | None:
    return None if spec is None else [(*span_of(m), spec)]


def key(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def modifier(m: re.Match[str], group: str = "mod") -> str | None:
    return p.MODIFIERS.get(key(m.group(group))) if m.group(group) else None


def prev_word(text: str, start: int) -> str:
    """The folded word before ``start``, without its proclitics."""
    m = _PREV_WORD.search(text, max(0, start - 30), start)
    if not m:
        return ""
    word = m.group(1)
    stripped = _PROCLITICS.sub("", word)
    return word if word in MONTH_CUES or len(stripped) < 2 else stripped


def year_of(m: re.Match[str]) -> int | None:
    return int(m["y"]) if m.group("y") and 1000 <= int(m["y"]) <= 2999 else None


def month_of(m: re.Match[str]) -> tuple[int, int, bool]:
    """The month of a (possibly doubled) name, the end of the name and whether it was doubled."""
    first = p.MONTHS[key(m["m1"])]
    if m.group("m2") and p.MONTHS[key(m["m2"])] == first:
        return first, m.end("m2"), True
    return first, m.end("m1"), False
