"""Allocation results that explain themselves.

A seat allocation is only checkable if it shows its working: the quota or the divisors, each
list's quotient, integer part and remainder (largest remainder) or the average that won each
seat (divisor methods), the threshold verdict with its base and rule, and the ordered steps
that awarded each seat. These values are what the faces render and what the Kazakh wrapper
cites an article of law against; the JSON and the sentences are made by
:mod:`kazpolity.presentation`, never here.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kazpolity.elections.method_rules import decimal_text
from kazpolity.elections.steps import Step
from kazpolity.elections.threshold import ThresholdRule, ThresholdVerdict

__all__ = ["Allocation", "PartyOutcome", "SeatAward", "decimal_text", "fraction_text"]


def fraction_text(value: Fraction) -> str:
    """An exact rational as text: ``"7"`` or ``"22/3"``."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


@dataclass(frozen=True)
class PartyOutcome:
    """One list's path through the allocation.

    ``share`` is the list's share of all votes for lists (below-threshold lists included); its
    share of the threshold base is in ``threshold``. For quota (largest-remainder) methods
    ``quotient`` is votes / quota and ``remainder_seat`` says whether the list won a seat on its
    remainder. Divisor methods have no quotient, integer part or remainder: their working is in
    :attr:`Allocation.awards`. Lists that failed the threshold carry ``None`` in those fields.
    """

    party: str
    votes: int
    share: Fraction
    threshold: ThresholdVerdict | None
    admitted: bool
    quotient: Fraction | None
    integer_part: int | None
    remainder: Fraction | None
    remainder_seat: bool
    seats: int


@dataclass(frozen=True)
class SeatAward:
    """One seat of a divisor method: which list won it, with which divisor and average.

    ``held`` is the number of seats the list held before (the divisor is the method's
    (held+1)-th); ``average`` is ``None`` for a first seat under a zero first divisor (an
    infinite average), a ``float`` for Huntington-Hill's irrational divisors.
    """

    seat: int
    party: str
    votes: int
    held: int
    average: Fraction | float | None


@dataclass(frozen=True)
class Allocation:
    """A completed seat allocation with its full explanation.

    ``quota`` is set for largest-remainder methods (``quota_name`` says which quota, and may
    differ from the method's own when the textbook fallback applied); ``divisors`` lists the
    divisors of the first seats and ``awards`` every seat's average for divisor methods.
    ``article`` is the provision of law or the textbook source applied.
    """

    method: str
    seats_total: int
    parties: tuple[PartyOutcome, ...]
    steps: tuple[Step, ...]
    quota: Fraction | None = None
    quota_name: str | None = None
    divisors: tuple[str, ...] | None = None
    awards: tuple[SeatAward, ...] = ()
    threshold: ThresholdRule | None = None
    threshold_base_votes: int | None = None
    tie_break: Step | None = None
    article: str | None = None

    @property
    def seats(self) -> dict[str, int]:
        """Seats per party, in the order the votes were given."""
        return {p.party: p.seats for p in self.parties}

    def party(self, name: str) -> PartyOutcome:
        for outcome in self.parties:
            if outcome.party == name:
                return outcome
        raise KeyError(name)
