"""The ``forensics`` CLI face: JSON output, figures, the HTML report, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kazpolity.cli.app import main
from kazpolity.simulate.election import ElectionSpec, generate_election

ALBANIA = (
    Path(__file__).resolve().parents[1] / "data" / "forensics" / "albania_2013_parliament.csv.zip"
)


@pytest.fixture(scope="module")
def small_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    e = generate_election(ElectionSpec(n_regions=3, precincts_per_region=200), seed=1)
    frame = pd.DataFrame({
        "Избиратели": e.registered, "Выдано утром": e.issued // 2,
        "Выдано днём": e.issued - e.issued // 2, "Действительные": e.valid,
        "Недействительные": e.invalid, "Лидер": e.votes[:, 0], "Другой": e.votes[:, 1],
        "Регион": e.region, "Комиссия": e.commission,
    })
    path = tmp_path_factory.mktemp("cli") / "выборы.csv"
    frame.to_csv(path, index=False)
    return path


MAP = ["--map", "registered=Избиратели", "--map", "issued=Выдано утром+Выдано днём",
       "--map", "valid=Действительные", "--map", "invalid=Недействительные",
       "--map", "leader=Лидер", "--map", "party:other=Другой", "--map", "region=Регион"]


def test_integer_percent_json(small_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["forensics", "integer-percent", str(small_csv), *MAP, "--json",
                 "--replicates", "100", "--seed", "3"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    for key in ("excess_any", "excess_turnout", "excess_leader", "null_sd", "band_999",
                "n_included"):
        assert key in out
    assert out["replicates"] == 100 and out["seed"] == 3


def test_parquet_and_figures(small_csv: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    pq = tmp_path / "e.parquet"
    pd.read_csv(small_csv).to_parquet(pq)
    stem = tmp_path / "fig" / "fp"
    assert main(["forensics", "fingerprint", str(pq), *MAP, "-o", str(stem)]) == 0
    assert stem.with_suffix(".png").stat().st_size > 1000
    assert stem.with_suffix(".svg").read_text().lstrip().startswith("<?xml")
    assert main(["forensics", "digits", str(pq), *MAP, "--by", "region", "--replicates", "50",
                 "-o", str(tmp_path / "digits")]) == 0
    assert (tmp_path / "digits.png").exists()
    assert main(["forensics", "integer-percent", str(pq), *MAP, "--replicates", "50",
                 "-o", str(tmp_path / "int")]) == 0
    assert (tmp_path / "int.svg").exists()
    capsys.readouterr()


def test_report_html_is_self_contained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html_path = tmp_path / "report.html"
    code = main(["forensics", "report", str(ALBANIA), "--map", "leader=C050", "--map",
                 "party:C035=C035", "--by", "region", "--replicates", "100",
                 "--html", str(html_path)])
    out = capsys.readouterr().out
    assert code == 0
    page = html_path.read_text(encoding="utf-8")
    assert "<svg" in page and "data:image/png;base64," in page
    assert "src='http" not in page and 'src="http' not in page and "<link" not in page
    assert "fraud" not in page.lower() and "fraud" not in out.lower()


def test_all_commands_avoid_verdicts(small_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for cmd in ("shpilkin", "klimek-fit", "consistency", "fingerprint"):
        extra = ["--replicates", "1"] if cmd == "klimek-fit" else []
        assert main(["forensics", cmd, str(small_csv), *MAP, *extra]) == 0
        assert main(["forensics", cmd, str(small_csv), *MAP, *extra, "--json"]) == 0
    assert "fraud" not in capsys.readouterr().out.lower()


def _one_line_error(capsys: pytest.CaptureFixture[str], code: int, field: str) -> None:
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.count("\n") == 0 and err.startswith("error:") and field in err
    assert "Traceback" not in err


def test_missing_mapped_column(small_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["forensics", "integer-percent", str(small_csv), *MAP, "--map", "leader=Нет"])
    _one_line_error(capsys, code, "leader")


def test_unknown_role(small_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["forensics", "integer-percent", str(small_csv), "--map", "winner=Лидер"])
    _one_line_error(capsys, code, "unknown role")


def test_negative_counts_are_findings_unless_strict(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "neg.csv"
    p.write_text("reg,ballots,leader\n500,300,100\n400,-2,1\n450,200,90\n")
    capsys.readouterr()
    assert main(["forensics", "consistency", str(p), "--map", "registered=reg", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["excluded_inconsistent"] == 1 and out["rows_used"] == 2
    found = {(r["field"], r["reported"], r["expected"]) for r in out["residuals"]}
    assert found == {("ballots", -2, 0), ("leader", 1, -2)}  # negative; leader above ballots
    code = main(["forensics", "digits", str(p), "--map", "registered=reg", "--strict"])
    _one_line_error(capsys, code, "ballots")


def test_ballots_above_registered_unless_strict(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "over.csv"
    p.write_text("reg,ballots,leader\n500,300,100\n400,401,1\n")
    code = main(["forensics", "integer-percent", str(p), "--map", "registered=reg", "--strict"])
    _one_line_error(capsys, code, "ballots")
    assert main(["forensics", "consistency", str(p), "--map", "registered=reg"]) == 0
    out = capsys.readouterr().out
    assert "ballots <= registered: 1 of 2 precincts break it" in out
    assert "1 inconsistent" in out


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "empty.csv"
    p.write_text("")
    code = main(["forensics", "integer-percent", str(p), "--map", "registered=reg"])
    _one_line_error(capsys, code, "file")
    p.write_text("reg,ballots\n")
    code = main(["forensics", "integer-percent", str(p), "--map", "registered=reg"])
    _one_line_error(capsys, code, "file")


def test_input_error_from_api() -> None:
    from kazpolity.errors import InputError
    from kazpolity.forensics.table import PrecinctTable

    with pytest.raises(InputError) as bad:
        PrecinctTable.build({"registered": np.array([10, 20]), "issued": np.array([5, 21])})
    assert bad.value.field == "issued"


def test_klimek_fit_options(small_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["forensics", "klimek-fit", str(small_csv), *MAP, "--replicates", "1",
                 "--by-region", "--clean-scale", "logit", "--theta", "0.15", "--json"]) == 0
    fit = json.loads(capsys.readouterr().out)
    assert fit["by_region"] is True and fit["clean_scale"] == "logit"
    assert fit["theta"] == pytest.approx(0.15)
    _one_line_error(capsys, main(["forensics", "klimek-fit", str(small_csv), *MAP,
                                  "--theta", "1.5"]), "--theta")
    _one_line_error(capsys, main(["forensics", "klimek-fit", str(small_csv), *MAP,
                                  "--clean-scale", "cubic"]), "clean_scale")


def test_figures_on_every_method_and_by_region(small_csv: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    for cmd, extra in (("klimek-fit", ["--replicates", "1"]), ("shpilkin", []),
                       ("switching", ["--replicates", "0"]), ("consistency", [])):
        stem = tmp_path / cmd
        assert main(["forensics", cmd, str(small_csv), *MAP, *extra, "-o", str(stem)]) == 0
        assert stem.with_suffix(".png").stat().st_size > 1000, cmd
        assert stem.with_suffix(".svg").exists(), cmd
    capsys.readouterr()
    assert main(["forensics", "shpilkin", str(small_csv), *MAP, "--by", "region",
                 "--json"]) == 0
    by = json.loads(capsys.readouterr().out)["by"]
    assert [b["stratum"] for b in by] == ["R01", "R02", "R03"]
    assert main(["forensics", "integer-percent", str(small_csv), *MAP, "--by", "region",
                 "--replicates", "50", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert sum(b["n_included"] for b in out["by"]) == out["n_included"]
    assert main(["forensics", "fingerprint", str(small_csv), *MAP, "--by", "region",
                 "--bins", "20", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [b["stratum"] for b in out["by"]] == ["R01", "R02", "R03"]
    assert np.array_equal(sum(np.array(b["counts"]) for b in out["by"]), out["counts"])
    assert main(["forensics", "fingerprint", str(small_csv), *MAP, "--by", "region"]) == 0
    assert "R02: 200 precincts" in capsys.readouterr().out


def test_panel_of_russian_elections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The integer-percent excess of 2011 and 2018 across two files: the published 1003.5
    and 1708.8 (Kobak et al.; dkobak/elections), within 3 null SDs (about 115 each)."""
    data = Path(__file__).resolve().parents[1] / "data" / "forensics"
    capsys.readouterr()
    assert main(["forensics", "panel", str(data / "ru_duma_2011.csv.zip"),
                 str(data / "ru_president_2018.csv.zip"), "--label", "2011", "--label", "2018",
                 "--leader", '6. Всероссийская политическая партия "ЕДИНАЯ РОССИЯ"',
                 "--leader", "Путин Владимир Владимирович", "--json",
                 "-o", str(tmp_path / "panel")]) == 0
    points = json.loads(capsys.readouterr().out)["points"]
    assert [p["label"] for p in points] == ["2011", "2018"]
    assert abs(points[0]["value"] - 1003.5) < 3 * 115
    assert abs(points[1]["value"] - 1708.8) < 3 * 117
    assert (tmp_path / "panel.png").exists()
    code = main(["forensics", "panel", str(data / "ru_duma_2011.csv.zip"), "--label", "a",
                 "--label", "b"])
    assert code == 2 and "--label" in capsys.readouterr().err


