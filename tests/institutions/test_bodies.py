"""Bodies on a date: existence from the rulebook, composition from official results."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kazpolity.institutions.bodies import chamber_composition, institutions_on


def test_every_date_answers() -> None:
    day = date(1995, 8, 30)
    while day <= date(2026, 11, 23):
        snapshot = institutions_on(day)
        assert "holder" in snapshot["president"]
        assert "holder" in snapshot["prime_minister"]
        for chamber in snapshot["legislature"]["chambers"]:
            assert isinstance(snapshot[chamber]["seats_total"], int)
            assert "composition" in snapshot[chamber]
        day += timedelta(days=97)


def test_2011_composition_matches_the_2007_result() -> None:
    snapshot = institutions_on(date(2011, 6, 1))
    assert snapshot["majilis"]["seats_total"] == 107
    assert snapshot["majilis"]["composition"] == {"Nur Otan": 98, "APK-elected deputies": 9}
    assert snapshot["majilis"]["composition_by_kind"] == {"list": 98, "apk": 9}
    assert snapshot["senate"]["seats_total"] == 47
    assert snapshot["senate"]["composition"] == {"elected-by-maslikhats": 32,
                                                 "appointed-by-president": 15}
    assert snapshot["kurultai"] is None and snapshot["vice_president"] is None
    assert snapshot["constitutional_council"]["members"] == 7
    assert snapshot["constitutional_court"] is None


def test_2023_mixed_majilis_and_apk_senators() -> None:
    snapshot = institutions_on(date(2023, 6, 1))
    majilis = snapshot["majilis"]
    assert majilis["seats_total"] == 98 == sum(majilis["composition"].values())
    assert majilis["composition_by_kind"] == {"list": 69, "district": 29}
    assert majilis["composition"]["Amanat"] == 62
    assert snapshot["senate"]["composition"]["appointed-on-apk-recommendation"] == 5
    assert snapshot["constitutional_court"]["members"] == 11


def test_1995_unknown_parties_said_so() -> None:
    majilis = chamber_composition("majilis", date(1996, 6, 1))
    assert majilis.seats_sitting == 67
    assert majilis.note and "not published" in majilis.note
    assert chamber_composition("majilis", date(1995, 10, 1)).status == "not-yet-elected"


def test_sitting_size_differs_from_new_rule() -> None:
    # the 1998 amendment set 77 seats; the Majilis elected in 1995 (67) sat until 1999
    majilis = chamber_composition("majilis", date(1999, 1, 1))
    assert majilis.seats_total == 77 and majilis.seats_sitting == 67 and majilis.size == 67


@pytest.mark.parametrize("day", [date(2016, 2, 1), date(2023, 2, 1)])
def test_dissolved_majilis(day: date) -> None:
    assert chamber_composition("majilis", day).status == "dissolved"


def test_kurultai_2026() -> None:
    snapshot = institutions_on(date(2026, 11, 1))
    assert snapshot["legislature"]["chambers"] == ["kurultai"]
    assert snapshot["majilis"] is None and snapshot["senate"] is None
    assert snapshot["kurultai"]["seats_total"] == 145
    assert snapshot["kurultai"]["status"] == "unknown"
    assert snapshot["vice_president"]["holder"] is None
    assert snapshot["halyk_kenesi"]["members"] == 126
    assert snapshot["assembly_of_people"] is None
