"""Detectors on synthetic elections with known falsification: recovery of injected rates and
false-positive rates on clean elections, measured over many simulated elections.

Sizes are chosen so the statistics still hold while the file runs in well under a minute:
elections of 3,000-8,000 precincts, 200-300 null replicates. Tolerances are stated per test.
"""

from __future__ import annotations

import numpy as np
import pytest

from kazpolity.forensics.consistency import ParentTotals, children_vs_parents
from kazpolity.forensics.digits import share_counts_05
from kazpolity.forensics.integer_percent import integer_percent_test
from kazpolity.forensics.klimek import klimek_fit
from kazpolity.forensics.shpilkin import shpilkin_estimate
from kazpolity.simulate.election import ElectionSpec, generate_election
from kazpolity.simulate.falsify import (
    FABRICATED_DIGIT_WEIGHTS,
    commission_protocols,
    fabricate_digits,
    rewrite_commission_protocols,
    round_to_integer_percent,
    stuff_ballots,
)
from kazpolity.simulate.sweep import SweepTask, power_grid, run_sweep

SPEC = ElectionSpec(n_regions=8, precincts_per_region=500)
SMALL = ElectionSpec(n_regions=4, precincts_per_region=250)


BIG = ElectionSpec(n_regions=8, precincts_per_region=500, register_median=3000)


@pytest.mark.parametrize("rate", [0.02, 0.05, 0.10])
def test_integer_test_recovers_rounding_rate(rate: float) -> None:
    """Recovered share = excess / (included x (1 - mean chance probability)); the truth is
    the share of precincts that the falsifier really brought to a whole percent (larger
    precincts, ~1,600 ballots, so that nearly every attempt can). Tolerance: 4 null SDs
    divided by the number of included precincts (about +-0.02 here)."""
    for seed in range(3):
        rng = np.random.default_rng(100 + seed)
        e = round_to_integer_percent(generate_election(BIG, rng), rate, rng)
        res = integer_percent_test(e.table(), replicates=200, seed=seed)
        p_bar = res.expected_any / res.n_included
        recovered = res.excess_any / (res.n_included * (1 - p_bar))
        truth = int(e.truth["rounded_to_integer"]) / res.n_included  # type: ignore[call-overload]
        assert truth > 0.8 * rate
        tol = 4 * res.null_sd / res.n_included
        assert abs(recovered - truth) < tol, (recovered, truth, tol)


def test_digit_share_recovers_fabrication_rate() -> None:
    """Fabricated share = (C05s - 0.2) / (q - 0.2), q = 0/5 share of invented digits.
    Tolerance +-0.04 (the SE of C05s over ~16,000 counts is ~0.003, divided by q - 0.2)."""
    q = float((FABRICATED_DIGIT_WEIGHTS[0] + FABRICATED_DIGIT_WEIGHTS[5])
              / FABRICATED_DIGIT_WEIGHTS.sum())
    for rate in (0.0, 0.1, 0.3):
        rng = np.random.default_rng(7)
        e = fabricate_digits(generate_election(SPEC, rng), rate, rng)
        counts = e.votes.ravel()
        counts = counts[counts >= 10]
        recovered = (share_counts_05(counts) - 0.2) / (q - 0.2)
        assert abs(recovered - rate) < 0.04, (recovered, rate)


@pytest.mark.parametrize(("f_i", "f_e"), [(0.0, 0.0), (0.1, 0.02), (0.2, 0.05)])
def test_klimek_fit_recovers_extreme_fraction(f_i: float, f_e: float) -> None:
    """f_e is recovered within +-0.01 (absolute). f_i is identified only with the clean model
    the generator assumes (regional centres, logit scale) and theta known (f_i trades off
    against theta): then it lies within [-0.05, +0.15] of the truth (measured errors over 15
    elections: 0.00 to +0.14; see tests/forensics/test_klimek_fit.py)."""
    rng = np.random.default_rng(11)
    e = stuff_ballots(generate_election(SPEC, rng), f_i, f_e, rng, alpha=2.0, theta=0.15)
    fit = klimek_fit(e.table(), repeats=2, seed=1)
    assert abs(fit.f_extreme - f_e) < 0.01, fit
    known = klimek_fit(e.table(), repeats=2, seed=1, thetas=(0.15,), by_region=True,
                       clean_scale="logit")
    assert abs(known.f_extreme - f_e) < 0.01, known
    assert -0.05 < known.f_incremental - f_i < 0.15, known


