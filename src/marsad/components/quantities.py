"""Quantities (``quantities``): numbers, ordinals, percentages, money, measures, counted things.

The component runs after ``timex`` and leaves out every number inside a time expression (years,
days of dates, clock times, durations), so ``عام 1951`` or ``48 ساعة`` are times, not quantities.
It reads the folded view of the text once for numbers (digits and words, see ``numbers``) and
once for ordinals, then looks at what follows each number:

- ``%``، في المئة، بالمئة -> PERCENT (unit ``%``, value 15 for 15 %);
- a currency -> MONEY with its ISO 4217 code: by adjective (جنيه مصري EGP), alone when one code
  fits (دولار USD, يورو EUR), else from the article's country: the dateline's, or the country the
  text names most among those using that currency; unresolved, the unit is the bare word (جنيه);
- a unit of measure -> QUANTITY with its symbol (كيلومتر km, برميل bbl, ميغاواط MW);
- a noun -> CARDINAL with that noun as unit (54 ألف جندي: 54000, ``جندي``); otherwise CARDINAL.

Ordinals are read only where they rank something: after nouns such as المرة، المرتبة، الدورة
(للمرة الثالثة، المركز الثاني، الدقيقة 90), as الـ15, لأول مرة, and ثاني أكبر. Vague amounts
(عشرات، آلاف، بضعة) are lower bounds with ``approx=True``, as are numbers after نحو/حوالي.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from marsad.components import quantity_lexicon as lex
from marsad.components.numbers import (
    BARE_ORDINALS,
    NUMBER,
    ORDINAL,
    WORDS,
    Number,
    ordinal_value,
    split_numbers,
)
from marsad.components.patterns import ART, PRE, B, E, folded_view, trie
from marsad.components.timex_lexicon import folded_table
from marsad.components.timex_tense import is_verb_marker
from marsad.doc import Document, Quantity
from marsad.registry import component
from marsad.text.normalize import LIGHT, NormalizedText, fold

CURRENCIES = folded_table(lex.CURRENCY_WORDS)
ADJECTIVES = {
    key: {form: code for word, code in folded_table(table).items() for form in (word, word + "ا")}
    for key, table in lex.CURRENCY_ADJECTIVES.items()
}  # with the accusative: جنيها إسترلينيا، دينارا أردنيا
UNITS = folded_table(lex.UNITS)
_BARE_WORDS = {"pound": "جنيه", "riyal": "ريال", "dirham": "درهم", "dinar": "دينار",
               "lira": "ليرة", "rupee": "روبية", "franc": "فرنك"}  # fmt: skip
_NOT_COUNTED = frozenset(fold(w) for w in lex.NOT_COUNTED) | frozenset(WORDS)
_APPROX = frozenset(fold(w) for w in lex.APPROX_BEFORE)

NUMBER_RE = re.compile(rf"(?<![^\W\d_])(?:[وفبلك]|ال(?=\s?\d))?(?P<n>{NUMBER})")
_AMOUNT_AFTER = re.compile(
    rf"\s*(?:(?:{trie(w for w, (k, _) in WORDS.items() if k in ('scale', 'plural', 'dual'))}){E}"
    rf"|{trie(lex.PERCENT_WORDS)}|{trie(UNITS)}{E}|(?:من\s+)?{trie(CURRENCIES)}{E})"
)
_LIST_MARK = re.compile(r"\s?[-)–]\s")
_LINE_START = re.compile(r"(?:^|[\n.:؛!?؟])\s*$")
PERCENT_RE = re.compile(rf"\s*(?:{trie(lex.PERCENT_WORDS)})(?![^\W\d_])")
MONEY_RE = re.compile(
    rf"\s*(?:من\s+(?=ال))?(?P<cur>{trie(CURRENCIES)}){E}"
    rf"(?:\s+(?P<adj>{trie(a for t in ADJECTIVES.values() for a in t)}){E})?"
)
UNIT_RE = re.compile(rf"\s*(?P<unit>{trie(UNITS)})(?![^\W\d_])")
NOUN_RE = re.compile(r"\s+(?P<noun>[^\W\d_]{2,})")
SYMBOL_BEFORE = re.compile(r"([$€£¥])\s?$")
SYMBOL_AFTER = re.compile(r"\s?([$€£¥])")
_CONTEXTS = trie(fold(w) for w in lex.ORDINAL_CONTEXTS)
_WORD_CONTEXTS = trie(fold(w) for w in lex.ORDINAL_WORD_CONTEXTS)
ORDINAL_RE = re.compile(  # one prefix for all branches: far faster than four B/PRE scans
    rf"{B}{PRE}(?:(?:{ART})?(?:{_CONTEXTS}){E}(?:\s+ال[^\W\d_]+){{0,2}}\s+"
    rf"(?P<ord>{ORDINAL}|ال\s?\d+(?![\d.,]\d)|\d+(?![\d.,]\d))"
    rf"|(?:{ART})?(?:{_WORD_CONTEXTS}){E}\s+(?P<word>{ORDINAL})"
    rf"|(?P<first>اول)\s+مره{E}"
    rf"|(?P<bare>{trie(w for w in BARE_ORDINALS if w != 'اول')})\s+"
    rf"(?:{trie(fold(w) for w in lex.SUPERLATIVES)}){E}"
    rf"|ال\s?(?P<num>\d+)(?![\d.,]\d))"
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\s+[^\W\d_]+)?)\s*$")
_LONG_DIGITS = 8


@dataclass(slots=True)
class Found:
    """A quantity in folded offsets, before it is mapped back to the original text."""

    start: int
    end: int
    kind: str
    value: float
    unit: str | None = None
    approx: bool = False


class Spans:
    """Folded spans already taken (times, earlier quantities), for overlap tests."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.spans, (start, 1 << 62))
        before = self.spans[i - 1] if i else None
        after = self.spans[i] if i < len(self.spans) else None
        return bool((before and before[1] > start) or (after and after[0] < end))

    def add(self, start: int, end: int) -> None:
        self.spans.insert(bisect_right(self.spans, (start, end)), (start, end))


