"""Quotations and their speakers (the ``quotes`` layer of ``marsad.document/1``).

**Direct quotes** are the stretches inside quotation marks (“…”, «…», „…”, ‘…’, "…"; see
:mod:`marsad.components.quote_marks`), including a quotation that runs over several paragraphs
(a paragraph that opens with a quotation mark and no cue continues the previous speaker) and a
quotation split around its cue (``"…"، وأضاف "…"``). **Indirect quotes** are the clauses that a
reporting verb introduces with إن/أن (``وقال الوزير إن …``, ``مشيرا إلى أن …``), a colon without
quotation marks, the object of ``أعلن/نفى/كشف …`` after a named speaker, and the clause an
attribution governs (``… بحسب الشرطة``, ``ووفقا للوزارة، فإن …``).

Decisions (documented in the README section "Quotations"):

- A quote's ``start/end/text`` is the quoted **content without the marks**, white space trimmed.
  ``cue`` is the reporting verb (or attribution word) token; it is ``null`` for a continuation.
- A quoted stretch of **one to three words** is a term or a name in scare quotes (“الردع الموسع”),
  not a quotation, unless a cue governs it directly (``قائلا "كيدهن عظيم"``, ``وأضاف: "أبدا"``)
  or it stands inside reported speech (``قال إن بلاده "ملتزمة بالكامل"``: a cue, then إن/أن).
  Four to seven words need a governing cue, a colon before them or a speaker cue after them, or
  must continue a quotation of the previous paragraph; eight words or more are speech in any case.
- The speaker is looked for before the quotation (after its cue: ``وقال X:``, ``وقال X إن``), after
  it (``"…". صرح بذلك X``, ``"…"، قال X``, ``"…"، بحسب X``) and, for an empty phrase, before the
  cue in the same sentence (``علق X قائلا``). A named person wins over an organisation or place,
  which wins over a title; a title (``المتحدث``, ``الوزير``) is resolved to the person the article
  introduced with it; a bare cue (``وأضاف``) or a continuation takes the previous speaker (else
  the last person named in the sentences before). A speaker resolved that way points at the
  words where the article named that person.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.components.cues import (
    ATTRIBUTION_LINKS,
    PHRASE_CUES,
    CueVerb,
    is_attribution,
    is_that,
    lookup_cue,
)
from marsad.components.doc_view import PUNCT_STOPS, QUOTE_CHARS, DocView, Span
from marsad.components.quote_marks import Quoted, find_quoted
from marsad.components.speakers import (
    RANK_NAMED,
    RANK_PERSON,
    RANK_RESOLVED,
    RANK_TITLE,
    Candidate,
    TitleIndex,
    Window,
    candidate_from_window,
    read_window,
    subject_before,
    title_words,
)
from marsad.doc import Cue, Document, Quote, Speaker
from marsad.registry import component
from marsad.text.normalize import fold
from marsad.text.tokenize import split_proclitics

SHORT_QUOTE_WORDS = 3
MIN_CONTINUATION_WORDS = 4
MIN_UNCUED_WORDS = 8
CUE_LOOKBACK = 25
THAT_LOOKAHEAD = 10
REPORT_LINKS = frozenset(fold(w) for w in ("فيما", "بينما", "حين"))
"""Words that join a second reported statement to a sentence (``، فيما أكد ...``)."""
NAME_NOUNS = frozenset(split_proclitics(fold(w))[1] for w in (
    "صحيفة", "جريدة", "مجلة", "قناة", "وكالة", "موقع", "شركة", "مجموعة", "برنامج", "عملية",
    "مؤتمر", "حملة", "مشروع", "فيلم", "مسلسل", "كتاب", "رواية", "ألبوم", "أغنية", "حزب", "حركة",
    "منظمة", "جماعة", "تنظيم", "شعار", "اسم", "لقب", "مصطلح", "مبادرة", "نظام", "قانون", "حساب",
    "صفحة", "منصة", "تطبيق", "اتفاقية", "خطة", "وثيقة", "مهرجان", "بطولة", "نادي", "فندق", "مطعم",
    "هاشتاغ", "وسم", "تحالف", "ائتلاف", "جبهة", "لوكالة", "لصحيفة", "لقناة", "لموقع", "لمجلة",
))  # fmt: skip
STATEMENT_NOUNS = frozenset(fold(w) for w in (
    "بيان", "بيانه", "بيانها", "تصريح", "تصريحات", "تصريحه", "كلمة", "كلمته", "مقابلة",
    "تغريدة", "تدوينة", "حديث", "حديثه", "رسالة", "منشور", "خطاب", "خطابه",
))  # fmt: skip
SOURCE_NOUNS = frozenset(fold(w) for w in (
    "مصدر", "مصادر", "شهود", "شاهد", "مسؤول", "مسؤولين", "مسؤولون", "وكالة", "صحيفة",
    "بيان", "تقرير", "تقارير", "ناشطون", "ناشطين", "مراسل", "متحدث", "إحصاءات", "أرقام",
    "وسائل", "إعلام", "موقع", "قناة", "سكان", "مرصد", "منظمة", "خبراء", "خبير", "محللون",
    "محللين", "مراقبون", "مراقبين", "دبلوماسيون", "دبلوماسيين", "مسؤولي", "أوساط", "دوائر",
))  # fmt: skip


@dataclass(slots=True)
class _Found:
    """A quotation found, waiting for its speaker to be resolved in text order."""

    start: int
    end: int
    kind: str
    cue: Cue | None
    speaker: Candidate | None
    inherit: bool  # take the previous speaker when no speaker was found


@dataclass(slots=True)
class _CueHit:
    index: int
    verb: CueVerb | None
    window: Window
    speaker_cue: int | None = None  # the finite cue whose subject speaks (for a participle)


@component("quotes", requires=("sentences", "tokens", "mentions", "entities"), assigns=("quotes",))
def quotes(doc: Document) -> Document:
    """Direct and indirect quotations with their cue and speaker (linked to its entity)."""
    doc.quotes = QuoteFinder(DocView.of(doc)).find()
    return doc


class QuoteFinder:
    """Finds the quotations of one document."""

    def __init__(self, view: DocView) -> None:
        self.view = view
        self.titles = TitleIndex(view)
        self.used_cues: set[int] = set()
        self.found: list[_Found] = []
        self.names: list[Quoted] = []  # short quoted names, skipped when looking back for a cue

    def find(self) -> list[Quote]:
        self._direct(find_quoted(self.view.text, self.view.paragraphs))
        for sentence in self.view.sentences:
            self._indirect_in(Span(sentence.start, sentence.end))
        return self._resolve()

    # --- direct quotes ---------------------------------------------------------------------

    def _direct(self, quoted: list[Quoted]) -> None:
        previous: Quoted | None = None
        for q in quoted:
            if self._direct_one(q, previous):
                previous = q

    def _direct_one(self, q: Quoted, previous: Quoted | None) -> bool:
        view = self.view
        lo = view.sentence_of(q.open).start
        if previous is not None and previous.paragraph == q.paragraph:
            lo = max(lo, previous.close + 1)
        before = self._cue_before(q, lo)
        after = self._cue_after(q)
        words = sum(1 for i in view.token_range(q.start, q.end) if view.word(i)[:1].isalnum())
        if words <= SHORT_QUOTE_WORDS and self._named(q):
            self.names.append(q)
            return False
        governs = before is not None and (self._governs(before, q) or self._reported(before, q))
        initial = q.open == view.paragraphs[q.paragraph].start
        continues = initial and previous is not None and previous.paragraph >= q.paragraph - 1
        cued = governs or after is not None or self._colon_before(q)
        if not _accept(words, cued, continues):
            return False
        speaker = self._direct_speaker(before, after, q)
        if before is not None:
            self.used_cues.add(before.index)
        if after is not None:
            self.used_cues.add(after.index)
        hit = before if before is not None and (governs or after is None) else after
        cue = self._cue(hit) if hit is not None else None
        self.found.append(_Found(q.start, q.end, "direct", cue, speaker, True))
        return True

    def _cue_before(self, q: Quoted, lo: int) -> _CueHit | None:
        view = self.view
        open_idx = view.token_index(q.open)
        first = max(view.token_index(lo), open_idx - CUE_LOOKBACK)
        found: _CueHit | None = None
        for i in range(open_idx - 1, first - 1, -1):
            w = view.word(i)
            if w in QUOTE_CHARS and not self._in_name(view.tokens[i].start):
                break
            verb = lookup_cue(w)
            if verb is not None:
                hit = _CueHit(i, verb, read_window(view, i, open_idx))
                hit = self._finite_for(hit, first) if verb.participle else hit
                if verb.speech or verb.participle:
                    return hit
                found = found or hit  # نقلتها صحيفة: a speech verb further back wins
            elif found is None and i + 1 < open_idx and (w, view.word(i + 1)) in PHRASE_CUES:
                found = _CueHit(i, None, read_window(view, i + 1, open_idx))
        return found

    def _in_name(self, pos: int) -> bool:
        return any(n.open <= pos <= n.close for n in self.names)

    def _finite_for(self, hit: _CueHit, first: int) -> _CueHit:
        """For ``وردت X قائلة``: the participle's speaker is the subject of the finite cue."""
        if not hit.window.empty:
            return hit
        view = self.view
        for i in range(hit.index - 1, first - 1, -1):
            verb = lookup_cue(view.word(i))
            if verb is not None and not verb.participle:
                window = read_window(view, i, hit.index)
                return _CueHit(hit.index, hit.verb, window, speaker_cue=i)
        return hit

    def _named(self, q: Quoted) -> bool:
        """A short quoted stretch that names something (``صحيفة "ديلي ميل"``, ``"هدف"``): one
        word without a colon before it, or words right after a noun that takes a name."""
        view = self.view
        before = view.word(view.token_index(q.open) - 1)
        if bare_word(before) in NAME_NOUNS:
            return True
        one_word = len(view.token_range(q.start, q.end)) == 1
        return one_word and not self._colon_before(q)

    def _governs(self, hit: _CueHit, q: Quoted) -> bool:
        """True when the quotation is the complement of the cue (nothing else in between)."""
        view = self.view
        p = view.token_index(q.open) - 1
        while p > hit.index and view.word(p) in ("،", ",", "-", "–"):
            p -= 1
        w = view.word(p)
        if w == ":" or is_that(w) or w in STATEMENT_NOUNS:
            return True
        window = hit.window
        if hit.speaker_cue is not None:
            return p == hit.index
        return p in (hit.index, window.addressee_end - 1, window.stop - 1) or (
            hit.index < p < window.first
        )

    def _reported(self, hit: _CueHit, q: Quoted) -> bool:
        """True for a quotation inside reported speech (``قال إن بلاده "ملتزمة بالكامل"``)."""
        view = self.view
        open_idx = view.token_index(q.open)
        return any(is_that(view.word(j)) for j in range(hit.window.stop, open_idx))

    def _colon_before(self, q: Quoted) -> bool:
        text = self.view.text
        i = q.open - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        return i >= 0 and text[i] == ":"

    def _cue_after(self, q: Quoted) -> _CueHit | None:
        if not q.closed:
            return None
        view = self.view
        para_end = view.paragraphs[q.paragraph].end
        limit = view.token_index(para_end)
        k = view.token_index(q.close + 1)
        while k < limit and view.word(k) in PUNCT_STOPS | {"-", "–", "كما"}:
            k += 1
        w = view.word(k)
        if k >= limit:
            return None
        verb = lookup_cue(w)
        if verb is not None:
            window = read_window(view, k, limit)
            return None if _opens_content(view, window.stop) else _CueHit(k, verb, window)
        if is_attribution(w):
            return self._attribution_hit(k, limit)
        return None

    def _attribution_hit(self, k: int, limit: int) -> _CueHit:
        view = self.view
        j = k
        while j + 1 < limit and view.word(j + 1) in ATTRIBUTION_LINKS:
            j += 1
        return _CueHit(k, None, read_window(view, j, limit))

    def _direct_speaker(
        self, before: _CueHit | None, after: _CueHit | None, q: Quoted
    ) -> Candidate | None:
        first = self._speaker(before) if before is not None else None
        second = self._speaker(after) if after is not None else None
        if (
            before is not None
            and first is not None
            and second is not None
            and second.entity
            and first.rank == RANK_TITLE
            and second.rank >= RANK_NAMED
        ):
            window = before.window
            words = title_words(self.view, window.first, window.stop)
            self.titles.learn(words, second.entity, q.start)
        options = [c for c in (first, second) if c is not None]
        return max(options, key=lambda c: (c.rank, c.end - c.start)) if options else None

    def _speaker(self, hit: _CueHit) -> Candidate | None:
        cue = hit.speaker_cue if hit.speaker_cue is not None else hit.index
        found = subject_before(self.view, cue)
        if found is None:
            found = candidate_from_window(self.view, hit.window, self.titles)
        if found is None and hit.window.empty:
            found = self._subject_before(cue)
        return found

    def _subject_before(self, cue: int) -> Candidate | None:
        """The first person (else organisation) named before the cue in its sentence."""
        view = self.view
        pos = view.tokens[cue].start
        sentence = view.sentence_of(pos)
        mentions = view.mentions_in(sentence.start, pos)
        for types in (("PER",), ("ORG", "GPE")):
            m = next((m for m in mentions if m.type in types), None)
            if m is not None:
                return Candidate(m.start, m.end, m.text, m.entity, RANK_NAMED)
        return None

    def _cue(self, hit: _CueHit) -> Cue:
        token = self.view.tokens[hit.index]
        return Cue(token.start, token.end, token.text)

    # --- indirect quotes -------------------------------------------------------------------

    def _indirect_in(self, sentence: Span) -> None:
        view = self.view
        tokens = view.token_range(sentence.start, sentence.end)
        limit = tokens.stop
        folded = view.folded
        for i in tokens:
            w = folded[i]
            if i in self.used_cues or not w[:1].isalpha():
                continue
            verb = lookup_cue(w)
            if verb is not None:
                self._indirect_cue(_CueHit(i, verb, read_window(view, i, limit)), sentence)
            elif is_attribution(w):
                self._indirect_attribution(i, sentence, limit)

    def _indirect_cue(self, hit: _CueHit, sentence: Span) -> None:
        view = self.view
        limit = view.token_range(sentence.start, sentence.end).stop
        start = self._content_start(hit, limit)
        if start is None:
            return
        end = self._content_end(start, sentence.end)
        if end is None:
            return
        self.used_cues.add(hit.index)
        speaker = self._speaker(hit)
        self.found.append(_Found(start, end, "indirect", self._cue(hit), speaker, True))

    def _content_start(self, hit: _CueHit, limit: int) -> int | None:
        """Where the reported content begins: after إن/أن, a colon, or the object of a cue."""
        view = self.view
        stop = hit.window.stop
        for j in range(stop, min(limit, stop + THAT_LOOKAHEAD)):
            w = view.word(j)
            if is_that(w):
                return view.tokens[j + 1].start if j + 1 < limit else None
            if w in QUOTE_CHARS and self._in_name(view.tokens[j].start):
                continue
            if w in QUOTE_CHARS or w in (".", "؟", "!") or lookup_cue(w) is not None:
                break
            if w == ":":
                return view.tokens[j + 1].start if j == stop and j + 1 < limit else None
        verb = hit.verb
        if verb is not None and verb.takes_object:
            return self._object_start(hit.window, limit)
        return None

    def _object_start(self, window: Window, limit: int) -> int | None:
        """``أعلن نادي ريال مدريد تعاقده ...``: the content starts after the named speaker."""
        if window.empty:
            return None
        view = self.view
        start, end = view.tokens[window.first].start, view.tokens[window.stop - 1].end
        named = [m for m in view.mentions_in(start, end) if m.type in ("PER", "ORG", "GPE")]
        if not named:
            return None
        j = view.token_index(named[-1].end - 1) + 1
        while j < limit and view.tokens[j].start < named[-1].end:
            j += 1
        about = next((k for k in range(j, min(limit, j + 6)) if view.word(k) == "عن"), None)
        j = about + 1 if about is not None else j + (view.word(j) == "ب")
        return view.tokens[j].start if j < limit and view.word(j)[:1].isalpha() else None

    def _content_end(self, start: int, end: int) -> int | None:
        """The content end: the sentence end less final punctuation, before any quotation and
        before a clause that reports another statement (``، فيما أكد ...``)."""
        text = self.view.text
        for i in range(start, end):
            if text[i] in QUOTE_CHARS and not self._in_name(i):
                end = i
                break
        end = self._next_report(start, end)
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".،,؛:!?؟-"):
            end -= 1
        if self._words(start, end) < 2 or self._overlaps_found(start, end):
            return None
        return end

    def _next_report(self, start: int, end: int) -> int:
        """The start of a clause that reports another statement within ``[start, end)``: a cue
        after فيما، بينما or في حين (``، فيما أكد الوزير ...``), else ``end``."""
        view = self.view
        for k in view.token_range(start, end)[1:]:
            before = view.word(k - 1)
            if before in REPORT_LINKS and lookup_cue(view.word(k)) is not None:
                first = k - 2 if before == "حين" and view.word(k - 2) == "في" else k - 1
                return view.tokens[first].start
        return end

    def _indirect_attribution(self, i: int, sentence: Span, limit: int) -> None:
        view = self.view
        hit = self._attribution_hit(i, limit)
        speaker = candidate_from_window(view, hit.window, self.titles)
        if speaker is None or not self._is_source(speaker, hit.window):
            return
        head = view.tokens[i]
        if i <= view.token_index(sentence.start) + 1:
            start = self._after_source(hit.window.stop, limit)
            end = self._content_end(start, sentence.end) if start is not None else None
        else:
            start = sentence.start
            end = self._content_end(start, head.start)
        if start is None or end is None:
            return
        self.used_cues.add(i)
        self.found.append(_Found(start, end, "indirect", self._cue(hit), speaker, False))

    def _is_source(self, speaker: Candidate, window: Window) -> bool:
        if speaker.rank >= RANK_NAMED or speaker.entity:
            return True
        words = set(title_words(self.view, window.first, window.stop))
        return bool(words & SOURCE_NOUNS)

    def _after_source(self, j: int, limit: int) -> int | None:
        view = self.view
        while j < limit and (view.word(j) in PUNCT_STOPS or view.word(j) in ("فان", "فانه")):
            j += 1
        return view.tokens[j].start if j < limit else None

    def _words(self, start: int, end: int) -> int:
        view = self.view
        return sum(1 for i in view.token_range(start, end) if view.word(i)[:1].isalnum())

    def _overlaps_found(self, start: int, end: int) -> bool:
        return any(f.start < end and start < f.end for f in self.found)

    # --- speakers in text order ------------------------------------------------------------

    def _resolve(self) -> list[Quote]:
        out: list[Quote] = []
        last: Candidate | None = None
        for f in sorted(self.found, key=lambda f: f.start):
            speaker = f.speaker
            if speaker is None and f.inherit:
                speaker = last or self._last_person(f.start)
            elif speaker is not None and last is not None and _anaphoric(speaker):
                speaker = (
                    Candidate(speaker.start, speaker.end, speaker.text, last.entity, RANK_RESOLVED)
                    if last.entity
                    else last  # the previous speaker was named but not linked: point at it
                )
            if speaker is not None:
                last = speaker
            out.append(self._quote(f, speaker))
        return out

    def _last_person(self, pos: int) -> Candidate | None:
        """The first person named in the nearest earlier sentence that names one."""
        view = self.view
        index = view.sentence_index(pos)
        for k in range(index - 1, max(index - 4, -1), -1):
            s = view.sentences[k]
            m = next((m for m in view.mentions_in(s.start, s.end) if m.type == "PER"), None)
            if m is not None:
                return Candidate(m.start, m.end, m.text, m.entity, RANK_PERSON)
        return None

    def _quote(self, f: _Found, speaker: Candidate | None) -> Quote:
        text = self.view.text
        who = Speaker(speaker.start, speaker.end, speaker.text, speaker.entity) if speaker else None
        return Quote(f.start, f.end, text[f.start : f.end], f.kind, f.cue, who)


def bare_word(word: str) -> str:
    """A folded word without an ال-ending proclitic chain."""
    return split_proclitics(word)[1]


def _anaphoric(speaker: Candidate) -> bool:
    """An unresolved definite title (``المسؤول الأممي``, ``الوزير``) points back to the last
    speaker."""
    short = len(speaker.text.split()) <= 2  # a longer phrase may hold a name the tagger missed
    definite = speaker.text.startswith("ال")
    return speaker.rank == RANK_TITLE and speaker.entity is None and definite and short


def _accept(words: int, cued: bool, continues: bool) -> bool:
    """Whether a quoted stretch of ``words`` words is a quotation (see the module docstring)."""
    if words <= SHORT_QUOTE_WORDS:
        return cued
    if words < MIN_UNCUED_WORDS:
        return cued or continues
    return True


def _opens_content(view: DocView, stop: int) -> bool:
    """True when the token that ended a speaker window opens new reported content."""
    w = view.word(stop)
    if w == "الي":
        return is_that(view.word(stop + 1))
    return w == ":" or w in QUOTE_CHARS or is_that(w)
