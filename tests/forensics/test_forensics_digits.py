"""EFT battery against the toolkit's published Albania 2013 table and hand computations;
Beber & Scacco tests on hand-made counts."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from kazpolity.forensics.digits import (
    BENFORD_2BL_MEAN,
    digit_pair_tests,
    eft_battery,
    kurtosis,
    last_digit_chi2,
    mean_last_digit,
    mean_second_digit,
    second_digit,
    share_counts_05,
    share_percent_05,
    skewness,
)
from kazpolity.forensics.table import PrecinctTable


def test_albania_turnout_rows_match_toolkit(albania: PrecinctTable) -> None:
    rows = eft_battery(albania, by="region", methods=("_2BL", "LastC", "P05s", "C05s", "Skew",
                                                      "Kurt"), replicates=50)
    turnout = {r.level: r for r in rows if r.series == "Turnout"}
    berat = turnout["BERAT"]
    got = {m: round(berat.estimates[m].value, 3) for m in ("_2BL", "P05s", "C05s", "Skew",
                                                            "Kurt")}
    assert got == {"_2BL": 4.244, "P05s": 0.197, "C05s": 0.217, "Skew": 0.261, "Kurt": 3.474}
    assert berat.n == 300
    assert round(turnout["FIER"].estimates["_2BL"].value, 3) == 4.373
    assert turnout["FIER"].n == 558
    # the Toolkit's table counts 5,508 rows; two precincts (DURRES 13661, ELBASAN 2284) have
    # more votes for C035 + C050 than ballots in the boxes: consistency findings, left out
    assert sum(r.n for r in turnout.values()) == 5508 - 2


def test_bootstrap_interval_brackets_estimate(albania: PrecinctTable) -> None:
    rows = eft_battery(albania, methods=("_2BL", "C05s"), replicates=300, seed=3)
    for r in rows:
        for est in r.estimates.values():
            assert est.ci_low < est.value < est.ci_high


def test_benford_second_digit_mean() -> None:
    assert round(BENFORD_2BL_MEAN, 3) == 4.187


def test_digit_hand_cases() -> None:
    counts = np.array([5, 10, 123, 1000, 9876, 45])
    d2 = second_digit(counts)
    assert np.isnan(d2[0]) and d2[1:].tolist() == [0, 2, 0, 8, 5]
    assert mean_second_digit(counts) == pytest.approx((0 + 2 + 0 + 8 + 5) / 5)
    assert mean_last_digit(counts) == pytest.approx((5 + 0 + 3 + 0 + 6 + 5) / 6)
    assert share_counts_05(counts) == pytest.approx(4 / 6)
    # 12.5 -> 12 and 37.5 -> 38 (half to even, as R); 50 -> 50; 100 -> 100; NaN dropped
    shares = np.array([0.125, 0.375, 0.5, 1.0, np.nan])
    assert share_percent_05(shares) == pytest.approx(2 / 4)


def test_moments_match_scipy() -> None:
    x = np.random.default_rng(0).gamma(2.0, size=500)
    assert skewness(x) == pytest.approx(stats.skew(x))
    assert kurtosis(x) == pytest.approx(stats.kurtosis(x, fisher=False))


def test_beber_scacco_hand_cases() -> None:
    counts = np.array([12, 23, 33, 45, 7])
    rep, adj = digit_pair_tests(counts)
    assert rep.n == 4 and rep.statistic == pytest.approx(0.25)
    assert adj.statistic == pytest.approx(0.75)
    uniform = np.arange(10, 110)  # every last digit 10 times
    ld = last_digit_chi2(uniform)
    assert ld.statistic == 0.0 and ld.p_value == pytest.approx(1.0)
    skewed = np.array([20, 30, 40, 50, 60, 70, 80, 90, 100, 11] * 10)
    assert last_digit_chi2(skewed).p_value < 1e-10


def test_bootstrap_matches_literal_resampling() -> None:
    """The category-count (multinomial) bootstrap of the digit statistics and the chunked
    power-sum bootstrap of the moments against literal resampling of precincts: bootstrap
    SDs agree within 10% (4,000 replicates each; the SD of an SD estimate is ~1.1%)."""
    from kazpolity.forensics.digits import _bootstrap

    rng = np.random.default_rng(11)
    counts = rng.integers(5, 900, size=400)
    share = np.where(rng.random(400) < 0.05, np.nan, rng.beta(2, 5, size=400))
    methods = ("_2BL", "LastC", "P05s", "C05s", "Skew", "Kurt")
    fast = _bootstrap(counts, share, methods, 4000, np.random.default_rng(1))
    idx = np.random.default_rng(2).integers(0, 400, size=(4000, 400))
    literal = np.array([[{"_2BL": lambda c, s: mean_second_digit(c),
                          "LastC": lambda c, s: mean_last_digit(c),
                          "P05s": lambda c, s: share_percent_05(s),
                          "C05s": lambda c, s: share_counts_05(c),
                          "Skew": lambda c, s: skewness(s),
                          "Kurt": lambda c, s: kurtosis(s)}[m](counts[i], share[i])
                         for m in methods] for i in idx])
    for j, m in enumerate(methods):
        assert np.nanmean(fast[:, j]) == pytest.approx(np.nanmean(literal[:, j]), abs=0.02 * (
            1 + abs(np.nanmean(literal[:, j])))), m
        assert np.nanstd(fast[:, j]) == pytest.approx(np.nanstd(literal[:, j]), rel=0.1), m
