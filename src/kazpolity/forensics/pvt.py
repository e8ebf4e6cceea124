"""Parallel vote tabulation (PVT, "quick count"): a stratified random sample of precincts
whose protocols observers copy at the count, and the national estimate it gives.

Design (Estok, Nevitte & Cowan, *The Quick Count and Election Observation*, NDI 2002, ch. 5;
Cochran, *Sampling Techniques*, 3rd ed. 1977, sections 4.4, 5.5 and 6.11):

* strata are regions; precincts are drawn without replacement in each, in proportion to the
  region's number of precincts (at least ``MIN_PER_STRATUM``);
* size: precincts are clusters of voters, so the sample size comes from the between-precinct
  variation of the quantity estimated: m0 = (z * S / E)^2 precincts, with S the standard
  deviation of the ratio residual (y_i - R x_i) / x̄ over precincts (from a previous election's
  precinct results, or a stated worst case) and E the margin of error, corrected for the
  finite number of precincts M: m = m0 / (1 + m0 / M) (Cochran eq. 4.2);
* estimate: the combined ratio estimator R̂ = Σ_h M_h ȳ_h / Σ_h M_h x̄_h (leader votes over
  valid votes; voters over registered for turnout) with the linearised variance
  V = Σ_h M_h² (1 - m_h/M_h) s²_{e,h} / m_h / X̂², e_i = y_i - R̂ x_i (Cochran 6.11), and a
  normal 95% interval; the official result is compared with it: the difference, its z and
  whether the official figure lies outside the interval.

What a PVT shows is bounded by what it samples: it checks the count at the precincts, not the
register, not what happened before the count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats

from kazpolity.errors import InputError
from kazpolity.forensics.table import FloatArray, PrecinctTable

MIN_PER_STRATUM = 2
WORST_CASE_SD = 0.5  # a share's residual SD can never exceed 1/2 of the mean denominator


@dataclass(frozen=True)
class SampleDesign:
    """A drawn PVT sample: which precincts, how many per stratum, and how the size came."""

    margin: float
    confidence: float
    residual_sd: float
    sd_source: str
    size_unrounded: float
    strata: Mapping[str, tuple[int, int]]  # stratum -> (precincts, sampled)
    rows: NDArray[np.int64]  # sampled row indices into the frame
    seed: int

    @property
    def size(self) -> int:
        return int(self.rows.size)

    def as_json(self) -> dict[str, object]:
        return {
            "method": "stratified random sample of precincts for a parallel vote tabulation",
            "formula": "m0 = (z * S / E)^2, m = m0 / (1 + m0 / M); proportional allocation "
            f"by region, at least {MIN_PER_STRATUM} per region",
            "margin": self.margin, "confidence": self.confidence,
            "residual_sd": self.residual_sd, "residual_sd_source": self.sd_source,
            "size_formula": self.size_unrounded, "size": self.size, "seed": self.seed,
            "strata": {k: {"precincts": m, "sampled": n} for k, (m, n) in self.strata.items()},
        }


def residual_sd(table: PrecinctTable) -> float:
    """S: SD over precincts of (leader - R * valid) / mean(valid), R the national share."""
    y, x = table.leader_votes().astype(np.float64), _valid(table)
    r = y.sum() / max(x.sum(), 1.0)
    return float(np.std((y - r * x) / max(x.mean(), 1e-9), ddof=1))


def sample_size(margin: float, confidence: float, sd: float, population: int) -> float:
    """m = m0 / (1 + m0 / M) with m0 = (z S / E)^2 (Cochran 1977, eq. 4.2)."""
    if not 0 < margin < 0.5:
        raise InputError("--margin", f"must lie in (0, 0.5) (got {margin})")
    if not 0.5 < confidence < 1:
        raise InputError("--confidence", f"must lie in (0.5, 1) (got {confidence})")
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    m0 = (z * sd / margin) ** 2
    return m0 / (1 + m0 / population)


def draw_sample(
    table: PrecinctTable, margin: float = 0.01, confidence: float = 0.95, seed: int = 0,
    sd: float | None = None,
) -> SampleDesign:
    """Size from ``sample_size`` (S from ``sd``, else from the table's leader votes if
    mapped, else the worst case 1/2), allocated by region, drawn with ``seed``."""
    if sd is not None and not 0 < sd <= 10:
        raise InputError("--sd", f"must lie in (0, 10] (got {sd})")
    if sd is not None:
        s, source = sd, "stated (--sd)"
    elif table.leader is not None:
        s, source = residual_sd(table), "the frame's own precinct results (leader votes)"
    else:
        s, source = WORST_CASE_SD, "worst case (no results in the frame)"
    strata = table.strata("region" if table.region is not None else None)
    total = len(table)
    m = sample_size(margin, confidence, s, total)
    rng = np.random.default_rng(seed)
    rows: list[NDArray[np.int64]] = []
    plan: dict[str, tuple[int, int]] = {}
    for name, mask in strata.items():
        members = np.flatnonzero(mask)
        want = min(members.size, max(MIN_PER_STRATUM, int(np.ceil(m * members.size / total))))
        rows.append(np.sort(rng.choice(members, size=want, replace=False)))
        plan[name] = (int(members.size), int(want))
    return SampleDesign(margin, confidence, s, source, m, plan,
                        np.concatenate(rows).astype(np.int64), seed)


def _valid(table: PrecinctTable) -> FloatArray:
    valid = table.valid if table.valid is not None else table.cast()
    return valid.astype(np.float64)


@dataclass(frozen=True)
class RatioEstimate:
    """One estimated national ratio with its interval, beside the official figure."""

    quantity: str
    estimate: float
    se: float
    low: float
    high: float
    official: float | None

    @property
    def official_outside(self) -> bool | None:
        if self.official is None:
            return None
        return not self.low <= self.official <= self.high

    def as_json(self) -> dict[str, object]:
        diff = None if self.official is None else self.official - self.estimate
        return {"quantity": self.quantity, "estimate": self.estimate, "se": self.se,
                "ci95": [self.low, self.high], "official": self.official,
                "official_minus_estimate": diff,
                "z": None if diff is None or self.se == 0 else diff / self.se,
                "official_outside_ci": self.official_outside}


def stratified_ratio(
    y: FloatArray, x: FloatArray, stratum: NDArray[np.int64], sizes: NDArray[np.int64],
    confidence: float = 0.95,
) -> tuple[float, float, float, float]:
    """Combined ratio estimator and its linearised SE (Cochran 6.11) over a stratified
    sample: ``stratum`` codes the sampled rows, ``sizes`` the strata's precinct counts."""
    k = sizes.size
    n_h = np.bincount(stratum, minlength=k).astype(np.float64)
    if np.any(n_h < 2):
        raise InputError("sample", "every stratum needs at least 2 sampled precincts")
    y_bar = np.bincount(stratum, weights=y, minlength=k) / n_h
    x_bar = np.bincount(stratum, weights=x, minlength=k) / n_h
    big_x = float(np.sum(sizes * x_bar))
    if big_x <= 0:
        raise InputError("sample", "the sampled denominators are all zero")
    r = float(np.sum(sizes * y_bar)) / big_x
    e = y - r * x
    e_bar = np.bincount(stratum, weights=e, minlength=k) / n_h
    s2 = np.bincount(stratum, weights=(e - e_bar[stratum]) ** 2, minlength=k) / (n_h - 1)
    var = float(np.sum(sizes**2 * (1 - n_h / sizes) * s2 / n_h)) / big_x**2
    se = float(np.sqrt(max(var, 0.0)))
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    return r, se, r - z * se, r + z * se


