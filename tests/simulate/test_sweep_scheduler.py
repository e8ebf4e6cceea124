"""Sweeps on a Dask scheduler given by address (a real cluster's entry point): the results
come back in task order and equal the serial run."""

from __future__ import annotations

from kazpolity.simulate.election import ElectionSpec
from kazpolity.simulate.pvt_check import pvt_trials, run_pvt_trial
from kazpolity.simulate.sweep import run_on_dask


def test_pvt_trials_on_a_scheduler_address() -> None:
    from distributed import LocalCluster

    trials = pvt_trials(ElectionSpec(n_regions=4, precincts_per_region=150), 4, seed=30)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,  # type: ignore[no-untyped-call]
                      dashboard_address=None) as cluster:
        remote = run_on_dask(run_pvt_trial, trials, scheduler=cluster.scheduler_address)
    serial = [run_pvt_trial(t) for t in trials]
    assert [o.trial.seed for o in remote] == [30, 31, 32, 33]
    assert [(o.estimate, o.covered) for o in remote] == [(o.estimate, o.covered) for o in serial]
