"""Validation of the parallel vote tabulation on synthetic elections with known truth.

One trial: draw a clean election, design and draw the PVT sample (``forensics.pvt``), read
the sampled precincts' honest protocols, estimate the leader's share; the official result
is the true national share plus ``manipulation`` (a falsified aggregation: the precinct
protocols are honest, the announced total is not). Over many trials: coverage is the share
of 95% intervals holding the true share; power is the share in which the official figure
falls outside the interval (with ``manipulation = 0`` that is the false-alarm rate).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from kazpolity.forensics.pvt import draw_sample, pvt_estimate
from kazpolity.simulate.election import ElectionSpec, generate_election


@dataclass(frozen=True)
class PvtTrial:
    spec: ElectionSpec
    seed: int
    margin: float = 0.01
    manipulation: float = 0.02


@dataclass(frozen=True)
class PvtTrialOutcome:
    trial: PvtTrial
    truth: float
    estimate: float
    se: float
    covered: bool
    detected: bool
    sample_size: int


def run_pvt_trial(trial: PvtTrial) -> PvtTrialOutcome:
    rng = np.random.default_rng(trial.seed)
    election = generate_election(trial.spec, rng)
    frame = election.table()
    valid = frame.valid
    if valid is None:
        raise TypeError("a generated election records its valid votes")
    truth = float(frame.leader_votes().sum() / valid.sum())
    # the design's residual SD comes from a previous election of the same country
    previous = generate_election(trial.spec, rng).table()
    from kazpolity.forensics.pvt import residual_sd

    design = draw_sample(frame, trial.margin, 0.95, seed=trial.seed + 1,
                         sd=residual_sd(previous))
    mask = np.zeros(len(frame), dtype=bool)
    mask[design.rows] = True
    result = pvt_estimate(frame, frame.subset(mask))
    share = result.share
    official = truth + trial.manipulation
    outside = not share.low <= official <= share.high
    return PvtTrialOutcome(trial, truth, share.estimate, share.se,
                           share.low <= truth <= share.high, outside, design.size)


def pvt_trials(spec: ElectionSpec, n: int, seed: int = 0, margin: float = 0.01,
               manipulation: float = 0.02) -> list[PvtTrial]:
    return [PvtTrial(spec, seed + i, margin, manipulation) for i in range(n)]


def with_manipulation(trials: list[PvtTrial], manipulation: float) -> list[PvtTrial]:
    return [replace(t, manipulation=manipulation) for t in trials]
