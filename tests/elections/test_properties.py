"""Hypothesis properties of the exact engine (never house monotonicity for largest remainder,
which the Alabama paradox refutes)."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kazpolity.elections import (
    METHODS,
    Allocation,
    LotRequired,
    ThresholdRule,
    allocate,
)
from kazpolity.errors import InputError

vote_lists = st.lists(st.integers(0, 5_000), min_size=1, max_size=7)
seat_counts = st.integers(1, 40)
methods = st.sampled_from(METHODS)


def named(votes: list[int]) -> dict[str, int]:
    return {f"P{i}": v for i, v in enumerate(votes)}


def run(votes: dict[str, int], seats: int, method: str, **kwargs: object) -> object:
    try:
        return allocate(votes, seats, method, **kwargs)  # type: ignore[arg-type]
    except InputError:
        return None


@settings(max_examples=300, deadline=None)
@given(vote_lists, seat_counts, methods)
def test_seat_sum_and_lot_shape(votes: list[int], seats: int, method: str) -> None:
    result = run(named(votes), seats, method)
    if isinstance(result, Allocation):
        assert sum(result.seats.values()) == seats
    elif isinstance(result, LotRequired):
        assert sum(result.settled.values()) + result.seats_to_draw == seats
        assert len(result.options) > result.seats_to_draw >= 1
        # Completing the lot with the first options gives them one seat each on top.
        done = allocate(named(votes), seats, method, lot=result.options)
        assert isinstance(done, Allocation)
        for party, held in done.seats.items():
            bonus = party in result.options[: result.seats_to_draw]
            assert held == result.settled[party] + bonus
    else:
        assert sum(votes) == 0 or method not in ("hare", "dhondt", "sainte-lague")


@settings(max_examples=200, deadline=None)
@given(vote_lists, seat_counts, methods, st.randoms(use_true_random=False))
def test_permutation_invariance(votes: list[int], seats: int, method: str, rnd: object) -> None:
    base = named(votes)
    items = list(base.items())
    rnd.shuffle(items)  # type: ignore[attr-defined]
    first, second = run(base, seats, method), run(dict(items), seats, method)
    if isinstance(first, Allocation):
        assert isinstance(second, Allocation) and first.seats == second.seats
    elif isinstance(first, LotRequired):
        assert isinstance(second, LotRequired)
        assert set(first.options) == set(second.options)
        assert dict(first.settled) == dict(second.settled)
    else:
        assert second is None


@settings(max_examples=200, deadline=None)
@given(vote_lists, st.integers(0, 100), st.integers(0, 100), st.sampled_from(["pass", "fail"]))
def test_raising_the_threshold_never_admits_more(
    votes: list[int], low: int, high: int, at: str
) -> None:
    low, high = sorted((low, high))
    by_party = named(votes)

    def admitted(percent: int) -> set[str]:
        rule = ThresholdRule(Fraction(percent), "valid", at)  # type: ignore[arg-type]
        result = run(by_party, 5, "hare", threshold=rule)
        if result is None:
            return set()
        if isinstance(result, LotRequired):
            result = allocate(by_party, 5, "hare", threshold=rule, lot=result.options)
        assert isinstance(result, Allocation)
        return {p.party for p in result.parties if p.admitted}

    assert admitted(high) <= admitted(low)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 10_000), min_size=1, max_size=7), seat_counts)
def test_largest_remainder_hare_satisfies_quota(votes: list[int], seats: int) -> None:
    result = run(named(votes), seats, "hare", lot=None)
    if isinstance(result, LotRequired):
        result = allocate(named(votes), seats, "hare", lot=result.options)
    assert isinstance(result, Allocation)
    total = sum(votes)
    for party, held in result.seats.items():
        quota = Fraction(named(votes)[party] * seats, total)
        assert math.floor(quota) <= held <= math.ceil(quota)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 10_000), min_size=1, max_size=7), seat_counts)
def test_dhondt_never_below_lower_quota(votes: list[int], seats: int) -> None:
    result = run(named(votes), seats, "dhondt")
    held = result.settled if isinstance(result, LotRequired) else result.seats  # type: ignore[union-attr]
    total = sum(votes)
    for party, count in held.items():
        assert count >= math.floor(Fraction(named(votes)[party] * seats, total))


@settings(max_examples=150, deadline=None)
@given(vote_lists, seat_counts, methods)
def test_zero_vote_lists_get_nothing(votes: list[int], seats: int, method: str) -> None:
    result = run(named(votes), seats, method)
    held = (
        result.seats
        if isinstance(result, Allocation)
        else result.settled
        if isinstance(result, LotRequired)
        else {}
    )
    for party, count in held.items():
        if named(votes)[party] == 0:
            assert count == 0
