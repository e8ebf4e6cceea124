"""``kazpolity allocate --method kz-majilis``: the Kazakh rule in force on --on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kazpolity.cli.app import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_2021_votes_give_the_official_seats(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    votes = tmp_path / "v.csv"
    votes.write_text("party,votes\nNur Otan,5148074\nAk Zhol,792828\nQHP,659019\n"
                     "Auyl,383023\nAdal,258618\n")
    code, out, _ = run(capsys, "allocate", "--seats", "98", "--method", "kz-majilis", "--on",
                       "2021-01-10", "--json", str(votes))
    assert code == 0
    assert json.loads(out)["seats"] == {"Nur Otan": 76, "Ak Zhol": 12, "QHP": 10, "Auyl": 0,
                                        "Adal": 0}


def test_second_party_guarantee_and_tie_by_registration(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    votes = tmp_path / "v.csv"
    votes.write_text("party,votes\nNur Otan,5247720\nOSDP,269310\nAk Zhol,183346\n")
    code, out, _ = run(capsys, "allocate", "--seats", "98", "--method", "kz-majilis", "--on",
                       "2012-01-15", "--json", str(votes))
    assert code == 0 and json.loads(out)["seats"]["OSDP"] == 3
    tie = tmp_path / "t.csv"
    tie.write_text("party,votes\nA,100\nB,100\nC,100\n")
    code, out, _ = run(capsys, "allocate", "--seats", "2", "--method", "kz-majilis", "--on",
                       "2021-01-10", "--json", str(tie))
    data = json.loads(out)
    assert code == 3 and data["status"] == "lot_required" and "law_tie_break" in data
    code, out, _ = run(capsys, "allocate", "--seats", "2", "--method", "kz-majilis", "--on",
                       "2021-01-10", "--tie-order", "C,B,A", "--json", str(tie))
    assert code == 0 and json.loads(out)["seats"] == {"A": 0, "B": 1, "C": 1}
    code, _, err = run(capsys, "allocate", "--seats", "2", "--method", "kz-majilis", "--on",
                       "1996-01-01", str(tie))
    assert code == 2 and "list seats" in err
