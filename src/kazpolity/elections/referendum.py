"""Republican referendums: validity by turnout, adoption nationally and by region.

A referendum is valid if more than half of the registered voters take part (Referendum Law
Art. 31(2)); a question is adopted with more than half of the participants voting yes; a
constitutional amendment also needs a yes majority in at least two thirds of the oblasts,
cities of republican significance and the capital (2022: 12 of 17).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from math import ceil

from kazpolity.elections.steps import Step, StepKind, step
from kazpolity.errors import InputError
from kazpolity.law import MODEL_START, Rulebook, rules_at


@dataclass(frozen=True)
class RegionalYes:
    """Yes votes and participants in one unit."""

    unit: str
    yes: int
    participants: int


class ReferendumStatus(StrEnum):
    """How a referendum question ended."""

    ADOPTED = "adopted"
    REJECTED = "rejected"
    INVALID = "invalid"


@dataclass(frozen=True)
class ReferendumOutcome:
    """Validity by turnout, then adoption nationally (and by region for the Constitution)."""

    status: ReferendumStatus
    valid: bool
    turnout: Fraction
    yes_share: Fraction
    regions_with_majority: int | None
    regions_needed: int | None
    steps: tuple[Step, ...]
    unverified: tuple[str, ...]


def _check_counts(registered: int, participants: int, yes: int) -> None:
    if registered <= 0:
        raise InputError("registered", "must be positive")
    if not 0 <= participants <= registered:
        raise InputError("participants", f"must lie between 0 and registered ({registered})")
    if not 0 <= yes <= participants:
        raise InputError("yes", f"must lie between 0 and participants ({participants})")


def _regional_test(
    book: Rulebook,
    constitutional: bool,
    regions: Mapping[str, RegionalYes] | None,
    adoption: Fraction,
    steps: list[Step],
    unverified: list[str],
) -> tuple[int | None, int | None, bool]:
    """Regions with a yes majority, how many are needed, and whether the test is passed.

    Only a constitutional referendum under a rule naming the regional fraction is tested;
    without regional results the test is recorded as not checked (and not failed).
    """
    fraction = book.optional_fraction("referendum.constitutional_regional_fraction")
    if not constitutional or fraction is None:
        return None, None, True
    leaf = book.leaf("referendum.constitutional_regional_fraction")
    if leaf.unverified:
        unverified.append(leaf.key)
    units = book.int_("regions.count")
    needed = ceil(fraction * units)
    if regions is None:
        steps.append(step(StepKind.REGIONAL_NOT_CHECKED, needed=needed, units=units))
        unverified.append("regional results")
        return None, needed, True
    with_majority = sum(
        1
        for r in regions.values()
        if r.participants and Fraction(r.yes * 100, r.participants) > adoption
    )
    ok = with_majority >= needed
    steps.append(step(StepKind.REGIONAL_TEST, passed=ok, regions=with_majority,
                      units=len(regions), needed=needed))
    return with_majority, needed, ok


def referendum_result(
    on: date,
    *,
    registered: int,
    participants: int,
    yes: int,
    constitutional: bool,
    regions: Mapping[str, RegionalYes] | None = None,
) -> ReferendumOutcome:
    """Decide validity and adoption under the rules in force on ``on``.

    Referendums before the 1995 Constitution (29 April 1995) are judged by the same test,
    as the Referendum Law was later to state it; the result says so.
    """
    _check_counts(registered, participants, yes)
    book = rules_at(max(on, MODEL_START))
    steps: list[Step] = []
    unverified: list[str] = []
    if on < MODEL_START:
        steps.append(step(StepKind.BEFORE_CONSTITUTION, on=on))
        unverified.append("referendum.validity_turnout_percent")
    turnout_needed = book.fraction("referendum.validity_turnout_percent")
    adoption = book.fraction("referendum.adoption_percent")
    turnout = Fraction(participants, registered)
    yes_share = Fraction(yes, participants) if participants else Fraction(0)
    valid = turnout * 100 > turnout_needed
    steps.append(step(StepKind.REFERENDUM_TURNOUT, passed=valid, participants=participants,
                      registered=registered, turnout=turnout * 100, needed=turnout_needed))
    if not valid:
        return ReferendumOutcome(
            ReferendumStatus.INVALID, False, turnout, yes_share, None, None, tuple(steps),
            tuple(unverified),
        )
    adopted = yes_share * 100 > adoption
    steps.append(step(StepKind.REFERENDUM_YES, passed=adopted, yes=yes,
                      participants=participants, share=yes_share * 100, needed=adoption))
    with_majority, needed, regional_ok = _regional_test(
        book, constitutional, regions, adoption, steps, unverified
    )
    adopted = adopted and regional_ok
    return ReferendumOutcome(
        ReferendumStatus.ADOPTED if adopted else ReferendumStatus.REJECTED,
        True,
        turnout,
        yes_share,
        with_majority,
        needed,
        tuple(steps),
        tuple(unverified),
    )
