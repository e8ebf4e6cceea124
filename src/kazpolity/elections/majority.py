"""Elections of one person: plurality, absolute majority with a top-two runoff.

Used for the President (Const. Art. 41(5): more than 50% of the votes of those who took
part, else a repeat vote of the top two), single-member Majilis districts (absolute
majority with a runoff in 1995-2004; plurality from 2023, unverified), Senate seats elected
by maslikhat deputies (the meeting is valid with more than half of the electors; more than
half of those voting elects; else a repeat vote of the top two), and directly elected akims.
Every comparison is exact (integers); a tie that decides who goes on returns the options
for a lot rather than picking one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction

from kazpolity.elections.apportionment import check_votes
from kazpolity.elections.steps import Step, StepKind, step
from kazpolity.errors import InputError
from kazpolity.law import rules_at


class MajorityStatus(StrEnum):
    """How a one-person election ended."""

    ELECTED = "elected"
    RUNOFF = "runoff"
    INVALID = "invalid"
    LOT_REQUIRED = "lot_required"


@dataclass(frozen=True)
class MajorityOutcome:
    """``status``: elected, a runoff, invalid (too few took part) or a lot to draw."""

    status: MajorityStatus
    winner: str | None
    runoff: tuple[str, ...]
    lot_options: tuple[str, ...]
    base_name: str
    base: int
    needed: Fraction
    votes: dict[str, int]
    steps: tuple[Step, ...]
    article: str
    unverified: tuple[str, ...] = field(default_factory=tuple)

    def share(self, name: str) -> Fraction:
        return Fraction(self.votes[name], self.base) if self.base else Fraction(0)


def _ranked(votes: Mapping[str, int]) -> list[tuple[str, int]]:
    return sorted(votes.items(), key=lambda item: -item[1])


def _top_two(votes: Mapping[str, int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The two who go on, or (settled, tied options) when a tie decides who goes on."""
    ranked = _ranked(votes)
    if len(ranked) <= 2:
        return tuple(name for name, _ in ranked), ()
    second = ranked[1][1]
    above = tuple(name for name, count in ranked if count > second)
    at = tuple(name for name, count in ranked if count == second)
    if len(above) + len(at) == 2:
        return above + at, ()
    return above, at


def absolute_majority(
    votes: Mapping[str, int],
    *,
    base: int,
    base_name: str,
    percent: Fraction,
    article: str,
    unverified: tuple[str, ...] = (),
) -> MajorityOutcome:
    """Elected with MORE than ``percent`` of ``base``; otherwise the top two go to a runoff."""
    counts = check_votes(votes)
    total = sum(counts.values())
    if base < total:
        raise InputError("base", f"the base ({base}) is smaller than the votes counted ({total})")
    if not counts or base == 0:
        raise InputError("votes", "no votes to count")
    steps = [step(StepKind.MAJORITY_NEEDED, term=base_name, percent=percent, base=base)]

    def outcome(status: MajorityStatus, winner: str | None = None, runoff: tuple[str, ...] = (),
                options: tuple[str, ...] = ()) -> MajorityOutcome:
        return MajorityOutcome(status, winner, runoff, options, base_name, base, percent,
                               counts, tuple(steps), article, unverified)

    leader, top = _ranked(counts)[0]
    share = Fraction(top * 100, base)
    if share > percent and sum(1 for c in counts.values() if c == top) == 1:
        steps.append(step(StepKind.ELECTED_BY_MAJORITY, winner=leader, votes=top, share=share))
        return outcome(MajorityStatus.ELECTED, leader)
    steps.append(step(StepKind.NO_MAJORITY, leader=leader, percent=percent, share=share))
    going_on, tied = _top_two(counts)
    if tied:
        steps.append(step(StepKind.RUNOFF_PLACE_TIE, tied=tied))
        return outcome(MajorityStatus.LOT_REQUIRED, runoff=going_on, options=tied)
    steps.append(step(StepKind.RUNOFF, first=going_on[0], second=going_on[1]))
    return outcome(MajorityStatus.RUNOFF, runoff=going_on)


def plurality(
    votes: Mapping[str, int], *, article: str, unverified: tuple[str, ...] = ()
) -> MajorityOutcome:
    """Most votes wins; an equal first place returns a lot."""
    counts = check_votes(votes)
    if not counts or sum(counts.values()) == 0:
        raise InputError("votes", "no votes to count")
    ranked = _ranked(counts)
    top = ranked[0][1]
    first = tuple(name for name, count in ranked if count == top)
    total = sum(counts.values())
    if len(first) > 1:
        return MajorityOutcome(
            MajorityStatus.LOT_REQUIRED,
            None,
            (),
            first,
            "valid",
            total,
            Fraction(0),
            counts,
            (step(StepKind.FIRST_PLACE_TIE, first=first),),
            article,
            unverified,
        )
    return MajorityOutcome(
        MajorityStatus.ELECTED,
        first[0],
        (),
        (),
        "valid",
        total,
        Fraction(0),
        counts,
        (step(StepKind.MOST_VOTES, winner=first[0], votes=top),),
        article,
        unverified,
    )


