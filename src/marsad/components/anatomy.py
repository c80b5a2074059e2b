"""Article anatomy: headline, agency, byline and dateline from the top of a plain-text article.

Wire copy starts with a short headline line (often ending "بواسطة رويترز"), a byline ("بقلم X",
"كتب X"), and a dateline opening the first paragraph ("طوكيو (رويترز) –", "القاهرة - أ ش أ:",
"الرياض: واس"). Only the first lines are read, on the folded view of
:mod:`marsad.text.normalize`, and every span is mapped back to the original text. Agencies are
reported by their Latin name from the packaged table ``data/anatomy/agencies.tsv``.

Metadata given by the caller wins: a headline, agency, byline or dateline already on the document is
kept, except that a trailing "بواسطة X" naming a known agency is cut from a given headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from marsad.doc import Dateline, Document
from marsad.registry import component
from marsad.resources import load_table
from marsad.text.normalize import NormalizedText, fold, normalize

Span = tuple[int, int]
AGENCY_TABLE = "data/anatomy/agencies.tsv"
HEAD_CHARS = 800  # the anatomy lives in the first lines; nothing further is read
HEAD_LINES = 6
MAX_HEADLINE_CHARS = 250
MAX_HEADLINE_WORDS = 20
MAX_BYLINE_WORDS = 8
MAX_AGENCY_WORDS = 5
MIN_BARE_DATELINE_WORDS = 8

_DASH = "\\-\u2013\u2014\u2212"
_WORD = r"[^\W\d_]+"
_PLACE = rf"(?P<place>{_WORD}(?:[ \t]+{_WORD}){{0,3}})"
_PAREN_DATELINE = re.compile(
    rf"[ \t]*{_PLACE}"
    rf"(?:[ \t]*[،,][ \t]*[^()]{{1,40}}?|[ \t]+\d[^()]{{0,40}}?)?"  # an optional date
    rf"[ \t]*(?:[{_DASH}][ \t]*)?\((?P<agency>[^()]{{1,40}})\)[ \t]*[{_DASH}:]"
)
_NAMED_DATELINE = re.compile(rf"[ \t]*{_PLACE}[ \t]*[{_DASH}:][ \t]*(?P<rest>\S)")
_BARE_DATELINE = re.compile(rf"[ \t]*(?P<place>{_WORD}(?:[ \t]+{_WORD})?)[ \t]+[{_DASH}][ \t]+\S")
_AGENCY_WORD = re.compile(rf"[^\s:{_DASH}]+(?P<stop>[ \t]*[:{_DASH}])?")
_BYLINE = re.compile(r"(?:بقلم|كتبت|كتبه|كتب|اعداد)(?:[ \t]*:[ \t]*|[ \t]+)(?P<rest>\S.*)")
_BYLINE_NAME = re.compile(rf"{_WORD}(?:(?:[ \t]+|\.[ \t]*|-){_WORD}){{0,{MAX_BYLINE_WORDS - 1}}}")
_BYLINE_TAIL = re.compile(rf"[ \t]*(?:[،,|/{_DASH}][ \t]*\(?|\()(?P<agency>[^()]+?)\)?[ \t.]*$")
_BY = "بواسطه"
_BY_AGENCY = re.compile(rf"(?<!\S){_BY}[ \t]+(?P<agency>\S.*?)[ \t.]*$")
_HEADLINE_TRIM = " \t|:،,-\u2013\u2014\u2212"
_NOT_PLACE = """قال قالت ذكر ذكرت أفاد أفادت أعلن أعلنت أكد أكدت نقل نقلت كشف كشفت أضاف أضافت
وقال وقالت وذكرت وأفاد وأفادت وأعلن وأعلنت وأكد وأكدت وأضاف وأضافت
وكالة الوكالة مصدر مصادر مراسل مراسلة مراسلنا"""
NOT_PLACE_WORDS = frozenset(fold(_NOT_PLACE).split())  # words that show a sentence, not a place
_KEY_DROP = re.compile(r"[^\w]|_|\d")


@dataclass(frozen=True, slots=True)
class Anatomy:
    """What the top of an article says about it (``None`` where nothing was found)."""

    headline: str | None = None
    agency: str | None = None
    byline: str | None = None
    dateline: Dateline | None = None


@dataclass(frozen=True, slots=True)
class _Line:
    """A non-blank line of the folded head: offsets of its stripped content, and what follows."""

    start: int
    end: int
    text: str
    blank_after: bool


# --- agencies ------------------------------------------------------------------------------------


def agency_key(name: str) -> str:
    """A lookup key: folded, without dots, spaces, a leading "وكالة" or a trailing "للأنباء"."""
    key = _KEY_DROP.sub("", fold(name).lower())
    key = key.removeprefix("وكاله")
    return key.removesuffix("للانباء") or key


@cache
def agency_index() -> dict[str, str]:
    """Every known agency name and abbreviation (as a key) -> the agency's Latin name."""
    index: dict[str, str] = {}
    for row in load_table(AGENCY_TABLE):
        latin, *names = row
        for name in (latin, *names):
            if name:
                index.setdefault(agency_key(name), latin)
    return index


