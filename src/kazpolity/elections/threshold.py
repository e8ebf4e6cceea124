"""Electoral thresholds, judged exactly.

A threshold is never "7 %" alone: the law also says *what* the 7 % is a share of (the base)
and what happens to a list whose share is exactly 7 %. Both are explicit fields here, because
Kazakh law changed the base over time and an implicit base silently changes who sits in
parliament. Shares are compared as integers (``votes * 100`` against ``percent * base``), so a
list at exactly the threshold is decided by the written rule, never by floating-point noise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from kazpolity.elections.steps import Step, StepKind, step
from kazpolity.errors import InputError


class ThresholdBase(StrEnum):
    """What a list's share is a share of.

    ``valid``: the valid votes for the options (the lists) only; ``lists-and-against-all``: votes
    for lists plus votes "against all"; ``cast``: every ballot cast, invalid ones included.
    """

    VALID = "valid"
    LISTS_AND_AGAINST_ALL = "lists-and-against-all"
    CAST = "cast"


class AtThreshold(StrEnum):
    """The fate of a share exactly equal to the threshold: ``pass`` (≥) or ``fail`` (>)."""

    PASS = "pass"
    FAIL = "fail"


THRESHOLD_BASES: tuple[str, ...] = tuple(base.value for base in ThresholdBase)
AT_THRESHOLD_RULES: tuple[str, ...] = tuple(rule.value for rule in AtThreshold)


def parse_threshold_base(value: str, field: str = "threshold_base") -> ThresholdBase:
    """``value`` as a threshold base, or bad input naming ``field`` and the choices."""
    return ThresholdBase(_choice(value, THRESHOLD_BASES, field))


def parse_at_threshold(value: str, field: str = "at_threshold") -> AtThreshold:
    """``value`` as the rule at the threshold, or bad input naming ``field``."""
    return AtThreshold(_choice(value, AT_THRESHOLD_RULES, field))


def _choice(value: str, choices: tuple[str, ...], field: str) -> str:
    if value not in choices:
        raise InputError(field, f"must be one of {', '.join(choices)}, got {value!r}")
    return value


def check_vote_count(field: str, value: object) -> int:
    """Return ``value`` as a vote count, or raise ``InputError`` naming ``field``.

    Booleans are refused although they are ``int`` subclasses: ``True`` votes is a bug upstream.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(field, f"must be a whole number of votes, got {value!r}")
    if value < 0:
        raise InputError(field, f"must not be negative, got {value}")
    return value


def parse_percent(field: str, value: Fraction | int | str | float) -> Fraction:
    """Read a percentage exactly and check that it lies in 0–100.

    Strings and floats are read as the decimal they print as (``"7.5"`` and ``7.5`` are both
    15/2), so a percent typed by a person is never turned into a binary approximation.
    """
    if isinstance(value, bool):
        raise InputError(field, f"must be a percentage, got {value!r}")
    try:
        if isinstance(value, Fraction | int):
            percent = Fraction(value)
        elif isinstance(value, float):
            percent = Fraction(repr(value))
        else:
            percent = Fraction(value.strip())
    except (ValueError, ZeroDivisionError, AttributeError, TypeError):
        raise InputError(field, f"must be a percentage such as 7 or 2.5, got {value!r}") from None
    if not 0 <= percent <= 100:
        raise InputError(field, f"must lie between 0 and 100, got {_percent_text(percent)}")
    return percent


@dataclass(frozen=True)
class ThresholdRule:
    """A legal threshold: a percentage of an explicit base, with an explicit rule at equality."""

    percent: Fraction
    base: ThresholdBase = ThresholdBase.VALID
    at_threshold: AtThreshold = AtThreshold.PASS

    def __post_init__(self) -> None:
        object.__setattr__(self, "percent", parse_percent("threshold", self.percent))
        object.__setattr__(self, "base", parse_threshold_base(self.base))
        object.__setattr__(self, "at_threshold", parse_at_threshold(self.at_threshold))

    def step(self, base_votes: int, verdicts: tuple[Step, ...]) -> Step:
        """The threshold step: percent of ``base_votes`` (``passed`` says whether a share
        exactly at the threshold passes), with one verdict per list as its items."""
        return step(StepKind.THRESHOLD, term=self.base,
                    passed=self.at_threshold is AtThreshold.PASS, items=verdicts,
                    percent=self.percent, base=base_votes)


@dataclass(frozen=True)
class BallotExtras:
    """Ballots that are not votes for a list but may count toward a threshold base.

    They never win seats: ``against_all`` counts in the ``lists-and-against-all`` and ``cast``
    bases, ``invalid`` only in ``cast``.
    """

    against_all: int = 0
    invalid: int = 0

    def __post_init__(self) -> None:
        check_vote_count("against_all", self.against_all)
        check_vote_count("invalid", self.invalid)


def threshold_base_votes(base: ThresholdBase, list_votes: int, extras: BallotExtras) -> int:
    """The number of ballots a list's share is measured against under ``base``."""
    if base is ThresholdBase.VALID:
        return list_votes
    if base is ThresholdBase.LISTS_AND_AGAINST_ALL:
        return list_votes + extras.against_all
    return list_votes + extras.against_all + extras.invalid


@dataclass(frozen=True)
class ThresholdVerdict:
    """Whether one list passed, with everything needed to say why."""

    passed: bool
    votes: int
    base_votes: int
    rule: ThresholdRule
    party: str = ""

    @property
    def share_percent(self) -> Fraction:
        """The list's exact share of the base, in percent (0 when the base is empty)."""
        return Fraction(self.votes * 100, self.base_votes) if self.base_votes else Fraction(0)

    @property
    def exactly_at(self) -> bool:
        """True when the share equals the threshold, so the at-threshold rule decided."""
        return self.votes * 100 == self.rule.percent * self.base_votes

    def step(self) -> Step:
        """The verdict as an explanation step: the share, the base, the threshold and, when
        the share is exactly at the threshold, the rule at equality that decided."""
        kind = StepKind.VERDICT_AT_THRESHOLD if self.exactly_at else StepKind.VERDICT
        return step(kind, term=self.rule.base, passed=self.passed, party=self.party,
                    votes=self.votes, base=self.base_votes, percent=self.rule.percent)


def judge_threshold(votes: int, base_votes: int, rule: ThresholdRule, party: str = ""
                    ) -> ThresholdVerdict:
    """Judge one list exactly: ``votes * 100`` against ``percent * base_votes``."""
    scaled = votes * 100
    limit = rule.percent * base_votes
    passed = scaled >= limit if rule.at_threshold is AtThreshold.PASS else scaled > limit
    return ThresholdVerdict(passed, votes, base_votes, rule, party)


def judge_lists(
    votes: Mapping[str, int], rule: ThresholdRule, extras: BallotExtras | None = None
) -> dict[str, ThresholdVerdict]:
    """Judge every list against ``rule``; the base comes from all lists' votes and ``extras``."""
    base_votes = threshold_base_votes(rule.base, sum(votes.values()), extras or BallotExtras())
    return {party: judge_threshold(v, base_votes, rule, party) for party, v in votes.items()}


def _percent_text(value: Fraction) -> str:
    """A percentage for people: exact when it is a short decimal, else rounded to 4 places."""
    if value.denominator == 1:
        return f"{value.numerator}%"
    return f"{float(value):.4f}".rstrip("0").rstrip(".") + "%"
