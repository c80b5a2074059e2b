"""Named-entity mentions from Marsad's trained CRF tagger.

The sentences of a document are tagged together by the model that ``marsad train ner`` writes to
``resources/models/ner/ner.crfsuite``, with the features of :mod:`marsad.text.ner_features`
(gazetteers and word clusters under ``resources/data/ner``, and the names of the knowledge
base's organizations, persons and places under ``resources/data/kb``) and the fast decoder of
:mod:`marsad.components.ner_crf`. Names are then made consistent across neighbouring sentences
(:mod:`marsad.components.ner_consistency`) and their types refined by the gazetteer
(:func:`marsad.text.ner_features.refine_type`: GPE vs LOC vs FAC, EVENT, LAW and PRODUCT names).
Every chunk becomes a :class:`~marsad.doc.Mention` running from its first token's start to its
last token's end in the original text. Types are the contract's; titles are never part of a mention
and no NORP is emitted here (nationality adjectives come from the entity layer's demonym
lexicon). The model and lexicons are loaded once per process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from importlib.resources import as_file

from marsad.components.ner_consistency import propagate
from marsad.components.ner_crf import CrfWeights, FastCrfTagger
from marsad.doc import Document, Mention, Token
from marsad.registry import component
from marsad.resources import load_table, resource
from marsad.text.iob import Chunk, chunks
from marsad.text.ner_features import (
    FeatureExtractor,
    NerLexicon,
    model_number_end,
    product_head,
    refine_type,
)

MODEL = "models/ner/ner.crfsuite"
GAZETTEERS = ("data/ner/keywords.tsv", "data/ner/gazetteer.tsv")
CLUSTERS = "data/ner/clusters.tsv"
KB_NAMES = (
    ("KB_ORG", "data/kb/organizations.tsv"),
    ("KB_PER", "data/kb/persons.tsv"),
    ("KB_PLACE", "data/kb/places.tsv"),
)
"""Knowledge-base tables whose names (first column) become ``KB_*`` gazetteer entries."""


def kb_entries() -> list[tuple[str, str]]:
    """``(category, name)`` for every Arabic name and spelling (``|``-separated) in the
    knowledge base's organization, person and place tables."""
    return [
        (category, name.strip())
        for category, table in KB_NAMES
        for row in load_table(table)
        if row
        for name in row[0].split("|")
        if name.strip()
    ]


@cache
def load_lexicon() -> NerLexicon:
    """The gazetteers, knowledge-base names and word clusters the features use (loaded once
    per process)."""
    entries = [(row[0], row[1]) for name in GAZETTEERS for row in load_table(name) if len(row) > 1]
    return NerLexicon.build(entries + kb_entries(), load_table(CLUSTERS))


class NerTagger:
    """A loaded CRF model with its feature extractor and fast decoder."""

    def __init__(self, model_path: str, lexicon: NerLexicon) -> None:
        self.lexicon = lexicon
        self.features = FeatureExtractor(lexicon)
        self.decoder = FastCrfTagger(CrfWeights.load(model_path), self.features)

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB2 tags of ``words`` (one sentence)."""
        return self.decoder.tag(words)

    def chunks(self, words: Sequence[str]) -> list[Chunk]:
        """Typed chunks of ``words``, place types refined by the gazetteer."""
        return self.chunks_many([words])[0]

    def chunks_many(self, sentences: Sequence[Sequence[str]]) -> list[list[Chunk]]:
        """Typed chunks of each sentence of one document: tagged, made consistent across
        neighbouring sentences (:func:`propagate`), types refined by the gazetteer."""
        tags, keys = self.decoder.tag_with_keys(sentences)
        found = propagate(keys, [chunks(t) for t in tags], self.lexicon)
        return [
            self.refined(words, sentence_chunks)
            for words, sentence_chunks in zip(sentences, found, strict=True)
        ]

    def refined(self, words: Sequence[str], found: Sequence[Chunk]) -> list[Chunk]:
        """The chunks of one sentence with their types refined by the gazetteer; a product name
        takes in its model number (``إف-16``), which also makes a name after a product noun
        that the tagger called an organization a product (``السيارة أيونيك 5``)."""
        starts = {c.start for c in found}
        out = []
        for chunk in found:
            start, end = chunk.start, chunk.end
            before = words[start - 1] if start else ""
            kind = refine_type(words[start:end], chunk.type, self.lexicon, before)
            number_end = model_number_end(words, end)
            if (
                number_end > end
                and not starts & set(range(end, number_end))
                and (kind == "PRODUCT" or (kind == "ORG" and product_head(before)))
            ):
                out.append(Chunk("PRODUCT", start, number_end))
            else:
                out.append(Chunk(kind, start, end))
        return out


@cache
def load_tagger(model_path: str | None = None) -> NerTagger:
    """The tagger for ``model_path`` (default: the packaged model), loaded once per process."""
    if model_path is not None:
        return NerTagger(model_path, load_lexicon())
    with as_file(resource(MODEL)) as path:
        return NerTagger(str(path), load_lexicon())


def sentence_tokens(doc: Document) -> Iterator[list[Token]]:
    """The document's tokens grouped by sentence (all in one group when there are none)."""
    tokens = sorted(doc.tokens, key=lambda t: t.start)
    if not doc.sentences:
        if tokens:
            yield tokens
        return
    ends = sorted(s.end for s in doc.sentences)
    group: list[Token] = []
    index = 0
    for token in tokens:
        while index < len(ends) - 1 and token.start >= ends[index]:
            index += 1
            if group:
                yield group
                group = []
        group.append(token)
    if group:
        yield group


def find_mentions(doc: Document, tagger: NerTagger) -> list[Mention]:
    """Mentions of every sentence of ``doc``, in text order."""
    text = doc.text
    groups = list(sentence_tokens(doc))
    found = tagger.chunks_many([[t.text for t in group] for group in groups])
    mentions = []
    for group, sentence_chunks in zip(groups, found, strict=True):
        for kind, start, end in sentence_chunks:
            begin, finish = group[start].start, group[end - 1].end
            mentions.append(Mention(begin, finish, text[begin:finish], kind))
    return mentions


@component("ner", requires=("sentences", "tokens"), assigns=("mentions",))
def ner(doc: Document) -> Document:
    """Tag person, organization, place and other names with the trained CRF model."""
    doc.mentions = find_mentions(doc, load_tagger())
    return doc
