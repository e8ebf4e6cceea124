"""Votes switched from the opposition to the leader: a two-component finite mixture.

What switching does. In a tampered precinct a fraction ``s`` of every opposition party's votes
is recorded for the leader; ballots issued and turnout do not change. This is the "stolen
votes" dimension of the positive empirical models of Klimek, Yegorov, Hanel & Thurner (PNAS
2012, where a fraction x**alpha of the opposition's votes moves to the winner) and of the
finite-mixture models of Mebane and co-authors (Ferrari, McAlister & Mebane 2018,
"Developments in positive empirical models of election frauds: dimensions and decisions";
the ``eforensics`` R package of Ferrari, McAlister, Mebane & Wu), which separate "stolen"
votes (taken from the opposition, turnout unchanged) from "manufactured" votes (added from
abstainers, turnout raised) and give each observation a posterior probability of belonging to
a tampered component. Unlike ballot stuffing, switching leaves no trace in the turnout
distribution and does not make the leader's share rise with turnout (Myagkov, Ordeshook &
Shakin 2009, *The Forensics of Election Fraud*, ch. 2-3, read the turnout-vs-share relation);
it only lifts the leader's share, at any turnout, in the tampered precincts.

Model. For precinct i with n_i valid votes (ballots cast when no valid column is mapped), k_i
for the leader and d_i = n_i - k_i for everybody else, the observation is the empirical logit
u_i = log((k_i + 1/2) / (d_i + 1/2)), whose binomial sampling variance is
w_i = 1/(k_i + 1/2) + 1/(d_i + 1/2).

* Clean component: u_i ~ N(mu_i, tau^2 + w_i), mu_i = a_g(i) + b * t_i, where a_g is a fixed
  effect of the precinct's region (or commission: ``by``) and t_i the empirical logit of
  turnout. The fixed effects absorb regional differences in support; the slope absorbs a
  genuine turnout-support relation; tau is the precinct-level heterogeneity of support and
  w_i the counting noise (a binomial model overdispersed on the logit scale).
* Switched component: the counts were k_i = n_i - d_i / (1 - s) before a fraction s of the
  opposition moved, so u_i is the transform of a clean draw. Its density is the clean density
  at the de-switched counts times the Jacobian w(k) / ((1 - s) w_i). The logit shift,
  logit(v + s(1 - v)) - logit(v), depends on the clean share v: it is exact, not a constant.
* Mixture: a share pi of precincts is switched, independently of everything else.

Fit: maximum likelihood. The one-component null (pi = 0) is fitted by iterated weighted
least squares with the exact fixed point for tau^2; the mixture by projected BFGS (box
constraints, analytic gradients, at most 60 iterations) from (pi, s) = (0.1, 0.3) and (0.3, 0.1)
at the null fit's location and scale (``pi <= max_share``, default
1/2: switched precincts are a minority, which also keeps a mixture from fitting mere left
skew of clean support).

Test: LR = 2 (loglik mixture - loglik null). The null distribution of LR for a mixture is
not chi-squared (pi = 0 lies on the boundary and s is then unidentified), so it is calibrated
by parametric bootstrap (McLachlan 1987, Applied Statistics 36:318-324; McLachlan & Peel 2000,
*Finite Mixture Models*, sec. 6.6): each replicate draws clean logits from the fitted null,
leader counts as Binomial(n_i, expit(logit)), and refits both models;
p = (1 + #{LR* >= LR}) / (1 + replicates).

Uncertainty: standard errors of pi and s from the observed information (numerical Hessian of
the analytic gradient); the number of switched votes, sum_i r_i s/(1 - s) d_i with r_i the
posterior probability of the switched component, gets a delta-method variance plus the
allocation variance sum_i r_i (1 - r_i) (s/(1 - s) d_i)^2. Wald intervals are poor near
pi = 0 and are then not reported.

Assumptions: clean support is Gaussian on the logit scale around region (commission) levels
and a linear turnout trend, with common variance; switching moves the same fraction of every
opposition party; switched precincts are chosen independently of support. A single precinct
with switched votes cannot be told from one with genuinely strong local support: only the
population pattern (an excess of precincts whose share is high for their region at their
turnout, of the shape switching produces) is evidence, and per-precinct posteriors are
conditional on the fitted model. Ballot stuffing of Klimek's incremental kind also lifts the
leader's share above what turnout predicts (and moves x**alpha of the opposition), so it is a
known confound; ``turnout_contrast`` (mean turnout residual of precincts weighted by r_i minus
that of the rest) helps tell them apart: it is near zero under pure switching and positive
under stuffing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import expit

from kazpolity.errors import InputError
from kazpolity.forensics.not_run import MethodNotApplicable, NotRunReason
from kazpolity.forensics.on_bound import BoundKind, OnBound
from kazpolity.forensics.optimize import block_jacobian, minimize_box
from kazpolity.forensics.switching_result import (
    Z95,
    SwitchingResult,
)
from kazpolity.forensics.table import LABEL_ROLES, FloatArray, IntArray, PrecinctTable

MIN_PRECINCTS = 30
MIN_GROUP = 10  # smaller groups are pooled into one
MAX_FRACTION = 0.95
STARTS: tuple[tuple[float, float], ...] = ((0.1, 0.3), (0.3, 0.1))
_LOG_2PI = float(np.log(2 * np.pi))



@dataclass(frozen=True)
class SwitchingInputs:
    """The precincts used and their derived quantities."""

    rows: IntArray  # row indices into the table
    leader: FloatArray
    other: FloatArray  # denominator minus leader
    logit_share: FloatArray  # empirical logit of the leader's share
    sampling_var: FloatArray
    turnout_logit: FloatArray
    group: IntArray
    group_names: tuple[str, ...]
    level: str  # "national" or a label role


@dataclass(frozen=True)
class _Fit:
    loglik: float
    theta: FloatArray  # group effects..., slope, log tau, pi, s


# -- inputs ---------------------------------------------------------------------------------
def _empirical_logit(k: FloatArray, d: FloatArray) -> FloatArray:
    out: FloatArray = np.log((k + 0.5) / (d + 0.5))
    return out


def select_inputs(table: PrecinctTable, by: str = "auto") -> SwitchingInputs:
    """Precincts with registered voters, voters and at least one valid vote; ``by`` is the
    label role of the location effects (``"auto"``: region if mapped, else national;
    ``"national"``: one level). Groups with fewer than ``MIN_GROUP`` precincts are pooled."""
    leader = table.leader_votes()
    denom = table.valid if table.valid is not None else table.cast()
    over = np.flatnonzero(leader > denom)
    if over.size:
        i = int(over[0])
        what = "valid votes" if table.valid is not None else "ballots cast"
        raise MethodNotApplicable("leader", f"exceeds {what} in {over.size} precinct(s), first "
                                  f"at row {i + 1} ({int(leader[i])} > {int(denom[i])})",
                                  NotRunReason.LEADER_EXCEEDS_BASE, found=int(over.size))
    voters = table.voters()
    reg = table.registered
    ok = (reg > 0) & (voters > 0) & (denom > 0)
    rows = np.flatnonzero(ok).astype(np.int64)
    if rows.size < MIN_PRECINCTS:
        raise MethodNotApplicable("registered", f"the switching mixture needs at least "
                                  f"{MIN_PRECINCTS} precincts with voters and valid votes "
                                  f"(found {rows.size})", NotRunReason.TOO_FEW_PRECINCTS,
                                  needed=MIN_PRECINCTS, found=int(rows.size))
    k = leader[rows].astype(np.float64)
    d = (denom[rows] - leader[rows]).astype(np.float64)
    u = _empirical_logit(k, d)
    v = voters[rows].astype(np.float64)
    t = _empirical_logit(v, np.maximum(reg[rows] - v, 0.0))
    if by == "auto":
        by = "region" if table.region is not None else "national"
    if by == "national":
        labels = np.zeros(rows.size, dtype=np.int64)
        names: tuple[str, ...] = ("National",)
    else:
        raw = getattr(table, by, None) if by in LABEL_ROLES else None
        if raw is None:
            raise MethodNotApplicable("by", f"location effects by {by!r} need that label role "
                                      "mapped (or use national)", NotRunReason.ROLE_NOT_MAPPED,
                                      role=by)
        uniq, inv = np.unique(np.asarray(raw[rows], dtype=str), return_inverse=True)
        sizes = np.bincount(inv, minlength=uniq.size)
        small = sizes < MIN_GROUP
        keep = [str(x) for x, s in zip(uniq, small, strict=True) if not s]
        if small.any():
            keep.append("(pooled small groups)")
        code = np.full(uniq.size, len(keep) - 1, dtype=np.int64)
        code[~small] = np.arange(int((~small).sum()))
        labels = code[inv]
        names = tuple(keep)
    w = _sampling_var(labels, len(names), k, d)
    return SwitchingInputs(rows, k, d, u, w, t - float(t.mean()), labels, names, by)


# -- likelihood -----------------------------------------------------------------------------
def _split(theta: FloatArray, g: int) -> tuple[FloatArray, float, float, float, float]:
    return theta[:g], float(theta[g]), float(theta[g + 1]), float(theta[g + 2]), float(
        theta[g + 3])


def _loglik(
    theta: FloatArray, data: SwitchingInputs, u: FloatArray, w: FloatArray,
    k: FloatArray, d: FloatArray, gradient: bool = True,
) -> tuple[float, FloatArray, FloatArray]:
    """Mixture log-likelihood, its gradient in ``theta`` and the posteriors r_i."""
    n_g = len(data.group_names)
    alpha, beta, log_tau, pi, s = _split(theta, n_g)
    tau2 = float(np.exp(2 * log_tau))
    mu = alpha[data.group] + beta * data.turnout_logit
    var = tau2 + w
    e0 = u - mu
    half_log = 0.5 * (_LOG_2PI + np.log(var))
    lf0 = -half_log - 0.5 * e0 * e0 / var
    one_s = 1.0 - s
    a = k + d + 0.5 - d / one_s  # de-switched leader count + 1/2
    ok = a > 1e-9
    a_safe = np.where(ok, a, 1.0)
    b = d / one_s + 0.5
    u1 = np.log(a_safe / b)
    jac = 1.0 / a_safe + 1.0 / b  # d(logit)/d(count) at the de-switched counts
    jac_obs = 1.0 / (k + 0.5) + 1.0 / (d + 0.5)
    e1 = u1 - mu
    lf1 = -half_log - 0.5 * e1 * e1 / var + np.log(jac / jac_obs) - np.log(one_s)
    lf1 = np.where(ok, lf1, -np.inf)
    with np.errstate(divide="ignore"):
        l0 = np.log1p(-pi) + lf0
        l1 = np.log(pi) + lf1 if pi > 0 else np.full_like(lf1, -np.inf)
    total = np.logaddexp(l0, l1)
    r = np.exp(l1 - total)
    value = float(total.sum())
    if not gradient:
        return value, np.zeros(0), r
    q = 1.0 - r
    grad = np.zeros_like(theta)
    e1_ok = np.where(ok, e1, 0.0)
    g_mu = (q * e0 + r * e1_ok) / var
    grad[:n_g] = np.bincount(data.group, weights=g_mu, minlength=n_g)
    grad[n_g] = float(np.dot(g_mu, data.turnout_logit))
    g_t = 0.5 * ((q * e0 * e0 + r * e1_ok * e1_ok) / var - 1.0) / var
    grad[n_g + 1] = float(np.sum(g_t)) * 2.0 * tau2
    if pi > 0:
        grad[n_g + 2] = float(np.sum(r / pi - q / (1.0 - pi)))
    else:
        grad[n_g + 2] = float(np.sum(np.exp(lf1 - lf0) - 1.0))
    c = d / (one_s * one_s)
    du = -c * jac
    djac = c / (a_safe * a_safe) - c / (b * b)
    dlf1 = -e1_ok * du / var + djac / jac + 1.0 / one_s
    grad[n_g + 3] = float(np.sum(np.where(ok, r * dlf1, 0.0)))
    return value, grad, r


def _sampling_var(group: IntArray, n_g: int, k: FloatArray, d: FloatArray) -> FloatArray:
    """Binomial variance of the logit share, 1 / (n p (1 - p)), at the pooled share p of the
    precinct's group (a fixed share keeps the variance bounded where counts are small)."""
    n = k + d
    p = (np.bincount(group, weights=k, minlength=n_g) + 0.5) / (
        np.bincount(group, weights=n, minlength=n_g) + 1.0)
    pg = p[group]
    out: FloatArray = 1.0 / (n * pg * (1.0 - pg))
    return out


