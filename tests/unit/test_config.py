"""Settings: defaults, TOML file, MARSAD_* environment, overrides, and errors naming the setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.config import DEFAULT_PIPELINE, Settings, load_settings, setting_docs
from marsad.errors import ConfigError


def write(tmp_path: Path, text: str, name: str = "marsad.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in an empty directory so that no ./marsad.toml is picked up by accident."""
    monkeypatch.chdir(tmp_path)


def test_defaults() -> None:
    settings = load_settings(environ={})
    assert settings == Settings()
    assert settings.pipeline == DEFAULT_PIPELINE
    assert settings.error_policy == "raise"
    assert settings.workers == 1


def test_every_setting_is_documented() -> None:
    docs = setting_docs()
    assert {"pipeline", "error_policy", "db", "workers", "max_input_mb"} <= set(docs)
    assert all(docs.values())


def test_file_at_top_level_or_under_a_marsad_table(tmp_path: Path) -> None:
    flat = write(tmp_path, 'workers = 3\npipeline = ["anatomy"]\n', "flat.toml")
    assert load_settings(flat, environ={}).workers == 3
    assert load_settings(flat, environ={}).pipeline == ("anatomy",)
    nested = write(tmp_path, '[marsad]\ndb = "x.db"\nerror_policy = "record"\n', "nested.toml")
    settings = load_settings(nested, environ={})
    assert (settings.db, settings.error_policy) == ("x.db", "record")


def test_file_named_by_the_environment_or_found_in_the_working_directory(tmp_path: Path) -> None:
    named = write(tmp_path, "workers = 4\n", "named.toml")
    assert load_settings(environ={"MARSAD_CONFIG": str(named)}).workers == 4
    write(tmp_path, "workers = 5\n")
    assert load_settings(environ={}).workers == 5


def test_environment_values_are_parsed() -> None:
    env = {"MARSAD_PIPELINE": "anatomy, sentences ,", "MARSAD_WORKERS": "2", "OTHER": "x"}
    settings = load_settings(environ=env)
    assert settings.pipeline == ("anatomy", "sentences")
    assert settings.workers == 2


def test_precedence_file_then_environment_then_overrides(tmp_path: Path) -> None:
    path = write(tmp_path, 'workers = 2\ndb = "file.db"\nmax_input_mb = 8\n', "p.toml")
    env = {"MARSAD_WORKERS": "3", "MARSAD_DB": "env.db"}
    settings = load_settings(path, overrides={"workers": 4, "db": None}, environ=env)
    assert (settings.max_input_mb, settings.db, settings.workers) == (8, "env.db", 4)


def test_replace_coerces_and_checks() -> None:
    settings = Settings().replace(workers="6", pipeline="a,b")
    assert (settings.workers, settings.pipeline) == (6, ("a", "b"))
    with pytest.raises(ConfigError, match="workers=0"):
        Settings().replace(workers=0)
    with pytest.raises(ConfigError, match="unknown setting 'colour' in override"):
        Settings().replace(colour="red")


@pytest.mark.parametrize(
    ("environ", "pattern"),
    [
        ({"MARSAD_WORKERS": "many"}, r"setting workers='many' from environment"),
        ({"MARSAD_WORKERS": "0"}, r"setting workers=0 must be at least 1"),
        ({"MARSAD_MAX_INPUT_MB": "-3"}, r"setting max_input_mb=-3"),
        ({"MARSAD_ERROR_POLICY": "explode"}, r"setting error_policy='explode' is not one of"),
        ({"MARSAD_COLOUR": "red"}, r"unknown setting 'colour' in environment"),
        (
            {"MARSAD_CONFIG": "/nonexistent/marsad.toml"},
            r"/nonexistent/marsad\.toml does not exist",
        ),
    ],
)
def test_bad_environment_values_name_the_setting(environ: dict[str, str], pattern: str) -> None:
    with pytest.raises(ConfigError, match=pattern):
        load_settings(environ=environ)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("workers = 1.5\n", r"workers=1\.5 from config file .*bad\.toml"),
        ("workers = true\n", r"workers=True from config file"),
        ('workers = "two"\n', r"workers='two' from config file"),
        ("pipeline = 5\n", r"pipeline=5 from config file"),
        ("colour = 1\n", r"unknown setting 'colour' in config file .*bad\.toml"),
        ("workers = \n", r"config file .*bad\.toml is not valid TOML"),
        ("marsad = 3\n", r"bad\.toml: \[marsad\] must be a table"),
    ],
)
def test_bad_file_values_name_the_file_and_setting(tmp_path: Path, text: str, pattern: str) -> None:
    path = write(tmp_path, text, "bad.toml")
    with pytest.raises(ConfigError, match=pattern):
        load_settings(path, environ={})


def test_bad_override_names_the_setting() -> None:
    with pytest.raises(ConfigError, match=r"setting workers='x' from override"):
        load_settings(overrides={"workers": "x"}, environ={})
