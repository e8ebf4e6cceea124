"""Majorities of the law as exact vote counts.

The rulebook names a majority (``majority-of-total``, ``two-thirds-of-total``, ...). A
"majority" means MORE than half; a fraction such as 2/3 means AT LEAST that share, so
the count rounds up: 2/3 of 107 deputies is 72 (71 1/3 → 72), 2/3 of 47 senators is 32.
"""

from __future__ import annotations

from fractions import Fraction

from kazpolity.errors import InputError

MAJORITIES: dict[str, tuple[Fraction, bool, str]] = {
    # name: (fraction, strictly more than?, base)
    "majority-of-total": (Fraction(1, 2), True, "total"),
    "majority-of-voting": (Fraction(1, 2), True, "voting"),
    "two-thirds-of-total": (Fraction(2, 3), False, "total"),
    "three-quarters-of-total": (Fraction(3, 4), False, "total"),
    "four-fifths-of-total": (Fraction(4, 5), False, "total"),
}

LABELS = {
    "majority-of-total": "a majority of all",
    "majority-of-voting": "a majority of those voting",
    "two-thirds-of-total": "two thirds of all",
    "three-quarters-of-total": "three quarters of all",
    "four-fifths-of-total": "four fifths of all",
}


def votes_needed(majority: str, total: int, voting: int | None = None) -> int:
    """The smallest number of votes that meets ``majority`` in a body of ``total`` members."""
    if majority not in MAJORITIES:
        raise InputError("majority", f"unknown majority {majority!r} "
                         f"(known: {', '.join(MAJORITIES)})")
    share, strict, base = MAJORITIES[majority]
    count = total if base == "total" or voting is None else voting
    exact = share * count
    if strict:
        if exact.denominator == 1:
            return int(exact) + 1
        return -(-exact.numerator // exact.denominator)
    return -(-exact.numerator // exact.denominator)


def share_needed(fraction: Fraction, total: int) -> int:
    """At least ``fraction`` of ``total`` (an initiative quorum such as 1/5), rounded up."""
    exact = fraction * total
    return -(-exact.numerator // exact.denominator)


def describe(majority: str, total: int, voting: int | None = None) -> str:
    """``two thirds of all 107 = 72``."""
    need = votes_needed(majority, total, voting)
    if MAJORITIES[majority][2] == "voting" and voting is not None:
        return f"{LABELS[majority]} ({voting} voting) = {need}"
    return f"{LABELS[majority]} {total} = {need}"
