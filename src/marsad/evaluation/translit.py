"""Scoring of name transliteration: character error rate and exact-match rate.

A gold file has one pair per line, ``latin<TAB>arabic``: the Arabic column may be a normal word or
its letters separated by spaces (as in the Wikidata name-token file); further columns (counts) are
ignored. Comparison is case-insensitive. The character error rate is the total edit distance
(Levenshtein) over the total length of the references (micro-averaged), so long names weigh more
than short ones. The references are compared as written, accents included (``Núñez``), although an
Arabic name does not say which accents its Latin form carries; the *folded* figures compare both
sides reduced to lowercase ASCII letters (:func:`~marsad.text.translit_features.latin_target`:
``Núñez`` = ``nunez``, ``O'Brien`` = ``obrien``), the form the model is trained to write.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import EvaluationError
from marsad.text.translit_features import edit_distance, latin_target

Romanizer = Callable[[Sequence[str]], list[str]]
"""A batch romanizer: Arabic names in, one Latin form per name out."""


@dataclass(frozen=True, slots=True)
class GoldPair:
    """One gold pair: the reference Latin form and the Arabic name."""

    latin: str
    arabic: str


@dataclass(frozen=True, slots=True)
class TranslitScores:
    """Figures of one evaluation run."""

    pairs: int
    reference_chars: int
    edits: int
    exact: int
    seconds: float
    folded_chars: int = 0
    folded_edits: int = 0
    folded_exact: int = 0

    @property
    def cer(self) -> float:
        """Character error rate: edits per reference character."""
        return self.edits / self.reference_chars if self.reference_chars else 0.0

    @property
    def exact_rate(self) -> float:
        """Share of names whose output equals the reference (case-insensitive)."""
        return self.exact / self.pairs if self.pairs else 0.0

    @property
    def folded_cer(self) -> float:
        """Character error rate with both sides folded to lowercase ASCII letters."""
        return self.folded_edits / self.folded_chars if self.folded_chars else 0.0

    @property
    def folded_exact_rate(self) -> float:
        """Exact-match rate with both sides folded to lowercase ASCII letters."""
        return self.folded_exact / self.pairs if self.pairs else 0.0

    @property
    def names_per_second(self) -> float:
        """Throughput of the romanizer over the gold names."""
        return self.pairs / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """The figures as a JSON-ready mapping."""
        return {
            "pairs": self.pairs,
            "cer": round(self.cer, 4),
            "exact": round(self.exact_rate, 4),
            "edits": self.edits,
            "reference_chars": self.reference_chars,
            "folded_cer": round(self.folded_cer, 4),
            "folded_exact": round(self.folded_exact_rate, 4),
            "names_per_second": round(self.names_per_second, 1),
        }


def parse_pair(line: str, source: str) -> GoldPair | None:
    """The pair on one gold line (None for a blank or ``#`` comment line)."""
    if not line.strip() or line.startswith("#"):
        return None
    columns = line.rstrip("\r\n").split("\t")
    if len(columns) < 2 or not columns[0].strip() or not columns[1].strip():
        raise EvaluationError(f"{source}: expected 'latin<TAB>arabic', got {line.strip()!r}")
    return GoldPair(columns[0].strip(), _join_letters(columns[1].strip()))


def _join_letters(arabic: str) -> str:
    """Single letters separated by spaces become one word; a name of words stays as it is."""
    parts = arabic.split()
    return "".join(parts) if all(len(p) == 1 for p in parts) else " ".join(parts)


def read_pairs(path: Path) -> list[GoldPair]:
    """All pairs of the gold file at ``path``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read gold pairs: {exc}") from exc
    pairs = [p for n, line in enumerate(lines, 1) if (p := parse_pair(line, f"{path}:{n}"))]
    if not pairs:
        raise EvaluationError(f"{path}: no 'latin<TAB>arabic' pairs found")
    return pairs


def score(
    references: Sequence[str], outputs: Sequence[str], seconds: float = 0.0
) -> TranslitScores:
    """Compare outputs with references, case-insensitively, as written and folded."""
    if len(references) != len(outputs):
        raise EvaluationError(f"{len(outputs)} outputs for {len(references)} references")
    edits = exact = chars = 0
    folded_edits = folded_exact = folded_chars = 0
    for ref, out in zip(references, outputs, strict=True):
        r, o = ref.casefold(), out.casefold()
        edits += edit_distance(r, o)
        exact += r == o
        chars += len(r)
        fr, fo = latin_target(ref), latin_target(out)
        folded_edits += edit_distance(fr, fo)
        folded_exact += fr == fo
        folded_chars += len(fr)
    return TranslitScores(
        len(references), chars, edits, exact, seconds, folded_chars, folded_edits, folded_exact
    )


def evaluate(pairs: Sequence[GoldPair], romanize: Romanizer) -> TranslitScores:
    """Romanize every Arabic name of ``pairs`` (timed) and score it against its Latin form."""
    start = time.perf_counter()
    outputs = romanize([p.arabic for p in pairs])
    seconds = time.perf_counter() - start
    return score([p.latin for p in pairs], outputs, seconds)