def _wls(
    y: FloatArray, wt: FloatArray, data: SwitchingInputs
) -> tuple[FloatArray, float]:
    """Weighted least squares of y on group effects and the turnout slope (Frisch-Waugh)."""
    n_g = len(data.group_names)
    g, x = data.group, data.turnout_logit
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


def _fit_null(data: SwitchingInputs, u: FloatArray, w: FloatArray) -> _Fit:
    n_g = len(data.group_names)
    tau2 = max(float(np.var(u)) - float(np.mean(w)), 1e-4)
    alpha, beta = np.zeros(n_g), 0.0
    for _ in range(200):
        alpha, beta = _wls(u, 1.0 / (tau2 + w), data)
        e = u - alpha[data.group] - beta * data.turnout_logit
        new = _tau2_step(e * e, w, tau2)
        done = abs(new - tau2) < 1e-10 * max(tau2, 1e-6)
        tau2 = new
        if done:
            break
    alpha, beta = _wls(u, 1.0 / (tau2 + w), data)
    var = tau2 + w
    e = u - alpha[data.group] - beta * data.turnout_logit
    ll = float(-0.5 * np.sum(_LOG_2PI + np.log(var) + e * e / var))
    theta = np.concatenate([alpha, [beta, 0.5 * np.log(tau2), 0.0, 0.0]])
    return _Fit(ll, theta)


