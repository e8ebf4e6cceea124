"""Benchmark: the batch engine against poli-sci-kit and apportionment, in one run.

Scenario (the issue's): 1,000,000 elections × 7 lists × 98 seats with a 7 % threshold, by Hare
largest remainder and by D'Hondt. ``allocate_batch`` runs on every election; the two pure-Python
libraries run on a subsample of the *same* vote vectors (2,000 by default) and their time for
the full set is extrapolated linearly from it — the script says so in its output. Ratios are of
elections per second measured in this run, never against a stored figure.

Agreement is checked on the subsample where the rules coincide:

* poli-sci-kit admits a list whose float share is *strictly above* the threshold, so it is
  compared with our ``at_threshold="fail"``; apportionment zeroes lists *below* it, so it is
  compared with ``at_threshold="pass"``;
* rows where our exact answer needs a lot are left out (both libraries break ties silently,
  which the law does not allow), and counted.

Run: ``.venv/bin/python bench/bench_allocation.py`` (``--quick`` for a small run).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kazpolity.elections import Allocation, ThresholdRule, allocate
from kazpolity.elections.batch import allocate_batch

SEATS = 98
THRESHOLD = 7
PARTIES = 7


def make_votes(elections: int, seed: int) -> npt.NDArray[np.int64]:
    """Vote vectors like a Majilis list vote: ~5–8 million votes, a few lists near 7 %."""
    rng = np.random.default_rng(seed)
    alpha = np.array([8.0, 3.0, 2.0, 1.2, 0.9, 0.7, 0.5])[:PARTIES]
    shares = rng.dirichlet(alpha, size=elections)
    turnout = rng.integers(5_000_000, 8_000_000, size=elections)
    return np.floor(shares * turnout[:, None]).astype(np.int64)


@dataclass
class Timing:
    name: str
    elections: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.elections / self.seconds


def time_call(name: str, elections: int, call: Callable[[], object], repeat: int) -> Timing:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return Timing(name, elections, best)


def library_rows(
    rows: list[list[int]], method: str
) -> tuple[dict[str, Timing], dict[str, list[list[int]]]]:
    """Time and collect poli-sci-kit's and apportionment's answers on ``rows``."""
    from apportionment import methods as apportionment_methods
    from poli_sci_kit.appointment import methods as psk

    share = THRESHOLD / 100
    answers: dict[str, list[list[int]]] = {"poli-sci-kit": [], "apportionment": []}

    def run_psk() -> None:
        answers["poli-sci-kit"] = [
            (
                psk.largest_remainder("Hare", row, SEATS, alloc_threshold=share)
                if method == "hare"
                else psk.highest_averages("Jefferson", row, SEATS, alloc_threshold=share)
            )
            for row in rows
        ]

    def run_apportionment() -> None:
        name = "largest_remainder" if method == "hare" else "dhondt"
        answers["apportionment"] = [
            [int(x) for x in apportionment_methods.compute(name, row, SEATS, threshold=share)]
            for row in rows
        ]

    timings = {
        "poli-sci-kit": time_call("poli-sci-kit", len(rows), run_psk, 1),
        "apportionment": time_call("apportionment", len(rows), run_apportionment, 1),
    }
    return timings, answers


def agreement(
    ours: npt.NDArray[np.int64], lot: npt.NDArray[np.bool_], theirs: list[list[int]]
) -> tuple[int, int, int]:
    """(rows compared, rows equal, rows left out because the exact answer needs a lot)."""
    compared = equal = 0
    for row, needs_lot, other in zip(ours, lot, theirs, strict=True):
        if needs_lot:
            continue
        compared += 1
        equal += int(list(row) == list(other))
    return compared, equal, int(lot.sum())


def exact_engine_timing(votes: npt.NDArray[np.int64], method: str) -> Timing:
    names = [f"L{j}" for j in range(votes.shape[1])]
    rule = ThresholdRule(THRESHOLD)

    def run() -> None:
        for row in votes:
            allocate(dict(zip(names, row.tolist(), strict=True)), SEATS, method, threshold=rule)

    return time_call("kazpolity exact engine", len(votes), run, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 elections, subsample 500")
    parser.add_argument("--elections", type=int, default=None)
    parser.add_argument("--subsample", type=int, default=None)
    parser.add_argument("--seed", type=int, default=20240317)
    args = parser.parse_args()
    elections = args.elections or (20_000 if args.quick else 1_000_000)
    subsample = min(args.subsample or (500 if args.quick else 2_000), elections)

    votes = make_votes(elections, args.seed)
    sample = votes[:subsample]
    sample_rows = sample.tolist()
    print(
        f"{elections:,} elections × {PARTIES} lists × {SEATS} seats, {THRESHOLD}% threshold "
        f"(valid votes). Libraries timed on the first {subsample:,} of the same elections; "
        "their rate is extrapolated linearly to the full set."
    )
    for method in ("hare", "dhondt"):
        allocate_batch(votes[:1000], SEATS, method, THRESHOLD)  # warm-up
        batch = time_call(
            "kazpolity allocate_batch",
            elections,
            lambda method=method: allocate_batch(votes, SEATS, method, THRESHOLD),
            3,
        )
        full = allocate_batch(votes, SEATS, method, THRESHOLD)
        timings, answers = library_rows(sample_rows, method)
        exact = exact_engine_timing(sample[: max(1, subsample // 4)], method)
        label = "Hare largest remainder" if method == "hare" else "D'Hondt"
        print(f"\n== {label} ==")
        print(f"{'engine':<28} {'elections/s':>14} {'time for all':>14} {'our speed-up':>13}")
        for timing in (batch, timings["poli-sci-kit"], timings["apportionment"], exact):
            extrapolated = elections / timing.per_second
            ratio = batch.per_second / timing.per_second
            note = "" if timing is batch else " (extrapolated)"
            print(
                f"{timing.name:<28} {timing.per_second:>14,.0f} {extrapolated:>13.2f}s "
                f"{ratio:>12.1f}×{note}"
            )
        print(
            f"rows needing a lot (batch, all {elections:,}): {int(full.lot_required.sum())}; "
            f"unallocatable: {int(full.unallocatable.sum())}"
        )
        strict = allocate_batch(sample, SEATS, method, THRESHOLD, at_threshold="fail")
        inclusive = allocate_batch(sample, SEATS, method, THRESHOLD, at_threshold="pass")
        for library, ours in (("poli-sci-kit", strict), ("apportionment", inclusive)):
            compared, equal, lots = agreement(ours.seats, ours.lot_required, answers[library])
            rate = equal / compared if compared else float("nan")
            print(
                f"agreement with {library}: {equal}/{compared} = {rate:.4%} "
                f"({lots} tie row(s) left out)"
            )
        exact_rows = allocate_batch(sample[: max(1, subsample // 4)], SEATS, method, THRESHOLD)
        same = sum(
            1
            for row, seats in zip(sample[: max(1, subsample // 4)], exact_rows.seats, strict=True)
            if _exact_seats(row, method) == [int(x) for x in seats]
        )
        print(f"batch ≡ exact engine on {same}/{len(exact_rows.seats)} sampled rows")


def _exact_seats(row: npt.NDArray[np.int64], method: str) -> list[int]:
    """The exact engine's seats for one row (settled seats when a lot is required)."""
    names = [f"L{j}" for j in range(len(row))]
    result = allocate(
        dict(zip(names, row.tolist(), strict=True)),
        SEATS,
        method,
        threshold=ThresholdRule(THRESHOLD),
    )
    if not isinstance(result, Allocation):
        return [result.settled[n] for n in names]
    return [result.seats[n] for n in names]


if __name__ == "__main__":
    main()