class ArticleCountry:
    """The country an article is about, for bare currency words (computed on first use)."""

    _WORDS: ClassVar[dict[str, str]] = {
        fold(w): iso for iso, words in lex.COUNTRY_WORDS.items() for w in words
    }
    _RE = re.compile(rf"{B}[وفبلك]?(?P<w>{trie(_WORDS)}){E}")

    def __init__(self, doc: Document, text: str) -> None:
        self.doc, self.text = doc, text
        self._ranked: list[str] | None = None

    def _dateline(self) -> str | None:
        place = fold(self.doc.meta.dateline.place) if self.doc.meta.dateline else ""
        return lex.DATELINE_PLACES.get(place) or self._WORDS.get(place)

    def ranked(self) -> list[str]:
        """Countries by preference: the dateline's first, then the most named."""
        if self._ranked is None:
            counts = Counter(self._WORDS[m.group("w")] for m in self._RE.finditer(self.text))
            ranked = [iso for iso, _ in counts.most_common()]
            dateline = self._dateline()
            self._ranked = [dateline, *ranked] if dateline else ranked
        return self._ranked

    def currency(self, codes: tuple[str, ...]) -> str | None:
        for iso in self.ranked():
            code = lex.COUNTRY_CURRENCY.get(iso)
            if code in codes:
                return code
        return None


def _money_code(m: re.Match[str], country: ArticleCountry) -> str:
    key = CURRENCIES[m["cur"]]
    adjective = m.group("adj")
    if adjective and (code := ADJECTIVES.get(key, {}).get(" ".join(adjective.split()))):
        return code
    if key in lex.DEFAULT_CODES:
        return lex.DEFAULT_CODES[key]
    return country.currency(lex.SHARED_CODES[key]) or _BARE_WORDS[key]


def _counted_noun(view: NormalizedText, m: re.Match[str], approx: bool) -> str | None:
    """The noun a number counts, as written (diacritics off, article and accusative alif off)."""
    noun = m.group("noun")
    if noun in _NOT_COUNTED or noun[:3] in ("بال", "وال", "فال") or noun[:2] == "لل":
        return None
    accusative = noun.endswith("ا") and not noun.endswith("وا")  # طالبا: a noun after a number
    if is_verb_marker(noun) and not accusative:
        return None
    if noun.startswith("ال") and not approx:
        return None
    start, end = view.to_original(m.start("noun"), m.end("noun"))
    word = fold(view.original[start:end], LIGHT)
    word = word.removeprefix("ال")
    if word.endswith("ا") and len(word) >= 4 and not word.endswith(("ايا", "اا")):
        word = word[:-1]
    return word or None


def _not_an_amount(text: str, start: int, end: int) -> bool:
    """Digits glued to a name (إف-16، كوفيد-19, 5G), too long (a phone) or a list mark (1- ...)."""
    before = text[max(0, start - 2) : start]
    glued = len(before) == 2 and before[1] in "-‑" and before[0].isalpha()
    after = text[end : end + 1]
    digits = sum(c.isdigit() for c in text[start:end])
    listed = bool(_LIST_MARK.match(text, end)) and bool(_LINE_START.search(text, 0, start))
    return glued or (after.isascii() and after.isalpha()) or digits >= _LONG_DIGITS or listed


def _approx_before(text: str, start: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, start - 16), start)
    if not m:
        return False
    words = m.group(1).split()
    return words[-1] in _APPROX or " ".join(words) in _APPROX