def _fit_mixture(
    data: SwitchingInputs, u: FloatArray, w: FloatArray, k: FloatArray, d: FloatArray,
    null: _Fit, max_share: float,
) -> _Fit:
    n_g = len(data.group_names)
    lower = np.concatenate([np.full(n_g + 1, -np.inf), [-8.0, 0.0, 0.0]])
    upper = np.concatenate([np.full(n_g + 1, np.inf), [3.0, max_share, MAX_FRACTION]])

    def objective(theta: FloatArray) -> tuple[float, FloatArray]:
        value, grad, _ = _loglik(theta, data, u, w, k, d)
        return -value, -grad

    best = null
    for pi0, s0 in STARTS:
        start = null.theta.copy()
        start[n_g + 2] = min(pi0, max_share)
        start[n_g + 3] = s0
        x, f = minimize_box(objective, start, lower, upper)
        if np.isfinite(f) and -f > best.loglik:
            best = _Fit(-f, x)
    return best


def _lr(data: SwitchingInputs, u: FloatArray, w: FloatArray, k: FloatArray, d: FloatArray,
        max_share: float) -> tuple[_Fit, _Fit]:
    null = _fit_null(data, u, w)
    mix = _fit_mixture(data, u, w, k, d, null, max_share)
    return null, mix


