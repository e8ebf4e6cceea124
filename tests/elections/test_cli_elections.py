"""``kazpolity elections`` through the real entry point."""

from __future__ import annotations

import json

import pytest

from kazpolity.cli.app import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_reproduce_prints_every_row_matching(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "elections", "reproduce", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["summary"]["mismatch"] == 0 and data["summary"]["match"] >= 25
    ids = {row["id"] for row in data["rows"]}
    assert {"majilis-1999", "majilis-2023", "president-2019", "referendum-2022"} <= ids


def test_list_show_rerun(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "elections", "list", "--json")
    assert code == 0 and any(e["id"] == "referendum-1995-04" for e in json.loads(out))
    code, out, _ = run(capsys, "elections", "show", "majilis-2021", "--json")
    data = json.loads(out)
    assert code == 0 and data["reproduction"]["status"] == "match"
    assert data["indices"]["gallagher"] > 0 and data["indices"]["enp_seats"] > 1
    code, out, _ = run(
        capsys, "elections", "rerun", "majilis-2007", "--under", "2012-01-15", "--json"
    )
    data = json.loads(out)
    assert code == 0 and data["second_party"]["runner_up_seats"] == 3
    code, out, _ = run(
        capsys, "elections", "rerun", "majilis-2023", "--under", "2023-03-19", "--threshold", "7"
    )
    assert code == 0 and "Difference from the official seats" in out


@pytest.mark.parametrize(
    "args",
    [
        ("elections", "show", "majilis-1066"),
        ("elections", "rerun", "majilis-2021", "--under", "1990-01-01"),
        ("elections", "rerun", "majilis-2021", "--under", "2021-01-10", "--method", "x"),
        ("elections", "rerun", "majilis-2021", "--under", "2021-01-10", "--threshold", "120"),
        ("elections", "rerun", "majilis-2021", "--under", "2021-01-10", "--seats", "0"),
        ("elections", "rerun", "referendum-2022", "--under", "2023-01-01"),
    ],
)
def test_bad_input_exit_2(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ")
