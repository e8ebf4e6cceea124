"""Explanation steps as records: what happened, to whom, with which exact numbers, under which
article.

An engine never writes a sentence. It records a :class:`Step` — a :class:`StepKind`, the lists or
candidates it concerns, its numbers as exact ``Fraction`` values, a fixed term (a threshold base,
a method id), whether a test passed, a date and the citation — and
:mod:`kazpolity.presentation.steps` renders it in English, Kazakh or Russian. So a translation is
a template per kind, never a pattern matched against English text, and a test can assert the
numbers a court would check rather than the wording.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction


class StepKind(StrEnum):
    """Every kind of step the engines record, grouped by the engine that records it."""

    # thresholds (apportionment.allocate, threshold.judge_threshold)
    THRESHOLD = "threshold"
    VERDICT = "verdict"
    VERDICT_AT_THRESHOLD = "verdict-at-threshold"
    ADMITTED_ANYWAY = "admitted-anyway"
    # ties and lots (lots.settle_tie, apportionment)
    LOT_UNUSED = "lot-unused"
    TIE_BY_ORDER = "tie-by-order"
    TIE_BY_LOT = "tie-by-lot"
    EQUAL_REMAINDERS = "equal-remainders"
    EQUAL_AVERAGES = "equal-averages"
    EQUAL_VOTES_FIRST_SEATS = "equal-votes-first-seats"
    # largest remainder
    QUOTA = "quota"
    QUOTA_RECOMPUTED = "quota-recomputed"
    QUOTA_OVERFLOW = "quota-overflow"
    QUOTIENT = "quotient"
    REMAINDERS_RANKED = "remainders-ranked"
    RANKED_REMAINDER = "ranked-remainder"
    NO_REMAINDER_SEATS = "no-remainder-seats"
    REMAINDER_SEATS = "remainder-seats"
    # highest averages
    ZERO_FIRST_FEW_SEATS = "zero-first-few-seats"
    FIRST_SEATS = "first-seats"
    ZERO_FIRST_ALL = "zero-first-all"
    SEAT_BY_AVERAGE = "seat-by-average"
    # the 2009 second-party guarantee (kazakh_lists)
    SECOND_PARTY_ADMITTED = "second-party-admitted"
    SECOND_PARTY_QUOTA = "second-party-quota"
    SECOND_PARTY_CORRECTED = "second-party-corrected"
    SECOND_PARTY_SEATS = "second-party-seats"
    SECOND_PARTY_LEADER = "second-party-leader"
    # notes on a list allocation (kazakh_lists)
    UNVERIFIED_RULES = "unverified-rules"
    REGISTRATION_ORDER_NEEDED = "registration-order-needed"
    SECOND_PARTY_APPLIED = "second-party-applied"
    # one-person elections (majority)
    MAJORITY_NEEDED = "majority-needed"
    ELECTED_BY_MAJORITY = "elected-by-majority"
    NO_MAJORITY = "no-majority"
    RUNOFF_PLACE_TIE = "runoff-place-tie"
    RUNOFF = "runoff"
    FIRST_PLACE_TIE = "first-place-tie"
    MOST_VOTES = "most-votes"
    TURNOUT_BELOW_VALIDITY = "turnout-below-validity"
    ELECTORS_QUORUM_FAILED = "electors-quorum-failed"
    # referendums
    BEFORE_CONSTITUTION = "before-constitution"
    REFERENDUM_TURNOUT = "referendum-turnout"
    REFERENDUM_YES = "referendum-yes"
    REGIONAL_NOT_CHECKED = "regional-not-checked"
    REGIONAL_TEST = "regional-test"


@dataclass(frozen=True)
class Step:
    """One step of an explanation.

    ``parties``: named groups of lists or candidates (``party``, ``tied``, ``winners`` …), in the
    order that matters for the step; ``numbers``: the step's exact numbers by name; ``term``: a
    fixed term the renderers translate (a threshold base, a method id, a reading of a clause);
    ``passed``: the outcome of a test; ``on``: a date; ``citation``: the act and article applied;
    ``items``: the sub-steps of a compound step (one verdict per list, one ranked remainder).
    """

    kind: StepKind
    parties: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    numbers: Mapping[str, Fraction] = field(default_factory=dict)
    term: str | None = None
    passed: bool | None = None
    on: date | None = None
    citation: str | None = None
    items: tuple[Step, ...] = ()

    def number(self, name: str) -> Fraction:
        """The number ``name`` of this step (``KeyError`` if the step has none)."""
        return self.numbers[name]

    def party(self, name: str = "party") -> str:
        """The single list or candidate of the group ``name``."""
        return self.parties[name][0]


def step(
    kind: StepKind,
    *,
    term: str | None = None,
    passed: bool | None = None,
    on: date | None = None,
    citation: str | None = None,
    items: tuple[Step, ...] = (),
    **values: int | Fraction | str | tuple[str, ...],
) -> Step:
    """A step from keyword values: numbers become exact ``Fraction``, a name becomes a group of
    one, a tuple of names stays a group."""
    numbers: dict[str, Fraction] = {}
    parties: dict[str, tuple[str, ...]] = {}
    for name, value in values.items():
        if isinstance(value, str):
            parties[name] = (value,)
        elif isinstance(value, tuple):
            parties[name] = value
        else:
            numbers[name] = Fraction(value)
    return Step(kind, parties, numbers, term, passed, on, citation, items)
