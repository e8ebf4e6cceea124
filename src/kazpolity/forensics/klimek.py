"""Klimek, Yegorov, Hanel & Thurner (PNAS 2012): the election fingerprint and stuffing model.

Fingerprint: the 2-D histogram of precincts by turnout (x) and winner's share of ballots
cast (y). Clean elections give one roughly Gaussian blob; ballot stuffing smears it towards
the upper right, and extreme stuffing piles precincts at (100%, 100%).

Stuffing model (as in the paper and the Election Forensics Toolkit port): clean turnout
a ~ N(tau, sigma_tau) and winner share v ~ N(nu, sigma_nu), truncated to (0, 1); with
probability f_i a precinct has incremental stuffing, x ~ |N(0, theta)|; with probability f_e
extreme stuffing, x = 1 - |N(0, 0.075)|; a fraction x of the non-voters is added to the winner
and a fraction x**alpha of the opposition's votes is moved to the winner.

Fit (simulated minimum distance): start values of tau, sigma_tau, nu, sigma_nu come from a
Gaussian fitted to the left flanks of the marginal distributions (the side that stuffing does
not reach). For each (alpha, theta) on a grid, three component fingerprints are simulated
with the observed register sizes and common random numbers (every precinct clean; every
precinct incremental; every precinct extreme).
The expected fingerprint of the model is linear in (f_i, f_e):
H = (1 - f_i - f_e) H_clean + f_i H_inc + f_e H_ext, so f_i, f_e are fitted by
non-negative weighted least squares (weights 1 / (H_obs + 1)), and the (alpha, theta) with
the smallest residual is kept; then the four clean parameters are refined by Nelder-Mead on
the same distance (f_i, f_e re-fitted inside) and the grid is searched again. Repeating the
whole fit with independent simulation seeds
gives the reported mean and SD (simulation uncertainty only, not sampling uncertainty).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats
from scipy.optimize import minimize, nnls

from kazpolity.errors import InputError
from kazpolity.forensics.table import FloatArray, IntArray, PrecinctTable

ALPHA_GRID: tuple[float, ...] = (0.5, 1.0, 1.67, 2.0, 3.33)
THETA_GRID: tuple[float, ...] = (0.1, 0.15, 0.2, 0.3)
FIT_BINS = 25


@dataclass(frozen=True)
class Fingerprint:
    """Counts of precincts per (turnout bin, winner-share bin); edges in fractions."""

    counts: NDArray[np.int64]  # (turnout bins, share bins)
    turnout_edges: FloatArray
    share_edges: FloatArray
    n_used: int

    def as_json(self) -> dict[str, object]:
        return {
            "method": "turnout x winner-share fingerprint (Klimek et al. 2012)",
            "statistic": "2-D histogram of precincts (rows: turnout bins; columns: share bins)",
            "n_used": self.n_used,
            "turnout_edges": self.turnout_edges.tolist(),
            "share_edges": self.share_edges.tolist(),
            "counts": self.counts.tolist(),
        }


def fingerprint(table: PrecinctTable, bins: int = 100) -> Fingerprint:
    """2-D histogram of turnout x leader share over precincts with ballots cast."""
    t, v, _ = _usable(table)
    return _histogram(t, v, bins)


def _histogram(t: FloatArray, v: FloatArray, bins: int) -> Fingerprint:
    edges = np.linspace(0.0, 1.0, bins + 1)
    # close the last bin on the right so that 100% lands in it
    h, _, _ = np.histogram2d(np.clip(t, 0, 1), np.clip(v, 0, 1), bins=[edges, edges])
    return Fingerprint(h.astype(np.int64), edges, edges, int(t.size))


def _usable(table: PrecinctTable) -> tuple[FloatArray, FloatArray, IntArray]:
    reg = table.registered
    voters = table.voters()
    cast = table.cast()
    lead = table.leader_votes()
    ok = (reg > 0) & (cast > 0) & (voters > 0)
    t = voters[ok] / reg[ok].astype(np.float64)
    v = lead[ok] / cast[ok].astype(np.float64)
    return np.clip(t, 0, 1), np.clip(v, 0, 1), reg[ok]


@dataclass(frozen=True)
class CleanParameters:
    tau: float
    sigma_tau: float
    nu: float
    sigma_nu: float


def _left_flank_gaussian(x: FloatArray, clean_share: float) -> tuple[float, float]:
    """Mean and SD of a Gaussian fitted to the left flank of ``x``, where only a share
    ``clean_share`` of the precincts is clean and the rest have been moved to the right:
    the full-sample quantile q is then the clean quantile q / clean_share."""
    c = min(max(clean_share, 0.3), 1.0)
    levels = np.array([0.05, 0.15, 0.30]) * c
    q = np.quantile(x, levels)
    z = stats.norm.ppf(levels / c)
    slope, intercept = np.polyfit(z, q, 1)
    return float(intercept), float(max(slope, 1e-3))


def estimate_clean_parameters(
    t: FloatArray, v: FloatArray, clean_share: float = 1.0
) -> CleanParameters:
    """Gaussian turnout and share of clean precincts from the left flanks (see
    ``_left_flank_gaussian``)."""
    tau, s_tau = _left_flank_gaussian(t, clean_share)
    nu, s_nu = _left_flank_gaussian(v, clean_share)
    return CleanParameters(tau, s_tau, nu, s_nu)


def _truncated_normal(
    mean: float, sd: float, n: int, rng: np.random.Generator
) -> NDArray[np.float64]:
    x = rng.normal(mean, sd, n)
    for _ in range(100):
        bad = (x <= 0) | (x >= 1)
        if not bad.any():
            break
        x[bad] = rng.normal(mean, sd, int(bad.sum()))
    return np.clip(x, 1e-6, 1 - 1e-6)


def simulate_klimek(
    registered: IntArray,
    clean: CleanParameters,
    f_incremental: float,
    f_extreme: float,
    alpha: float,
    theta: float,
    rng: np.random.Generator,
    mode: str | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Simulated (turnout, winner share) per precinct under the Klimek model. ``mode``
    ``"clean"``, ``"incremental"`` or ``"extreme"`` forces every precinct into one
    component (used for the component fingerprints)."""
    n = registered.size
    a = _truncated_normal(clean.tau, clean.sigma_tau, n, rng)
    s = _truncated_normal(clean.nu, clean.sigma_nu, n, rng)
    voters = np.round(registered * a)
    win = np.round(voters * s)
    opp = voters - win
    xi = np.abs(rng.normal(0.0, theta, n))
    xi = np.where(xi >= 1, 0.999, xi)
    xe = np.clip(1 - np.abs(rng.normal(0.0, 0.075, n)), 0, 1)
    if mode == "clean":
        x = np.zeros(n)
    elif mode == "incremental":
        x = xi
    elif mode == "extreme":
        x = xe
    else:
        u = rng.random(n)
        x = np.where(u < f_incremental, xi, np.where(u < f_incremental + f_extreme, xe, 0.0))
    added = np.floor(x * (registered - voters))
    stolen = np.round(x**alpha * opp)
    win = win + added + stolen
    opp = opp - stolen
    total = win + opp
    with np.errstate(divide="ignore", invalid="ignore"):
        t = total / registered
        v = np.where(total > 0, win / np.maximum(total, 1), 0.0)
    return np.clip(t, 0, 1), np.clip(v, 0, 1)


