"""Building the knowledge-base tables: country names, demonyms, actor cleaning, agents, a build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from marsad.errors import TrainingError
from marsad.services.kb import build_knowledge_base, packaged_kb_dir
from marsad.training.kb import (
    ActorCode,
    clean_actor_name,
    clean_actors,
    clean_agents,
    clean_country_name,
    english_name,
    latest_code,
    nisba,
    parse_code,
    read_actor_entries,
    read_agents,
)

ISO3 = frozenset({"EGY", "FRA", "JOR", "TUN"})


@pytest.mark.parametrize(
    ("country", "adjective"),
    [
        ("اليابان", "ياباني"),
        ("فرنسا", "فرنسي"),
        ("إيطاليا", "إيطالي"),
        ("السعودية", "سعودي"),
        ("مصر", "مصري"),
        ("تشيلي", "تشيلي"),
        ("كوريا الشمالية", None),
    ],
)
def test_nisba_rule(country: str, adjective: str | None) -> None:
    assert nisba(country) == adjective


def test_country_names_lose_footnotes_and_qualifiers() -> None:
    assert clean_country_name("هولندا (مملكة _)") == "هولندا"
    assert clean_country_name("دولة فلسطين *") == "دولة فلسطين"


def test_parse_code_reads_dates_and_rejects_garbage() -> None:
    assert parse_code("TUNGOV 20111223-20141231") == ActorCode("TUNGOV", 20111223, True)
    assert parse_code("EGYGOV >19810101") == ActorCode("EGYGOV", 19810101, True)
    assert parse_code("EGYGOV > 19810101") == ActorCode("EGYGOV", 19810101, True)
    assert parse_code("JORGOV") == ActorCode("JORGOV", 0, False)
    assert parse_code("FRA >22000101") is None  # a start in the 23rd century
    assert parse_code("china,CHNEDU 20170912-20170915") is None
    assert parse_code("MIL?") is None


DICTIONARY = """\
سمير_فاضل_
\t[EGYGOV 19990101-20050101]
\t[EGYELI 20050101-18000101]
مدينة_القمر_  [TUN]
 منار_حسين_  [JORGOV]
وزير   [GOV]
هذه جملة طويلة جدا لا تصلح اسما لأي فاعل على الإطلاق هنا  [FRAMED]
robert_smith_ [FRAGOV]
سمير_فاضل_
\t[EGYGOV 19990101-20050101]
"""


def test_actor_entries_keep_the_code_of_the_latest_range() -> None:
    entries = list(read_actor_entries(DICTIONARY.splitlines()))
    assert entries[0][0] == "سمير_فاضل_"
    rows, dropped = clean_actors(entries, ISO3)
    assert dict(rows) == {"سمير فاضل": "EGYELI", "مدينة القمر": "TUN", "منار حسين": "JORGOV"}
    assert dropped == 3  # a bare sector, a sentence, a Latin name


def test_actor_names_are_cleaned() -> None:
    assert clean_actor_name("+عبد_الله_") == "عبد الله"
    assert clean_actor_name("abc_") is None


def test_undated_conflicting_codes_give_no_code() -> None:
    assert latest_code([ActorCode("EGY", 0, False), ActorCode("TUN", 0, False)]) is None
    assert latest_code([ActorCode("EGY", 0, False), ActorCode("EGY", 0, False)]) == "EGY"


def test_agents_from_both_file_layouts() -> None:
    lines = [
        "# comment",
        "ARMY_CHIEF [~MIL]قائد الجيش",
        "DISPLACED_PEOPLE {} [~REF]النازحين",
        "قاضي_محكمة [~JUD]",
        "PEACEKEEPERS {} [IGO~]قوات حفظ السلام",
    ]
    pairs = list(read_agents(lines))
    assert pairs == [("قائد الجيش", "MIL"), ("النازحين", "REF"), ("قاضي محكمة", "JUD")]
    assert clean_agents([*pairs, ("قائد الجيش", "GOV"), ("قائد الجيش", "MIL")])[0] == (
        "النازحين", "REF",
    )  # fmt: skip


COUNTRY_CSV = (
    "ISO3166-1-Alpha-3,ISO3166-1-Alpha-2,wikidata_id,Geoname ID,official_name_en,"
    "official_name_ar,UNTERM Arabic Short,UNTERM Arabic Formal\n"
    "EGY,EG,https://www.wikidata.org/wiki/Q79,357994,Egypt,مصر,مصر,جمهورية مصر العربية\n"
    "FRA,FR,https://www.wikidata.org/wiki/Q142,3017382,France,فرنسا,فرنسا,الجمهورية الفرنسية\n"
)


def fake_data(root: Path) -> Path:
    """A tiny ``shared/data`` tree with the files the build reads."""
    (root / "gazetteers/countries").mkdir(parents=True)
    (root / "gazetteers/countries/datasets_country-codes.csv").write_text(COUNTRY_CSV, "utf-8")
    actors = root / "actors/petrarch_arabic"
    actors.mkdir(parents=True)
    (actors / "actor_dict_ar_v4.txt").write_text("سمير_فاضل_  [EGYGOV]\n", "utf-8")
    (actors / "agents.all.ar.txt").write_text("ARMY [~MIL]جيش\n", "utf-8")
    (actors / "agents.all.ar_v3.txt").write_text("شرطة [~COP]\n", "utf-8")
    (root / "names").mkdir()
    (root / "names/wikidata_person_tokens_train.tsv").write_text(
        "samir\tس م ي ر\t5\nsamer\tس ا م ر\t1\n", "utf-8"
    )
    return root


def hand_tables(out: Path) -> Path:
    out.mkdir()
    (out / "country_names.tsv").write_text("EGY\t\tمصر|جمهورية مصر\n", "utf-8")
    (out / "demonym_overrides.tsv").write_text("# none\n", "utf-8")
    return out


def test_build_writes_every_table(tmp_path: Path) -> None:
    out = hand_tables(tmp_path / "kb")
    report = build_knowledge_base(fake_data(tmp_path / "data"), out)
    assert (report.countries, report.actors, report.agents, report.name_tokens) == (2, 1, 2, 1)
    countries = (out / "countries.tsv").read_text("utf-8").splitlines()
    assert "EGY\tEG\tQ79\t357994\tEgypt\tمصر|جمهورية مصر|جمهورية مصر العربية" in countries
    assert "EGY\tمصري\t" in (out / "demonyms.tsv").read_text("utf-8")
    assert (out / "actors.tsv").read_text("utf-8").splitlines()[-1] == "سمير فاضل\tEGYGOV"
    assert (out / "name_tokens.txt").read_text("utf-8").splitlines()[-1] == "سمير"


def test_build_names_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(TrainingError, match="does not exist"):
        build_knowledge_base(tmp_path / "nowhere", hand_tables(tmp_path / "kb"))
    with pytest.raises(TrainingError, match=r"country_names\.tsv"):
        build_knowledge_base(fake_data(tmp_path / "data"), tmp_path)


def test_packaged_tables_rebuild_identically(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "kb"
    shutil.copytree(packaged_kb_dir(), out)
    build_knowledge_base(shared_dir / "data", out)
    for name in ("countries.tsv", "demonyms.tsv", "actors.tsv", "agents.tsv", "name_tokens.txt"):
        assert (out / name).read_bytes() == (packaged_kb_dir() / name).read_bytes(), name


def test_english_names_are_written_out() -> None:
    assert english_name("St. Kitts & Nevis") == "Saint Kitts and Nevis"
    assert english_name("Hong Kong SAR China") == "Hong Kong"
    assert english_name("Japan") == "Japan"