# -- uncertainty ----------------------------------------------------------------------------
def _moved(theta: FloatArray, data: SwitchingInputs, r: FloatArray) -> float:
    s = float(theta[-1])
    return float(np.sum(r * data.other) * s / (1.0 - s))


def _moved_gradient(theta: FloatArray, data: SwitchingInputs, n_g: int) -> FloatArray:
    """Gradient of the switched-vote total in the parameters by central differences; the
    group effects at once (each precinct's posterior depends on its own group's effect)."""
    args = (data, data.logit_share, data.sampling_var, data.leader, data.other)
    grad = np.zeros(theta.size)
    h = 1e-6
    for j in range(n_g, theta.size):
        up, dn = theta.copy(), theta.copy()
        up[j] += h
        dn[j] -= h
        grad[j] = (_moved(up, data, _loglik(up, *args, gradient=False)[2])
                   - _moved(dn, data, _loglik(dn, *args, gradient=False)[2])) / (2 * h)
    up, dn = theta.copy(), theta.copy()
    up[:n_g] += h
    dn[:n_g] -= h
    s_up, s_dn = float(up[-1]), float(dn[-1])
    per = (_loglik(up, *args, gradient=False)[2] * data.other * s_up / (1 - s_up)
           - _loglik(dn, *args, gradient=False)[2] * data.other * s_dn / (1 - s_dn)) / (2 * h)
    grad[:n_g] = np.bincount(data.group, weights=per, minlength=n_g)
    return grad