@dataclass(frozen=True)
class PvtEstimate:
    """National estimates from the sampled protocols, beside the official result."""

    n_sampled: int
    n_frame: int
    n_strata: int
    share: RatioEstimate
    turnout: RatioEstimate | None
    confidence: float

    def as_json(self) -> dict[str, object]:
        return {
            "method": "parallel vote tabulation: combined ratio estimator over a stratified "
            "sample of precinct protocols (Cochran 1977, 6.11)",
            "null_model": "the official result equals what the sampled precinct protocols "
            "imply; the interval is the sampling interval of the estimate",
            "assumptions": "precincts sampled at random within regions as designed; observers' "
            "copies are the protocols signed at the precinct; the interval covers sampling "
            "error only, not copying errors or precincts the observers did not reach",
            "confidence": self.confidence, "n_sampled": self.n_sampled,
            "n_frame": self.n_frame, "strata": self.n_strata,
            "leader_share": self.share.as_json(),
            "turnout": self.turnout.as_json() if self.turnout else None,
        }


def pvt_estimate(frame: PrecinctTable, sample: PrecinctTable,
                 confidence: float = 0.95) -> PvtEstimate:
    """Estimate the leader's national share of valid votes (and turnout if the sample has
    voters) from ``sample`` (observers' protocols, one row per sampled precinct, linked to
    ``frame`` by the ``precinct`` id); ``frame`` gives strata and, if it holds results, the
    official figures."""
    if frame.precinct is None or sample.precinct is None:
        raise InputError("precinct", "map the precinct id in the frame and in the sample "
                         "(--map precinct=COLUMN) to link them")
    index = {str(p): i for i, p in enumerate(frame.precinct)}
    ids = [str(p) for p in sample.precinct]
    unknown = [p for p in ids if p not in index]
    if unknown:
        raise InputError("precinct", f"{len(unknown)} sampled precinct(s) are not in the frame, "
                         f"e.g. {unknown[0]!r}")
    if len(set(ids)) != len(ids):
        raise InputError("precinct", "a precinct appears twice in the sample")
    rows = np.array([index[p] for p in ids], dtype=np.int64)
    labels = frame.region if frame.region is not None else np.full(len(frame), "National",
                                                                   dtype=object)
    names, codes = np.unique(labels.astype(str), return_inverse=True)
    sizes = np.bincount(codes, minlength=names.size).astype(np.int64)
    stratum = codes[rows]
    if np.bincount(stratum, minlength=names.size).min() < 2:
        raise InputError("sample", "every region of the frame needs at least 2 sampled "
                         "precincts")
    r, se, lo, hi = stratified_ratio(sample.leader_votes().astype(np.float64), _valid(sample),
                                     stratum, sizes, confidence)
    official = (float(frame.leader_votes().sum() / max(_valid(frame).sum(), 1.0))
                if frame.leader is not None else None)
    share = RatioEstimate("leader share of valid votes", r, se, lo, hi, official)
    turnout = None
    if sample.issued is not None or sample.ballots is not None or sample.valid is not None:
        t, t_se, t_lo, t_hi = stratified_ratio(
            sample.voters().astype(np.float64), sample.registered.astype(np.float64),
            stratum, sizes, confidence)
        has_voters = any(a is not None for a in (frame.issued, frame.ballots, frame.valid))
        t_off = (float(frame.voters().sum() / max(int(frame.registered.sum()), 1))
                 if has_voters else None)
        turnout = RatioEstimate("turnout", t, t_se, t_lo, t_hi, t_off)
    return PvtEstimate(len(sample), len(frame), int(names.size), share, turnout, confidence)
