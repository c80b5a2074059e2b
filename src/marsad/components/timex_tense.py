"""The tense of the clause around a time expression: ``future``, ``past`` or ``None``.

A month-day or weekday without a year takes its year or week from the tense news convention
implies: "ستعقد ... في 28 يوليو" is ahead of the publication date, "عقدت ... في 28 يوليو" behind.
The markers are looked for in the folded text, first backwards from the expression to the start of
its clause (at most :data:`WINDOW` words), then forwards: the nearest one wins.

Future markers: سوف, لن, the prefix سي/ست on an imperfect verb (سيعقد، ستتناول; not a word ending
like a noun in ة, ات or ين, nor a listed noun such as سيناريو), المقرر/المزمع/المرتقب,
and the imperfect of common news verbs (يعقد، تبدأ). Past markers: the perfect of common news verbs
with their endings (عقدت، أعلنوا), كان, قد/لقد, لم. A perfect verb between الذي/التي and فيه/فيها
("في الوقت الذي ألقت فيه") describes the moment of writing, not the expression, and is skipped.
"""

from __future__ import annotations

import re

from marsad.text.normalize import fold

WINDOW = 16
_WORD_OR_STOP = re.compile(r"[^\W\d_]+|[،,؛;:()\[\]\"«»“”\-–—.!?؟\n]")
_STOPS = frozenset('،,؛;:()[]"«»“”-–—.!?؟\n')

_PAST_STEMS = (
    "قال", "أعلن", "عقد", "انعقد", "وقع", "شهد", "أكد", "أشار", "ذكر", "كشف", "أفاد", "أوضح",
    "التقى", "زار", "اجتمع", "توفي", "قتل", "أصيب", "جرى", "أجرى", "بدأ", "انطلق", "انتهى",
    "اختتم", "افتتح", "وصل", "غادر", "استقبل", "تم", "أطلق", "نفذ", "شن", "اندلع", "أسفر", "أدى",
    "وافق", "رفض", "دعا", "طالب", "صرح", "نشر", "أصدر", "أقر", "صادق", "انتخب", "فاز", "خسر",
    "هزم", "سجل", "ارتفع", "انخفض", "تراجع", "بلغ", "حدث", "اعتقل", "اغتيل", "انفجر", "هاجم",
    "قصف", "سقط", "حصل", "منح", "قرر", "ناقش", "استضاف", "نظم", "أقيم", "عاد", "أعيد", "اختار",
    "عين", "استقال", "أقال", "تسلم", "تولى", "وقعت", "أجريت", "عقدت", "جرت", "شارك", "حضر",
    "ألقى", "استأنف", "أنهى", "أحيا", "احتفل", "أبرم", "ألغى", "صوت", "أصبح", "بات", "ظل",
    "صار", "أضحى", "أمسى",
)  # fmt: skip
_AMBIGUOUS_BARE = frozenset(fold(w) for w in (
    "عقد", "نشر", "قصف", "ذكر", "منح", "عين", "شهد", "حدث", "قتل", "طالب", "سجل", "صوت", "وصل",
    "رفض", "حضر", "سقط",
))  # fmt: skip
"""Past forms that are also common nouns (عقد contract, طالب student): no marker when bare."""
_PAST_WORDS = ("كان", "كانت", "كانوا", "قد", "لقد", "لم", "لما", "سبق", "سابقا", "آنذاك", "وقتها")
_FUTURE_WORDS = (
    "سوف", "لن", "المقرر", "المقررة", "مقرر", "مقررة", "المزمع", "المزمعة", "المرتقب",
    "المرتقبة", "المنتظر", "المنتظرة", "يعتزم", "تعتزم", "يعتزمون", "يرتقب", "يترقب", "المتوقع",
    "يتوقع", "ستكون", "سيكون", "مرتقب", "مرتقبة", "يفترض", "سيتم", "ستتم",
    # a postponement points to the new, later date: أجلت المحكمة النظر إلى 14 نوفمبر
    "أجل", "أجلت", "أجلوا", "أرجأ", "أرجأت", "تأجيل", "إرجاء", "مدد", "مددت", "تمديد",
)  # fmt: skip
_IMPERFECT = (
    "يعقد", "تعقد", "يعقدان", "تعقدان", "يعقدون", "يزور", "تزور", "يلتقي", "تلتقي", "يجتمع",
    "تجتمع", "يبدأ", "تبدأ", "ينطلق", "تنطلق", "ينتهي", "تنتهي", "يجري", "تجري", "يصل", "تصل",
    "يغادر", "تغادر", "يشارك", "تشارك", "يستضيف", "تستضيف", "يقام", "تقام", "ينظم", "تنظم",
    "يتوجه", "تتوجه", "يحتفل", "تحتفل", "تستمر", "يستمر", "تنعقد", "ينعقد", "تنتخب", "ينتخب",
    "يصوت", "تصوت", "يدخل", "تدخل", "يلقي", "تلقي", "تستأنف", "يستأنف", "يحل", "تحل",
    "يصادف", "تصادف", "يعود", "تعود", "ينعقد", "تبدأ", "يفتتح", "تفتتح", "يختتم", "تختتم",
)  # fmt: skip
_NOT_FUTURE = frozenset(fold(w) for w in (
    "سياسة", "سياسي", "سياسية", "سيارة", "سيارات", "سيطرة", "سيدة", "سيد", "ستين", "ستون",
    "ستة", "سيناء", "سيول", "سيادة", "سياق", "سياحة", "سياحي", "سيرة", "سيناريو", "ستار",
    "سينما", "سيف", "سيبيريا", "ستوكهولم", "سياسات", "سياسيين", "سيرلانكا", "سيئول", "ستراتيجية",
    "سيادي", "سيطرت", "سيولة", "ستالين", "ستارمر", "سيسي", "سيدات", "سياج", "سيمفونية",
    "ستائر", "سيدني", "سيكولوجية", "نسيج", "سيادية",
))  # fmt: skip
_FUTURE_PREFIX = re.compile(r"[وف]?س[يت][^\W\d_]{3,}(?<![هن])(?<!ات)")
_CIRCUMSTANTIAL_BEFORE = frozenset(fold(w) for w in ("الذي", "التي"))
_CIRCUMSTANTIAL_AFTER = frozenset(fold(w) for w in ("فيه", "فيها"))


