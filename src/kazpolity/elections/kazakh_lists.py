"""The Kazakh party-list rule (Election Law Art. 97-1, Art. 97 from 2009), per era.

Everything the rule needs is read from the rulebook for the election's date: the threshold,
its base and what happens exactly at it, the method (Hare quota over the admitted lists,
integer parts, then largest remainders), the tie-break (equal remainders: the list
registered earlier), and the 2009 guarantee that a second list enters.

The 2009 guarantee is applied as the law's text goes as far as it was retrieved: if only one
list passes, the runner-up is admitted; the quota is the two lists' votes over the seats; the
runner-up's quotient is multiplied by the correction index (0.7) and its integer part taken.
The clause on its minimum is cut off in the retrieved text (the IPU says "at least two
seats"): that is a **legal gap**. The default reading, ``minimum-two``, gives the runner-up
``max(2, ⌊0.7·v₂/q⌋)`` seats and the leader the rest; ``no-minimum`` drops the floor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction
from math import floor

from kazpolity.elections.apportionment import allocate
from kazpolity.elections.explanation import Allocation, PartyOutcome
from kazpolity.elections.lots import LotRequired
from kazpolity.elections.method_rules import method_source
from kazpolity.elections.steps import Step, StepKind, step
from kazpolity.elections.threshold import (
    AtThreshold,
    BallotExtras,
    ThresholdBase,
    ThresholdRule,
    judge_threshold,
    parse_at_threshold,
    parse_threshold_base,
    threshold_base_votes,
)
from kazpolity.errors import InputError
from kazpolity.law import Rule, rules_at


class SecondPartyReading(StrEnum):
    """Readings of the 2009 guarantee's minimum-seats clause (cut off in the retrieved text)."""

    MINIMUM_TWO = "minimum-two"
    NO_MINIMUM = "no-minimum"


SECOND_PARTY_READINGS: tuple[str, ...] = tuple(reading.value for reading in SecondPartyReading)


class OutcomeStatus(StrEnum):
    """Whether an allocation completed or waits for a drawing of lots."""

    OK = "ok"
    LOT_REQUIRED = "lot_required"

LIST_CHAMBERS = ("majilis", "kurultai")


@dataclass(frozen=True)
class ListRules:
    """The list rule of one chamber on one date, each part with its citation."""

    chamber: str
    on: date
    seats: int
    threshold: ThresholdRule | None
    method: str
    tie_break: str | None
    second_party_guarantee: bool
    correction_index: Fraction | None
    second_party_min_seats: int | None
    citations: Mapping[str, str] = field(default_factory=dict)
    unverified: tuple[str, ...] = ()

    @property
    def article(self) -> str:
        return self.citations.get("list_method", "Election Law Art. 97-1/97")

    def with_changes(
        self,
        *,
        seats: int | None = None,
        threshold_percent: Fraction | None = None,
        method: str | None = None,
    ) -> ListRules:
        """The same rules with a seat count, threshold or method replaced (counterfactuals)."""
        threshold = self.threshold
        if threshold_percent is not None:
            threshold = ThresholdRule(
                threshold_percent,
                threshold.base if threshold else ThresholdBase.VALID,
                threshold.at_threshold if threshold else AtThreshold.PASS,
            )
        citations = dict(self.citations)
        if method is not None and method != self.method:
            citations["list_method"] = method_source(method)
        return ListRules(
            chamber=self.chamber,
            on=self.on,
            seats=seats if seats is not None else self.seats,
            threshold=threshold,
            method=method or self.method,
            tie_break=self.tie_break,
            second_party_guarantee=self.second_party_guarantee,
            correction_index=self.correction_index,
            second_party_min_seats=self.second_party_min_seats,
            citations=citations,
            unverified=self.unverified,
        )


def _cite(rule: Rule) -> str:
    return f"{rule.source.act}, {rule.source.article}"


def list_rules_at(on: date, chamber: str = "majilis") -> ListRules:
    """The list rule in force on ``on`` for ``chamber`` (``majilis`` or ``kurultai``)."""
    if chamber not in LIST_CHAMBERS:
        raise InputError("chamber", f"must be one of {', '.join(LIST_CHAMBERS)}, got {chamber!r}")
    book = rules_at(on)
    if not book.exists(chamber):
        raise InputError("chamber", f"the {chamber} does not exist on {on.isoformat()}")
    seats = book.int_(f"{chamber}.seats_list")
    method = book.optional_str(f"{chamber}.list_method")
    if seats == 0 or method is None:
        raise InputError("on", f"the {chamber} has no party-list seats on {on.isoformat()}")
    names = [
        "seats_list",
        "threshold_percent",
        "threshold_base",
        "threshold_at_exact",
        "list_method",
        "list_tie_break",
        "second_party_guarantee",
        "second_party_correction_index",
        "second_party_min_seats",
    ]
    leaves = {name: book.leaf(f"{chamber}.{name}") for name in names}
    percent = book.optional_fraction(f"{chamber}.threshold_percent")
    threshold = None
    if percent is not None:
        base = parse_threshold_base(book.str_(f"{chamber}.threshold_base"))
        at_exact = parse_at_threshold(book.str_(f"{chamber}.threshold_at_exact"))
        threshold = ThresholdRule(percent, base, at_exact)
    return ListRules(
        chamber=chamber,
        on=on,
        seats=seats,
        threshold=threshold,
        method={"hare-largest-remainder": "hare"}[method],
        tie_break=book.optional_str(f"{chamber}.list_tie_break"),
        second_party_guarantee=book.bool_(f"{chamber}.second_party_guarantee"),
        correction_index=book.optional_fraction(f"{chamber}.second_party_correction_index"),
        second_party_min_seats=book.optional_int(f"{chamber}.second_party_min_seats"),
        citations={name: _cite(rule) for name, rule in leaves.items()},
        unverified=tuple(rule.key for rule in leaves.values() if rule.unverified),
    )