@dataclass(frozen=True)
class KlimekFit:
    f_incremental: float
    f_incremental_sd: float
    f_extreme: float
    f_extreme_sd: float
    alpha: float
    theta: float
    clean: CleanParameters
    residual: float
    n_used: int
    repeats: int
    seed: int | None

    def as_json(self) -> dict[str, object]:
        return {
            "method": "Klimek et al. (2012) ballot-stuffing model fitted by simulation",
            "statistic": "fractions of precincts with incremental (f_i) and extreme (f_e) "
            "stuffing that best reproduce the turnout x share fingerprint",
            "null_model": "f_i = f_e = 0: one truncated-Gaussian blob (turnout, share)",
            "assumptions": "clean turnout and share are Gaussian and independent; the left "
            "flanks of the marginal distributions are untouched; stuffing follows the model; "
            "SDs are over simulation repeats only",
            "f_incremental": self.f_incremental,
            "f_incremental_sd": self.f_incremental_sd,
            "f_extreme": self.f_extreme,
            "f_extreme_sd": self.f_extreme_sd,
            "alpha": self.alpha,
            "theta": self.theta,
            "tau": self.clean.tau,
            "sigma_tau": self.clean.sigma_tau,
            "nu": self.clean.nu,
            "sigma_nu": self.clean.sigma_nu,
            "residual": self.residual,
            "n_used": self.n_used,
            "repeats": self.repeats,
            "seed": self.seed,
        }


@dataclass(frozen=True)
class _Draws:
    """Common random numbers: the fit's objective is smooth in the clean parameters."""

    reg: NDArray[np.float64]
    za: NDArray[np.float64]
    zs: NDArray[np.float64]
    zi: NDArray[np.float64]
    ze: NDArray[np.float64]


