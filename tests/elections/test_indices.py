"""Disproportionality indices against hand computations."""

from __future__ import annotations

from fractions import Fraction

import pytest

from kazpolity.elections.indices import (
    effective_number_by_seats,
    effective_number_by_votes,
    effective_number_exact,
    gallagher,
    gallagher_squared_exact,
    loosemore_hanby,
    loosemore_hanby_exact,
    sainte_lague_index,
    sainte_lague_index_exact,
)
from kazpolity.errors import InputError

# Votes 50/30/20 %, seats 6/3/1 of 10 = 60/30/10 %: differences +10, 0, −10 points.
VOTES = {"A": 50, "B": 30, "C": 20}
SEATS = {"A": 6, "B": 3, "C": 1}


def test_gallagher() -> None:
    # √(½ (10² + 0² + 10²)) = √100 = 10.
    assert gallagher_squared_exact(VOTES, SEATS) == 100
    assert gallagher(VOTES, SEATS) == pytest.approx(10.0)


def test_loosemore_hanby() -> None:
    # ½ (10 + 0 + 10) = 10.
    assert loosemore_hanby_exact(VOTES, SEATS) == 10
    assert loosemore_hanby(VOTES, SEATS) == 10.0


def test_sainte_lague_index() -> None:
    # 10²/50 + 0 + 10²/20 = 2 + 5 = 7.
    assert sainte_lague_index_exact(VOTES, SEATS) == 7
    assert sainte_lague_index(VOTES, SEATS) == 7.0


def test_effective_number_of_parties() -> None:
    # Votes: 1 / (.25 + .09 + .04) = 1/.38 = 50/19; seats: 1 / (.36 + .09 + .01) = 50/23.
    assert effective_number_exact(VOTES) == Fraction(50, 19)
    assert effective_number_by_votes(VOTES) == pytest.approx(50 / 19)
    assert effective_number_by_seats(SEATS) == pytest.approx(50 / 23)
    assert effective_number_exact({"A": 1, "B": 1, "C": 1, "D": 1}) == 4


def test_perfect_proportionality_is_zero() -> None:
    assert gallagher({"A": 60, "B": 40}, {"A": 3, "B": 2}) == 0.0
    assert loosemore_hanby_exact({"A": 60, "B": 40}, {"A": 3, "B": 2}) == 0


def test_parties_missing_from_one_side_count_as_zero() -> None:
    # D got 10 % of votes and no seats: its 10 points count.
    assert loosemore_hanby_exact({"A": 90, "D": 10}, {"A": 5}) == 10


def test_bad_input() -> None:
    with pytest.raises(InputError):
        gallagher({"A": 0}, {"A": 1})
    with pytest.raises(InputError):
        effective_number_exact({"A": 0})
    with pytest.raises(InputError):
        sainte_lague_index({"A": 10, "B": 0}, {"A": 1, "B": 1})
    with pytest.raises(InputError):
        loosemore_hanby({"A": -1, "B": 5}, {"A": 1})
