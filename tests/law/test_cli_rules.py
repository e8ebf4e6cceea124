"""``kazpolity rules`` through the real entry point: output, exit codes, one-line errors."""

from __future__ import annotations

import json

import pytest

from kazpolity.cli.app import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_json_2011(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "rules", "show", "--on", "2011-04-03", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["majilis"]["seats_total"]["value"] == 107
    assert data["senate"]["seats_elected"]["value"] == 32
    assert data["legislature"]["chambers"]["value"] == ["majilis", "senate"]
    assert data["kurultai"] is None
    assert data["president"]["term_years"]["value"] == 5
    assert data["president"]["max_consecutive_terms"]["value"] == 2
    assert data["regions"]["count"]["value"] == 16
    for body in data.values():
        if isinstance(body, dict):
            for leaf in body.values():
                assert leaf["source"] and isinstance(leaf["unverified"], bool)


def test_show_json_2026(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "show", "--on", "2026-11-22", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["legislature"]["chambers"]["value"] == ["kurultai"]
    assert data["kurultai"]["seats_total"]["value"] == 145
    assert data["majilis"] is None and data["senate"] is None
    assert data["president"]["single_term"]["value"] is True


def test_show_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "show", "--on", "1999-10-10")
    assert code == 0
    assert "Rules in force on 10 October 1999" in out and "seats_total" in out and "77" in out
    assert "Not in existence on this date: kurultai" in out


def test_diff_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "diff", "2022-01-01", "2023-01-01", "--json")
    data = json.loads(out)
    assert code == 0
    keys = {change["key"] for change in data["changes"]}
    assert {"majilis.seats_total", "senate.seats_appointed", "president.single_term"} <= keys
    code, out, _ = run(capsys, "rules", "explain", "majilis.threshold_percent", "--on",
                       "2023-03-19", "--json")
    data = json.loads(out)
    assert code == 0 and data["value"] == 5 and data["from"] == "2021-05-25"
    assert [item["value"] for item in data["history"]] == [None, None, 7, 5]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("rules", "show", "--on", "2011-13-01"), "--on"),
        (("rules", "show", "--on", "1995-08-29"), "1995-08-30"),
        (("rules", "show", "--on", "2031-01-01"), "last day"),
        (("rules", "explain", "majilis.nope"), "unknown rule"),
        (("rules", "explain", "kurultai.seats_total", "--on", "2011-04-03"), "does not exist"),
        (("rules", "diff", "2011-01-01", "yesterday"), "D2"),
        (("rules", "show", "--bogus"), "--bogus"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                          args: tuple[str, ...], needle: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0]
    assert "Traceback" not in err


def test_unverified_lists_every_flagged_value(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "unverified", "--json")
    rows = json.loads(out)
    assert code == 0
    keys = {row["key"] for row in rows}
    assert {"courts.supreme_court_judges", "senate.residency_years_in_unit"} <= keys
    # settled from the Election Law's 1999, 2009 and 2026 wordings (issue 12)
    assert not {"majilis.second_party_min_seats", "majilis.threshold_base",
                "voter_lists.compiled_by", "kurultai.second_party_guarantee",
                "kurultai.list_method", "kurultai.threshold_base"} & keys
    assert all(row["unverified"] and row.get("note") for row in rows)