def test_shpilkin_range_covers_stuffed_votes() -> None:
    """Incremental stuffing with negligible stealing (alpha = 10): the true anomalous leader
    votes lie within the reported range widened by 15% of the truth."""
    rng = np.random.default_rng(3)
    e0 = generate_election(SPEC, rng)
    e = stuff_ballots(e0, 0.3, 0.02, rng, alpha=10.0, theta=0.2)
    truth = int(e.votes[:, 0].sum() - e0.votes[:, 0].sum())
    est = shpilkin_estimate(e.table())
    assert est.low - 0.15 * truth <= truth <= est.high + 0.15 * truth, (est.low, est.high, truth)
    clean = shpilkin_estimate(e0.table())
    assert abs(clean.central) < 0.03 * clean.official_leader


def test_consistency_finds_exactly_the_rewritten_commissions() -> None:
    rng = np.random.default_rng(5)
    e = generate_election(SMALL, rng)
    rw = rewrite_commission_protocols(commission_protocols(e), 0.2, 0.1, rng)
    totals = ParentTotals(rw.commission, {"leader": rw.votes[:, 0], "P1": rw.votes[:, 1]})
    found = children_vs_parents(e.table(), "commission", totals)
    flagged = {r.unit for r in found if r.field == "leader"}
    assert flagged == {str(c) for c in rw.commission[rw.rewritten]}
    expected = rw.votes[rw.rewritten, 0] - commission_protocols(e).votes[rw.rewritten, 0]
    assert sorted(r.residual for r in found if r.field == "leader") == sorted(expected.tolist())


def test_false_positive_rates_on_clean_elections_via_dask() -> None:
    """200 clean elections on a 2-worker LocalCluster: the share with p <= 0.05 must lie in
    the binomial 99.9% interval around 0.05 for 200 trials, [0.01, 0.10]."""
    tasks = [SweepTask(SMALL, "none", 0.0, seed, replicates=200) for seed in range(200)]
    out = run_sweep(tasks, n_workers=2, processes=False)
    assert [o.task.seed for o in out] == list(range(200))
    fpr_integer = np.mean([o.integer_p_value <= 0.05 for o in out])
    fpr_digits = np.mean([o.last_digit_p_value <= 0.05 for o in out])
    assert 0.01 <= fpr_integer <= 0.10, fpr_integer
    assert 0.01 <= fpr_digits <= 0.10, fpr_digits


def test_power_grid_increases_with_rate() -> None:
    tasks = power_grid(SMALL, "rounding", [0.0, 0.03, 0.08], elections=6, replicates=200)
    out = run_sweep(tasks, n_workers=2, processes=False)
    power = [np.mean([o.integer_p_value <= 0.05 for o in out if o.task.rate == r])
             for r in (0.0, 0.03, 0.08)]
    assert power[2] == 1.0 and power[0] <= 0.5 and power[1] >= power[0]


def test_switching_power_grid_on_dask() -> None:
    """The switching mixture through the same sweep API: rejects at p <= 0.05 (19 bootstrap
    replicates, smallest p 1/20) in every election with 20% of precincts switched (40% of
    opposition votes), with the estimated share within 0.08 of the injected one."""
    tasks = power_grid(SMALL, "switching", [0.0, 0.2], elections=4, replicates=50,
                       switching_replicates=19)
    out = run_sweep(tasks, n_workers=2, processes=False)
    switched = [o for o in out if o.task.rate == 0.2]
    clean = [o for o in out if o.task.rate == 0.0]
    assert all(o.switching_p_value is not None and o.switching_p_value <= 0.05
               for o in switched)
    assert all(o.switching_share is not None and abs(o.switching_share - 0.2) < 0.08
               for o in switched)
    assert sum(o.switching_p_value is not None and o.switching_p_value <= 0.05
               for o in clean) <= 2
