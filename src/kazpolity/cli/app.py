"""The ``kazpolity`` command: a thin face over the core packages.

Each face module in this package exposes ``register(app)``; ``FACES`` lists them.
Errors never reach the user as tracebacks: bad input is one line on stderr and exit 2.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click
import typer

from kazpolity import __version__
from kazpolity.cli import exit_codes
from kazpolity.errors import InputError, KazpolityError

FACES: tuple[str, ...] = ("rules", "serve", "elections", "allocate", "forensics", "admin", "plot",
                         "institutions")

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
    if lang is not None:
        if lang not in LANGUAGES:
            raise InputError("--lang", f"must be one of {', '.join(LANGUAGES)}, got {lang!r}")
        os.environ[LANG_ENV] = lang


LANG_ENV = "KAZPOLITY_LANG"
LANGUAGES = ("en", "kk", "ru")


def current_lang() -> str:
    """The language chosen with ``--lang`` or ``KAZPOLITY_LANG`` (English by default)."""
    value = os.environ.get(LANG_ENV, "en")
    return value if value in LANGUAGES else "en"


for _face in FACES:
    importlib.import_module(f"kazpolity.cli.{_face}").register(app)


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
    command = with_exit_codes(typer.main.get_command(app))
    previous_lang = os.environ.get(LANG_ENV)
    try:
        return _run(command, argv)
    finally:
        if previous_lang is None:
            os.environ.pop(LANG_ENV, None)
        else:
            os.environ[LANG_ENV] = previous_lang


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
        if os.environ.get("KAZPOLITY_DEBUG"):
            raise
        typer.echo(f"internal error: {type(err).__name__}: {err}", err=True)
        return exit_codes.INTERNAL
    return int(result) if isinstance(result, int) else exit_codes.OK


if __name__ == "__main__":
    sys.exit(main())
