"""Clean the Arabic CAMEO verb dictionary into Marsad's event lexicon.

Built by ``marsad train events-lexicon``.

Source: ``CAMEO.ar.0.5.txt`` of the Open Event Data Alliance's UniversalPetrarch Arabic branch
(MIT). Its format: ``&NAME`` synonym sets (``+word_word_`` members), then verb blocks::

    --- LEMMA [CODE] ---          block header; CODE is a CAMEO code or ---
    FORM      [CODE]   # gloss    a verb of the block, optionally with its own code
    - * NOUN (PREP NOUN) [CODE] # verb,verb   a pattern: * marks the verb, the rest its object

The file is a machine translation of the English dictionary and is noisy: mislemmatized forms
(``رتبة`` for رتب, ``وضع هوو``), general verbs with arbitrary codes (``وضع``, ``قدم``, ``أخذ``),
and English comments. Cleaning:

1. verb forms are folded (:data:`marsad.text.normalize.MATCH`), split at ``+`` into verb and
   particle, and dropped unless they are 2-7 Arabic letters without a space (and not ending in
   ة, the mark of a noun lemmatized as a verb);
2. codes are kept only when they are CAMEO codes (2-4 digits, root 01-20) that map to a PLOVER
   type through :data:`CAMEO_TO_PLOVER` (statements 01 and investigations 09 map to none);
3. a verb gets a default type only from votes: one for its own code, one for its block's code,
   one for every pattern that lists it; it needs at least ``MIN_VOTES`` votes with ``MIN_SHARE`` of
   them for one PLOVER type; that type must also be one that the English CAMEO dictionary
   (Phoenix ``CAMEO.2.0.txt``, MIT) gives to one of the verb's English glosses (the ``# gloss``
   comments), which removes most machine-translation accidents; it must not be one of the
   :data:`GENERAL_VERBS` (put, take, give, come ...), whose codes depend on their object, nor one
   of the few verbs :data:`REVIEWED_OUT` by hand;
4. a pattern gives a (verb, object noun) pair: the first content word after ``*`` (synonym sets
   expanded), folded, without ال and prepositions, for each verb the pattern's comment lists;
   a pair is kept when its type is the type its noun has across the whole dictionary (at least
   ``MIN_NOUN_VOTES`` patterns, ``NOUN_SHARE`` of them agreeing). The patterns stay noisy: the
   event component uses them only as weak evidence (see ``marsad.components.event_lexicon``).

Output (under ``resources/data/events/``): ``cameo_verbs.tsv`` (lemma, particle, CAMEO code,
PLOVER type, votes) and ``cameo_patterns.tsv`` (lemma, noun, CAMEO code, PLOVER type).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from marsad.errors import TrainingError
from marsad.text.normalize import fold
from marsad.text.tokenize import strip_proclitics

MIN_VOTES = 2
MIN_SHARE = 0.6
MIN_NOUN_VOTES = 5
NOUN_SHARE = 0.75

# CAMEO code prefix -> PLOVER type (longest prefix wins). PLOVER's definitions decide: criticize
# and denounce (111) are ACCUSE, not REJECT; appeals (02) and demands (10) are both REQUEST;
# de-escalating a military engagement (087) is RETREAT, the other yields (08) are CONCEDE; verbal
# endorsement (051-053) is SUPPORT, apologies and forgiveness (055-056) CONCEDE, signing a formal
# agreement (057) AGREE; reducing relations (16) is SANCTION. Public statements (01) and
# investigations (09) are not PLOVER events.
CAMEO_TO_PLOVER: dict[str, str | None] = {
    "01": None, "02": "REQUEST", "03": "AGREE", "036": "CONSULT", "04": "CONSULT",
    "05": "COOPERATE", "051": "SUPPORT", "052": "SUPPORT", "053": "SUPPORT", "055": "CONCEDE",
    "056": "CONCEDE", "057": "AGREE", "06": "COOPERATE", "07": "AID", "08": "CONCEDE",
    "087": "RETREAT", "09": None, "10": "REQUEST", "11": "ACCUSE", "12": "REJECT",
    "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
    "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}  # fmt: skip


def _folded(words: str) -> frozenset[str]:
    """The folded forms of white-space separated ``words``."""
    return frozenset(fold(w) for w in words.split())


# Verbs whose CAMEO code depends on their object: no default type (patterns still count).
GENERAL_VERBS = _folded("""
وضع أخذ قدم تلقى عمل وصل وجد حضر لقى ألقى سلم قبل بقى رفع نقل مثل عرض تبع مشى قام انتقل
أشر حدد بدا بدأ صدق أثر شعل أعطى جعل كان أصبح صار ظل جاء ذهب عاد أعاد رجع فتح أغلق غلق
استمر أدام نظر رأى طلع ظهر سعى جاز عبر خرج دخل ترك أرسل مد زاد وسع حمل نشر أطلق شارك قال
أضاف ذكر أعلن أكد وقع تقدم أقام نشأ بنى هيأ حصل ربط وجه ضرب حدث دفع سد طوى قطع نادى
اتصل كلم خاطب هتف لقب صاغ رتب نظم كبت أسس بسط زود مط ضخم اطل متد مدد وفر منح وافق
""")

# Verbs that pass every check but whose type is wrong on review (mostly the "express"/"dismiss"
# glosses of the machine translation, coded 110 "disapprove"): kept out by name.
REVIEWED_OUT = _folded("أعرب أقال أقل جهل همل بدي عرب أتى ساري ضمن أسفر برا أعز خصم جدل أدن هجن")

PREPOSITIONS = _folded("ل إلى في من على عن ب مع ضد عبر بين حول نحو خلف")
_ARABIC_WORD = re.compile(r"^[\u0621-\u064a]{2,7}$")
_CODE = re.compile(r"\[(~?[0-9-]+)\]")
_HEADER = re.compile(r"^---\s*(.+?)\s*\[([0-9-]+)\]\s*---")


@dataclass(slots=True)
class Block:
    """One verb block of the dictionary."""

    code: str | None
    verbs: list[tuple[str, str, str | None]] = field(default_factory=list)  # lemma, particle, code
    patterns: list[tuple[list[str], str, list[str]]] = field(default_factory=list)


@dataclass(slots=True)
class Parsed:
    synsets: dict[str, list[str]]
    blocks: list[Block]
    glosses: dict[str, set[str]]  # Arabic lemma -> English glosses of its verb lines


@dataclass(slots=True)
class Lexicon:
    """Cleaned rows, ready to write."""

    verbs: list[tuple[str, str, str, str, int]]  # lemma, particle, cameo, plover, votes
    patterns: list[tuple[str, str, str, str]]  # lemma, noun, cameo, plover


@dataclass(frozen=True, slots=True)
class Summary:
    blocks: int
    verb_rows: int
    pattern_rows: int
    out_dir: Path


def plover_of(code: str) -> str | None:
    """The PLOVER type of a CAMEO code (``None`` for statements, investigations, non-codes)."""
    if not code.isdigit() or not 2 <= len(code) <= 4 or not 1 <= int(code[:2]) <= 20:
        return None
    for length in (3, 2):
        if code[:length] in CAMEO_TO_PLOVER:
            return CAMEO_TO_PLOVER[code[:length]]
    return None


def clean_verb(raw: str) -> tuple[str, str] | None:
    """``"ندد+ب"`` -> ``("ندد", "ب")``; ``None`` for a form that is not a clean Arabic verb."""
    parts = fold(raw.strip()).split("+")
    verb = parts[0]
    if not _ARABIC_WORD.match(verb) or raw.strip().endswith("ة"):
        return None
    particle = parts[-1] if len(parts) > 1 and parts[-1] in PREPOSITIONS else ""
    return verb, particle


def parse_dictionary(path: Path) -> Parsed:
    """Read the synonym sets and verb blocks of a CAMEO verb dictionary."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise TrainingError(f"cannot read CAMEO dictionary {path}: {exc}") from exc
    synsets: dict[str, list[str]] = defaultdict(list)
    blocks: list[Block] = []
    glosses: dict[str, set[str]] = defaultdict(set)
    current_set: str | None = None
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith("&"):
            current_set = text.split()[0]
        elif text.startswith("+") and current_set and not blocks:
            synsets[current_set].append(text[1:].strip("_ ").split("_")[0])
        elif text.startswith("---"):
            blocks.append(_header(text, path, number))
        elif blocks and text.startswith("-"):
            _add_pattern(blocks[-1], text)
        elif blocks:
            _add_verb(blocks[-1], text, glosses)
    if not blocks:
        raise TrainingError(f"{path}: no verb blocks ('--- LEMMA [CODE] ---') found")
    return Parsed(dict(synsets), blocks, dict(glosses))


