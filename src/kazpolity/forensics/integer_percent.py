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
  replicates.
* ``"indicator"``: for each precinct the probability that its binomial redraw is
  "integer" is computed exactly from the binomial CDF; a replicate then draws one uniform per
  precinct per statistic. Because the two redraws are independent and only their
  integer-ness enters the statistic, replicate counts have exactly the distribution of the
  direct redraw; this is a change of sampling order, not an approximation.
* ``"binomial"``: draws the counts themselves (numpy ``Generator.binomial``) in chunks of
  replicates; slower, kept as the literal reference and cross-checked in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy import special

from kazpolity.errors import InputError
from kazpolity.forensics.table import FloatArray, IntArray, PrecinctTable

Engine = Literal["pmf", "indicator", "binomial"]

HALF_WIDTH_POINTS = 0.05  # a share is "integer" within this many percentage points
MIN_REGISTERED = 100
MAX_FRACTION = 0.99
_TAIL_SD = 8.0  # binomial mass beyond 8 SD is below 1e-15 and is ignored
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
    """P(100*K/n is integer within 0.05 points) for K ~ Binomial(n, p), per precinct."""
    n = np.asarray(n, dtype=np.int64)
    p = np.asarray(p, dtype=np.float64)
    out = np.zeros(n.size, dtype=np.float64)
    ok = n > 0
    if not ok.any():
        return out
    idx = np.flatnonzero(ok)
    nn, pp = n[idx], p[idx]
    sd = np.sqrt(nn * pp * (1 - pp))
    lo_k = np.maximum(np.floor(nn * pp - _TAIL_SD * sd - 1), 0)
    hi_k = np.minimum(np.ceil(nn * pp + _TAIL_SD * sd + 1), nn)
    m_lo = np.floor(100.0 * lo_k / nn).astype(np.int64) - 1
    m_hi = np.ceil(100.0 * hi_k / nn).astype(np.int64) + 1
    m_lo = np.maximum(m_lo, 0)
    m_hi = np.minimum(m_hi, 100)
    width = m_hi - m_lo + 1
    owner = np.repeat(np.arange(idx.size), width)
    offsets = np.arange(owner.size) - np.repeat(np.cumsum(width) - width, width)
    m = m_lo[owner] + offsets
    n_o = nn[owner]
    # k in (20mn - n)/2000 < k < (20mn + n)/2000, integers.
    k_first = (20 * m * n_o - n_o) // 2000 + 1
    k_last = (20 * m * n_o + n_o - 1) // 2000
    k_first = np.maximum(k_first, 0)
    k_last = np.minimum(k_last, n_o)
    # Each window holds about n/1000 integers k: sum the binomial pmf over them directly.
    count = np.maximum(k_last - k_first + 1, 0)
    window = np.repeat(np.arange(owner.size), count)
    k = k_first[window] + (np.arange(window.size) - np.repeat(np.cumsum(count) - count, count))
    n_k = n_o[window]
    p_k = pp[owner[window]]
    log_factorial = special.gammaln(np.arange(int(nn.max()) + 2, dtype=np.float64) + 1.0)
    log_pmf = (
        log_factorial[n_k]
        - log_factorial[k]
        - log_factorial[n_k - k]
        + special.xlogy(k, p_k)
        + special.xlog1py(n_k - k, -p_k)
    )
    out[idx] = np.bincount(owner[window], weights=np.exp(log_pmf), minlength=idx.size)
    return np.clip(out, 0.0, 1.0)


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
    result renormalised.
    """
    probs = np.asarray(p, dtype=np.float64)
    if probs.size == 0:
        return np.ones(1)
    polys = np.stack([1.0 - probs, probs], axis=1)
    while polys.shape[0] > 1:
        if polys.shape[0] % 2:
            pad = np.zeros((1, polys.shape[1]))
            pad[0, 0] = 1.0
            polys = np.vstack([polys, pad])
        length = 2 * polys.shape[1] - 1
        size = 1 << (length - 1).bit_length()
        spectra = np.fft.rfft(polys, n=size, axis=1)
        product = spectra[0::2] * spectra[1::2]
        polys = np.fft.irfft(product, n=size, axis=1)[:, :length]
    pmf = np.clip(polys[0], 0.0, None)
    total: FloatArray = pmf / pmf.sum()
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
    out = np.empty((replicates, 3), dtype=np.int64)
    for column, probs in enumerate((p_any, p_turnout, p_leader)):
        pmf = poisson_binomial_pmf(probs)
        out[:, column] = rng.choice(pmf.size, size=replicates, p=pmf)
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


def integer_percent_test(
    table: PrecinctTable,
    replicates: int = 1000,
    seed: int | None = 0,
    engine: Engine = "pmf",
) -> IntegerPercentResult:
    """Run the integer-percent test (see module docstring)."""
    if replicates < 2:
        raise InputError("replicates", "need at least 2 replicates")
    if engine not in ("pmf", "indicator", "binomial"):
        raise InputError("engine", f"unknown engine {engine!r} (pmf, indicator or binomial)")
    inputs = select_precincts(table)
    n_inc = int(inputs.registered.size)
    if n_inc == 0:
        raise InputError("registered", "no precinct passes the inclusion rules")
    obs_t = is_integer_percent(inputs.issued, inputs.registered)
    obs_l = is_integer_percent(inputs.leader, inputs.cast)
    p_t = integer_probability(inputs.registered, inputs.issued / inputs.registered)
    p_l = integer_probability(inputs.cast, inputs.leader / inputs.cast)
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
    centred = counts[:, 0] - means[0]
    band = (float(np.quantile(centred, 0.0005)), float(np.quantile(centred, 0.9995)))
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
    p_t = integer_probability(inputs.registered, inputs.issued / inputs.registered)
    p_l = integer_probability(inputs.cast, inputs.leader / inputs.cast)
    prob[inc] = 1 - (1 - p_t) * (1 - p_l)
    return t, lead, prob
