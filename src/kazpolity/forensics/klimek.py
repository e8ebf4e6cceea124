"""Klimek, Yegorov, Hanel & Thurner (PNAS 2012): the election fingerprint and stuffing model.

Fingerprint: the 2-D histogram of precincts by turnout (x) and winner's share of ballots
cast (y), both as fractions. Clean elections give one roughly Gaussian blob; ballot stuffing
smears it towards the upper right, and extreme stuffing piles precincts at (100%, 100%).

Stuffing model (as in the paper and the Election Forensics Toolkit port): clean turnout
a ~ N(tau, sigma_tau) and winner share v ~ N(nu, sigma_nu); with probability f_i a precinct
has incremental stuffing, x ~ |N(0, theta)|; with probability f_e extreme stuffing,
x = 1 - |N(0, 0.075)|; a fraction x of the non-voters is added to the winner and a fraction
x**alpha of the opposition's votes is moved to the winner.

Fit (simulated minimum distance), ``klimek_fit``:

* clean model: turnout and share independent and Gaussian, on the linear scale (the paper;
  default) or on the logit scale (``clean_scale="logit"``), plus binomial counting noise for
  each precinct's register size; with ``by_region=True`` the blob is centred on each region
  (regional medians, minus their mean, are fixed offsets; the national centre and the SDs
  are fitted);
* start values of the clean parameters: a Gaussian fitted to the left flanks of the
  marginals (the side stuffing does not reach);
* for each (alpha, theta) on the grid, three component fingerprints are simulated with the
  observed register sizes and common random numbers (every precinct clean; incremental;
  extreme). The expected fingerprint is linear in (f_i, f_e):
  H = (1 - f_i - f_e) H_clean + f_i H_inc + f_e H_ext, so f_i, f_e >= 0 are fitted by
  iteratively reweighted NNLS minimising Pearson's distance sum (H_obs - H)^2 / (H + 1) on a
  25 x 25 grid. Observed and simulated precincts are binned cloud-in-cell (shared bilinearly
  between neighbouring bins) so that the distance moves continuously with the parameters;
* with the best (alpha, theta), the four clean parameters are refined by Nelder-Mead (explicit
  initial simplex scaled by the SDs; a second start from the left flanks corrected for the
  fitted contaminated share), f_i, f_e re-fitted inside, and the grid is searched again.
  Repeating the fit with independent simulation seeds gives the reported mean and SD
  (simulation uncertainty only, not sampling uncertainty); the sampling interval is a
  parametric bootstrap from the fit (``kazpolity.forensics.klimek_interval``). A
  Nelder-Mead run that stops at its evaluation cap is flagged (``KlimekFit.converged``).

What is identified (measured on ``kazpolity.simulate`` elections of 4,000 precincts):
f_e to within +-0.01. f_i much less well: an incremental component with small theta is a
slightly shifted copy of the clean blob, so roughly only f_i * theta**2 is pinned down; with
theta free, f_i on clean elections ranges up to ~0.8. With theta known and the clean model
matching the generator (by_region, logit) f_i is recovered within [-0.05, +0.15], biased up by
~0.06 because the generator's clean shape (softmax shares, region mixture) is not exactly
the model's. Region effects matter: a national model reads chance correlation between
regional turnout and support as stuffing, but regional centres absorb stuffing that is
concentrated in whole regions. The national linear fit is the one comparable with published
fits (see tests/forensics/test_klimek_fit.py for Duma 2011).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import stats
from scipy.optimize import minimize, nnls

from kazpolity.errors import InputError
from kazpolity.forensics.not_run import MethodNotApplicable, NotRunReason
from kazpolity.forensics.on_bound import OnBound, klimek_bounds
from kazpolity.forensics.table import FloatArray, IntArray, PrecinctTable

ALPHA_GRID: tuple[float, ...] = (0.5, 1.0, 1.67, 2.0, 3.33)
THETA_GRID: tuple[float, ...] = (0.1, 0.15, 0.2, 0.3)
FIT_BINS = 25
CLEAN_SCALES: tuple[str, ...] = ("linear", "logit")
NM_MAXFEV = 300


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


def _soft_histogram(t: FloatArray, v: FloatArray, bins: int) -> FloatArray:
    """Cloud-in-cell 2-D histogram (flattened): each point is shared bilinearly between the
    four nearest bin centres, so counts move continuously with the points."""
    gt = np.clip(t, 0, 1) * bins - 0.5
    gv = np.clip(v, 0, 1) * bins - 0.5
    i0 = np.floor(gt)
    j0 = np.floor(gv)
    wt = gt - i0
    wv = gv - j0
    out = np.zeros(bins * bins)
    for di, w_i in ((0, 1 - wt), (1, wt)):
        ii = np.clip(i0 + di, 0, bins - 1).astype(np.int64)
        for dj, w_j in ((0, 1 - wv), (1, wv)):
            jj = np.clip(j0 + dj, 0, bins - 1).astype(np.int64)
            out += np.bincount(ii * bins + jj, weights=w_i * w_j, minlength=bins * bins)
    return out


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


def stuffing_transfer(
    x: FloatArray, nonvoters: NDArray[Any], opposition: NDArray[Any], alpha: float,
) -> tuple[FloatArray, FloatArray]:
    """The one ballot-stuffing arithmetic (Klimek et al. 2012, model section): in a precinct
    stuffed at intensity x, floor(x * non-voters) ballots are added for the winner and
    round(x**alpha * votes) are moved from the opposition to the winner. ``opposition`` is
    one column (a total) or one column per party (rows: precincts), rounded per party.
    Used by the fit (``_components``) and by the synthetic elections
    (``kazpolity.simulate.falsify.stuff_ballots``)."""
    added = np.floor(x * nonvoters)
    share = x**alpha
    stolen = np.round((share[:, None] if np.ndim(opposition) == 2 else share) * opposition)
    return np.asarray(added, dtype=np.float64), np.asarray(stolen, dtype=np.float64)


NOT_CONVERGED = ("the Nelder-Mead refinement of the clean parameters stopped at its "
                 f"evaluation cap ({NM_MAXFEV}) in at least one repeat: the estimate is the best "
                 "point found, not a verified minimum")


@dataclass(frozen=True)
class KlimekInterval:
    """95% intervals of f_i and f_e by parametric bootstrap (``klimek_interval``)."""

    f_incremental: tuple[float, float]
    f_extreme: tuple[float, float]
    replicates: int
    meaning: str

    def as_json(self) -> dict[str, object]:
        return {"f_incremental_ci95": list(self.f_incremental),
                "f_extreme_ci95": list(self.f_extreme),
                "interval_replicates": self.replicates, "interval_meaning": self.meaning}


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
    by_region: bool = False
    clean_scale: str = "linear"
    bins: int = 25
    on_bound: tuple[str, ...] = ()  # estimates on an edge of their grid or constraint
    converged: bool = True  # every repeat's Nelder-Mead run met its tolerances
    raw_clean: CleanParameters | None = None  # on the fit's scale (the bootstrap draws here)
    simulated: int = 0  # precincts per simulated fingerprint
    interval: KlimekInterval | None = None  # parametric bootstrap (klimek_interval)
    bounds: tuple[OnBound, ...] = ()  # the same, typed (for the kk/ru texts)

    def as_json(self) -> dict[str, object]:
        return {
            "method": "Klimek et al. (2012) ballot-stuffing model fitted by simulation",
            "statistic": "fractions of precincts with incremental (f_i) and extreme (f_e) "
            "stuffing that best reproduce the turnout x share fingerprint",
            "null_model": "f_i = f_e = 0: clean turnout and share independent, Gaussian on the "
            f"{self.clean_scale} scale"
            + (" around regional centres" if self.by_region else " (one national blob)"),
            "assumptions": "clean turnout and share are independent (within regions if "
            "by_region) and Gaussian on the stated scale, plus binomial counting noise; "
            "stuffing follows the model and, if by_region, is not concentrated in particular "
            "regions; f_i is identified only through the shape of the fingerprint and is much "
            "less precise than f_e; SDs are over simulation repeats only",
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
            "by_region": self.by_region,
            "clean_scale": self.clean_scale,
            "fit_bins": self.bins,
            "on_bound": list(self.on_bound),
            "converged": self.converged,
            "not_converged": None if self.converged else NOT_CONVERGED,
            "outside_interval": list(self.outside_interval()),
            **(self.interval.as_json() if self.interval is not None else
               {"f_incremental_ci95": None, "f_extreme_ci95": None, "interval_replicates": 0}),
            "sd_meaning": f"SD over {self.repeats} simulation repeats: simulation noise only, "
            "not sampling uncertainty" if self.repeats > 1 else "one repeat: no SD",
        }


    def outside_interval(self) -> tuple[str, ...]:
        """Estimates outside their own interval (it pivots on the bootstrap's cheaper refit):
        the fit and the refit disagree on this table, a misfit of the model."""
        iv = self.interval
        return () if iv is None else tuple(name for name, est, (lo, hi) in (
            ("f_i", self.f_incremental, iv.f_incremental), ("f_e", self.f_extreme, iv.f_extreme))
            if not lo <= est <= hi)


@dataclass(frozen=True)
class _Draws:
    """Common random numbers: the fit's objective is smooth in the clean parameters."""

    reg: NDArray[np.float64]
    off_t: NDArray[np.float64]  # regional offsets of clean turnout (0 nationally)
    off_v: NDArray[np.float64]
    za: NDArray[np.float64]
    zs: NDArray[np.float64]
    zi: NDArray[np.float64]
    ze: NDArray[np.float64]
    zna: NDArray[np.float64]  # binomial counting noise of turnout and share
    zns: NDArray[np.float64]


def _expit(x: FloatArray) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)), dtype=np.float64)


