"""Majorities as vote counts, against hand computations and a brute-force definition."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kazpolity.errors import InputError
from kazpolity.institutions.majority import MAJORITIES, share_needed, votes_needed


@pytest.mark.parametrize(
    ("majority", "total", "need"),
    [
        ("two-thirds-of-total", 107, 72),   # 71 1/3 -> 72
        ("two-thirds-of-total", 47, 32),    # 31 1/3 -> 32
        ("two-thirds-of-total", 77, 52),
        ("majority-of-total", 145, 73),
        ("majority-of-total", 107, 54),
        ("majority-of-total", 98, 50),      # more than half of an even number
        ("three-quarters-of-total", 47, 36),
        ("three-quarters-of-total", 107, 81),
        ("four-fifths-of-total", 107, 86),
        ("four-fifths-of-total", 47, 38),
    ],
)
def test_hand_computed(majority: str, total: int, need: int) -> None:
    assert votes_needed(majority, total) == need


def test_majority_of_voting_uses_those_voting() -> None:
    assert votes_needed("majority-of-voting", 107, voting=60) == 31


def test_unknown_majority() -> None:
    with pytest.raises(InputError):
        votes_needed("two-fifths", 10)


def _meets(majority: str, yes: int, total: int) -> bool:
    share, strict, _ = MAJORITIES[majority]
    return Fraction(yes, total) > share if strict else Fraction(yes, total) >= share


@given(st.sampled_from([m for m in MAJORITIES if m != "majority-of-voting"]),
       st.integers(min_value=1, max_value=500))
def test_needed_is_the_smallest_count_that_meets(majority: str, total: int) -> None:
    need = votes_needed(majority, total)
    assert _meets(majority, need, total)
    assert not _meets(majority, need - 1, total)


def test_initiative_share() -> None:
    assert share_needed(Fraction(1, 5), 107) == 22
    assert share_needed(Fraction(1, 3), 107) == 36
