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
from fractions import Fraction
from typing import Literal, get_args

from kazpolity.errors import InputError

ThresholdBase = Literal["valid", "lists-and-against-all", "cast"]
"""What a list's share is a share of.

``valid``: the valid votes for the options (the lists) only; ``lists-and-against-all``: votes
for lists plus votes "against all"; ``cast``: every ballot cast, invalid ones included.
"""

AtThreshold = Literal["pass", "fail"]
"""The fate of a share exactly equal to the threshold: ``pass`` (≥) or ``fail`` (strictly >)."""

THRESHOLD_BASES: tuple[str, ...] = get_args(ThresholdBase)
AT_THRESHOLD_RULES: tuple[str, ...] = get_args(AtThreshold)


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
    base: ThresholdBase = "valid"
    at_threshold: AtThreshold = "pass"

    def __post_init__(self) -> None:
        object.__setattr__(self, "percent", parse_percent("threshold", self.percent))
        if self.base not in THRESHOLD_BASES:
            raise InputError(
                "threshold_base", f"must be one of {', '.join(THRESHOLD_BASES)}, got {self.base!r}"
            )
        if self.at_threshold not in AT_THRESHOLD_RULES:
            raise InputError(
                "at_threshold",
                f"must be one of {', '.join(AT_THRESHOLD_RULES)}, got {self.at_threshold!r}",
            )

    def to_json(self) -> dict[str, object]:
        return {
            "percent": _fraction_text(self.percent),
            "base": self.base,
            "at_threshold": self.at_threshold,
        }


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
    if base == "valid":
        return list_votes
    if base == "lists-and-against-all":
        return list_votes + extras.against_all
    return list_votes + extras.against_all + extras.invalid


@dataclass(frozen=True)
class ThresholdVerdict:
    """Whether one list passed, with everything needed to say why."""

    passed: bool
    votes: int
    base_votes: int
    rule: ThresholdRule

    @property
    def share_percent(self) -> Fraction:
        """The list's exact share of the base, in percent (0 when the base is empty)."""
        return Fraction(self.votes * 100, self.base_votes) if self.base_votes else Fraction(0)

    @property
    def exactly_at(self) -> bool:
        """True when the share equals the threshold, so the at-threshold rule decided."""
        return self.votes * 100 == self.rule.percent * self.base_votes

    def reason(self) -> str:
        """One sentence: the share, the base, the threshold and the rule that decided."""
        share = _percent_text(self.share_percent)
        limit = _percent_text(self.rule.percent)
        base = {
            "valid": "valid votes for lists",
            "lists-and-against-all": "votes for lists and against all",
            "cast": "ballots cast (invalid included)",
        }[self.rule.base]
        if self.exactly_at:
            outcome = "passes" if self.passed else "fails"
            return (
                f"{self.votes} of {self.base_votes} {base} = {share}, exactly the {limit} "
                f"threshold; the rule at the threshold is '{self.rule.at_threshold}', so it "
                f"{outcome}"
            )
        relation = "≥" if self.passed else "<"
        outcome = "passes" if self.passed else "fails"
        return f"{self.votes} of {self.base_votes} {base} = {share} {relation} {limit}: {outcome}"

    def to_json(self) -> dict[str, object]:
        return {
            "passed": self.passed,
            "votes": self.votes,
            "base_votes": self.base_votes,
            "share_percent": _fraction_text(self.share_percent),
            "exactly_at_threshold": self.exactly_at,
            "rule": self.rule.to_json(),
            "reason": self.reason(),
        }


def judge_threshold(votes: int, base_votes: int, rule: ThresholdRule) -> ThresholdVerdict:
    """Judge one list exactly: ``votes * 100`` against ``percent * base_votes``."""
    scaled = votes * 100
    limit = rule.percent * base_votes
    passed = scaled >= limit if rule.at_threshold == "pass" else scaled > limit
    return ThresholdVerdict(passed=passed, votes=votes, base_votes=base_votes, rule=rule)


def judge_lists(
    votes: Mapping[str, int], rule: ThresholdRule, extras: BallotExtras | None = None
) -> dict[str, ThresholdVerdict]:
    """Judge every list against ``rule``; the base comes from all lists' votes and ``extras``."""
    base_votes = threshold_base_votes(rule.base, sum(votes.values()), extras or BallotExtras())
    return {party: judge_threshold(v, base_votes, rule) for party, v in votes.items()}


def _fraction_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def _percent_text(value: Fraction) -> str:
    """A percentage for people: exact when it is a short decimal, else rounded to 4 places."""
    if value.denominator == 1:
        return f"{value.numerator}%"
    return f"{float(value):.4f}".rstrip("0").rstrip(".") + "%"