def _past_forms(stem: str) -> set[str]:
    base = fold(stem)
    if base[-1] in "يا":
        root = base[:-1]
        forms = {base, root + "ت", root + "تا", root + "وا", base + "ا", root + "يت", root + "ينا"}
    else:
        forms = {base + s for s in ("ت", "ا", "تا", "وا", "نا", "تم", "ن")}
        if base not in _AMBIGUOUS_BARE:
            forms.add(base)
    return forms


def _with_proclitics(words: set[str]) -> frozenset[str]:
    return frozenset(p + w for w in words for p in ("", "و", "ف"))


PAST = _with_proclitics({f for stem in _PAST_STEMS for f in _past_forms(stem)}) | frozenset(
    fold(w) for w in _PAST_WORDS
)
FUTURE = _with_proclitics({fold(w) for w in _FUTURE_WORDS + _IMPERFECT})


def _marker(word: str) -> str | None:
    if word in FUTURE:
        return "future"
    if word in PAST:
        return "past"
    if _FUTURE_PREFIX.fullmatch(word) and word.lstrip("وف") not in _NOT_FUTURE:
        return "future"
    return None


def is_verb_marker(word: str) -> bool:
    """Whether the folded ``word`` is a tense marker (a known verb form, سوف، قد ...)."""
    return _marker(word) is not None


def _tokens(text: str, start: int, end: int) -> list[str]:
    return [m.group() for m in _WORD_OR_STOP.finditer(text, start, end)]


def _scan(words: list[str]) -> str | None:
    """The first marker in ``words`` before a clause stop, skipping circumstantial verbs."""
    for i, word in enumerate(words[:WINDOW]):
        if word in _STOPS:
            return None
        tense = _marker(word)
        if tense is None:
            continue
        if tense == "past" and _circumstantial(words, i):
            continue
        return tense
    return None


def _circumstantial(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` (scanning backwards) sits in "الذي <verb> فيه"."""
    before = words[i + 1] if i + 1 < len(words) else ""
    after = words[i - 1] if i > 0 else ""
    return before in _CIRCUMSTANTIAL_BEFORE and after in _CIRCUMSTANTIAL_AFTER


def clause_tense(text: str, start: int, end: int) -> str | None:
    """The tense of the clause around the folded span ``text[start:end]``."""
    window = 12 * WINDOW
    backwards = _tokens(text, max(0, start - window), start)[::-1]
    tense = _scan(backwards)
    if tense is not None:
        return tense
    return _scan(_tokens(text, end, min(len(text), end + window)))
