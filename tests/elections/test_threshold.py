"""Thresholds: an explicit base and an explicit rule at exactly the threshold."""

from __future__ import annotations

from fractions import Fraction

import pytest

from kazpolity.elections import (
    BallotExtras,
    ThresholdRule,
    allocate,
    judge_lists,
    judge_threshold,
    parse_percent,
)
from kazpolity.elections.explanation import Allocation
from kazpolity.elections.steps import StepKind
from kazpolity.errors import InputError
from kazpolity.presentation.election_json import allocation_json
from kazpolity.presentation.steps import english


@pytest.mark.parametrize(("rule", "passed"), [("pass", True), ("fail", False)])
def test_exactly_at_the_threshold_follows_the_written_rule(rule: str, passed: bool) -> None:
    # 70 of 1000 is exactly 7 %: 70 × 100 = 7000 = 7 × 1000.
    verdict = judge_threshold(70, 1000, ThresholdRule(Fraction(7), "valid", rule))  # type: ignore[arg-type]
    assert verdict.exactly_at and verdict.passed is passed
    assert verdict.step().kind is StepKind.VERDICT_AT_THRESHOLD
    assert rule in english(verdict.step())


def test_one_vote_either_side() -> None:
    rule = ThresholdRule(Fraction(7))
    assert not judge_threshold(69, 1000, rule).passed
    assert judge_threshold(71, 1000, ThresholdRule(Fraction(7), at_threshold="fail")).passed


def test_fractional_percent_is_exact() -> None:
    # 2.5 % of 1000 is 25 exactly; floats would make 0.1-style percents wobble.
    assert judge_threshold(25, 1000, ThresholdRule(parse_percent("t", "2.5"))).exactly_at
    assert parse_percent("t", 0.1) == Fraction(1, 10)


def test_the_base_changes_who_passes() -> None:
    votes = {"A": 70, "B": 930}
    extras = BallotExtras(against_all=50, invalid=30)
    valid = judge_lists(votes, ThresholdRule(Fraction(7), "valid"), extras)
    lists_aa = judge_lists(votes, ThresholdRule(Fraction(7), "lists-and-against-all"), extras)
    cast = judge_lists(votes, ThresholdRule(Fraction(7), "cast"), extras)
    # 70/1000 = 7 % (passes at the threshold); 70/1050 = 6.67 %; 70/1080 = 6.48 %.
    assert (valid["A"].base_votes, lists_aa["A"].base_votes, cast["A"].base_votes) == (
        1000,
        1050,
        1080,
    )
    assert valid["A"].passed and not lists_aa["A"].passed and not cast["A"].passed


def test_allocation_reports_the_verdict_and_its_reason() -> None:
    result = allocate(
        {"A": 70, "B": 930},
        10,
        "hare",
        threshold=ThresholdRule(Fraction(7), "cast"),
        extras=BallotExtras(invalid=30),
    )
    assert not isinstance(result, type(None))
    assert isinstance(result, Allocation)
    data = allocation_json(result)
    assert data["status"] == "ok"
    assert data["seats"] == {"A": 0, "B": 10}
    party_a = data["parties"][0]  # type: ignore[index]
    assert party_a["threshold"]["base_votes"] == 1030
    assert "< 7%" in party_a["threshold"]["reason"]


@pytest.mark.parametrize("bad", ["-1", "100.5", "seven", "1/0", True])
def test_bad_percent(bad: object) -> None:
    with pytest.raises(InputError):
        parse_percent("threshold", bad)  # type: ignore[arg-type]


def test_bad_base_and_rule() -> None:
    with pytest.raises(InputError) as caught:
        ThresholdRule(Fraction(5), "registered")  # type: ignore[arg-type]
    assert caught.value.field == "threshold_base"
    with pytest.raises(InputError) as caught:
        ThresholdRule(Fraction(5), "valid", "round")  # type: ignore[arg-type]
    assert caught.value.field == "at_threshold"