def _header(text: str, path: Path, number: int) -> Block:
    match = _HEADER.match(text)
    if match is None:
        raise TrainingError(f"{path}:{number}: malformed block header {text!r}")
    code = match.group(2)
    return Block(code if code.isdigit() else None)


def _add_verb(block: Block, text: str, glosses: dict[str, set[str]]) -> None:
    body, _, comment = text.partition("#")
    match = _CODE.search(body)
    form = _CODE.sub("", body).strip()
    cleaned = clean_verb(form)
    if cleaned is not None:
        code = match.group(1) if match and match.group(1).isdigit() else None
        block.verbs.append((cleaned[0], cleaned[1], code))
        glosses[cleaned[0]].update(g.strip().lower() for g in comment.split(",") if g.strip())


def parse_english(path: Path) -> dict[str, set[str]]:
    """English verb -> PLOVER types, from the coded verbs of an English CAMEO dictionary."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise TrainingError(f"cannot read English CAMEO dictionary {path}: {exc}") from exc
    types: dict[str, set[str]] = defaultdict(set)
    block_code: str | None = None
    for line in lines:
        text = line.strip()
        header = _HEADER.match(text)
        if header is not None:
            block_code = header.group(2) if header.group(2).isdigit() else None
            _add_english(types, header.group(1), block_code)
        elif text[:1].isalpha() or text[:1] == "+":
            match = _CODE.search(text.split("#", 1)[0])
            own = match.group(1) if match and match.group(1).isdigit() else None
            word = text.split()[0].lstrip("+").split("{")[0]
            _add_english(types, word, own or block_code)
    if not types:
        raise TrainingError(f"{path}: no coded verbs found (is it a CAMEO verb dictionary?)")
    return dict(types)


def _add_english(types: dict[str, set[str]], word: str, code: str | None) -> None:
    plover = plover_of(code) if code else None
    if plover and re.fullmatch(r"[A-Za-z_]+", word):
        types[word.lower()].add(plover)


def _add_pattern(block: Block, text: str) -> None:
    body, _, comment = text.partition("#")
    match = _CODE.search(body)
    if match is None or not match.group(1).isdigit():
        return
    words = _CODE.sub("", body).lstrip("- ")
    for mark in "(){}*":
        words = words.replace(mark, f" {mark} " if mark == "*" else " ")
    tokens = words.split()
    verbs = [v for v in (clean_verb(c) for c in comment.split(",") if "_" not in c) if v]
    block.patterns.append((tokens, match.group(1), [v[0] for v in verbs]))


def object_noun(tokens: list[str], synsets: dict[str, list[str]]) -> list[str]:
    """The object nouns of a pattern: the first content word after ``*`` (a set gives several)."""
    after = tokens[tokens.index("*") + 1 :] if "*" in tokens else tokens
    for token in after:
        if token.startswith("&"):
            return [n for n in (_noun(w) for w in synsets.get(token, [])) if n]
        noun = _noun(token)
        if noun:
            return [noun]
    return []


def _noun(word: str) -> str | None:
    folded = fold(word)
    if folded in PREPOSITIONS or not _ARABIC_WORD.match(folded):
        return None
    stem = strip_proclitics(folded)
    return stem if len(stem) >= 3 and stem not in PREPOSITIONS else None


def build_lexicon(parsed: Parsed, english: dict[str, set[str]]) -> Lexicon:
    """Vote verb types and collect (verb, noun) patterns; see the module docstring."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for block in parsed.blocks:
        _vote_block(block, parsed.synsets, votes, pairs)
    allowed = {
        lemma: {t for g in glosses for t in english.get(g, ())}
        for lemma, glosses in parsed.glosses.items()
    }
    return Lexicon(_verb_rows(votes, allowed), _pattern_rows(pairs))


