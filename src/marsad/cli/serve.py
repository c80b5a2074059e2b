"""``marsad serve`` (the web UI and REST API) and ``marsad bench-api`` (its load test)."""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import json
import os
import socket
from typing import Any

import click

from marsad.cli.groups import main
from marsad.cli.options import load_settings_from, reports_errors

LOOPBACK = "127.0.0.1"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@main.command("serve")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="Collection database.")
@click.option("--host", default=LOOPBACK, show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="TOML settings.")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))  # fmt: skip
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes answering requests (one per core is good).")  # fmt: skip
@reports_errors
def serve_command(
    *, db: str, host: str, port: int, config_file: str | None, log_level: str, workers: int
) -> None:
    """Serve the web UI and the REST API over the collection DB (read-only).

    Pages: /search, /articles, /entities, /events, /stories, /analyze; JSON twins under /api;
    the OpenAPI document at /openapi.json and its page at /docs. POST /api/ingest is on only
    when a token is set (setting web_token, or MARSAD_WEB_TOKEN).

    \b
    Example:
      marsad serve --db news.db            # then open http://127.0.0.1:8000/
      marsad serve --db news.db --workers 2
    """
    uvicorn, settings_app = _web_modules()
    _check_port(host, port)
    settings = load_settings_from(config_file, None, None)
    app = settings_app(db, settings)
    if not _is_loopback(host):
        click.echo(f"marsad: warning: listening on {host}, reachable from other machines", err=True)
    ingest = "on, token set" if settings.web_token else "off, no token"
    click.echo(
        f"Marsad on http://{host}:{port}/ over {db} (ingest: {ingest}, processes: {workers}); "
        "Ctrl-C stops."
    )
    options: dict[str, Any] = {"host": host, "port": port, "log_level": log_level}
    if workers == 1:
        uvicorn.run(app, server_header=False, **options)
        return
    _serve_in_processes(uvicorn, db, config_file, workers, options)


def _check_port(host: str, port: int) -> None:
    """A usage error, before any banner, when ``host:port`` cannot be listened on."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        in_use = exc.errno == errno.EADDRINUSE
        reason = "is in use" if in_use else f"cannot be listened on ({exc.strerror})"
        raise click.UsageError(f"{host}:{port} {reason}: choose another with --port") from None


def _serve_in_processes(
    uvicorn: Any, db: str, config_file: str | None, workers: int, options: dict[str, Any]
) -> None:
    """Serve with ``workers`` processes sharing one listening socket.

    As ``uvicorn.run(..., workers=N)`` does, except that the socket has TCP_NODELAY, which the
    connections accepted on it inherit: uvicorn's own socket does not pass asyncio's check for
    it, and then every keep-alive response of more than one segment waits ~40 ms for a delayed
    ACK (Nagle's algorithm).
    """
    from uvicorn.supervisors import Multiprocess

    from marsad.web.app import SERVE_ENV

    os.environ[SERVE_ENV] = json.dumps({"db": db, "config": config_file})
    config = uvicorn.Config(
        "marsad.web.app:app_from_environment", factory=True, workers=workers,
        server_header=False, **options,
    )  # fmt: skip
    sock = config.bind_socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(config, sockets=[sock]).run()


def _web_modules() -> tuple[Any, Any]:
    """uvicorn and the app factory for settings, or a usage error saying how to install them."""
    try:
        import uvicorn

        from marsad.web.app import settings_app
    except ImportError as exc:
        raise click.ClickException(
            f"the web UI needs the 'web' extra ({exc.name} is missing): pip install 'marsad[web]'"
        ) from None
    return uvicorn, settings_app


@main.command("bench-api")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--requests", "requests_per_route", type=click.IntRange(1, 20_000), default=300,
              show_default=True, help="Requests per route (article, entity, search).")  # fmt: skip
@click.option("--concurrency", type=click.IntRange(1, 64), default=4, show_default=True)
@click.option("--max-seconds", type=click.FloatRange(1, 600), default=120, show_default=True,
              help="Stop each route's run after this long, whatever is left.")  # fmt: skip
@click.option("--server-workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes of the server under test (marsad serve --workers).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@reports_errors
def bench_api_command(
    *, db: str, requests_per_route: int, concurrency: int, max_seconds: float,
    server_workers: int, as_json: bool,
) -> None:  # fmt: skip
    """Load-test the API on loopback: p50/p95 latency of the article, entity and search routes.

    Starts `marsad serve` on a free 127.0.0.1 port in a subprocess, sends a bounded number of
    requests (ids and queries drawn from the collection) and stops it.
    """
    from marsad.web.loadtest import run_load_test

    report = run_load_test(
        db, requests_per_route=requests_per_route, concurrency=concurrency,
        max_seconds=max_seconds, server_workers=server_workers,
    )  # fmt: skip
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(
        f"db: {db}  articles: {report.articles}  concurrency: {concurrency}  "
        f"server processes: {server_workers}"
    )
    click.echo(f"{'route':<10}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
               f"{'req/s':>8}")  # fmt: skip
    for route in report.routes:
        click.echo(
            f"{route.name:<10}{route.count:>9}{route.errors:>8}{route.p50:>9.1f}"
            f"{route.p95:>9.1f}{route.max:>9.1f}{route.rate:>8.1f}"
        )
