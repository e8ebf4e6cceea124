"""Digit and distribution tests: the Election Forensics Toolkit battery and Beber & Scacco.

EFT conventions (Kalinin & Mebane, ``BasicElectionForensics``, kkalininMI/EFToolkit), which
these functions follow exactly so that published tables reproduce to 3 decimals:

* Turnout row: the counts are the ballots column (``TotalVotes``); the percentage is
  ballots / registered, capped at 1 (0/0 is missing and dropped).
* Candidate rows: the counts are the candidate's votes; the percentage is votes / ballots,
  capped at 1.
* ``2BL``: mean of the second digit of counts with at least two digits (Benford mean 4.187).
* ``LastC``: mean of the last digit of all counts (uniform mean 4.5).
* ``C05s``: share of counts whose last digit is 0 or 5 (uniform 0.2).
* ``P05s``: share of percentages, ``100*p`` rounded to a whole number (half to even, as R's
  ``round``), whose last digit is 0 or 5 (0.2 if percentages are smooth).
* ``Skew`` and ``Kurt``: population moments of the percentage (fractions, not points);
  kurtosis is not excess (normal = 3).
* ``DipT``: p-value of Hartigan's dip test on the uncapped percentage.
* ``Sobyanin``: slope of vote share on turnout (OLS) minus the mean vote share.
* ``Correlation``: Pearson correlation of turnout and vote share.
* ``Obs``: number of rows in the stratum (missing values included).
* CIs: nonparametric bootstrap over precincts, "basic" interval (2*t0 - upper and lower
  order statistics, interpolated as R's ``boot.ci``), for the six bootstrapped statistics.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats
from scipy.special import ndtri

from kazpolity.errors import InputError
from kazpolity.forensics.table import FloatArray, IntArray, PrecinctTable

BENFORD_2BL_MEAN = float(
    sum(d * sum(np.log10(1 + 1 / (10 * k + d)) for k in range(1, 10)) for d in range(10))
)

BOOTSTRAPPED = ("_2BL", "LastC", "P05s", "C05s", "Skew", "Kurt")
ALL_METHODS = (*BOOTSTRAPPED, "DipT", "Sobyanin", "Correlation")


# -- digit extraction (pure, on non-negative integers) ---------------------------------------
def second_digit(counts: IntArray) -> NDArray[np.float64]:
    """Second significant digit of each count; NaN for counts below 10."""
    c = np.asarray(counts, dtype=np.int64)
    out = np.full(c.size, np.nan)
    ok = c >= 10
    if ok.any():
        v = c[ok]
        ndig = np.floor(np.log10(v)).astype(np.int64) + 1
        # guard against log10 rounding at powers of ten
        ndig = np.where(10 ** (ndig - 1) > v, ndig - 1, ndig)
        ndig = np.where(10**ndig <= v, ndig + 1, ndig)
        out[ok] = (v // 10 ** (ndig - 2)) % 10
    return out


def last_digit(counts: IntArray) -> IntArray:
    return np.asarray(counts, dtype=np.int64) % 10


def rounded_percent_last_digit(share: FloatArray) -> NDArray[np.float64]:
    """Last digit of ``round(100*share)`` (half to even); NaN where the share is missing."""
    p = np.round(np.asarray(share, dtype=np.float64) * 100.0)
    return np.where(np.isfinite(p), np.mod(p, 10), np.nan)


# -- the statistics -------------------------------------------------------------------------
def mean_second_digit(counts: IntArray) -> float:
    d = second_digit(counts)
    return float(np.nanmean(d)) if np.isfinite(d).any() else float("nan")


def mean_last_digit(counts: IntArray) -> float:
    return float(np.mean(last_digit(counts))) if counts.size else float("nan")


def share_counts_05(counts: IntArray) -> float:
    d = last_digit(counts)
    return float(np.mean((d == 0) | (d == 5))) if d.size else float("nan")


def share_percent_05(share: FloatArray) -> float:
    d = rounded_percent_last_digit(share)
    ok = np.isfinite(d)
    return float(np.mean((d[ok] == 0) | (d[ok] == 5))) if ok.any() else float("nan")


def skewness(x: FloatArray) -> float:
    v = x[np.isfinite(x)]
    if v.size < 3:
        return float("nan")
    c = v - v.mean()
    m2 = np.mean(c**2)
    return float(np.mean(c**3) / m2**1.5) if m2 > 0 else float("nan")


def kurtosis(x: FloatArray) -> float:
    """Non-excess kurtosis n*sum(c^4)/sum(c^2)^2 (normal = 3), as R's moments::kurtosis."""
    v = x[np.isfinite(x)]
    if v.size < 4:
        return float("nan")
    c = v - v.mean()
    s2 = np.sum(c**2)
    return float(v.size * np.sum(c**4) / s2**2) if s2 > 0 else float("nan")


