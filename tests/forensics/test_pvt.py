"""Parallel vote tabulation: sample size by hand, the ratio estimator against a hand-worked
stratified sample, and validation on synthetic elections with known truth.

Validation here uses 200 elections of 2,400 precincts (a few seconds); the benchmark
``bench/bench_forensics_validation.py`` runs 500. With 200 trials, a coverage below 0.91 or
above 0.99 (outside +-2.6 binomial SEs of 0.95) fails; the 2-point manipulation must be
detected in at least 85% of trials (measured: 98% at ~510 sampled precincts)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kazpolity.cli.app import main
from kazpolity.errors import InputError
from kazpolity.forensics.pvt import draw_sample, pvt_estimate, sample_size, stratified_ratio
from kazpolity.forensics.table import PrecinctTable
from kazpolity.simulate.election import ElectionSpec, generate_election
from kazpolity.simulate.pvt_check import pvt_trials, run_pvt_trial


def test_sample_size_by_hand() -> None:
    # z = 1.959964, S = 0.1, E = 0.01: m0 = 384.15; M = 5,000: m = 384.15 / 1.07683 = 356.74
    assert sample_size(0.01, 0.95, 0.1, 5000) == pytest.approx(356.74, abs=0.01)
    with pytest.raises(InputError, match="--margin"):
        sample_size(0.7, 0.95, 0.1, 5000)


def test_stratified_ratio_by_hand() -> None:
    """Two strata of 10 precincts, 2 sampled in each. Stratum A: (y, x) = (30, 100),
    (50, 100); B: (20, 50), (10, 50). R = (10*40 + 10*15) / (10*100 + 10*50) = 550/1500;
    residuals e = y - R x: A: -6.667, 13.333 (variance 200); B: 1.667, -8.333 (variance 50);
    V = [100 * 0.8 * 200 / 2 + 100 * 0.8 * 50 / 2] / 1500^2 = 10000 / 2.25e6."""
    y = np.array([30.0, 50.0, 20.0, 10.0])
    x = np.array([100.0, 100.0, 50.0, 50.0])
    r, se, lo, hi = stratified_ratio(y, x, np.array([0, 0, 1, 1]), np.array([10, 10]))
    assert r == pytest.approx(550 / 1500)
    assert se == pytest.approx(np.sqrt(10000 / 2.25e6))
    assert lo == pytest.approx(r - 1.959964 * se, abs=1e-6) and hi > r


def test_sample_is_stratified_seeded_and_sized() -> None:
    table = generate_election(ElectionSpec(n_regions=5, precincts_per_region=400), 3).table()
    a = draw_sample(table, 0.02, seed=7)
    b = draw_sample(table, 0.02, seed=7)
    assert np.array_equal(a.rows, b.rows) and a.seed == 7
    assert not np.array_equal(a.rows, draw_sample(table, 0.02, seed=8).rows)
    assert a.size >= a.size_unrounded and set(a.strata) == {f"R0{i}" for i in range(1, 6)}
    assert all(n >= 2 for _, n in a.strata.values())


def test_coverage_and_power_on_synthetic_elections() -> None:
    outcomes = [run_pvt_trial(t) for t in pvt_trials(
        ElectionSpec(n_regions=8, precincts_per_region=300), 200, seed=100)]
    coverage = float(np.mean([o.covered for o in outcomes]))
    power = float(np.mean([o.detected for o in outcomes]))
    bias = float(np.mean([o.estimate - o.truth for o in outcomes]))
    print(f"PVT: coverage {coverage:.3f}, power {power:.3f}, bias {bias:+.5f}")
    assert 0.91 <= coverage <= 0.99
    assert power >= 0.85
    assert abs(bias) < 0.002


def test_unknown_precinct_is_refused() -> None:
    table = generate_election(ElectionSpec(n_regions=2, precincts_per_region=50), 1).table()
    assert table.precinct is not None
    sample = PrecinctTable.build(
        {"registered": [100, 100], "valid": [50, 60], "leader": [20, 30]},
        {"precinct": ["nope", table.precinct[0]]})
    with pytest.raises(InputError, match="not in the frame"):
        pvt_estimate(table, sample)


def test_cli_sample_then_estimate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    e = generate_election(ElectionSpec(n_regions=4, precincts_per_region=250), 5)
    frame = pd.DataFrame({"id": [f"P{i}" for i in range(e.registered.size)],
                          "region": e.region, "registered": e.registered,
                          "valid": e.valid, "leader": e.votes[:, 0], "issued": e.issued})
    official = tmp_path / "official.csv"
    frame.to_csv(official, index=False)
    sample_out = tmp_path / "sample.csv"
    maps = ["--map", "precinct=id"]
    capsys.readouterr()
    assert main(["forensics", "pvt", "sample", str(official), *maps, "--margin", "0.02",
                 "--seed", "4", "-o", str(sample_out), "--json"]) == 0
    design = json.loads(capsys.readouterr().out)
    picked = pd.read_csv(sample_out)
    assert design["seed"] == 4 and len(picked) == design["size"]
    protocols = frame[frame["id"].isin(picked["precinct"])]
    copies = tmp_path / "copies.csv"
    protocols.to_csv(copies, index=False)
    assert main(["forensics", "pvt", "estimate", str(official), "--sample", str(copies),
                 *maps, "--json"]) == 0
    est = json.loads(capsys.readouterr().out)
    share = est["leader_share"]
    assert share["ci95"][0] <= share["official"] <= share["ci95"][1]
    assert est["turnout"]["official"] == pytest.approx(e.issued.sum() / e.registered.sum())
    assert main(["forensics", "pvt", "estimate", str(official), "--sample", str(copies),
                 *maps]) == 0
    assert "Leader share of valid votes" in capsys.readouterr().out
