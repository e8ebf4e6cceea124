"""The ``kazpolity`` command: a thin face over the core packages.

Each command module in this package exposes ``register(app)``, called below in help order;
``serve`` is added by the entry point (``kazpolity.cli.__main__``), which gives it the app.
The settings (``--lang`` over ``KAZPOLITY_LANG``) are the run's (a context variable reset
when ``main`` returns), never written to ``os.environ``. Errors never reach the user as
tracebacks: bad input is one line on stderr and exit 2.
"""

from __future__ import annotations

import copy
import sys
from contextvars import ContextVar
from dataclasses import replace
from functools import partial
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


def with_exit_codes(command: Any, lang_option: click.Parameter | None = None) -> Any:
    """Finish every command and group for ``--help`` and use: the exit-code table as epilog,
    readable option types, and ``--lang`` accepted after the subcommand too."""
    documented = exit_codes.EXIT_CODES_HELP in (getattr(command, "help", None) or "")
    if getattr(command, "epilog", None) is None and not documented:
        command.epilog = exit_codes.EXIT_CODES_HELP
    for param in command.params:
        setattr(param, "display_type_rich", partial(help_type, param))  # noqa: B010
    setattr(command, "get_help_option", partial(_typed_help_option,  # noqa: B010
                                                command.get_help_option))
    if lang_option is None:
        lang_option = next((p for p in command.params if p.name == "lang"), None)
    elif not any(p.name == "lang" for p in command.params):
        command.params.append(lang_option)
    for sub in getattr(command, "commands", {}).values():
        with_exit_codes(sub, _lang_for_subcommands(lang_option))
    return command


HELP_TYPES: dict[str, str] = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER",
                              "Path": "PATH", "path": "PATH", "list[str]": "TEXT...",
                              "list[Path]": "PATH..."}


def help_type(param: Any, ctx: click.Context | None = None) -> str | None:
    """The type column of ``--help``: nothing for a flag, else the metavar or the type's name
    in capitals (``TEXT``, ``INTEGER``, ``PATH``, ``a|b`` for a choice) — never ``<bool>``."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if getattr(param, "metavar", None):
        return str(param.metavar)
    shown = type(param).display_type(param, ctx) if hasattr(param, "display_type") else ""
    label = shown.strip("<>")
    if label in ("bool", ""):
        return None
    return HELP_TYPES.get(label, label.upper() if "|" not in label else label)


def _typed_help_option(original: Any, ctx: click.Context) -> Any:
    option = original(ctx)
    if option is not None:
        setattr(option, "display_type_rich", partial(help_type, option))  # noqa: B010
    return option


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        _root(version=False, lang=value)


def _lang_for_subcommands(option: click.Parameter | None) -> click.Parameter | None:
    """The root's ``--lang`` as an option of a subcommand: same help, sets the language."""
    if option is None or not option.expose_value:
        return option
    copied = copy.copy(option)
    copied.expose_value = False
    copied.callback = _set_lang
    copied.is_eager = True
    return copied


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
        fault = user_fault(err)
        if fault is not None:
            typer.echo(f"error: {fault}", err=True)
            return exit_codes.BAD_INPUT
        if Settings.from_env().debug:
            raise
        typer.echo(f"internal error: {type(err).__name__}: {err}", err=True)
        return exit_codes.INTERNAL
    return int(result) if isinstance(result, int) else exit_codes.OK


def user_fault(err: Exception) -> str | None:
    """One line for a failure the user can fix (exit 2): a database that is malformed,
    missing or unreachable (``--db``), or a file or port the system refused; else None."""
    if type(err).__module__.startswith("sqlalchemy"):
        cause = getattr(err, "orig", None) or err
        detail = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
        return f"--db: cannot use the database ({detail})"
    if isinstance(err, ModuleNotFoundError) and _raised_in_sqlalchemy(err):
        return f"--db: no database driver installed for this URL ({err.name})"
    if isinstance(err, OSError):
        where = err.filename if err.filename is not None else "file"
        return f"{where}: {err.strerror or err}"
    return None


def _raised_in_sqlalchemy(err: BaseException) -> bool:
    trace = err.__traceback__
    while trace is not None:
        if trace.tb_frame.f_globals.get("__name__", "").startswith("sqlalchemy"):
            return True
        trace = trace.tb_next
    return False


if __name__ == "__main__":
    sys.exit(main())
