"""Integer-percent test of Kobak, Shpilkin & Pshenichnikov (AoAS 2016, 10(1):54-73).

Statistic: the number of precincts whose turnout, or whose leader's share, lies within 0.05
percentage points of a whole percent. Inclusion (as in the paper and dkobak/elections): at
least 100 registered voters, ballots cast (valid + invalid) above zero, turnout and leader
share both at most 99%.

Null model: each included precinct keeps its registered count and its ballots cast; the
number of ballots issued is redrawn as Binomial(registered, observed turnout) and the
leader's votes as Binomial(ballots cast, observed leader share), independently. Excess =
observed count minus the mean count over replicates; the null SD and the central 99.9% band
of (replicate count - mean) say how large an excess chance alone produces.

Three engines draw the same null:

* ``"pmf"`` (default): with the per-precinct probabilities below, a replicate's count of
  integer precincts is a sum of independent Bernoulli variables — a Poisson-binomial
  variable. Its exact distribution is computed once by FFT polynomial multiplication and
  the replicate counts are drawn from it; the cost no longer grows with precincts ×
  replicates. For 100,000 precincts × 1,000 replicates it runs in about 0.3 s, some 40-60×
  faster than the per-precinct loop of the authors' own code (dkobak/elections,
  ``analysis/2024/2024.ipynb``, ``anomaly()``); see ``bench/bench_forensics.py``.
* ``"indicator"``: for each precinct the probability that its binomial redraw is
  "integer" is computed exactly (``integer_probability``); a replicate then draws one uniform per
  precinct per statistic. Because the two redraws are independent and only their
  integer-ness enters the statistic, replicate counts have exactly the distribution of the
  direct redraw; this is a change of sampling order, not an approximation.
* ``"binomial"``: draws the counts themselves (numpy ``Generator.binomial``) in chunks of
  replicates; slower, kept as the literal reference and cross-checked in tests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
from numpy.typing import NDArray

from kazpolity.errors import InputError
from kazpolity.forensics.not_run import MethodNotApplicable, NotRunReason
from kazpolity.forensics.table import FloatArray, IntArray, PrecinctTable

Engine = Literal["pmf", "indicator", "binomial"]
ENGINES: tuple[str, ...] = get_args(Engine)

MIN_REGISTERED = 100
MAX_FRACTION = 0.99
_TAIL_LOG = 36.0  # Bernstein tail bound: mass left out per precinct < 2 exp(-36)
_CHUNK_PRECINCTS = 1024  # precincts per chunk of integer_probability (arrays stay in cache)
_LOG_2PI = math.log(2.0 * math.pi)
_CHUNK_ELEMENTS = 4_000_000  # replicate x precinct elements per chunk (~32 MB of floats)


@dataclass(frozen=True)
class IntegerPercentResult:
    """Outcome of the integer-percent test on one set of precincts."""

    n_precincts: int
    n_included: int
    observed_any: int
    observed_turnout: int
    observed_leader: int
    null_mean_any: float
    null_mean_turnout: float
    null_mean_leader: float
    expected_any: float  # exact expectation under the null (sum of per-precinct probabilities)
    excess_any: float
    excess_turnout: float
    excess_leader: float
    null_sd: float  # SD of the "turnout OR leader" count across replicates
    null_sd_turnout: float
    null_sd_leader: float
    band_999: tuple[float, float]  # central 99.9% of (replicate count - replicate mean), any
    replicates: int
    seed: int | None
    engine: str
    null_counts_any: NDArray[np.int64]

    statistic = (
        "number of precincts whose turnout or leader share lies within 0.05 points of an "
        "integer percent, minus its mean under the binomial null"
    )
    null_model = (
        "issued ~ Binomial(registered, observed turnout) and leader ~ Binomial(ballots cast, "
        "observed leader share), independently per precinct"
    )
    assumptions = (
        "precincts with >= 100 registered, ballots cast > 0, turnout <= 99% and leader share "
        "<= 99% are included; under honest counting the distance of a precinct's percentage "
        "to the nearest integer is as smooth as binomial noise makes it; an excess says "
        "percentages cluster on whole numbers more than chance allows, not why"
    )

    def as_json(self) -> dict[str, object]:
        return {
            "method": "integer-percent (Kobak, Shpilkin & Pshenichnikov 2016)",
            "statistic": self.statistic,
            "null_model": self.null_model,
            "assumptions": self.assumptions,
            "n_precincts": self.n_precincts,
            "n_included": self.n_included,
            "observed_any": self.observed_any,
            "observed_turnout": self.observed_turnout,
            "observed_leader": self.observed_leader,
            "null_mean_any": self.null_mean_any,
            "expected_any_exact": self.expected_any,
            "excess_any": self.excess_any,
            "excess_turnout": self.excess_turnout,
            "excess_leader": self.excess_leader,
            "null_sd": self.null_sd,
            "null_sd_turnout": self.null_sd_turnout,
            "null_sd_leader": self.null_sd_leader,
            "band_999": list(self.band_999),
            "z_any": self.excess_any / self.null_sd if self.null_sd > 0 else None,
            "replicates": self.replicates,
            "seed": self.seed,
            "engine": self.engine,
        }


@dataclass(frozen=True)
class IntegerInputs:
    """The included precincts' counts for the test."""

    registered: IntArray
    issued: IntArray
    cast: IntArray
    leader: IntArray
    included: NDArray[np.bool_]


