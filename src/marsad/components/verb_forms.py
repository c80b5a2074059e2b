"""Inflected forms of Arabic verbs, generated from the lemma (third person masculine past).

Used by the speech-cue lexicon (:mod:`marsad.components.cues`) and the event-trigger lexicon
(:mod:`marsad.components.event_lexicon`): both list lemmas only and expand them here, so that
``قال`` matches ``قالت``, ``وقالوا``, ``يقول``, ``فتقول``, ``سيقولون`` and so on. Everything is in
the folded view of :data:`marsad.text.normalize.MATCH` (``أ`` → ``ا``, ``ى`` → ``ي``, ``ؤ`` → ``و``,
``ة`` → ``ه``), which is how tokens are looked up. Forms are generated without proclitics; a token
is looked up through :func:`readings`, which takes و/ف and the future س off it.

The generator knows unvocalized spelling only, which is what news text uses:

- sound verbs of any form: the imperfect stem is the lemma, minus a leading ``ا`` for forms IV,
  VII, VIII and X (``اعلن`` → ``يعلن``, ``انسحب`` → ``ينسحب``, ``استهدف`` → ``يستهدف``);
- three-letter verbs whose first radical is hamza (``اكد``, ``ايد``, ``اخذ``) get both imperfect
  spellings (``يوكد`` of form II, ``ياخذ`` of form I);
- hollow verbs (``قال``, ``زار``, ``اضاف``, ``استقال``): the long vowel is dropped in the first
  person (``قلت``) and becomes ``و`` or ``ي`` in the imperfect (``يقول``, ``يضيف``); verbs that
  keep ``ا`` (``ينام``) are listed with explicit forms where a lexicon needs them;
- defective verbs ending in ``ا`` (``دعا`` → ``يدعو``) or ``ي`` (``نفي`` → ``ينفي``, ``نفوا``);
- doubled verbs written with two letters (``شن`` → ``شنت``, ``شننا``, ``يشنون``).

Over-generation is harmless (a wrong form simply never occurs), so the rules err towards more
forms. Irregular verbs (``راي``/``يري``) are completed by explicit extra forms in the lexicons.
"""

from __future__ import annotations

from functools import lru_cache

PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم", "تما")
IMPERFECT_PREFIXES = ("ي", "ت", "ن", "ا")
IMPERFECT_SUFFIXES = ("", "ون", "وا", "ان", "ا", "ن", "ين")
OBJECT_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "نا", "ك", "كم", "ني")


def _is_hollow(lemma: str) -> bool:
    if len(lemma) == 3 and lemma[1] == "ا":
        return True
    if len(lemma) == 4 and lemma[0] == "ا" and lemma[2] == "ا":  # form IV: اضاف، اشار
        return True
    return len(lemma) == 6 and lemma.startswith("است") and lemma[4] == "ا"  # form X: استقال


def _past_stems(lemma: str) -> tuple[str, str]:
    """(stem before a vowel suffix, stem before a consonant suffix)."""
    if len(lemma) == 2:  # doubled: شن / شنن
        return lemma, lemma + lemma[-1]
    if _is_hollow(lemma):
        return lemma, lemma[:-2] + lemma[-1]
    return lemma, lemma


def past_forms(lemma: str) -> set[str]:
    """Perfect-tense forms of ``lemma`` (no proclitics)."""
    if lemma.endswith("ا") and len(lemma) >= 3:  # دعا: دعت دعوا دعوت
        root = lemma[:-1]
        return {lemma, root + "ت", root + "وا", root + "تا", root + "ون", root + "وت", root + "ونا"}
    if lemma.endswith("ي") and len(lemma) >= 3:  # نفي: نفت نفوا نفيت
        root = lemma[:-1]
        return {lemma, root + "ت", root + "وا", root + "يا", root + "تا", root + "ين", root + "يت",
                root + "ينا", root + "يتم"}  # fmt: skip
    vowel_stem, consonant_stem = _past_stems(lemma)
    out = {vowel_stem + s for s in ("", "ت", "وا", "ا", "تا")}
    for suffix in ("ت", "ن", "نا", "تم", "تما"):
        merged = len(lemma) == 2 and suffix[0] == lemma[-1]  # شنن + نا is written شننا
        out.add(consonant_stem + (suffix[1:] if merged else suffix))
    return out


def imperfect_stems(lemma: str) -> set[str]:
    """Imperfect stems of ``lemma`` (what follows the person prefix ي/ت/ن/ا)."""
    if len(lemma) == 2:
        return {lemma}
    if _is_hollow(lemma):
        if len(lemma) == 3:
            return {lemma[0] + v + lemma[2] for v in "وي"}
        base = lemma[1:]
        return {base[:-2] + "ي" + base[-1]}
    if len(lemma) == 3 and lemma[0] == "ا":  # اكد (يوكد) / اخذ (ياخذ)
        return {lemma, "و" + lemma[1:]}
    stem = lemma[1:] if lemma[0] == "ا" and len(lemma) >= 4 else lemma
    if stem.endswith("ا"):  # دعا → يدعو
        return {stem[:-1] + "و"}
    return {stem}


def imperfect_forms(lemma: str) -> set[str]:
    """Imperfect-tense forms of ``lemma`` (person prefixes and suffixes, no proclitics)."""
    out: set[str] = set()
    for stem in imperfect_stems(lemma):
        weak_end = stem[-1] in "وي" and len(stem) >= 3
        for prefix in IMPERFECT_PREFIXES:
            out.add(prefix + stem)
            for suffix in IMPERFECT_SUFFIXES[1:]:
                out.add(prefix + (stem[:-1] if weak_end and suffix[:1] in "وي" else stem) + suffix)
    return out


@lru_cache(maxsize=4096)
def verb_forms(lemma: str) -> frozenset[str]:
    """Every generated form of the folded ``lemma``, without proclitics (see :func:`readings`)."""
    return frozenset(past_forms(lemma) | imperfect_forms(lemma))


def readings(token: str) -> list[str]:
    """The folded ``token`` and its readings without the proclitics و/ف and the future س/ل.

    ``"وسيقول"`` -> ``["وسيقول", "سيقول", "يقول"]``. The future marker and the ل of purpose are
    only taken off when an imperfect prefix (ي/ت/ن/ا) follows them.
    """
    out = [token]
    rest = token
    if rest[:1] in "وف" and len(rest) > 3:
        rest = rest[1:]
        out.append(rest)
    if rest[:1] in "سل" and rest[1:2] in IMPERFECT_PREFIXES and len(rest) > 3:
        out.append(rest[1:])
    return out


def strip_object_suffix(token: str) -> list[str]:
    """Readings of a folded verb token without an attached object pronoun, longest suffix first."""
    out = []
    for suffix in sorted(OBJECT_SUFFIXES, key=len, reverse=True):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            out.append(token[: -len(suffix)])
    return out
