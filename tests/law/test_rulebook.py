"""The rulebook against independent facts (../shared/facts/kz-rules.md, kz-institutions.md)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kazpolity.errors import InputError, NotFound, OutOfModelRange
from kazpolity.law import MODEL_END, MODEL_START, changes_between, laws, rules_at
from kazpolity.law.eras import era_at, eras


def months(start: date, end: date) -> list[date]:
    days = []
    year, month = start.year, start.month
    while date(year, month, 1) <= end:
        days.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


GRID = months(date(1995, 9, 1), date(2026, 12, 1))


def test_every_key_covers_its_body_with_no_gap_and_no_overlap() -> None:
    """Every month from 1995-09 to 2026-12: while a body exists, each key has exactly one value."""
    problems = []
    for body in laws().bodies.values():
        for parameter in body.parameters.values():
            timeline = parameter.timeline
            for before, after in itertools.pairwise(timeline):
                if before.valid_until is None or before.valid_until > after.valid_from:
                    problems.append(f"{parameter.key}: overlap at {after.valid_from}")
            repealed_from = timeline[-1].valid_until
            for day in GRID:
                if not body.exists_on(day):
                    continue
                if repealed_from is not None and day >= repealed_from and (
                    body.existence[-1].valid_until is None
                    or repealed_from < body.existence[-1].valid_until
                ):
                    continue  # explicitly repealed with no successor
                in_force = [rule for rule in timeline if rule.in_force_on(day)]
                if len(in_force) != 1:
                    problems.append(f"{parameter.key}: {len(in_force)} values on {day}")
    assert problems == []


def test_every_value_cites_an_act_an_article_and_a_url() -> None:
    for body in laws().bodies.values():
        for parameter in body.parameters.values():
            for rule in parameter.timeline:
                assert rule.source.act and rule.source.article, rule.key
                assert rule.source.url.startswith("http"), rule.key
                if rule.unverified:
                    assert rule.note, f"{rule.key} is unverified without a note"


@pytest.mark.parametrize(
    ("day", "total", "lists", "districts", "apk"),
    [
        (date(1996, 1, 30), 67, 0, 67, 0),      # first Majilis, 67 districts
        (date(1999, 10, 10), 77, 10, 67, 0),    # 1999: 67 SMD + 10 list
        (date(2004, 9, 19), 77, 10, 67, 0),
        (date(2007, 8, 18), 107, 98, 0, 9),     # 2007: 98 list + 9 APK
        (date(2021, 1, 10), 107, 98, 0, 9),
        (date(2023, 3, 19), 98, 69, 29, 0),     # 2023: 69 list + 29 SMD
    ],
)
def test_majilis_composition_by_era(day: date, total: int, lists: int, districts: int,
                                    apk: int) -> None:
    book = rules_at(day)
    assert book.int_("majilis.seats_total") == total
    assert book.int_("majilis.seats_list") == lists
    assert book.int_("majilis.seats_district") == districts
    assert book.int_("majilis.seats_apk") == apk
    assert lists + districts + apk == total


@pytest.mark.parametrize(
    ("day", "elected", "appointed", "total"),
    [
        (date(1996, 1, 30), 40, 7, 47),    # 19 oblasts + Almaty
        (date(1999, 9, 17), 32, 7, 39),    # 14 oblasts + Almaty + Astana
        (date(2008, 12, 4), 32, 15, 47),
        (date(2020, 8, 12), 34, 15, 49),   # + Shymkent
        (date(2023, 1, 24), 40, 10, 50),   # + Abai, Jetisu, Ulytau
    ],
)
def test_senate_is_two_per_region_plus_appointees(day: date, elected: int, appointed: int,
                                                  total: int) -> None:
    book = rules_at(day)
    assert book.int_("regions.count") * 2 == elected
    assert book.int_("senate.seats_elected") == elected
    assert book.int_("senate.seats_appointed") == appointed
    assert book.int_("senate.seats_total") == total


@pytest.mark.parametrize(
    ("day", "percent"),
    [(date(1999, 10, 10), 7), (date(2004, 9, 19), 7), (date(2021, 1, 10), 7),
     (date(2023, 3, 19), 5)],
)
def test_list_threshold(day: date, percent: int) -> None:
    assert rules_at(day).fraction("majilis.threshold_percent") == Fraction(percent)


@pytest.mark.parametrize(
    ("day", "term", "single"),
    [(date(1996, 1, 1), 5, False), (date(1999, 1, 10), 7, False), (date(2005, 12, 4), 7, False),
     (date(2011, 4, 3), 5, False), (date(2019, 6, 9), 5, False), (date(2022, 11, 20), 7, True),
     (date(2026, 11, 22), 7, True)],
)
def test_presidential_term(day: date, term: int, single: bool) -> None:
    book = rules_at(day)
    assert book.int_("president.term_years") == term
    assert book.bool_("president.single_term") is single


def test_kurultai_replaces_both_chambers_on_2026_07_01() -> None:
    before, after = rules_at(date(2026, 6, 30)), rules_at(date(2026, 7, 1))
    assert before.str_list("legislature.chambers") == ("majilis", "senate")
    assert not before.exists("kurultai")
    assert after.str_list("legislature.chambers") == ("kurultai",)
    assert after.int_("kurultai.seats_total") == 145
    assert after.fraction("kurultai.threshold_percent") == 5
    assert not after.exists("majilis") and not after.exists("senate")
    assert after.to_json()["majilis"] is None


def test_second_party_guarantee_dates_and_legal_gap() -> None:
    assert not rules_at(date(2007, 8, 18)).bool_("majilis.second_party_guarantee")
    book = rules_at(date(2012, 1, 15))
    assert book.bool_("majilis.second_party_guarantee")
    assert book.fraction("majilis.second_party_correction_index") == Fraction(7, 10)
    # Election Law Art. 97-1(3) in the wording of Law No. 124-IV (editions of 2020 and 2022):
    # the admitted runner-up 'receives not less than two mandates' - the gap is closed
    floor = book.leaf("majilis.second_party_min_seats")
    assert floor.value == 2 and not floor.unverified


def test_commission_hierarchy_loses_district_level_on_2018_06_29() -> None:
    assert len(rules_at(date(2018, 6, 28)).str_list("election_administration.levels")) == 4
    assert rules_at(date(2018, 6, 29)).str_list("election_administration.levels") == (
        "central", "territorial", "precinct")


def test_first_president_exemption_only_2007_to_2022() -> None:
    assert not rules_at(date(2005, 1, 1)).bool_("president.first_president_exempt")
    assert rules_at(date(2015, 4, 26)).bool_("president.first_president_exempt")
    assert not rules_at(date(2022, 6, 8)).bool_("president.first_president_exempt")


def test_json_leaf_shape_for_required_keys() -> None:
    required = ["legislature.chambers", "majilis.seats_total", "majilis.seats_list",
                "majilis.seats_district", "majilis.seats_apk", "majilis.term_years",
                "majilis.threshold_percent", "senate.seats_elected", "senate.seats_appointed",
                "senate.term_years", "president.term_years", "president.min_age",
                "president.max_consecutive_terms", "president.single_term", "regions.count"]
    data = rules_at(date(2011, 4, 3)).to_json()
    for key in required:
        body, name = key.split(".")
        leaf = data[body][name]
        assert set(leaf) >= {"value", "from", "until", "source", "unverified"}
        date.fromisoformat(leaf["from"])
        assert leaf["until"] is None or date.fromisoformat(leaf["until"]) > date(2011, 4, 3)
    assert data["kurultai"] is None
    later = rules_at(date(2026, 11, 22)).to_json()
    assert later["kurultai"]["seats_total"]["value"] == 145
    assert later["kurultai"]["threshold_percent"]["value"] == 5
    assert later["president"]["max_consecutive_terms"]["value"] is None


def test_dates_outside_the_model_are_refused() -> None:
    with pytest.raises(OutOfModelRange):
        rules_at(MODEL_START - timedelta(days=1))
    with pytest.raises(OutOfModelRange):
        rules_at(MODEL_END + timedelta(days=1))
    assert rules_at(MODEL_START).int_("majilis.seats_total") == 67


def test_unknown_key_and_absent_body() -> None:
    book = rules_at(date(2011, 4, 3))
    with pytest.raises(NotFound):
        book.leaf("majilis.no_such_rule")
    with pytest.raises(NotFound):
        book.leaf("nobody.seats")
    with pytest.raises(InputError):
        book.leaf("kurultai.seats_total")


def test_changes_between_lists_the_2007_reform_with_sources() -> None:
    changes = changes_between(date(2007, 5, 1), date(2007, 6, 1))
    by_key = {change.key: change for change in changes}
    seats = by_key["majilis.seats_total"]
    assert (seats.before and seats.before.value, seats.after and seats.after.value) == (77, 107)
    assert seats.on == date(2007, 5, 21)
    assert seats.after is not None and "254" in seats.after.source.act
    assert by_key["senate.seats_appointed"].after is not None
    assert all(date(2007, 5, 1) < change.on <= date(2007, 6, 1) for change in changes)


def test_changes_between_shows_bodies_appearing_and_disappearing() -> None:
    changes = changes_between(date(2026, 6, 1), date(2026, 7, 15))
    kurultai = [c for c in changes if c.key == "kurultai.seats_total"]
    majilis = [c for c in changes if c.key == "majilis.seats_total"]
    assert kurultai and kurultai[0].before is None and kurultai[0].after is not None
    assert majilis and majilis[0].after is None and majilis[0].before is not None
    assert changes_between(date(2026, 7, 15), date(2026, 6, 1)) == changes


def test_no_changes_within_a_quiet_span() -> None:
    assert changes_between(date(2014, 1, 1), date(2015, 1, 1)) == ()


@given(st.dates(min_value=MODEL_START, max_value=MODEL_END))
def test_every_rule_returned_is_in_force_on_the_day_asked(day: date) -> None:
    book = rules_at(day)
    for rule in book.rules():
        assert rule.in_force_on(day)


def test_eras_are_ordered_and_cover_the_model() -> None:
    assert eras()[0].start == MODEL_START
    assert era_at(date(2011, 4, 3)).code == "A2011"
    assert era_at(date(2026, 11, 22)).code == "C2026"