def _vote_block(
    block: Block,
    synsets: dict[str, list[str]],
    votes: dict[tuple[str, str], Counter[str]],
    pairs: dict[tuple[str, str], Counter[str]],
) -> None:
    particles = {lemma: particle for lemma, particle, _ in block.verbs}
    for lemma, particle, code in block.verbs:
        for vote in (code, block.code):
            if vote and plover_of(vote):
                votes[lemma, particle][vote] += 1
    for tokens, code, listed in block.patterns:
        if plover_of(code) is None:
            continue
        lemmas = listed or list(particles)
        for lemma in lemmas:
            votes[lemma, particles.get(lemma, "")][code] += 1
            for noun in object_noun(tokens, synsets):
                pairs[lemma, noun][code] += 1


def _verb_rows(
    votes: dict[tuple[str, str], Counter[str]], allowed: dict[str, set[str]]
) -> list[tuple[str, str, str, str, int]]:
    rows = []
    for (lemma, particle), codes in sorted(votes.items()):
        if lemma in GENERAL_VERBS or lemma in REVIEWED_OUT:
            continue
        by_type: Counter[str] = Counter()
        for code, n in codes.items():
            by_type[plover_of(code) or ""] += n
        total = sum(by_type.values())
        plover, n = by_type.most_common(1)[0]
        if total < MIN_VOTES or n / total < MIN_SHARE or plover not in allowed.get(lemma, ()):
            continue
        code = max((c for c in codes if plover_of(c) == plover), key=lambda c: codes[c])
        rows.append((lemma, particle, code, plover, total))
    return rows


