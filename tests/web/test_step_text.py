"""Explanation steps rendered per language (``kazpolity.presentation.steps``): every kind has a
sentence in each language, every step the engines produce for the bundled elections and their
re-runs renders with its numbers, hand-worked cases read as worked out, and the election page
shows the steps in the reader's language."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from fractions import Fraction

import pytest
from fastapi.testclient import TestClient

from kazpolity.elections.apportionment import allocate
from kazpolity.elections.explanation import Allocation
from kazpolity.elections.kazakh_lists import ListCompleted, ListLotRequired
from kazpolity.elections.majority import MajorityOutcome, absolute_majority, senate_election
from kazpolity.elections.method_rules import METHODS
from kazpolity.elections.official import official_elections
from kazpolity.elections.referendum import referendum_result
from kazpolity.elections.reproduce import rerun
from kazpolity.elections.steps import Step, StepKind, step
from kazpolity.elections.threshold import ThresholdRule
from kazpolity.errors import InputError
from kazpolity.law import MODEL_START
from kazpolity.presentation.language import Language
from kazpolity.presentation.step_templates import TEMPLATES
from kazpolity.presentation.steps import english, render_step

NNBSP = "\u202f"


def _steps(outcome: object) -> tuple[Step, ...]:
    if isinstance(outcome, ListCompleted):
        return outcome.allocation.steps + outcome.notes
    if isinstance(outcome, ListLotRequired):
        return (*outcome.lot.steps, outcome.lot.reason, *outcome.notes)
    if isinstance(outcome, MajorityOutcome | Allocation):
        return outcome.steps
    return ()


def _engine_steps() -> Iterable[Step]:
    """Steps of every list and presidential election under its own law, with every method."""
    for election in official_elections():
        if election.body == "president" and election.date >= MODEL_START:
            yield from _steps(rerun(election, election.date).outcome)
        elif election.body == "majilis" and election.list_votes:
            for method in (None, *METHODS):
                try:
                    yield from _steps(rerun(election, election.date, method=method).outcome)
                except InputError:
                    continue


def test_every_kind_has_a_sentence_in_every_language() -> None:
    assert set(TEMPLATES) == set(StepKind)
    for kind, words in TEMPLATES.items():
        assert set(words) == set(Language), kind


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_engine_step_renders_with_its_numbers(lang: str) -> None:
    seen = set()
    for one in _engine_steps():
        seen.add(one.kind)
        text = render_step(one, lang)
        assert text and "{" not in text
        for name, value in one.numbers.items():
            if value.denominator == 1 and name not in ("held",) and one.kind not in (
                    StepKind.THRESHOLD,):
                digits = re.sub(r"\D", "", str(value.numerator))
                assert digits in re.sub(r"\D", "", text), (one.kind, name, text)
    assert {StepKind.QUOTA, StepKind.QUOTIENT, StepKind.SEAT_BY_AVERAGE,
            StepKind.MAJORITY_NEEDED} <= seen


def test_hare_quota_in_three_languages() -> None:
    quota = step(StepKind.QUOTA, term="hare", total=1234567, seats=10,
                 quota=Fraction(1234567, 10))
    assert english(quota) == "Hare quota = 1234567 / 10 = 1234567/10 ≈ 123456.7"
    assert render_step(quota, "ru") == (
        f"Квота Хэйра = 1{NNBSP}234{NNBSP}567 / 10 = 1{NNBSP}234{NNBSP}567/10 ≈ "
        f"123{NNBSP}456,7")
    assert render_step(quota, "kk").startswith(f"Хэйр квотасы = 1{NNBSP}234{NNBSP}567 / 10")


def test_modified_sainte_lague_first_seat_names_its_divisor() -> None:
    # 7000 votes, no seat held: the first divisor is 1.4 and the average 7000 / 1.4 = 5000.
    result = allocate({"A": 7000, "B": 3000}, 1, "modified-sainte-lague")
    assert isinstance(result, Allocation)
    seat = result.steps[-1]
    assert seat.kind is StepKind.SEAT_BY_AVERAGE and seat.party() == "A"
    assert (seat.number("votes"), seat.number("held")) == (7000, 0)
    assert english(seat) == "Seat 1: A, average 7000 / 1.4 = 5000"
    assert render_step(seat, "ru", str) == f"Место 1: A, частное 7{NNBSP}000 / 1,4 = 5{NNBSP}000"
    assert render_step(seat, "kk", str) == f"1-орын: A, бөлінді 7{NNBSP}000 / 1,4 = 5{NNBSP}000"
    assert result.awards[0].average == 5000 and result.party("A").quotient is None


def test_threshold_verdicts_say_their_base() -> None:
    # 69 of 1000 valid votes is 6.9% < 7%; 931 passes.
    result = allocate({"A": 69, "B": 931}, 5, "hare", threshold=ThresholdRule(Fraction(7)))
    assert isinstance(result, Allocation)
    threshold = result.steps[0]
    assert threshold.kind is StepKind.THRESHOLD and threshold.number("base") == 1000
    verdict = threshold.items[0]
    assert verdict.kind is StepKind.VERDICT and verdict.passed is False
    assert english(verdict) == "69 of 1000 valid votes for lists = 6.9% < 7%: fails"
    assert render_step(verdict, "ru") == (
        "69 из 1\u202f000 (действительные голоса за списки) = 6,9% < 7%: не преодолевает барьер")
    assert "шекті межеден өтпейді" in render_step(verdict, "kk")


def test_majority_and_referendum_steps() -> None:
    outcome = absolute_majority({"A": 500, "B": 300, "C": 200}, base=1000,
                                base_name="participants", percent=Fraction(50), article="x")
    assert outcome.status == "runoff"
    assert [s.kind for s in outcome.steps] == [
        StepKind.MAJORITY_NEEDED, StepKind.NO_MAJORITY, StepKind.RUNOFF]
    assert render_step(outcome.steps[-1], "ru", str) == "Повторное голосование: A и B"
    result = referendum_result(date(2022, 6, 5), registered=100, participants=60, yes=40,
                               constitutional=False)
    turnout = result.steps[0]
    assert turnout.kind is StepKind.REFERENDUM_TURNOUT and turnout.passed is True
    assert english(turnout) == "Turnout 60/100 = 60.00% (more than 50%)"
    assert render_step(result.steps[1], "ru").startswith("«Да» 40/60 = 66,67%")
    invalid = senate_election(date(2023, 1, 14), {"A": 10}, electors=100, electors_voted=40)
    assert invalid.status == "invalid"
    assert invalid.steps[0].kind is StepKind.ELECTORS_QUORUM_FAILED


def test_election_page_shows_steps_in_the_readers_language(client: TestClient) -> None:
    russian = client.get("/elections/majilis-2023", params={"lang": "ru"}).text
    kazakh = client.get("/elections/majilis-2023", params={"lang": "kk"}).text
    assert "Квота Хэйра" in russian and "Hare quota =" not in russian
    assert "Хэйр квотасы" in kazakh and "Hare quota =" not in kazakh
    divisor = client.get("/elections/majilis-2021", params={
        "under": "2021-01-10", "method": "dhondt", "lang": "ru"}).text
    assert 'id="awards-table"' in divisor and "Место 1:" in divisor
