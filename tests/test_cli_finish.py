"""Cross-cutting CLI behaviour: --lang, exit codes in --help, one-line errors."""

from __future__ import annotations

import os
from typing import Any

import pytest

from kazpolity.cli.app import LANG_ENV, main


def test_lang_switches_place_names_and_does_not_leak(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "ru", "institutions", "show", "--on", "2011-04-03"]) == 0
    out = capsys.readouterr().out
    assert "Capital: Астана" in out and "Карагандинская" in out
    assert main(["--lang", "kk", "institutions", "show", "--on", "1996-01-01"]) == 0
    assert "Capital: Алматы" in capsys.readouterr().out
    assert LANG_ENV not in os.environ
    assert main(["institutions", "show", "--on", "2020-01-01"]) == 0
    assert "Capital: Nur-Sultan" in capsys.readouterr().out


def test_bad_lang_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "de", "rules", "show"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --lang") and len(err.strip().splitlines()) == 1


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "Exit codes" in out and "3 a drawing of lots" in out


def _leaves(command: object, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    subs = getattr(command, "commands", None)
    if not subs:
        return [(path, command)]
    return [leaf for name, sub in subs.items() for leaf in _leaves(sub, (*path, name))]


def _commands() -> list[tuple[tuple[str, ...], Any]]:
    import typer

    from kazpolity.cli.app import app, with_exit_codes

    return _leaves(with_exit_codes(typer.main.get_command(app)))


# Commands that print no results of their own (a server).
NO_JSON = {("serve",)}


def test_every_command_documents_exit_codes_and_prints_json() -> None:
    from kazpolity.cli.exit_codes import EXIT_CODES_HELP

    commands = _commands()
    assert len(commands) > 30
    for path, command in commands:
        assert command.epilog == EXIT_CODES_HELP, path
        options = {opt for param in command.params for opt in getattr(param, "opts", ())}
        assert ("--json" in options) != (path in NO_JSON), path


def test_subcommand_help_shows_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["forensics", "report"], ["audit", "verify"], ["plot", "fingerprint"],
                 ["allocate"]):
        assert main([*args, "--help"]) == 0
        out = capsys.readouterr().out
        assert "Exit codes" in out and "2 bad" in out, args


def test_shell_completion_is_enabled(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--install-completion" in out and "--show-completion" in out
    monkeypatch.setenv("_KAZPOLITY_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "kazpolity forensics int")
    monkeypatch.setenv("COMP_CWORD", "2")
    with pytest.raises(SystemExit) as done:  # Typer's completion hook exits by itself
        main([])
    assert done.value.code == 0
    assert capsys.readouterr().out.split() == ["integer-percent"]