def _pattern_rows(pairs: dict[tuple[str, str], Counter[str]]) -> list[tuple[str, str, str, str]]:
    """(verb, noun) pairs whose type is the one the noun has across the whole dictionary."""
    noun_types: dict[str, Counter[str]] = defaultdict(Counter)
    for (_, noun), codes in pairs.items():
        for code, n in codes.items():
            noun_types[noun][plover_of(code) or ""] += n
    rows = []
    for (lemma, noun), codes in sorted(pairs.items()):
        if lemma in REVIEWED_OUT:
            continue
        code = codes.most_common(1)[0][0]
        plover = plover_of(code)
        kinds = noun_types[noun]
        top, n = kinds.most_common(1)[0]
        total = sum(kinds.values())
        if plover and plover == top and total >= MIN_NOUN_VOTES and n / total >= NOUN_SHARE:
            rows.append((lemma, noun, code, plover))
    return rows


def write_lexicon(lexicon: Lexicon, out_dir: Path, source: Path) -> None:
    """Write ``cameo_verbs.tsv`` and ``cameo_patterns.tsv`` under ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    note = [
        f"# Cleaned from {source.name} (OEDA UniversalPetrarch Arabic, MIT licence).",
        "# Rebuild: marsad train events-lexicon (see marsad/training/events_lexicon.py).",
    ]
    _write(out_dir / "cameo_verbs.tsv", [*note, "# lemma\tparticle\tcameo\tplover\tvotes"],
           (tuple(str(c) for c in row) for row in lexicon.verbs))  # fmt: skip
    _write(out_dir / "cameo_patterns.tsv", [*note, "# lemma\tnoun\tcameo\tplover"],
           lexicon.patterns)  # fmt: skip


def _write(path: Path, header: list[str], rows: Iterable[tuple[str, ...]]) -> None:
    lines = [*header, *("\t".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def train_events_lexicon(source: Path, english: Path, out_dir: Path) -> Summary:
    """Parse, clean and write the lexicon; the summary says how much was kept."""
    parsed = parse_dictionary(source)
    lexicon = build_lexicon(parsed, parse_english(english))
    write_lexicon(lexicon, out_dir, source)
    return Summary(len(parsed.blocks), len(lexicon.verbs), len(lexicon.patterns), out_dir)