def sobyanin_slope(turnout: FloatArray, share: FloatArray) -> float:
    ok = np.isfinite(turnout) & np.isfinite(share)
    if ok.sum() < 3 or np.ptp(turnout[ok]) == 0:
        return float("nan")
    slope = float(np.polyfit(turnout[ok], share[ok], 1)[0])
    return slope - float(np.mean(share[np.isfinite(share)]))


def correlation(turnout: FloatArray, share: FloatArray) -> float:
    ok = np.isfinite(turnout) & np.isfinite(share)
    if ok.sum() < 3:
        return float("nan")
    return float(np.corrcoef(turnout[ok], share[ok])[0, 1])


def dip_test_pvalue(x: FloatArray) -> float:
    """Hartigan's dip test p-value (interpolated from the dip table, as R's dip.test)."""
    import diptest

    v = np.asarray(x[np.isfinite(x)], dtype=np.float64)
    if v.size < 4:
        return float("nan")
    with warnings.catch_warnings():  # beyond n = 72,000 the table's last row is used
        warnings.simplefilter("ignore", UserWarning)
        _, pval = diptest.diptest(v)
    return float(pval)


# -- bootstrap ------------------------------------------------------------------------------
def _basic_ci(t0: float, boots: FloatArray, conf: float = 0.95) -> tuple[float, float]:
    """R ``boot.ci(type="basic")``: 2*t0 minus interpolated order statistics."""
    b = np.sort(boots[np.isfinite(boots)])
    r = b.size
    if r < 2 or not np.isfinite(t0):
        return (float("nan"), float("nan"))
    alphas = np.array([(1 + conf) / 2, (1 - conf) / 2])
    rk = (r + 1) * alphas
    k = np.floor(rk).astype(int)
    out = []
    for a, kk, rka in zip(alphas, k, rk, strict=True):
        if kk == rka and 1 <= kk <= r:
            q = b[kk - 1]
        else:
            kk = int(min(max(kk, 1), r - 1))
            # linear interpolation on the normal quantile scale, as boot:::norm.inter
            lo, hi = (kk) / (r + 1), (kk + 1) / (r + 1)
            z, zlo, zhi = ndtri(a), ndtri(lo), ndtri(hi)
            q = b[kk - 1] + (z - zlo) / (zhi - zlo) * (b[kk] - b[kk - 1])
        out.append(2 * t0 - float(q))
    return (float(out[0]), float(out[1]))


@dataclass(frozen=True)
class Estimate:
    value: float
    ci_low: float = float("nan")
    ci_high: float = float("nan")

    def as_json(self) -> dict[str, float | None]:
        def clean(v: float) -> float | None:
            return None if not np.isfinite(v) else float(v)

        return {"value": clean(self.value), "ci_low": clean(self.ci_low),
                "ci_high": clean(self.ci_high)}


@dataclass(frozen=True)
class BatteryRow:
    """One stratum x one series (Turnout or a party) of the EFT table."""

    level: str
    series: str
    estimates: Mapping[str, Estimate]
    n: int

    def as_json(self) -> dict[str, object]:
        return {
            "level": self.level,
            "series": self.series,
            "n": self.n,
            **{k: v.as_json() for k, v in self.estimates.items()},
        }


