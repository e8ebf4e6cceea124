"""Local elections: maslikhats (majoritarian; wholly from party lists under the 2018 law,
used in 2021; mixed 50/50 for regional and city maslikhats from the 2022 amendments, first
used 2023) and directly elected akims (rural from 2021, district from 2023). The counting
rules are read from ``local_elections`` in the rulebook; the results name the unverified ones.
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
    if book.str_("local_elections.maslikhat_system") == "proportional":
        return 0, seats
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
    list_seats: int,
    list_votes: Mapping[str, int] | None,
    against_all: int,
    registration_order: Sequence[str] | None,
) -> Allocation | LotRequired:
    """The party-list seats of a maslikhat, by Hare among lists over the threshold."""
    if not list_votes:
        raise InputError(
            "list_votes",
            f"a {level} maslikhat on {on.isoformat()} has list seats: list votes are required",
        )
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
    list_seats: int | None = None,
) -> MaslikhatOutcome:
    """One maslikhat: each district by the district rule, the list tier by Hare and threshold.

    The maslikhat's size is the number of districts plus the list seats the law gives it.
    Under the 2018 law (Election Law Art. 9(2), elections of 2021) a maslikhat had no
    districts: all its ``list_seats`` went to the party lists.
    """
    book = rules_at(on)
    if book.str_("local_elections.maslikhat_system") == "proportional":
        return _proportional_maslikhat(book, on, level, districts, list_votes, against_all,
                                       registration_order, list_seats)
    if list_seats is not None:
        raise InputError("list_seats",
                         f"on {on.isoformat()} the list seats follow from the districts")
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
        # districts are (1 - share) of the seats: list seats = districts × share / (1 - share)
        tier_seats = floor(len(districts) * share / (1 - share))
        allocation = _list_tier(book, on, level, tier_seats, list_votes, against_all,
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


def _proportional_maslikhat(
    book: Rulebook,
    on: date,
    level: str,
    districts: Mapping[str, Mapping[str, int]],
    list_votes: Mapping[str, int] | None,
    against_all: int,
    registration_order: Sequence[str] | None,
    list_seats: int | None,
) -> MaslikhatOutcome:
    """A maslikhat elected wholly from party lists (2018 law, Election Law Art. 9(2))."""
    wholly = f"a maslikhat on {on.isoformat()} is elected wholly from party lists"
    if districts:
        raise InputError("districts", f"{wholly}: it has no districts")
    if list_seats is None or list_seats <= 0:
        raise InputError("list_seats", f"{wholly}: give its number of seats (positive)")
    allocation = _list_tier(book, on, level, list_seats, list_votes, against_all,
                            registration_order)
    seats: Counter[str] = Counter()
    if isinstance(allocation, Allocation):
        seats.update({p: n for p, n in allocation.seats.items() if n})
    unverified = _unverified(on, "local_elections.maslikhat_list_threshold_percent")
    return MaslikhatOutcome(level, "proportional", dict(seats.most_common()), {}, allocation,
                            (), unverified)


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
