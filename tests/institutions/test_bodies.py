"""Bodies on a date: existence from the rulebook, composition from official results."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kazpolity.institutions.bodies import (
    BodySection,
    Composition,
    InstitutionsSnapshot,
    SeatStatus,
    chamber_composition,
    institutions_on,
)
from kazpolity.presentation.institution_json import institutions_json


def _body(snapshot: InstitutionsSnapshot, name: str) -> BodySection:
    section = snapshot.body(name)
    assert section is not None, f"{name} does not exist on {snapshot.on}"
    return section


def _composition(snapshot: InstitutionsSnapshot, chamber: str) -> Composition:
    composition = _body(snapshot, chamber).composition
    assert composition is not None
    return composition


def test_every_date_answers() -> None:
    day = date(1995, 8, 30)
    while day <= date(2026, 11, 23):
        snapshot = institutions_on(day)
        assert _body(snapshot, "president").holder("holder").office == "president"
        assert _body(snapshot, "prime_minister").holder("holder").office == "prime_minister"
        for chamber in snapshot.chambers:
            assert isinstance(_composition(snapshot, chamber).seats_total, int)
        day += timedelta(days=97)


def test_2011_composition_matches_the_2007_result() -> None:
    snapshot = institutions_on(date(2011, 6, 1))
    majilis = _composition(snapshot, "majilis")
    assert majilis.seats_total == 107
    assert majilis.by_party == {"Nur Otan": 98, "APK-elected deputies": 9}
    assert majilis.by_kind == {"list": 98, "apk": 9}
    senate = _composition(snapshot, "senate")
    assert senate.seats_total == 47
    assert senate.by_party == {}
    assert senate.by_kind == {"elected-by-maslikhats": 32, "appointed-by-president": 15}
    assert snapshot.body("kurultai") is None and snapshot.body("vice_president") is None
    assert _body(snapshot, "constitutional_council").rule("members").value == 7
    assert snapshot.body("constitutional_court") is None


def test_2023_mixed_majilis_and_apk_senators() -> None:
    snapshot = institutions_on(date(2023, 6, 1))
    majilis = _composition(snapshot, "majilis")
    assert majilis.seats_total == 98 == sum(majilis.by_party.values())
    assert majilis.by_kind == {"list": 69, "district": 29}
    assert majilis.by_party["Amanat"] == 62
    assert _composition(snapshot, "senate").by_kind["appointed-on-apk-recommendation"] == 5
    assert _body(snapshot, "constitutional_court").rule("members").value == 11


def test_the_json_shows_the_composition_by_party_or_else_by_kind() -> None:
    document = institutions_json(institutions_on(date(2011, 6, 1)))
    assert list(document)[:6] == ["on", "president", "vice_president", "prime_minister",
                                  "government", "legislature"]
    assert document["legislature"] == {"chambers": ["majilis", "senate"]}
    majilis, senate = document["majilis"], document["senate"]
    assert isinstance(majilis, dict) and isinstance(senate, dict)
    assert majilis["composition"] == {"Nur Otan": 98, "APK-elected deputies": 9}
    assert senate["composition"] == {"elected-by-maslikhats": 32, "appointed-by-president": 15}
    assert senate["composition_by_party"] is None
    assert majilis["sources"]["term_years"].startswith("majilis.term_years: ")


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
    assert snapshot.chambers == ("kurultai",)
    assert snapshot.body("majilis") is None and snapshot.body("senate") is None
    kurultai = _composition(snapshot, "kurultai")
    assert kurultai.seats_total == 145
    assert kurultai.status is SeatStatus.UNKNOWN
    assert _body(snapshot, "vice_president").holder("holder").holder is None
    assert _body(snapshot, "halyk_kenesi").rule("members").value == 126
    assert snapshot.body("assembly_of_people") is None
