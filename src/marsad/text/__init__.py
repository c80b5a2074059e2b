"""Pure Arabic string functions: normalization with offset maps, tokens, sentences."""

from marsad.text.normalize import LIGHT, MATCH, Folding, NormalizedText, fold, normalize
from marsad.text.sentences import split_sentences
from marsad.text.tokenize import proclitic_variants, split_proclitics, strip_proclitics, tokenize

__all__ = [
    "LIGHT", "MATCH", "Folding", "NormalizedText", "fold", "normalize", "proclitic_variants",
    "split_proclitics", "split_sentences", "strip_proclitics", "tokenize",
]  # fmt: skip
