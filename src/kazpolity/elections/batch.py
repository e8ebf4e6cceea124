"""The batch engine: the exact engine's answers for millions of elections at once.

Simulations and forensics allocate the same seats over many vote vectors. This module does so
with numpy, vectorised over elections (the Python-level loops run over parties, chunks and a
handful of correction rounds, never over elections), and returns *exactly* what
:func:`kazpolity.elections.apportionment.allocate` returns for every row: all comparisons are
integer cross-multiplications, floats are used only for a first guess that is then corrected
exactly.

How it stays exact:

* Thresholds compare ``votes * 100 * q`` with ``p * base`` for a percent ``p/q``.
* Largest remainder: quotients ``votes * m // V`` and remainders ``votes * m % V`` share the
  denominator V within a row, so remainders compare as integers (Droop: ``votes // q`` and
  ``votes % q``). The Imperiali / Hagenbach-Bischoff overflow falls back to Droop row by row,
  as in the exact engine.
* Divisor methods: a float guess of the seats (rounding the standard quota at the method's
  signposts), then exact corrections — add the seat with the highest average while seats are
  missing, remove the one with the lowest average while there are too many, and swap while
  some unawarded average beats an awarded one. The result is the highest-averages allocation.
* Overflow: before computing, the largest product the method can form is bounded from the
  largest vote count. If it could exceed int64, the whole call runs on numpy object arrays of
  Python ints (same code, exact, slower) instead of wrapping around silently.

Ties and impossible rows are *marked*, never decided: ``lot_required[i]`` is True when a tie
decides a seat in row i (its ``seats`` row then holds only the settled seats, as
``LotRequired.settled`` does, and sums to less than ``seats``), and ``unallocatable[i]`` is True
when the exact engine would raise (no list admitted, no votes, or largest remainder undefined);
that row is all zeros. No tie order is applied here: a law-named tie-break needs the names,
so settle the marked rows with the exact engine.
"""

from __future__ import annotations

import functools
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from kazpolity.elections.apportionment import check_method, check_seats
from kazpolity.elections.method_rules import (
    DIVISOR_RULES,
    QUOTA_METHODS,
    QUOTA_RULES,
    DivisorRule,
)
from kazpolity.elections.threshold import (
    AtThreshold,
    ThresholdBase,
    ThresholdRule,
    parse_at_threshold,
    parse_percent,
    parse_threshold_base,
)
from kazpolity.errors import InputError

INT64_MAX = 2**63 - 1
DEFAULT_CHUNK_ROWS = 8192

Vec = npt.NDArray[Any]
"""A vector over the elections of one chunk (int64, or object in the overflow-safe mode)."""


@dataclass(frozen=True)
class BatchAllocation:
    """Seats for every election, with the rows the batch engine must not decide marked.

    ``seats``: ``(n, k)`` int64. ``lot_required``: ``(n,)`` bool, rows where a tie decides a
    seat (their seats are the settled ones only). ``unallocatable``: ``(n,)`` bool, rows where
    the exact engine raises ``InputError`` (their seats are zero). ``exact_objects`` says whether
    the overflow-safe object arithmetic was used.
    """

    seats: npt.NDArray[np.int64]
    lot_required: npt.NDArray[np.bool_]
    unallocatable: npt.NDArray[np.bool_]
    exact_objects: bool = False


@dataclass(frozen=True)
class _Plan:
    """Everything a chunk worker needs, fixed once per call."""

    method: str
    seats: int
    threshold: ThresholdRule | None
    dtype: Any


def _threshold_rule(
    threshold_percent: Fraction | int | str | None,
    threshold_base: ThresholdBase | str,
    at_threshold: AtThreshold | str,
) -> ThresholdRule | None:
    if threshold_percent is None:
        return None
    return ThresholdRule(
        parse_percent("threshold", threshold_percent),
        parse_threshold_base(threshold_base),
        parse_at_threshold(at_threshold),
    )


