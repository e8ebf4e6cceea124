"""Office-holders data: contiguous, sourced, gaps explicit; holders on dated events."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from kazpolity.institutions.holders import OFFICES, holder_data, holder_on, presidential_term_on


def test_every_office_is_contiguous_and_sourced() -> None:
    data = holder_data()
    assert set(data.tenures) == set(OFFICES)
    for tenures in data.tenures.values():
        for before, after in itertools.pairwise(tenures):
            assert before.end == after.start
        for tenure in tenures:
            assert tenure.sources
            if tenure.holder is None:
                assert tenure.note


@pytest.mark.parametrize(
    ("office", "on", "holder"),
    [
        ("president", date(2019, 3, 19), "Nursultan Nazarbayev"),
        ("president", date(2019, 3, 20), "Kassym-Jomart Tokayev"),
        ("senate_chair", date(2019, 3, 19), "Kassym-Jomart Tokayev"),   # P16
        ("senate_chair", date(2019, 3, 20), "Dariga Nazarbayeva"),
        ("prime_minister", date(1997, 10, 10), "Nurlan Balgimbayev"),
        ("prime_minister", date(2024, 2, 6), "Oljas Bektenov"),
        ("majilis_chair", date(2022, 2, 1), "Yerlan Koshanov"),
        ("constitutional_council_chair", date(2018, 1, 1), "Kairat Mami"),
        ("constitutional_court_chair", date(2023, 1, 1), "Elvira Azimova"),
    ],
)
def test_holders_on_sourced_dates(office: str, on: date, holder: str) -> None:
    answer = holder_on(office, on)
    assert answer.status == "held" and answer.holder == holder


def test_gaps_are_unknown_or_vacant_not_guessed() -> None:
    assert holder_on("majilis_chair", date(2016, 2, 1)).status == "vacant"  # dissolved
    assert holder_on("cec_chair", date(2010, 1, 1)).status == "unknown"
    assert holder_on("kurultai_chair", date(2026, 11, 1)).status == "unknown"
    assert holder_on("vice_president", date(2026, 11, 1)).status == "unknown"
    assert holder_on("senate_chair", date(2026, 11, 1)).status == "no-office"
    assert holder_on("vice_president", date(2020, 1, 1)).status == "no-office"


def test_imprecise_start_is_flagged() -> None:
    assert not holder_on("cec_chair", date(1996, 6, 1)).certain
    assert holder_on("cec_chair", date(1998, 6, 1)).certain


def test_presidential_term_of_2015() -> None:
    term = presidential_term_on(date(2019, 3, 20))
    assert term is not None and term.elected == date(2015, 4, 26)
    assert term.ends.year == 2020 and not term.ends_exact