def runoff_round(votes: Mapping[str, int], *, article: str) -> MajorityOutcome:
    """The repeat vote between two: more votes wins; a tie needs a lot."""
    if len(votes) != 2:
        raise InputError("votes", f"a runoff is between two candidates, got {len(votes)}")
    return plurality(votes, article=article)


def presidential_election(
    on: date,
    votes: Mapping[str, int],
    *,
    participants: int | None = None,
    against_all: int = 0,
    invalid: int = 0,
) -> MajorityOutcome:
    """First round of a presidential election under the rules in force on ``on``."""
    book = rules_at(on)
    rule = book.leaf("president.majority_percent")
    base_rule = book.leaf("president.majority_base")
    counts = check_votes(votes)
    valid = sum(counts.values())
    base_name = book.str_("president.majority_base")
    if base_name == "participants":
        base = participants if participants is not None else valid + against_all + invalid
        if base < valid + against_all:
            raise InputError("participants", f"{base} is fewer than the votes counted")
    elif base_name == "valid-and-against-all":
        base = valid + against_all
    else:
        base = valid
    article = f"{rule.source.act}, {rule.source.article}"
    unverified = tuple(r.key for r in (rule, base_rule) if r.unverified)
    return absolute_majority(
        counts,
        base=base,
        base_name=base_name,
        percent=book.fraction("president.majority_percent"),
        article=article,
        unverified=unverified,
    )


def district_election(
    on: date,
    votes: Mapping[str, int],
    *,
    ballots: int | None = None,
    registered: int | None = None,
    chamber: str = "majilis",
) -> MajorityOutcome:
    """A single-member district under the rule in force (absolute majority or plurality)."""
    book = rules_at(on)
    leaf = book.leaf(f"{chamber}.district_rule")
    rule = leaf.value
    article = f"{leaf.source.act}, {leaf.source.article}"
    unverified = (leaf.key,) if leaf.unverified else ()
    if rule is None:
        raise InputError("on", f"the {chamber} has no single-member districts on {on}")
    validity = book.optional_fraction(f"{chamber}.district_validity_turnout_percent")
    counts = check_votes(votes)
    cast = ballots if ballots is not None else sum(counts.values())
    if validity is not None and registered and Fraction(cast * 100, registered) < validity:
        return MajorityOutcome(
            MajorityStatus.INVALID,
            None,
            (),
            (),
            "registered",
            registered,
            validity,
            counts,
            (step(StepKind.TURNOUT_BELOW_VALIDITY, cast=cast, registered=registered,
                  percent=validity),),
            article,
            unverified,
        )
    if rule == "plurality":
        return plurality(counts, article=article, unverified=unverified)
    return absolute_majority(
        counts,
        base=cast,
        base_name="ballots cast",
        percent=Fraction(50),
        article=article,
        unverified=unverified,
    )


def senate_election(
    on: date, votes: Mapping[str, int], *, electors: int, electors_voted: int
) -> MajorityOutcome:
    """One Senate seat elected by maslikhat deputies (EL Art. 9, 77(2))."""
    book = rules_at(on)
    if not book.exists("senate"):
        raise InputError("on", f"the Senate does not exist on {on.isoformat()}")
    quorum = book.leaf("senate.elector_quorum_percent")
    majority = book.leaf("senate.candidate_majority_percent")
    if electors <= 0 or electors_voted < 0 or electors_voted > electors:
        raise InputError("electors_voted", f"must lie between 0 and electors ({electors})")
    counts = check_votes(votes)
    article = f"{majority.source.act}, {majority.source.article}"
    if Fraction(electors_voted * 100, electors) <= book.fraction("senate.elector_quorum_percent"):
        return MajorityOutcome(
            MajorityStatus.INVALID,
            None,
            (),
            (),
            "electors",
            electors,
            book.fraction("senate.elector_quorum_percent"),
            counts,
            (step(StepKind.ELECTORS_QUORUM_FAILED, voted=electors_voted, electors=electors,
                  percent=book.fraction("senate.elector_quorum_percent"),
                  citation=quorum.source.article),),
            article,
        )
    return absolute_majority(
        counts,
        base=electors_voted,
        base_name="electors who voted",
        percent=book.fraction("senate.candidate_majority_percent"),
        article=article,
    )
