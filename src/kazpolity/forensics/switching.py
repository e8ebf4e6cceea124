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

Fit: maximum likelihood (``kazpolity.forensics.switching_fit``). The one-component null
(pi = 0) is fitted by iterated weighted least squares with the exact fixed point for tau^2;
the mixture by projected BFGS (box constraints, analytic gradients) from (pi, s) = (0.1, 0.3)
and (0.3, 0.1) at the null fit's location and scale (``pi <= max_share``, default 1/2:
switched precincts are a minority, which also keeps a mixture from fitting mere left skew of
clean support). On large tables the starts run on a fixed subsample and are polished on every
precinct (coarse-to-fine); a fit that stops without meeting its convergence criteria is
flagged (``SwitchingResult.converged``).

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
from kazpolity.forensics.optimize import block_jacobian
from kazpolity.forensics.switching_fit import (
    MAX_FRACTION,
    MixtureFit,
    Sample,
    fit_mixture,
    fit_null,
    loglik,
)
from kazpolity.forensics.switching_result import (
    Z95,
    SwitchingResult,
)
from kazpolity.forensics.table import LABEL_ROLES, FloatArray, IntArray, PrecinctTable

__all__ = ["MAX_FRACTION", "SwitchingInputs", "select_inputs", "switching_test"]

MIN_PRECINCTS = 30
MIN_GROUP = 10  # smaller groups are pooled into one



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
def _sample(data: SwitchingInputs, u: FloatArray, w: FloatArray, k: FloatArray,
            d: FloatArray) -> Sample:
    return Sample.of(u, w, k, d, data.turnout_logit, data.group, len(data.group_names))


def _observed(data: SwitchingInputs) -> Sample:
    return _sample(data, data.logit_share, data.sampling_var, data.leader, data.other)


def _loglik(
    theta: FloatArray, data: SwitchingInputs, u: FloatArray, w: FloatArray,
    k: FloatArray, d: FloatArray, gradient: bool = True,
) -> tuple[float, FloatArray, FloatArray]:
    """Mixture log-likelihood, its gradient in ``theta`` and the posteriors r_i."""
    return loglik(theta, _sample(data, u, w, k, d), gradient)


def _sampling_var(group: IntArray, n_g: int, k: FloatArray, d: FloatArray) -> FloatArray:
    """Binomial variance of the logit share, 1 / (n p (1 - p)), at the pooled share p of the
    precinct's group (a fixed share keeps the variance bounded where counts are small)."""
    n = k + d
    p = (np.bincount(group, weights=k, minlength=n_g) + 0.5) / (
        np.bincount(group, weights=n, minlength=n_g) + 1.0)
    pg = p[group]
    out: FloatArray = 1.0 / (n * pg * (1.0 - pg))
    return out


def _lr(sample: Sample, max_share: float) -> tuple[MixtureFit, MixtureFit]:
    null = fit_null(sample)
    return null, fit_mixture(sample, null, max_share)


# -- uncertainty ----------------------------------------------------------------------------
def _moved(theta: FloatArray, data: SwitchingInputs, r: FloatArray) -> float:
    s = float(theta[-1])
    return float(np.sum(r * data.other) * s / (1.0 - s))


def _moved_gradient(theta: FloatArray, data: SwitchingInputs, n_g: int) -> FloatArray:
    """Gradient of the switched-vote total in the parameters by central differences; the
    group effects at once (each precinct's posterior depends on its own group's effect)."""
    obs = _observed(data)
    grad = np.zeros(theta.size)
    h = 1e-6
    for j in range(n_g, theta.size):
        up, dn = theta.copy(), theta.copy()
        up[j] += h
        dn[j] -= h
        grad[j] = (_moved(up, data, loglik(up, obs, gradient=False)[2])
                   - _moved(dn, data, loglik(dn, obs, gradient=False)[2])) / (2 * h)
    up, dn = theta.copy(), theta.copy()
    up[:n_g] += h
    dn[:n_g] -= h
    s_up, s_dn = float(up[-1]), float(dn[-1])
    per = (loglik(up, obs, gradient=False)[2] * data.other * s_up / (1 - s_up)
           - loglik(dn, obs, gradient=False)[2] * data.other * s_dn / (1 - s_dn)) / (2 * h)
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
    obs = _observed(data)
    hess = block_jacobian(theta, n_g, lambda th: loglik(th, obs)[1], 1e-5)
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
    obs = _observed(data)
    null, mix = _lr(obs, max_share)
    lr = max(0.0, 2.0 * (mix.loglik - null.loglik))
    _, _, r = loglik(mix.theta, obs, gradient=False)
    pi, s = float(mix.theta[n_g + 2]), float(mix.theta[n_g + 3])

    null_lr, unconverged = _bootstrap_lr(data, null, replicates, seed, max_share, on_replicate)
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
        p_value=_p_value(null_lr, lr, replicates),
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
        null_tau=float(np.exp(null.theta[n_g + 1])),
        null_lr=null_lr,
        posterior=posterior,
        on_bound=tuple(b.english for b in bounds),
        bounds=bounds,
        converged=mix.converged,
        replicates_not_converged=unconverged,
    )


def _bootstrap_lr(data: SwitchingInputs, null: MixtureFit, replicates: int, seed: int | None,
                  max_share: float, on_replicate: Callable[[], None] | None
                  ) -> tuple[FloatArray, int]:
    """LR statistics of ``replicates`` parametric-bootstrap draws from the fitted null:
    clean logits around the null's mean with its tau, leader counts redrawn as binomials;
    and how many of the replicates' mixture fits stopped without converging."""
    n_g = len(data.group_names)
    rng = np.random.default_rng(seed)
    null_lr = np.zeros(replicates)
    unconverged = 0
    mu0 = null.theta[:n_g][data.group] + null.theta[n_g] * data.turnout_logit
    tau0 = float(np.exp(null.theta[n_g + 1]))
    n_votes = (data.leader + data.other).astype(np.int64)
    for b in range(replicates):
        kb = rng.binomial(n_votes, expit(mu0 + tau0 * rng.standard_normal(mu0.size)))
        kb_f = kb.astype(np.float64)
        db = n_votes - kb_f
        ub = _empirical_logit(kb_f, db)
        wb = _sampling_var(data.group, n_g, kb_f, db)
        nb, mb = _lr(_sample(data, ub, wb, kb_f, db), max_share)
        null_lr[b] = max(0.0, 2.0 * (mb.loglik - nb.loglik))
        unconverged += not mb.converged
        if on_replicate is not None:
            on_replicate()
    return null_lr, unconverged


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
