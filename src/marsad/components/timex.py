"""Time expressions (``times``), normalized to TIMEX3 values against the publication date.

The component searches the folded view of the text once. A single trie pattern finds the words
that can start a time expression (month and weekday names, relative words, digits ...); at each,
only the rules those words can start are tried (``timex_rules``), and the longest match wins.
Adjacent pieces are then merged (a weekday with its date, a clock time with its day, مطلع with the
month it qualifies), and each expression is resolved against ``doc.reference_date()``; a
month-day or weekday without a year takes the occurrence the clause's tense implies
(``timex_tense``). Spans are mapped back to the original text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from marsad.components.patterns import PRE, B, E, folded_view, trie
from marsad.components.timex_match import DIGIT, Hit
from marsad.components.timex_periods import DayPartAtom, PartAtom, PeriodPart
from marsad.components.timex_resolve import (
    CalendarDate,
    Clock,
    Context,
    DayPart,
    Relative,
    Resolved,
    Spec,
    Weekday,
)
from marsad.components.timex_rules import RULES, Rule
from marsad.components.timex_tense import clause_tense
from marsad.doc import Document, Time
from marsad.registry import component


def _rules_by_trigger() -> dict[str, tuple[Rule, ...]]:
    """Trigger word -> the rules it (or a word-prefix of it) may start, in priority order."""
    table: dict[str, list[Rule]] = {}
    for rule in RULES:
        for word in rule.triggers:
            table.setdefault(word, []).append(rule)
    out: dict[str, tuple[Rule, ...]] = {}
    for word in table:
        words = word.split(" ")
        prefixes = {" ".join(words[:i]) for i in range(1, len(words) + 1)}
        rules = {r.name for w in prefixes for r in table.get(w, [])}
        out[word] = tuple(r for r in RULES if r.name in rules)
    return out


TRIGGERS = _rules_by_trigger()
DIGIT_RULES = TRIGGERS[DIGIT]
TRIGGER_RE = re.compile(
    rf"{B}{PRE}(?:(?P<w>{trie(w for w in TRIGGERS if w != DIGIT)}){E}"
    r"|(?:ال)?(?<![\d.,:])(?P<d>\d))"
)


@dataclass(slots=True)
class Found:
    """An expression found in the folded text, before resolution."""

    start: int
    end: int
    spec: Spec


def _best_at(text: str, match: re.Match[str]) -> list[Found]:
    """The longest rule match at a trigger (earlier rules win ties)."""
    word = match.group("w")
    starts: tuple[int, ...]
    if word is None:
        rules, starts = DIGIT_RULES, (match.start(), match.start("d"))
    else:
        rules, starts = TRIGGERS[" ".join(word.split())], (match.start(),)
    best: list[Hit] = []
    best_end = -1
    for rule in rules:
        for pos in starts:
            m = rule.regex.match(text, pos)
            hits = rule.handler(m, text) if m else None
            if hits:
                end = max(h[1] for h in hits)
                if end > best_end:
                    best, best_end = hits, end
                break
    return [Found(s, e, spec) for s, e, spec in best]


def scan(text: str) -> list[Found]:
    """Every expression piece in the folded ``text``, left to right, without overlaps."""
    found: list[Found] = []
    cursor = 0
    for match in TRIGGER_RE.finditer(text):
        if match.start() < cursor:
            continue
        hits = _best_at(text, match)
        hits = [h for h in hits if h.start >= cursor]
        if hits:
            found.extend(hits)
            cursor = max(h.end for h in hits)
    return found


_GAP_PART = re.compile(r"\s*(?:من\s+)?(?:(?:عام|العام|سنه|شهر)\s+)?")
_GAP_DAYPART = re.compile(r"\s*(?:(?:من\s+)?يوم\s+)?")
_GAP_WEEKDAY_DATE = re.compile(r"\s*[،,]?\s*(?:(?:الموافق|في)\s+)?")
_GAP_CLOCK_DAY = re.compile(
    r"\s*[،,]?\s*(?:(?:من|في)\s+)?(?:(?:صباح|مساء|عصر|ظهر|ليل|فجر|يوم)\s+)*"
)
_GAP_DAY_CLOCK = re.compile(r"\s*[،,]?\s*(?:(?:في|عند|على|حوالي|نحو)\s+)?(?:تمام\s+)?")
_GAP_ADVERB = re.compile(r"\s*")


def _day_spec(spec: Spec) -> Spec | None:
    """The day a clock time can attach to: a day itself or the day of a part of day."""
    if isinstance(spec, DayPart):
        return spec.base
    return spec if spec.is_day() else None


def _part_base(spec: Spec) -> bool:
    if isinstance(spec, CalendarDate):
        return spec.day is None
    return not spec.is_day() and not isinstance(spec, (Clock, DayPart, PartAtom, DayPartAtom))


def _merge_pair(a: Found, b: Found, gap: str) -> Spec | None:  # noqa: PLR0911 - a rule table
    """The spec of ``a`` and ``b`` read as one expression, or ``None``."""
    sa, sb = a.spec, b.spec
    if isinstance(sa, PartAtom) and _part_base(sb) and _GAP_PART.fullmatch(gap):
        if sa.word == "اول" and isinstance(sb, CalendarDate) and sb.month and not sb.day:
            return CalendarDate(sb.month, 1, sb.year, sb.direction)
        return PeriodPart(sa.part, sb)
    if isinstance(sa, DayPartAtom) and sb.is_day() and _GAP_DAYPART.fullmatch(gap):
        return DayPart(sa.part, sb)
    if _named_day(sa) and isinstance(sb, CalendarDate) and sb.is_day():
        return sb if _GAP_WEEKDAY_DATE.fullmatch(gap) else None
    if isinstance(sa, Clock) and sa.base is None and _GAP_CLOCK_DAY.fullmatch(gap):
        day = _day_spec(sb)
        return Clock(sa.hour, sa.minute, day) if day is not None else None
    if isinstance(sb, Clock) and sb.base is None and _GAP_DAY_CLOCK.fullmatch(gap):
        day = _day_spec(sa)
        return Clock(sb.hour, sb.minute, day) if day is not None else None
    if isinstance(sb, DayPart) and sb.base is None and sa.is_day() and _GAP_ADVERB.fullmatch(gap):
        return DayPart(sb.part, sa)
    if _same_day(sa, sb) and _GAP_WEEKDAY_DATE.fullmatch(gap):
        return sa if isinstance(sa, Relative) else sb
    return None


def _named_day(spec: Spec) -> bool:
    """A weekday or relative day that an explicit date may follow (الخميس 25 يوليو)."""
    return isinstance(spec, Weekday) or (isinstance(spec, Relative) and spec.unit == "day")


def _same_day(a: Spec, b: Spec) -> bool:
    """A relative day named with its weekday (اليوم الأربعاء، أمس الثلاثاء) or the reverse."""
    pair = {type(a), type(b)}
    return pair == {Relative, Weekday} and a.is_day() and b.is_day()


def merge(text: str, found: list[Found]) -> list[Found]:
    """Join adjacent pieces that form one expression; drop atoms left alone."""
    out: list[Found] = []
    for item in found:
        if out:
            last = out[-1]
            spec = _merge_pair(last, item, text[last.end : item.start])
            if spec is not None:
                out[-1] = Found(last.start, item.end, spec)
                continue
        out.append(item)
    return [f for f in out if not isinstance(f.spec, (PartAtom, DayPartAtom))]


def reference(doc: Document) -> Context:
    """The context of resolution: publication date, and time when it has one."""
    ref = doc.reference_date()
    ref_time = None
    published = doc.meta.published or ""
    if "T" in published:
        try:
            ref_time = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
        except ValueError:
            ref_time = None
    return Context(ref, ref_time.replace(tzinfo=None) if ref_time else None)


def resolve(text: str, item: Found, base: Context) -> Resolved | None:
    """The value of ``item``, with the clause's tense when its year or week is implicit."""
    ctx = base
    if base.ref is not None and item.spec.needs_tense():
        ctx = Context(base.ref, base.ref_time, clause_tense(text, item.start, item.end))
    try:
        return item.spec.resolve(ctx)
    except (ValueError, OverflowError):  # a date outside the calendar ("year 0", "day 31/2")
        return None


def find_times(doc: Document) -> list[Time]:
    """The time expressions of ``doc`` with original-text spans and TIMEX3 values."""
    view = folded_view(doc.text)
    base = reference(doc)
    times: list[Time] = []
    for item in merge(view.text, scan(view.text)):
        resolved = resolve(view.text, item, base)
        if resolved is None:
            continue
        start, end = view.to_original(item.start, item.end)
        times.append(
            Time(start, end, doc.text[start:end], resolved.type, resolved.value, resolved.range)
        )
    return times


@component("timex", requires=("sentences", "tokens"), assigns=("times",))
def timex(doc: Document) -> Document:
    """Find time expressions and resolve them to TIMEX3 values against the publication date."""
    doc.times = find_times(doc)
    return doc
