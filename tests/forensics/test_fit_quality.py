"""Issue 15 follow-ups: the forensic fits say when they did not converge, the Klimek fit has
a sampling interval, and the switching mixture's coarse-to-fine fit on large tables reaches
the same maximum as the direct fit."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from kazpolity.errors import InputError
from kazpolity.forensics import klimek, switching_fit
from kazpolity.forensics.klimek import klimek_fit
from kazpolity.forensics.klimek_interval import klimek_interval
from kazpolity.forensics.optimize import minimize_box
from kazpolity.forensics.report import build_report, summary_lines
from kazpolity.forensics.report_html import render_html
from kazpolity.forensics.switching import _observed, select_inputs
from kazpolity.simulate.election import ElectionSpec, generate_election
from kazpolity.simulate.falsify import stuff_ballots, switch_votes


def _rosenbrock(x: np.ndarray) -> tuple[float, np.ndarray]:
    f = 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2
    g = np.array([-400 * x[0] * (x[1] - x[0] ** 2) - 2 * (1 - x[0]), 200 * (x[1] - x[0] ** 2)])
    return float(f), g


def test_minimize_box_reports_whether_it_converged() -> None:
    """Rosenbrock from (-1.2, 1): 3 iterations stop at the cap (not converged); 200 reach
    the minimum (1, 1) and say so; a bound at x0 <= 0.5 holds with the constrained optimum
    (0.5, 0.25) found through the Schur-complement step."""
    lo, hi = np.full(2, -5.0), np.full(2, 5.0)
    short = minimize_box(_rosenbrock, np.array([-1.2, 1.0]), lo, hi, max_iter=3)
    assert not short.converged and short.iterations == 3
    full = minimize_box(_rosenbrock, np.array([-1.2, 1.0]), lo, hi, max_iter=200, ftol=1e-14)
    assert full.converged and np.allclose(full.x, [1.0, 1.0], atol=1e-3)
    bounded = minimize_box(_rosenbrock, np.array([-1.2, 1.0]), lo, np.array([0.5, 5.0]),
                           max_iter=200, ftol=1e-14, h_inv0=np.eye(2) * 1e-3)
    assert bounded.converged and np.allclose(bounded.x, [0.5, 0.25], atol=1e-3)


def test_coarse_to_fine_fit_reaches_the_direct_maximum(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 6,000-precinct election with 10% of precincts switched: the fit through a 1,000-precinct
    subsample (coarse-to-fine) and the direct fit on every precinct reach the same
    log-likelihood within 0.01 and the same (pi, s) within 0.005."""
    rng = np.random.default_rng(21)
    e = switch_votes(generate_election(ElectionSpec(n_regions=6, precincts_per_region=1000),
                                       rng), 0.1, 0.4, rng)
    sample = _observed(select_inputs(e.table()))
    null = switching_fit.fit_null(sample)
    direct = switching_fit.fit_mixture(sample, null, 0.5)
    monkeypatch.setattr(switching_fit, "SUBSAMPLE", 1000)
    coarse = switching_fit.fit_mixture(sample, null, 0.5)
    assert direct.converged and coarse.converged
    assert coarse.loglik == pytest.approx(direct.loglik, abs=0.01)
    assert np.allclose(coarse.theta[-2:], direct.theta[-2:], atol=0.005)


@pytest.fixture(scope="module")
def small_report() -> object:
    rng = np.random.default_rng(5)
    e = switch_votes(generate_election(ElectionSpec(n_regions=3, precincts_per_region=100),
                                       rng), 0.1, 0.4, rng)
    return e.table(), build_report(e.table(), replicates=50, seed=0, klimek_repeats=1,
                                   switching_replicates=0)