def test_report_without_the_switching_bootstrap(small_csv: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["forensics", "report", str(small_csv), *MAP, "--replicates", "50",
                 "--switching-replicates", "0", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["switching"]["p_value"] is None and out["switching"]["replicates"] == 0
    family = next(f for f in out["flag_families"] if f["code"] == "switching")
    assert family["flagged"] == 0  # untested: no per-precinct flags
    assert any("n/a (no bootstrap)" in line["text"] for line in out["summary"])
    code = main(["forensics", "report", str(small_csv), *MAP, "--switching-replicates", "-1"])
    _one_line_error(capsys, code, "--switching-replicates")


def test_klimek_fit_interval_in_json_and_text(small_csv: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """``klimek-fit`` prints the bootstrap intervals beside the estimates (text and JSON) and
    refuses too few interval replicates with exit 2 naming the option."""
    args = ["forensics", "klimek-fit", str(small_csv), *MAP, "--replicates", "1", "--theta",
            "0.15", "--interval-replicates", "39"]
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    lo, hi = out["f_extreme_ci95"]
    assert 0 <= lo <= hi <= 1 and out["interval_replicates"] == 39 and out["converged"]
    assert main(args) == 0
    assert "95% intervals: f_i [" in capsys.readouterr().out
    assert main([*args[:-1], "10"]) == 2
    assert "interval_replicates" in capsys.readouterr().err
