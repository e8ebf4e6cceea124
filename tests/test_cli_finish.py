"""Cross-cutting CLI behaviour: --lang, exit codes in --help, one-line errors."""

from __future__ import annotations

import os

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
