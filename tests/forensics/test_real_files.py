"""Published files as they are (issue 15, items 1-3): incomplete rows, inconsistent rows as
findings, every relation checked listed with its precinct count, findings ranked with a
multiple-testing correction. Figures from the files themselves: Albania 2013 has 2 rows with
an empty party cell (C011 row 855, C067) and 14 precincts whose party votes add up to more
than the ballots in the boxes; Russia 2011 has 18 precincts with more ballots in the boxes
than ballots issued."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kazpolity.cli.app import main
from kazpolity.errors import InputError
from kazpolity.forensics.flags import benjamini_hochberg
from kazpolity.forensics.loaders import load_intake
from kazpolity.forensics.table import ColumnMap, PrecinctTable

DATA = Path(__file__).resolve().parents[1] / "data" / "forensics"
ALBANIA = DATA / "albania_2013_parliament.csv.zip"
ALBANIA_MAP = ["registered=Registered", "ballots=Ballots", "leader=C050", "party:*=C0*",
               "region=Prefectures"]


def test_incomplete_rows_refused_with_count_and_flag() -> None:
    with pytest.raises(InputError) as err:
        load_intake(ALBANIA, ColumnMap.parse(ALBANIA_MAP))
    assert "2 row(s) have a missing value" in str(err.value)
    assert "--skip-incomplete" in str(err.value) and "row 855" in str(err.value)


def test_albania_party_votes_above_ballots_are_findings() -> None:
    intake = load_intake(ALBANIA, ColumnMap.parse(ALBANIA_MAP), skip_incomplete=True)
    assert intake.skipped_incomplete == 2 and intake.rows_read == 5508
    checks = {c.relation.name: c for c in intake.consistency.checks}
    assert checks["sum(parties) <= valid"].checked == 5506
    assert checks["sum(parties) <= valid"].violations == 14
    assert intake.excluded_inconsistent == 14 and len(intake.table) == 5492
    assert checks["issued <= received"].checked == 0
    assert set(checks["issued <= received"].missing) == {"issued", "received"}
    sizes = [abs(r.residual) for r in intake.consistency.residuals]
    assert sizes == sorted(sizes, reverse=True)
    with pytest.raises(InputError, match="--strict"):
        load_intake(ALBANIA, ColumnMap.parse(ALBANIA_MAP), skip_incomplete=True, strict=True)


def test_cli_reports_skipped_rows_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["forensics", "consistency", str(ALBANIA)]
    for item in ALBANIA_MAP:
        args += ["--map", item]
    capsys.readouterr()
    assert main(args) == 2
    assert "--skip-incomplete" in capsys.readouterr().err
    assert main([*args, "--skip-incomplete", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["skipped_incomplete"] == 2 and out["excluded_inconsistent"] == 14
    # ballots <= registered, leader <= ballots, parties <= ballots (no issued/valid columns)
    assert out["relations_checked"] == 3 and len(out["relations"]) == 8


def test_nothing_checked_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "bare.csv"
    p.write_text("reg,leader\n500,100\n400,90\n")
    assert main(["forensics", "consistency", str(p), "--map", "registered=reg"]) == 0
    assert "No protocol relation could be checked" in capsys.readouterr().out


def test_russia_2011_residuals_come_first(ru2011: PrecinctTable) -> None:
    from kazpolity.forensics.intake import intake_of_table

    found = intake_of_table(ru2011).consistency
    checks = {c.relation.name: c for c in found.checks}
    assert checks["ballots <= issued"].violations == 18
    assert checks["ballots <= issued"].checked == 95_225
    assert checks["issued <= received"].checked == 95_225


def test_benjamini_hochberg_hand_case() -> None:
    # m = 5, q = 0.05: thresholds 0.01, 0.02, 0.03, 0.04, 0.05; the largest k with
    # p_(k) <= k q / m is k = 3 (0.029 <= 0.03), so the three smallest are rejected even
    # though p_(2) = 0.021 > 0.02 (step-up)
    p = np.array([0.029, 0.5, 0.001, 0.021, np.nan, 0.2])
    assert benjamini_hochberg(p).tolist() == [True, False, True, True, False, False]
    assert not benjamini_hochberg(np.array([0.2, 0.3])).any()


def test_integer_flags_at_chance_level_do_not_survive() -> None:
    from kazpolity.forensics.flags import integer_percent_family

    table = load_intake(ALBANIA, ColumnMap.parse(ALBANIA_MAP), skip_incomplete=True).table
    fam = integer_percent_family(table)
    print(f"Albania: {fam.observed} hits, {fam.expected_by_chance:.1f} expected by chance")
    assert fam.observed > 100  # many hits ...
    assert abs(fam.observed - fam.expected_by_chance) < 4 * np.sqrt(fam.expected_by_chance)
    assert fam.flags == ()  # ... all at chance level: none survives the correction


def test_report_puts_residuals_first_and_flags_bounds(tmp_path: Path) -> None:
    """A synthetic election with 3 precincts whose boxes hold more ballots than were issued:
    the summary's first finding is the residuals, the page lists them before the statistical
    flags; a switching fit held at its bound says so."""
    from kazpolity.forensics.report import build_report, summary_lines
    from kazpolity.forensics.report_html import render_html
    from kazpolity.forensics.switching import switching_test
    from kazpolity.simulate.election import ElectionSpec, generate_election
    from kazpolity.simulate.falsify import switch_votes

    rng = np.random.default_rng(8)
    e = generate_election(ElectionSpec(n_regions=3, precincts_per_region=100), rng)
    ballots = e.ballots.copy()
    ballots[[5, 50, 150]] += [9, 4, 1]
    table = PrecinctTable.build(
        {"registered": e.registered, "issued": e.issued, "ballots": ballots,
         "leader": e.votes[:, 0]}, {"region": e.region})
    rep = build_report(table, replicates=50, klimek_repeats=0, switching_replicates=0)
    lines = summary_lines(rep)
    assert lines[1].topic == "consistency" and lines[1].text.startswith("3 protocol residual")
    assert [r.residual for r in rep.consistency.residuals] == [9, 4, 1]
    page = render_html(rep, table, "t")
    assert page.index("id='residuals'") < page.index("Findings 2")
    switched = switch_votes(generate_election(ElectionSpec(n_regions=4, precincts_per_region=
                                                           300), rng), 0.3, 0.4, rng)
    held = switching_test(switched.table(), replicates=0, max_share=0.1)
    assert held.on_bound and "upper bound 0.1" in held.on_bound[0]
    assert held.as_json()["on_bound"] == list(held.on_bound)


def test_consistency_by_region_counts_the_inconsistent_rows(
        capsys: pytest.CaptureFixture[str]) -> None:
    """``consistency --by region``: per prefecture, every relation on its complete rows, the
    14 inconsistent precincts included (they are findings, not dropped); the prefectures'
    counts add up to the national ones."""
    args = ["forensics", "consistency", str(ALBANIA), "--skip-incomplete", "--by", "region"]
    for item in ALBANIA_MAP:
        args += ["--map", item]
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["by"]) == 12
    national = {r["relation"]: r for r in out["relations"]}
    for name in ("sum(parties) <= valid", "ballots <= registered"):
        assert sum(next(r["violations"] for r in b["relations"] if r["relation"] == name)
                   for b in out["by"]) == national[name]["violations"]
        assert sum(next(r["checked"] for r in b["relations"] if r["relation"] == name)
                   for b in out["by"]) == national[name]["checked"] == 5506
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "sum(parties) <= valid" in text and text.count("residual(s);") == 12
