"""Latin forms of Arabic person names: ``romanize("دانييل كريتنبرينك")`` → ``"Daniel Kritenbrink"``.

A name of several tokens that arabic-name-romanizer's dictionary knows as a whole, or reads as
Arab compounds (عبد الفتاح، نصر الله), keeps the dictionary's spelling. Otherwise each token is
romanized on its own, by the first source that knows it:

1. the lexicon of the name tokens of the training data (their most frequent Latin spelling);
2. the Wikidata-derived dictionary of arabic-name-romanizer (MIT), for tokens it knows;
   measured on the held-out dev split it beats the CRF on exactly these tokens, mostly names
   of the Arab world, so it is used there and nowhere else (its neural model is not used);
3. the CRF trained by ``marsad train translit``, which labels each Arabic letter with the Latin
   chunk it writes (:mod:`marsad.text.translit_features`); its n-best label sequences are
   re-ranked with a character n-gram model of Latin names and a joint letter-chunk n-gram model
   (:mod:`marsad.text.translit_model`, shared with the trainer).

The model files live in ``marsad/resources/models/translit`` and are loaded once per process.
This is a library module for the entity layer: it registers no pipeline component.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from marsad.errors import ResourceError
from marsad.resources import resource
from marsad.text.translit_features import arabic_letters, capitalize_name, chunks_to_latin
from marsad.text.translit_model import CRF_ARRAYS, CrfModel, Reranker
from marsad.text.translit_ngram import NgramScorer

MODEL_DIR = "models/translit"
MODEL_FILE = "crf.npz"
NGRAM_FILE = "ngrams.npz"
LEXICON_FILE = "lexicon.tsv"


class NameDictionary:
    """arabic-name-romanizer's dictionary of attested spellings (Wikidata people of the Arab
    world, Algerian corpora), without its neural model or rules."""

    def __init__(self, romanizer: Any) -> None:
        self.romanizer = romanizer
        self.token = lru_cache(maxsize=65536)(self._token)
        self.name = lru_cache(maxsize=65536)(self._name)

    def _best(self, text: str) -> Any:
        candidates = self.romanizer.transliterate(text, top_k=2)
        if candidates and candidates[0].source == "dictionary":
            return candidates[0]
        return None

    def _token(self, letters: str) -> str | None:
        """The lowercase spelling of one token it knows, else None."""
        best = self._best(letters)
        return str(best.text).lower() if best is not None else None

    def _name(self, tokens: tuple[str, ...]) -> str | None:
        """A whole name as it writes it, where it knows the name as a whole or reads some tokens
        as one compound unit (عبد الفتاح، نصر الله); None otherwise, since a token-by-token
        reading of a foreign name turns into French-Maghreb spellings (بوتين → Boutine)."""
        best = self._best(" ".join(tokens))
        if best is None or len(best.units) >= len(tokens):
            return None
        return str(best.text)


class Transliterator:
    """Lexicon, then dictionary, then re-ranked CRF, token by token (see the module docstring)."""

    def __init__(
        self,
        model: CrfModel,
        reranker: Reranker | None,
        lexicon: dict[str, str],
        *,
        dictionary: NameDictionary | None = None,
        nbest: int = 8,
        width: int = 12,
    ) -> None:
        self.model = model
        self.reranker = reranker
        self.lexicon = lexicon
        self.dictionary = dictionary
        self.nbest = nbest
        self.width = width
        self._token = lru_cache(maxsize=65536)(self._romanize_letters)

    def model_word(self, letters: str) -> str:
        """The CRF's Latin word for the letters (re-ranked when a reranker is loaded)."""
        if not letters:
            return ""
        k = self.nbest if self.reranker is not None else 1
        candidates = self.model.nbest(letters, k, self.width)
        if self.reranker is None or len(candidates) == 1:
            return chunks_to_latin(candidates[0][1])
        return self.reranker.best(letters, candidates)

    def _romanize_letters(self, letters: str) -> str:
        known = self.lexicon.get(letters)
        if known is not None:
            return known
        if self.dictionary is not None and (found := self.dictionary.token(letters)):
            return found
        return self.model_word(letters)

    def romanize_token(self, token: str) -> str:
        """One token in lowercase Latin; a token without Arabic letters is kept if it has Latin
        letters or digits (``F.``), dropped otherwise (punctuation)."""
        letters = arabic_letters(token)
        if letters:
            return self._token(letters)
        return token if any(c.isascii() and c.isalnum() for c in token) else ""

    def romanize(self, name: str) -> str:
        """A whole name, tokens capitalized (``"جون سميث"`` → ``"John Smith"``); an Arab
        compound name the dictionary knows keeps its spelling (``"Hassan Nasrallah"``)."""
        tokens = name.split()
        if self.dictionary is not None and len(tokens) > 1:
            letters = tuple(arabic_letters(t) for t in tokens)
            if all(letters) and (whole := self.dictionary.name(letters)):
                return whole
        return capitalize_name([self.romanize_token(t) for t in tokens])

    def romanize_many(self, names: Sequence[str]) -> list[str]:
        """Romanize each name of a batch."""
        return [self.romanize(n) for n in names]


