"""Hand-computed cases of the Kazakh list rule, one-person elections, Senate and referendums."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from kazpolity.elections.kazakh_lists import allocate_list_seats, list_rules_at
from kazpolity.elections.majority import (
    district_election,
    presidential_election,
    runoff_round,
    senate_election,
)
from kazpolity.elections.referendum import RegionalYes, referendum_result
from kazpolity.elections.steps import StepKind
from kazpolity.errors import InputError
from kazpolity.presentation.election_json import list_outcome_json

ON_2012 = date(2012, 1, 15)


def test_equal_remainders_go_to_the_list_registered_earlier() -> None:
    # quota 300/2 = 150; each list 100/150 = 0.667 -> no integer seats, three equal remainders
    votes = {"A": 100, "B": 100, "C": 100}
    rules = list_rules_at(ON_2012).with_changes(seats=2)
    lot = allocate_list_seats(votes, rules)
    assert lot.status == "lot_required"
    assert lot.lot is not None and set(lot.lot.options) == {"A", "B", "C"}
    assert lot.lot.seats_to_draw == 2
    ordered = allocate_list_seats(votes, rules, registration_order=["C", "A", "B"])
    assert ordered.seats == {"A": 1, "B": 0, "C": 1}


def test_second_party_guarantee_legal_gap_readings() -> None:
    # only A passes 7%; B (5 of 95) admitted: quota 95/10 = 9.5; 5/9.5 = 0.526; x0.7 = 0.368
    votes = {"A": 90, "B": 5, "C": 1}
    rules = list_rules_at(ON_2012).with_changes(seats=10)
    floor_two = allocate_list_seats(votes, rules)
    assert floor_two.seats == {"A": 8, "B": 2, "C": 0}
    assert floor_two.second_party is not None
    expected = Fraction(5, 1) / Fraction(95, 10) * Fraction(7, 10)
    assert floor_two.second_party.corrected_quotient == expected
    bare = allocate_list_seats(votes, rules, second_party_reading="no-minimum")
    assert bare.seats == {"A": 10, "B": 0, "C": 0}
    assert "legal_gap" in list_outcome_json(floor_two)["second_party"]
    kinds = [s.kind for s in floor_two.allocation.steps]  # type: ignore[union-attr]
    assert kinds[0] is StepKind.SECOND_PARTY_ADMITTED and kinds[-1] is StepKind.SECOND_PARTY_LEADER


def test_no_guarantee_before_2009() -> None:
    votes = {"A": 90, "B": 5, "C": 1}
    rules = list_rules_at(date(2007, 8, 18)).with_changes(seats=10)
    assert allocate_list_seats(votes, rules).seats == {"A": 10, "B": 0, "C": 0}


def test_exactly_at_the_threshold_passes() -> None:
    # 2021 base = valid list votes: B has exactly 7 of 100 = 7% -> admitted ("not less than")
    votes = {"A": 93, "B": 7}
    outcome = allocate_list_seats(votes, list_rules_at(date(2021, 1, 10)).with_changes(seats=10))
    assert outcome.seats["B"] >= 1


def test_presidential_majority_runoff_and_lot() -> None:
    day = date(2019, 6, 9)
    assert presidential_election(day, {"A": 51, "B": 49}).winner == "A"
    exactly_half = presidential_election(day, {"A": 50, "B": 30, "C": 20})
    assert exactly_half.status == "runoff" and exactly_half.runoff == ("A", "B")
    tie = presidential_election(day, {"A": 40, "B": 30, "C": 30})
    assert tie.status == "lot_required" and set(tie.lot_options) == {"B", "C"}
    # against-all and invalid ballots count among participants: 50 of 101 is not a majority
    assert (
        presidential_election(date(2022, 11, 20), {"A": 50, "B": 40}, against_all=11).status
        == "runoff"
    )
    assert runoff_round({"A": 10, "B": 9}, article="Art. 41(5)").winner == "A"
    assert runoff_round({"A": 10, "B": 10}, article="Art. 41(5)").status == "lot_required"


def test_senate_electors_quorum_and_majority() -> None:
    day = date(2020, 8, 12)
    assert (
        senate_election(day, {"X": 100, "Y": 50}, electors=300, electors_voted=150).status
        == "invalid"
    )  # exactly half: not valid
    won = senate_election(day, {"X": 101, "Y": 50}, electors=300, electors_voted=151)
    assert won.status == "elected" and won.winner == "X"
    runoff = senate_election(day, {"X": 70, "Y": 60, "Z": 21}, electors=300, electors_voted=151)
    assert runoff.status == "runoff" and runoff.runoff == ("X", "Y")
    with pytest.raises(InputError):
        senate_election(date(2026, 8, 1), {"X": 1}, electors=2, electors_voted=2)


def test_district_rules_1995_and_2023() -> None:
    assert (
        district_election(date(1995, 12, 9), {"A": 60, "B": 40}, registered=200, ballots=100).status
        == "elected"
    )  # 50% turnout: valid
    assert (
        district_election(date(1995, 12, 9), {"A": 60, "B": 39}, registered=200, ballots=99).status
        == "invalid"
    )
    assert district_election(date(1995, 12, 9), {"A": 45, "B": 35, "C": 20}).status == "runoff"
    plural = district_election(date(2023, 3, 19), {"A": 45, "B": 35, "C": 20})
    # plurality per Election Law Art. 9(2) as amended in 2022 (quoted by International IDEA)
    assert plural.winner == "A" and "majilis.district_rule" not in plural.unverified
    with pytest.raises(InputError):
        district_election(date(2012, 1, 15), {"A": 1})


def test_referendum_validity_and_regions() -> None:
    day = date(2022, 6, 5)
    assert (
        referendum_result(day, registered=100, participants=50, yes=50, constitutional=False).status
        == "invalid"
    )
    assert (
        referendum_result(day, registered=100, participants=51, yes=26, constitutional=False).status
        == "adopted"
    )
    assert (
        referendum_result(day, registered=100, participants=51, yes=25, constitutional=False).status
        == "rejected"
    )
    # 17 units in June 2022 -> ceil(2/3 x 17) = 12 needed
    regions = {f"U{i}": RegionalYes(f"U{i}", 60 if i < 12 else 40, 100) for i in range(17)}
    short = referendum_result(
        day, registered=2000, participants=1700, yes=1040, constitutional=True, regions=regions
    )
    assert short.regions_needed == 12 and short.regions_with_majority == 12
    assert short.status == "adopted"
    regions["U0"] = RegionalYes("U0", 40, 100)
    assert (
        referendum_result(
            day, registered=2000, participants=1700, yes=1040, constitutional=True, regions=regions
        ).status
        == "rejected"
    )
    with pytest.raises(InputError):
        referendum_result(day, registered=100, participants=101, yes=1, constitutional=False)