def select_precincts(table: PrecinctTable) -> IntegerInputs:
    """Apply the paper's inclusion rules."""
    reg = table.registered
    issued = table.voters()
    cast = table.cast()
    leader = table.leader_votes()
    with np.errstate(divide="ignore", invalid="ignore"):
        turnout = issued / np.maximum(reg, 1)
        share = leader / np.maximum(cast, 1)
    included = (
        (reg >= MIN_REGISTERED)
        & (cast > 0)
        & (turnout <= MAX_FRACTION)
        & (share <= MAX_FRACTION)
    )
    return IntegerInputs(
        reg[included], issued[included], cast[included], leader[included], included
    )


def is_integer_percent(k: NDArray[np.integer], n: NDArray[np.integer]) -> NDArray[np.bool_]:
    """True where 100*k/n is strictly within 0.05 points of an integer (exact integer test:
    ``|2000 k - 20 m n| < n`` for the nearest integer m)."""
    k64 = np.asarray(k, dtype=np.int64)
    n64 = np.asarray(n, dtype=np.int64)
    # (2000k + n) mod 20n lies in (0, 2n) exactly when some m has |2000k - 20mn| < n.
    r = np.mod(2000 * k64 + n64, 20 * n64)
    out: NDArray[np.bool_] = (r > 0) & (r < 2 * n64)
    return out


def integer_probability(n: IntArray, p: FloatArray) -> FloatArray:
    """P(100*K/n is integer within 0.05 points) for K ~ Binomial(n, p), per precinct.

    Exact up to round-off (|error| below 1e-12, checked against a brute-force sum of
    ``scipy.stats.binom.pmf``): the sum runs over every integer k in the windows
    ``|2000 k - 20 m n| < n`` (m = 0..100) that lie within a Bernstein tail bound of the
    mean, ``t = T/3 + sqrt(T^2/9 + 2 T n p q)`` with T = 36, so the mass left out is below
    2 exp(-36) ~ 5e-16 for every n and p (an "8 SD" cut is not enough for skewed
    binomials, e.g. n p << 1). Each binomial probability is evaluated with Loader's
    saddle-point form (Loader 2000, "Fast and accurate computation of binomial
    probabilities"; the algorithm behind R's ``dbinom``),
    ``pmf = exp(s(n) - s(k) - s(n-k) - bd0(k, np) - bd0(n-k, nq)) / sqrt(2 pi k (n-k)/n)``
    with Stirling remainders s and the deviance ``bd0(x, M) = x log(x/M) + M - x`` computed
    as ``x log1p((x-M)/M) - (x-M)``: no large log-factorials cancel, so the relative error
    is ~1e-14 instead of the ~1e-11 of a ``gammaln`` table at n ~ 5000.

    Vectorised over precincts in chunks small enough to stay in cache; this is the hot
    loop of the Kobak-Shpilkin-Pshenichnikov null (AoAS 2016), so the index arithmetic
    uses float64 (exact below 2^53) rather than int64 floor division.
    """
    n = np.asarray(n, dtype=np.int64)
    p = np.asarray(p, dtype=np.float64)
    out = np.zeros(n.size, dtype=np.float64)
    idx = np.flatnonzero(n > 0)
    if idx.size == 0:
        return out
    stirling = _stirling_remainders(int(n[idx].max()))
    for first in range(0, idx.size, _CHUNK_PRECINCTS):
        sel = idx[first : first + _CHUNK_PRECINCTS]
        out[sel] = _integer_probability_chunk(n[sel], p[sel], stirling)
    clipped: FloatArray = np.clip(out, 0.0, 1.0)
    return clipped