def lookup_agency(name: str) -> str | None:
    """The Latin name of the agency ``name`` (Arabic or Latin, any spelling), or ``None``."""
    key = agency_key(name)
    return agency_index().get(key) if key else None


# --- reading the head ----------------------------------------------------------------------------


def read_anatomy(text: str, title: str | None = None) -> Anatomy:
    """Headline, agency, byline and dateline found at the top of ``text``.

    ``title`` is a headline the caller already knows; it is kept (cleaned of "بواسطة X") and a
    first line repeating it is recognised as the headline line.
    """
    head = normalize(text[:HEAD_CHARS])
    lines = _head_lines(head.text)
    agencies: list[str] = []
    headline, index = _headline(head, lines, title, agencies)
    byline, index = _byline(head, lines, index, agencies)
    dateline = _dateline(head, lines, index, agencies)
    return Anatomy(headline, agencies[0] if agencies else None, byline, dateline)


def _head_lines(folded: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in folded.splitlines(keepends=True):
        body = raw.splitlines()[0] if raw.strip() else ""
        stripped = body.strip()
        if stripped:
            if len(lines) == HEAD_LINES:
                break
            start = pos + len(body) - len(body.lstrip())
            lines.append(_Line(start, start + len(stripped), stripped, False))
        elif lines and not lines[-1].blank_after:
            last = lines[-1]
            lines[-1] = _Line(last.start, last.end, last.text, True)
        pos += len(raw)
    return lines


def _original(head: NormalizedText, start: int, end: int) -> str:
    o_start, o_end = head.to_original(start, end)
    return head.original[o_start:o_end]


# --- headline ------------------------------------------------------------------------------------


def clean_headline(headline: str) -> tuple[str, str | None]:
    """``headline`` without a trailing "بواسطة X" naming a known agency, and that agency."""
    folded = normalize(headline)
    cut, agency = _by_agency(folded.text)
    if agency is None:
        return headline.strip(), None
    return _original(folded, 0, cut).rstrip(_HEADLINE_TRIM).strip(), agency


def _by_agency(folded: str) -> tuple[int, str | None]:
    """Where a trailing "بواسطة X" starts in a folded line, and X's agency (if known)."""
    match = _BY_AGENCY.match(folded, max(folded.rfind(_BY), 0))
    if match is None:
        return len(folded), None
    agency = lookup_agency(match.group("agency"))
    return (match.start(), agency) if agency else (len(folded), None)


def _headline(
    head: NormalizedText, lines: list[_Line], title: str | None, agencies: list[str]
) -> tuple[str | None, int]:
    """The headline and the index of the first line after it."""
    index = 1 if lines and _is_headline_line(lines, title) else 0
    if title is not None and title.strip():
        headline, agency = clean_headline(title)
    elif index:
        first = lines[0]
        cut, agency = _by_agency(first.text)
        headline = _original(head, first.start, first.start + cut).rstrip(_HEADLINE_TRIM)
    else:
        return None, 0
    if agency:
        agencies.append(agency)
    return headline or None, index


def _is_headline_line(lines: list[_Line], title: str | None) -> bool:
    first = lines[0]
    if title and _squash(fold(clean_headline(title)[0])) == _squash(_cut_by(first.text)):
        return True
    if len(lines) < 2 or not _looks_like_headline(first.text):
        return False
    if first.blank_after:
        return True
    nxt = lines[1].text
    dateline = _dateline_match(nxt)
    credited = dateline is not None and (dateline[1] is not None or dateline[2] is not None)
    return credited or _byline_match(nxt) is not None


def _looks_like_headline(folded: str) -> bool:
    return (
        len(folded) <= MAX_HEADLINE_CHARS
        and len(folded.split()) <= MAX_HEADLINE_WORDS
        and not folded.endswith((".", ":"))
        and _byline_match(folded) is None
        and _dateline_match(folded) is None
    )


def _cut_by(folded: str) -> str:
    return folded[: _by_agency(folded)[0]]


def _squash(folded: str) -> str:
    return "".join(folded.split())


# --- byline --------------------------------------------------------------------------------------


def _byline(
    head: NormalizedText, lines: list[_Line], index: int, agencies: list[str]
) -> tuple[str | None, int]:
    """The byline among the two lines after the headline, and the index of the line after it."""
    for i in range(index, min(index + 2, len(lines))):
        found = _byline_match(lines[i].text)
        if found is not None:
            (start, end), agency = found
            if agency:
                agencies.append(agency)
            offset = lines[i].start
            return _original(head, offset + start, offset + end), i + 1
        if not _looks_like_headline(lines[i].text):
            break  # a body paragraph: bylines come before it
    return None, index


def _byline_match(folded: str) -> tuple[Span, str | None] | None:
    """The name span of a byline line (in the line) and an agency credited after the name."""
    if len(folded) > 120:
        return None
    match = _BYLINE.fullmatch(folded)
    if match is None:
        return None
    start, end = match.span("rest")
    agency = None
    tail = _BYLINE_TAIL.search(folded, start)
    if tail is not None and (agency := lookup_agency(tail.group("agency"))):
        end = tail.start()
    name = _BYLINE_NAME.fullmatch(folded, start, end)
    return (name.span(), agency) if name else None


# --- dateline ------------------------------------------------------------------------------------


def _dateline(
    head: NormalizedText, lines: list[_Line], index: int, agencies: list[str]
) -> Dateline | None:
    """The dateline opening the first body paragraph (after a sub-headline, if any)."""
    for i in range(index, min(index + 2, len(lines))):
        found = _dateline_match(lines[i].text)
        if found is not None:
            offset = lines[i].start
            place, agency, named = found
            if agency is None and named is not None:  # an agency missing from the table
                agency = _original(head, offset + named[0], offset + named[1]).strip()
            if agency:
                agencies.append(agency)
            o_start, o_end = head.to_original(offset + place[0], offset + place[1])
            return Dateline(head.original[o_start:o_end], o_start, o_end)
        if not _looks_like_headline(lines[i].text):
            break
    return None


def _dateline_match(folded: str) -> tuple[Span, str | None, Span | None] | None:
    """The place span of a dateline opening ``folded``, the agency it credits (Latin) and, when
    the agency is not in the table, the span naming it."""
    match = _PAREN_DATELINE.match(folded)
    if match is not None:
        named = match.group("agency")
        agency = lookup_agency(named)
        if (agency or len(named.split()) <= MAX_AGENCY_WORDS) and _is_place(match["place"]):
            return match.span("place"), agency, None if agency else match.span("agency")
    match = _NAMED_DATELINE.match(folded)
    if match is not None and _is_place(match["place"]):
        agency = _agency_at(folded, match.start("rest"))
        if agency:
            return match.span("place"), agency, None
    match = _BARE_DATELINE.match(folded)  # weak evidence: only at the head of a real paragraph
    if match is None or len(folded.split()) < MIN_BARE_DATELINE_WORDS:
        return None
    if not _is_place(match["place"]):
        return None
    return match.span("place"), None, None


def _is_place(folded: str) -> bool:
    """False when a word of the would-be place shows a sentence ("ذكرت وكالة ...")."""
    return not NOT_PLACE_WORDS.intersection(folded.split())


def _agency_at(folded: str, pos: int) -> str | None:
    """A known agency named by the words at ``pos`` (the longest run that is one)."""
    words: list[str] = []
    for match in _AGENCY_WORD.finditer(folded, pos):
        words.append(match.group().rstrip(f" \t:{_DASH}"))
        if match.group("stop") or len(words) == MAX_AGENCY_WORDS:
            break
    for k in range(len(words), 0, -1):
        agency = lookup_agency(" ".join(words[:k]))
        if agency:
            return agency
    return None


# --- the component -------------------------------------------------------------------------------


@component("anatomy", assigns=("meta.headline", "meta.agency", "meta.byline", "meta.dateline"))
def anatomy(doc: Document) -> Document:
    """Headline, agency (Latin), byline and dateline from the top of the article."""
    meta = doc.meta
    found = read_anatomy(doc.text, meta.headline)
    meta.headline = found.headline
    meta.agency = meta.agency or found.agency
    meta.byline = meta.byline or found.byline
    meta.dateline = meta.dateline or found.dateline
    return doc
