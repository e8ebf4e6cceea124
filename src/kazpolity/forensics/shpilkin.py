"""Shpilkin's clean-peak estimate of anomalous votes for the leader.

Statistic: official leader votes minus the leader votes that a "clean" election would give.
Model (Shpilkin 2009; Kobak et al. 2016, section 5): votes for the other parties are
recorded honestly; the peak of their distribution over turnout marks the typical clean
turnout; at and left of the peak the leader's share of ballots is its clean share s0. The
clean leader total is then (opposition total) x s0 / (1 - s0).

Uncertainty is reported as a range over analyst choices rather than a sampling interval:
turnout bin widths 0.5, 1 and 2 points, and reference sets "all precincts left of the peak"
and "precincts within 5 points left of the peak". Assumptions that, if broken, bias the
estimate: the leader's clean share does not depend on turnout; opposition votes are not
removed (removed opposition votes inflate the estimate by removed x s0/(1-s0)); regional
differences in turnout and support are unrelated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.ndimage import gaussian_filter1d

from kazpolity.forensics.not_run import MethodNotApplicable, NotRunReason
from kazpolity.forensics.table import PrecinctTable

BIN_WIDTHS = (0.005, 0.01, 0.02)
WINDOWS = (None, 0.05)


@dataclass(frozen=True)
class ShpilkinVariant:
    bin_width: float
    window: float | None
    peak_turnout: float
    clean_share: float
    anomalous_votes: float


@dataclass(frozen=True)
class ShpilkinEstimate:
    official_leader: int
    official_opposition: int
    low: float
    central: float
    high: float
    variants: tuple[ShpilkinVariant, ...]

    assumptions = __doc__

    def as_json(self) -> dict[str, object]:
        return {
            "method": "Shpilkin clean-peak estimate",
            "statistic": "official leader votes minus clean-model leader votes",
            "null_model": "opposition votes honest; leader's clean share independent of turnout",
            "assumptions": [
                "leader's clean share equals its share at and left of the turnout peak of "
                "the opposition vote distribution",
                "opposition votes are not removed (removal inflates the estimate)",
                "range is over bin widths 0.5/1/2 points and two reference windows",
            ],
            "official_leader": self.official_leader,
            "official_opposition": self.official_opposition,
            "anomalous_low": self.low,
            "anomalous_central": self.central,
            "anomalous_high": self.high,
            "variants": [v.__dict__ for v in self.variants],
        }


def shpilkin_estimate(table: PrecinctTable) -> ShpilkinEstimate:
    reg = table.registered
    voters = table.voters()
    cast = table.cast()
    lead = table.leader_votes()
    ok = (reg > 0) & (cast > 0)
    if ok.sum() < 20:
        raise MethodNotApplicable("registered", "the clean-peak estimate needs at least 20 "
                                  "precincts", NotRunReason.TOO_FEW_PRECINCTS, needed=20,
                                  found=int(ok.sum()))
    t = voters[ok] / reg[ok].astype(np.float64)
    c = cast[ok].astype(np.float64)
    ld = lead[ok].astype(np.float64)
    opp = c - ld
    variants = []
    for w in BIN_WIDTHS:
        nb = round(1 / w)
        h, edges = np.histogram(np.clip(t, 0, 1), bins=nb, range=(0, 1), weights=opp)
        smooth = gaussian_filter1d(h, max(1.0, 0.01 / w))
        i = int(np.argmax(smooth[: int(0.95 * nb)]))
        peak = float(edges[i + 1])
        for win in WINDOWS:
            ref = t <= peak
            if win is not None:
                ref &= t >= peak - win
            if ref.sum() == 0 or c[ref].sum() == 0:
                continue
            s0 = float(ld[ref].sum() / c[ref].sum())
            clean = opp.sum() * s0 / (1 - s0) if s0 < 1 else np.inf
            variants.append(ShpilkinVariant(w, win, peak, s0, float(ld.sum() - clean)))
    vals = np.array([v.anomalous_votes for v in variants])
    return ShpilkinEstimate(
        official_leader=int(ld.sum()),
        official_opposition=int(opp.sum()),
        low=float(vals.min()),
        central=float(np.median(vals)),
        high=float(vals.max()),
        variants=tuple(variants),
    )
