"""The batch engine returns exactly what the exact engine returns, row by row."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from kazpolity.elections import METHODS, BallotExtras, LotRequired, ThresholdRule, allocate
from kazpolity.elections.batch import allocate_batch
from kazpolity.errors import InputError


def exact_rows(
    votes: np.ndarray,
    seats: int,
    method: str,
    percent: int | None = None,
    base: str = "valid",
    at: str = "pass",
    extras: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The exact engine on each row, in the batch engine's shape."""
    n, k = votes.shape
    seats_out = np.zeros((n, k), dtype=np.int64)
    lot = np.zeros(n, dtype=bool)
    bad = np.zeros(n, dtype=bool)
    names = [f"P{j}" for j in range(k)]
    rule = ThresholdRule(Fraction(percent), base, at) if percent is not None else None  # type: ignore[arg-type]
    for i, row in enumerate(votes):
        ballots = BallotExtras(int(extras[i, 0]), int(extras[i, 1])) if extras is not None else None
        try:
            result = allocate(
                dict(zip(names, map(int, row), strict=True)),
                seats,
                method,
                threshold=rule,
                extras=ballots,
            )
        except InputError:
            bad[i] = True
            continue
        if isinstance(result, LotRequired):
            lot[i] = True
            seats_out[i] = [result.settled[p] for p in names]
        else:
            seats_out[i] = [result.seats[p] for p in names]
    return seats_out, lot, bad


def assert_same(votes: np.ndarray, seats: int, method: str, **kwargs: object) -> None:
    batch = allocate_batch(votes, seats, method, **kwargs, chunk_rows=37, workers=2)  # type: ignore[arg-type]
    names = {
        "threshold_percent": "percent",
        "threshold_base": "base",
        "at_threshold": "at",
        "extra_base": "extras",
    }
    expected = exact_rows(votes, seats, method, **{names[k]: v for k, v in kwargs.items()})  # type: ignore[arg-type]
    np.testing.assert_array_equal(batch.unallocatable, expected[2])
    np.testing.assert_array_equal(batch.lot_required, expected[1])
    np.testing.assert_array_equal(batch.seats, expected[0])


@pytest.mark.parametrize("method", METHODS)
def test_batch_equals_exact_on_small_tie_rich_votes(method: str) -> None:
    # Small vote counts make ties, zero votes and degenerate rows frequent.
    rng = np.random.default_rng(7)
    votes = rng.integers(0, 12, size=(400, 5))
    for seats in (1, 4, 9):
        assert_same(votes, seats, method)
        assert_same(votes, seats, method, threshold_percent=15, at_threshold="fail")


@pytest.mark.parametrize("method", METHODS)
def test_batch_equals_exact_on_realistic_votes(method: str) -> None:
    rng = np.random.default_rng(11)
    shares = rng.dirichlet([6, 3, 2, 1.2, 0.9, 0.7, 0.5], size=300)
    votes = np.floor(shares * rng.integers(100_000, 9_000_000, size=300)[:, None]).astype(np.int64)
    extras = rng.integers(0, 400_000, size=(300, 2))
    assert_same(votes, 98, method, threshold_percent=7)
    assert_same(votes, 98, method, threshold_percent=7, threshold_base="cast", extra_base=extras)


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(
        np.int64, st.tuples(st.integers(1, 12), st.integers(1, 6)), elements=st.integers(0, 60)
    ),
    st.integers(1, 25),
    st.sampled_from(METHODS),
    st.one_of(st.none(), st.integers(0, 40)),
    st.sampled_from(["pass", "fail"]),
)
def test_batch_equals_exact_property(
    votes: np.ndarray, seats: int, method: str, percent: int | None, at: str
) -> None:
    assert_same(votes, seats, method, threshold_percent=percent, at_threshold=at)


@pytest.mark.parametrize("method", ["hare", "droop", "dhondt", "huntington-hill", "dean"])
def test_overflow_falls_back_to_exact_objects(method: str) -> None:
    # Products like votes² × seats² leave int64 here; the batch engine must switch to
    # Python integers instead of wrapping around.
    votes = np.array([[4 * 10**17, 3 * 10**17, 10**17 + 7], [10**15, 10**15, 3]], dtype=np.int64)
    batch = allocate_batch(votes, 50, method, threshold_percent=1)
    assert batch.exact_objects
    expected, lot, _ = exact_rows(votes, 50, method, percent=1)
    np.testing.assert_array_equal(batch.seats, expected)
    np.testing.assert_array_equal(batch.lot_required, lot)


def test_lot_rows_are_marked_not_decided() -> None:
    batch = allocate_batch(np.array([[10, 10, 5], [10, 9, 5]]), 1, "hare")
    assert batch.lot_required.tolist() == [True, False]
    assert batch.seats.tolist() == [[0, 0, 0], [1, 0, 0]]


def test_unallocatable_rows_are_marked() -> None:
    batch = allocate_batch(np.array([[0, 0], [5, 5], [3, 3]]), 2, "hare", threshold_percent=60)
    assert batch.unallocatable.tolist() == [True, True, True]
    assert batch.seats.sum() == 0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"votes": np.array([[1.5, 2.0]])}, "votes"),
        ({"votes": np.array([[-1, 2]])}, "votes"),
        ({"votes": np.array([1, 2])}, "votes"),
        ({"seats": 0}, "seats"),
        ({"method": "plurality"}, "method"),
        ({"threshold_percent": 101}, "threshold"),
        ({"threshold_percent": 5, "threshold_base": "registered"}, "threshold_base"),
        ({"threshold_percent": 5, "at_threshold": "maybe"}, "at_threshold"),
        ({"extra_base": np.array([[1, 2, 3]])}, "extra_base"),
    ],
)
def test_batch_bad_input(kwargs: dict[str, object], field: str) -> None:
    call: dict[str, object] = {"votes": np.array([[1, 2]]), "seats": 3, "method": "hare"}
    call.update(kwargs)
    with pytest.raises(InputError) as caught:
        allocate_batch(**call)  # type: ignore[arg-type]
    assert caught.value.field == field


@pytest.mark.parametrize("count", range(1, 13))
def test_sorting_network_sorts_every_zero_one_input(count: int) -> None:
    # The 0-1 principle: a comparator network sorts every input iff it sorts every 0/1 input.
    import itertools

    from kazpolity.elections.batch import sorting_network

    network = sorting_network(count)
    for bits in itertools.product((0, 1), repeat=count):
        values = list(bits)
        for i, j in network:
            values[i], values[j] = max(values[i], values[j]), min(values[i], values[j])
        assert values == sorted(bits, reverse=True)
