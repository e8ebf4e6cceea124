"""Corrections of issue 12, each pinned to the primary text that settled it.

Every test names its source; the expected values come from those texts, not from the YAML.
"""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from kazpolity.law import laws, rules_at

Z980000285 = "https://adilet.zan.kz/rus/docs/Z980000285_"


def _timeline(key: str) -> list[tuple[date, object]]:
    body, name = key.split(".", 1)
    return [(rule.valid_from, rule.value)
            for rule in laws().bodies[body].parameters[name].timeline]


def test_district_turnout_rule_ends_with_law_285_i() -> None:
    """Constitutional Law No. 285-I of 6 Nov 1998 (adilet Z980000285_), item 1: subparagraph 1)
    of Election Law Art. 9(1) is excluded; Law No. 375-I cites its publication on 10 Nov 1998.
    The 1999 and 2004 district races had no turnout requirement."""
    before = rules_at(date(1998, 11, 9)).leaf("majilis.district_validity_turnout_percent")
    after = rules_at(date(1998, 11, 10)).leaf("majilis.district_validity_turnout_percent")
    assert before.value == Fraction(50)
    assert after.value is None
    assert after.source.url == Z980000285 and not after.unverified
    for election in (date(1999, 10, 10), date(2004, 9, 19), date(2023, 3, 19)):
        assert rules_at(election).optional_fraction(
            "majilis.district_validity_turnout_percent") is None


def test_senate_quorum_no_longer_cites_the_excluded_clause() -> None:
    """After 10 Nov 1998 the electors' quorum rests on Election Law Art. 77(2) (quoted by CEC
    member K. Petrov on 2017-06-28, Kazinform), not on the excluded Art. 9(1) clause 1."""
    rule = rules_at(date(2017, 6, 28)).leaf("senate.elector_quorum_percent")
    assert rule.value == Fraction(50)
    assert "77(2)" in rule.source.article
    assert "9(1)" not in rule.source.article


def test_2023_districts_are_won_by_plurality_from_the_2022_law() -> None:
    """Election Law Art. 9(2) as amended in 2022 (quoted by International IDEA): the candidate
    with more votes than the others is elected; the rule came with the law of 5 Nov 2022, not
    with the constitutional amendment of 8 Jun 2022."""
    assert rules_at(date(2023, 3, 19)).optional_str("majilis.district_rule") == "plurality"
    assert rules_at(date(2022, 7, 1)).optional_str("majilis.district_rule") is None


MONTHLY = [date(1995, 8, 30) + timedelta(days=n) for n in range(0, 11500, 30)]


@pytest.mark.parametrize("day", MONTHLY)
def test_no_senate_of_30_or_36_elected_seats(day: date) -> None:
    """The 1997 mergers did not recompose the Senate: the election of 1997-10-08 (decree
    U970003605_) renewed only the 1995 runners-up; 32 elected seats date from the election of
    1999-09-17 (RIA/Vesti 2002: 39 = 32 elected + 7 appointed)."""
    if not laws().bodies["senate"].exists_on(day):
        return
    book = rules_at(day)
    assert book.int_("senate.seats_elected") in {40, 32, 34}
    assert book.int_("senate.seats_total") not in {30, 36, 37, 43, 44}


@pytest.mark.parametrize(
    ("day", "elected", "total"),
    [
        (date(1997, 6, 1), 40, 47),     # after the mergers, before any recomposition
        (date(1999, 9, 16), 40, 47),
        (date(1999, 9, 17), 32, 39),    # first Senate election on the 16-unit map
        (date(2018, 10, 4), 32, 47),    # Shymkent a city since 19 Jun 2018, no senators yet
        (date(2018, 10, 5), 34, 49),    # decree No. 731: Shymkent's senators elected
        (date(2022, 9, 1), 34, 49),     # new regions and 10 appointees wait for 2023
        (date(2023, 1, 14), 40, 50),
    ],
)
def test_senate_counts_change_when_the_chamber_is_next_composed(day: date, elected: int,
                                                                total: int) -> None:
    """Election Law Art. 69(1)(2): new units get senators at an election; a count derived from
    the map takes effect on that day (Kazinform, decree No. 731 of 9 Aug 2018; Astana Times on
    the Senate of 50 from January 2023)."""
    book = rules_at(day)
    assert book.int_("senate.seats_elected") == elected
    assert book.int_("senate.seats_total") == total


