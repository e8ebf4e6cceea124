"""``--lang`` renders the explanation steps of ``allocate`` and ``elections rerun`` in the
chosen language (hand-worked Hare case: 100,000 votes for 10 seats gives the quota 10,000)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kazpolity.cli import exit_codes
from kazpolity.cli.app import main

TEXTBOOK = "party,votes\nA,47000\nB,16000\nC,15800\nD,12000\nE,6100\nF,3100\n"


def test_allocate_explains_in_russian(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "votes.csv"
    path.write_text(TEXTBOOK, encoding="utf-8")
    code = main(["--lang", "ru", "allocate", "--seats", "10", "--method", "hare", str(path)])
    out = capsys.readouterr().out
    assert code == exit_codes.OK
    assert "Квота Хэйра = 100\u202f000 / 10 = 10\u202f000" in out
    assert "Hare quota" not in out


def test_rerun_explains_in_kazakh(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--lang", "kk", "elections", "rerun", "president-2019",
                 "--under", "2019-06-09"])
    out = capsys.readouterr().out
    assert code == exit_codes.OK
    assert "Қажетті көпшілік: 50%-дан астам" in out
    assert "Қасым-Жомарт Тоқаев" in out and "сайланды" in out
