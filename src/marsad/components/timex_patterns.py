"""Regex macros of the ``timex`` rules, over the folded text (see ``patterns`` for B, E, PRE).

Every rule pattern starts with ``B`` and the proclitics ``PRE`` and puts the expression itself in
the group ``b``, so that a leading و/ب/ل stays out of the reported span.
"""

from __future__ import annotations

from collections.abc import Iterable

from marsad.components import timex_lexicon as lex
from marsad.components.numbers import HOUR, NUMBER, ORDINAL
from marsad.components.patterns import ART, PRE, B, E, trie
from marsad.text.normalize import fold

MONTHS = lex.folded_table(lex.MONTHS)
HIJRI_MONTHS = lex.folded_table(lex.HIJRI_MONTHS)
WEEKDAYS = lex.folded_table(lex.WEEKDAYS)
BARE_WEEKDAYS = lex.folded_table(lex.BARE_WEEKDAYS)
TIME_UNITS = lex.folded_table(lex.TIME_UNITS)
CALENDAR_UNITS = lex.folded_table(lex.CALENDAR_UNITS)
PLURAL_UNITS = lex.folded_table(lex.PLURAL_UNITS)
MODIFIERS = lex.folded_table(lex.MODIFIERS) | {"قبل الماضي": "prev2", "بعد المقبل": "next2",
                                               "بعد القادم": "next2"}  # fmt: skip
PARTS_OF_DAY = lex.folded_table(lex.PARTS_OF_DAY)
DAY_PART_ADVERBS = lex.folded_table(lex.DAY_PART_ADVERBS)
CLOCK_PARTS = lex.folded_table(lex.CLOCK_PARTS) | {"بعد الظهر": "AF", "بعد ظهر": "AF"}
PERIOD_PARTS = lex.folded_table(lex.PERIOD_PARTS)
RELATIVE_DAYS = lex.folded_table(lex.RELATIVE_DAYS)
SETS = lex.folded_table(lex.SETS)
REFS = lex.folded_table(lex.REFS)
HOLIDAYS = lex.folded_table(lex.HOLIDAYS)
DECADES = lex.folded_table(lex.DECADES)
SEASONS = lex.folded_table(lex.SEASONS)
DUAL_UNITS = {
    fold("ال" + w): unit for w, (unit, count) in lex.TIME_UNITS.items() if count == 2
}  # العامين، اليومين ...
QUARTERS = lex.folded_table(lex.QUARTER_WORDS)


def _art(words: Iterable[str]) -> str:
    """Words that all start with the article, allowing its contraction لل."""
    return rf"{ART}(?:{trie(w[2:] for w in words)})"


MONTH = rf"(?:{trie(MONTHS)}){E}"
MONTH_SEP = r"(?:\s*[/\\]\s*|\s*[(\[]\s*|\s*[-–]\s*|\s+)"
MONTHX = rf"(?P<m1>{MONTH})(?:{MONTH_SEP}(?P<m2>{MONTH})(?:\s*[)\]])?)?"
HMONTH = rf"(?:{trie(HIJRI_MONTHS)}){E}"
WEEKDAY = rf"(?:{_art(WEEKDAYS)}){E}"
MOD = rf"(?:{trie(MODIFIERS)}){E}"
UNIT = rf"(?:{trie(TIME_UNITS)}){E}"
YEAR_TAIL = r"(?:\s*(?:م|ميلادي|ميلاديه)(?![^\W\d_]))?"
HIJRI_TAIL = r"\s*(?P<hj>ه|هجري|هجريه|للهجره)(?![^\W\d_])"
YEAR_WORD = r"(?:عام|العام|سنه|السنه|عامي|سنتي)"
YEAR_AFTER = (
    rf"(?:\s*[،,]?\s*(?:(?:من\s+)?(?:{YEAR_WORD})\s+)?(?P<y>\d{{4}})(?!\d|[.,]\d)"
    rf"(?:{HIJRI_TAIL}|{YEAR_TAIL}))"
)
MOD_AFTER = rf"(?:\s+(?P<mod>{MOD}))?"
OPEN = rf"{B}(?P<pre0>{PRE})"