def _run_chunks(
    plan: _Plan,
    matrix: npt.NDArray[np.int64],
    extras: npt.NDArray[np.int64] | None,
    chunk_rows: int,
    workers: int | None,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Seats, lot and impossible flags per row, chunk by chunk, in threads when asked."""
    n, k = matrix.shape
    dtype = plan.dtype
    out_seats = np.zeros((n, k), dtype=np.int64)
    out_lot = np.zeros(n, dtype=np.bool_)
    out_bad = np.zeros(n, dtype=np.bool_)

    def run(start: int) -> None:
        stop = min(start + chunk_rows, n)
        block = np.ascontiguousarray(matrix[start:stop].T).astype(dtype, copy=False)
        extra_block = (
            np.ascontiguousarray(extras[start:stop].T).astype(dtype, copy=False)
            if extras is not None
            else None
        )
        held, lot, bad = _allocate_chunk(plan, block, extra_block)
        out_seats[start:stop] = held.T
        out_lot[start:stop] = lot
        out_bad[start:stop] = bad

    starts = range(0, n, chunk_rows)
    threads = workers if workers is not None else min(8, os.cpu_count() or 1)
    if threads <= 1 or len(starts) <= 1:
        for start in starts:
            run(start)
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(run, starts))
    return out_seats, out_lot, out_bad


def allocate_batch(
    votes: npt.ArrayLike,
    seats: int,
    method: str,
    threshold_percent: Fraction | int | str | None = None,
    threshold_base: ThresholdBase | str = ThresholdBase.VALID,
    at_threshold: AtThreshold | str = AtThreshold.PASS,
    extra_base: npt.ArrayLike | None = None,
    *,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    workers: int | None = None,
) -> BatchAllocation:
    """Allocate ``seats`` by ``method`` in every row of ``votes`` (an ``(n, k)`` integer array).

    Arguments mean what they mean for :func:`~kazpolity.elections.apportionment.allocate`:
    ``threshold_percent`` (None for no threshold) with its ``threshold_base`` and
    ``at_threshold`` rule; ``extra_base`` is ``None`` or an ``(n, 2)`` integer array of
    against-all votes and invalid ballots per election, which count toward the threshold base
    as the base says and never win seats.

    Chunks of ``chunk_rows`` elections stay in the CPU cache; ``workers`` threads (default: the
    CPU count, at most 8) process chunks in parallel, since numpy releases the GIL.
    Raises ``InputError`` for bad input; ties and impossible rows are marked, not raised.
    """
    matrix = _check_matrix(votes)
    seats = check_seats(seats)
    method = check_method(method)
    rule = _threshold_rule(threshold_percent, threshold_base, at_threshold)
    n = matrix.shape[0]
    extras = _check_extras(extra_base, n)
    if chunk_rows < 1:
        raise InputError("chunk_rows", f"must be at least 1, got {chunk_rows}")

    exact_objects = _needs_objects(matrix, extras, seats, method, rule)
    dtype: Any = object if exact_objects else np.int64
    plan = _Plan(method=method, seats=seats, threshold=rule, dtype=dtype)

    out_seats, out_lot, out_bad = _run_chunks(plan, matrix, extras, chunk_rows, workers)
    return BatchAllocation(out_seats, out_lot, out_bad, exact_objects)


def _check_matrix(votes: npt.ArrayLike) -> npt.NDArray[np.int64]:
    array = np.asarray(votes)
    if array.ndim != 2 or array.shape[1] == 0:
        raise InputError("votes", f"must be an (n, k) array with k ≥ 1, got shape {array.shape}")
    if array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.integer):
        raise InputError("votes", f"must hold whole numbers, got dtype {array.dtype}")
    if array.size and int(array.min()) < 0:
        raise InputError("votes", "must not be negative")
    unsigned = np.issubdtype(array.dtype, np.unsignedinteger)
    if array.size and unsigned and int(array.max()) > INT64_MAX:
        raise InputError("votes", "a vote count exceeds the int64 range")
    return array.astype(np.int64, copy=False)


def _check_extras(extra_base: npt.ArrayLike | None, n: int) -> npt.NDArray[np.int64] | None:
    if extra_base is None:
        return None
    array = np.asarray(extra_base)
    if array.shape != (n, 2):
        raise InputError(
            "extra_base", f"must be an (n, 2) array (against-all, invalid), got {array.shape}"
        )
    if array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.integer):
        raise InputError("extra_base", f"must hold whole numbers, got dtype {array.dtype}")
    if array.size and int(array.min()) < 0:
        raise InputError("extra_base", "must not be negative")
    return array.astype(np.int64, copy=False)


def _needs_objects(
    matrix: npt.NDArray[np.int64],
    extras: npt.NDArray[np.int64] | None,
    seats: int,
    method: str,
    rule: ThresholdRule | None,
) -> bool:
    """True when some product the method forms could leave int64 (bounded from the maxima)."""
    n, k = matrix.shape
    if n == 0:
        return False
    vmax = int(matrix.max())
    extra_max = int(extras.max()) * 2 if extras is not None and extras.size else 0
    total_max = k * vmax + extra_max
    bounds = [total_max]
    if rule is not None:
        bounds.append(vmax * 100 * rule.percent.denominator)
        bounds.append(total_max * rule.percent.numerator)
    if method in QUOTA_METHODS:
        bounds.append(total_max * (seats + 2))
    else:
        divisor = DIVISOR_RULES[method]
        nums = [int(divisor.num(j)) for j in range(seats + 2)]
        dens = [int(divisor.den(j)) for j in range(seats + 2)]
        bounds.append(vmax**divisor.power * max(nums) * max(dens))
    return bool(max(bounds) > INT64_MAX // 4)


def _allocate_chunk(plan: _Plan, block: Vec, extras: Vec | None) -> tuple[Vec, Vec, Vec]:
    """One chunk in party-major layout: ``block[j]`` is party j's votes in every election.

    Whole-chunk 2-D operations keep the number of numpy calls (and so the interpreter's
    share of the time) small; chunks are sized to stay in the CPU cache.
    """
    total = block.sum(axis=0)
    admitted = block
    if plan.threshold is not None:
        rule = plan.threshold
        base = total
        if extras is not None and rule.base != "valid":
            base = base + extras[0]
            if rule.base == "cast":
                base = base + extras[1]
        # v * 100 * q >= p * base  ⟺  v >= ⌈p * base / (100 q)⌉  (and > ⟺ ≥ ⌊…⌋ + 1):
        # one per-election bound instead of a product per list.
        limit = base * rule.percent.numerator
        scale = 100 * rule.percent.denominator
        least = -(-limit // scale) if rule.at_threshold == "pass" else limit // scale + 1
        passes = block >= least
        admitted = block * passes
    admitted_total = admitted.sum(axis=0)
    bad = admitted_total == 0
    safe_total = np.where(bad, 1, admitted_total) if bad.any() else admitted_total
    if plan.method in QUOTA_METHODS:
        held, lot, undefined = _largest_remainder(plan, admitted, safe_total)
        bad = bad | undefined
    else:
        held_list, lot = _highest_averages(
            plan, list(admitted), safe_total, bad, DIVISOR_RULES[plan.method]
        )
        held = np.stack(held_list)
    if bad.any():
        lot = lot & ~bad
        held = np.where(bad, 0, held)
    return held, lot, bad


def _sum(vectors: list[Vec]) -> Vec:
    total = vectors[0].copy()
    for v in vectors[1:]:
        total += v
    return total


def _largest_remainder(plan: _Plan, votes: Vec, total: Vec) -> tuple[Vec, Vec, Vec]:
    """Largest remainder on a ``(k, m)`` chunk: whole quotas, then remainders by rank.

    Remainders of one row share a denominator (V, or the Droop quota), so they are compared as
    the integers ``votes * factor % V``.
    """
    seats = plan.seats
    rule = QUOTA_RULES[plan.method]
    if rule.integer:
        whole, rest = _divmod(votes, total // (seats + rule.offset) + 1)
    else:
        whole, rest = _divmod(votes * (seats + rule.offset), total)
        if rule.may_overflow:
            over = whole.sum(axis=0) > seats
            if over.any():
                droop_whole, droop_rest = _divmod(votes, total // (seats + 1) + 1)
                whole = np.where(over, droop_whole, whole)
                rest = np.where(over, droop_rest, rest)
    left = seats - whole.sum(axis=0)
    if plan.method == "hare":
        # Hare remainders sum to `left` quotas, each below one, so more than `left` of them are
        # positive and a list without votes (remainder 0) can never reach the cut-off.
        keys = rest
        undefined = np.zeros(total.shape, dtype=np.bool_)
    else:
        has_votes = votes > 0
        keys = np.where(has_votes, rest, -1)
        undefined = left > has_votes.sum(axis=0)
    # Only rows that end up unallocatable (no votes, Droop on tiny totals) leave more remainder
    # seats than lists; clipping keeps their look-ups in range.
    left = np.clip(left, 0, votes.shape[0])
    won, lot = _top_places(keys, left.astype(np.int64, copy=False))
    whole += won
    return whole, lot, undefined


def _divmod(numerator: Vec, denominator: Vec) -> tuple[Vec, Vec]:
    """Floor quotient and remainder; object arrays (the overflow-safe mode) lack ``np.divmod``."""
    if numerator.dtype == object:
        whole = numerator // denominator
        return whole, numerator - whole * denominator
    whole, rest = np.divmod(numerator, denominator)
    return whole, rest


def _top_places(keys: Vec, places: npt.NDArray[np.int64]) -> tuple[Vec, Vec]:
    """Give ``places[i]`` seats to the largest keys of column i; mark columns where a tie decides.

    ``keys`` is ``(k, m)``; -1 means "not a candidate". With the keys ranked, the row is a tie
    exactly when the ``places``-th and the next key are equal; otherwise the winners are the
    keys above the next one. Tied columns get only the keys strictly above the cut-off.
    """
    ranked = _sorted_descending(list(keys))
    table = np.stack([ranked[0] + 1, *ranked, np.full_like(ranked[0], -2)]).ravel()
    width = keys.shape[1]
    at = places * width + np.arange(width)
    cut = table[at]
    after = table[at + width]
    lot = after == cut  # the sentinel above the largest key makes places == 0 never a tie
    bar = np.where(lot, cut, after)
    return keys > bar, lot


@functools.cache
def sorting_network(count: int) -> tuple[tuple[int, int], ...]:
    """Batcher's odd-even merge sort network for ``count`` inputs, as comparator pairs (i, j).

    Elementwise max/min over cached vectors sorts a few lists per election faster than a
    general sort; Batcher's network needs 16 comparators for 7 lists (odd-even transposition
    needs 21). Valid for any ``count`` (checked by the 0-1 principle in the tests).
    """
    pairs: list[tuple[int, int]] = []
    p = 1
    while p < count:
        k = p
        while k >= 1:
            for j in range(k % p, count - k, 2 * k):
                for i in range(min(k, count - j - k)):
                    if (i + j) // (2 * p) == (i + j + k) // (2 * p):
                        pairs.append((i + j, i + j + k))
            k //= 2
        p *= 2
    return tuple(pairs)


def _sorted_descending(keys: list[Vec]) -> list[Vec]:
    """The keys of each election sorted, largest first."""
    if len(keys) > 16:
        return list(np.sort(np.stack(keys), axis=0)[::-1])
    ranked = list(keys)
    for i, j in sorting_network(len(keys)):
        high = np.maximum(ranked[i], ranked[j])
        ranked[j] = np.minimum(ranked[i], ranked[j])
        ranked[i] = high
    return ranked


def _highest_averages(
    plan: _Plan, votes: list[Vec], total: Vec, bad: Vec, rule: DivisorRule
) -> tuple[list[Vec], Vec]:
    seats = plan.seats
    eligible = [v > 0 for v in votes]
    voting = _sum([e.astype(np.int64) for e in eligible])
    powered = [v**rule.power if rule.power != 1 else v for v in votes]
    held = _first_guess(votes, total, seats, rule, eligible, plan.dtype)
    active = ~bad
    lot = np.zeros(total.shape, dtype=np.bool_)
    floor_seats = 0
    if rule.zero_first:
        held, lot, active = _first_seats(plan, votes, total, eligible, voting, held, active)
        floor_seats = 1
    zero = np.zeros_like(total)
    for _ in range(4 * len(votes) + 2 * seats + 8):
        best_next = _extreme(rule, powered, held, eligible, +1, want_max=True)
        worst_last = _extreme(
            rule, powered, held, [h > floor_seats for h in held], 0, want_max=False
        )
        count = _sum(held)
        add = active & (count < seats)
        remove = active & (count > seats)
        swap = (
            active
            & (count == seats)
            & best_next.ok
            & worst_last.ok
            & _greater(best_next, worst_last)
        )
        grow = (add & best_next.ok) | swap
        shrink = (remove & worst_last.ok) | swap
        if not (grow.any() or shrink.any()):
            break
        held = [
            h
            + np.where(grow & (best_next.index == j), 1, zero)
            - np.where(shrink & (worst_last.index == j), 1, zero)
            for j, h in enumerate(held)
        ]
    else:  # pragma: no cover - the corrections provably terminate; this guards a bug
        raise RuntimeError("batch divisor corrections did not converge")
    tie = active & best_next.ok & worst_last.ok & _equal(best_next, worst_last)
    if tie.any():
        held = _unsettled_last_seats(rule, powered, held, tie, worst_last, floor_seats)
    return held, lot | tie


def _first_seats(
    plan: _Plan,
    votes: list[Vec],
    total: Vec,
    eligible: list[Vec],
    voting: Vec,
    held: list[Vec],
    active: Vec,
) -> tuple[list[Vec], Vec, Vec]:
    """Seats, lot flags and rows still to correct when a zero divisor comes first."""
    # First seats have infinite averages: all lists with votes get one when seats allow;
    # otherwise the seats go by votes, and a tie in votes is a lot.
    lot = np.zeros(total.shape, dtype=np.bool_)
    few = plan.seats < voting
    if few.any():
        minus_one = np.full_like(total, -1)
        keys = [np.where(e, v, minus_one) for v, e in zip(votes, eligible, strict=True)]
        won, few_lot = _top_places(
            np.stack(keys), np.full(total.shape, plan.seats, dtype=np.int64)
        )
        held = [np.where(few, w.astype(np.int64), h) for w, h in zip(won, held, strict=True)]
        lot = few & few_lot
    return held, lot, active & ~few


def _unsettled_last_seats(
    rule: DivisorRule,
    powered: list[Vec],
    held: list[Vec],
    tie: Vec,
    worst_last: _Average,
    floor_seats: int,
) -> list[Vec]:
    """Take back, in tied rows, each seat awarded at the cut-off average: the lot decides it."""
    settled = []
    for j, h in enumerate(held):
        last_num, last_den = _average(rule, powered[j], h - 1)
        at_cut = (h > floor_seats) & (last_num * worst_last.den == worst_last.num * last_den)
        settled.append(np.where(tie & at_cut, h - 1, h))
    return settled


def _first_guess(
    votes: list[Vec], total: Vec, seats: int, rule: DivisorRule, eligible: list[Vec], dtype: Any
) -> list[Vec]:
    """Round each standard quota at the method's signposts, in floats (corrected later)."""
    guesses = []
    total_f = total.astype(np.float64)
    for v, e in zip(votes, eligible, strict=True):
        quota = v.astype(np.float64) * seats / total_f
        whole = np.floor(quota)
        signpost = ((rule.num(whole) / rule.den(whole)) ** (1.0 / rule.power) / rule.scale).astype(
            np.float64
        )
        guess = whole + (quota > signpost)
        if rule.zero_first:
            guess = np.maximum(guess, 1.0)
        guesses.append(np.where(e, guess, 0.0).astype(np.int64).astype(dtype))
    return guesses