def _components(
    d: _Draws, clean: CleanParameters, alpha: float, theta: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    a = np.clip(clean.tau + clean.sigma_tau * d.za, 1e-6, 1 - 1e-6)
    s = np.clip(clean.nu + clean.sigma_nu * d.zs, 1e-6, 1 - 1e-6)
    voters = np.round(d.reg * a)
    win0 = np.round(voters * s)
    opp0 = voters - win0
    copies = d.reg.size / max(1, d.reg.size)
    out = []
    for x in (np.zeros_like(a), np.minimum(np.abs(theta * d.zi), 0.999),
              np.clip(1 - np.abs(0.075 * d.ze), 0, 1)):
        added = np.floor(x * (d.reg - voters))
        stolen = np.round(x**alpha * opp0)
        win = win0 + added + stolen
        total = voters + added
        t = total / d.reg
        v = np.where(total > 0, win / np.maximum(total, 1), 0.0)
        out.append(_histogram(t, v, FIT_BINS).counts.ravel().astype(np.float64) * copies)
    return out[0], out[1], out[2]


def _nnls_fit(
    obs: FloatArray, comps: tuple[FloatArray, FloatArray, FloatArray], scale: float
) -> tuple[float, float, float]:
    h0, hi, he = (c * scale for c in comps)
    w = 1.0 / np.sqrt(obs + 1.0)
    a_mat = np.stack([hi - h0, he - h0], axis=1) * w[:, None]
    coef, _ = nnls(a_mat, (obs - h0) * w)
    fi, fe = float(coef[0]), float(coef[1])
    if fi + fe > 1:
        fi, fe = fi / (fi + fe), fe / (fi + fe)
    model = (1 - fi - fe) * h0 + fi * hi + fe * he
    return float(np.sum((obs - model) ** 2 / (obs + 1.0))), fi, fe


def _fit_once(
    t: FloatArray,
    v: FloatArray,
    reg: IntArray,
    start: CleanParameters,
    rng: np.random.Generator,
    alphas: tuple[float, ...],
    thetas: tuple[float, ...],
    copies: int,
) -> tuple[float, float, float, float, float, CleanParameters]:
    obs = _histogram(t, v, FIT_BINS).counts.ravel().astype(np.float64)
    n = reg.size
    m = n * copies
    d = _Draws(np.tile(reg, copies).astype(np.float64), rng.standard_normal(m),
               rng.standard_normal(m), rng.standard_normal(m), rng.standard_normal(m))
    scale = 1.0 / copies

    def grid(clean: CleanParameters) -> tuple[float, float, float, float, float]:
        best = (np.inf, 0.0, 0.0, alphas[0], thetas[0])
        for alpha in alphas:
            for theta in thetas:
                r, fi, fe = _nnls_fit(obs, _components(d, clean, alpha, theta), scale)
                if r < best[0]:
                    best = (r, fi, fe, alpha, theta)
        return best

    first = grid(start)
    alpha, theta = first[3], first[4]

    def objective(p: NDArray[np.float64]) -> float:
        clean = CleanParameters(p[0], abs(p[1]) + 1e-3, p[2], abs(p[3]) + 1e-3)
        return _nnls_fit(obs, _components(d, clean, alpha, theta), scale)[0]

    x0 = np.array([start.tau, start.sigma_tau, start.nu, start.sigma_nu])
    res = minimize(objective, x0, method="Nelder-Mead",
                   options={"maxfev": 150, "xatol": 1e-3, "fatol": 1e-3 * max(1.0, first[0])})
    p = res.x
    clean = CleanParameters(float(p[0]), float(abs(p[1]) + 1e-3), float(p[2]),
                            float(abs(p[3]) + 1e-3))
    best = grid(clean)
    return best[0] / max(n, 1), best[1], best[2], best[3], best[4], clean


def klimek_fit(
    table: PrecinctTable,
    repeats: int = 3,
    seed: int | None = 0,
    alphas: tuple[float, ...] = ALPHA_GRID,
    thetas: tuple[float, ...] = THETA_GRID,
    copies: int = 2,
    on_repeat: Callable[[], None] | None = None,
) -> KlimekFit:
    """Fit f_i, f_e (and alpha, theta on a grid) by simulation; see module docstring.

    ``on_repeat`` is called after each simulation repeat (a progress bar's hook).
    """
    if repeats < 1:
        raise InputError("replicates", "need at least one simulation repeat")
    t, v, reg = _usable(table)
    if t.size < 50:
        raise InputError("registered", "the Klimek fit needs at least 50 usable precincts")
    start = estimate_clean_parameters(t, v)
    rng = np.random.default_rng(seed)
    fits = []
    for _ in range(repeats):
        fits.append(_fit_once(t, v, reg, start, rng, alphas, thetas, copies))
        if on_repeat is not None:
            on_repeat()
    arr = np.array([[f[1], f[2], f[3], f[4], f[0]] for f in fits])
    alpha = float(_most_common(arr[:, 2]))
    theta = float(_most_common(arr[:, 3]))
    sd = arr.std(axis=0, ddof=1) if repeats > 1 else np.zeros(5)
    cl = [f[5] for f in fits]
    clean = CleanParameters(
        float(np.mean([c.tau for c in cl])), float(np.mean([c.sigma_tau for c in cl])),
        float(np.mean([c.nu for c in cl])), float(np.mean([c.sigma_nu for c in cl])),
    )
    return KlimekFit(
        f_incremental=float(arr[:, 0].mean()),
        f_incremental_sd=float(sd[0]),
        f_extreme=float(arr[:, 1].mean()),
        f_extreme_sd=float(sd[1]),
        alpha=alpha,
        theta=theta,
        clean=clean,
        residual=float(arr[:, 4].mean()),
        n_used=int(t.size),
        repeats=repeats,
        seed=seed,
    )


def _most_common(x: FloatArray) -> float:
    values, counts = np.unique(x, return_counts=True)
    return float(values[int(np.argmax(counts))])