def _observed_information_cov(
    theta: FloatArray, data: SwitchingInputs, max_share: float
) -> FloatArray | None:
    """Inverse of minus the numerical Hessian; None on a boundary or if not definite."""
    n_g = len(data.group_names)
    pi, s = float(theta[n_g + 2]), float(theta[n_g + 3])
    if not (1e-4 < pi < max_share - 1e-4 and 1e-4 < s < MAX_FRACTION - 1e-4):
        return None
    args = (data, data.logit_share, data.sampling_var, data.leader, data.other)
    hess = block_jacobian(theta, n_g, lambda th: _loglik(th, *args)[1], 1e-5)
    hess = 0.5 * (hess + hess.T)
    try:
        cov = np.linalg.inv(-hess)
    except np.linalg.LinAlgError:
        return None
    if not np.all(np.isfinite(cov)) or np.any(np.diag(cov) <= 0):
        return None
    return np.asarray(cov, dtype=np.float64)


# -- public ---------------------------------------------------------------------------------
def _check_switching_arguments(replicates: int, max_share: float) -> None:
    if replicates < 0:
        raise InputError("replicates", "must be zero or more")
    if not 0.0 < max_share <= 1.0:
        raise InputError("max_share", f"must lie in (0, 1] (got {max_share})")


def _p_value(null_lr: FloatArray, lr: float, replicates: int) -> float | None:
    """The parametric-bootstrap p-value, counting the observed statistic (None without one)."""
    if replicates <= 0:
        return None
    return float((1 + np.count_nonzero(null_lr >= lr)) / (1 + replicates))


def _standard_errors(
    theta: FloatArray,
    data: SwitchingInputs,
    r: FloatArray,
    moved: float,
    max_share: float,
) -> tuple[float | None, float | None, tuple[float, float] | None]:
    """Standard errors of the share and fraction switched and a 95% interval for the votes
    moved, from the observed information (all None when it cannot be inverted)."""
    cov = _observed_information_cov(theta, data, max_share)
    if cov is None:
        return None, None, None
    n_g = len(data.group_names)
    s = float(theta[n_g + 3])
    pi_se = float(np.sqrt(cov[n_g + 2, n_g + 2]))
    s_se = float(np.sqrt(cov[n_g + 3, n_g + 3]))
    grad = _moved_gradient(theta, data, n_g)
    m_i = data.other * s / (1.0 - s)
    var = float(grad @ cov @ grad) + float(np.sum(r * (1 - r) * m_i * m_i))
    half = Z95 * float(np.sqrt(max(var, 0.0)))
    return pi_se, s_se, (max(0.0, moved - half), moved + half)


def switching_test(
    table: PrecinctTable,
    replicates: int = 199,
    seed: int | None = 0,
    by: str = "auto",
    max_share: float = 0.5,
    on_replicate: Callable[[], None] | None = None,
) -> SwitchingResult:
    """Fit the clean and switched-votes models, test, and estimate (see module docstring).

    ``replicates`` = 0 skips the bootstrap (``p_value`` is then None). ``on_replicate`` is
    called after each bootstrap replicate (a progress bar's hook)."""
    _check_switching_arguments(replicates, max_share)
    data = select_inputs(table, by)
    n_g = len(data.group_names)
    u, w, k, d = data.logit_share, data.sampling_var, data.leader, data.other
    null, mix = _lr(data, u, w, k, d, max_share)
    lr = max(0.0, 2.0 * (mix.loglik - null.loglik))
    _, _, r = _loglik(mix.theta, data, u, w, k, d, gradient=False)
    pi, s = float(mix.theta[n_g + 2]), float(mix.theta[n_g + 3])

    null_lr = _bootstrap_lr(data, null, replicates, seed, max_share, on_replicate)
    tau0 = float(np.exp(null.theta[n_g + 1]))
    p_value = _p_value(null_lr, lr, replicates)

    moved = _moved(mix.theta, data, r)
    pi_se, s_se, interval = _standard_errors(mix.theta, data, r, moved, max_share)

    contrast, contrast_se = _turnout_contrast(data, r)
    posterior = np.full(len(table), np.nan)
    posterior[data.rows] = r
    bounds = _on_bound(pi, s, max_share)
    return SwitchingResult(
        n_precincts=len(table),
        n_used=int(data.rows.size),
        level=data.level,
        n_groups=n_g,
        loglik_null=null.loglik,
        loglik_mixture=mix.loglik,
        lr_statistic=lr,
        p_value=p_value,
        replicates=replicates,
        seed=seed,
        share_switched=pi,
        share_switched_se=pi_se,
        fraction=s,
        fraction_se=s_se,
        switched_votes=moved,
        switched_votes_interval=interval,
        official_leader=int(table.leader_votes().sum()),
        tau=float(np.exp(mix.theta[n_g + 1])),
        turnout_slope=float(mix.theta[n_g]),
        turnout_contrast=contrast,
        turnout_contrast_se=contrast_se,
        null_tau=tau0,
        null_lr=null_lr,
        posterior=posterior,
        on_bound=tuple(b.english for b in bounds),
        bounds=bounds,
    )


