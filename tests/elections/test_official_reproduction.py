"""Every official result reproduced from its votes under the law of its date; counterfactuals."""

from __future__ import annotations

import dataclasses
from datetime import date
from fractions import Fraction

import pytest

from kazpolity.elections.kazakh_lists import allocate_list_seats, list_rules_at
from kazpolity.elections.official import official_election, official_elections
from kazpolity.elections.reproduce import list_inputs, reproduce, rerun
from kazpolity.elections.threshold import ThresholdRule
from kazpolity.presentation.election_json import rerun_json

# Official list seats, as published by the CEC (kz-rules.md §2 "Check"), typed in here
# independently of the bundled data file.
OFFICIAL_LIST_SEATS = {
    "majilis-1999": [4, 2, 2, 2],
    "majilis-2004": [7, 1, 1, 1],
    "majilis-2007": [98],
    "majilis-2012": [83, 8, 7],
    "majilis-2016": [84, 7, 7],
    "majilis-2021": [76, 12, 10],
    "majilis-2023": [40, 8, 6, 6, 5, 4],
}

OFFICIAL_WINNERS = {
    "president-1991": "Nazarbayev",
    "president-1999": "Nazarbayev",
    "president-2005": "Nazarbayev",
    "president-2011": "Nazarbayev",
    "president-2015": "Nazarbayev",
    "president-2019": "Tokayev",
    "president-2022": "Tokayev",
}


@pytest.mark.parametrize("election_id", sorted(OFFICIAL_LIST_SEATS))
def test_every_majilis_list_allocation_reproduces(election_id: str) -> None:
    election = official_election(election_id)
    votes, against, invalid = list_inputs(election)
    outcome = allocate_list_seats(
        votes, list_rules_at(election.date), against_all=against, invalid=invalid
    )
    assert outcome.status == "ok"
    assert [n for n in outcome.seats.values() if n] == OFFICIAL_LIST_SEATS[election_id]
    assert reproduce(election).status == "match"


@pytest.mark.parametrize("election_id", sorted(OFFICIAL_WINNERS))
def test_every_presidential_winner_reproduces(election_id: str) -> None:
    row = reproduce(official_election(election_id))
    assert row.status == "match"
    assert OFFICIAL_WINNERS[election_id] in row.computed


def test_no_official_result_mismatches() -> None:
    rows = [reproduce(election) for election in official_elections()]
    assert [row.election_id for row in rows if row.status == "mismatch"] == []
    assert sum(row.status == "match" for row in rows) >= 25


def test_hare_quota_1999_and_2023_match_the_hand_computation() -> None:
    # 1999: four lists >= 7% sum 3,808,979 -> quota 380,897.9 (kz-elections.json checks)
    e = official_election("majilis-1999")
    votes, against, invalid = list_inputs(e)
    outcome = allocate_list_seats(
        votes, list_rules_at(e.date), against_all=against, invalid=invalid
    )
    assert outcome.allocation is not None
    assert outcome.allocation.quota == Fraction(3_808_979, 10)
    # 2023: six lists sum 5,971,719 / 69
    e = official_election("majilis-2023")
    votes, against, invalid = list_inputs(e)
    outcome = allocate_list_seats(
        votes, list_rules_at(e.date), against_all=against, invalid=invalid
    )
    assert outcome.allocation is not None
    assert outcome.allocation.quota == Fraction(5_971_719, 69)
    assert outcome.allocation.threshold_base_votes == 6_366_441


def test_2004_aist_passes_on_valid_votes_but_not_on_all_ballots() -> None:
    e = official_election("majilis-2004")
    votes, _, invalid = list_inputs(e)
    rules = list_rules_at(e.date)
    aist = "AIST bloc (Agrarian + Civic parties)"
    assert allocate_list_seats(votes, rules, invalid=invalid).seats[aist] == 1
    cast = dataclasses.replace(rules, threshold=ThresholdRule(Fraction(7), "cast", "pass"))
    assert allocate_list_seats(votes, cast, invalid=invalid).seats[aist] == 0


def test_2007_votes_under_2012_law_trigger_the_second_party_guarantee() -> None:
    # quota = (5,247,720 + 269,310) / 98 = 56,296.2; OSDP 269,310 / quota = 4.7838;
    # x 0.7 = 3.3487 -> 3 seats; Nur Otan the other 95.
    result = rerun(official_election("majilis-2007"), date(2012, 1, 15))
    seats = {p: n for p, n in result.outcome.seats.items() if n}  # type: ignore[union-attr]
    assert seats == {"Nur Otan": 95, "Nationwide Social Democratic Party (OSDP/JSDP)": 3}
    assert result.difference is not None and result.difference["Nur Otan"] == -3
    assert rerun_json(result)["difference"]["Nur Otan"] == -3


def test_2023_at_seven_percent_and_2021_under_dhondt() -> None:
    # 7% of 6,366,441 = 445,650.87: QHP (432,920) and JSDP drop out; quota 5,207,741/69.
    seats = rerun(
        official_election("majilis-2023"), date(2023, 3, 19), threshold=Fraction(7)
    ).outcome.seats  # type: ignore[union-attr]
    assert [n for n in seats.values() if n] == [46, 9, 7, 7]
    # D'Hondt would give 77/12/9 in 2021 and 41/8/6/6/5/3 in 2023 (kz-rules.md §2)
    d2021 = rerun(official_election("majilis-2021"), date(2021, 1, 10), method="dhondt")
    assert [n for n in d2021.outcome.seats.values() if n] == [77, 12, 9]  # type: ignore[union-attr]
    d2023 = rerun(official_election("majilis-2023"), date(2023, 3, 19), method="dhondt")
    assert [n for n in d2023.outcome.seats.values() if n] == [41, 8, 6, 6, 5, 3]  # type: ignore[union-attr]


def test_2021_votes_under_the_2026_kurultai() -> None:
    # Election Law from 1 July 2026, Art. 97-1: 5% of 7,241,562 = 362,078.1, so Adal (258,618)
    # is out; quota 6,982,944/145 = 48,158.23: 106.899 / 16.463 / 13.684 / 7.953 -> 142 seats;
    # the three largest remainders go to Auyl, Nur Otan and QHP: 107/16/14/8.
    result = rerun(official_election("majilis-2021"), date(2026, 8, 23))
    assert result.rules is not None and result.rules.chamber == "kurultai"
    seats = {p: n for p, n in result.outcome.seats.items() if n}  # type: ignore[union-attr]
    assert list(seats.values()) == [107, 16, 14, 8]
    assert result.rules.unverified == ()  # the list rules are read in the 2026 text


def test_presidential_rerun_and_bad_reruns() -> None:
    outcome = rerun(official_election("president-2019"), date(2023, 1, 1)).outcome
    assert outcome.winner is not None and "Tokayev" in outcome.winner  # type: ignore[union-attr]
    from kazpolity.errors import InputError

    with pytest.raises(InputError):
        rerun(official_election("referendum-2022"), date(2023, 1, 1))
    with pytest.raises(InputError):
        rerun(official_election("majilis-2021"), date(2021, 1, 10), method="nope")
    with pytest.raises(InputError):
        rerun(official_election("majilis-2021"), date(1996, 1, 1))  # no list seats in 1996
