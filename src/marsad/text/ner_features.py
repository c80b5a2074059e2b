"""CRF features of tokens for named-entity tagging (shared by the NER trainer and component).

The trainer (:mod:`marsad.training.ner`) and the component (:mod:`marsad.components.ner`) live in
sibling packages that may not import each other, and both must compute exactly the same features,
so the feature extraction lives here, in layer 0, as pure functions of the token strings and of a
:class:`NerLexicon` handed in by the caller (built from the packaged gazetteer and word-cluster
tables, which the callers load through :mod:`marsad.resources`).

Features of a token (binary, as strings):

* the folded word (:func:`word_key`), its proclitic chain and stem
  (:func:`marsad.text.tokenize.split_proclitics`), prefixes and suffixes, the letter trigrams
  of the stem (foreign names have telltale letter sequences), a coarse shape;
* gazetteer categories of the word or of one of its proclitic readings
  (:func:`marsad.text.tokenize.proclitic_variants`), a nisba test (``الياباني`` is formed on a
  country name), and membership in a multi-word gazetteer phrase (B/I position);
* word clusters at several granularities and a corpus-frequency bucket, trained on the news corpus
  (:mod:`marsad.training.word_clusters`);
* the words, stems, clusters and categories of the neighbours within two tokens, and two word
  bigrams.

Speed: everything that depends on one word alone is computed once per word form and cached (as
ready-made feature strings for each window offset), so a sentence costs a few list extensions
per token plus one phrase lookup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from marsad.text.normalize import fold
from marsad.text.tokenize import proclitic_variants, split_proclitics

_DIGITS_TO_ZERO = str.maketrans("123456789", "000000000")
_MODEL_NUMBER = re.compile(r"[0-9\u0660-\u0669]{1,5}[A-Za-z]{0,2}")
_ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B))
_NISBA_ENDINGS = ("يين", "يون", "يان", "يه", "ي")
_COUNTRY_ENDINGS = ("يا", "ا", "ه")
CACHE_LIMIT = 50_000
WINDOW = (-2, -1, 1, 2)
BOS = "__BOS__"
EOS = "__EOS__"


def word_key(token: str) -> str:
    """The folded form of a token used for every lookup: MATCH-folded, lower case, digits -> 0."""
    return fold(token).lower().translate(_DIGITS_TO_ZERO)


def country_stem(name: str) -> str:
    """The base of a folded one-word country or city name that nisba adjectives are built on.

    ``"اليابان"`` -> ``"يابان"``; ``"سوريا"`` -> ``"سور"``; ``"امريكا"`` -> ``"امريك"``.
    """
    stem = split_proclitics(name)[1]
    for ending in _COUNTRY_ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= 3:
            return stem[: -len(ending)]
    return stem


def nisba_base(key: str) -> str | None:
    """The base of a nisba adjective (``"الكوريه"`` -> ``"كور"``), or None if it has no ending."""
    stem = split_proclitics(key)[1]
    for ending in _NISBA_ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= 3:
            return stem[: -len(ending)]
    return None


@dataclass(frozen=True, slots=True)
class NerLexicon:
    """Lookup tables for the features: all keys are :func:`word_key` forms.

    ``categories`` maps a word to gazetteer categories (``COUNTRY``, ``TITLE``, ...);
    ``phrases`` maps the first word of each multi-word gazetteer entry to (words, category)
    pairs, longest first; ``clusters`` maps a word to its cluster ids and frequency bucket;
    ``nisba_bases`` holds the :func:`country_stem` of every one-word place name.
    """

    categories: Mapping[str, frozenset[str]] = field(default_factory=dict)
    phrases: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    clusters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    nisba_bases: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls, entries: Iterable[tuple[str, str]], cluster_rows: Iterable[Sequence[str]] = ()
    ) -> NerLexicon:
        """A lexicon from ``(category, name)`` gazetteer entries and ``word id...`` cluster rows."""
        categories: dict[str, set[str]] = {}
        phrases: dict[str, set[tuple[tuple[str, ...], str]]] = {}
        for category, name in entries:
            words = tuple(word_key(w) for w in name.split())
            if len(words) == 1:
                categories.setdefault(words[0], set()).add(category)
            elif words:
                phrases.setdefault(words[0], set()).add((words, category))
        places = [w for w, cats in categories.items() if cats & {"COUNTRY", "CITY"}]
        return cls(
            categories={w: frozenset(c) for w, c in categories.items()},
            phrases={
                w: tuple(sorted(p, key=lambda x: (-len(x[0]), x))) for w, p in phrases.items()
            },
            clusters={row[0]: tuple(row[1:]) for row in cluster_rows if len(row) > 1},
            nisba_bases=frozenset(country_stem(w) for w in places),
        )


PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
GPE_CATEGORIES = frozenset({"COUNTRY", "CITY", "PLACE"})
PERSON_CATEGORIES = frozenset({"PER_TOKEN", "PER_RARE"})


def name_categories(words: Sequence[str], lexicon: NerLexicon) -> frozenset[str]:
    """Gazetteer categories of the whole name ``words`` (its first word may carry clitics)."""
    keys = [word_key(w) for w in words]
    if not keys:
        return frozenset()
    variants = proclitic_variants(keys[0]) if keys[0] else (keys[0],)
    if len(keys) == 1:
        return frozenset(c for v in variants for c in lexicon.categories.get(v, ()))
    rest = tuple(keys[1:])
    return frozenset(
        category
        for v in variants
        for entry, category in lexicon.phrases.get(v, ())
        if entry[1:] == rest
    )


def head_categories(words: Sequence[str], lexicon: NerLexicon) -> frozenset[str]:
    """Gazetteer categories of the first word of a name (its head noun in Arabic)."""
    return name_categories(words[:1], lexicon)


PRODUCT_HEADS = frozenset(split_proclitics(word_key(w))[1] for w in (
    "سيارة", "سيارات", "طائرة", "طائرات", "مقاتلة", "مقاتلات", "مروحية", "مروحيات", "صاروخ",
    "صواريخ", "منظومة", "منظومات", "دبابة", "دبابات", "غواصة", "غواصات", "مسيرة", "مسيرات",
    "هاتف", "هواتف", "جهاز", "أجهزة", "طراز", "لقاح", "لقاحات", "تطبيق", "سلاح",
))  # fmt: skip
"""Nouns naming a made thing whose name follows (``السيارة نيسان صني``, ``منظومة إس-400``):
a MISC name after one (or headed by one) is a PRODUCT."""


def refine_type(words: Sequence[str], kind: str, lexicon: NerLexicon, before: str = "") -> str:
    """Refine a mention's type by gazetteer (the tagger's coarse classes made finer); ``before``
    is the word before the mention.

    Places: regions, seas and mountains are LOC, named buildings FAC, countries and cities GPE.
    MISC names headed by an event noun (بطولة، مؤتمر، حرب ...) are EVENT, by a law or treaty noun
    (قانون، معاهدة ...) LAW, after or headed by a product noun (:data:`PRODUCT_HEADS`) PRODUCT,
    and made of person-name words only PER. Anything else keeps ``kind``.
    """
    if kind in PLACE_TYPES:
        return _place_type(words, kind, lexicon)
    if kind == "MISC":
        return _misc_type(words, lexicon, before)
    return kind


def _misc_type(words: Sequence[str], lexicon: NerLexicon, before: str) -> str:
    if product_head(before) or (len(words) > 1 and product_head(words[0])):
        return "PRODUCT"
    if len(words) < 2:
        return "MISC"
    head = head_categories(words, lexicon)
    if "EVENT_HEAD" in head:
        return "EVENT"
    if "LAW_HEAD" in head:
        return "LAW"
    if all(name_categories([w], lexicon) & PERSON_CATEGORIES for w in words):
        return "PER"
    return "MISC"


def product_head(word: str) -> bool:
    """Whether ``word`` is a product noun of :data:`PRODUCT_HEADS` (proclitics allowed)."""
    stem = split_proclitics(word_key(word))[1]
    return stem in PRODUCT_HEADS or (stem[:1] in ("و", "ف", "ب") and stem[1:] in PRODUCT_HEADS)


def model_number_end(words: Sequence[str], end: int) -> int:
    """Where a product name ending before ``words[end]`` ends with its model number: after
    ``16`` in ``إف - 16`` or ``5`` in ``أيونيك 5`` (``end`` when no number follows)."""
    if end < len(words) and _MODEL_NUMBER.fullmatch(words[end]):
        return end + 1
    dash = end + 1 < len(words) and words[end] in ("-", "–")
    if dash and _MODEL_NUMBER.fullmatch(words[end + 1]):
        return end + 2
    return end


def _place_type(words: Sequence[str], kind: str, lexicon: NerLexicon) -> str:
    whole = name_categories(words, lexicon)
    if "REGION" in whole:
        return "LOC"
    if whole & GPE_CATEGORIES:
        return "GPE"
    head = head_categories(words, lexicon)
    if "LOC_HEAD" in head:
        return "LOC"
    if "FAC_HEAD" in head or "FAC_HEAD" in whole:
        return "FAC"
    return kind


@dataclass(frozen=True, slots=True)
class WordFeatures:
    """The ready-made features of one word form: its own, and those it lends each neighbour;
    ``phrase_keys`` are its readings (proclitics off) that begin a multi-word gazetteer entry."""

    key: str
    own: tuple[str, ...]
    around: Mapping[int, tuple[str, ...]]
    phrase_keys: tuple[str, ...]


def neighbour_feature(offset: int, feature: str) -> str:
    """The name of ``feature`` of the word ``offset`` tokens away: ``-1w=...``, ``2c0=...``.

    Every neighbour feature is one of the word's own features under this name, which lets a
    decoder score a word's own and lent features together (:func:`split_neighbour` inverts it).
    """
    return f"{offset}{feature}"


def split_neighbour(feature: str) -> tuple[int, str]:
    """``"-1w=X"`` -> ``(-1, "w=X")``; a feature of the token itself -> ``(0, feature)``."""
    for offset in WINDOW:
        mark = str(offset)
        if feature.startswith(mark) and feature[len(mark) : len(mark) + 1].isalpha():
            return offset, feature[len(mark) :]
    return 0, feature


def edge_feature(offset: int) -> str:
    """The feature a token gets for a window position ``offset`` outside its sentence."""
    return f"{offset}:{BOS if offset < 0 else EOS}"


class FeatureExtractor:
    """Turns the tokens of a sentence into CRF feature lists (see the module docs).

    A token's features are its word's ``own`` features, the ``around[offset]`` features of each
    neighbour in the window (or :func:`edge_feature` past the sentence's edge) and the
    :meth:`context` features (word bigrams, gazetteer phrases). A decoder may use this
    decomposition to score words once rather than strings per token.
    """

    def __init__(self, lexicon: NerLexicon, cache_limit: int = CACHE_LIMIT) -> None:
        self.lexicon = lexicon
        self._cache: dict[str, WordFeatures] = {}
        self._cache_limit = cache_limit

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """One feature list per token of ``tokens``."""
        words = [self._word(t) for t in tokens]
        context = self.context(words)
        n = len(words)
        out: list[list[str]] = []
        for i, word in enumerate(words):
            feats = list(word.own)
            for offset in WINDOW:
                j = i + offset
                if 0 <= j < n:
                    feats.extend(words[j].around[offset])
                else:
                    feats.append(edge_feature(offset))
            feats.extend(context[i])
            out.append(feats)
        return out

    def describe(self, token: str, neighbours: bool = True) -> WordFeatures:
        """The features of one word form that do not depend on its neighbours (not cached);
        ``neighbours=False`` leaves ``around`` empty (see :func:`neighbour_feature`)."""
        return _describe(token, self.lexicon, neighbours)

    def context(self, words: Sequence[WordFeatures]) -> list[list[str]]:
        """Per token, the features that depend on a pair or run of words: bigrams, phrases."""
        out = self._phrase_features(words)
        n = len(words)
        for i, word in enumerate(words):
            prev_key = words[i - 1].key if i else BOS
            next_key = words[i + 1].key if i + 1 < n else EOS
            out[i][:0] = (f"bw-={prev_key}|{word.key}", f"bw+={word.key}|{next_key}")
        return out

    def _word(self, token: str) -> WordFeatures:
        cached = self._cache.get(token)
        if cached is None:
            if len(self._cache) >= self._cache_limit:
                self._cache.clear()
            cached = self._cache[token] = _describe(token, self.lexicon)
        return cached

    def _phrase_features(self, words: Sequence[WordFeatures]) -> list[list[str]]:
        tags: list[list[str]] = [[] for _ in words]
        if not any(w.phrase_keys for w in words):
            return tags
        phrases = self.lexicon.phrases
        i = 0
        while i < len(words):
            length, category = _match_phrase(words, i, phrases)
            if length:
                tags[i].append(f"phB={category}")
                for j in range(i + 1, i + length):
                    tags[j].append(f"phI={category}")
                i += length
            else:
                i += 1
        return tags


def _match_phrase(
    words: Sequence[WordFeatures],
    i: int,
    phrases: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]],
) -> tuple[int, str]:
    """The longest gazetteer phrase starting at word ``i`` (its first word may carry clitics)."""
    for first in words[i].phrase_keys:
        for entry, category in phrases.get(first, ()):
            n = len(entry)
            if i + n <= len(words) and all(words[i + k].key == entry[k] for k in range(1, n)):
                return n, category
    return 0, ""


def _describe(token: str, lexicon: NerLexicon, neighbours: bool = True) -> WordFeatures:
    """Compute every feature of one word form that does not depend on its neighbours."""
    key = word_key(token)
    chain, stem = split_proclitics(key)
    variants = proclitic_variants(key) if key else (key,)
    categories = sorted({c for v in variants for c in lexicon.categories.get(v, ())})
    clusters = lexicon.clusters.get(key) or lexicon.clusters.get(stem)
    shape = _shape(token)
    nisba = nisba_base(key)
    own = [f"w={key}", f"st={stem}", f"pc={'+'.join(chain)}", f"sh={shape}"]
    own += [f"p2={key[:2]}", f"p3={key[:3]}", f"s1={key[-1:]}", f"s2={key[-2:]}", f"s3={key[-3:]}"]
    own += [f"g={c}" for c in categories]
    if nisba is not None and nisba in lexicon.nisba_bases:
        own.append("nisba")
    own += _cluster_features(clusters)
    own += _trigrams(stem)
    around: dict[int, tuple[str, ...]] = {}
    for offset in WINDOW if neighbours else ():
        lent = [f"w={key}", f"st={stem}", *(f"g={c}" for c in categories)]
        lent += _cluster_features(clusters, coarse=abs(offset) > 1, frequency=False)
        if abs(offset) == 1:
            lent += [f"sh={shape}", f"s2={key[-2:]}"]
        around[offset] = tuple(neighbour_feature(offset, f) for f in lent)
    phrase_keys = tuple(v for v in dict.fromkeys((*variants, stem)) if v in lexicon.phrases)
    return WordFeatures(key, tuple(own), around, phrase_keys)


def _trigrams(stem: str) -> list[str]:
    """Letter trigrams of the stem with word-boundary marks (``<وا``, ``اشن`` ... ``طن>``)."""
    marked = f"<{stem}>"
    return list(dict.fromkeys(f"n3={marked[i : i + 3]}" for i in range(len(marked) - 2)))


def _cluster_features(
    clusters: tuple[str, ...] | None, coarse: bool = False, frequency: bool = True
) -> list[str]:
    """Cluster ids per granularity (the two coarsest if ``coarse``) and the frequency bucket."""
    if not clusters:
        return ["c=none"]
    ids = clusters[:-1]
    if coarse:
        ids = ids[:2]
    feats = [f"c{level}={cid}" for level, cid in enumerate(ids)]
    if frequency:
        feats.append(f"fq={clusters[-1]}")
    return feats


def _shape(token: str) -> str:
    """``a`` Arabic word, ``L``/``l`` capitalized/lower Latin word, ``d`` number, ``p`` other."""
    first = token[0] if token else ""
    if first in _ARABIC_LETTERS or (first.isalpha() and not first.isascii()):
        kind = "a"
    elif first.isascii() and first.isalpha():
        kind = "L" if first.isupper() else "l"
    elif first.isdigit():
        kind = "d"
    else:
        return f"p{token[:1]}"
    return f"{kind}{min(len(token), 8)}"
