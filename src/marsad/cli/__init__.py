"""The ``marsad`` command line: thin shells over :mod:`marsad.services`.

Each module below adds its commands to the groups of :mod:`marsad.cli.groups`; a command parses its
input, calls one service function and renders the result. No SQL or NLP lives here.
"""

from __future__ import annotations

from importlib import import_module

from marsad.cli.groups import main

_COMMAND_MODULES = (
    "analyze",
    "bench",
    "ner",
    "kb",
    "events",
    "collection",
    "serve",
    "timex",
    "translit",
    "dedup",
    "scale",
)

for _name in _COMMAND_MODULES:
    import_module(f"marsad.cli.{_name}")

__all__ = ["main"]
