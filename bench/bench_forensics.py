"""Benchmark: the vectorised, chunked integer-percent null against a per-precinct loop.

Workload: 100,000 synthetic precincts x 1,000 replicates (``--quick``: 20,000 x 200). The
baseline is written the way the published reference code (dkobak/elections) draws its null:
a Python loop over precincts, redrawing each precinct's counts with ``numpy`` binomials for
all replicates and testing integer-ness. It runs on a subsample of precincts and is
extrapolated linearly to the full size (said in the output); both are measured in this run.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from kazpolity.forensics.integer_percent import integer_percent_test
from kazpolity.simulate.election import ElectionSpec, generate_election


def loop_baseline(reg: np.ndarray, issued: np.ndarray, cast: np.ndarray, leader: np.ndarray,
                  replicates: int, rng: np.random.Generator) -> np.ndarray:
    counts = np.zeros(replicates, dtype=np.int64)
    for i in range(reg.size):
        t = rng.binomial(reg[i], issued[i] / reg[i], replicates) / reg[i] * 100
        s = rng.binomial(cast[i], leader[i] / cast[i], replicates) / cast[i] * 100
        hit = (np.abs(t - np.round(t)) < 0.05) | (np.abs(s - np.round(s)) < 0.05)
        counts += hit
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20,000 precincts x 200 replicates")
    args = parser.parse_args(argv)
    n, reps, sub = (20_000, 200, 2_000) if args.quick else (100_000, 1_000, 2_000)
    spec = ElectionSpec(n_regions=20, precincts_per_region=n // 20)
    table = generate_election(spec, seed=0).table()
    t0 = time.perf_counter()
    res = integer_percent_test(table, replicates=reps, seed=1)
    vec = time.perf_counter() - t0
    reg, issued, cast, lead = (np.asarray(a) for a in (table.registered, table.voters(),
                                                       table.cast(), table.leader_votes()))
    keep = (reg >= 100) & (cast > 0)
    idx = np.flatnonzero(keep)[:sub]
    t0 = time.perf_counter()
    loop_baseline(reg[idx], issued[idx], cast[idx], lead[idx], reps, np.random.default_rng(2))
    loop_sub = time.perf_counter() - t0
    loop_full = loop_sub * res.n_included / idx.size
    print(f"integer-percent null: {res.n_included:,} precincts x {reps:,} replicates")
    t0 = time.perf_counter()
    integer_percent_test(table, replicates=reps, seed=1, engine="indicator")
    indicator = time.perf_counter() - t0
    print(f"  exact Poisson-binomial engine (default):  {vec:8.2f} s")
    print(f"  indicator engine (uniform per precinct):  {indicator:8.2f} s")
    print(f"  per-precinct loop: {loop_sub:.2f} s on {idx.size:,} precincts, "
          f"extrapolated to {loop_full:8.2f} s")
    print(f"  ratio loop / default engine: {loop_full / vec:6.1f}x; "
          f"loop / indicator engine: {loop_full / indicator:6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
