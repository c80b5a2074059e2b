"""Build the NER gazetteer (``CATEGORY<TAB>name`` lines) from permissively licensed data.

Sources (all under ``../shared/data``):

* ``gazetteers/countries/datasets_country-codes.csv`` (PDDL): the Arabic official, short and
  formal names of every country -> ``COUNTRY``;
* ``names/wikidata_person_tokens_train.tsv`` (CC0): the Arabic side of Wikidata person-name
  tokens -> ``PER_TOKEN``, or ``PER_RARE`` when seen fewer than three times (frequent function
  words are excluded: they collide with names once folded, e.g. على/علي);
* ``actors/petrarch_arabic/actor_dict_ar_v4.txt`` (MIT): actors coded with a bare country code
  and no sector are mostly places (غزة، كركوك، دارفور) -> ``PLACE`` (nisba adjectives and
  entries made of title or organization words are left out).

The LGPL GATE lists are not used. The hand-written keyword lists of the project live beside the
output in ``keywords.tsv`` and are read here only to filter the actor places.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from marsad.errors import TrainingError

COUNTRY_FILE = Path("gazetteers/countries/datasets_country-codes.csv")
NAMES_FILE = Path("names/wikidata_person_tokens_train.tsv")
COMMON_NAME_COUNT = 3
ACTORS_FILE = Path("actors/petrarch_arabic/actor_dict_ar_v4.txt")
COUNTRY_COLUMNS = ("official_name_ar", "UNTERM Arabic Short", "UNTERM Arabic Formal")
NAME_STOPWORDS = frozenset((
    "من", "في", "على", "علي", "الى", "الي", "إلى", "عن", "ان", "أن", "إن", "مع", "ما", "لا",
    "لم", "لن", "هو", "هي", "هم", "كان", "كانت", "قد", "قال", "بين", "بعد", "قبل", "هذا",
    "هذه", "ذلك", "تلك", "التي", "الذي", "كل", "أو", "او", "ثم", "حتى", "عند", "منذ", "غير",
    "لكن", "إذا", "اذا", "له", "لها", "به", "بها", "فيه", "يا", "أي", "اي", "ولا", "وما",
    "وهو", "وهي",
))  # fmt: skip
_NISBA = ("ي", "ية", "يه", "يين", "يون")
_CODE = re.compile(r"\[\s*([A-Z]*)")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{2,}")


def country_names(shared: Path) -> Iterator[str]:
    """Arabic country names of the PDDL country-codes table (parenthesized notes dropped)."""
    path = shared / COUNTRY_FILE
    with _open(path) as handle:
        for row in csv.DictReader(handle):
            for column in COUNTRY_COLUMNS:
                name = (row.get(column) or "").split("(")[0].strip()
                if name and "،" not in name and "," not in name:
                    yield name


def person_tokens(shared: Path) -> dict[str, int]:
    """Arabic person-name tokens of the Wikidata name list (letters joined) with their counts.

    A token's count is summed over its Latin spellings (محمد: Muhammad, Mohammed, Mehmet ...).
    """
    path = shared / NAMES_FILE
    counts: dict[str, int] = {}
    with _open(path) as handle:
        for number, line in enumerate(handle, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or not parts[2].strip().isdigit():
                raise TrainingError(f"{path} line {number}: expected latin<TAB>arabic<TAB>count")
            token = parts[1].replace(" ", "")
            if _ARABIC_WORD.fullmatch(token) and token not in NAME_STOPWORDS:
                counts[token] = counts.get(token, 0) + int(parts[2])
    return counts


def person_category(count: int) -> str:
    """``PER_TOKEN`` for name tokens seen :data:`COMMON_NAME_COUNT` times or more, else
    ``PER_RARE`` (one-off tokens collide more often with ordinary words and place names)."""
    return "PER_TOKEN" if count >= COMMON_NAME_COUNT else "PER_RARE"


def actor_places(shared: Path, iso3: frozenset[str], blocked: frozenset[str]) -> Iterator[str]:
    """Petrarch actors coded only with country codes (no sector): mostly place names."""
    for name, codes in _actor_entries(shared / ACTORS_FILE):
        words = [w for w in name.replace("_", " ").split() if w]
        if not words or len(words) > 2 or not codes or any(c not in iso3 for c in codes):
            continue
        if any(w.endswith(_NISBA) or w in blocked or not _ARABIC_WORD.fullmatch(w) for w in words):
            continue
        yield " ".join(words)


def _actor_entries(path: Path) -> Iterator[tuple[str, list[str]]]:
    name: str | None = None
    codes: list[str] = []
    with _open(path) as handle:
        for line in handle:
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("[") and name is not None:
                codes.extend(_CODE.findall(stripped))
                continue
            if name is not None:
                yield name, codes
            head, _, rest = stripped.partition(" ")
            name, codes = head, _CODE.findall(rest)
    if name is not None:
        yield name, codes


def iso3_codes(shared: Path) -> frozenset[str]:
    """ISO 3166 alpha-3 codes of the country-codes table."""
    with _open(shared / COUNTRY_FILE) as handle:
        return frozenset(
            code for row in csv.DictReader(handle) if (code := row.get("ISO3166-1-Alpha-3"))
        )


def build_gazetteer(shared: Path, keywords: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Sorted, de-duplicated ``(category, name)`` entries from the sources above."""
    blocked = frozenset(
        w for cat, name in keywords if cat in ("TITLE", "ORG_KEY", "LOC_HEAD") for w in name.split()
    )
    entries = {("COUNTRY", n) for n in country_names(shared)}
    entries |= {(person_category(c), n) for n, c in person_tokens(shared).items()}
    entries |= {("PLACE", n) for n in actor_places(shared, iso3_codes(shared), blocked)}
    return sorted(entries)


def write_gazetteer(entries: Iterable[tuple[str, str]], out: Path) -> int:
    """Write ``CATEGORY<TAB>name`` lines with a header; returns the number of entries."""
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = [f"{cat}\t{name}" for cat, name in entries]
    header = (
        "# NER gazetteer built by `marsad train ner-gazetteer` from PDDL country codes, CC0 "
        "Wikidata person-name tokens and MIT Petrarch actor places (see resources/SOURCES.md)\n"
    )
    out.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def _open(path: Path) -> TextIO:
    """Open a source file as UTF-8 text; a missing file raises TrainingError naming it."""
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise TrainingError(f"gazetteer source {path} cannot be read: {exc}") from exc
