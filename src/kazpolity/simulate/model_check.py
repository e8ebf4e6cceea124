"""Validation of the Klimek fit and the switching mixture on synthetic elections with known
truth: one trial per seed, returning the estimate beside the injected value (and, for the
switching mixture, whether its 95% Wald interval covers the truth). The benchmark
``bench/bench_forensics_validation.py`` runs hundreds on Dask and reports bias, spread and
coverage."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kazpolity.forensics.klimek import klimek_fit
from kazpolity.forensics.switching import switching_test
from kazpolity.simulate.election import ElectionSpec, generate_election
from kazpolity.simulate.falsify import stuff_ballots, switch_votes

_Z95 = 1.959963984540054


@dataclass(frozen=True)
class ModelTrial:
    spec: ElectionSpec
    seed: int
    model: str  # "klimek" or "switching"
    rate: float  # f_e for klimek (f_i = 2 rate); share of precincts for switching
    fraction: float = 0.4  # switching: fraction of opposition votes moved


@dataclass(frozen=True)
class ModelOutcome:
    trial: ModelTrial
    truth: float
    estimate: float
    covered: bool | None  # None: the fit gave no interval
    second_truth: float = float("nan")  # klimek: f_i; switching: fraction moved
    second_estimate: float = float("nan")


def _count(value: object) -> int:
    """A count recorded in an election's ground truth (a Python or NumPy integer)."""
    if not isinstance(value, int | np.integer):
        raise TypeError(f"expected a count in the ground truth, got {value!r}")
    return int(value)


def run_model_trial(trial: ModelTrial) -> ModelOutcome:
    rng = np.random.default_rng(trial.seed)
    election = generate_election(trial.spec, rng)
    if trial.model == "klimek":
        stuffed = stuff_ballots(election, 2 * trial.rate, trial.rate, rng, alpha=2.0,
                                theta=0.15)
        fit = klimek_fit(stuffed.table(), repeats=1, seed=trial.seed, alphas=(2.0,),
                         thetas=(0.15,), by_region=True, clean_scale="logit")
        truth = _count(stuffed.truth["extreme_precincts"]) / len(stuffed.registered)
        inc = _count(stuffed.truth["incremental_precincts"]) / len(stuffed.registered)
        return ModelOutcome(trial, truth, fit.f_extreme, None, inc, fit.f_incremental)
    switched = switch_votes(election, trial.rate, trial.fraction, rng)
    res = switching_test(switched.table(), replicates=0)
    assert switched.tampered is not None
    truth = float(switched.tampered.mean())
    covered = None
    if res.share_switched_se is not None:
        covered = abs(res.share_switched - truth) <= _Z95 * res.share_switched_se
    return ModelOutcome(trial, truth, res.share_switched, covered, trial.fraction, res.fraction)
