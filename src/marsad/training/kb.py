"""Build the entity knowledge base tables under ``resources/data/kb`` from public data.

Sources (all under ``../shared/data``; see ``resources/SOURCES.md``):

- ``gazetteers/countries/datasets_country-codes.csv`` (PDDL): ISO codes, Wikidata and GeoNames
  ids, official and UN short Arabic names of every country;
- CLDR territory names in Arabic and English, read from the ``babel`` package (Unicode licence);
- ``actors/petrarch_arabic/actor_dict_ar_v4.txt`` (MIT): Arabic actors with date-ranged CAMEO
  codes, cleaned: names normalized, garbage dropped, one code kept per name (the one valid for
  the latest date range);
- ``actors/petrarch_arabic/agents.all.ar*.txt`` (MIT): sector words and their CAMEO agent codes;
- ``names/wikidata_person_tokens_train.tsv`` (CC0): Arabic tokens of person names.

The hand-written tables beside the output (``country_names.tsv``, ``demonym_overrides.tsv``)
add spellings and nationality adjectives. Output files are deterministic (sorted).
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale

from marsad.errors import TrainingError
from marsad.text.normalize import fold

COUNTRY_CSV = "gazetteers/countries/datasets_country-codes.csv"
ACTOR_DICT = "actors/petrarch_arabic/actor_dict_ar_v4.txt"
AGENT_FILES = (
    "actors/petrarch_arabic/agents.all.ar.txt",
    "actors/petrarch_arabic/agents.all.ar_v3.txt",
)
NAMES_FILE = "names/wikidata_person_tokens_train.tsv"

INTERNATIONAL_CODES = frozenset({"IGO", "NGO", "NGM", "MNC", "INT", "IMG", "UIS", "UAF"})
LATEST_YEAR = 2100
MAX_ACTOR_WORDS = 7
MIN_NAME_COUNT = 2

_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_ARABIC_WORDS = re.compile(r"^[\u0621-\u064a\u0660-\u0669\u0670-\u06d3 ]+$")
_PARENS = re.compile(r"\s*\([^)]*\)\s*")
_CODE = re.compile(r"^(?:[A-Z]{3})+$")


@dataclass(slots=True)
class Country:
    """One row of the countries table."""

    iso3: str
    iso2: str
    wikidata: str
    geonames: str
    latin: str
    names: list[str] = field(default_factory=list)

    def add_names(self, names: Iterable[str]) -> None:
        seen = {fold(n) for n in self.names}
        for name in names:
            clean = clean_country_name(name)
            if clean and fold(clean) not in seen:
                seen.add(fold(clean))
                self.names.append(clean)


@dataclass(slots=True)
class KbReport:
    """What a build wrote."""

    countries: int = 0
    country_names: int = 0
    demonyms: int = 0
    actors: int = 0
    actors_dropped: int = 0
    agents: int = 0
    name_tokens: int = 0
    files: list[Path] = field(default_factory=list)


# --- countries -----------------------------------------------------------------------------------


def clean_country_name(name: str) -> str:
    """An Arabic country name without footnote marks and parenthesised qualifiers."""
    text = _PARENS.sub(" ", name.replace("*", " ")).strip(" -،,")
    return " ".join(text.split())


def read_countries(path: Path) -> dict[str, Country]:
    """Countries by ISO3 from the datasets/country-codes CSV, with English names from CLDR."""
    if not path.is_file():
        raise TrainingError(f"country table {path} is missing")
    english = Locale("en").territories
    arabic = Locale("ar").territories
    out: dict[str, Country] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            iso3 = (row.get("ISO3166-1-Alpha-3") or "").strip()
            iso2 = (row.get("ISO3166-1-Alpha-2") or "").strip()
            if not re.fullmatch(r"[A-Z]{3}", iso3):
                continue
            country = Country(
                iso3=iso3, iso2=iso2, wikidata=_wikidata_id(row.get("wikidata_id") or ""),
                geonames=(row.get("Geoname ID") or "").strip(),
                latin=english_name(english.get(iso2) or (row.get("official_name_en") or "")),
            )  # fmt: skip
            country.add_names([arabic.get(iso2, "")])
            country.add_names(row.get(col) or "" for col in _ARABIC_COLUMNS)
            out[iso3] = country
    if not out:
        raise TrainingError(f"country table {path} has no rows with an ISO3 code")
    return out


_ARABIC_COLUMNS = ("UNTERM Arabic Short", "official_name_ar", "UNTERM Arabic Formal")


def english_name(cldr: str) -> str:
    """CLDR's short English name written out: ``St. Kitts & Nevis`` -> ``Saint Kitts and
    Nevis``, ``Hong Kong SAR China`` -> ``Hong Kong``."""
    text = cldr.replace(" & ", " and ").replace(" SAR China", "").strip()
    return re.sub(r"\bSt\. ", "Saint ", text)


def _wikidata_id(url: str) -> str:
    match = re.search(r"Q\d+", url)
    return match.group() if match else ""


def apply_country_names(countries: dict[str, Country], rows: Iterable[Sequence[str]]) -> None:
    """Add the hand-written names (``iso3, latin, names``) first, so they become canonical."""
    for row in rows:
        country = countries.get(row[0])
        if country is None:
            raise TrainingError(f"country_names.tsv: unknown ISO3 code {row[0]!r}")
        if len(row) > 1 and row[1]:
            country.latin = row[1]
        extra = row[2].split("|") if len(row) > 2 else []
        merged = Country(country.iso3, country.iso2, country.wikidata, country.geonames, "")
        merged.add_names(extra + country.names)
        country.names = merged.names


# --- demonyms ------------------------------------------------------------------------------------


def nisba(name: str) -> str | None:
    """The masculine nationality adjective derived from a one-word country name, or None.

    ``اليابان`` -> ``ياباني``, ``روسيا`` -> ``روسي``, ``فرنسا`` -> ``فرنسي``, ``السعودية`` ->
    ``سعودي``; names of several words are left to the hand-written table.
    """
    words = name.split()
    if len(words) != 1:
        return None
    stem = words[0]
    if stem.startswith("ال"):
        stem = stem[2:]
    for ending in ("يا", "ة", "ا"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 2:
            stem = stem[: -len(ending)]
            break
    if stem.endswith("ي"):
        return stem if len(stem) >= 3 else None
    return stem + "ي" if len(stem) >= 2 else None


def derive_demonyms(
    countries: dict[str, Country], overrides: Iterable[Sequence[str]]
) -> dict[str, tuple[list[str], list[str]]]:
    """Demonym bases and extra forms by ISO3: the hand-written ones, else the rule's."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for country in countries.values():
        base = nisba(country.names[0]) if country.names else None
        if base:
            out[country.iso3] = ([base], [])
    for row in overrides:
        if row[0] not in countries:
            raise TrainingError(f"demonym_overrides.tsv: unknown ISO3 code {row[0]!r}")
        bases = [] if row[1] == "-" else row[1].split("|")
        extra = row[2].split("|") if len(row) > 2 and row[2] else []
        out[row[0]] = (bases, extra)
    return {k: v for k, v in out.items() if v[0] or v[1]}