@dataclass(frozen=True)
class SecondPartyStep:
    """How the 2009 guarantee was applied: who was admitted and the corrected quotient."""

    leader: str
    runner_up: str
    quota: Fraction
    runner_up_quotient: Fraction
    corrected_quotient: Fraction
    reading: SecondPartyReading
    runner_up_seats: int
    leader_seats: int


@dataclass(frozen=True)
class ListCompleted:
    """The Kazakh list rule applied: seats, with the allocation that explains them.

    ``second_party`` is set when the 2009 guarantee decided the seats; ``notes`` are steps
    about the rule as a whole (unverified parameters, a registration order needed, …).
    """

    rules: ListRules
    allocation: Allocation
    second_party: SecondPartyStep | None
    votes: dict[str, int]
    notes: tuple[Step, ...] = ()

    status = OutcomeStatus.OK
    lot = None

    @property
    def seats(self) -> dict[str, int]:
        return self.allocation.seats


@dataclass(frozen=True)
class ListLotRequired:
    """The Kazakh list rule cannot finish without a drawing of lots (or the registration
    order the law's tie-break needs)."""

    rules: ListRules
    lot: LotRequired
    votes: dict[str, int]
    notes: tuple[Step, ...] = ()

    status = OutcomeStatus.LOT_REQUIRED
    allocation = None
    second_party = None

    @property
    def seats(self) -> dict[str, int]:
        """No seats are final while a lot is pending."""
        return {}


ListOutcome = ListCompleted | ListLotRequired
"""The result of the Kazakh list rule: seats, or a lot to draw."""


def _passing(votes: Mapping[str, int], rules: ListRules, extras: BallotExtras) -> list[str]:
    if rules.threshold is None:
        return [party for party, count in votes.items() if count > 0]
    base = threshold_base_votes(rules.threshold.base, sum(votes.values()), extras)
    return [
        party
        for party, count in votes.items()
        if judge_threshold(count, base, rules.threshold).passed
    ]


def _second_party(
    votes: Mapping[str, int], rules: ListRules, leader: str, reading: SecondPartyReading
) -> tuple[SecondPartyStep, dict[str, int]] | None:
    others = sorted(
        ((count, party) for party, count in votes.items() if party != leader), reverse=True
    )
    if not others or others[0][0] == 0:
        return None
    if len(others) > 1 and others[0][0] == others[1][0]:
        raise InputError(
            "votes",
            "two runner-up lists have equal votes; the 2009 guarantee "
            "names no tie-break for the runner-up (legal gap)",
        )
    runner_up = others[0][1]
    quota = Fraction(votes[leader] + votes[runner_up], rules.seats)
    quotient = Fraction(votes[runner_up]) / quota
    corrected = quotient * (rules.correction_index or Fraction(1))
    seats_runner_up = floor(corrected)
    if reading is SecondPartyReading.MINIMUM_TWO and rules.second_party_min_seats is not None:
        seats_runner_up = max(seats_runner_up, rules.second_party_min_seats)
    seats_runner_up = min(seats_runner_up, rules.seats)
    guarantee = SecondPartyStep(
        leader,
        runner_up,
        quota,
        quotient,
        corrected,
        reading,
        seats_runner_up,
        rules.seats - seats_runner_up,
    )
    seats = {party: 0 for party in votes}
    seats[leader] = rules.seats - seats_runner_up
    seats[runner_up] = seats_runner_up
    return guarantee, seats


