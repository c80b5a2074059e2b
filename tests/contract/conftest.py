"""Store fixtures for the contract suite: every test runs once per backend (SQLite, PostgreSQL).

PostgreSQL is started once per session by :mod:`pg_server` (Debian's ``postgresql`` binaries)
on a free loopback port in a temporary folder; each test gets a database of its own. When no
server can be started, the PostgreSQL half of the suite is skipped with the reason.
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from marsad.store import Store, open_store

HERE = Path(__file__).parent
BACKENDS = ("sqlite", "postgresql")
_names = itertools.count()


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


pg_server = _load("marsad_test_pg_server", HERE / "pg_server.py")
docs = _load("marsad_test_store_docs", HERE.parent / "unit" / "store" / "conftest.py")


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    """A PostgreSQL server for the session; skips when none can be started here."""
    pytest.importorskip(
        "psycopg", reason="PostgreSQL tests need psycopg: pip install -e '.[postgres]'"
    )
    try:
        server = pg_server.start()
    except pg_server.NoPostgresError as exc:
        pytest.skip(f"no PostgreSQL server could be started: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture()
def target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A new, empty collection: a SQLite file or a PostgreSQL database URL."""
    if backend == "sqlite":
        return str(tmp_path / f"c{next(_names)}.db")
    server = request.getfixturevalue("postgres")
    return str(server.create_database(f"t{next(_names)}"))


@pytest.fixture()
def store(target: str) -> Iterator[Store]:
    with open_store(target) as opened:
        yield opened


@pytest.fixture()
def filled(store: Store) -> Store:
    for doc in (docs.talks_doc(), docs.second_doc()):
        store.write(docs.prepare(doc, docs.VERSION))
    return store