def test_kurultai_request_binds_the_president_to_dismiss_a_minister() -> None:
    """C2026 Art. 56(17) (adilet K2600000000, text published on 12 Feb 2026): after hearing a
    minister's report on the initiative of a third of the deputies, two thirds of the Kurultai
    may appeal for his dismissal, and 'in this case the President ... dismisses the member of
    the Government'. The Commission's earlier word (Tengrinews: 'the final decision ... will be
    made by' the President) did not survive into the adopted text."""
    book = rules_at(date(2026, 7, 1))
    assert book.bool_("government.minister_dismissal_president_bound") is True
    assert book.optional_fraction("government.minister_dismissal_initiative_fraction") == \
        Fraction(1, 3)
    assert rules_at(date(2020, 1, 1)).bool_("government.minister_dismissal_president_bound")


def test_2017_candidate_requirements_date_from_the_june_package() -> None:
    """The presidential candidate requirements (5 years of public service, no self-nomination)
    came with the constitutional laws signed on 15 June 2017 (echo.kz), not on 11 July."""
    assert _timeline("president.public_service_years")[-1][0] == date(2017, 6, 15)
    assert rules_at(date(2017, 6, 15)).optional_int("president.public_service_years") == 5
    assert rules_at(date(2017, 6, 15)).bool_("president.self_nomination_allowed") is False
    assert rules_at(date(2017, 6, 14)).bool_("president.self_nomination_allowed") is True


def test_1998_amendment_text_sets_the_presidential_term_and_ages() -> None:
    """Law No. 284-I of 7 Oct 1998 (text at bestprofi.com/document/88018580): Art. 41(1)
    'five' -> 'seven'; Art. 41(2) 'thirty-five' -> 'forty' and 'not older than sixty-five'
    excluded."""
    before, after = rules_at(date(1998, 10, 6)), rules_at(date(1998, 10, 7))
    assert (before.int_("president.term_years"), after.int_("president.term_years")) == (5, 7)
    assert (before.int_("president.min_age"), after.int_("president.min_age")) == (35, 40)
    assert before.optional_int("president.max_age") == 65
    assert after.optional_int("president.max_age") is None


def test_referendum_regional_test_records_the_reading_applied_in_2022() -> None:
    """Const. Art. 91(1) as amended by Law No. 254-III of 21 May 2007 (2010-2017 edition) and
    Referendum Law Art. 31(3) after Law No. 30-IV of 2008: 'more than half of the citizens who
    took part voted for them in not less than two thirds of the oblasts, cities of republican
    significance and the capital' - a yes majority per unit, as the CEC counted in 2022; the
    chair's 2026-03-13 turnout reading is kept in the note. No regional test before 2007."""
    rule = rules_at(date(2022, 6, 5)).leaf("referendum.constitutional_regional_test")
    assert rule.value == "yes-majority"
    assert not rule.unverified and rule.note and "turnout" in rule.note
    assert rules_at(date(2022, 6, 5)).fraction("referendum.constitutional_regional_fraction") \
        == Fraction(2, 3)
    before = rules_at(date(2007, 5, 20))
    assert before.optional_fraction("referendum.constitutional_regional_fraction") is None
    assert before.optional_str("referendum.constitutional_regional_test") is None


