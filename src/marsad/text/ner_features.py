"""CRF features of tokens for named-entity tagging (shared by the NER trainer and component).

The trainer (:mod:`marsad.training.ner`) and the component (:mod:`marsad.components.ner`) live in
sibling packages that may not import each other, and both must compute exactly the same features,
so the feature extraction lives here, in layer 0, as pure functions of the token strings and of a
:class:`NerLexicon` handed in by the caller (built from the packaged gazetteer and word-cluster
tables, which the callers load through :mod:`marsad.resources`).

Features of a token (binary, as strings):

* the folded word (:func:`word_key`), its proclitic chain and stem
  (:func:`marsad.text.tokenize.split_proclitics`), prefixes and suffixes, a coarse shape;
* gazetteer categories of the word or of one of its proclitic readings
  (:func:`marsad.text.tokenize.proclitic_variants`), a nisba test (``الياباني`` is formed on a
  country name), and membership in a multi-word gazetteer phrase (B/I position);
* word clusters at three granularities and a corpus-frequency bucket, trained on the news corpus
  (:mod:`marsad.training.word_clusters`);
* the words, stems, clusters and categories of the neighbours within two tokens, and two word
  bigrams.

Speed: everything that depends on one word alone is computed once per word form and cached (as
ready-made feature strings for each window offset), so a sentence costs a few list extensions
per token plus one phrase lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from marsad.text.normalize import fold
from marsad.text.tokenize import proclitic_variants, split_proclitics

_DIGITS_TO_ZERO = str.maketrans("123456789", "000000000")
_ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B))
_NISBA_ENDINGS = ("يين", "يون", "يان", "يه", "ي")
_COUNTRY_ENDINGS = ("يا", "ا", "ه")
CACHE_LIMIT = 200_000
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


def place_type(words: Sequence[str], kind: str, lexicon: NerLexicon) -> str:
    """Refine a place mention's type by gazetteer: regions, seas and mountains are LOC, named
    buildings FAC, countries and cities GPE; other types, and unknown places, keep ``kind``."""
    if kind not in PLACE_TYPES:
        return kind
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
class _Word:
    """The cached, ready-made features of one word form."""

    key: str
    own: tuple[str, ...]
    around: Mapping[int, tuple[str, ...]]
    phrase_keys: tuple[str, ...]


class FeatureExtractor:
    """Turns the tokens of a sentence into CRF feature lists (see the module docs)."""

    def __init__(self, lexicon: NerLexicon) -> None:
        self.lexicon = lexicon
        self._cache: dict[str, _Word] = {}

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """One feature list per token of ``tokens``."""
        words = [self._word(t) for t in tokens]
        phrase_tags = self._phrase_features(words)
        n = len(words)
        out: list[list[str]] = []
        for i, word in enumerate(words):
            feats = list(word.own)
            for offset in WINDOW:
                j = i + offset
                if 0 <= j < n:
                    feats.extend(words[j].around[offset])
                else:
                    feats.append(f"{offset}:{BOS if j < 0 else EOS}")
            prev_key = words[i - 1].key if i else BOS
            next_key = words[i + 1].key if i + 1 < n else EOS
            feats.append(f"bw-={prev_key}|{word.key}")
            feats.append(f"bw+={word.key}|{next_key}")
            feats.extend(phrase_tags[i])
            out.append(feats)
        return out

    def _word(self, token: str) -> _Word:
        cached = self._cache.get(token)
        if cached is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            cached = self._cache[token] = _describe(token, self.lexicon)
        return cached

    def _phrase_features(self, words: Sequence[_Word]) -> list[list[str]]:
        tags: list[list[str]] = [[] for _ in words]
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
    words: Sequence[_Word], i: int, phrases: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
) -> tuple[int, str]:
    """The longest gazetteer phrase starting at word ``i`` (its first word may carry clitics)."""
    for first in words[i].phrase_keys:
        for entry, category in phrases.get(first, ()):
            n = len(entry)
            if i + n <= len(words) and all(words[i + k].key == entry[k] for k in range(1, n)):
                return n, category
    return 0, ""


def _describe(token: str, lexicon: NerLexicon) -> _Word:
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
    own += _cluster_features("", clusters)
    around: dict[int, tuple[str, ...]] = {}
    for offset in WINDOW:
        near = [f"{offset}w={key}", f"{offset}st={stem}"]
        near += [f"{offset}g={c}" for c in categories]
        near += _cluster_features(str(offset), clusters, coarse=abs(offset) > 1)
        if abs(offset) == 1:
            near += [f"{offset}sh={shape}", f"{offset}s2={key[-2:]}"]
        around[offset] = tuple(near)
    return _Word(key, tuple(own), around, tuple(dict.fromkeys((*variants, stem))))


def _cluster_features(
    prefix: str, clusters: tuple[str, ...] | None, coarse: bool = False
) -> list[str]:
    if not clusters:
        return [f"{prefix}c=none"]
    ids = clusters[:-1]
    if coarse:
        ids = ids[:2]
    feats = [f"{prefix}c{level}={cid}" for level, cid in enumerate(ids)]
    if not prefix:
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