# --- actors --------------------------------------------------------------------------------------


@dataclass(slots=True)
class ActorCode:
    """A CAMEO code with the date range it is valid for (``start`` 0 when undated)."""

    code: str
    start: int
    dated: bool


def parse_code(block: str) -> ActorCode | None:
    """``"IRQGOV 20101221-20140908"`` -> code and start; None for a malformed block."""
    parts = block.replace(">", " > ").replace("<", " < ").split()
    if not parts or not _CODE.match(parts[0]):
        return None
    rest = "".join(parts[1:])
    if not rest:
        return ActorCode(parts[0], 0, dated=False)
    match = re.fullmatch(r"(?:>(\d{8})|<(\d{8})|(\d{8})-(\d{8}))", rest)
    if match is None:
        return None
    after, before, start, _ = match.groups()
    begin = int(after or start or 0)
    if begin // 10000 > LATEST_YEAR:
        return None
    return ActorCode(parts[0], begin if not before else 0, dated=True)


def read_actor_entries(lines: Iterable[str]) -> Iterator[tuple[str, list[ActorCode]]]:
    """(name, codes) of each entry of a PETRARCH actor dictionary, comments removed.

    An entry is a name line (``name [CODE]`` or a bare ``name``) followed by any number of
    indented ``[CODE dates]`` lines.
    """
    name: str | None = None
    codes: list[ActorCode] = []
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if not line.startswith("["):
            if name is not None:
                yield name, codes
            name, codes = line.split("[", 1)[0].strip(), []
        codes.extend(c for b in _CODE_BLOCK.findall(line) if (c := parse_code(b)) is not None)
    if name is not None:
        yield name, codes


