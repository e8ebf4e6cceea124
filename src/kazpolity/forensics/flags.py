"""Per-precinct flags, corrected for testing many precincts at once.

A flag marks a number worth a second look and says why. With 95,000 precincts, a test at 5%
flags 4,750 of them by chance alone, so per-precinct statistical flags are listed only after
the Benjamini-Hochberg step-up procedure (Benjamini & Hochberg 1995, J. R. Stat. Soc. B
57:289-300) at a false discovery rate ``q``, and each family reports the number of precincts
expected to be flagged by chance beside the number observed. Protocol residuals are not
statistical: they are listed in full by ``consistency``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kazpolity.forensics.integer_percent import integer_flags
from kazpolity.forensics.table import FloatArray, PrecinctTable

FDR_LEVEL = 0.05


@dataclass(frozen=True)
class Flag:
    unit: str
    code: str
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"unit": self.unit, "code": self.code, "reason": self.reason}


@dataclass(frozen=True)
class FlagFamily:
    """One family of per-precinct tests: how many were tested, how many precincts showed the
    pattern, how many would by chance, and the flags that survive the correction."""

    code: str
    tested: int
    observed: int
    expected_by_chance: float
    correction: str
    flags: tuple[Flag, ...]

    def as_json(self) -> dict[str, object]:
        return {"code": self.code, "tested": self.tested, "observed": self.observed,
                "expected_by_chance": self.expected_by_chance, "correction": self.correction,
                "flagged": len(self.flags), "flags": [f.as_json() for f in self.flags]}


def benjamini_hochberg(p_values: FloatArray, q: float = FDR_LEVEL) -> NDArray[np.bool_]:
    """Rejections of the BH step-up procedure at level ``q`` (NaN p-values never rejected;
    m counts only the finite ones)."""
    p = np.asarray(p_values, dtype=np.float64)
    ok = np.isfinite(p)
    m = int(ok.sum())
    out = np.zeros(p.size, dtype=bool)
    if m == 0:
        return out
    idx = np.flatnonzero(ok)
    order = idx[np.argsort(p[idx], kind="stable")]
    below = p[order] <= q * np.arange(1, m + 1) / m
    if below.any():
        k = int(np.flatnonzero(below)[-1]) + 1
        out[order[:k]] = True
    return out


def integer_percent_family(table: PrecinctTable, q: float = FDR_LEVEL) -> FlagFamily:
    """Precincts whose turnout or leader share lies within 0.05 points of a whole percent.
    A precinct's p-value is the null probability of such a hit (its ``integer_flags``
    probability) if it hit, 1 if not; the expected count is the sum of those probabilities."""
    t_int, l_int, prob = integer_flags(table)
    hit = t_int | l_int
    tested = np.isfinite(prob)
    p = np.where(hit, prob, np.where(tested, 1.0, np.nan))
    keep = benjamini_hochberg(p, q)
    turnout = table.turnout()
    share = table.leader_share()
    flags = tuple(
        Flag(table.row_label(int(i)), "integer-percent",
             f"turnout {100 * turnout[i]:.2f}%, leader share {100 * share[i]:.2f}%: a whole "
             f"percent with chance probability {prob[i]:.2g} under the binomial null "
             f"(Benjamini-Hochberg, FDR {q})")
        for i in np.flatnonzero(keep))
    return FlagFamily("integer-percent", int(tested.sum()), int(hit.sum()),
                      float(np.nansum(prob)),
                      f"Benjamini-Hochberg at false discovery rate {q}", flags)


def corner_count(table: PrecinctTable) -> int:
    """Precincts at >= 99% turnout and >= 99% leader share (the fingerprint's extreme
    corner); a count to read with the Klimek fit, not a per-precinct test."""
    with np.errstate(invalid="ignore"):
        return int(np.count_nonzero((table.turnout() >= 0.99) & (table.leader_share() >= 0.99)))