BATTERY_NULLS: Mapping[str, str] = {
    "_2BL": f"second digits follow Benford's law (mean {BENFORD_2BL_MEAN:.3f})",
    "LastC": "last digits uniform (mean 4.5)",
    "C05s": "last digits uniform (share of 0/5 = 0.2)",
    "P05s": "rounded percentages smooth (share ending in 0/5 = 0.2)",
    "Skew": "no fixed null; compare across strata",
    "Kurt": "no fixed null; normal = 3",
    "DipT": "unimodal distribution (p-value reported; interpolated from the dip table, whose "
    "last row, n = 72,000, serves larger strata)",
    "Sobyanin": "no fixed null; large positive = share rises with turnout",
    "Correlation": "no fixed null; turnout and share uncorrelated",
}


def _statistics(counts: IntArray, share: FloatArray, methods: tuple[str, ...]) -> list[float]:
    funcs: dict[str, Callable[[], float]] = {
        "_2BL": lambda: mean_second_digit(counts),
        "LastC": lambda: mean_last_digit(counts),
        "P05s": lambda: share_percent_05(share),
        "C05s": lambda: share_counts_05(counts),
        "Skew": lambda: skewness(share),
        "Kurt": lambda: kurtosis(share),
    }
    return [funcs[m]() for m in methods]


_CHUNK_ELEMENTS = 2_000_000  # replicate x precinct elements per chunk (~16 MB of floats)
_DIGIT_CATEGORIES = {"_2BL": 11, "LastC": 10, "C05s": 10, "P05s": 11}


def _bootstrap(
    counts: IntArray, share: FloatArray, methods: tuple[str, ...], replicates: int,
    rng: np.random.Generator,
) -> NDArray[np.float64]:
    """Nonparametric bootstrap over precincts of the digit and moment statistics:
    (replicates, len(methods)), in constant memory.

    A digit statistic is a function of how many resampled precincts fall in each digit
    category, and those category counts of a resample of n precincts are exactly
    Multinomial(n, observed category shares): drawing them directly is the same bootstrap
    at a cost independent of n. Skewness and kurtosis need the values' power sums: the
    values are grouped into fine bins and the bins' counts drawn the same way
    (``_bootstrap_moments``)."""
    n = counts.size
    out = np.full((replicates, len(methods)), np.nan)
    if n == 0:
        return out
    cats = _digit_category_codes(counts, share)
    for j, m in enumerate(methods):
        if m in _DIGIT_CATEGORIES:
            k = _DIGIT_CATEGORIES[m]
            freq = np.bincount(cats[m], minlength=k) / n
            draws = rng.multinomial(n, freq, size=replicates).astype(np.float64)
            out[:, j] = _digit_statistic(m, draws)
    moments = [j for j, m in enumerate(methods) if m in ("Skew", "Kurt")]
    if moments:
        skew, kurt = _bootstrap_moments(share, replicates, rng)
        for j in moments:
            out[:, j] = skew if methods[j] == "Skew" else kurt
    return out


def _digit_category_codes(counts: IntArray, share: FloatArray) -> dict[str, IntArray]:
    """Per precinct: second digit (10 = none), last digit, rounded-percent last digit
    (10 = missing)."""
    d2 = second_digit(counts)
    p05 = rounded_percent_last_digit(share)
    last = last_digit(counts)
    return {"_2BL": np.where(np.isfinite(d2), d2, 10).astype(np.int64), "LastC": last,
            "C05s": last, "P05s": np.where(np.isfinite(p05), p05, 10).astype(np.int64)}


