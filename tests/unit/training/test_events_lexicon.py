"""Cleaning a CAMEO verb dictionary into the event lexicon (small dictionaries written here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import TrainingError
from marsad.resources import load_table
from marsad.training.events_lexicon import (
    build_lexicon,
    clean_verb,
    parse_dictionary,
    parse_english,
    plover_of,
    train_events_lexicon,
)

ARABIC = """# a dictionary written for this test
&WEAPON
+صاروخ_
+قذيفة_

####### VERB PATTERNS #######
--- اعتقل [173] ---
اعتقل                  [173]     # arrest
احتجز                            # detain
- * ناشط [173] # اعتقل
- * صحفي [173] # اعتقل,احتجز

--- وضع [---] ---
وضع                              # put
رتبة                             # arrange
- * حاجز [160] # وضع

--- قصف [---] ---
قصف                    [195]     # shell
- * &WEAPON [194] # قصف
- * مدينة [195] # قصف
- * قرية [195] # قصف
- * حي [195] # قصف

--- اعرب+عن [---] ---
اعرب+عن               [110]     # express
- * قلق [110] # اعرب+عن
"""

ENGLISH = """---  ARREST   [173]  ---
ARREST
DETAIN
---  SHELL   [195]  ---
SHELL
---  EXPRESS   [---]  ---
EXPRESS [110]
---  PUT   [---]  ---
PUT
"""


def write(tmp_path: Path) -> tuple[Path, Path]:
    arabic, english = tmp_path / "ar.txt", tmp_path / "en.txt"
    arabic.write_text(ARABIC, encoding="utf-8")
    english.write_text(ENGLISH, encoding="utf-8")
    return arabic, english


@pytest.mark.parametrize(
    ("code", "plover"),
    [
        ("010", None), ("020", "REQUEST"), ("036", "CONSULT"), ("040", "CONSULT"),
        ("051", "SUPPORT"), ("057", "AGREE"), ("0841", "CONCEDE"), ("0871", "RETREAT"),
        ("090", None), ("111", "ACCUSE"), ("120", "REJECT"), ("130", "THREATEN"),
        ("141", "PROTEST"), ("154", "MOBILIZE"), ("163", "SANCTION"), ("173", "COERCE"),
        ("186", "ASSAULT"), ("195", "ASSAULT"), ("200", "ASSAULT"), ("---", None), ("21", None),
    ],
)  # fmt: skip
def test_cameo_to_plover(code: str, plover: str | None) -> None:
    assert plover_of(code) == plover


def test_clean_verb_forms() -> None:
    assert clean_verb("ندد+ب") == ("ندد", "ب")
    assert clean_verb("اعترض+على") == ("اعترض", "علي")
    assert clean_verb("وضع هوو") is None  # two words
    assert clean_verb("رتبة") is None  # a noun lemmatized as a verb
    assert clean_verb("shoot") is None


def test_parse_vote_and_check_glosses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("marsad.training.events_lexicon.MIN_NOUN_VOTES", 1)
    arabic, english = write(tmp_path)
    parsed = parse_dictionary(arabic)
    assert len(parsed.blocks) == 4 and parsed.synsets["&WEAPON"] == ["صاروخ", "قذيفة"]
    assert parsed.glosses["قصف"] == {"shell"}
    lexicon = build_lexicon(parsed, parse_english(english))
    verbs = {(row[0], row[1]): row[2:4] for row in lexicon.verbs}
    assert verbs[("اعتقل", "")] == ("173", "COERCE")
    assert verbs[("قصف", "")] == ("195", "ASSAULT")
    assert verbs[("احتجز", "")] == ("173", "COERCE")  # block code, pattern and gloss agree
    assert ("وضع", "") not in verbs  # a general verb: its code depends on the object
    assert ("اعرب", "عن") not in verbs  # reviewed out
    patterns = {(row[0], row[1]): row[3] for row in lexicon.patterns}
    assert patterns[("قصف", "مدينه")] == "ASSAULT"  # nouns are folded


def test_train_writes_both_tables(tmp_path: Path) -> None:
    arabic, english = write(tmp_path)
    summary = train_events_lexicon(arabic, english, tmp_path / "out")
    assert summary.blocks == 4 and summary.verb_rows == 3
    lines = (tmp_path / "out" / "cameo_verbs.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Cleaned from ar.txt")
    assert "احتجز\t\t173\tCOERCE\t2" in lines
    assert (tmp_path / "out" / "cameo_patterns.tsv").is_file()


def test_errors_name_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(TrainingError, match=r"empty\.txt: no verb blocks"):
        parse_dictionary(empty)
    with pytest.raises(TrainingError, match="cannot read"):
        parse_dictionary(tmp_path / "missing.txt")
    with pytest.raises(TrainingError, match="no coded verbs"):
        parse_english(empty)


def test_packaged_lexicon_is_clean() -> None:
    verbs = {row[0]: row[3] for row in load_table("data/events/cameo_verbs.tsv")}
    assert verbs["اعتقل"] == "COERCE" and verbs["ادان"] == "ACCUSE"
    assert not {"وضع", "قدم", "اخذ", "قال"} & set(verbs)


def test_rebuilding_from_the_shared_dictionary_matches_the_package(
    shared_dir: Path, tmp_path: Path
) -> None:
    actors = shared_dir / "data" / "actors"
    train_events_lexicon(
        actors / "petrarch_arabic" / "CAMEO.ar.0.5.txt",
        actors / "phoenix_english" / "CAMEO.2.0.txt",
        tmp_path,
    )
    packaged = load_table("data/events/cameo_verbs.tsv")
    rebuilt = (tmp_path / "cameo_verbs.tsv").read_text(encoding="utf-8").splitlines()
    rows = [tuple(line.split("\t")) for line in rebuilt if line and not line.startswith("#")]
    assert [tuple(c.strip() for c in r) for r in rows] == list(packaged)