# s(j) for j = 0..15, from 50-digit decimal arithmetic (Loader's table; checked in tests).
_STIRLING_SMALL = (
    0.0,
    0.08106146679532726,
    0.0413406959554093,
    0.02767792568499834,
    0.020790672103765093,
    0.016644691189821193,
    0.013876128823070748,
    0.01189670994589177,
    0.010411265261972096,
    0.009255462182712733,
    0.00833056343336287,
    0.007573675487951841,
    0.00694284010720953,
    0.006408994188004207,
    0.0059513701127588475,
    0.005554733551962801,
)


def _stirling_remainders(n_max: int) -> FloatArray:
    """s(j) = log(j!) - [(j + 1/2) log j - j + log(2 pi)/2] for j = 0..n_max (s(0) = 0).

    j <= 15 from the table above, larger j from the asymptotic series (its truncation error
    is below 1e-16 from j = 16 on), as in Loader (2000)."""
    out = np.zeros(n_max + 1, dtype=np.float64)
    small = min(n_max, 15) + 1
    out[:small] = _STIRLING_SMALL[:small]
    if n_max > 15:
        big = np.arange(16, n_max + 1, dtype=np.float64)
        sq = big * big
        s0, s1, s2, s3, s4 = 1 / 12, 1 / 360, 1 / 1260, 1 / 1680, 1 / 1188
        out[16:] = (s0 - (s1 - (s2 - (s3 - s4 / sq) / sq) / sq) / sq) / big
    return out


