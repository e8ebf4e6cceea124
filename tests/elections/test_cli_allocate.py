"""``kazpolity allocate`` through the root CLI's ``main``: output, exit codes, bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kazpolity.cli import exit_codes
from kazpolity.cli.app import main

TEXTBOOK = "party,votes\nA,47000\nB,16000\nC,15800\nD,12000\nE,6100\nF,3100\n"


def write(tmp_path: Path, text: str, name: str = "votes.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_json_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, TEXTBOOK)
    code = main(["allocate", "--seats", "10", "--method", "hare", "--json", path])
    out = capsys.readouterr().out
    assert code == exit_codes.OK
    data = json.loads(out)
    assert data["status"] == "ok"
    assert data["seats"] == {"A": 5, "B": 2, "C": 1, "D": 1, "E": 1, "F": 0}
    assert data["quota"] == "10000" and data["steps"]


def test_text_result_with_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "allocate",
            "--seats",
            "10",
            "--method",
            "dhondt",
            "--threshold",
            "7",
            write(tmp_path, TEXTBOOK),
        ]
    )
    out = capsys.readouterr().out
    assert code == exit_codes.OK
    assert "(not admitted)" in out and "Divisors: 1, 2" in out


def test_extra_rows_feed_the_threshold_base(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A has 70 of 1000 list votes (exactly 7 %), but 70 of 1080 ballots cast (6.48 %).
    text = "party,votes\nA,70\nB,930\n__against_all__,50\n__invalid__,30\n"
    path = write(tmp_path, text)
    assert (
        main(["allocate", "--seats", "10", "--method", "hare", "--threshold", "7", "--json", path])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["seats"] == {"A": 1, "B": 9}
    assert (
        main(
            [
                "allocate",
                "--seats",
                "10",
                "--method",
                "hare",
                "--threshold",
                "7",
                "--threshold-base",
                "cast",
                "--json",
                path,
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["seats"] == {"A": 0, "B": 10}
    assert (
        main(
            [
                "allocate",
                "--seats",
                "10",
                "--method",
                "hare",
                "--threshold",
                "7",
                "--at-threshold",
                "fail",
                "--json",
                path,
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["seats"] == {"A": 0, "B": 10}


def test_lot_required_exit_code_and_completion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "party,votes\nA,10\nB,10\nC,5\n")
    code = main(["allocate", "--seats", "1", "--method", "hare", "--json", path])
    data = json.loads(capsys.readouterr().out)
    assert code == exit_codes.LOT_REQUIRED == 3
    assert data["status"] == "lot_required"
    assert data["options"] == ["A", "B"] and data["seats_to_draw"] == 1
    code = main(["allocate", "--seats", "1", "--method", "hare", "--lot", "B", "--json", path])
    assert code == 0
    assert json.loads(capsys.readouterr().out)["seats"] == {"A": 0, "B": 1, "C": 0}
    code = main(["allocate", "--seats", "1", "--method", "hare", "--tie-order", "A,B", path])
    assert code == 0


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(TEXTBOOK))
    assert main(["allocate", "--seats", "10", "--method", "sainte-lague", "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["seats"]["E"] == 1


@pytest.mark.parametrize(
    ("text", "args", "fragment"),
    [
        ("party,votes\nA,-5\nB,3\n", [], "negative"),
        ("party,votes\nA,12.5\nB,3\n", [], "whole number"),
        ("party,votes\nA,5\nA,3\n", [], "duplicate"),
        ("", [], "empty"),
        ("party,votes\n", [], "no list rows"),
        ("name,count\nA,5\n", [], "header"),
        (TEXTBOOK, ["--seats", "0"], "seats"),
        (TEXTBOOK, ["--threshold", "101"], "between 0 and 100"),
        (TEXTBOOK, ["--threshold", "-1"], "between 0 and 100"),
        (TEXTBOOK, ["--method", "borda"], "unknown method"),
        (TEXTBOOK, ["--threshold", "5", "--threshold-base", "registered"], "threshold-base"),
        (TEXTBOOK, ["--on", "2023-03-19"], "does not depend on a date"),
        (TEXTBOOK, ["--on", "yesterday"], "YYYY-MM-DD"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    args: list[str],
    fragment: str,
) -> None:
    base = {"--seats": "10", "--method": "hare"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    argv = ["allocate", *[x for pair in base.items() for x in pair], write(tmp_path, text)]
    code = main(argv)
    captured = capsys.readouterr()
    assert code == exit_codes.BAD_INPUT
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), captured.err
    assert fragment in lines[0]
    assert "Traceback" not in captured.err


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["allocate", "--seats", "3", "--method", "hare", "/no/such/votes.csv"])
    err = capsys.readouterr().err
    assert code == exit_codes.BAD_INPUT
    assert err.strip() == "error: FILE: no such file: /no/such/votes.csv"


def test_registered_method_receives_the_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kazpolity.elections import allocate as exact
    from kazpolity.elections import methods

    seen = []

    def law_bound(request: methods.AllocateRequest) -> object:
        seen.append(request.on)
        return exact(request.votes, request.seats, "hare", article="test article")

    monkeypatch.setitem(methods.METHODS, "kz-test", methods.Method(
        "kz-test", methods.MethodKind.LAW, {"en": "test"}, "test source", law_bound))
    code = main(
        [
            "allocate",
            "--seats",
            "10",
            "--method",
            "kz-test",
            "--on",
            "2023-03-19",
            "--json",
            write(tmp_path, TEXTBOOK),
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["article"] == "test article"
    assert [d.isoformat() for d in seen] == ["2023-03-19"]
