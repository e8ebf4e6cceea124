"""A sampling interval for the Klimek fit's f_i and f_e: parametric bootstrap from the fit.

Why: the fit's repeats measure simulation noise only, so without an interval its sampling
precision is unknown and its coverage cannot be checked. Each replicate draws a new election
from the fitted model, with the observed precincts' register sizes and regional offsets:
clean turnout and share from the fitted clean parameters (Gaussian on the fit's scale, plus
binomial counting noise), and round(f_i n) precincts chosen at random stuffed incrementally,
round(f_e n) extremely, at the fitted alpha and theta (Klimek et al. 2012, model section; the
arithmetic of ``klimek.stuffing_transfer``). The counts are fixed, not redrawn: the interval
is for the share of this election's precincts that were stuffed, not for a probability of a
superpopulation (redrawing them adds the binomial spread sqrt(f (1 - f) / n), which on 1,000
precincts is five times the estimator's error about the realised share). The replicate is
then refitted:

* the clean parameters move by the change of the left-flank estimate (replicate minus
  observed, at the fitted contaminated share), so their sampling noise reaches f_i and f_e;
* f_i and f_e are refitted by the fit's non-negative least squares against component
  fingerprints simulated at those clean parameters (common random numbers across replicates);
* alpha and theta stay at their fitted grid values: the interval is conditional on them.

The interval is the basic bootstrap interval of the refit (Davison & Hinkley 1997, *Bootstrap
Methods and their Application*, sec. 5.2): with r the refit applied to the observed table and
q2.5, q97.5 the quantiles of the replicates' refits around the fitted values f they were
drawn at, (r - (q97.5 - f), r - (q2.5 - f)), clipped to [0, 1]. Pivoting on the refit itself
(not on the full fit's estimate) keeps estimator and pivot the same procedure, so the refit's
own bias cancels; on a table the model fits badly the full fit can then lie outside the
interval, which says the two procedures disagree there. A refit cheaper than the full fit
(no Nelder-Mead, no grid search) keeps a replicate at O(precincts); what it leaves out is
why the interval is conditional and why its coverage is measured in
``bench/bench_forensics_validation.py`` rather than assumed.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from kazpolity.errors import InputError
from kazpolity.forensics.klimek import (
    CleanParameters,
    KlimekFit,
    KlimekInterval,
    _clean_counts,
    _components,
    _Data,
    _fit_data,
    _intensities,
    _logit,
    _nnls_fit,
    _soft_histogram,
    _start,
    _stuffed_points,
    simulation_draws,
)
from kazpolity.forensics.table import FloatArray, PrecinctTable

MEANING = ("95% basic parametric-bootstrap interval for the share of precincts stuffed, "
           "from the fitted model, conditional on the fitted alpha and theta; sampling noise "
           "of the clean parameters enters through their left-flank estimate; pivoted on the "
           "bootstrap's own refit; a misfit of the model is not in it (coverage on 200 "
           "synthetic elections: f_e 0.80, f_i 0.55; bench/bench_forensics_validation.py)")


def klimek_interval(table: PrecinctTable, fit: KlimekFit, replicates: int,
                    seed: int | None = 0) -> KlimekFit:
    """``fit`` with 95% intervals of f_i and f_e from ``replicates`` parametric-bootstrap
    replicates (see module docstring); ``replicates = 0`` returns ``fit`` unchanged."""
    if replicates < 0:
        raise InputError("interval_replicates", "must be zero or more")
    if replicates == 0:
        return fit
    if replicates < 19:
        raise InputError("interval_replicates", "a 95% interval needs at least 19 replicates")
    if fit.raw_clean is None or fit.simulated < 1:
        raise InputError("klimek_fit", "the fit carries no clean parameters to draw from")
    data, n = _fit_data(table, fit.by_region, fit.clean_scale, fit.bins)
    rng = np.random.default_rng(None if seed is None else [seed, 15])
    contaminated = min(fit.f_incremental + fit.f_extreme, 0.7)
    base = _start(data, contaminated)
    sim = simulation_draws(data, rng, fit.simulated)
    weight = n / fit.simulated
    n_inc = round(fit.f_incremental * n)
    stuffed = (n_inc, min(n - n_inc, round(fit.f_extreme * n)))
    draws = np.empty((replicates, 2))
    comps = _components(sim, fit.raw_clean, fit.alpha, fit.theta, fit.bins, fit.clean_scale)
    _, fi_obs, fe_obs = _nnls_fit(data.obs, comps, weight)
    for b in range(replicates):
        t, v = _replicate(data, rng, fit, fit.raw_clean, stuffed)
        clean = _shifted(fit.raw_clean, _start(_with_points(data, t, v), contaminated) - base)
        comps = _components(sim, clean, fit.alpha, fit.theta, fit.bins, fit.clean_scale)
        _, fi, fe = _nnls_fit(_soft_histogram(t, v, fit.bins), comps, weight)
        draws[b] = (fi, fe)
    truth = np.array([fit.f_incremental, fit.f_extreme])  # of the replicates
    refit = np.array([fi_obs, fe_obs])  # the replicates' refit, applied to the observed
    hi_q, lo_q = np.quantile(draws, [0.975, 0.025], axis=0)
    lo = np.clip(refit - (hi_q - truth), 0.0, 1.0)
    hi = np.clip(refit - (lo_q - truth), 0.0, 1.0)
    interval = KlimekInterval((float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1])),
                              replicates, MEANING)
    return dataclasses.replace(fit, interval=interval)


def _replicate(data: _Data, rng: np.random.Generator, fit: KlimekFit, clean: CleanParameters,
               stuffed: tuple[int, int]) -> tuple[FloatArray, FloatArray]:
    """(turnout, share) of one election drawn from the fitted model on the observed
    precincts (each precinct once; ``stuffed``: how many incrementally, extremely)."""
    n = data.reg.size
    d = simulation_draws(data, rng, n)
    counts = _clean_counts(d, clean, fit.clean_scale)
    inc, ext = _intensities(d, fit.theta)
    kind = np.zeros(n, dtype=np.int64)
    order = rng.permutation(n)
    kind[order[:stuffed[0]]] = 1
    kind[order[stuffed[0]:stuffed[0] + stuffed[1]]] = 2
    x = np.where(kind == 1, inc, np.where(kind == 2, ext, 0.0))
    t, v = _stuffed_points(d, counts, x, fit.alpha)
    return np.clip(t, 0, 1), np.clip(v, 0, 1)


def _with_points(data: _Data, t: FloatArray, v: FloatArray) -> _Data:
    """``data`` with a replicate's turnout and share on the clean scale (the observed
    regional offsets removed), for the left-flank estimate."""
    ct, cv = (_logit(t), _logit(v)) if data.scale == "logit" else (t, v)
    return dataclasses.replace(data, x_t=ct - data.off_t, x_v=cv - data.off_v)


def _shifted(clean: CleanParameters, shift: FloatArray) -> CleanParameters:
    return CleanParameters(clean.tau + float(shift[0]),
                           max(clean.sigma_tau + float(shift[1]), 1e-3),
                           clean.nu + float(shift[2]), max(clean.sigma_nu + float(shift[3]), 1e-3))
