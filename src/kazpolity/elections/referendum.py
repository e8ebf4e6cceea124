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
from fractions import Fraction
from math import ceil
from typing import Any

from kazpolity.errors import InputError
from kazpolity.law import MODEL_START, rules_at


@dataclass(frozen=True)
class RegionalYes:
    """Yes votes and participants in one unit."""

    unit: str
    yes: int
    participants: int


@dataclass(frozen=True)
class ReferendumOutcome:
    status: str  # adopted | rejected | invalid
    valid: bool
    turnout: Fraction
    yes_share: Fraction
    regions_with_majority: int | None
    regions_needed: int | None
    steps: tuple[str, ...]
    unverified: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "valid": self.valid,
            "turnout_percent": round(float(self.turnout * 100), 4),
            "yes_percent_of_participants": round(float(self.yes_share * 100), 4),
            "regions_with_majority": self.regions_with_majority,
            "regions_needed": self.regions_needed,
            "steps": list(self.steps),
            "unverified": list(self.unverified),
        }


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
    if registered <= 0:
        raise InputError("registered", "must be positive")
    if not 0 <= participants <= registered:
        raise InputError("participants", f"must lie between 0 and registered ({registered})")
    if not 0 <= yes <= participants:
        raise InputError("yes", f"must lie between 0 and participants ({participants})")
    book = rules_at(max(on, MODEL_START))
    steps: list[str] = []
    unverified: list[str] = []
    if on < MODEL_START:
        steps.append(
            f"{on.isoformat()} precedes the 1995 Constitution; judged by the "
            "1995 Referendum Law's test (not the law of the day)"
        )
        unverified.append("referendum.validity_turnout_percent")
    turnout_needed = book.fraction("referendum.validity_turnout_percent")
    adoption = book.fraction("referendum.adoption_percent")
    turnout = Fraction(participants, registered)
    yes_share = Fraction(yes, participants) if participants else Fraction(0)
    valid = turnout * 100 > turnout_needed
    steps.append(
        f"Turnout {participants:,}/{registered:,} = {float(turnout * 100):.2f}% "
        f"({'more' if valid else 'not more'} than {float(turnout_needed):g}%)"
    )
    if not valid:
        return ReferendumOutcome(
            "invalid", False, turnout, yes_share, None, None, tuple(steps), tuple(unverified)
        )
    adopted = yes_share * 100 > adoption
    steps.append(
        f"Yes {yes:,}/{participants:,} = {float(yes_share * 100):.2f}% of participants "
        f"({'more' if adopted else 'not more'} than {float(adoption):g}%)"
    )
    with_majority: int | None = None
    needed: int | None = None
    fraction = book.optional_fraction("referendum.constitutional_regional_fraction")
    if constitutional and fraction is not None:
        leaf = book.leaf("referendum.constitutional_regional_fraction")
        if leaf.unverified:
            unverified.append(leaf.key)
        units = book.int_("regions.count")
        needed = ceil(fraction * units)
        if regions is None:
            steps.append(
                f"Regional test: a yes majority in at least {needed} of {units} units "
                "is required; no regional results were given, so it is not checked"
            )
            unverified.append("regional results")
        else:
            with_majority = sum(
                1
                for r in regions.values()
                if r.participants and Fraction(r.yes * 100, r.participants) > adoption
            )
            ok = with_majority >= needed
            steps.append(
                f"Regional test: yes majority in {with_majority} of {len(regions)} "
                f"units; {needed} needed"
            )
            adopted = adopted and ok
    return ReferendumOutcome(
        "adopted" if adopted else "rejected",
        True,
        turnout,
        yes_share,
        with_majority,
        needed,
        tuple(steps),
        tuple(unverified),
    )