def _digit_statistic(method: str, draws: NDArray[np.float64]) -> NDArray[np.float64]:
    digits = np.arange(10, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "_2BL":
            out = draws[:, :10] @ digits / draws[:, :10].sum(1)
        elif method == "LastC":
            out = draws @ digits / draws.sum(1)
        elif method == "C05s":
            out = (draws[:, 0] + draws[:, 5]) / draws.sum(1)
        else:  # P05s
            out = (draws[:, 0] + draws[:, 5]) / draws[:, :10].sum(1)
    return np.asarray(out, dtype=np.float64)


MOMENT_BINS = 1024
"""Bins of the moments' bootstrap (see ``_bootstrap_moments``)."""


def _bootstrap_moments(
    share: FloatArray, replicates: int, rng: np.random.Generator
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Skewness and kurtosis of ``replicates`` resamples of the finite values of ``share``.

    A resample of n precincts is a Multinomial(n, observed shares) draw of how often each
    value is taken; with the values grouped into ``MOMENT_BINS`` equal bins, each bin stands
    for its members' power sums at their mean, so a replicate costs O(bins) instead of O(n).
    Grouping moves a power sum only by the within-bin spread: with bins of width h the
    variance changes by at most h^2/12 (Sheppard), 8e-8 of the squared range here, far below
    the bootstrap's own spread."""
    x = share[np.isfinite(share)]
    n = x.size
    if n == 0:
        nan = np.full(replicates, np.nan)
        return nan, nan.copy()
    xc = x - float(x.mean())  # centred first: power sums stay accurate
    lo, hi = float(xc.min()), float(xc.max())
    code = np.minimum(((xc - lo) / max(hi - lo, 1e-300) * MOMENT_BINS).astype(np.int64),
                      MOMENT_BINS - 1)
    size = np.bincount(code, minlength=MOMENT_BINS)
    used = size > 0
    mean = np.bincount(code, weights=xc, minlength=MOMENT_BINS)[used] / size[used]
    powers = np.stack([mean**q for q in range(1, 5)], axis=1)
    freq = size[used] / n
    sums = np.zeros((replicates, 4))
    chunk = max(1, _CHUNK_ELEMENTS // max(freq.size, 1))
    for start in range(0, replicates, chunk):
        stop = min(replicates, start + chunk)
        draws = rng.multinomial(n, freq, size=stop - start).astype(np.float64)
        sums[start:stop] = draws @ powers
    m1 = sums[:, 0] / n
    m2 = sums[:, 1] / n - m1**2
    m3 = sums[:, 2] / n - 3 * m1 * sums[:, 1] / n + 2 * m1**3
    m4 = sums[:, 3] / n - 4 * m1 * sums[:, 2] / n + 6 * m1**2 * sums[:, 1] / n - 3 * m1**4
    with np.errstate(divide="ignore", invalid="ignore"):
        return m3 / m2**1.5, m4 / m2**2


def _series(table: PrecinctTable) -> dict[str, tuple[IntArray, FloatArray, FloatArray | None]]:
    """Turnout and each party: (counts, capped percentage, uncapped percentage)."""
    out: dict[str, tuple[IntArray, FloatArray, FloatArray | None]] = {}
    votes = table.voters()
    with np.errstate(divide="ignore", invalid="ignore"):
        t = votes / table.registered.astype(np.float64)
    t = np.where(np.isnan(t), np.nan, t)
    out["Turnout"] = (votes, np.minimum(t, 1.0), t)
    cast = table.cast()
    parties = dict(table.parties)
    if table.leader is not None and "leader" not in parties:
        parties = {"leader": table.leader, **parties}
    for name, c in parties.items():
        with np.errstate(divide="ignore", invalid="ignore"):
            s = c / cast.astype(np.float64)
        out[name] = (c, np.minimum(s, 1.0), s)
    return out


def eft_battery(
    table: PrecinctTable,
    by: str | None = None,
    methods: tuple[str, ...] = ALL_METHODS,
    replicates: int = 1000,
    seed: int | None = 0,
    *,
    on_step: Callable[[], None] | None = None,
) -> list[BatteryRow]:
    """The EFT table: one row per stratum and series (Turnout, then leader and parties).

    ``on_step`` is called after each row (``battery_steps`` rows in all; a progress bar)."""
    for m in methods:
        if m not in ALL_METHODS:
            raise InputError("methods", f"unknown method {m!r} (known: {', '.join(ALL_METHODS)})")
    rng = np.random.default_rng(seed)
    boot_methods = tuple(m for m in methods if m in BOOTSTRAPPED)
    rows: list[BatteryRow] = []
    strata = table.strata(by)
    series_all = _series(table)
    turnout_uncapped = series_all["Turnout"][2]
    assert turnout_uncapped is not None
    for sname in series_all:
        for level, mask in strata.items():
            counts, share, uncapped = (
                series_all[sname][0][mask],
                series_all[sname][1][mask],
                series_all[sname][2],
            )
            unc = uncapped[mask] if uncapped is not None else share
            est: dict[str, Estimate] = {}
            if boot_methods:
                t0 = _statistics(counts, share, boot_methods)
                boots = (
                    _bootstrap(counts, share, boot_methods, replicates, rng)
                    if replicates
                    else None
                )
                for j, m in enumerate(boot_methods):
                    if boots is None:
                        est[m] = Estimate(t0[j])
                    else:
                        lo, hi = _basic_ci(t0[j], boots[:, j])
                        est[m] = Estimate(t0[j], lo, hi)
            if "DipT" in methods:
                est["DipT"] = Estimate(dip_test_pvalue(unc))
            if sname != "Turnout":
                t_here = turnout_uncapped[mask]
                if "Sobyanin" in methods:
                    est["Sobyanin"] = Estimate(sobyanin_slope(t_here, unc))
                if "Correlation" in methods:
                    est["Correlation"] = Estimate(correlation(t_here, unc))
            rows.append(BatteryRow(level, sname, est, int(mask.sum())))
            if on_step is not None:
                on_step()
    return rows


def battery_steps(table: PrecinctTable, by: str | None = None) -> int:
    """How many rows ``eft_battery`` computes (and how often it calls ``on_step``)."""
    return len(_series(table)) * len(table.strata(by))


# -- Beber & Scacco -------------------------------------------------------------------------
@dataclass(frozen=True)
class DigitTest:
    """A digit-frequency test with its null and p-value."""

    name: str
    statistic: float
    expected: float
    n: int
    p_value: float
    null_model: str
    frequencies: tuple[int, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "statistic": self.statistic,
            "expected": self.expected,
            "n": self.n,
            "p_value": self.p_value,
            "null_model": self.null_model,
            "frequencies": list(self.frequencies),
        }


def last_digit_chi2(counts: IntArray, min_count: int = 10) -> DigitTest:
    """Beber & Scacco (2012): last digits of counts >= ``min_count`` are uniform on 0-9;
    Pearson chi-square with 9 degrees of freedom."""
    c = np.asarray(counts, dtype=np.int64)
    c = c[c >= min_count]
    freq = np.bincount(c % 10, minlength=10)
    n = int(freq.sum())
    if n == 0:
        return DigitTest("last-digit chi2", float("nan"), 9.0, 0, float("nan"),
                         "last digits uniform on 0-9", tuple(int(x) for x in freq))
    chi2, p = stats.chisquare(freq)
    return DigitTest("last-digit chi2", float(chi2), 9.0, n, float(p),
                     f"last digits of counts >= {min_count} uniform on 0-9 (chi-square, 9 df)",
                     tuple(int(x) for x in freq))


def digit_pair_tests(counts: IntArray, min_count: int = 10) -> tuple[DigitTest, DigitTest]:
    """Beber & Scacco pair tests on (tens, units) of counts >= ``min_count``: the share of
    repeated pairs (expected 0.10) and of adjacent pairs, |tens - units| = 1 (expected
    0.18); exact binomial two-sided p-values. People inventing numbers avoid repeats and
    favour adjacent digits."""
    c = np.asarray(counts, dtype=np.int64)
    c = c[c >= min_count]
    n = int(c.size)
    tens, units = (c // 10) % 10, c % 10
    rep = int(np.count_nonzero(tens == units))
    adj = int(np.count_nonzero(np.abs(tens - units) == 1))

    def test(name: str, k: int, p0: float) -> DigitTest:
        if n == 0:
            return DigitTest(name, float("nan"), p0, 0, float("nan"), "")
        p = float(stats.binomtest(k, n, p0).pvalue)
        return DigitTest(name, k / n, p0, n, p,
                         f"last two digits independent and uniform (share = {p0})")

    return test("repeated-pair share", rep, 0.10), test("adjacent-pair share", adj, 0.18)
