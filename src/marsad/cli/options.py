"""Options and error handling shared by the commands that run a pipeline.

``@db_option`` adds ``--db``, ``@config_option`` ``--config``; ``@settings_options`` adds
``--config``, ``--pipeline`` and ``--error-policy``;
:func:`load_settings_from` turns them into settings. ``@reports_errors`` turns a
:class:`~marsad.errors.MarsadError` escaping a command into ``marsad: error: <message>`` on
standard error and exit status 2, without a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from marsad.errors import MarsadError

if TYPE_CHECKING:
    from marsad.config import Settings

F = TypeVar("F", bound=Callable[..., Any])

USAGE_ERROR = 2
"""Exit status for a usage or configuration error (as click uses for bad options)."""

ERROR_POLICY_CHOICES = ("raise", "record")

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False),
    help="Collection database: a SQLite file or a postgresql://user@host/db URL "
    "(default: setting db, ./marsad.db).",
)
config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="TOML settings file (default: $MARSAD_CONFIG, else ./marsad.toml if present).",
)


def progress_option(default: str) -> Callable[[F], F]:
    """``--progress/--no-progress``; ``default`` says when the bar shows if neither is given."""
    return click.option(
        "--progress/--no-progress",
        default=None,
        help=f"Progress bar on stderr (default: {default}).",
    )


def settings_options(command: F) -> F:
    """Add ``--config FILE``, ``--pipeline a,b,c`` and ``--error-policy`` to ``command``."""
    options = (
        config_option,
        click.option(
            "--pipeline",
            metavar="A,B,C",
            help="Components to run, comma-separated, replacing the configured pipeline.",
        ),
        click.option(
            "--error-policy",
            type=click.Choice(ERROR_POLICY_CHOICES),
            help="On a component failure: 'raise' drops the document and reports it, "
            "'record' keeps it with an 'errors' list.",
        ),
    )
    for option in reversed(options):
        command = option(command)
    return command


def load_settings_from(
    config_file: str | None, pipeline: str | None, error_policy: str | None
) -> Settings:
    """The settings in force with the command-line overrides applied."""
    from marsad.services.about import settings_for

    return settings_for(config_file, {"pipeline": pipeline, "error_policy": error_policy})


def reports_errors(command: F) -> F:
    """Print a MarsadError as ``marsad: error: ...`` and exit with status 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except MarsadError as error:
            click.echo(f"marsad: error: {error}", err=True)
            raise SystemExit(USAGE_ERROR) from None

    return wrapper  # type: ignore[return-value]
