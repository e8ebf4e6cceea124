"""Local elections: maslikhats (majoritarian; mixed 50/50 for regional and city maslikhats
from the 2022 amendments, first used 2023) and directly elected akims (rural from 2021,
district from 2023). The counting rules are read from ``local_elections`` in the rulebook;
most of them are unverified in the facts, and the results say so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from math import floor

from kazpolity.elections.apportionment import allocate
from kazpolity.elections.explanation import Allocation
from kazpolity.elections.lots import LotRequired
from kazpolity.elections.majority import MajorityOutcome, absolute_majority, plurality
from kazpolity.elections.threshold import BallotExtras, ThresholdBase, ThresholdRule
from kazpolity.errors import InputError
from kazpolity.law import Rulebook, rules_at

MASLIKHAT_LEVELS = ("regional", "city", "district")


def _unverified(on: date, *keys: str) -> tuple[str, ...]:
    book = rules_at(on)
    return tuple(key for key in keys if book.leaf(key).unverified)


def _district(
    on: date, votes: Mapping[str, int], rule: str, article: str, unverified: tuple[str, ...]
) -> MajorityOutcome:
    if rule == "plurality":
        return plurality(votes, article=article, unverified=unverified)
    total = sum(votes.values())
    return absolute_majority(
        votes,
        base=total,
        base_name="ballots",
        percent=Fraction(50),
        article=article,
        unverified=unverified,
    )


@dataclass(frozen=True)
class MaslikhatOutcome:
    """Seats by party of one maslikhat, with the district results and the list allocation."""

    level: str
    system: str
    seats: dict[str, int]
    districts: dict[str, MajorityOutcome]
    lists: Allocation | LotRequired | None
    undecided: tuple[str, ...]
    unverified: tuple[str, ...]


def maslikhat_seat_split(on: date, level: str, seats: int) -> tuple[int, int]:
    """(district seats, list seats) of a maslikhat of ``seats`` at ``level`` on ``on``."""
    if level not in MASLIKHAT_LEVELS:
        raise InputError("level", f"must be one of {', '.join(MASLIKHAT_LEVELS)}")
    if seats <= 0:
        raise InputError("seats", "must be positive")
    book = rules_at(on)
    mixed = level in book.str_list("local_elections.maslikhat_mixed_levels")
    share = book.optional_fraction("local_elections.maslikhat_list_share")
    if not mixed or share is None:
        return seats, 0
    list_seats = floor(share * seats)
    return seats - list_seats, list_seats


def _list_tier(
    book: Rulebook,
    on: date,
    level: str,
    districts: int,
    share: Fraction,
    list_votes: Mapping[str, int] | None,
    against_all: int,
    registration_order: Sequence[str] | None,
) -> Allocation | LotRequired:
    """The party-list seats of a mixed maslikhat, by Hare among lists over the threshold."""
    if not list_votes:
        raise InputError(
            "list_votes",
            f"a {level} maslikhat on {on.isoformat()} is mixed: list votes are required",
        )
    # districts are (1 - share) of the seats: list seats = districts × share / (1 - share)
    list_seats = floor(districts * share / (1 - share))
    percent = book.optional_fraction("local_elections.maslikhat_list_threshold_percent")
    threshold = ThresholdRule(percent, ThresholdBase.LISTS_AND_AGAINST_ALL) if percent else None
    return allocate(
        list_votes,
        list_seats,
        "hare",
        threshold=threshold,
        extras=BallotExtras(against_all=against_all),
        tie_order=registration_order,
        article="maslikhat list tier",
    )


def maslikhat_election(
    on: date,
    level: str,
    *,
    districts: Mapping[str, Mapping[str, int]],
    list_votes: Mapping[str, int] | None = None,
    against_all: int = 0,
    registration_order: Sequence[str] | None = None,
) -> MaslikhatOutcome:
    """One maslikhat: each district by the district rule, the list tier by Hare and threshold.

    The maslikhat's size is the number of districts plus the list seats the law gives it.
    """
    book = rules_at(on)
    mixed = level in book.str_list("local_elections.maslikhat_mixed_levels")
    share = book.optional_fraction("local_elections.maslikhat_list_share")
    rule_leaf = book.leaf("local_elections.maslikhat_district_rule")
    unverified = _unverified(
        on,
        "local_elections.maslikhat_district_rule",
        "local_elections.maslikhat_list_threshold_percent",
    )
    article = f"{rule_leaf.source.act}, {rule_leaf.source.article}"
    results = {
        name: _district(on, votes, str(rule_leaf.value), article, unverified)
        for name, votes in districts.items()
    }
    seats: Counter[str] = Counter(o.winner for o in results.values() if o.winner is not None)
    undecided = tuple(name for name, o in results.items() if o.winner is None)
    allocation: Allocation | LotRequired | None = None
    if mixed and share is not None:
        allocation = _list_tier(book, on, level, len(districts), share, list_votes, against_all,
                                registration_order)
        if isinstance(allocation, Allocation):
            seats.update({p: n for p, n in allocation.seats.items() if n})
    elif list_votes:
        raise InputError("list_votes", f"a {level} maslikhat on {on.isoformat()} has no list seats")
    return MaslikhatOutcome(
        level,
        "mixed" if mixed else "majoritarian",
        dict(seats.most_common()),
        results,
        allocation,
        undecided,
        unverified,
    )


def akim_election(on: date, votes: Mapping[str, int]) -> MajorityOutcome:
    """A directly elected akim (rural from 2021-05-25; district pilots from 2023)."""
    book = rules_at(on)
    leaf = book.leaf("local_elections.akim_election_rule")
    if leaf.value is None:
        raise InputError("on", f"akims are not directly elected on {on.isoformat()}")
    unverified = (leaf.key,) if leaf.unverified else ()
    return _district(
        on, votes, str(leaf.value), f"{leaf.source.act}, {leaf.source.article}", unverified
    )
