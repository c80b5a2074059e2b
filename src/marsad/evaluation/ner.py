"""Entity-level NER scoring against CoNLL gold files (CoNLL ``conlleval`` / ``seqeval`` semantics).

A gold file has one ``token TAG`` line per token (the tag is the first column after the token:
further columns, such as the inner layers of a nested file, are ignored), a blank line between
sentences, and may hold ``-DOCSTART-`` lines (Wojood's ``$#$`` segment ends work too). Tags
are IOB2 or IOB1; both are read with :func:`marsad.text.iob.chunks`. A predicted entity counts
as correct only when its type and both token boundaries equal a gold entity's (exact match).
Marsad's mention types are mapped to the gold tag set first (:data:`DEFAULT_TYPE_MAP`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from marsad.errors import EvaluationError
from marsad.text.iob import Chunk, chunks, is_valid_tag, read_conll_rows

DEFAULT_TYPE_MAP: Mapping[str, str] = {
    "PER": "PERS", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "LAW": "MISC", "MISC": "MISC",
}  # fmt: skip
"""Marsad type -> ANERcorp-style gold type; a type not listed maps to ``MISC``."""

FALLBACK_TYPE = "MISC"


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One sentence of a gold file: its tokens and their tags."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(slots=True)
class TypeScore:
    """Counts of one entity type (or of all: micro); precision, recall and F1 in percent."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return 100.0 * self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.tp / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 2), "recall": round(self.recall, 2),
                "f1": round(self.f1, 2), "support": self.support, "predicted": self.predicted,
                "tp": self.tp}  # fmt: skip


@dataclass(slots=True)
class NerScores:
    """Per-type and micro-averaged entity scores."""

    per_type: dict[str, TypeScore] = field(default_factory=dict)
    micro: TypeScore = field(default_factory=TypeScore)

    def as_dict(self) -> dict[str, object]:
        return {
            "micro": self.micro.as_dict(),
            "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
        }


def read_conll(path: str | Path) -> list[GoldSentence]:
    """Sentences of the CoNLL file ``path``; :class:`EvaluationError` names a bad line."""
    source = Path(path)
    try:
        lines = source.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"gold file {source}: cannot read it as UTF-8 ({exc})") from exc
    sentences = parse_conll(lines, str(source))
    if not sentences:
        raise EvaluationError(f"gold file {source}: no tagged tokens found")
    return sentences


def parse_conll(lines: Iterable[str], source: str = "<gold>") -> list[GoldSentence]:
    """Parse CoNLL lines (see the module docs) into sentences; the first tag column is gold."""
    try:
        rows = read_conll_rows(lines, source)
    except ValueError as exc:
        raise EvaluationError(str(exc)) from exc
    sentences = []
    for number, sentence in enumerate(rows, 1):
        tags = tuple(columns[0] for _, columns in sentence)
        bad = next(((token, c[0]) for token, c in sentence if not is_valid_tag(c[0])), None)
        if bad is not None:
            raise EvaluationError(f"{source}: sentence {number}, token {bad[0]!r}: tag "
                                  f"{bad[1]!r} is not O, B-TYPE or I-TYPE")  # fmt: skip
        sentences.append(GoldSentence(tuple(token for token, _ in sentence), tags))
    return sentences


def parse_type_map(spec: str | None, base: Mapping[str, str] = DEFAULT_TYPE_MAP) -> dict[str, str]:
    """``base`` updated by ``"PER=PERS,GPE=LOC"``; a malformed pair raises EvaluationError."""
    mapping = dict(base)
    for item in (spec or "").split(","):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise EvaluationError(f"--map entry {item!r} is not MARSAD_TYPE=GOLD_TYPE")
        mapping[key.strip()] = value.strip()
    return mapping


def map_chunks(found: Iterable[Chunk], mapping: Mapping[str, str]) -> list[Chunk]:
    """``found`` with each type mapped to the gold tag set (unlisted types become MISC)."""
    return [Chunk(mapping.get(c.type, FALLBACK_TYPE), c.start, c.end) for c in found]


def score(gold: Sequence[Sequence[Chunk]], predicted: Sequence[Sequence[Chunk]]) -> NerScores:
    """Exact-match scores of ``predicted`` against ``gold`` chunks, sentence by sentence."""
    if len(gold) != len(predicted):
        raise EvaluationError(
            f"{len(predicted)} predicted sentences for {len(gold)} gold sentences"
        )
    scores = NerScores()
    for gold_chunks, pred_chunks in zip(gold, predicted, strict=True):
        _count(scores, set(gold_chunks), set(pred_chunks))
    micro = scores.micro
    for s in scores.per_type.values():
        micro.tp, micro.fp, micro.fn = micro.tp + s.tp, micro.fp + s.fp, micro.fn + s.fn
    return scores


def _count(scores: NerScores, gold: set[Chunk], pred: set[Chunk]) -> None:
    per_type = scores.per_type
    for c in gold | pred:
        s = per_type.setdefault(c.type, TypeScore())
        if c in gold and c in pred:
            s.tp += 1
        elif c in pred:
            s.fp += 1
        else:
            s.fn += 1


def score_tags(gold_tags: Sequence[Sequence[str]], pred_tags: Sequence[Sequence[str]]) -> NerScores:
    """Scores of two parallel lists of tag sequences (IOB1 or IOB2 each)."""
    return score([chunks(t) for t in gold_tags], [chunks(t) for t in pred_tags])
