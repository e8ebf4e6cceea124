"""The engine's step-by-step explanations in Kazakh and Russian (``web.step_text``): every
step the engine produces for the bundled official elections, their re-runs and the rarer
paths (ties, lots, runoffs, invalid meetings, referendums) is matched by a template, keeps
its numbers, and the election page shows the translated steps."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from fractions import Fraction
from functools import cache
from html import escape

import pytest
from fastapi.testclient import TestClient

from kazpolity.elections.apportionment import DIVISOR_METHODS, METHODS, allocate
from kazpolity.elections.kazakh_lists import ListOutcome
from kazpolity.elections.lots import LotRequired
from kazpolity.elections.majority import (
    MajorityOutcome,
    absolute_majority,
    district_election,
    plurality,
    senate_election,
)
from kazpolity.elections.official import official_election, official_elections
from kazpolity.elections.referendum import RegionalYes, referendum_result
from kazpolity.elections.reproduce import CONSTITUTIONAL_REFERENDUMS, rerun
from kazpolity.elections.threshold import BallotExtras, ThresholdRule
from kazpolity.errors import InputError
from kazpolity.law import MODEL_END, MODEL_START
from kazpolity.names import result_name
from kazpolity.web.election_pages import explanation
from kazpolity.web.step_text import PATTERNS, translate_step

ENGLISH_NUMBER = re.compile(r"\d[\d,.]*")
SHOWN_NUMBER = re.compile(r"\d[\d,.\u202f]*")


def _digits(text: str, pattern: re.Pattern[str]) -> Counter[str]:
    """The numbers of ``text`` as bare digit strings (separators and trailing punctuation
    dropped), counted."""
    return Counter(re.sub(r"\D", "", match) for match in pattern.findall(text))


def _outcome_steps(outcome: object) -> tuple[str, ...]:
    if isinstance(outcome, ListOutcome):
        if outcome.allocation is not None:
            return outcome.allocation.steps
        return outcome.lot.steps if outcome.lot is not None else ()
    if isinstance(outcome, MajorityOutcome | LotRequired):
        return outcome.steps
    return tuple(getattr(outcome, "steps", ()))


def _official_steps() -> Iterable[str]:
    """The page's own explanations and every re-run the page's form offers: each list or
    presidential election under the law of every election day in the model and at its end,
    with the law's method and with each method."""
    elections = official_elections()
    days = sorted({e.date for e in elections if e.date >= MODEL_START} | {MODEL_END})
    for election in elections:
        explained = explanation(election)
        if explained is not None:
            yield from _outcome_steps(explained)
        if election.body == "president":
            for day in days:
                yield from _outcome_steps(rerun(election, day).outcome)
        elif election.list_votes:
            for day in days:
                for method in (None, *METHODS):
                    try:
                        result = rerun(election, day, method=method)
                    except InputError:
                        continue  # e.g. largest remainder undefined for these numbers
                    yield from _outcome_steps(result.outcome)
    for election in elections:
        if election.body != "referendum":
            continue
        yes = next((row.votes for row in election.rows_of("option")
                    if row.name.lower() == "yes"), None)
        if election.registered is None or election.ballots_cast is None or yes is None:
            continue
        yield from referendum_result(
            election.date, registered=election.registered,
            participants=election.ballots_cast, yes=yes,
            constitutional=election.election_id in CONSTITUTIONAL_REFERENDUMS).steps


