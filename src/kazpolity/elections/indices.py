"""Disproportionality and fragmentation indices of an election result.

Each index is computed exactly on the vote and seat shares (``Fraction``), and returned as a
``float`` for display; the ``*_exact`` functions return the rational value where the index is
rational (Gallagher's square root is not, so its exact form is the square of the index).

Shares are in percent for the disproportionality indices (the convention of Gallagher 1991 and
of the published tables they are compared with), and in fractions for the effective number of
parties (Laakso & Taagepera 1979). Vote shares are of all votes for lists, below-threshold lists
included: their wasted votes are exactly what these indices measure.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING

from kazpolity.elections.threshold import check_vote_count
from kazpolity.errors import InputError

if TYPE_CHECKING:
    from kazpolity.elections.official import OfficialElection


def _shares(votes: Mapping[str, int], seats: Mapping[str, int]) -> list[tuple[Fraction, Fraction]]:
    """Pairs of (vote %, seat %) over every party named in either mapping."""
    parties = list(dict.fromkeys([*votes, *seats]))
    vote_counts = {p: check_vote_count(f"votes[{p}]", votes.get(p, 0)) for p in parties}
    seat_counts = {p: check_vote_count(f"seats[{p}]", seats.get(p, 0)) for p in parties}
    vote_total = sum(vote_counts.values())
    seat_total = sum(seat_counts.values())
    if vote_total == 0:
        raise InputError("votes", "no votes: shares are undefined")
    if seat_total == 0:
        raise InputError("seats", "no seats: shares are undefined")
    return [
        (Fraction(100 * vote_counts[p], vote_total), Fraction(100 * seat_counts[p], seat_total))
        for p in parties
    ]


def gallagher_squared_exact(votes: Mapping[str, int], seats: Mapping[str, int]) -> Fraction:
    """The square of Gallagher's least-squares index: ½ Σ (v_i − s_i)², in percent points²."""
    return sum(((v - s) ** 2 for v, s in _shares(votes, seats)), Fraction(0)) / 2


def gallagher(votes: Mapping[str, int], seats: Mapping[str, int]) -> float:
    """Gallagher's least-squares index LSq = √(½ Σ (v_i − s_i)²), in percentage points."""
    return math.sqrt(gallagher_squared_exact(votes, seats))


def loosemore_hanby_exact(votes: Mapping[str, int], seats: Mapping[str, int]) -> Fraction:
    """Loosemore–Hanby index ½ Σ |v_i − s_i|, in percentage points."""
    return sum((abs(v - s) for v, s in _shares(votes, seats)), Fraction(0)) / 2


def loosemore_hanby(votes: Mapping[str, int], seats: Mapping[str, int]) -> float:
    return float(loosemore_hanby_exact(votes, seats))


def sainte_lague_index_exact(votes: Mapping[str, int], seats: Mapping[str, int]) -> Fraction:
    """Sainte-Laguë index Σ (s_i − v_i)² / v_i over parties with votes (shares in percent).

    A party with seats but no votes makes the index infinite; that is refused as bad input.
    """
    total = Fraction(0)
    for v, s in _shares(votes, seats):
        if v == 0:
            if s:
                raise InputError("votes", "a party with seats but no votes: index is infinite")
            continue
        total += (s - v) ** 2 / v
    return total


def sainte_lague_index(votes: Mapping[str, int], seats: Mapping[str, int]) -> float:
    return float(sainte_lague_index_exact(votes, seats))


def effective_number_exact(counts: Mapping[str, int]) -> Fraction:
    """Laakso–Taagepera effective number of parties 1 / Σ p_i² (by votes or by seats)."""
    checked = {p: check_vote_count(f"counts[{p}]", n) for p, n in counts.items()}
    total = sum(checked.values())
    if total == 0:
        raise InputError("counts", "all counts are zero: the effective number is undefined")
    return 1 / sum((Fraction(n, total) ** 2 for n in checked.values()), Fraction(0))


def effective_number_by_votes(votes: Mapping[str, int]) -> float:
    return float(effective_number_exact(votes))


def effective_number_by_seats(seats: Mapping[str, int]) -> float:
    return float(effective_number_exact(seats))


def list_tier_indices(votes: Mapping[str, int], seats: Mapping[str, int]
                      ) -> dict[str, float] | None:
    """Every index over one list tier (votes and the seats they won), rounded to 4 places for
    display; ``None`` when no votes or no seats were given (the indices are then undefined)."""
    if not votes or not sum(votes.values()) or not any(seats.values()):
        return None
    return {
        "gallagher": round(gallagher(votes, seats), 4),
        "loosemore_hanby": round(loosemore_hanby(votes, seats), 4),
        "sainte_lague": round(sainte_lague_index(votes, seats), 4),
        "enp_votes": round(effective_number_by_votes(votes), 4),
        "enp_seats": round(effective_number_by_seats({p: s for p, s in seats.items() if s}), 4),
    }


def disproportionality(election: OfficialElection) -> dict[str, float] | None:
    """Indices over an official election's list tier (votes and list seats), where both were
    published."""
    return list_tier_indices(election.list_votes, election.official_list_seats)
