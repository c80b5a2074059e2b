"""Typed settings: defaults, a TOML file, ``MARSAD_*`` environment variables, then overrides.

Every setting is a field of :class:`Settings` with its documentation beside it; ``marsad config``
prints the values in force and where each came from. Lists are written comma-separated in the
environment (``MARSAD_PIPELINE=anatomy,sentences``).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError

DEFAULT_PIPELINE = (
    "anatomy", "sentences", "ner", "entities", "timex", "quantities", "quotes", "events",
)  # fmt: skip
ERROR_POLICIES = ("raise", "record")
CONFIG_ENV = "MARSAD_CONFIG"
DEFAULT_CONFIG_FILE = "marsad.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    """Marsad's settings. Each field's ``metadata['doc']`` says what it does."""

    pipeline: tuple[str, ...] = field(
        default=DEFAULT_PIPELINE, metadata={"doc": "components to run, in order"}
    )
    error_policy: str = field(
        default="raise",
        metadata={
            "doc": "on a component failure: 'raise' stops, 'record' notes it on the document"
            " and goes on"
        },
    )
    db: str = field(default="marsad.db", metadata={"doc": "database: a SQLite file path"})
    workers: int = field(default=1, metadata={"doc": "pipeline worker processes for ingest"})
    max_input_mb: int = field(
        default=64, metadata={"doc": "inputs larger than this (MiB) are rejected as too large"}
    )
    duplicates: bool = field(
        default=True,
        metadata={"doc": "ingest links exact and near-duplicate copies after storing"},
    )
    stories: bool = field(
        default=True, metadata={"doc": "ingest rebuilds the collection's stories after storing"}
    )
    web_token: str = field(
        default="",
        metadata={
            "doc": "token that `marsad serve` requires for POST /api/ingest (empty: ingest is off)"
        },
    )

    def __post_init__(self) -> None:
        if self.error_policy not in ERROR_POLICIES:
            raise ConfigError(
                f"setting error_policy={self.error_policy!r} is not one of "
                f"{', '.join(ERROR_POLICIES)}"
            )
        if self.workers < 1:
            raise ConfigError(f"setting workers={self.workers} must be at least 1")
        if self.max_input_mb < 1:
            raise ConfigError(f"setting max_input_mb={self.max_input_mb} must be at least 1")

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied and checked (an unknown name raises ConfigError)."""
        return dataclasses.replace(self, **_coerce_all(changes, "override"))


def setting_docs() -> dict[str, str]:
    """Each setting's name and documentation."""
    return {f.name: f.metadata.get("doc", "") for f in fields(Settings)}


def load_settings(
    path: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Settings from defaults, the TOML file, ``MARSAD_*`` variables and ``overrides``, in order.

    The file is ``path``, else ``$MARSAD_CONFIG``, else ``./marsad.toml`` when it exists. Keys may
    sit at the top level or under a ``[marsad]`` table.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    file = Path(path) if path else Path(env[CONFIG_ENV]) if env.get(CONFIG_ENV) else None
    if file is None and Path(DEFAULT_CONFIG_FILE).is_file():
        file = Path(DEFAULT_CONFIG_FILE)
    if file is not None:
        values.update(_coerce_all(_read_toml(file), f"config file {file}"))
    prefix = "MARSAD_"
    env_values = {
        k[len(prefix) :].lower(): v
        for k, v in env.items()
        if k.startswith(prefix) and k != CONFIG_ENV
    }
    values.update(_coerce_all(env_values, "environment"))
    values.update(
        _coerce_all({k: v for k, v in (overrides or {}).items() if v is not None}, "override")
    )
    try:
        return Settings(**values)
    except TypeError as exc:  # pragma: no cover - names are checked in _coerce_all
        raise ConfigError(str(exc)) from exc


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    table = data.get("marsad", data)
    if not isinstance(table, dict):
        raise ConfigError(f"config file {path}: [marsad] must be a table")
    return table


def _coerce_all(values: dict[str, Any], origin: str) -> dict[str, Any]:
    known = {f.name: f for f in fields(Settings)}
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in known:
            raise ConfigError(
                f"unknown setting '{name}' in {origin} (known: {', '.join(sorted(known))})"
            )
        out[name] = _coerce(name, value, known[name].default, origin)
    return out


def _coerce(name: str, value: Any, default: Any, origin: str) -> Any:
    try:
        if isinstance(default, tuple):
            items = value.split(",") if isinstance(value, str) else list(value)
            return tuple(str(v).strip() for v in items if str(v).strip())
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in ("1", "true", "yes", "on")
            return bool(value)
        if isinstance(default, int):
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)  # int() would silently turn these into 1 or truncate
            return int(value)
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name}={value!r} from {origin} is not a valid value") from None