def _rare_steps() -> Iterable[str]:
    """Paths no bundled election takes: ties settled or left to a lot, thresholds met
    exactly, a first divisor of 0, runoffs, invalid meetings and referendums."""
    tied = {"Amanat": 300, "Auyl": 200, "Respublica": 200}
    yield from allocate(tied, 2, "hare").steps  # a lot is required
    yield from allocate(tied, 2, "hare", lot=["Respublica"]).steps
    yield from allocate(tied, 2, "hare", tie_order=["Auyl", "Respublica"]).steps
    yield from allocate(tied, 2, "dhondt").steps
    yield from allocate(tied, 2, "dhondt", lot=["Auyl"]).steps
    yield from allocate({"Amanat": 500, "Auyl": 300}, 4, "dhondt", lot=["Auyl"]).steps
    yield from allocate({"Amanat": 500, "Auyl": 300}, 4, "hare", lot=["Auyl"]).steps
    yield from allocate({"Amanat": 93, "Auyl": 7}, 5, "hare",
                        threshold=ThresholdRule(7, "valid", "pass")).steps
    yield from allocate({"Amanat": 93, "Auyl": 7}, 5, "hare",
                        threshold=ThresholdRule(7, "valid", "fail")).steps
    yield from allocate({"Amanat": 90, "Auyl": 5, "Ak Zhol": 5}, 5, "droop",
                        threshold=ThresholdRule(7, "lists-and-against-all"),
                        extras=BallotExtras(against_all=3), admit_also=["Auyl"]).steps
    yield from allocate({"Amanat": 90, "Auyl": 5}, 5, "hare",
                        threshold=ThresholdRule(Fraction(15, 2), "cast"),
                        extras=BallotExtras(invalid=4)).steps
    for method in DIVISOR_METHODS:
        yield from allocate({"Amanat": 500, "Auyl": 300, "Respublica": 100}, 2, method).steps
        yield from allocate({"Amanat": 500, "Auyl": 300, "Respublica": 300}, 2, method).steps
        yield from allocate({"Amanat": 500, "Auyl": 300, "Respublica": 300}, 2, method,
                            lot=["Auyl"]).steps
    yield from absolute_majority({"A": 40, "B": 35, "C": 25}, base=100,
                                 base_name="participants", percent=Fraction(50),
                                 article="Art. 41(5)").steps
    yield from absolute_majority({"A": 40, "B": 30, "C": 30}, base=100,
                                 base_name="valid", percent=Fraction(50),
                                 article="Art. 41(5)").steps
    yield from plurality({"A": 10, "B": 10}, article="Art. 97").steps
    yield from district_election(date(1999, 10, 10), {"A": 10, "B": 5}, ballots=15,
                                 registered=100).steps
    yield from district_election(date(1999, 10, 10), {"A": 10, "B": 5, "C": 4}).steps
    yield from district_election(date(2023, 3, 19), {"A": 10, "B": 5}).steps
    yield from senate_election(date(2020, 8, 12), {"A": 10, "B": 5}, electors=100,
                               electors_voted=40).steps
    yield from senate_election(date(2020, 8, 12), {"A": 50, "B": 40}, electors=100,
                               electors_voted=90).steps
    yield from referendum_result(date(1995, 4, 29), registered=100, participants=40, yes=30,
                                 constitutional=False).steps
    yield from referendum_result(date(2022, 6, 5), registered=100, participants=60, yes=25,
                                 constitutional=True).steps
    regions = {f"u{i}": RegionalYes(f"u{i}", 6 if i < 10 else 4, 10) for i in range(17)}
    yield from referendum_result(date(2022, 6, 5), registered=100, participants=60, yes=40,
                                 constitutional=True, regions=regions).steps


@cache
def all_steps() -> tuple[str, ...]:
    return tuple(sorted({*_official_steps(), *_rare_steps()}))


def test_the_collection_covers_every_template() -> None:
    steps = all_steps()
    assert len(steps) > 1000
    unused = [pattern.pattern for pattern, _ in PATTERNS
              if not any(pattern.match(step) for step in steps)]
    assert unused == []


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_step_is_translated_and_keeps_its_numbers(lang: str) -> None:
    untranslated, lost = [], []
    for step in all_steps():
        shown = translate_step(step, lang)
        if shown == step:
            untranslated.append(step)
            continue
        missing = _digits(step, ENGLISH_NUMBER) - _digits(shown, SHOWN_NUMBER)
        if missing:
            lost.append((step, shown, sorted(missing)))
    assert untranslated == []
    assert lost == []


ENGLISH_WORDS = re.compile(
    r"\b(threshold|passes|fails|seats?|remainders?|quota|average|votes|elected|turnout|"
    r"majority|tie|lot|runoff|participants|yes|regional|exactly|admitted|divisor)\b",
    re.IGNORECASE)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_engine_word_is_left_in_english(lang: str) -> None:
    """Names the catalogue lacks and legal citations stay English; the engine's own words
    do not."""
    left = {ENGLISH_WORDS.search(translate_step(step, lang)) for step in all_steps()}
    assert {match.group(0) for match in left if match is not None} == set()


