"""What this installation has: registered components and the settings in force.

Behind ``marsad components`` and ``marsad config``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from marsad import registry
from marsad.config import (
    CONFIG_ENV,
    DEFAULT_CONFIG_FILE,
    ERROR_POLICIES,
    Settings,
    load_settings,
    setting_docs,
)

__all__ = [
    "ERROR_POLICIES", "ComponentLine", "SettingLine", "list_components", "settings_for",
    "settings_report",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class ComponentLine:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    summary: str
    module: str


@dataclass(frozen=True, slots=True)
class SettingLine:
    name: str
    value: Any
    doc: str
    origin: str
    """``default``, ``file <path>``, ``environment (MARSAD_<NAME>)`` or ``command line``."""


def list_components() -> list[ComponentLine]:
    """Every registered component (built-in and third-party), sorted by name."""
    return [
        ComponentLine(info.name, info.requires, info.assigns, info.summary, info.module)
        for info in registry.registered()
    ]


def settings_report(
    path: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[SettingLine]:
    """Each setting's value in force, its documentation and where the value came from.

    Settings are loaded as :func:`marsad.config.load_settings` does; raises
    :class:`~marsad.errors.ConfigError` on a bad file, variable or override.
    """
    env = dict(os.environ if environ is None else environ)
    file_only_env = {CONFIG_ENV: env[CONFIG_ENV]} if env.get(CONFIG_ENV) else {}
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    layers = (
        ("default", Settings()),
        (_file_origin(path, env), load_settings(path, environ=file_only_env)),
        ("environment", load_settings(path, environ=env)),
        ("command line", load_settings(path, overrides=given, environ=env)),
    )
    docs = setting_docs()
    return [_line(f.name, layers, docs[f.name]) for f in fields(Settings)]


def _line(name: str, layers: tuple[tuple[str, Settings], ...], doc: str) -> SettingLine:
    origin, value = layers[0][0], getattr(layers[0][1], name)
    for layer_origin, settings in layers[1:]:
        if getattr(settings, name) != value:
            origin, value = layer_origin, getattr(settings, name)
    if origin == "environment":
        origin = f"environment (MARSAD_{name.upper()})"
    return SettingLine(name, value, doc, origin)


def _file_origin(path: str | Path | None, env: Mapping[str, str]) -> str:
    if path:
        return f"file {path}"
    if env.get(CONFIG_ENV):
        return f"file {env[CONFIG_ENV]}"
    return f"file {DEFAULT_CONFIG_FILE}"


def settings_for(
    config_file: str | Path | None = None, overrides: Mapping[str, Any] | None = None
) -> Settings:
    """The settings in force: ``config_file`` (or the usual file), ``MARSAD_*``, ``overrides``.

    ``None`` overrides are ignored (an option the user did not give); raises
    :class:`~marsad.errors.ConfigError` naming the bad setting.
    """
    return load_settings(config_file, overrides=dict(overrides or {}))