def _read_npz(data: bytes, source: str) -> dict[str, np.ndarray]:
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            return {name: archive[name] for name in archive.files}
    except (OSError, ValueError) as exc:
        raise ResourceError(f"transliteration model '{source}' is unreadable: {exc}") from exc


def _crf(arrays: dict[str, np.ndarray], source: str) -> CrfModel:
    missing = [name for name in CRF_ARRAYS if name not in arrays]
    if missing:
        raise ResourceError(f"transliteration model '{source}' lacks {', '.join(missing)}")
    return CrfModel.from_arrays(arrays)


def _reranker(arrays: dict[str, np.ndarray], source: str) -> Reranker:
    try:
        orders = [int(x) for x in arrays["orders"]]
        weights = [float(x) for x in arrays["rerank_weights"]]
        chars, joint = (
            NgramScorer.from_arrays(
                arrays[f"{m}_vocabulary"], arrays[f"{m}_keys"], arrays[f"{m}_values"], n
            )
            for m, n in zip(("char", "joint"), orders, strict=True)
        )
    except (KeyError, IndexError, ValueError, UnicodeDecodeError) as exc:
        raise ResourceError(f"n-gram models '{source}' are unreadable: {exc}") from exc
    return Reranker(chars, joint, (weights[0], weights[1], weights[2]))


def parse_lexicon(text: str) -> dict[str, str]:
    """``arabic<TAB>latin`` lines (``#`` comments skipped) as a mapping."""
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {p[0]: p[1] for p in pairs if len(p) >= 2 and p[1]}


def _read(directory: Path | None, name: str) -> bytes:
    if directory is None:
        return resource(f"{MODEL_DIR}/{name}").read_bytes()
    try:
        return (directory / name).read_bytes()
    except OSError as exc:
        raise ResourceError(f"transliteration model file '{directory / name}': {exc}") from exc


def load_transliterator(
    directory: Path | None = None, *, use_dictionary: bool = True, rerank: bool = True
) -> Transliterator:
    """The transliterator whose files are in ``directory`` (default: the packaged model)."""
    where = str(directory or MODEL_DIR)
    model = _crf(_read_npz(_read(directory, MODEL_FILE), where), where)
    reranker = _reranker(_read_npz(_read(directory, NGRAM_FILE), where), where) if rerank else None
    lexicon = parse_lexicon(_read(directory, LEXICON_FILE).decode("utf-8"))
    dictionary = romanizer_dictionary() if use_dictionary else None
    return Transliterator(model, reranker, lexicon, dictionary=dictionary)


@cache
def romanizer_dictionary() -> NameDictionary | None:
    """arabic-name-romanizer's dictionary, loaded once (None if the package is not installed).

    Only its dictionary is used: on the dev split it beats the CRF on the 1,157 tokens it knows
    (CER 0.248 against 0.321), while the whole package alone scores 0.362 on the split."""
    try:
        from arabic_name_romanizer import Transliterator as NameRomanizer
    except ImportError:
        return None
    return NameDictionary(NameRomanizer(auto_load_model=False, use_rules_fallback=False))


@cache
def romanizer_baseline() -> Callable[[Sequence[str]], list[str]] | None:
    """arabic-name-romanizer on its own (dictionary, ONNX model, rules), for comparison; None if
    it is not installed."""
    try:
        from arabic_name_romanizer import Transliterator as NameRomanizer
    except ImportError:
        return None
    romanizer = NameRomanizer()

    def romanize_many(names: Sequence[str]) -> list[str]:
        return [str(x) for x in romanizer.transliterate_many(list(names), top_k=1)]

    return romanize_many


@cache
def default_transliterator() -> Transliterator:
    """The packaged transliterator, loaded once per process."""
    return load_transliterator()


def romanize(name: str) -> str:
    """The Latin form of an Arabic name, tokens capitalized (``""`` for an empty name)."""
    return default_transliterator().romanize(name)


__all__ = [
    "MODEL_DIR", "NameDictionary", "Transliterator", "default_transliterator",
    "load_transliterator", "parse_lexicon", "romanize", "romanizer_baseline",
    "romanizer_dictionary",
]  # fmt: skip