def _logit(p: FloatArray) -> FloatArray:
    q = np.clip(p, 0.005, 0.995)
    return np.asarray(np.log(q / (1 - q)), dtype=np.float64)


def _clean_counts(
    d: _Draws, clean: CleanParameters, scale: str
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Clean voters, winner's and opposition's votes of the simulated precincts."""
    a = clean.tau + d.off_t + clean.sigma_tau * d.za
    s = clean.nu + d.off_v + clean.sigma_nu * d.zs
    if scale == "logit":
        a, s = _expit(a), _expit(s)
    a = np.clip(a, 1e-6, 1 - 1e-6)
    a = np.clip(a + np.sqrt(a * (1 - a) / d.reg) * d.zna, 1e-6, 1 - 1e-6)
    voters = np.maximum(np.round(d.reg * a), 1.0)
    s = np.clip(s, 1e-6, 1 - 1e-6)
    s = np.clip(s + np.sqrt(s * (1 - s) / voters) * d.zns, 1e-6, 1 - 1e-6)
    win0 = np.round(voters * s)
    return voters, win0, voters - win0


def _intensities(d: _Draws, theta: float) -> tuple[FloatArray, FloatArray]:
    """Stuffing intensities x of the incremental and the extreme kind."""
    return (np.minimum(np.abs(theta * d.zi), 0.999),
            np.clip(1 - np.abs(0.075 * d.ze), 0, 1))


def _stuffed_points(d: _Draws, clean: tuple[FloatArray, FloatArray, FloatArray],
                    x: FloatArray, alpha: float) -> tuple[FloatArray, FloatArray]:
    """(turnout, winner's share) after stuffing at intensities ``x``."""
    voters, win0, opp0 = clean
    added, stolen = stuffing_transfer(x, d.reg - voters, opp0, alpha)
    total = voters + added
    return total / d.reg, (win0 + added + stolen) / total


def _components(
    d: _Draws, clean: CleanParameters, alpha: float, theta: float, bins: int, scale: str
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Soft fingerprints with every precinct clean, incremental, extreme (same draws)."""
    counts = _clean_counts(d, clean, scale)
    inc, ext = _intensities(d, theta)
    h0, hi, he = (_soft_histogram(*_stuffed_points(d, counts, x, alpha), bins)
                  for x in (np.zeros_like(d.reg), inc, ext))
    return h0, hi, he


def _nnls_fit(
    obs: FloatArray, comps: tuple[FloatArray, FloatArray, FloatArray], scale: float
) -> tuple[float, float, float]:
    """f_i, f_e >= 0 minimising Pearson's distance sum (obs - model)^2 / (model + 1), by
    iteratively reweighted non-negative least squares (weights start at 1 / (obs + 1))."""
    h0, hi, he = (c * scale for c in comps)
    den = obs + 1.0
    a_raw = np.stack([hi - h0, he - h0], axis=1)
    fi = fe = 0.0
    model = h0
    for _ in range(3):
        w = 1.0 / np.sqrt(den)
        coef, _ = nnls(a_raw * w[:, None], (obs - h0) * w)
        fi, fe = float(coef[0]), float(coef[1])
        if fi + fe > 1:
            fi, fe = fi / (fi + fe), fe / (fi + fe)
        model = (1 - fi - fe) * h0 + fi * hi + fe * he
        den = model + 1.0
    return float(np.sum((obs - model) ** 2 / den)), fi, fe


@dataclass(frozen=True)
class _Data:
    """Observed soft fingerprint and what the simulation needs, on the clean scale."""

    obs: FloatArray
    reg: IntArray
    x_t: FloatArray  # turnout and share on the clean scale, regional offsets removed
    x_v: FloatArray
    off_t: FloatArray
    off_v: FloatArray
    bins: int
    scale: str


def _start(data: _Data, contaminated: float) -> NDArray[np.float64]:
    c = estimate_clean_parameters(data.x_t, data.x_v, 1.0 - contaminated)
    return np.array([c.tau, c.sigma_tau, c.nu, c.sigma_nu])


def simulation_draws(data: _Data, rng: np.random.Generator, simulated: int) -> _Draws:
    """Random numbers for ``simulated`` precincts: whole copies of the observed precincts'
    register sizes and regional offsets when ``simulated`` is a multiple of their number,
    else a random subset of them."""
    n = data.reg.size
    if simulated % n == 0:
        rows = np.tile(np.arange(n), simulated // n)
    else:
        rows = rng.integers(0, n, size=simulated)
    return _Draws(data.reg[rows].astype(np.float64), data.off_t[rows], data.off_v[rows],
                  *(rng.standard_normal(simulated) for _ in range(6)))


def _fit_once(
    data: _Data,
    rng: np.random.Generator,
    alphas: tuple[float, ...],
    thetas: tuple[float, ...],
    simulated: int,
) -> tuple[float, float, float, float, float, CleanParameters, bool]:
    """One simulated fit: (residual per precinct, f_i, f_e, alpha, theta, clean parameters,
    whether the best Nelder-Mead run met its tolerances within ``NM_MAXFEV`` evaluations)."""
    n = data.reg.size
    d = simulation_draws(data, rng, simulated)
    weight = n / simulated

    def clean_of(p: NDArray[np.float64]) -> CleanParameters:
        return CleanParameters(float(p[0]), float(abs(p[1]) + 1e-3), float(p[2]),
                               float(abs(p[3]) + 1e-3))

    def grid(clean: CleanParameters) -> tuple[float, float, float, float, float]:
        best = (np.inf, 0.0, 0.0, alphas[0], thetas[0])
        for alpha in alphas:
            for theta in thetas:
                comps = _components(d, clean, alpha, theta, data.bins, data.scale)
                r, fi, fe = _nnls_fit(data.obs, comps, weight)
                if r < best[0]:
                    best = (r, fi, fe, alpha, theta)
        return best

    x0 = _start(data, 0.0)
    first = grid(clean_of(x0))
    alpha, theta = first[3], first[4]

    def objective(p: NDArray[np.float64]) -> float:
        comps = _components(d, clean_of(p), alpha, theta, data.bins, data.scale)
        return _nnls_fit(data.obs, comps, weight)[0]

    inits = [x0]
    if first[1] + first[2] > 0.01:
        inits.append(_start(data, min(first[1] + first[2], 0.7)))
    best_p, best_r, converged = x0, np.inf, False
    for x_init in inits:
        step = np.array([0.3 * x_init[1], 0.15 * x_init[1], 0.3 * x_init[3], 0.15 * x_init[3]])
        simplex = np.vstack([x_init] + [x_init + np.eye(4)[k] * step[k] for k in range(4)])
        res = minimize(objective, x_init, method="Nelder-Mead",
                       options={"maxfev": NM_MAXFEV, "xatol": 1e-4, "fatol": 0.05,
                                "initial_simplex": simplex})
        if res.fun < best_r:
            best_p, best_r, converged = res.x, float(res.fun), bool(res.success)
    clean = clean_of(best_p)
    best = grid(clean)
    return best[0] / max(n, 1), best[1], best[2], best[3], best[4], clean, converged


def _regional_offsets(
    x_t: FloatArray, x_v: FloatArray, region: NDArray[np.object_] | None
) -> tuple[FloatArray, FloatArray]:
    """Regional medians minus their precinct-weighted mean (zeros without regions)."""
    if region is None:
        return np.zeros_like(x_t), np.zeros_like(x_v)
    _, inv = np.unique(region.astype(str), return_inverse=True)
    k = int(inv.max()) + 1
    size = np.bincount(inv, minlength=k)
    med_t = np.array([np.median(x_t[inv == j]) for j in range(k)])
    med_v = np.array([np.median(x_v[inv == j]) for j in range(k)])
    med_t -= np.average(med_t, weights=size)
    med_v -= np.average(med_v, weights=size)
    return med_t[inv], med_v[inv]


def _reported_clean(params: CleanParameters, scale: str) -> CleanParameters:
    """Clean parameters as fractions: the logit model's median and the SD of the clean
    distribution (by quadrature over its Gaussian)."""
    if scale == "linear":
        return params
    z = np.linspace(-4, 4, 401)
    w = stats.norm.pdf(z)
    w /= w.sum()
    out = []
    for mu, sd in ((params.tau, params.sigma_tau), (params.nu, params.sigma_nu)):
        p = _expit(mu + sd * z)
        mean = float(np.sum(w * p))
        out += [float(_expit(np.array([mu]))[0]), float(np.sqrt(np.sum(w * (p - mean) ** 2)))]
    return CleanParameters(out[0], out[1], out[2], out[3])


def klimek_fit(
    table: PrecinctTable,
    repeats: int = 3,
    seed: int | None = 0,
    alphas: tuple[float, ...] = ALPHA_GRID,
    thetas: tuple[float, ...] = THETA_GRID,
    copies: int | None = None,
    simulated: int | None = None,
    on_repeat: Callable[[], None] | None = None,
    by_region: bool = False,
    clean_scale: str = "linear",
    bins: int = FIT_BINS,
) -> KlimekFit:
    """Fit f_i, f_e (and alpha, theta on a grid) by simulation; see module docstring.

    ``on_repeat`` is called after each simulation repeat (a progress bar's hook).
    ``simulated``: how many precincts each simulated fingerprint has (drawn from the observed
    register sizes; fewer is faster and noisier: the spread over repeats shows it).
    ``copies``: simulated precincts per observed one (default 2 below 20,000 precincts, else
    1). ``by_region`` centres the clean blob on each region (needs the region role);
    ``clean_scale`` is ``"linear"`` (Gaussian in fractions, as in the paper) or ``"logit"``.
    """
    _check_fit_arguments(repeats, clean_scale, bins, alphas, thetas)
    data, n_used = _fit_data(table, by_region, clean_scale, bins)
    size = _simulated_size(copies, simulated, n_used)
    rng = np.random.default_rng(seed)
    fits = []
    for _ in range(repeats):
        fits.append(_fit_once(data, rng, alphas, thetas, size))
        if on_repeat is not None:
            on_repeat()
    arr = np.array([[f[1], f[2], f[3], f[4], f[0]] for f in fits])
    alpha = float(_most_common(arr[:, 2]))
    theta = float(_most_common(arr[:, 3]))
    sd = arr.std(axis=0, ddof=1) if repeats > 1 else np.zeros(5)
    raw = _mean_clean([f[5] for f in fits])
    bounds = klimek_bounds(float(arr[:, 0].mean()), float(arr[:, 1].mean()), alpha, theta,
                           alphas, thetas)
    return KlimekFit(
        f_incremental=float(arr[:, 0].mean()),
        f_incremental_sd=float(sd[0]),
        f_extreme=float(arr[:, 1].mean()),
        f_extreme_sd=float(sd[1]),
        alpha=alpha,
        theta=theta,
        clean=_reported_clean(raw, clean_scale),
        residual=float(arr[:, 4].mean()),
        n_used=n_used,
        repeats=repeats,
        seed=seed,
        by_region=by_region,
        clean_scale=clean_scale,
        bins=bins,
        on_bound=tuple(b.english for b in bounds),
        bounds=bounds,
        converged=all(f[6] for f in fits),
        raw_clean=raw,
        simulated=size,
    )


def _simulated_size(copies: int | None, simulated: int | None, n_used: int) -> int:
    """Precincts per simulated fingerprint: ``simulated``, else ``copies`` per observed one."""
    n_copies = copies if copies is not None else (2 if n_used < 20_000 else 1)
    if n_copies < 1:
        raise InputError("copies", "need at least one simulated copy")
    if simulated is not None and simulated < 1000:
        raise InputError("simulated", "simulate at least 1,000 precincts")
    return simulated if simulated is not None else n_copies * n_used


def _mean_clean(cl: list[CleanParameters]) -> CleanParameters:
    """The clean blob's parameters averaged over the repeats, on the fit's own scale."""
    return CleanParameters(
        float(np.mean([c.tau for c in cl])), float(np.mean([c.sigma_tau for c in cl])),
        float(np.mean([c.nu for c in cl])), float(np.mean([c.sigma_nu for c in cl])))


def _fit_data(
    table: PrecinctTable, by_region: bool, clean_scale: str, bins: int
) -> tuple[_Data, int]:
    """The observed fingerprint and the clean-blob coordinates, and how many precincts count."""
    t, v, reg = _usable(table)
    if t.size < 50:
        raise MethodNotApplicable("registered", "the Klimek fit needs at least 50 usable "
                                  "precincts", NotRunReason.TOO_FEW_PRECINCTS, needed=50,
                                  found=int(t.size))
    region = None
    if by_region:
        if table.region is None:
            raise MethodNotApplicable("region", "by_region needs the region role (--map "
                                      "region=COLUMN)", NotRunReason.ROLE_NOT_MAPPED,
                                      role="region")
        ok = (table.registered > 0) & (table.cast() > 0) & (table.voters() > 0)
        region = table.region[ok]
    ct, cv = (_logit(t), _logit(v)) if clean_scale == "logit" else (t, v)
    off_t, off_v = _regional_offsets(ct, cv, region)
    data = _Data(_soft_histogram(t, v, bins), reg, ct - off_t, cv - off_v, off_t, off_v,
                 bins, clean_scale)
    return data, int(t.size)


def _check_fit_arguments(repeats: int, clean_scale: str, bins: int,
                         alphas: tuple[float, ...], thetas: tuple[float, ...]) -> None:
    if repeats < 1:
        raise InputError("replicates", "need at least one simulation repeat")
    if clean_scale not in CLEAN_SCALES:
        raise InputError("clean_scale", f"must be one of {', '.join(CLEAN_SCALES)}")
    if bins < 5:
        raise InputError("bins", "the fit needs at least 5 bins per axis")
    if not alphas or not thetas:
        raise InputError("alphas", "the alpha and theta grids must not be empty")


def _most_common(x: FloatArray) -> float:
    values, counts = np.unique(x, return_counts=True)
    return float(values[int(np.argmax(counts))])