def _bootstrap_lr(data: SwitchingInputs, null: _Fit, replicates: int, seed: int | None,
                  max_share: float, on_replicate: Callable[[], None] | None) -> FloatArray:
    """LR statistics of ``replicates`` parametric-bootstrap draws from the fitted null:
    clean logits around the null's mean with its tau, leader counts redrawn as binomials."""
    n_g = len(data.group_names)
    rng = np.random.default_rng(seed)
    null_lr = np.zeros(replicates)
    mu0 = null.theta[:n_g][data.group] + null.theta[n_g] * data.turnout_logit
    tau0 = float(np.exp(null.theta[n_g + 1]))
    n_votes = (data.leader + data.other).astype(np.int64)
    for b in range(replicates):
        kb = rng.binomial(n_votes, expit(mu0 + tau0 * rng.standard_normal(mu0.size)))
        kb_f = kb.astype(np.float64)
        db = n_votes - kb_f
        ub = _empirical_logit(kb_f, db)
        wb = _sampling_var(data.group, n_g, kb_f, db)
        nb, mb = _lr(data, ub, wb, kb_f, db, max_share)
        null_lr[b] = max(0.0, 2.0 * (mb.loglik - nb.loglik))
        if on_replicate is not None:
            on_replicate()
    return null_lr


def _turnout_contrast(data: SwitchingInputs, r: FloatArray) -> tuple[float, float]:
    """Turnout residual (within group) of precincts weighted by r, minus the rest, and its
    SE: near 0 under switching, positive under stuffing."""
    n_g = len(data.group_names)
    t = data.turnout_logit
    t_res = t - (np.bincount(data.group, weights=t, minlength=n_g)
                 / np.bincount(data.group, minlength=n_g))[data.group]
    sr, sq = float(r.sum()), float((1 - r).sum())
    if sr > 1e-9 and sq > 1e-9:
        return (float(np.dot(r, t_res) / sr - np.dot(1 - r, t_res) / sq),
                float(np.std(t_res) * np.sqrt(1 / max(sr, 1.0) + 1 / sq)))
    return 0.0, float("nan")


def _on_bound(pi: float, s: float, max_share: float) -> tuple[OnBound, ...]:
    """Which estimates sit on a constraint: such an estimate is the constraint speaking, not
    the data, and its Wald interval is not valid."""
    out = []
    if pi >= max_share - 1e-6:
        out.append(OnBound(BoundKind.SHARE_UPPER, "share_switched", pi, max_share,
                           f"share_switched at its upper bound {max_share} (switched precincts "
                           "are assumed a minority; the data pull further)"))
    if pi <= 1e-6:
        out.append(OnBound(BoundKind.SHARE_ZERO, "share_switched", pi, 0.0,
                           "share_switched at 0 (no switched component)"))
    if s >= MAX_FRACTION - 1e-6:
        out.append(OnBound(BoundKind.FRACTION_UPPER, "fraction_switched", s, MAX_FRACTION,
                           f"fraction_switched at its upper bound {MAX_FRACTION}"))
    if s <= 1e-6 and pi > 1e-6:
        out.append(OnBound(BoundKind.FRACTION_ZERO, "fraction_switched", s, 0.0,
                           "fraction_switched at 0"))
    return tuple(out)