DATE_DMY = (
    rf"{OPEN}(?P<b>(?:(?:ال)?(?P<d>\d{{1,2}})(?![\d:])|(?P<dw>{ORDINAL})(?=\s+من\s))"
    rf"(?:\s*(?:و|-|–|الي|حتى)\s*(?:ال)?(?P<d2>\d{{1,2}}))?\s*(?:من\s+)?(?:شهر\s+)?"
    rf"(?:{MONTHX}{YEAR_AFTER}?{MOD_AFTER}|(?:ال)?شهر\s+(?P<rmod>{MOD})|(?P<cur>الجاري|الحالي)"
    rf"{E}))"
)
DATE_MY = rf"{OPEN}(?P<b>(?:(?P<sh>شهر|الشهر)\s+)?{MONTHX}{YEAR_AFTER}?{MOD_AFTER})"
NUMERIC_DATE = (
    r"(?<![\d/.\-])(?P<b>(?P<a>\d{1,4})(?P<sep>[/\-.])(?P<m>\d{1,2})(?P=sep)(?P<c>\d{1,4})"
    rf"(?![\d/])(?:{HIJRI_TAIL}|{YEAR_TAIL}))"
)
YEAR = (
    rf"{OPEN}(?P<b>(?:(?P<kw>{YEAR_WORD})\s+)?(?P<y>\d{{4}})(?!\d|[.,]\d|\s*%)"
    rf"(?:{HIJRI_TAIL}|{YEAR_TAIL}))"
)
RELATIVE_UNIT = (
    rf"{OPEN}(?P<b>(?P<u>{_art(CALENDAR_UNITS)}){E}"
    rf"(?:\s+(?P<mod>{MOD}))?)"
)
_NOT_TODAY = (
    r"(?!\s+(?:الاول|الثاني|الثالث|الرابع|التالي|السابق|الاخير|الوطني|العالمي|الدولي|نفسه|ذاته"
    r"|المحدد|الموعود|المشهود|الذي|العاشر|الخامس)(?![^\W\d_]))"
)
_RELATIVE_DAY_WORDS = {k: v for k, v in RELATIVE_DAYS.items() if k not in ("الغد", "غد")}
RELATIVE_DAY = (
    rf"{OPEN}(?P<b>(?:(?P<yawm>يوم)\s+)?(?P<w>{trie(_RELATIVE_DAY_WORDS)}|غد)){E}"
    rf"{_NOT_TODAY}"
)
TONIGHT = rf"{OPEN}(?P<b>{ART}ليله(?:\s+(?P<mod>الماضيه|البارحه|المقبله|القادمه))?){E}"
_DAY_BASE = (
    rf"(?:(?P<wd>{WEEKDAY})(?:\s+(?P<mod>{MOD}))?|(?P<rd>{trie(RELATIVE_DAYS)}){E}{_NOT_TODAY})"
)
DAYPART = rf"{OPEN}(?P<b>(?P<pod>{trie(PARTS_OF_DAY)})\s+(?:(?:من\s+)?يوم\s+)?{_DAY_BASE})"
DAYPART_ATOM = rf"{OPEN}(?P<b>(?P<pod>{trie(PARTS_OF_DAY)}))(?=\s+(?:(?:من\s+)?يوم\s+)?(?:ال)?\d)"
ADVERB = rf"{OPEN}(?P<b>(?P<adv>{trie(DAY_PART_ADVERBS)})){E}"
WEEKDAY_RULE = rf"{OPEN}(?P<b>(?:يوم\s+)?(?P<wd>{WEEKDAY}){MOD_AFTER})"

_AP = rf"(?:\s*(?P<ap>{trie(DAY_PART_ADVERBS)}){E}|\s+من\s+(?P<ap2>{trie(CLOCK_PARTS)}){E})?"
_ZONE = (
    r"(?:\s+(?:ب?التوقيت\s+المحلي|بتوقيت\s+[^\W\d_]+(?:\s+[^\W\d_]+)?|ت\s*غ|gmt|GMT|(?<=\s)غرينتش)"
    r"(?![^\W\d_]))?"
)
_FRACTION = (
    r"(?:\s+(?P<frac>والنصف|والربع|الا\s+ربعا|الا\s+الربع|الا\s+ربع|وثلث|والثلث|الا\s+ثلثا"
    rf"|الا\s+الثلث)(?![^\W\d_]))?(?:\s+و\s*(?P<mins>{NUMBER})\s+(?:دقيقه|دقائق|دقيقتين))?"
)
CLOCK_DIGITS = (
    rf"{OPEN}(?P<b>(?:تمام\s+)?(?:ال)?ساعه\s+(?P<h>\d{{1,2}})(?:[:.,](?P<mi>\d{{2}}))?(?![\d])"
    rf"{_AP}{_ZONE})"
)
CLOCK_WORDS = (
    rf"{OPEN}(?P<b>(?:تمام\s+)?(?:(?P<saa>(?:ال)?ساعه)\s+)?(?P<hw>{HOUR}){_FRACTION}{_AP}{_ZONE})"
)
CLOCK_COLON = rf"(?<![\d:.])(?P<b>(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?![\d:]){_AP}{_ZONE})"
CLOCK_ADVERB = rf"(?<![\d:.,])(?P<b>(?P<h>\d{{1,2}})\s*(?P<ap>{trie(DAY_PART_ADVERBS)}){E}{_ZONE})"
MIDNIGHT = rf"{OPEN}(?P<b>منتصف\s+(?P<w>الليل|ليل|ليله|النهار|نهار)){E}"

