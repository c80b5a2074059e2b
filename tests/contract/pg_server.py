"""A throw-away PostgreSQL server for tests and measurements: initdb + pg_ctl in a temporary folder.

Uses Debian's ``postgresql`` binaries (``/usr/lib/postgresql/*/bin``) or ones on ``PATH``; as
root, the server runs as the ``nobody`` user (PostgreSQL refuses to run as root). It listens on a
free loopback port only, with ``trust`` authentication, and is removed when stopped.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class NoPostgresError(RuntimeError):
    """No PostgreSQL server could be started here (the message says why)."""


def _bin_dir() -> Path:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").is_file():
            return Path(candidate)
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    raise NoPostgresError("no PostgreSQL binaries: apt-get install -y postgresql")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    runuser = shutil.which("runuser")
    if runuser is None:
        raise NoPostgresError("running as root without runuser: cannot start PostgreSQL as nobody")
    return [runuser, "-u", "nobody", "--"]


@dataclass
class PgServer:
    """A running server; :meth:`url` names a database on it."""

    root: Path
    port: int
    bin: Path
    prefix: list[str]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        sql = f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'"
        self._run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-q",
                  "-c", sql)  # fmt: skip
        return self.url(name)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, tool: str, *args: str, check: bool = True) -> None:
        command = [*self.prefix, str(self.bin / tool), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if check and done.returncode != 0:
            raise NoPostgresError(f"{tool} failed: {done.stderr.strip() or done.stdout.strip()}")


def start(settings: tuple[str, ...] = ()) -> PgServer:
    """Start a server in a new temporary folder; raises :class:`NoPostgresError` when it cannot."""
    root = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
    server = PgServer(root, _free_port(), _bin_dir(), _as_user())
    if server.prefix:
        shutil.chown(root, "nobody")
    options = " ".join(["-c fsync=off", "-c listen_addresses=127.0.0.1", *settings])
    try:
        server._run("initdb", "-D", str(root / "data"), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C")  # fmt: skip
        server._run("pg_ctl", "-D", str(root / "data"), "-l", str(root / "log"), "-w",
                    "-o", f"-p {server.port} -k {root} {options}", "start")  # fmt: skip
    except (NoPostgresError, OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise NoPostgresError(str(exc)) from exc
    return server
