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
from fractions import Fraction
from math import floor
from typing import Any, Literal

from kazpolity.elections.apportionment import allocate
from kazpolity.elections.explanation import Allocation, PartyOutcome, fraction_text
from kazpolity.elections.lots import LotRequired
from kazpolity.elections.threshold import (
    BallotExtras,
    ThresholdRule,
    judge_threshold,
    threshold_base_votes,
)
from kazpolity.errors import InputError
from kazpolity.law import Rule, rules_at

SecondPartyReading = Literal["minimum-two", "no-minimum"]
SECOND_PARTY_READINGS: tuple[SecondPartyReading, ...] = ("minimum-two", "no-minimum")

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
                threshold.base if threshold else "valid",
                threshold.at_threshold if threshold else "pass",
            )
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
            citations=self.citations,
            unverified=self.unverified,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "chamber": self.chamber,
            "on": self.on.isoformat(),
            "seats": self.seats,
            "threshold": self.threshold.to_json() if self.threshold else None,
            "method": self.method,
            "tie_break": self.tie_break,
            "second_party_guarantee": self.second_party_guarantee,
            "correction_index": fraction_text(self.correction_index)
            if self.correction_index is not None
            else None,
            "second_party_min_seats": self.second_party_min_seats,
            "citations": dict(self.citations),
            "unverified": list(self.unverified),
        }


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
        base = book.str_(f"{chamber}.threshold_base")
        at_exact = book.str_(f"{chamber}.threshold_at_exact")
        threshold = ThresholdRule(percent, base, at_exact)  # type: ignore[arg-type]
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

    def to_json(self) -> dict[str, Any]:
        return {
            "leader": self.leader,
            "runner_up": self.runner_up,
            "quota": fraction_text(self.quota),
            "runner_up_quotient": fraction_text(self.runner_up_quotient),
            "corrected_quotient": fraction_text(self.corrected_quotient),
            "reading": self.reading,
            "legal_gap": "the minimum-seats clause is cut off in the retrieved law text; "
            f"reading applied: {self.reading}",
            "runner_up_seats": self.runner_up_seats,
            "leader_seats": self.leader_seats,
        }


@dataclass(frozen=True)
class ListOutcome:
    """The result of the Kazakh list rule: seats or a lot to draw, with its explanation."""

    rules: ListRules
    allocation: Allocation | None
    lot: LotRequired | None
    second_party: SecondPartyStep | None
    seats: dict[str, int]
    votes: dict[str, int]
    notes: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        return "lot_required" if self.lot is not None else "ok"

    def to_json(self) -> dict[str, Any]:
        core: dict[str, Any] = (
            self.lot.to_json()
            if self.lot is not None
            else self.allocation.to_json()
            if self.allocation is not None
            else {"status": "ok", "seats": self.seats}
        )
        core["seats"] = self.seats if self.lot is None else {}
        core["rules"] = self.rules.to_json()
        core["second_party"] = self.second_party.to_json() if self.second_party else None
        core["notes"] = list(self.notes)
        return core

    def to_text(self) -> str:
        lines = []
        if self.allocation is not None:
            lines.append(self.allocation.to_text())
        if self.lot is not None:
            lines.append(self.lot.to_text())
        if self.second_party is not None:
            step = self.second_party
            lines.append(
                f"Second-party guarantee: only {step.leader} passed; {step.runner_up} admitted; "
                f"quota {float(step.quota):.1f}; corrected quotient "
                f"{float(step.corrected_quotient):.3f} → {step.runner_up_seats} seats "
                f"(reading: {step.reading}; legal gap)"
            )
        lines.extend(self.notes)
        return "\n".join(lines)


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
    if reading == "minimum-two" and rules.second_party_min_seats is not None:
        seats_runner_up = max(seats_runner_up, rules.second_party_min_seats)
    seats_runner_up = min(seats_runner_up, rules.seats)
    step = SecondPartyStep(
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
    return step, seats


def _second_party_allocation(
    step: SecondPartyStep,
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
        verdict = (judge_threshold(count, base, rules.threshold)
                   if rules.threshold is not None and base is not None else None)
        admitted = party in (step.leader, step.runner_up)
        quotient = (step.corrected_quotient if party == step.runner_up
                    else Fraction(count) / step.quota if admitted else None)
        parties.append(PartyOutcome(
            party=party, votes=count, share=Fraction(count, total), threshold=verdict,
            admitted=admitted, quotient=quotient,
            integer_part=floor(quotient) if quotient is not None else None,
            remainder=None, remainder_seat=False, seats=seats[party]))
    steps = (
        f"Only {step.leader} passes the threshold: the runner-up {step.runner_up} is admitted "
        f"({rules.citations.get('second_party_guarantee', 'Art. 97(2)')})",
        f"Quota = votes of the two lists / {rules.seats} = {fraction_text(step.quota)}",
        f"{step.runner_up}: {votes[step.runner_up]} / quota = "
        f"{float(step.runner_up_quotient):.4f}; × correction index "
        f"{fraction_text(rules.correction_index or Fraction(1))} = "
        f"{float(step.corrected_quotient):.4f}",
        f"{step.runner_up} gets {step.runner_up_seats} seats (integer part; reading "
        f"{step.reading!r} of the minimum-seats clause — a legal gap)",
        f"{step.leader} gets the remaining {step.leader_seats} seats",
    )
    return Allocation(method=rules.method, seats_total=rules.seats, parties=tuple(parties),
                      steps=steps, quota=step.quota, quota_name="hare (two admitted lists)",
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
    second_party_reading: SecondPartyReading = "minimum-two",
) -> ListOutcome:
    """Allocate list seats under ``rules``; ``registration_order`` settles equal remainders.

    Without a registration order a tie that decides a seat returns a lot to draw, stating
    that the law's tie-break needs the order in which the lists were registered.
    """
    if second_party_reading not in SECOND_PARTY_READINGS:
        raise InputError(
            "second_party_reading", f"must be one of {', '.join(SECOND_PARTY_READINGS)}"
        )
    extras = BallotExtras(against_all=against_all, invalid=invalid)
    counts = dict(votes)
    notes: list[str] = []
    if rules.unverified:
        notes.append("Rules applied that no source confirmed: " + ", ".join(rules.unverified))
    tie_order = list(registration_order) if registration_order and rules.tie_break else None
    if rules.tie_break and not registration_order:
        notes.append(
            "Equal remainders go to the list registered earlier; no registration "
            "order was given, so such a tie would need it (or a lot)."
        )
    passing = _passing(counts, rules, extras)
    if len(passing) == 1 and rules.second_party_guarantee and rules.method == "hare":
        settled = _second_party(counts, rules, passing[0], second_party_reading)
        if settled is not None:
            step, seats = settled
            cited = rules.citations.get("second_party_guarantee", "")
            notes.append(f"Second-party guarantee applied ({cited}).")
            explained = _second_party_allocation(step, seats, counts, rules, extras)
            return ListOutcome(rules, explained, None, step, seats, counts, tuple(notes))
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
        return ListOutcome(rules, None, result, None, {}, counts, tuple(notes))
    return ListOutcome(rules, result, None, None, result.seats, counts, tuple(notes))


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