def test_non_convergence_is_shown_beside_the_estimate(small_report: object) -> None:
    """A report whose switching and Klimek fits did not converge says so in its summary, its
    HTML and its JSON (typed fields ``converged``), next to the estimates."""
    table, report = small_report  # type: ignore[misc]
    assert report.switching.converged and report.klimek.converged
    assert "not converged" not in " ".join(line.text for line in summary_lines(report))
    bad = dataclasses.replace(report, switching=dataclasses.replace(
        report.switching, converged=False), klimek=dataclasses.replace(
        report.klimek, converged=False))
    lines = {line.topic: line.text for line in summary_lines(bad)}
    assert "not converged" in lines["switching mixture"]
    assert "not converged" in lines["Klimek fit"]
    page = render_html(bad, table, "t")
    assert page.count("Not converged:") == 2
    from kazpolity.presentation.forensic_text import summary

    for lang, word in (("ru", "не сошлось"), ("kk", "жинақталмады")):
        assert sum(word in text for _, text in summary(bad, lang)) == 2
    out = json.loads(json.dumps(bad.as_json(), default=str))
    assert out["switching"]["converged"] is False and out["switching"]["not_converged"]
    assert out["klimek_fit"]["converged"] is False and out["klimek_fit"]["not_converged"]


def test_klimek_cap_reached_is_not_converged(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the Nelder-Mead cap at 5 evaluations the refinement cannot meet its tolerances:
    the fit says it did not converge; at the default cap it does."""
    table = generate_election(ElectionSpec(n_regions=2, precincts_per_region=150), 3).table()
    assert klimek_fit(table, repeats=1, seed=0, thetas=(0.15,)).converged
    monkeypatch.setattr(klimek, "NM_MAXFEV", 5)
    assert not klimek_fit(table, repeats=1, seed=0, thetas=(0.15,)).converged


def test_klimek_interval_brackets_the_truth_and_is_reported(
        small_report: object, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Stuffed election (f_e = 0.05, f_i = 0.1, alpha 2 and theta 0.15 known): on this seed
    the 95% interval of f_e holds the realised share of extremely stuffed precincts (its
    coverage over 200 elections is measured in bench/bench_forensics_validation.py); both
    intervals are ordered and inside [0, 1]; the report shows them; fewer than 19
    replicates are refused."""
    rng = np.random.default_rng(9001)
    e = stuff_ballots(generate_election(ElectionSpec(n_regions=4, precincts_per_region=250),
                                        rng), 0.1, 0.05, rng, alpha=2.0, theta=0.15)
    fit = klimek_fit(e.table(), repeats=1, seed=1, alphas=(2.0,), thetas=(0.15,),
                     by_region=True, clean_scale="logit")
    assert fit.interval is None
    fit = klimek_interval(e.table(), fit, 99, seed=1)
    assert fit.interval is not None and fit.interval.replicates == 99
    truth = int(e.truth["extreme_precincts"]) / len(e.registered)  # type: ignore[call-overload]
    lo, hi = fit.interval.f_extreme
    assert 0.0 <= lo <= truth <= hi <= 1.0
    assert 0.0 <= fit.interval.f_incremental[0] <= fit.interval.f_incremental[1] <= 1.0
    with pytest.raises(InputError, match="19"):
        klimek_interval(e.table(), fit, 10)
    _, report = small_report  # type: ignore[misc]
    assert report.klimek.interval is not None
    line = {x.topic: x.text for x in summary_lines(report)}["Klimek fit"]
    assert "95%" in line and "parametric bootstrap" in line
    assert report.as_json()["klimek_fit"]["f_extreme_ci95"] is not None  # type: ignore[index]


def test_an_estimate_outside_its_interval_is_named(small_report: object) -> None:
    """An f_e above its interval (as on Russia 2011, where the full fit and the bootstrap's
    refit disagree) is named in the summary and the JSON; inside, nothing is said."""
    from kazpolity.forensics.klimek import KlimekInterval

    _, report = small_report  # type: ignore[misc]
    k = report.klimek
    inside = dataclasses.replace(k, interval=KlimekInterval(
        (0.0, 1.0), (0.0, 1.0), 39, "m"))
    assert inside.outside_interval() == ()
    outside = dataclasses.replace(k, f_extreme=0.2, interval=KlimekInterval(
        (0.0, 1.0), (0.0, 0.1), 39, "m"))
    assert outside.outside_interval() == ("f_e",)
    line = {x.topic: x.text for x in summary_lines(dataclasses.replace(
        report, klimek=outside))}["Klimek fit"]
    assert "f_e outside its interval" in line
    assert outside.as_json()["outside_interval"] == ["f_e"]