_DUR_PRE = (
    r"(?P<dp>قبل|بعد|منذ|خلال|لمده|مده|طوال|طيله|على\s+مدى|على\s+مدار|في\s+غضون|غضون"
    r"|حوالي|نحو)\s+"
)
_APPROX = r"(?:(?:اكثر|اقل|ازيد|ما\s+يزيد|ما\s+يقرب|نحو|حوالي|قرابه|زهاء)\s+(?:(?:من|عن)\s+)?)?"
DURATION = (
    rf"{OPEN}(?P<b>(?:{_DUR_PRE}{_APPROX})?(?:(?:ال)?(?P<n>{NUMBER})\s+)?(?P<u>{UNIT})"
    r"(?:\s+(?P<half>ونصف|ونصفا)(?![^\W\d_]))?"
    r"(?:\s+(?P<extra>واحد|واحده|كامل|كامله|كاملا|كاملين|كاملتين)(?![^\W\d_]))?)"
    r"(?!\s*(?:ال)?\d)(?!\s+(?:ال)?(?:سبت|احد|اثنين|ثلاثاء|اربعاء|خميس|جمعه)(?![^\W\d_]))"
    rf"(?!\s+(?:{MONTH}|{HMONTH}))"
)
DIRECTED_DURATION = (
    rf"{OPEN}(?:(?:خلال|في|طوال|طيله|على\s+مدى|على\s+مدار)\s+)?(?P<b>"
    rf"(?:(?P<pu>{_art(PLURAL_UNITS)}){E}(?:\s+(?:ال)?(?P<n>{NUMBER}))?(?:\s+القليله)?"
    rf"|(?:ال)?(?P<n2>{NUMBER})\s+(?P<u>{UNIT})|(?P<du>{_art(DUAL_UNITS)}){E})"
    rf"\s+(?P<mod>{MOD}))"
)
SET = rf"{OPEN}(?P<b>(?P<w>{trie(SETS)})){E}"
SET_EVERY = (
    rf"{OPEN}(?P<b>كل\s+(?:(?P<n>{NUMBER})\s+(?P<u>{UNIT})|(?:يوم\s+)?"
    rf"(?P<wd>{trie(BARE_WEEKDAYS | WEEKDAYS)}){E}))"
)
REF = rf"{OPEN}(?P<b>(?P<w>{trie(REFS)})){E}"
_CENTURY_SPEC = rf"(?:(?P<cord>{ORDINAL})|(?:ال)?(?P<cnum>\d{{1,2}})(?![\d])|(?P<cmod>{MOD}))"
DECADE = (
    rf"{OPEN}(?P<b>(?:(?:عقد|حقبه)\s+)?(?P<dec>{trie(DECADES)}){E}"
    rf"(?:\s+(?:من\s+)?(?:ال)?قرن\s+{_CENTURY_SPEC})?)"
)
CENTURY = (
    rf"{OPEN}(?P<b>{ART}قرن\s+(?:(?P<cord>{ORDINAL})|(?:ال)?(?P<cnum>\d{{1,2}})(?![\d])))"
    r"(?!\s+(?:ال)?هجري)"
)
HOLIDAY = (
    rf"{OPEN}(?P<b>(?P<h>{trie(HOLIDAYS)}){E}(?:\s+(?:(?:لعام|عام|سنه|من\s+عام|العام)\s+)?"
    rf"(?P<y>\d{{4}})(?!\d|[.,]\d)(?:{HIJRI_TAIL})?)?{MOD_AFTER})"
)
HIJRI = (
    rf"{OPEN}(?P<b>(?:(?:ال)?(?P<d>\d{{1,2}})\s+(?:من\s+)?|(?P<dw>{ORDINAL})\s+من\s+)?"
    rf"(?:(?P<sh>شهر)\s+)?(?P<hm>{HMONTH})(?:\s*[،,]?\s*(?:(?:من\s+)?(?:{YEAR_WORD})\s+)?"
    rf"(?P<y>\d{{3,4}})(?!\d|[.,]\d))?(?:{HIJRI_TAIL})?{MOD_AFTER})"
)
_BARE_UNIT = (
    rf"(?:\s+(?:من\s+)?(?P<bare>(?:ال)?(?:اسبوع|شهر|عام|سنه))(?![^\W\d_])"
    rf"(?!\s+(?:{MOD}|(?:ال)?\d|{MONTH}|{HMONTH})))?"
)
PART = rf"{OPEN}(?P<b>(?P<p>{trie(PERIOD_PARTS)}){E}{_BARE_UNIT})"
QUARTER = (
    rf"{OPEN}(?P<b>{ART}(?P<qh>ربع|نصف)\s+(?P<ord>{trie(QUARTERS)}){E}(?:\s+من(?=\s))?"
    rf"{_BARE_UNIT})"
)
SEASON = (
    rf"{OPEN}(?P<b>(?P<s>{trie(SEASONS)}){E}(?:\s+(?:(?:عام|العام)\s+)?(?P<y>\d{{4}})(?![\d])"
    rf"|\s+(?P<mod>{MOD})))"
)
WEEKEND = rf"{OPEN}(?P<b>(?:عطله\s+)?نهايه\s+(?:ال)?اسبوع{E}{MOD_AFTER})"