def test_values_start_no_earlier_than_their_act_except_at_a_body_start() -> None:
    """The date rule (docs/parameter-files.md): a value is keyed by the day its act took
    effect, never before the act. Only a body's first value may cite a later act (the
    Election Law of 28 Sep 1995 and the Referendum Law of 2 Nov 1995 are the first texts of
    rules in force since the Constitution) or the CEC's practice."""
    problems = []
    for body in laws().bodies.values():
        start = body.existence[0].valid_from
        for parameter in body.parameters.values():
            if parameter.derived:
                continue
            for rule in parameter.timeline:
                act_date = rule.source.act_date
                if act_date is None or rule.valid_from >= act_date:
                    continue
                if rule.valid_from == start or rule.source.act.startswith("Central Election"):
                    continue
                problems.append(f"{rule.key} {rule.valid_from} < {act_date}")
    assert problems == []


def test_quorum_session_and_dissolution_limits_from_the_constitution_text() -> None:
    """Const. Art. 59(3),(5) and 63(2), text in force before 2026 (constitutionrk.kz): sittings
    need two thirds of each chamber; the session runs September to June; no dissolution in an
    emergency, in the President's last six months, or within a year of the last one."""
    book = rules_at(date(2010, 1, 1))
    for key in ("majilis.quorum", "senate.quorum"):
        rule = book.leaf(key)
        assert rule.value == Fraction(2, 3) and not rule.unverified
        assert rule.source.url == "https://constitutionrk.kz/razdel-4/statya-59"
    assert "September" in book.str_("legislature.session")
    assert book.bool_("dissolution.barred_in_emergency")
    assert book.int_("dissolution.barred_last_months_of_presidency") == 6
    assert book.int_("dissolution.min_years_between") == 1
    assert not book.leaf("dissolution.barred_in_emergency").unverified


def test_senator_age_and_education_from_the_1998_text() -> None:
    """Const. Art. 51(4), edition of 1998-2007 (pavlodar.com/zakon): a senator has reached
    thirty and has higher education."""
    book = rules_at(date(2000, 1, 1))
    assert book.int_("senate.min_age") == 30
    assert book.bool_("senate.higher_education_required")
    assert not book.leaf("senate.min_age").unverified


def test_constitutional_court_under_the_2026_constitution() -> None:
    """C2026 Art. 95 (Kazinform): the President appoints the chair and the judges with the
    Kurultai's consent; the composition stays as in 2023 (deputy chair B. Nurmukhanov)."""
    book = rules_at(date(2026, 7, 1))
    assert book.int_("constitutional_court.judges") == 11
    assert book.optional_int("constitutional_court.judges_by_president") == 10
    assert book.int_("constitutional_court.judges_by_senate") == 0
    assert book.optional_str("constitutional_court.judges_consent_by") == "kurultai"


def test_every_unverified_value_says_what_was_searched() -> None:
    """Issue 12: a value left unverified carries, in its note, the searches tried."""
    missing = [rule.key for body in laws().bodies.values() if body.name != "regions"
               for parameter in body.parameters.values() if not parameter.derived
               for rule in parameter.timeline
               if rule.unverified and "Searched for issue 12" not in (rule.note or "")]
    assert missing == []


WIKI_MIRRORS = ("wiki", "clever-geek", "gutenberg", "goodnames", "ipfs", "how.com.vn",
                "detailedpedia")


def test_no_verified_value_rests_on_a_wiki_mirror_alone() -> None:
    """Issue 12: a wiki mirror may stay as see_also, never as the only source of a value
    marked verified (the 2007-2019 Majilis district rule now cites Election Law Art. 9 and
    Law No. 268-III; the Council's objection rule, stated only by wikimili, is unverified)."""
    resting = [f"{rule.key} {rule.valid_from}"
               for body in laws().bodies.values() for parameter in body.parameters.values()
               if not parameter.derived for rule in parameter.timeline
               if not rule.unverified and any(m in rule.source.url for m in WIKI_MIRRORS)]
    assert resting == []


def test_akim_powers_lapse_with_a_new_president_per_the_2011_decree() -> None:
    """Decree of 8 Apr 2011 No. 3 (adilet U1100000003): 'in accordance with Art. 87(5)' the
    powers of the oblast and city akims end when the newly elected President takes office."""
    rule = rules_at(date(2011, 4, 8)).leaf("local_government.akim_powers_lapse_on_new_president")
    assert rule.value is True and "U1100000003" in rule.source.url