def clean_actor_name(name: str) -> str | None:
    """The dictionary's ``a_b_c_`` form as ``a b c``, or None for garbage."""
    text = " ".join(name.replace("_", " ").lstrip("+").split())
    if not text or not _ARABIC_WORDS.match(text) or len(text) < 3:
        return None
    if len(text.split()) > MAX_ACTOR_WORDS:
        return None
    return text


def valid_code(code: str, iso3: frozenset[str]) -> bool:
    """A code that starts with a country or international actor (not a bare sector)."""
    return code[:3] in iso3 or code[:3] in INTERNATIONAL_CODES


def latest_code(codes: Sequence[ActorCode]) -> str | None:
    """The code valid for the latest date range (an undated code when none is dated)."""
    dated = [c for c in codes if c.dated]
    if dated:
        return max(dated, key=lambda c: c.start).code
    counts = Counter(c.code for c in codes)
    if not counts:
        return None
    ranked = counts.most_common(2)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def clean_actors(
    entries: Iterable[tuple[str, list[ActorCode]]], iso3: frozenset[str]
) -> tuple[list[tuple[str, str]], int]:
    """(name, code) rows, one per folded name, and the number of entries dropped."""
    merged: dict[str, list[ActorCode]] = defaultdict(list)
    display: dict[str, str] = {}
    dropped = 0
    for name, codes in entries:
        text = clean_actor_name(name)
        kept = [c for c in codes if valid_code(c.code, iso3)]
        if text is None or not kept:
            dropped += 1
            continue
        key = fold(text)
        display.setdefault(key, text)
        merged[key].extend(kept)
    rows = []
    for key, codes in merged.items():
        code = latest_code(codes)
        if code is None:
            dropped += 1
            continue
        rows.append((display[key], code))
    return sorted(rows), dropped


# --- agents --------------------------------------------------------------------------------------