def _second_party_steps(guarantee: SecondPartyStep, votes: Mapping[str, int],
                        rules: ListRules) -> tuple[Step, ...]:
    """The guarantee's working: admission, the two-list quota, the corrected quotient."""
    g = guarantee
    index = rules.correction_index or Fraction(1)
    return (
        step(StepKind.SECOND_PARTY_ADMITTED, leader=g.leader, runner_up=g.runner_up,
             citation=rules.citations.get("second_party_guarantee", "Art. 97(2)")),
        step(StepKind.SECOND_PARTY_QUOTA, seats=rules.seats, quota=g.quota),
        step(StepKind.SECOND_PARTY_CORRECTED, runner_up=g.runner_up,
             votes=votes[g.runner_up], quotient=g.runner_up_quotient, index=index,
             corrected=g.corrected_quotient),
        step(StepKind.SECOND_PARTY_SEATS, term=g.reading, runner_up=g.runner_up,
             seats=g.runner_up_seats),
        step(StepKind.SECOND_PARTY_LEADER, leader=g.leader, seats=g.leader_seats),
    )


def _second_party_allocation(
    guarantee: SecondPartyStep,
    seats: dict[str, int],
    votes: Mapping[str, int],
    rules: ListRules,
    extras: BallotExtras,
) -> Allocation:
    """The guarantee's result in the same explained form as any other allocation."""
    total = sum(votes.values()) or 1
    base = (threshold_base_votes(rules.threshold.base, sum(votes.values()), extras)
            if rules.threshold else None)
    parties = []
    for party, count in votes.items():
        verdict = (judge_threshold(count, base, rules.threshold, party)
                   if rules.threshold is not None and base is not None else None)
        admitted = party in (guarantee.leader, guarantee.runner_up)
        quotient = (guarantee.corrected_quotient if party == guarantee.runner_up
                    else Fraction(count) / guarantee.quota if admitted else None)
        parties.append(PartyOutcome(
            party=party, votes=count, share=Fraction(count, total), threshold=verdict,
            admitted=admitted, quotient=quotient,
            integer_part=floor(quotient) if quotient is not None else None,
            remainder=None, remainder_seat=False, seats=seats[party]))
    return Allocation(method=rules.method, seats_total=rules.seats, parties=tuple(parties),
                      steps=_second_party_steps(guarantee, votes, rules),
                      quota=guarantee.quota, quota_name="hare (two admitted lists)",
                      threshold=rules.threshold, threshold_base_votes=base,
                      tie_break=None, article=rules.citations.get("second_party_guarantee"))


def allocate_list_seats(
    votes: Mapping[str, int],
    rules: ListRules,
    *,
    against_all: int = 0,
    invalid: int = 0,
    registration_order: Sequence[str] | None = None,
    lot: Sequence[str] | None = None,
    second_party_reading: SecondPartyReading | str = SecondPartyReading.MINIMUM_TWO,
) -> ListOutcome:
    """Allocate list seats under ``rules``; ``registration_order`` settles equal remainders.

    Without a registration order a tie that decides a seat returns a lot to draw, stating
    that the law's tie-break needs the order in which the lists were registered.
    """
    if second_party_reading not in SECOND_PARTY_READINGS:
        raise InputError(
            "second_party_reading", f"must be one of {', '.join(SECOND_PARTY_READINGS)}"
        )
    reading = SecondPartyReading(second_party_reading)
    extras = BallotExtras(against_all=against_all, invalid=invalid)
    counts = dict(votes)
    notes: list[Step] = []
    if rules.unverified:
        notes.append(step(StepKind.UNVERIFIED_RULES, keys=rules.unverified))
    tie_order = list(registration_order) if registration_order and rules.tie_break else None
    if rules.tie_break and not registration_order:
        notes.append(step(StepKind.REGISTRATION_ORDER_NEEDED,
                          citation=rules.citations.get("list_tie_break")))
    passing = _passing(counts, rules, extras)
    if len(passing) == 1 and rules.second_party_guarantee and rules.method == "hare":
        settled = _second_party(counts, rules, passing[0], reading)
        if settled is not None:
            guarantee, seats = settled
            notes.append(step(StepKind.SECOND_PARTY_APPLIED,
                              citation=rules.citations.get("second_party_guarantee", "")))
            explained = _second_party_allocation(guarantee, seats, counts, rules, extras)
            return ListCompleted(rules, explained, guarantee, counts, tuple(notes))
    result = allocate(
        counts,
        rules.seats,
        rules.method,
        threshold=rules.threshold,
        extras=extras,
        tie_order=tie_order,
        lot=lot,
        article=rules.article,
    )
    if isinstance(result, LotRequired):
        return ListLotRequired(rules, result, counts, tuple(notes))
    return ListCompleted(rules, result, None, counts, tuple(notes))


def allocate_list_seats_on(
    on: date,
    votes: Mapping[str, int],
    *,
    against_all: int = 0,
    invalid: int = 0,
    registration_order: Sequence[str] | None = None,
    chamber: str = "majilis",
    lot: Sequence[str] | None = None,
) -> ListOutcome:
    """The list rule in force on ``on`` applied to ``votes`` (the results server calls this)."""
    return allocate_list_seats(
        votes,
        list_rules_at(on, chamber),
        against_all=against_all,
        invalid=invalid,
        registration_order=registration_order,
        lot=lot,
    )