def _describe(view: NormalizedText, number: Number, country: ArticleCountry) -> Found:
    """The kind, unit and end of a quantity from what follows its number."""
    text, end = view.text, number.end
    approx = number.approx or _approx_before(text, number.start)
    found = Found(number.start, end, "CARDINAL", number.value, None, approx)
    if m := PERCENT_RE.match(text, end):
        found.kind, found.unit, found.end = "PERCENT", "%", m.end()
    elif m := MONEY_RE.match(text, end):
        found.kind, found.unit, found.end = "MONEY", _money_code(m, country), m.end()
    elif m := UNIT_RE.match(text, end):
        found.kind, found.unit, found.end = "QUANTITY", UNITS[" ".join(m["unit"].split())], m.end()
    elif (m := SYMBOL_BEFORE.search(text, max(0, number.start - 2), number.start)) or (
        m := SYMBOL_AFTER.match(text, end)
    ):
        found.kind, found.unit = "MONEY", lex.SYMBOLS[m.group(1)]
        found.start, found.end = min(number.start, m.start()), max(end, m.end())
    elif (m := NOUN_RE.match(text, end)) and (noun := _counted_noun(view, m, approx)):
        found.unit, found.end = noun, m.end()
    return found


def _ordinals(view: NormalizedText, taken: Spans) -> list[Found]:
    out: list[Found] = []
    for m in ORDINAL_RE.finditer(view.text):
        found = _ordinal(view, m)
        if found is not None and not taken.overlaps(found.start, found.end):
            taken.add(found.start, found.end)
            out.append(found)
    return out


def _counts_after(view: NormalizedText, end: int) -> bool:
    """Whether a scale, unit, currency, percent sign or counted noun follows ``end``."""
    if _AMOUNT_AFTER.match(view.text, end):
        return True
    noun = NOUN_RE.match(view.text, end)
    if noun is None or noun.group("noun")[0] in "لب":  # الذكرى الـ75 لاستقلالها
        return False
    return _counted_noun(view, noun, False) is not None


def _ordinal(view: NormalizedText, m: re.Match[str]) -> Found | None:
    if m.group("first"):
        return Found(m.start("first"), m.end(), "ORDINAL", 1.0)
    if m.group("bare"):
        return Found(m.start("bare"), m.end("bare"), "ORDINAL", float(BARE_ORDINALS[m["bare"]]))
    group = "ord" if m.group("ord") else "word" if m.group("word") else "num"
    text = m.group(group)
    digits = text.removeprefix("ال").strip()
    if digits.isdigit():
        value = float(digits)
        if _counts_after(view, m.end()):  # الـ27 دولة، للقمة 20 مليون دولار: amounts, not ranks
            return None
    else:
        value = float(ordinal_value(text) or 0)
    return Found(m.start(group), m.end(group), "ORDINAL", value) if value else None


_DOTTED_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")


def _dotted_thousands(text: str, item: Found, number: Number) -> None:
    """10.500 دولار: a dot before exactly three digits, with no scale word, groups thousands."""
    if item.kind != "PERCENT" and _DOTTED_THOUSANDS.fullmatch(text[number.start : number.end]):
        item.value = float(text[number.start : number.end].replace(".", ""))


def _lone_fraction(text: str, item: Found) -> bool:
    """نصف السكان: a fraction word alone is not reported as a cardinal number."""
    return item.kind == "CARDINAL" and item.value < 1 and not text[item.start].isdigit()


def find_quantities(doc: Document) -> list[Quantity]:
    """The quantities of ``doc`` outside its time expressions, in text order."""
    view = folded_view(doc.text)
    text = view.text
    times = [(view.to_normalized(t.start), view.to_normalized(t.end)) for t in doc.times]
    taken = Spans(times)
    found = _ordinals(view, taken)
    country = ArticleCountry(doc, text)
    for m in NUMBER_RE.finditer(text):
        for number in split_numbers(text, m.start("n"), m.end("n")):
            if _not_an_amount(text, number.start, number.end):
                continue
            item = _describe(view, number, country)
            _dotted_thousands(text, item, number)
            if _lone_fraction(text, item):
                continue
            if not taken.overlaps(item.start, item.end):
                taken.add(item.start, item.end)
                found.append(item)
    return [_quantity(doc, view, f) for f in sorted(found, key=lambda f: f.start)]


def _quantity(doc: Document, view: NormalizedText, f: Found) -> Quantity:
    start, end = view.to_original(f.start, f.end)
    return Quantity(start, end, doc.text[start:end], f.kind, f.value, f.unit, f.approx)


@component("quantities", requires=("sentences", "tokens", "times"), assigns=("quantities",))
def quantities(doc: Document) -> Document:
    """Find numbers, ordinals, percentages, money and measures (times excluded)."""
    doc.quantities = find_quantities(doc)
    return doc