@dataclass(frozen=True)
class _Average:
    """Per row: the extreme average ``num / den`` over parties, its party, and whether any."""

    num: Vec
    den: Vec
    index: Vec
    ok: Vec


def _average(rule: DivisorRule, powered: Vec, held: Vec) -> tuple[Vec, Vec]:
    """A party's average (squared for Huntington-Hill) for the seat after ``held`` seats."""
    safe = np.maximum(held, 0)
    return powered * rule.den(safe), rule.num(safe)


def _extreme(
    rule: DivisorRule,
    powered: list[Vec],
    held: list[Vec],
    allowed: list[Vec],
    offset: int,
    *,
    want_max: bool,
) -> _Average:
    """The highest next average (offset +1) or lowest last average (offset 0) per row.

    For the next seat the average is taken at ``held`` seats; for the last seat at
    ``held - 1``. Only parties with ``allowed`` take part; comparisons are cross-products.
    """
    best: _Average | None = None
    for j, (p, h, ok) in enumerate(zip(powered, held, allowed, strict=True)):
        num, den = _average(rule, p, h if offset else h - 1)
        if best is None:
            index = np.full(num.shape, j, dtype=np.int64)
            best = _Average(num, den, index, ok)
            continue
        candidate = _Average(num, den, best.index, ok)
        better = _greater(candidate, best) if want_max else _greater(best, candidate)
        take = ok & (~best.ok | better)
        best = _Average(
            np.where(take, num, best.num),
            np.where(take, den, best.den),
            np.where(take, j, best.index),
            best.ok | ok,
        )
    assert best is not None
    return best


def _greater(a: _Average, b: _Average) -> Vec:
    return a.num * b.den > b.num * a.den


def _equal(a: _Average, b: _Average) -> Vec:
    equal: Vec = a.num * b.den == b.num * a.den
    return equal
