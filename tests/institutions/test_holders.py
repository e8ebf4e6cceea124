"""Office-holders data: contiguous, sourced, gaps explicit; holders on dated events."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from kazpolity.institutions.holders import (
    OFFICES,
    dissolutions_before,
    holder_data,
    holder_on,
    presidential_term_on,
)


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
        # Akhmetov resigned on 8 January 2007 (BBC 6240549; Kommersant 996804); Parliament
        # consented to Massimov on 10 January.
        ("prime_minister", date(2007, 1, 7), "Daniyal Akhmetov"),
        ("prime_minister", date(2007, 1, 10), "Karim Massimov"),
        # CEC chairs: Zhumabekov announced the 2005 result (rg.ru 2005-12-05); Turgankulov
        # proposed in January 2007 (regnum 766145) and announced the 2011 result
        # (graniru 187508); Imashev from September 2016 to Abdirov's appointment on
        # 25 January 2022 (kapital.kz 102976).
        ("cec_chair", date(2005, 12, 5), "Onalsyn Zhumabekov"),
        ("cec_chair", date(2011, 4, 4), "Kuandyk Turgankulov"),
        ("cec_chair", date(2021, 6, 24), "Berik Imashev"),
        ("cec_chair", date(2022, 1, 25), "Nurlan Abdirov"),
        ("cec_chair", date(2026, 3, 16), "Nurlan Abdirov"),
        # Constitutional Council resolution No. 2/1 of 8 July 1996 names its chair Ю.А. Ким.
        ("constitutional_council_chair", date(1996, 7, 8), "Yu. A. Kim"),
        ("constitutional_council_chair", date(2000, 1, 1), "Yu. A. Kim"),
        # Koshanov re-elected at the 8th convocation's first session, 29 March 2023 (el.kz).
        ("majilis_chair", date(2023, 3, 29), "Yerlan Koshanov"),
    ],
)
def test_holders_on_sourced_dates(office: str, on: date, holder: str) -> None:
    answer = holder_on(office, on)
    assert answer.status == "held" and answer.holder == holder


def test_gaps_are_unknown_or_vacant_not_guessed() -> None:
    assert holder_on("majilis_chair", date(2016, 2, 1)).status == "vacant"  # dissolved
    assert holder_on("cec_chair", date(1993, 1, 1)).status == "unknown"
    assert holder_on("constitutional_council_chair", date(1996, 3, 1)).status == "unknown"
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


def test_the_days_between_akhmetov_and_massimov_are_unknown_not_guessed() -> None:
    assert holder_on("prime_minister", date(2007, 1, 8)).status == "unknown"
    assert holder_on("prime_minister", date(2007, 1, 9)).status == "unknown"


def test_a_dissolved_majilis_has_no_chair_in_every_era() -> None:
    """One rule for 2007, 2011, 2016 and 2023: dissolution ends the chair's tenure."""
    dissolutions = [d for d in dissolutions_before(date(2026, 7, 1)) if d.body == "majilis"]
    assert [d.on for d in dissolutions] == [
        date(2007, 6, 20), date(2011, 11, 16), date(2016, 1, 20), date(2023, 1, 19),
    ]
    for dissolution in dissolutions:
        assert not dissolution.unverified, dissolution.on
        on_the_day = holder_on("majilis_chair", dissolution.on)
        assert on_the_day.status == "vacant", dissolution.on
        assert on_the_day.tenure is not None and on_the_day.tenure.start == dissolution.on
        day_before = holder_on("majilis_chair", date.fromordinal(dissolution.on.toordinal() - 1))
        assert day_before.status == "held", dissolution.on


def test_the_senate_had_no_chair_between_nazarbayeva_and_ashimbayev() -> None:
    assert holder_on("senate_chair", date(2020, 5, 3)).status == "vacant"
    assert holder_on("senate_chair", date(2020, 5, 4)).holder == "Maulen Ashimbayev"