def read_agents(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(Arabic phrase, sector code) of agent lines ``ENGLISH [~GOV]عربي`` or ``عربي [~GOV]``."""
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        match = re.search(r"\[~([A-Z]{3,12})\]", line)
        if match is None or len(match.group(1)) % 3:
            continue
        text = (line[: match.start()] + " " + line[match.end() :]).replace("{}", " ")
        words = [w for w in text.replace("_", " ").split() if _ARABIC_WORDS.match(w)]
        phrase = " ".join(words)
        if phrase and len(words) <= MAX_ACTOR_WORDS:
            yield phrase, match.group(1)


def clean_agents(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """One code per folded phrase: the most frequent (ties: the first seen)."""
    codes: dict[str, Counter[str]] = defaultdict(Counter)
    display: dict[str, str] = {}
    for phrase, code in pairs:
        key = fold(phrase)
        display.setdefault(key, phrase)
        codes[key][code] += 1
    return sorted((display[k], c.most_common(1)[0][0]) for k, c in codes.items())


# --- person-name tokens --------------------------------------------------------------------------


def read_name_tokens(path: Path, min_count: int = MIN_NAME_COUNT) -> list[str]:
    """Folded Arabic person-name tokens seen at least ``min_count`` times in Wikidata names."""
    if not path.is_file():
        raise TrainingError(f"names file {path} is missing")
    counts: Counter[str] = Counter()
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3 or not cols[2].isdigit():
                raise TrainingError(f"{path}:{number}: expected latin<TAB>arabic<TAB>count")
            counts[fold(cols[1].replace(" ", ""))] += int(cols[2])
    return sorted(t for t, n in counts.items() if n >= min_count and _ARABIC_WORDS.match(t))


# --- the build -----------------------------------------------------------------------------------

HEADERS = {
    "countries.tsv": (
        "Countries: iso3, iso2, Wikidata id, GeoNames id, English name, Arabic names (|).",
        "From datasets/country-codes (PDDL), CLDR via babel (Unicode licence) and the",
        "hand-written country_names.tsv.",
    ),
    "demonyms.tsv": (
        "Nationality adjectives: iso3, masculine singular bases (|), extra forms used as written.",
        "Derived by rule from the country names, corrected by demonym_overrides.tsv.",
    ),
    "actors.tsv": (
        "Arabic actors and their CAMEO code (the one valid for the latest date range), cleaned",
        "from the PETRARCH Arabic actor dictionary actor_dict_ar_v4.txt (OEDA, MIT).",
    ),
    "agents.tsv": (
        "Arabic sector words and their CAMEO agent code, from the PETRARCH Arabic agent",
        "dictionaries agents.all.ar*.txt (OEDA, MIT).",
    ),
    "name_tokens.txt": (
        f"Folded Arabic tokens of person names seen at least {MIN_NAME_COUNT} times in the",
        "Wikidata person-name pairs (CC0).",
    ),
}
GENERATED = "Generated by `marsad train kb`; do not edit by hand."


def build_kb(data: Path, out: Path) -> KbReport:
    """Read the sources under ``data`` (``../shared/data``) and write the tables into ``out``."""
    report = KbReport()
    countries = read_countries(data / COUNTRY_CSV)
    apply_country_names(countries, _read_tsv(out / "country_names.tsv"))
    demonyms = derive_demonyms(countries, _read_tsv(out / "demonym_overrides.tsv"))
    actors, report.actors_dropped = clean_actors(
        read_actor_entries(_read_lines(data / ACTOR_DICT)), frozenset(countries)
    )
    agents = clean_agents(p for name in AGENT_FILES for p in read_agents(_read_lines(data / name)))
    tokens = read_name_tokens(data / NAMES_FILE)
    tables: dict[str, list[Sequence[str]]] = {
        "countries.tsv": [_country_row(c) for _, c in sorted(countries.items())],
        "demonyms.tsv": [(k, "|".join(b), "|".join(e)) for k, (b, e) in sorted(demonyms.items())],
        "actors.tsv": [list(r) for r in actors],
        "agents.tsv": [list(r) for r in agents],
        "name_tokens.txt": [(t,) for t in tokens],
    }
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        report.files.append(write_table(out / name, HEADERS[name], rows))
    report.countries, report.demonyms = len(countries), len(demonyms)
    report.country_names = sum(len(c.names) for c in countries.values())
    report.actors, report.agents, report.name_tokens = len(actors), len(agents), len(tokens)
    return report


def _country_row(c: Country) -> list[str]:
    return [c.iso3, c.iso2, c.wikidata, c.geonames, c.latin, "|".join(c.names)]


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> Path:
    """Write tab-separated ``rows`` under a ``#`` comment header; returns ``path``."""
    lines = [f"# {line}" for line in (*header, GENERATED)]
    lines.extend("\t".join(row) for row in rows)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        raise TrainingError(f"source file {path} is missing (is --data the shared data folder?)")
    return path.read_text(encoding="utf-8").splitlines()


def _read_tsv(path: Path) -> list[list[str]]:
    """Rows of a hand-written table (``#`` comments and blank lines skipped)."""
    rows = []
    for line in _read_lines(path):
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append([col.strip() for col in line.split("\t")])
    return rows