def _integer_probability_chunk(n: IntArray, p: FloatArray, stirling: FloatArray) -> FloatArray:
    """integer_probability for one chunk of precincts (n >= 1); see its docstring."""
    nf = n.astype(np.float64)
    mean = nf * p
    mean_c = nf * (1.0 - p)  # n q; 1 - p is exact for p >= 1/2, so n q is accurate as p -> 1
    t = _TAIL_LOG / 3 + np.sqrt(_TAIL_LOG * _TAIL_LOG / 9 + 2 * _TAIL_LOG * mean * (1.0 - p))
    lo = np.maximum(np.floor(mean - t), 0.0)
    hi = np.minimum(np.ceil(mean + t), nf)
    # Windows m whose k-range |k - m n/100| < n/2000 can meet [lo, hi].
    m_lo = np.maximum(np.floor(100.0 * lo / nf) - 1.0, 0.0)
    m_hi = np.minimum(np.ceil(100.0 * hi / nf) + 1.0, 100.0)
    width = (m_hi - m_lo + 1.0).astype(np.int64)
    start_w = np.cumsum(width) - width
    m = np.arange(int(width.sum()), dtype=np.float64) - np.repeat(start_w - m_lo, width)
    n_w = np.repeat(nf, width)
    # Integers strictly inside ((20 m n - n)/2000, (20 m n + n)/2000). The numerators are
    # integers below 2^53 and a non-integer quotient is >= 1/2000 from any integer, so
    # floor of the float quotient equals integer floor division.
    twenty_mn = 20.0 * m * n_w
    k_first = np.maximum(np.floor((twenty_mn - n_w) / 2000.0) + 1.0, 0.0)
    k_last = np.minimum(np.floor((twenty_mn + n_w - 1.0) / 2000.0), n_w)
    count = np.maximum(k_last - k_first + 1.0, 0.0).astype(np.int64)
    per_precinct = np.add.reduceat(count, start_w)
    ends = np.cumsum(count)
    k = np.repeat(k_first - (ends - count), count) + np.arange(int(ends[-1]), dtype=np.float64)
    n_k = np.repeat(nf, per_precinct)
    rest = n_k - k
    mean_k = np.repeat(mean, per_precinct)
    mean_c_k = np.repeat(mean_c, per_precinct)
    d = k - mean_k
    d_c = rest - mean_c_k
    # p = 0 or 1 (and subnormal n p) give infinite deviances, i.e. pmf 0, as they should.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # bd0(x, M) = x log(x/M) + M - x = x log1p((x-M)/M) - (x-M): both terms are O(x-M),
        # so nothing large cancels.
        log_pmf = (
            np.repeat(stirling[n], per_precinct)
            - stirling[k.astype(np.int64)]
            - stirling[rest.astype(np.int64)]
            - (k * np.log1p(d / mean_k) - d)
            - (rest * np.log1p(d_c / mean_c_k) - d_c)
            - 0.5 * (_LOG_2PI + np.log(k * rest / n_k))
        )
        # k = 0 and k = n (first / last element of a precinct's block when its window
        # range reaches m = 0 / m = 100): q^n and p^n directly.
        block_start = np.cumsum(per_precinct) - per_precinct
        at_zero = (m_lo == 0.0) & (per_precinct > 0)
        log_pmf[block_start[at_zero]] = nf[at_zero] * np.log1p(-p[at_zero])
        at_n = (m_hi == 100.0) & (per_precinct > 0)
        log_pmf[block_start[at_n] + per_precinct[at_n] - 1] = nf[at_n] * np.log(p[at_n])
    pmf = np.exp(log_pmf)
    out = np.zeros(n.size, dtype=np.float64)
    nonempty = per_precinct > 0
    if nonempty.any():
        out[nonempty] = np.add.reduceat(pmf, block_start[nonempty])
    return out


def null_probabilities(inputs: IntegerInputs) -> tuple[FloatArray, FloatArray]:
    """Per included precinct: the null probability that its redrawn turnout, and its
    redrawn leader share, is integer. One ``integer_probability`` pass over both (the
    Stirling table and the chunk loop are shared)."""
    n = np.concatenate([inputs.registered, inputs.cast])
    p = np.concatenate(
        [inputs.issued / inputs.registered, inputs.leader / inputs.cast.astype(np.float64)]
    )
    both = integer_probability(n, p)
    size = inputs.registered.size
    return both[:size], both[size:]


