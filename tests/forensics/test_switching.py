"""Switched-votes mixture: recovery of injected switching, false-positive rate on clean
elections, behaviour under ballot stuffing, a hand-checked likelihood, bad input and the CLI.

Sizes: recovery on 1,200-precinct elections (no bootstrap); test level on 300-precinct
elections with 19 bootstrap replicates each (a Monte Carlo test of exact size 1/20 when the
null is simple). Tolerances are stated per test.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from kazpolity.cli.app import main
from kazpolity.errors import InputError
from kazpolity.forensics.switching import (
    MAX_FRACTION,
    select_inputs,
    switching_test,
)
from kazpolity.forensics.switching_flags import switching_flags
from kazpolity.forensics.table import PrecinctTable
from kazpolity.simulate.election import ElectionSpec, generate_election
from kazpolity.simulate.falsify import stuff_ballots, switch_votes

RECOVERY = ElectionSpec(n_regions=4, precincts_per_region=300)
SMALL = ElectionSpec(n_regions=3, precincts_per_region=100)
ELECTIONS = 10


def _recover(share: float, fraction: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    pi_err, s_err, votes_rel = [], [], []
    for rep in range(ELECTIONS):
        rng = np.random.default_rng(1000 + rep)
        e = switch_votes(generate_election(RECOVERY, rng), share, fraction, rng)
        res = switching_test(e.table(), replicates=0)
        assert e.tampered is not None
        pi_err.append(res.share_switched - float(e.tampered.mean()))
        s_err.append(res.fraction - fraction)
        votes_rel.append(res.switched_votes / int(e.truth["switched_votes"]) - 1)  # type: ignore[call-overload]
    return np.array(pi_err), np.array(s_err), np.array(votes_rel)


@pytest.mark.parametrize("share", [0.05, 0.1, 0.2])
def test_recovers_strong_switching(share: float) -> None:
    """fraction 0.4 (logit shift ~0.85, about two SDs of clean precinct support): in every one
    of 10 elections |pi error| <= 0.05 and |s error| <= 0.08; mean relative error of the
    switched-vote total within 0.10 (measured: max |pi err| 0.025-0.037, max |s err|
    0.024-0.057, mean relative vote error ~0.04)."""
    pi_err, s_err, votes_rel = _recover(share, 0.4)
    assert np.max(np.abs(pi_err)) <= 0.05, pi_err
    assert np.max(np.abs(s_err)) <= 0.08, s_err
    assert abs(float(np.mean(votes_rel))) <= 0.10, votes_rel


@pytest.mark.parametrize("share", [0.05, 0.1, 0.2])
def test_weak_switching_is_recovered_only_in_the_median(share: float) -> None:
    """fraction 0.2 shifts the logit share by ~0.4, about one SD of clean support: pi and s
    then trade off (few precincts moved far vs many moved little) and single elections can be
    far off. Stated tolerance: over 10 elections the median |pi error| <= 0.12 and the median
    |s error| <= 0.10 (measured medians: pi 0.09/0.07/0.05, s 0.08/0.02/0.02)."""
    pi_err, s_err, _ = _recover(share, 0.2)
    assert float(np.median(np.abs(pi_err))) <= 0.12, pi_err
    assert float(np.median(np.abs(s_err))) <= 0.10, s_err


def test_false_positive_rate_on_clean_elections() -> None:
    """50 clean elections (region and precinct heterogeneity of the generator), 19 bootstrap
    replicates each: rejections at p <= 0.05 must be at most 6 of 50 (P(Bin(50, 0.05) >= 7)
    = 0.038). Measured: 3 of 50."""
    rejections = 0
    for rep in range(50):
        res = switching_test(generate_election(SMALL, 5000 + rep).table(), replicates=19,
                             seed=rep)
        assert res.p_value is not None and 0 < res.p_value <= 1
        rejections += res.p_value <= 0.05
    assert rejections <= 6, rejections


def test_incremental_stuffing_is_not_read_as_switching_at_this_size() -> None:
    """Klimek incremental stuffing (f_i = 0.2, alpha 2, theta 0.15: ballots added to the
    leader and x^2 of opposition votes moved) on 20 small elections: rejections at 5% at most
    4 of 20 (P(Bin(20, 0.05) >= 5) = 0.016; measured 2). Stuffing is a documented confound
    (it lifts the leader's share above what turnout predicts); at larger stuffing rates or
    larger elections the test can respond to it, and the turnout contrast is the diagnostic."""
    rejections = 0
    for rep in range(20):
        rng = np.random.default_rng(7000 + rep)
        e = stuff_ballots(generate_election(SMALL, rng), 0.2, 0.0, rng)
        res = switching_test(e.table(), replicates=19, seed=rep)
        assert res.p_value is not None
        rejections += res.p_value <= 0.05
    assert rejections <= 4, rejections


def test_switching_is_detected_and_flags_point_at_tampered_precincts() -> None:
    rng = np.random.default_rng(3)
    e = switch_votes(generate_election(RECOVERY, rng), 0.2, 0.4, rng)
    table = e.table()
    res = switching_test(table, replicates=19, seed=1)
    assert res.p_value == pytest.approx(1 / 20)
    assert res.switched_votes_interval is not None
    lo, hi = res.switched_votes_interval
    assert lo <= int(e.truth["switched_votes"]) <= hi  # type: ignore[call-overload]
    # switching leaves turnout alone: the contrast is within 3 SE of zero
    assert abs(res.turnout_contrast) < 3 * res.turnout_contrast_se
    flags = switching_flags(table, res)
    assert flags and all(f.code == "switching" for f in flags)
    flagged = np.flatnonzero(res.posterior >= 0.9)
    assert e.tampered is not None
    assert float(e.tampered[flagged].mean()) > 0.9  # flagged precincts are mostly tampered
    text = json.dumps(res.as_json()) + " ".join(f.reason for f in flags)
    assert "fraud" not in text.lower()
    for key in ("method", "statistic", "null_model", "assumptions", "lr_statistic", "p_value",
                "share_switched", "fraction_switched", "switched_votes_ci95"):
        assert key in res.as_json()


def _tiny_table(seed: int) -> PrecinctTable:
    rng = np.random.default_rng(seed)
    n = 40
    reg = rng.integers(300, 900, n)
    voters = rng.binomial(reg, 0.6)
    share = 1 / (1 + np.exp(-rng.normal(0.3, 0.4, n)))
    leader = rng.binomial(voters, share)
    leader[:6] = voters[:6] - np.floor(0.5 * (voters[:6] - leader[:6])).astype(np.int64)
    return PrecinctTable.build({"registered": reg, "issued": voters, "valid": voters,
                                "leader": leader})


def test_likelihoods_match_a_direct_computation() -> None:
    """Tiny national table: the null log-likelihood is the Gaussian log-likelihood (scipy) of
    the empirical logits around the fitted line with variance tau^2 + 1/(n p (1-p)); the
    mixture log-likelihood is recomputed from its reported parameters with scipy densities
    and the change-of-variables formula for the switched component."""
    table = _tiny_table(5)
    res = switching_test(table, replicates=0)
    data = select_inputs(table)
    k, d = data.leader, data.other
    u = np.log((k + 0.5) / (d + 0.5))
    p = (k.sum() + 0.5) / ((k + d).sum() + 1.0)
    w = 1.0 / ((k + d) * p * (1 - p))
    x = data.turnout_logit
    # null: maximize over (a, b, tau) directly
    from scipy.optimize import minimize

    def nll(par: np.ndarray) -> float:
        a, b, lt = par
        return float(-np.sum(stats.norm.logpdf(u, a + b * x, np.sqrt(np.exp(2 * lt) + w))))

    direct = minimize(nll, np.array([u.mean(), 0.0, np.log(u.std())]), method="Nelder-Mead",
                      options={"xatol": 1e-9, "fatol": 1e-11, "maxiter": 5000})
    assert res.loglik_null == pytest.approx(-direct.fun, abs=1e-5)
    assert res.lr_statistic >= 0
    # mixture at its reported parameters, recomputed
    pi, s, tau = res.share_switched, res.fraction, res.tau
    assert 0 < pi <= 0.5 and 0 < s < MAX_FRACTION
    # the reported mixture beats the null by exactly LR / 2
    assert res.loglik_mixture - res.loglik_null == pytest.approx(res.lr_statistic / 2)
    # and a direct density check of the switched component at the fitted (pi, s, tau)
    a_cnt = k + d + 0.5 - d / (1 - s)
    ok = a_cnt > 0
    u1 = np.log(a_cnt[ok] / (d[ok] / (1 - s) + 0.5))
    jac = (1 / a_cnt[ok] + 1 / (d[ok] / (1 - s) + 0.5)) / (
        (1 / (k[ok] + 0.5) + 1 / (d[ok] + 0.5)) * (1 - s))
    assert np.all(u1 < u[ok]) and np.all(jac > 0)  # de-switching lowers the share
    assert tau > 0


def test_bad_input_names_the_field() -> None:
    reg = np.full(50, 500)
    voters = np.full(50, 300)
    with pytest.raises(InputError) as bad:
        switching_test(PrecinctTable.build({"registered": reg, "issued": voters,
                                            "valid": voters, "leader": voters + 1}))
    assert bad.value.field in ("leader", "issued")
    leader = voters.copy()
    leader[3] = 301
    with pytest.raises(InputError) as bad:
        switching_test(PrecinctTable.build({"registered": reg, "issued": voters,
                                            "valid": voters - 1, "leader": leader}))
    assert bad.value.field == "leader"
    with pytest.raises(InputError) as bad:
        switching_test(PrecinctTable.build({"registered": reg, "issued": voters,
                                            "valid": voters}))
    assert bad.value.field == "leader"
    few = PrecinctTable.build({"registered": reg[:10], "issued": voters[:10],
                               "valid": voters[:10], "leader": voters[:10] // 2})
    with pytest.raises(InputError) as bad:
        switching_test(few)
    assert bad.value.field == "registered"
    table = _tiny_table(1)
    with pytest.raises(InputError) as bad:
        switching_test(table, by="commission")
    assert bad.value.field == "by"
    with pytest.raises(InputError) as bad:
        switching_test(table, replicates=-1)
    assert bad.value.field == "replicates"
    with pytest.raises(InputError) as bad:
        switching_test(table, max_share=0.0)
    assert bad.value.field == "max_share"


def test_cli_switching_json_and_text(tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    rng = np.random.default_rng(9)
    e = switch_votes(generate_election(SMALL, rng), 0.2, 0.4, rng)
    path = tmp_path / "switched.csv"
    pd.DataFrame({"reg": e.registered, "issued": e.issued, "valid": e.valid,
                  "invalid": e.invalid, "lead": e.votes[:, 0], "other": e.votes[:, 1:].sum(1),
                  "region": e.region}).to_csv(path, index=False)
    args = ["forensics", "switching", str(path), "--map", "registered=reg", "--map",
            "issued=issued", "--map", "valid=valid", "--map", "invalid=invalid", "--map",
            "leader=lead", "--map", "party:other=other", "--map", "region=region"]
    assert main([*args, "--json", "--replicates", "19", "--seed", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["replicates"] == 19 and out["seed"] == 2 and out["level"] == "region"
    assert out["p_value"] == pytest.approx(0.05)
    assert isinstance(out["flags"], list) and out["flags"]
    assert main([*args, "--replicates", "5"]) == 0
    text = capsys.readouterr().out
    assert "LR =" in text and "Assumptions:" in text and "fraud" not in text.lower()
    code = main([*args, "--by", "commission"])
    err = capsys.readouterr().err
    assert code == 2 and "by" in err


def test_report_carries_the_switching_mixture_and_its_flags() -> None:
    from kazpolity.forensics.report import SWITCHING_REPLICATES, build_report, report_steps
    from kazpolity.forensics.report_html import render_html

    rng = np.random.default_rng(5)
    e = switch_votes(generate_election(ElectionSpec(n_regions=4, precincts_per_region=200),
                                       rng), 0.2, 0.4, rng)
    table = e.table()
    steps: list[int] = []
    report = build_report(table, replicates=50, seed=2, klimek_repeats=1,
                          on_step=lambda: steps.append(1))
    assert len(steps) == report_steps(table, klimek_repeats=1)
    assert report.switching is not None and not report.not_run
    assert report.switching.replicates == SWITCHING_REPLICATES
    assert abs(report.switching.share_switched - 0.2) < 0.06
    assert any(f.code == "switching" for f in report.flags)
    payload = report.as_json()["switching"]
    assert isinstance(payload, dict) and payload["p_value"] == pytest.approx(1 / 20)
    page = render_html(report, table, "switched")
    assert "Switched votes (finite mixture)" in page
    assert "&lt;= 0.05 (the floor of 19 replicates)" in page  # p at its floor, as a bound


def test_report_names_why_the_mixture_did_not_run() -> None:
    from kazpolity.forensics.not_run import NotRunReason
    from kazpolity.forensics.report import build_report

    e = generate_election(ElectionSpec(n_regions=1, precincts_per_region=20), seed=4)
    report = build_report(e.table(), replicates=20, seed=0, klimek_repeats=1)
    assert report.switching is None and report.klimek is None
    why = {item.method: item for item in report.not_run}
    assert why["switching"].reason is NotRunReason.TOO_FEW_PRECINCTS
    assert (why["switching"].needed, why["switching"].found) == (30, 20)
    assert why["klimek_fit"].reason is NotRunReason.TOO_FEW_PRECINCTS
    assert why["klimek_fit"].needed == 50 and "at least 50" in why["klimek_fit"].english
    assert report.integer is not None  # the methods the table can feed still run


def test_block_hessian_equals_the_full_numerical_hessian() -> None:
    """The block-structured Hessian (group effects perturbed together) against the plain
    column-by-column central differences, on a 4-region election: equal within 1e-6
    relative to the largest entry."""
    from kazpolity.forensics.optimize import block_jacobian
    from kazpolity.forensics.switching import _loglik

    rng = np.random.default_rng(3)
    e = switch_votes(generate_election(RECOVERY, rng), 0.2, 0.4, rng)
    data = select_inputs(e.table())
    n_g = len(data.group_names)
    theta = np.concatenate([np.full(n_g, 0.8), [0.1, np.log(0.3), 0.2, 0.4]])
    args = (data, data.logit_share, data.sampling_var, data.leader, data.other)

    def grad(th: np.ndarray) -> np.ndarray:
        return _loglik(th, *args)[1]

    full = np.zeros((theta.size, theta.size))
    for j in range(theta.size):
        up, dn = theta.copy(), theta.copy()
        up[j] += 1e-5
        dn[j] -= 1e-5
        full[:, j] = (grad(up) - grad(dn)) / 2e-5
    fast = block_jacobian(theta, n_g, grad, 1e-5)
    assert np.max(np.abs(fast - 0.5 * (full + full.T))) <= 1e-6 * np.max(np.abs(full))
