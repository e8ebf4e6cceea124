"""Differential tests against the reference libraries ``apportionment`` and ``poli_sci_kit``.

Both come with the ``bench`` extra, which ``make install`` (and so ``make test``) installs, so
they are imported plainly: a missing library fails the run instead of skipping it. Rows where
our exact answer is a tie are left out, since both libraries
break ties silently where the law requires a lot.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout

import apportionment.methods as apportionment_methods
import numpy as np
import poli_sci_kit.appointment.methods as psk
import pytest

from kazpolity.elections import Allocation, allocate

ROWS = [
    [int(v) for v in row] for row in np.random.default_rng(3).integers(1, 50_000, size=(150, 6))
]

APPORTIONMENT_NAMES = {
    "hare": "largest_remainder",
    "dhondt": "dhondt",
    "sainte-lague": "saintelague",
    "modified-sainte-lague": "modified_saintelague",
    "huntington-hill": "huntington",
    "adams": "adams",
    "dean": "dean",
}


def ours(row: list[int], seats: int, method: str) -> list[int] | None:
    result = allocate({f"P{i}": v for i, v in enumerate(row)}, seats, method)
    return list(result.seats.values()) if isinstance(result, Allocation) else None


@pytest.mark.parametrize("method", sorted(APPORTIONMENT_NAMES))
@pytest.mark.parametrize("seats", [4, 25, 98])
def test_agrees_with_apportionment(method: str, seats: int) -> None:
    compared = 0
    for row in ROWS:
        expected = ours(row, seats, method)
        if expected is None:
            continue
        theirs = apportionment_methods.compute(
            APPORTIONMENT_NAMES[method], row, seats, fractions=True
        )
        assert [int(x) for x in theirs] == expected, row
        compared += 1
    assert compared >= len(ROWS) - 3


PSK_CALLS = {
    "hare": lambda row, seats: psk.largest_remainder("Hare", row, seats),
    "droop": lambda row, seats: psk.largest_remainder("Droop", row, seats),
    "dhondt": lambda row, seats: psk.highest_averages("Jefferson", row, seats),
    "sainte-lague": lambda row, seats: psk.highest_averages("Webster", row, seats),
}


@pytest.mark.parametrize("method", sorted(PSK_CALLS))
@pytest.mark.parametrize("seats", [5, 98])
def test_agrees_with_poli_sci_kit(method: str, seats: int) -> None:
    for row in ROWS[:80]:
        expected = ours(row, seats, method)
        if expected is None:
            continue
        with redirect_stdout(io.StringIO()):
            theirs = PSK_CALLS[method](row, seats)
        assert [int(x) for x in theirs] == expected, row


def test_threshold_agrees_with_poli_sci_kit_strict_rule() -> None:
    # poli-sci-kit admits a share strictly above the threshold: our at_threshold="fail".
    from fractions import Fraction

    from kazpolity.elections import ThresholdRule

    rule = ThresholdRule(Fraction(7), "valid", "fail")
    for row in ROWS[:80]:
        result = allocate({f"P{i}": v for i, v in enumerate(row)}, 20, "hare", threshold=rule)
        if not isinstance(result, Allocation):
            continue
        theirs = psk.largest_remainder("Hare", row, 20, alloc_threshold=0.07)
        assert [int(x) for x in theirs] == list(result.seats.values())
