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


CONSTITUTION_2026 = "https://adilet.zan.kz/rus/docs/K2600000000"


def test_the_parliament_ended_by_the_2026_constitution_follows_the_dissolution_rule() -> None:
    """Constitution of 2026, Art. 95(1): the Parliament formed under the 1995 Constitution
    'terminates its powers from 1 July 2026' - both chairs end that day and the Kurultai has
    no chair until its first session, as after the Majilis dissolutions."""
    for office in ("majilis_chair", "senate_chair"):
        day_before = holder_on(office, date(2026, 6, 30))
        assert day_before.status == "held" and day_before.tenure is not None
        assert day_before.tenure.end == date(2026, 7, 1)
        assert CONSTITUTION_2026 in day_before.tenure.sources
    chair = holder_on("kurultai_chair", date(2026, 7, 1))
    assert chair.status == "vacant" and chair.tenure is not None
    assert CONSTITUTION_2026 in chair.tenure.sources


@pytest.mark.parametrize(
    ("last_day", "before", "after"),
    [
        (date(1999, 11, 30), "Marat Ospanov", "Zharmakhan Tuyakbay"),        # regular, 1999
        (date(2004, 11, 2), "Zharmakhan Tuyakbay", "Oral Mukhamedzhanov"),   # regular, 2004
        (date(2021, 1, 14), "Nurlan Nigmatulin", "Nurlan Nigmatulin"),       # regular, 2021
    ],
)
def test_a_regular_end_of_term_leaves_no_vacancy(last_day: date, before: str, after: str) -> None:
    """Law on Parliament Art. 2: a convocation's powers run to the next one's first session, so
    the Majilis chair has a holder every day across a regular election."""
    next_day = date.fromordinal(last_day.toordinal() + 1)
    assert holder_on("majilis_chair", last_day).holder == before
    assert holder_on("majilis_chair", next_day).holder == after


def test_no_vice_president_before_the_kurultai_could_consent() -> None:
    """Constitution of 2026, Art. 95(2): the Vice President is appointed with the consent of the
    first Kurultai within two months of its first session; the Kurultai was elected on 23 Aug."""
    before = holder_on("vice_president", date(2026, 8, 1))
    assert before.status == "vacant" and before.tenure is not None
    assert CONSTITUTION_2026 in before.tenure.sources
    assert holder_on("vice_president", date(2026, 9, 1)).status == "unknown"


def test_the_cec_signs_its_own_resolution_of_2012_under_turgankulov() -> None:
    """CEC Resolution No. 6/161 of 13 January 2012 (election.gov.kz) is signed by its chair
    K. Turgankulov."""
    held = holder_on("cec_chair", date(2012, 1, 13))
    assert held.holder == "Kuandyk Turgankulov" and held.tenure is not None
    assert "https://www.election.gov.kz/kaz/news/acts/index.php?ID=774" in held.tenure.sources


def test_the_cec_signs_its_resolution_of_june_2021_under_imashev() -> None:
    """CEC Resolution No. 4/408 of 22 June 2021 (adilet V2100023157) is signed by its chair
    B. Imashev."""
    held = holder_on("cec_chair", date(2021, 6, 22))
    assert held.holder == "Berik Imashev" and held.tenure is not None
    assert "https://adilet.zan.kz/rus/docs/V2100023157" in held.tenure.sources