def test_english_and_unknown_text_come_back_unchanged() -> None:
    step = "Remainder seats to: Amanat, Auyl"
    assert translate_step(step, "en") == step
    assert translate_step(step, "de") == step
    assert translate_step("Something the engine never says", "ru") == (
        "Something the engine never says")


def test_threshold_steps_use_the_electoral_terms() -> None:
    election = official_election("majilis-2023")
    outcome = rerun(election, election.date).outcome
    assert isinstance(outcome, ListOutcome) and outcome.allocation is not None
    threshold = outcome.allocation.steps[0]
    assert threshold.startswith("Threshold 5%")
    ru, kk = translate_step(threshold, "ru"), translate_step(threshold, "kk")
    assert ru.startswith("Избирательный барьер: 5% от 6\u202f366\u202f441 (голоса за списки и "
                     "против всех;")
    assert "барьер" in ru and "преодолевает барьер" in ru and "не преодолевает барьер" in ru
    assert "шек" in kk.lower() and "шекті межеден өтеді" in kk
    for party in outcome.votes:
        assert result_name(party, "ru") in ru, party
    assert "Threshold" not in ru and "passes" not in ru and "valid votes" not in kk


def test_hand_written_expectations() -> None:
    assert translate_step("Remainder seats to: Amanat, Ak Zhol", "ru") == (
        "Места по остаткам получают: Аманат, Ак жол")
    assert translate_step("Seat 3: Amanat, average 3431510 / 2 = 1715755", "kk") == (
        "3-орын: Аманат, бөлінді 3\u202f431\u202f510 / 2 = 1\u202f715\u202f755")
    assert translate_step("Amanat: 3431510 / 40623.9388 = 84.4701 → 84 seat(s) by whole "
                          "quotas, remainder 0.4701", "ru") == (
        "Аманат: 3\u202f431\u202f510 / 40\u202f623,9388 = 84,4701 → мест по целым квотам: "
        "84, остаток 0,4701")
    assert "қалдық 0,4701" in translate_step(
        "Amanat: 3431510 / 40623.9388 = 84.4701 → 84 seat(s) by whole quotas, remainder "
        "0.4701", "kk")
    assert translate_step("Hare quota = 6118150 / 69 = 6118150/69 ≈ 88668.8406", "ru") == (
        "Квота Хэйра = 6\u202f118\u202f150 / 69 = 6\u202f118\u202f150/69 ≈ 88\u202f668,8406")
    lot = "Tie between Auyl, Respublica for 1 seat(s) settled by the lot drawn: Respublica"
    assert "жребием" in translate_step(lot, "ru") and "жеребе" in translate_step(lot, "kk")
    runoff = "Runoff between A and B"
    assert translate_step(runoff, "ru").startswith("Второй тур")
    assert "Қайта дауыс беру" in translate_step(runoff, "kk")
    majority = "Majority needed: more than 50% of 6,871,571 (participants)"
    assert translate_step(majority, "ru") == (
        "Требуемое большинство: более 50% от 6\u202f871\u202f571 (избиратели, принявшие "
        "участие в голосовании)")


def test_election_page_shows_translated_steps(client: TestClient) -> None:
    english = client.get("/elections/majilis-2023")
    russian = client.get("/elections/majilis-2023", params={"lang": "ru"})
    kazakh = client.get("/elections/majilis-2023", params={"lang": "kk"})
    assert english.status_code == russian.status_code == kazakh.status_code == 200
    assert "Remainder seats to:" in english.text and "Threshold 5%" in english.text
    assert "Места по остаткам получают:" in russian.text
    assert "Избирательный барьер: 5%" in russian.text
    assert escape("Квота Хэйра") in russian.text
    assert "Remainder seats to:" not in russian.text and "Threshold 5%" not in russian.text
    assert "Қалдықтар бойынша орын алатындар:" in kazakh.text
    assert "Remainder seats to:" not in kazakh.text


def test_rerun_and_presidential_steps_are_translated(client: TestClient) -> None:
    rerun_page = client.get("/elections/majilis-2021", params={
        "lang": "ru", "under": "2023-03-19", "method": "dhondt"})
    assert rerun_page.status_code == 200
    assert "Место 1: Нур Отан, частное" in rerun_page.text
    president = client.get("/elections/president-2019", params={"lang": "kk"})
    assert president.status_code == 200
    assert "Қажетті көпшілік" in president.text and "→ сайланды" in president.text
    assert "Majority needed" not in president.text