def _chunk_rows(n_precincts: int) -> int:
    return max(1, _CHUNK_ELEMENTS // max(1, n_precincts))


def null_counts_indicator(
    p_turnout: FloatArray, p_leader: FloatArray, replicates: int, rng: np.random.Generator
) -> NDArray[np.int64]:
    """Replicate counts (any, turnout, leader) drawn from per-precinct integer probabilities.
    Returns an array of shape (replicates, 3)."""
    n = p_turnout.size
    out = np.empty((replicates, 3), dtype=np.int64)
    step = _chunk_rows(n)
    done = 0
    while done < replicates:
        rows = min(step, replicates - done)
        t = rng.random((rows, n)) < p_turnout
        lead = rng.random((rows, n)) < p_leader
        out[done : done + rows, 0] = np.count_nonzero(t | lead, axis=1)
        out[done : done + rows, 1] = np.count_nonzero(t, axis=1)
        out[done : done + rows, 2] = np.count_nonzero(lead, axis=1)
        done += rows
    return out


def poisson_binomial_pmf(p: FloatArray) -> FloatArray:
    """Exact distribution of the number of successes of independent Bernoulli(p_i) trials.

    The generating polynomial prod_i (1 - p_i + p_i z) is multiplied out pairwise, level by
    level, with batched real FFTs (O(n log^2 n)); round-off below 1e-15 is clipped and the
    result renormalised. See ``_poisson_binomial_pmfs`` for the FFT sizes.
    """
    probs = np.asarray(p, dtype=np.float64)
    out: FloatArray = _poisson_binomial_pmfs(probs[np.newaxis, :])[0]
    return out


def _poisson_binomial_pmfs(probs: FloatArray) -> FloatArray:
    """Row-wise ``poisson_binomial_pmf`` of a (columns, n) array, one FFT tree for all rows.

    At every level the factors have length L = 2^j + 1, so their product has length
    2L - 1 = 2^(j+1) + 1. Rather than padding to the next power of two (2^(j+2), twice the
    work), the product is taken as a circular convolution of size 2^(j+1): only its
    coefficient 0 is aliased, by the top coefficient a_{L-1} b_{L-1}, which is computed
    directly and subtracted. Mathematically identical to the linear convolution.
    """
    columns, n = probs.shape
    if n == 0:
        return np.ones((columns, 1))
    polys = np.stack([1.0 - probs, probs], axis=2)  # (columns, factors, length)
    while polys.shape[1] > 1:
        if polys.shape[1] % 2:
            pad = np.zeros((columns, 1, polys.shape[2]))
            pad[:, 0, 0] = 1.0
            polys = np.concatenate([polys, pad], axis=1)
        size = 2 * polys.shape[2] - 2
        spectra = np.fft.rfft(polys, n=size, axis=2)
        circular = np.fft.irfft(spectra[:, 0::2] * spectra[:, 1::2], n=size, axis=2)
        top = polys[:, 0::2, -1] * polys[:, 1::2, -1]
        circular[:, :, 0] -= top
        polys = np.concatenate([circular, top[:, :, np.newaxis]], axis=2)
    pmf = np.clip(polys[:, 0, :], 0.0, None)
    total: FloatArray = pmf / pmf.sum(axis=1, keepdims=True)
    return total


def null_counts_pmf(
    p_turnout: FloatArray, p_leader: FloatArray, replicates: int, rng: np.random.Generator
) -> NDArray[np.int64]:
    """Replicate counts (any, turnout, leader), each drawn from its exact Poisson-binomial law.

    Each column has exactly the null distribution the indicator and binomial engines sample
    (a precinct is integer with probability p_i, independently); the three columns are drawn
    independently of each other, which changes no reported statistic (each is summarised on
    its own).
    """
    p_any = 1.0 - (1.0 - p_turnout) * (1.0 - p_leader)
    pmfs = _poisson_binomial_pmfs(np.stack([p_any, p_turnout, p_leader]))
    out = np.empty((replicates, 3), dtype=np.int64)
    for column in range(3):
        out[:, column] = rng.choice(pmfs.shape[1], size=replicates, p=pmfs[column])
    return out


def null_counts_binomial(
    inputs: IntegerInputs, replicates: int, rng: np.random.Generator
) -> NDArray[np.int64]:
    """Replicate counts from direct binomial redraws of issued and leader counts."""
    reg, cast = inputs.registered, inputs.cast
    p_t = inputs.issued / reg.astype(np.float64)
    p_l = inputs.leader / cast.astype(np.float64)
    n = reg.size
    out = np.empty((replicates, 3), dtype=np.int64)
    step = _chunk_rows(n)
    done = 0
    while done < replicates:
        rows = min(step, replicates - done)
        issued = rng.binomial(reg, p_t, size=(rows, n))
        leader = rng.binomial(cast, p_l, size=(rows, n))
        t = is_integer_percent(issued, reg)
        lead = is_integer_percent(leader, cast)
        out[done : done + rows, 0] = np.count_nonzero(t | lead, axis=1)
        out[done : done + rows, 1] = np.count_nonzero(t, axis=1)
        out[done : done + rows, 2] = np.count_nonzero(lead, axis=1)
        done += rows
    return out


_ENGINE_NAMED: dict[str, Engine] = {"pmf": "pmf", "indicator": "indicator",
                                    "binomial": "binomial"}


def check_engine(engine: str) -> Engine:
    """The engine named, or a refusal naming ``ENGINES``."""
    if engine not in _ENGINE_NAMED:
        raise InputError("engine", f"unknown engine {engine!r} ({', '.join(ENGINES)})")
    return _ENGINE_NAMED[engine]


def integer_percent_test(
    table: PrecinctTable,
    replicates: int = 1000,
    seed: int | None = 0,
    engine: Engine = "pmf",
) -> IntegerPercentResult:
    """Run the integer-percent test (see module docstring)."""
    if replicates < 2:
        raise InputError("replicates", "need at least 2 replicates")
    check_engine(engine)
    inputs = select_precincts(table)
    n_inc = int(inputs.registered.size)
    if n_inc == 0:
        raise MethodNotApplicable("registered", "no precinct passes the inclusion rules",
                                  NotRunReason.NO_PRECINCT_INCLUDED)
    obs_t = is_integer_percent(inputs.issued, inputs.registered)
    obs_l = is_integer_percent(inputs.leader, inputs.cast)
    p_t, p_l = null_probabilities(inputs)
    expected_any = float(np.sum(1 - (1 - p_t) * (1 - p_l)))
    rng = np.random.default_rng(seed)
    if engine == "pmf":
        counts = null_counts_pmf(p_t, p_l, replicates, rng)
    elif engine == "indicator":
        counts = null_counts_indicator(p_t, p_l, replicates, rng)
    else:
        counts = null_counts_binomial(inputs, replicates, rng)
    means = counts.mean(axis=0)
    sds = counts.std(axis=0, ddof=1)
    band = _band_999(p_t, p_l, counts[:, 0], float(means[0]), engine)
    observed_any = int(np.count_nonzero(obs_t | obs_l))
    return IntegerPercentResult(
        n_precincts=len(table),
        n_included=n_inc,
        observed_any=observed_any,
        observed_turnout=int(obs_t.sum()),
        observed_leader=int(obs_l.sum()),
        null_mean_any=float(means[0]),
        null_mean_turnout=float(means[1]),
        null_mean_leader=float(means[2]),
        expected_any=expected_any,
        excess_any=float(observed_any - means[0]),
        excess_turnout=float(obs_t.sum() - means[1]),
        excess_leader=float(obs_l.sum() - means[2]),
        null_sd=float(sds[0]),
        null_sd_turnout=float(sds[1]),
        null_sd_leader=float(sds[2]),
        band_999=band,
        replicates=replicates,
        seed=seed,
        engine=engine,
        null_counts_any=counts[:, 0].copy(),
    )


def _band_999(p_t: FloatArray, p_l: FloatArray, replicate_counts: NDArray[np.int64],
              mean: float, engine: str) -> tuple[float, float]:
    """Central 99.9% of the null count minus its mean. With the pmf engine it is read off
    the exact Poisson-binomial law (1,000 replicates hold about one draw in each 0.05% tail,
    too few to place a 99.9% band); the other engines take replicate quantiles."""
    if engine != "pmf":
        centred = replicate_counts - mean
        return float(np.quantile(centred, 0.0005)), float(np.quantile(centred, 0.9995))
    pmf = _poisson_binomial_pmfs((1.0 - (1.0 - p_t) * (1.0 - p_l))[None, :])[0]
    cdf = np.cumsum(pmf)
    low = int(np.searchsorted(cdf, 0.0005))
    high = int(np.searchsorted(cdf, 0.9995))
    return float(low - mean), float(high - mean)


def integer_flags(table: PrecinctTable) -> tuple[NDArray[np.bool_], NDArray[np.bool_], FloatArray]:
    """Per-precinct: turnout integer, leader share integer (both False for excluded rows),
    and the null probability that the precinct shows at least one of them by chance."""
    inputs = select_precincts(table)
    n = len(table)
    t = np.zeros(n, dtype=bool)
    lead = np.zeros(n, dtype=bool)
    prob = np.full(n, np.nan)
    inc = inputs.included
    t[inc] = is_integer_percent(inputs.issued, inputs.registered)
    lead[inc] = is_integer_percent(inputs.leader, inputs.cast)
    p_t, p_l = null_probabilities(inputs)
    prob[inc] = 1 - (1 - p_t) * (1 - p_l)
    return t, lead, prob
