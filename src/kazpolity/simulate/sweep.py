"""Monte Carlo sweeps on Dask: detector power over a grid of injected falsification rates,
and false-positive rates over many clean synthetic elections.

One API, ``run_sweep(tasks, scheduler=None)``: with ``scheduler=None`` a
``distributed.LocalCluster`` is started (and closed) for the sweep; pass a scheduler address
(``"tcp://host:8786"``) to use a real cluster. Each task is a small frozen value; each
result is a ``SweepOutcome``; results come back in task order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from kazpolity.errors import InputError
from kazpolity.forensics.digits import last_digit_chi2
from kazpolity.forensics.integer_percent import integer_percent_test
from kazpolity.forensics.switching import switching_test
from kazpolity.simulate.election import ElectionSpec, generate_election
from kazpolity.simulate.falsify import (
    fabricate_digits,
    round_to_integer_percent,
    stuff_ballots,
    switch_votes,
)

T = TypeVar("T")
R = TypeVar("R")

FALSIFICATIONS = ("none", "rounding", "digits", "stuffing", "switching")


@dataclass(frozen=True)
class SweepTask:
    spec: ElectionSpec
    falsification: str  # one of FALSIFICATIONS
    rate: float
    seed: int
    replicates: int = 200
    switch_fraction: float = 0.4  # for "switching": the fraction of opposition votes moved
    switching_replicates: int = 0  # > 0: also run the switching mixture with this bootstrap


@dataclass(frozen=True)
class SweepOutcome:
    task: SweepTask
    integer_excess: float
    integer_null_sd: float
    integer_p_value: float  # one-sided, (1 + #null >= observed) / (R + 1)
    last_digit_p_value: float
    truth: dict[str, object]
    switching_p_value: float | None = None
    switching_share: float | None = None


def run_task(task: SweepTask) -> SweepOutcome:
    """Generate one election, falsify it, run the detectors (pure apart from the RNG)."""
    if task.falsification not in FALSIFICATIONS:
        raise InputError("falsification", f"unknown kind {task.falsification!r}")
    rng = np.random.default_rng(task.seed)
    election = generate_election(task.spec, rng)
    if task.falsification == "rounding":
        election = round_to_integer_percent(election, task.rate, rng)
    elif task.falsification == "digits":
        election = fabricate_digits(election, task.rate, rng)
    elif task.falsification == "stuffing":
        election = stuff_ballots(election, task.rate, 0.0, rng)
    elif task.falsification == "switching":
        election = switch_votes(election, task.rate, task.switch_fraction, rng)
    table = election.table()
    res = integer_percent_test(table, task.replicates, seed=task.seed + 1)
    p = (1 + int(np.sum(res.null_counts_any >= res.observed_any))) / (res.replicates + 1)
    ld = last_digit_chi2(election.votes.ravel())
    switching_p = switching_share = None
    if task.switching_replicates > 0:
        sw = switching_test(table, replicates=task.switching_replicates, seed=task.seed + 2)
        switching_p, switching_share = sw.p_value, sw.share_switched
    return SweepOutcome(task, res.excess_any, res.null_sd, p, ld.p_value, dict(election.truth),
                        switching_p, switching_share)


def run_sweep(
    tasks: Sequence[SweepTask],
    scheduler: str | None = None,
    n_workers: int = 2,
    processes: bool = False,
) -> list[SweepOutcome]:
    """Run ``tasks`` on Dask (LocalCluster by default, or the scheduler at ``scheduler``)."""
    return run_on_dask(run_task, tasks, scheduler, n_workers, processes)


def run_on_dask(
    func: Callable[[T], R], tasks: Sequence[T], scheduler: str | None = None,
    n_workers: int = 2, processes: bool = False,
) -> list[R]:
    """``[func(t) for t in tasks]`` on Dask, in task order: a ``LocalCluster`` started and
    closed for the call when ``scheduler`` is None, else the cluster at that address
    (``tcp://host:8786``; its workers need kazpolity installed)."""
    from distributed import Client, LocalCluster

    if scheduler is None:
        with LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=n_workers, threads_per_worker=1, processes=processes,
            dashboard_address=None,
        ) as cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            return _gather(client, func, tasks)
    with Client(scheduler) as client:  # type: ignore[no-untyped-call]
        return _gather(client, func, tasks)


def _gather(client: object, func: Callable[[T], R], tasks: Sequence[T]) -> list[R]:
    futures = client.map(func, list(tasks), pure=False)  # type: ignore[attr-defined]
    return list(client.gather(futures))  # type: ignore[attr-defined]


def power_grid(
    spec: ElectionSpec, falsification: str, rates: Sequence[float], elections: int,
    seed: int = 0, replicates: int = 200, switching_replicates: int = 0,
) -> list[SweepTask]:
    """Tasks for detector power: ``elections`` synthetic elections per rate."""
    return [SweepTask(spec, falsification, float(r), seed + 1000 * i + j, replicates,
                      switching_replicates=switching_replicates)
            for i, r in enumerate(rates) for j in range(elections)]
