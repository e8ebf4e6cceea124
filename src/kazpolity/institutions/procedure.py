"""The common shape of every procedure: steps checked against the rule in force.

A procedure is a small state machine. Each transition is a ``Step``: the date, the body
that acts, the action, the rule applied (rulebook key and value), the article it comes
from, the votes needed and the votes got. A rule marked unverified in the rulebook makes
its step say so (``unverified: true`` with the note) instead of pretending certainty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from kazpolity.errors import InputError
from kazpolity.institutions.majority import describe, votes_needed
from kazpolity.law import Rule, Rulebook
from kazpolity.law.eras import era_at


class ProcedureStatus(StrEnum):
    """Where a procedure ends on the facts given."""

    ADOPTED = "adopted"
    REJECTED = "rejected"
    NOT_ADOPTED = "not_adopted"
    """Neither adopted nor rejected by a vote: the bill fails (no initiative, no conclusion,
    a veto not overridden, a Kurultai vote short of both majorities)."""
    ADOPTED_IN_PRESIDENT_WORDING = "adopted_in_president_wording"
    DECREE = "decree"
    """An urgent bill Parliament did not consider: a decree having the force of law."""
    PENDING = "pending"
    """A vote or decision the scenario does not give."""


Detail = str | int | float | bool | None
"""A procedure's own findings beside its status (the target, the successor, a deadline)."""

def article(rule: Rule) -> str:
    """``Law No. 254-III amending the Constitution, Art. 56(2)``."""
    return f"{rule.source.act}, {rule.source.article}"


@dataclass(frozen=True)
class Vote:
    """A recorded vote of one body."""

    yes: int
    no: int = 0
    abstain: int = 0

    @property
    def voting(self) -> int:
        return self.yes + self.no + self.abstain


@dataclass(frozen=True)
class Step:
    """One transition of a procedure."""

    on: date
    body: str
    action: str
    rule: str
    article: str
    needed: int | None = None
    got: int | None = None
    passed: bool | None = None
    unverified: bool = False
    note: str | None = None

    def line(self) -> str:
        votes = ""
        if self.needed is not None or self.got is not None:
            votes = f" [{self.got if self.got is not None else '—'} of {self.needed} needed]"
        verdict = {True: " ✓", False: " ✗", None: ""}[self.passed]
        flag = " (UNVERIFIED)" if self.unverified else ""
        text = f"{self.on.isoformat()}  {self.body}: {self.action}{votes}{verdict}{flag}\n" \
               f"            rule: {self.rule}; {self.article}"
        if self.note:
            text += f"\n            note: {self.note}"
        return text


@dataclass
class Trace:
    """A procedure being run: the rulebook of its date and the steps so far."""

    procedure: str
    rb: Rulebook
    steps: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    details: dict[str, Detail] = field(default_factory=dict)

    @property
    def on(self) -> date:
        return self.rb.on

    def rule(self, key: str) -> Rule:
        return self.rb.leaf(key)

    def add(self, step: Step) -> Step:
        self.steps.append(step)
        return step

    def info(self, on: date, body: str, action: str, key: str | None,
             note: str | None = None, passed: bool | None = None,
             article_text: str | None = None) -> Step:
        """A step that applies a rule without a vote."""
        if key is None:
            return self.add(Step(on, body, action, "—", article_text or "—", passed=passed,
                                 note=note))
        rule = self.rule(key)
        notes = [n for n in (note, rule.note if rule.unverified else None) if n]
        return self.add(Step(on, body, action, f"{key} = {_value(rule)}",
                             article_text or article(rule), passed=passed,
                             unverified=rule.unverified, note="; ".join(notes) or None))

    def vote(self, on: date, body: str, action: str, key: str, vote: Vote | None,
             total: int, note: str | None = None, majority: str | None = None,
             assumed: str | None = None) -> Step:
        """A vote checked against the majority the rule ``key`` names, in a body of ``total``.

        ``majority`` overrides the rule's value where the rule names the procedure but not
        its majority; ``assumed`` then says why that majority was applied, and the step is
        marked unverified.
        """
        rule = self.rule(key)
        name = majority or rule.value
        if not isinstance(name, str):
            raise InputError("procedure", f"{key} sets no majority on {self.on.isoformat()}")
        need = votes_needed(name, total, vote.voting if vote else None)
        notes = [n for n in (note, assumed, rule.note if rule.unverified else None) if n]
        if assumed:
            rule = Rule(rule.key, rule.value, rule.valid_from, rule.valid_until, rule.source,
                        True, rule.note)
        if vote is None:
            return self.add(Step(on, body, action, f"{key} = {name}: {describe(name, total)}",
                                 article(rule), need, None, None, rule.unverified,
                                 "; ".join(["no vote given", *notes])))
        return self.add(Step(on, body, action,
                             f"{key} = {name}: {describe(name, total, vote.voting)}",
                             article(rule), need, vote.yes, vote.yes >= need, rule.unverified,
                             "; ".join(notes) or None))

    def result(self, status: ProcedureStatus) -> ProcedureResult:
        unverified = sorted({s.rule.split(" = ")[0] for s in self.steps if s.unverified})
        return ProcedureResult(self.procedure, self.on, era_at(self.on).code, status,
                               tuple(self.steps), tuple(unverified), tuple(self.notes),
                               MappingProxyType(dict(self.details)))


def _value(rule: Rule) -> str:
    value = rule.value
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@dataclass(frozen=True)
class MonteCarlo:
    """Many runs of one procedure under a seeded voting model: how often each status came."""

    runs: int
    seed: int
    probabilities: tuple[tuple[ProcedureStatus, float], ...]
    steps_from: str = "the first run"


@dataclass(frozen=True)
class ProcedureResult:
    """The outcome of a procedure: status, steps, and what rested on unverified rules."""

    procedure: str
    on: date
    era: str
    status: ProcedureStatus
    steps: tuple[Step, ...]
    unverified_rules: tuple[str, ...]
    notes: tuple[str, ...] = ()
    details: Mapping[str, Detail] = field(default_factory=lambda: MappingProxyType({}))
    monte_carlo: MonteCarlo | None = None
