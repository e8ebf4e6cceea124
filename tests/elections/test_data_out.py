"""Against-all rows, data out (export, the official-results API, the Python API) and the
disproportionality indices of re-runs, checked against hand-worked values."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from kazpolity.cli import exit_codes
from kazpolity.cli.app import main
from kazpolity.elections.ballot_rows import BallotRow, reserved_row
from kazpolity.errors import InputError

# The case: 2023 list votes with a row "Against all" of 200,000 votes.
VOTES_2023 = ("party,votes\nAmanat,3431510\nAuyl,663442\nRespublica,545154\nAk Zhol,522839\n"
              "NPK,400678\nOSDP,139370\nBaytak,135324\n")


@pytest.mark.parametrize("name", ["Against all", "против всех", "Барлығына қарсы",
                                  "__against_all__", "against-all", "AGAINST_ALL"])
def test_against_all_names_are_recognised(name: str) -> None:
    assert reserved_row(name) is BallotRow.AGAINST_ALL
    assert reserved_row("Invalid") is BallotRow.INVALID
    assert reserved_row("Amanat") is None


@pytest.mark.parametrize("method", ["kz-majilis", "dhondt", "hare"])
@pytest.mark.parametrize("name", ["Against all", "против всех", "барлығына қарсы"])
def test_against_all_never_wins_a_seat(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       method: str, name: str) -> None:
    path = tmp_path / "votes.csv"
    path.write_text(VOTES_2023 + f"{name},200000\n", encoding="utf-8")
    extra = ["--on", "2023-03-19"] if method == "kz-majilis" else []
    code = main(["allocate", str(path), "--seats", "29", "--method", method, "--json", *extra])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and name not in data["seats"] and sum(data["seats"].values()) == 29


def test_against_all_counts_in_the_cast_base(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    # A 930, B 70, against all 30: B has 70/1000 = 7% of list votes but 70/1030 < 7% of
    # ballots cast, so under a 7% threshold of the cast base B fails.
    path = tmp_path / "votes.csv"
    path.write_text("party,votes\nA,930\nB,70\nпротив всех,30\n", encoding="utf-8")
    main(["allocate", str(path), "--seats", "10", "--method", "hare", "--threshold", "7",
          "--threshold-base", "cast", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["seats"] == {"A": 10, "B": 0} and data["threshold_base_votes"] == 1030


def test_allocate_help_documents_the_reserved_rows(capsys: pytest.CaptureFixture[str]) -> None:
    main(["allocate", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Against all" in text and "против всех" in text and "kz-majilis" in text


def test_divisor_method_is_explained_by_averages(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    # D'Hondt, 3 seats, A 600 B 300: averages 600, 300 (A/2), 300 (B/1) — seat 1 A (600),
    # then A/2 = 300 and B/1 = 300 tie for 2 seats: both win.
    path = tmp_path / "votes.csv"
    path.write_text("party,votes\nA,600\nB,300\n", encoding="utf-8")
    main(["allocate", str(path), "--seats", "3", "--method", "dhondt", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["seats"] == {"A": 2, "B": 1}
    assert [(w["seat"], w["party"], w["divisor"], w["average"]) for w in data["awards"]] == [
        (1, "A", "1", "600"), (2, "A", "2", "300"), (3, "B", "1", "300")]
    assert all(p["quotient"] is None and p["remainder"] is None for p in data["parties"])
    assert data["steps"][0] == "Seat 1: A, average 600 / 1 = 600"


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_export_official_results(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"majilis-2023.{fmt}"
    assert main(["elections", "export", "majilis-2023", "--format", fmt, "-o", str(out)]) == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    elif fmt == "json":
        rows = json.loads(out.read_text(encoding="utf-8"))
    else:
        rows = pq.read_table(out).to_pylist()
    amanat = next(row for row in rows if row["name"] == "Amanat")
    assert int(amanat["votes"]) == 3431510 and int(amanat["seats_list"]) == 40


def test_export_rerun_and_bad_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rerun.csv"
    assert main(["elections", "export", "majilis-2007", "--under", "2012-01-15", "-o",
                 str(out)]) == 0
    rows = {r["party"]: r for r in csv.DictReader(io.StringIO(out.read_text("utf-8")))}
    assert rows["Nur Otan"]["rerun_seats"] == "95" and rows["Nur Otan"]["difference"] == "-3"
    bad = tmp_path / "x.xls"
    code = main(["elections", "export", "majilis-2007", "--format", "xls", "-o", str(bad)])
    assert code == exit_codes.BAD_INPUT and not bad.exists()
    assert "--format" in capsys.readouterr().err


def test_rerun_reports_disproportionality(capsys: pytest.CaptureFixture[str]) -> None:
    main(["elections", "rerun", "majilis-2007", "--under", "2012-01-15", "--json"])
    data = json.loads(capsys.readouterr().out)
    votes = {p["party"]: p["votes"] for p in data["parties"]}
    seats = data["seats"]
    v, s = sum(votes.values()), sum(seats.values())
    squares = sum((100 * votes[p] / v - 100 * seats.get(p, 0) / s) ** 2 for p in votes)
    assert data["indices"]["gallagher"] == pytest.approx(math.sqrt(squares / 2), abs=1e-4)
    assert data["indices"]["enp_seats"] == pytest.approx(
        1 / sum((n / s) ** 2 for n in seats.values() if n), abs=1e-4)


def test_official_api() -> None:
    from kazpolity.server import create_app

    with TestClient(create_app()) as client:
        listing = client.get("/api/v1/official")
        assert listing.status_code == 200
        assert {"id": "majilis-2023", "body": "majilis", "date": "2023-03-19",
                "url": "/api/v1/official/majilis-2023"} in listing.json()
        one = client.get("/api/v1/official/majilis-2023").json()
        assert one["reproduction"]["status"] == "match" and one["indices"]["gallagher"] > 0
        table = client.get("/api/v1/official/majilis-2023", params={"format": "csv"})
        assert table.headers["content-type"].startswith("text/csv")
        assert table.text.splitlines()[0].startswith("election_id,date,body,name")
        rerun = client.get("/api/v1/official/majilis-2007/rerun",
                           params={"under": "2012-01-15", "format": "csv"})
        assert "Nur Otan" in rerun.text
        assert client.get("/api/v1/official/majilis-2030").status_code == 404
        assert client.get("/api/v1/official", params={"format": "xls"}).status_code in (400, 422)


def test_python_api_takes_dates_and_iso_strings() -> None:
    from kazpolity import allocate, official_election, rerun, rules_at

    assert rules_at("2023-03-19").int_("majilis.seats_list") == rules_at(
        date(2023, 3, 19)).int_("majilis.seats_list") == 69
    with pytest.raises(InputError) as caught:
        rules_at(20230319)  # type: ignore[arg-type]
    assert caught.value.field == "on"
    result = rerun(official_election("majilis-2007"), "2012-01-15")
    assert result.difference is not None and result.difference["Nur Otan"] == -3
    seats = allocate({"A": 600, "B": 300, "Против всех": 100}, 3, "dhondt").seats
    assert seats == {"A": 2, "B": 1}
