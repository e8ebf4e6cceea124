"""Maximum-likelihood fits of the switched-votes mixture (model: ``kazpolity.forensics.switching``).

Why a module of its own: the fit is what makes ``forensics report`` slow on a national file
(1 + the bootstrap replicates, each a mixture fit over every precinct), so its speed lives
apart from the model's statement.

The null (one component) is fitted by iterated weighted least squares with the exact fixed
point for tau^2. The mixture is fitted by projected BFGS with analytic gradients. On large
tables (more than ``2 * SUBSAMPLE`` precincts) the fit is coarse-to-fine: both starts are run
on a fixed random subsample of ``SUBSAMPLE`` precincts, each end point is carried to the full
table with an initial inverse Hessian built from the subsample's curvature scaled to the full
size, and BFGS polishes each there until the full log-likelihood stops improving (relative
change below 1e-9) or the projected gradient vanishes. The estimate is the full-table
maximum as before (the better of the polished fits); only the number of full-table
evaluations falls (from about 300 to about 20 per fit). End points on the null (pi or s at 0)
and near-duplicates are not polished (``_worth_polishing``). Whether the fit converged is
recorded (``MixtureFit.converged``).

The bootstrap refits every replicate with this same procedure, so the p-value calibrates the
statistic the procedure computes: a replicate whose fit stops at a lower local maximum is
matched by the same behaviour on the observed table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from kazpolity.forensics.optimize import block_jacobian, minimize_box
from kazpolity.forensics.table import FloatArray, IntArray

MAX_FRACTION = 0.95
STARTS: tuple[tuple[float, float], ...] = ((0.1, 0.3), (0.3, 0.1))
SUBSAMPLE = 8000
"""Precincts of the coarse stage of a fit on a large table (fixed seed, see module doc)."""
_LOG_2PI = float(np.log(2 * np.pi))


@dataclass(frozen=True)
class Sample:
    """The precinct-level quantities one likelihood evaluation reads (observed or redrawn)."""

    u: FloatArray  # empirical logit of the leader's share
    w: FloatArray  # its binomial sampling variance
    k: FloatArray  # leader's votes
    d: FloatArray  # everybody else's
    t: FloatArray  # centred empirical logit of turnout
    group: IntArray
    n_g: int
    n_half: FloatArray  # k + d + 1/2
    n_one: FloatArray  # k + d + 1
    log_jac_gap: FloatArray  # log(n + 1) - log of d(logit)/d(count) at the observed counts

    @classmethod
    def of(cls, u: FloatArray, w: FloatArray, k: FloatArray, d: FloatArray, t: FloatArray,
           group: IntArray, n_g: int) -> Sample:
        return cls(u, w, k, d, t, group, n_g, k + d + 0.5, k + d + 1.0,
                   np.log(k + d + 1.0) - np.log(1.0 / (k + 0.5) + 1.0 / (d + 0.5)))

    @property
    def size(self) -> int:
        return int(self.u.size)

    def take(self, rows: IntArray) -> Sample:
        return Sample(self.u[rows], self.w[rows], self.k[rows], self.d[rows], self.t[rows],
                      self.group[rows], self.n_g, self.n_half[rows], self.n_one[rows],
                      self.log_jac_gap[rows])


@dataclass(frozen=True)
class MixtureFit:
    loglik: float
    theta: FloatArray  # group effects..., slope, log tau, pi, s
    converged: bool = True


def loglik(theta: FloatArray, s: Sample, gradient: bool = True
           ) -> tuple[float, FloatArray, FloatArray]:
    """Mixture log-likelihood, its gradient in ``theta`` and the posteriors r_i.

    With a and b the de-switched leader and opposition counts plus 1/2 (a + b = n + 1), the
    switched component's logit is log a - log b and its Jacobian (n + 1) / (a b): two
    logarithms per precinct serve both."""
    n_g = s.n_g
    beta, log_tau, pi, frac = (float(x) for x in theta[n_g:n_g + 4])
    tau2 = float(np.exp(2 * log_tau))
    mu = theta[:n_g][s.group] + beta * s.t
    inv_var = 1.0 / (tau2 + s.w)
    half_log = 0.5 * (_LOG_2PI - np.log(inv_var))
    e0 = s.u - mu
    lf0 = -half_log - 0.5 * e0 * e0 * inv_var
    one_s = 1.0 - frac
    dd = s.d * (1.0 / one_s)
    a = s.n_half - dd  # de-switched leader count + 1/2
    ok = a > 1e-9
    every = bool(ok.all())
    la = np.log(a if every else np.where(ok, a, 1.0))
    lb = np.log(dd + 0.5)
    e1 = la - lb - mu
    if not every:
        e1[~ok] = 0.0
    lf1 = -half_log - 0.5 * e1 * e1 * inv_var + (s.log_jac_gap - float(np.log(one_s))) - la - lb
    if not every:
        lf1[~ok] = -np.inf
    with np.errstate(divide="ignore", invalid="ignore"):
        l0 = float(np.log1p(-pi)) + lf0
        l1 = float(np.log(pi)) + lf1 if pi > 0 else np.full_like(lf1, -np.inf)
        gap = l1 - l0
        e = np.exp(-np.abs(gap))
        total = np.maximum(l0, l1) + np.log1p(e)
        r = np.where(gap > 0, 1.0, e) / (1.0 + e)
    value = float(total.sum())
    if not gradient:
        return value, np.zeros(0), r
    return value, _gradient(theta, s, (e0, e1, inv_var, r, lf0, lf1, ok, a, dd + 0.5)), r


def _gradient(theta: FloatArray, s: Sample, parts: tuple[NDArray[Any], ...]) -> FloatArray:
    e0, e1, inv_var, r, lf0, lf1, ok, a, b = parts
    n_g = s.n_g
    tau2 = float(np.exp(2 * theta[n_g + 1]))
    pi, frac = float(theta[n_g + 2]), float(theta[n_g + 3])
    one_s = 1.0 - frac
    q = 1.0 - r
    g_mu = (q * e0 + r * e1) * inv_var
    grad = np.zeros_like(theta)
    grad[:n_g] = np.bincount(s.group, weights=g_mu, minlength=n_g)
    grad[n_g] = float(np.sum(g_mu * s.t))  # not np.dot: a threaded BLAS call
    g_t = 0.5 * ((q * e0 * e0 + r * e1 * e1) * inv_var - 1.0) * inv_var
    grad[n_g + 1] = float(np.sum(g_t)) * 2.0 * tau2
    if pi > 0:
        grad[n_g + 2] = float(np.sum(r)) / pi - float(np.sum(q)) / (1.0 - pi)
    else:
        with np.errstate(invalid="ignore"):
            grad[n_g + 2] = float(np.sum(np.exp(lf1 - lf0) - 1.0))
    # d lf1 / ds = c (jac e1 / var + 1/a - 1/b) + 1/(1 - s), c = d / (1 - s)^2
    inv_a = 1.0 / np.where(ok, a, 1.0)
    inv_b = 1.0 / b
    c = s.d * (1.0 / (one_s * one_s))
    dlf1 = c * ((inv_a * inv_b) * s.n_one * e1 * inv_var + inv_a - inv_b) + 1.0 / one_s
    grad[n_g + 3] = float(np.sum(np.where(ok, r * dlf1, 0.0)))
    return grad


def _wls(y: FloatArray, wt: FloatArray, s: Sample) -> tuple[FloatArray, float]:
    """Weighted least squares of y on group effects and the turnout slope (Frisch-Waugh)."""
    g, x, n_g = s.group, s.t, s.n_g
    sw = np.bincount(g, weights=wt, minlength=n_g)
    xm = np.bincount(g, weights=wt * x, minlength=n_g) / sw
    ym = np.bincount(g, weights=wt * y, minlength=n_g) / sw
    xc = x - xm[g]
    sxx = float(np.sum(wt * xc * xc))
    beta = float(np.sum(wt * xc * (y - ym[g])) / sxx) if sxx > 0 else 0.0
    alpha: FloatArray = ym - beta * xm
    return alpha, beta


def _tau2_step(e2: FloatArray, w: FloatArray, tau2: float) -> float:
    """One step of the ML fixed point tau^2 = sum((e^2 - w) / v^2) / sum(1 / v^2), v = tau^2 + w
    (e^2: expected squared residuals)."""
    wt2 = 1.0 / (tau2 + w) ** 2
    return max(float(np.sum(wt2 * (e2 - w)) / np.sum(wt2)), 1e-8)


def fit_null(s: Sample) -> MixtureFit:
    """The one-component model by iterated weighted least squares (pi = s = 0 in theta)."""
    u, w = s.u, s.w
    tau2 = max(float(np.var(u)) - float(np.mean(w)), 1e-4)
    alpha, beta = np.zeros(s.n_g), 0.0
    for _ in range(200):
        alpha, beta = _wls(u, 1.0 / (tau2 + w), s)
        e = u - alpha[s.group] - beta * s.t
        new = _tau2_step(e * e, w, tau2)
        done = abs(new - tau2) < 1e-10 * max(tau2, 1e-6)
        tau2 = new
        if done:
            break
    alpha, beta = _wls(u, 1.0 / (tau2 + w), s)
    var = tau2 + w
    e = u - alpha[s.group] - beta * s.t
    ll = float(-0.5 * np.sum(_LOG_2PI + np.log(var) + e * e / var))
    return MixtureFit(ll, np.concatenate([alpha, [beta, 0.5 * np.log(tau2), 0.0, 0.0]]))


def _bounds(n_g: int, max_share: float) -> tuple[FloatArray, FloatArray]:
    lower = np.concatenate([np.full(n_g + 1, -np.inf), [-8.0, 0.0, 0.0]])
    upper = np.concatenate([np.full(n_g + 1, np.inf), [3.0, max_share, MAX_FRACTION]])
    return lower, upper


def _starts(s: Sample, null: MixtureFit, max_share: float, metric: bool = False
            ) -> list[MixtureFit]:
    """The fits from each of ``STARTS`` at the null fit's location and scale; with
    ``metric``, BFGS starts from the inverse of the block Hessian at the start."""
    lower, upper = _bounds(s.n_g, max_share)
    out = []
    for pi0, s0 in STARTS:
        start = null.theta.copy()
        start[s.n_g + 2] = min(pi0, max_share)
        start[s.n_g + 3] = s0
        m = minimize_box(lambda th: _negative(th, s), start, lower, upper,
                         h_inv0=_scaled_inverse_hessian(start, s, s) if metric else None)
        out.append(MixtureFit(-m.f, m.x, m.converged))
    return out


def _best(fits: list[MixtureFit], null: MixtureFit) -> MixtureFit:
    finite = [f for f in fits if np.isfinite(f.loglik)]
    if not finite:
        return MixtureFit(null.loglik, null.theta, False)
    return max(finite, key=lambda f: f.loglik)


def _negative(theta: FloatArray, s: Sample) -> tuple[float, FloatArray]:
    value, grad, _ = loglik(theta, s)
    return -value, -grad


def fit_mixture(s: Sample, null: MixtureFit, max_share: float) -> MixtureFit:
    """The mixture's maximum likelihood fit (coarse-to-fine on large tables, see module doc);
    the null when no start improves on it."""
    if s.size <= 2 * SUBSAMPLE:
        mix = _best(_starts(s, null, max_share), null)
    else:
        rows = np.sort(np.random.default_rng(0).choice(s.size, SUBSAMPLE, replace=False))
        sub = s.take(rows)
        lower, upper = _bounds(s.n_g, max_share)
        coarse_fits = _starts(sub, null, max_share, metric=True)
        polished = []
        for coarse in _worth_polishing(coarse_fits):
            start = _ecm_steps(coarse.theta, s, max_share)
            m = minimize_box(lambda th: _negative(th, s), start, lower, upper,
                             h_inv0=_scaled_inverse_hessian(start, sub, s))
            polished.append(MixtureFit(-m.f, m.x, m.converged))
        mix = _best(polished, null) if polished else MixtureFit(
            null.loglik, null.theta, all(c.converged for c in coarse_fits))
    if not np.isfinite(mix.loglik) or mix.loglik <= null.loglik:
        return MixtureFit(null.loglik, null.theta, mix.converged)
    return mix


def _ecm_steps(theta: FloatArray, s: Sample, max_share: float, rounds: int = 2) -> FloatArray:
    """Expectation-conditional-maximisation rounds on the full table at fixed s: with the
    posteriors r, the location effects and slope are the weighted least squares fit of
    (1 - r) u + r u1 (both components share mean and variance), tau^2 takes one fixed-point
    step on the expected squared residuals and pi = mean(r). It carries the group effects,
    which a subsample pins down poorly for small groups, close to the full table's optimum
    before BFGS polishes (ECM: Meng & Rubin 1993, Biometrika 80:267-278; the tau^2 step is
    one fixed-point step, not a full conditional maximisation)."""
    n_g = s.n_g
    out = theta.copy()
    one_s = 1.0 - float(theta[n_g + 3])
    a = s.n_half - s.d / one_s
    u1 = np.log(np.maximum(a, 1e-9) / (s.d / one_s + 0.5))
    for _ in range(rounds):
        r = loglik(out, s, gradient=False)[2]
        tau2 = float(np.exp(2 * out[n_g + 1]))
        alpha, beta = _wls((1.0 - r) * s.u + r * u1, 1.0 / (tau2 + s.w), s)
        mu = alpha[s.group] + beta * s.t
        e2 = (1.0 - r) * (s.u - mu) ** 2 + r * (u1 - mu) ** 2
        out[:n_g], out[n_g] = alpha, beta
        out[n_g + 1] = 0.5 * np.log(_tau2_step(e2, s.w, tau2))
        out[n_g + 2] = min(max(float(np.mean(r)), 1e-6), max_share)
    return out


def _worth_polishing(coarse: list[MixtureFit]) -> list[MixtureFit]:
    """The subsample's end points worth carrying to the full table, best first: a point with
    pi or s at 0 is the null model (its full fit is the null fit, already at hand), and a
    point within 0.02 in both pi and s of a better one would polish to the same maximum."""
    out: list[MixtureFit] = []
    for fit in sorted(coarse, key=lambda f: -f.loglik if np.isfinite(f.loglik) else np.inf):
        pi, frac = float(fit.theta[-2]), float(fit.theta[-1])
        if pi < 1e-4 or frac < 1e-4 or not np.isfinite(fit.loglik):
            continue
        if any(abs(pi - float(b.theta[-2])) < 0.02 and abs(frac - float(b.theta[-1])) < 0.02
               for b in out):
            continue
        out.append(fit)
    return out


def _scaled_inverse_hessian(theta: FloatArray, sub: Sample, full: Sample) -> FloatArray:
    """Inverse of minus the Hessian on the full table estimated from the subsample's, made
    positive definite: BFGS's first metric on the full table. Each precinct adds its own
    term to the Hessian, so a group's rows scale by the group's size ratio (full over
    subsample; a group absent from the subsample gets the Gaussian information
    sum 1/(tau^2 + w) of its precincts) and the global block by the overall ratio."""
    n_g = full.n_g
    hess = -block_jacobian(theta, n_g, lambda th: loglik(th, sub)[1], 1e-5)
    hess = 0.5 * (hess + hess.T)
    n_full = np.bincount(full.group, minlength=n_g).astype(np.float64)
    n_sub = np.bincount(sub.group, minlength=n_g).astype(np.float64)
    ratio = n_full / np.maximum(n_sub, 1.0)
    diag = np.diag(hess)[:n_g] * ratio
    tau2 = float(np.exp(2 * theta[n_g + 1]))
    gauss = np.bincount(full.group, weights=1.0 / (tau2 + full.w), minlength=n_g)
    diag = np.where((n_sub > 0) & (diag > 0), diag, gauss)
    return _arrowhead_inverse(np.maximum(diag, 1e-8), hess[:n_g, n_g:] * ratio[:, None],
                              hess[n_g:, n_g:] * (full.size / sub.size))


def _arrowhead_inverse(diag: FloatArray, cross: FloatArray, corner: FloatArray) -> FloatArray:
    """Inverse of the positive definite [[diag(D), B], [B', C]] through the Schur complement
    S = C - B' D^-1 B (its eigenvalues floored at a millionth of the largest, so the result
    is positive definite); elementwise sums throughout (no threaded BLAS on small matrices)."""
    db = cross / diag[:, None]  # D^-1 B
    schur = corner - np.sum(cross[:, :, None] * db[:, None, :], axis=0)
    vals, vecs = np.linalg.eigh(0.5 * (schur + schur.T))
    vals = np.maximum(np.abs(vals), 1e-6 * max(float(np.max(np.abs(vals))), 1e-300))
    s_inv = np.sum(vecs[:, None, :] * (vecs / vals)[None, :, :], axis=2)
    m = np.sum(db[:, :, None] * s_inv[None, :, :], axis=1)  # D^-1 B S^-1
    n_g = diag.size
    out = np.zeros((n_g + corner.shape[0],) * 2)
    out[:n_g, :n_g] = np.sum(m[:, None, :] * db[None, :, :], axis=2)
    out[np.arange(n_g), np.arange(n_g)] += 1.0 / diag
    out[:n_g, n_g:] = -m
    out[n_g:, :n_g] = -m.T
    out[n_g:, n_g:] = s_inv
    return out
