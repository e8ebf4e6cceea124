"""Mixed chambers composed from tiers, and local elections."""

from __future__ import annotations

from datetime import date

import pytest

from kazpolity.elections.chamber import APK, compose_chamber
from kazpolity.elections.local import akim_election, maslikhat_election, maslikhat_seat_split
from kazpolity.elections.official import official_election
from kazpolity.errors import InputError


def test_2023_majilis_is_29_districts_plus_69_list_seats() -> None:
    e = official_election("majilis-2023")
    lists = e.official_list_seats
    winners = {f"D{i}": "Amanat" for i in range(22)}
    winners.update({f"D{22 + i}": "Independent" for i in range(7)})
    composition = compose_chamber(e.date, list_seats=lists, district_winners=winners)
    assert composition.by_kind == {"list": 69, "district": 29, "apk": 0}
    assert composition.by_party["Amanat"] == 62  # 40 list + 22 districts (official)
    assert composition.by_party["Independent"] == 7
    assert composition.vacant == 0 and composition.seats_total == 98


def test_2021_majilis_has_nine_apk_seats_and_refuses_a_tenth() -> None:
    e = official_election("majilis-2021")
    composition = compose_chamber(e.date, list_seats=e.official_list_seats, apk_seats=9)
    assert composition.by_party[APK] == 9 and composition.seats_total == 107
    with pytest.raises(InputError, match="apk"):
        compose_chamber(e.date, list_seats=e.official_list_seats, apk_seats=10)
    with pytest.raises(InputError, match="district"):
        compose_chamber(e.date, district_winners={"D1": "X"})


def test_kurultai_is_all_list() -> None:
    composition = compose_chamber(
        date(2026, 8, 23), chamber="kurultai", list_seats={"A": 100, "B": 45}
    )
    assert composition.by_kind["list"] == 145 and composition.vacant == 0


def test_maslikhat_mixed_from_2023_majoritarian_before() -> None:
    assert maslikhat_seat_split(date(2016, 3, 20), "regional", 30) == (30, 0)
    assert maslikhat_seat_split(date(2023, 3, 19), "regional", 30) == (15, 15)
    assert maslikhat_seat_split(date(2023, 3, 19), "district", 20) == (20, 0)
    districts = {f"D{i}": {"A": 60, "B": 40} if i < 3 else {"A": 30, "B": 70} for i in range(4)}
    # mixed: 4 districts -> 4 list seats; lists A 600 / B 400 -> quota 250: A 2.4, B 1.6 -> 2/2
    outcome = maslikhat_election(
        date(2023, 3, 19), "regional", districts=districts, list_votes={"A": 600, "B": 400}
    )
    assert outcome.seats == {"A": 5, "B": 3}
    # plurality in maslikhat districts since Law No. 545 of 2004 (Election Law Art. 9(2))
    assert "local_elections.maslikhat_district_rule" not in outcome.unverified
    old = maslikhat_election(date(2016, 3, 20), "regional", districts=districts)
    assert old.seats == {"A": 3, "B": 1} and old.system == "majoritarian"
    with pytest.raises(InputError):
        maslikhat_election(date(2016, 3, 20), "regional", districts=districts, list_votes={"A": 1})


def test_akims_elected_directly_only_from_2021() -> None:
    assert akim_election(date(2021, 7, 25), {"X": 10, "Y": 7}).winner == "X"
    with pytest.raises(InputError):
        akim_election(date(2019, 1, 1), {"X": 10})
