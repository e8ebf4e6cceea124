"""The ``kazpolity`` command: a thin face over the core packages.

Each command module in this package exposes ``register(app)``, called below in help order;
``serve`` is added by the entry point (``kazpolity.cli.__main__``), which gives it the app.
The settings (``--lang`` over ``KAZPOLITY_LANG``) are the run's (a context variable reset
when ``main`` returns), never written to ``os.environ``. Errors never reach the user as
tracebacks: bad input is one line on stderr and exit 2.
"""

from __future__ import annotations

import sys
from contextvars import ContextVar
from dataclasses import replace
from typing import Any

import click
import typer

from kazpolity import __version__
from kazpolity.cli import (
    admin,
    allocate,
    elections,
    exit_codes,
    forensics,
    institutions,
    plot,
    rules,
)
from kazpolity.errors import InputError, KazpolityError
from kazpolity.presentation import Language
from kazpolity.settings import LANG_ENV, Settings

app = typer.Typer(
    name="kazpolity",
    help=(
        "Kazakhstan's political system as executable, verifiable Python.\n\n"
        + exit_codes.EXIT_CODES_HELP
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kazpolity {__version__}")
        raise typer.Exit(exit_codes.OK)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
    lang: str | None = typer.Option(
        None, "--lang", help="Language of place names: en (default), kk or ru "
        "(also KAZPOLITY_LANG)."
    ),
) -> None:
    """Kazakhstan's political system as executable, verifiable Python."""
    settings = Settings.from_env()
    if lang is not None:
        if lang not in LANGUAGES:
            raise InputError("--lang", f"must be one of {', '.join(LANGUAGES)}, got {lang!r}")
        settings = replace(settings, lang=Language(lang))
    _RUN_SETTINGS.set(settings)


LANGUAGES = tuple(language.value for language in Language)
__all__ = ["LANGUAGES", "LANG_ENV", "app", "current_lang", "current_settings", "main"]


_RUN_SETTINGS: ContextVar[Settings | None] = ContextVar("kazpolity_cli_settings", default=None)


def current_settings() -> Settings:
    """The settings of the command being run (the environment's outside a command)."""
    settings = _RUN_SETTINGS.get()
    return settings if settings is not None else Settings.from_env()


def current_lang() -> str:
    """The language chosen with ``--lang`` or ``KAZPOLITY_LANG`` (English by default)."""
    return current_settings().lang.value


for _commands in (rules, elections, allocate, forensics, admin, plot, institutions):
    _commands.register(app)


def fail(message: str, code: int = exit_codes.BAD_INPUT) -> typer.Exit:
    """Print a one-line error to stderr and return the ``Exit`` to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def with_exit_codes(command: Any) -> Any:
    """Give every command and group that has no epilog the exit-code table (``--help``)."""
    documented = exit_codes.EXIT_CODES_HELP in (getattr(command, "help", None) or "")
    if getattr(command, "epilog", None) is None and not documented:
        command.epilog = exit_codes.EXIT_CODES_HELP
    for sub in getattr(command, "commands", {}).values():
        with_exit_codes(sub)
    return command


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI, mapping every failure to a one-line message and exit code."""
    token = _RUN_SETTINGS.set(None)
    try:
        return _run(with_exit_codes(typer.main.get_command(app)), argv)
    finally:
        _RUN_SETTINGS.reset(token)


def _run(command: Any, argv: list[str] | None) -> int:
    try:
        result = command.main(
            args=argv if argv is not None else sys.argv[1:],
            prog_name="kazpolity",
            standalone_mode=False,
        )
    except (click.exceptions.Exit, typer.Exit) as done:
        return int(getattr(done, "exit_code", exit_codes.OK))
    except (click.exceptions.Abort, typer.Abort):
        typer.echo("error: aborted", err=True)
        return exit_codes.BAD_INPUT
    except (click.ClickException, typer.TyperException) as bad:
        formatter = getattr(bad, "format_message", None)
        message = formatter() if callable(formatter) else str(bad)
        typer.echo(f"error: {message}", err=True)
        return exit_codes.BAD_INPUT
    except InputError as bad:
        typer.echo(f"error: {bad}", err=True)
        return exit_codes.BAD_INPUT
    except KazpolityError as err:
        typer.echo(f"error: {err}", err=True)
        return exit_codes.BAD_INPUT
    except Exception as err:
        if Settings.from_env().debug:
            raise
        typer.echo(f"internal error: {type(err).__name__}: {err}", err=True)
        return exit_codes.INTERNAL
    return int(result) if isinstance(result, int) else exit_codes.OK


if __name__ == "__main__":
    sys.exit(main())
