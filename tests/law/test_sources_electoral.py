"""Electoral rules of issue 12 (law-b), each pinned to the text or protocol that settled it.

The expected values come from the cited sources (figures copied from them, hand-worked), not
from the YAML; each test says where they come from.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from math import floor

import pytest

from kazpolity.elections.apportionment import allocate
from kazpolity.elections.explanation import Allocation
from kazpolity.elections.kazakh_lists import ListCompleted, allocate_list_seats_on
from kazpolity.elections.local import maslikhat_election, maslikhat_seat_split
from kazpolity.elections.threshold import BallotExtras, ThresholdBase, ThresholdRule
from kazpolity.errors import InputError
from kazpolity.law import laws, rules_at

INTERFAX_2022_11_05 = "https://interfax.ru/world/871146"
MOJ_2022 = "https://altyn-orda.kz/v-kazahstane-uprostili-protsedury-registratsii-politicheskih-partij"
PARTY_LAW_2002_ART_10 = "https://www.pavlodar.com/zakon/index.html?dok=02113&oraz=08&noraz=10"


def _starts(key: str) -> list[date]:
    body, name = key.split(".", 1)
    return [rule.valid_from for rule in laws().bodies[body].parameters[name].timeline]


def test_party_thresholds_fell_with_the_laws_of_5_november_2022() -> None:
    """Interfax, 5 Nov 2022: the laws signed that day lowered the party registration threshold;
    the Ministry of Justice lists 20,000 -> 5,000 members, 600 -> 200 per region, an initiative
    group of 1,000 -> 700 and two -> three months for the founding congress. The June 2022
    constitutional amendments did not change the Law on Political Parties."""
    before, after = rules_at(date(2022, 10, 1)), rules_at(date(2022, 11, 5))
    keys = ("parties.min_members", "parties.min_members_per_region",
            "parties.initiative_group_min", "parties.founding_congress_within_months")
    assert [before.optional_int(k) for k in keys] == [20000, 600, 1000, 2]
    assert [after.optional_int(k) for k in keys] == [5000, 200, 700, 3]
    rule = after.leaf("parties.min_members")
    assert not rule.unverified and INTERFAX_2022_11_05 in rule.source.see_also
    assert after.leaf("parties.min_members_per_region").source.url == MOJ_2022


def test_twenty_thousand_members_and_list_quota_from_the_may_2020_package() -> None:
    """Tengrinews via qazweek: the President signed the amendments (30% of women and youth on
    lists; 20,000 members instead of 40,000) with the Law on Peaceful Assemblies (25 May 2020)."""
    assert rules_at(date(2020, 5, 24)).int_("parties.min_members") == 40000
    book = rules_at(date(2020, 5, 25))
    assert book.int_("parties.min_members") == 20000
    assert book.optional_fraction("majilis.list_quota_percent") == Fraction(30)
    assert list(book.str_list("parties.list_quota_groups")) == ["women", "youth"]
    for key in ("parties.min_members", "majilis.list_quota_percent", "parties.list_quota_groups"):
        assert not book.leaf(key).unverified


def test_branch_deadline_is_six_months_in_the_2002_text() -> None:
    """Law No. 344-II of 15 Jul 2002, Art. 10(3) (pavlodar.com/zakon): within six months of its
    state registration a party registers its branches; still six months before the 2022 change
    (vlast.kz), so neither 2009 nor 2020 changed it."""
    assert rules_at(date(2002, 7, 15)).optional_int("parties.branches_within_months") == 6
    assert rules_at(date(2021, 1, 1)).optional_int("parties.branches_within_months") == 6
    rule = rules_at(date(2002, 7, 15)).leaf("parties.branches_within_months")
    assert rule.source.url == PARTY_LAW_2002_ART_10 and not rule.unverified
    assert date(2020, 5, 25) not in _starts("parties.branches_within_months")
    # 600 members per region ran from 2009 to the 2022 change ("from 600 to 200", address of
    # 16 Mar 2022): the 2020 package did not touch it
    assert _starts("parties.min_members_per_region") == [
        date(1995, 8, 30), date(2002, 7, 15), date(2009, 2, 6), date(2022, 11, 5)]


def test_no_list_threshold_before_the_1999_law() -> None:
    """The 1998 amendment created 10 list seats; the Election Law got its list procedure and
    7% threshold only from Law No. 375-I of 6 May 1999 (its preamble lists every earlier
    amendment: 1997, 1998 and No. 285-I, which only excluded Art. 9(1) clause 1)."""
    book = rules_at(date(1999, 1, 10))
    assert book.int_("majilis.seats_list") == 10
    assert book.optional_fraction("majilis.threshold_percent") is None
    assert not book.leaf("majilis.threshold_percent").unverified
    assert rules_at(date(1999, 5, 6)).optional_fraction("majilis.threshold_percent") == 7


def test_threshold_base_is_what_the_cec_protocols_divide_by() -> None:
    """CEC final results: 2021 (Caravan) Nur Otan 5,148,074 of 7,241,562 votes for parties =
    71.09%; 2023 (vlast.kz, chair N. Abdirov) Amanat 3,431,510 of 6,366,441 who voted for
    parties and against all = 53.90%."""
    assert round(Fraction(5_148_074, 7_241_562) * 100, 2) == Fraction(7109, 100)
    assert round(Fraction(3_431_510, 6_366_441) * 100, 2) == Fraction(5390, 100)
    for day, base in ((date(2021, 1, 10), "valid"), (date(2023, 3, 19), "lists-and-against-all")):
        rule = rules_at(day).leaf("majilis.threshold_base")
        assert rule.value == base and not rule.unverified


def test_against_all_was_off_the_ballot_from_2004_to_2021() -> None:
    """The CEC's 2004 results and 2021 protocol have no 'against all' line; the 1999 list ballot
    and the 2023 ballot (law of May 2021) have one; Law No. 545 of 14 Apr 2004 is the only
    amendment published between 2000 and the 2004 election."""
    for day, on_ballot in ((date(2004, 9, 19), False), (date(2021, 1, 10), False),
                           (date(2023, 3, 19), True)):
        assert rules_at(day).bool_("majilis.against_all_on_ballot") is on_ballot
    assert not rules_at(date(2004, 4, 14)).leaf("majilis.against_all_on_ballot").unverified


def test_first_senate_had_four_year_terms_renewed_by_half_every_two_years() -> None:
    """Elections of 5 Dec 1995 (all seats), 8 Oct 1997 (decree U970003605_, the half elected for
    two years) and 17 Sep 1999 (the other half): four-year terms, halves every two years, until
    Law No. 284-I (six years, every three years; Art. 51(2) of the 1998-2007 edition)."""
    early = rules_at(date(1996, 1, 1))
    assert (early.int_("senate.term_years"), early.int_("senate.renewal_interval_years")) == (4, 2)
    later = rules_at(date(1999, 9, 17))
    assert (later.int_("senate.term_years"), later.int_("senate.renewal_interval_years")) == (6, 3)
    assert not early.leaf("senate.term_years").unverified


def test_former_presidents_are_not_senators() -> None:
    """Const. Art. 50(2) lists the Senate's members exhaustively (constitution.kz, 2007-2022
    edition: two per unit and fifteen appointed); after 20 Mar 2019 the Senate kept 49 seats
    (34 + 15, Astana Times 2020) with N. Nazarbayev outside it. Former Presidents' life
    membership is in the Constitutional Council (Art. 71(1))."""
    for day in (date(1996, 1, 1), date(2020, 8, 14), date(2025, 1, 1)):
        rule = rules_at(day).leaf("senate.former_presidents_ex_officio")
        assert rule.value is False and not rule.unverified
    book = rules_at(date(2020, 8, 14))
    assert book.int_("senate.seats_total") == 49
    assert book.bool_("constitutional_council.former_presidents_life_members") is True


def test_senator_work_experience_in_the_1998_text() -> None:
    """Const. Art. 51(4), Kazakh text of the 1998-2007 edition (kodeksy-kz.com): 'at least
    five years of work experience'."""
    rule = rules_at(date(2000, 1, 1)).leaf("senate.work_experience_years")
    assert rule.value == 5 and not rule.unverified


def test_kostanay_maslikhat_lists_of_2023_follow_the_five_percent_rule() -> None:
    """Kostanay regional election commission, 19 Mar 2023: seats 'for the parties with five and
    more percent' - Amanat 195,232 -> 9, Ak Zhol 66,220 -> 3, Auyl 44,220 -> 2, People's Party
    22,325 -> 1, Respublica 22,115 -> 1 (16 list seats). Hare by hand: quota 350,112/16 =
    21,882; integer parts 8+3+2+1+1 = 15; the largest remainder (Amanat, 0.92) takes the 16th."""
    percent = rules_at(date(2023, 3, 19)).leaf("local_elections.maslikhat_list_threshold_percent")
    assert percent.value == Fraction(5) and not percent.unverified
    votes = {"Amanat": 195_232, "Ak Zhol": 66_220, "Auyl": 44_220, "People's Party": 22_325,
             "Respublica": 22_115}
    outcome = allocate(votes, 16, "hare",
                       threshold=ThresholdRule(Fraction(5), ThresholdBase.LISTS_AND_AGAINST_ALL),
                       extras=BallotExtras(against_all=0))
    assert isinstance(outcome, Allocation)
    assert outcome.seats == {"Amanat": 9, "Ak Zhol": 3, "Auyl": 2, "People's Party": 1,
                               "Respublica": 1}


def test_recall_dates_from_the_signing_under_the_documented_rule() -> None:
    """Law No. 156-VII of 5 Nov 2022 takes effect ten days after its first publication; the
    publication day is not in the stored sources, so docs/parameter-files.md rule 3 (signing
    day) applies and the value is sourced."""
    rule = rules_at(date(2022, 11, 5)).leaf("recall.maslikhat_district_deputies_recallable")
    assert rule.value is True and not rule.unverified
    assert "signing day is used" in (rule.note or "")


def test_maslikhats_were_elected_wholly_from_lists_between_2018_and_2022() -> None:
    """Constitutional Law No. 162-VI of 29 Jun 2018 (ealegislation rgn=107717; adilet
    Z1800000162): Election Law Art. 9(2) - 'deputies of maslikhats are elected by party lists
    in the territorial constituency'; CEC chair B. Imashev on 12 Jan 2021: maslikhat deputies
    'for the first time were elected by the proportional system'. Districts came back with
    the 2022 amendments (mixed regional maslikhats from 2023)."""
    systems = {day: rules_at(day).str_("local_elections.maslikhat_system")
               for day in (date(2016, 3, 20), date(2021, 1, 10), date(2023, 3, 19))}
    assert systems == {date(2016, 3, 20): "majoritarian", date(2021, 1, 10): "proportional",
                       date(2023, 3, 19): "mixed"}
    book = rules_at(date(2021, 1, 10))
    assert not book.leaf("local_elections.maslikhat_system").unverified
    assert book.optional_str("local_elections.maslikhat_district_rule") is None
    assert rules_at(date(2023, 3, 19)).optional_str(
        "local_elections.maslikhat_district_rule") == "plurality"


def test_a_2021_maslikhat_is_all_list_seats() -> None:
    """Hand-worked: 30 seats, lists A 7,000 / B 2,000 / C 650 / D 350. C (6.5%) and D (3.5%)
    fall below the 7% of the 2021 lists; quota 9,000 / 30 = 300: A 23.33, B 6.67 -> 23 + 6,
    the last seat to B's larger remainder -> A 23, B 7."""
    on = date(2021, 1, 10)
    assert maslikhat_seat_split(on, "district", 20) == (0, 20)
    outcome = maslikhat_election(on, "city", districts={}, list_seats=30,
                                 list_votes={"A": 7000, "B": 2000, "C": 650, "D": 350})
    assert outcome.system == "proportional" and outcome.seats == {"A": 23, "B": 7}
    # Election Law Art. 111-1(1) (Law No. 162-VI, edition of 25.05.2020): seven percent
    assert "local_elections.maslikhat_list_threshold_percent" not in outcome.unverified
    with pytest.raises(InputError, match="no districts"):
        maslikhat_election(on, "city", districts={"D1": {"A": 1}}, list_seats=30,
                           list_votes={"A": 1})
    with pytest.raises(InputError, match="list_seats"):
        maslikhat_election(on, "city", districts={}, list_votes={"A": 1})


def test_disability_quota_and_its_hold_on_seats_came_with_the_february_2022_laws() -> None:
    """Senate of Parliament, 26 Jan 2022: the bills amending some constitutional laws add
    persons with disabilities to the 30% list quota and apply it to 'the distribution of deputy
    seats' (signed 7 Feb 2022 with the First President changes); Astana Times 2023: before,
    the quota held only at the registration of the lists."""
    groups = {day: list(rules_at(day).str_list("parties.list_quota_groups"))
              for day in (date(2022, 2, 6), date(2022, 2, 7))}
    assert groups == {date(2022, 2, 6): ["women", "youth"],
                      date(2022, 2, 7): ["women", "youth", "people-with-disabilities"]}
    assert rules_at(date(2021, 1, 10)).bool_("majilis.list_quota_binds_seats") is False
    rule = rules_at(date(2023, 3, 19)).leaf("majilis.list_quota_binds_seats")
    assert rule.value is True and not rule.unverified


def test_party_congress_picks_the_list_deputies_in_2023() -> None:
    """CEC chair N. Abdirov, 27 Mar 2023 (vlast.kz): 'by law the parties must within 10 days
    hold congresses and decide who of their party lists become deputies'."""
    assert rules_at(date(2023, 3, 19)).optional_str("majilis.list_seats_assigned_by") == \
        "party-congress"
    assert rules_at(date(1995, 12, 9)).optional_str("majilis.list_seats_assigned_by") is None


def test_public_party_funding_by_era() -> None:
    """Law No. 254-III of 21 May 2007 (adilet Z070000254_, Kazakh text) deletes 'state
    financing of public associations' from the bans of Const. Art. 5(2); Law on Political
    Parties Art. 18-1 (International IDEA) gives annual budget funds to the parties in the
    Majilis, with CEC rules of 3 Sep 2009 (Resolution No. 166/314)."""
    eras = {day: rules_at(day).str_("parties.public_funding")
            for day in (date(1996, 1, 1), date(2008, 1, 1), date(2012, 1, 1))}
    assert eras == {date(1996, 1, 1): "banned", date(2008, 1, 1): "none",
                    date(2012, 1, 1): "annual-grants-to-majilis-parties"}
    assert not rules_at(date(1996, 1, 1)).leaf("parties.public_funding").unverified


CONSTITUTION_2026 = "https://adilet.zan.kz/rus/docs/K2600000000"


def test_2026_constitution_keeps_the_two_thirds_yes_test_and_a_national_turnout() -> None:
    """Constitution of 2026, Art. 92(2)-(3) (adilet K2600000000, text of 01.07.2026): valid if
    more than half of the citizens entitled take part; amendments adopted if more than half of
    those voting voted for them in at least two thirds of the oblasts, cities of republican
    significance and the capital - a yes majority per unit, not a regional turnout."""
    book = rules_at(date(2026, 7, 1))
    assert book.fraction("referendum.constitutional_regional_fraction") == Fraction(2, 3)
    assert book.optional_str("referendum.constitutional_regional_test") == "yes-majority"
    assert book.fraction("referendum.validity_turnout_percent") == Fraction(50)
    for key in ("referendum.constitutional_regional_fraction",
                "referendum.constitutional_regional_test"):
        rule = book.leaf(key)
        assert rule.source.url == CONSTITUTION_2026 and not rule.unverified


def test_maslikhat_ends_early_after_consulting_the_kurultai_chairman() -> None:
    """Constitution of 2026, Art. 88(5): 'by the President after consultations with the Prime
    Minister and the Chairman of the Kurultai', or by self-dissolution (the 1995 text, Art.
    86(5): 'the Chairpersons of the Chambers')."""
    ways = {day: list(rules_at(day).str_list("local_government.maslikhat_early_termination"))
            for day in (date(2026, 6, 30), date(2026, 7, 1))}
    assert ways == {
        date(2026, 6, 30): ["president-after-consulting-pm-and-chamber-chairs", "self-dissolution"],
        date(2026, 7, 1): ["president-after-consulting-pm-and-kurultai-chair", "self-dissolution"]}
    assert not rules_at(date(2026, 7, 1)).leaf(
        "local_government.maslikhat_early_termination").unverified


def test_cec_chair_needs_no_consent_under_the_2026_constitution() -> None:
    """Constitution of 2026, Art. 46(5): the President appoints the CEC's Chairman; Art. 46(8),
    56(9): six members for five years with the consent of a majority of the Kurultai."""
    rule = rules_at(date(2026, 7, 1)).leaf("election_administration.cec_appointment")
    assert rule.value == ("President appoints the chair alone and the 6 other members with "
                          "the consent of the Kurultai")
    assert rule.source.url == CONSTITUTION_2026


def test_maslikhat_term_and_no_confidence_majority_hold_in_the_2026_text() -> None:
    """Constitution of 2026, Art. 88(2): maslikhats are elected for five years; Art. 89(5): a
    majority of the maslikhat's total deputies may express no confidence in the akim (the text
    before 2026, constitution.kz Art. 86(2): five years; the 1995 text: four)."""
    for day in (date(2007, 5, 21), date(2026, 7, 1)):
        book = rules_at(day)
        assert book.int_("local_government.maslikhat_term_years") == 5
        assert book.str_("local_government.akim_no_confidence_majority") == "majority-of-total"
    assert rules_at(date(2007, 5, 20)).int_("local_government.maslikhat_term_years") == 4
    book = rules_at(date(2007, 5, 21))
    assert not book.leaf("local_government.maslikhat_term_years").unverified
    assert not book.leaf("local_government.akim_no_confidence_majority").unverified


def test_2026_referendum_initiators_are_named_in_the_constitution() -> None:
    """Constitution of 2026, Art. 46(10) (the President decides), 56(6) (the Kurultai) and
    71(3) (the Halyk Kenesi) initiate; Art. 92(1) adds the Government for amendments. The
    Parliament of 1995 is gone (Art. 95(1)); citizens keep the Referendum Law's route."""
    rule = rules_at(date(2026, 7, 1)).leaf("referendum.initiators")
    assert list(rule.value) == ["president", "kurultai", "government", "halyk_kenesi",
                                "citizens"]
    assert "parliament" not in rule.value
    assert rule.source.url == CONSTITUTION_2026 and not rule.unverified
    assert "Art. 96(1)" in rule.note


PARTY_LAW_1996 = ("https://github.com/quyse/kz-laws/blob/"
                  "be5d90db243780d2644dea751e57ff1b217f9588/rus/104366.md")


def test_party_law_of_1996_as_read_in_its_official_text() -> None:
    """Law on Political Parties of 2 Jul 1996 (official text, law bank, copied in
    quyse/kz-laws rus/104366.md): Art. 6(1) an initiative group of at least ten; Art. 10(4)
    3,000 citizens from more than half of the oblasts; no term for the congress nor for the
    branches; Art. 8(3) servicemen, national security and law-enforcement staff and judges may
    not be members."""
    book = rules_at(date(1996, 7, 2))
    assert book.optional_int("parties.initiative_group_min") == 10
    assert book.int_("parties.min_members") == 3000
    assert book.optional_int("parties.founding_congress_within_months") is None
    assert book.optional_int("parties.branches_within_months") is None
    assert sorted(book.str_list("parties.barred_from_membership")) == [
        "judges", "law-enforcement", "military", "security-services"]
    for key in ("parties.initiative_group_min", "parties.branches_within_months",
                "parties.barred_from_membership"):
        rule = book.leaf(key)
        assert PARTY_LAW_1996 in (rule.source.url, *rule.source.see_also)
        assert not rule.unverified


def test_law_122_iv_of_february_2009_brought_the_2009_party_rules() -> None:
    """Law on Political Parties, edition of 2015-2020 (law bank text): Art. 6 'as worded by Law
    No. 122-IV of 06.02.2009' - an initiative group of 1,000 and the founding congress within
    two months of the confirmation; Art. 10(6) 40,000 members and 600 per region; Art. 18-1
    added by the same law. The 2005-2009 edition reads 50,000 and 700 and already 1,000 for
    the initiative group, so neither 1,000 nor the two months date from 2020."""
    before, after = rules_at(date(2009, 2, 5)), rules_at(date(2009, 2, 6))
    assert (before.int_("parties.min_members"), after.int_("parties.min_members")) == \
        (50000, 40000)
    assert after.optional_int("parties.min_members_per_region") == 600
    assert before.optional_int("parties.founding_congress_within_months") is None
    assert after.optional_int("parties.founding_congress_within_months") == 2
    assert after.str_("parties.public_funding") == "annual-grants-to-majilis-parties"
    assert before.optional_int("parties.initiative_group_min") == 1000
    assert date(2020, 5, 25) not in _starts("parties.initiative_group_min")
    assert date(2020, 5, 25) not in _starts("parties.founding_congress_within_months")
    for key in ("parties.min_members", "parties.min_members_per_region",
                "parties.founding_congress_within_months", "parties.public_funding"):
        rule = after.leaf(key)
        assert not rule.unverified and "signing day" in rule.note


ELECTION_LAW_1998 = ("https://github.com/quyse/kz-laws/blob/"
                     "16069432af856d017a7aeb2032639555c873de90/rus/4.md")


def test_election_law_of_1995_as_amended_to_1998() -> None:
    """Decree with the force of a constitutional law of 28 Sep 1995 No. 2464 (official text as
    amended on 8 May 1998, law bank): Art. 9(2) maslikhat districts need more than half of
    those voting, with a runoff; Art. 10(3) commissions serve five years; Art. 11(2) the
    Majilis elects the whole CEC on the President's proposal; Arts. 13, 15, 17 the akims form
    the lower commissions (no party nominees); Art. 24(2) the precinct commissions draw up the
    voter lists on the akimats' data."""
    book = rules_at(date(1999, 10, 10))
    assert book.optional_str("local_elections.maslikhat_district_rule") == \
        "absolute-majority-runoff"
    assert book.optional_int("election_administration.term_years") == 5
    assert book.optional_int("election_administration.max_nominees_per_party") is None
    assert book.str_("election_administration.cec_appointment").startswith("Majilis elects")
    assert book.str_("voter_lists.compiled_by") == "precinct-commissions"
    for key in ("local_elections.maslikhat_district_rule", "election_administration.term_years",
                "election_administration.max_nominees_per_party",
                "election_administration.cec_appointment", "voter_lists.compiled_by"):
        rule = book.leaf(key)
        assert ELECTION_LAW_1998 in rule.source.see_also and not rule.unverified
    # the 2004 amendment (Law No. 545, Art. 9(2)) brought plurality to maslikhat districts
    assert rules_at(date(2004, 4, 14)).optional_str(
        "local_elections.maslikhat_district_rule") == "plurality"
    assert rules_at(date(2023, 3, 19)).str_("voter_lists.compiled_by") == "local-executive-bodies"


def test_no_against_all_line_on_the_district_ballot_of_1995() -> None:
    """Election Law of 1995 as amended to 1998, Arts. 37(1), 42(2), 43(6): only the candidates
    are on the ballot, the voter strikes out all names but one, and a ballot with every name
    struck out is valid but counts for no one. The 1999 list ballot had the line (CEC: 373,440
    votes against all)."""
    rule = rules_at(date(1995, 12, 9)).leaf("majilis.against_all_on_ballot")
    assert rule.value is False and not rule.unverified
    assert ELECTION_LAW_1998 in rule.source.see_also
    assert rules_at(date(1999, 10, 10)).bool_("majilis.against_all_on_ballot") is True
    assert rules_at(date(2004, 9, 19)).bool_("majilis.against_all_on_ballot") is False


def test_citizens_signatures_must_be_spread_equally_across_the_regions() -> None:
    """Referendum Law of 2 Nov 1995 No. 2592 (official text, law bank, copied in quyse/kz-laws
    rus/104321.md), Art. 11(1)(4): at least 200,000 citizens 'in equal numbers representing
    all the oblasts, the capital and the cities of republican significance'."""
    rule = rules_at(date(1995, 11, 2)).leaf("referendum.signatures_spread_required")
    assert rule.value is True and not rule.unverified
    assert rules_at(date(1995, 11, 2)).int_("referendum.citizen_signatures") == 200000


def test_senate_consented_to_the_prosecutor_general_and_the_knb_chair_before_2007() -> None:
    """Constitutional Law on Parliament of 16 Oct 1995, Art. 22(1) (1999-2007 edition, no
    amendment footnote): the Senate consents to the Prosecutor General and the National
    Security Committee chairman; the Majilis elects the whole CEC on the President's proposal."""
    book = rules_at(date(2004, 9, 19))
    assert sorted(book.str_list("senate.consents_to")) == ["knb_chair", "prosecutor_general"]
    assert not book.leaf("senate.consents_to").unverified
    assert book.str_("election_administration.cec_appointment").startswith("Majilis elects")
    assert "national_bank_chair" in rules_at(date(2007, 5, 21)).str_list("senate.consents_to")


ELECTION_LAW_2006 = "https://zan.gov.kz/client/#!/doc/4/rus/22.12.2006"


def test_presidential_runoff_within_two_months_and_who_replaces_a_finalist() -> None:
    """Election Law Art. 63: 'the repeat vote is held not later than within a two-month term'
    (text as amended to 8 May 1998, ELECTION_LAW_1998, and the edition of 22.12.2006). Art. 63(1)
    as of 1998: if one candidate remains after withdrawals, the repeat vote is on him; as of 2006
    (Constitutional Law No. 545 of 14 April 2004): the next candidate by votes enters the ballot."""
    assert rules_at(date(1999, 1, 10)).optional_int("president.runoff_within_months") == 2
    assert rules_at(date(2022, 11, 20)).optional_int("president.runoff_within_months") == 2
    key = "president.runoff_finalist_withdraws"
    assert rules_at(date(1999, 1, 10)).str_(key) == "sole-remaining-candidate"
    assert rules_at(date(2005, 12, 4)).str_(key) == "next-placed-candidate"
    assert rules_at(date(2005, 12, 4)).leaf(key).source.url == ELECTION_LAW_2006
    assert ELECTION_LAW_1998 in rules_at(date(1999, 1, 10)).leaf(key).source.see_also
    assert _starts(key) == [date(1995, 8, 30), date(2004, 4, 14)]


def test_equal_airtime_and_observers_as_the_election_law_states_them() -> None:
    """Election Law as amended to 8 May 1998 (ELECTION_LAW_1998): Art. 28(3) gives each candidate
    equally 15 minutes of state TV, 10 of radio and two articles, paid from the budget (Art. 33);
    Art. 40(3) admits one observer from the public associations and foreign and international
    observers. Law No. 545 of 14 April 2004 rewrote Art. 28 (equal access for parties' lists)."""
    for day in (date(1999, 1, 10), date(2023, 3, 19)):
        rules = rules_at(day)
        assert rules.value("election_administration.candidates_equal_state_funded_airtime") is True
        assert rules.value("election_administration.international_observers_allowed") is True
        per_station = "election_administration.observers_per_organisation_at_station"
        assert rules.optional_int(per_station) == 1
    assert _starts("election_administration.candidates_equal_state_funded_airtime") == [
        date(1995, 8, 30), date(2004, 4, 14)]


def test_runoff_turnout_condition_excluded_by_law_285_of_1998() -> None:
    """Election Law Art. 63(3) as amended to 8 May 1998 (ELECTION_LAW_1998): the repeat vote
    counts only if more than fifty percent of the voters take part; the 05.05.1999 edition marks
    the paragraph excluded by Law No. 285 of 6 November 1998, published 10 November 1998."""
    key = "president.runoff_min_turnout_percent"
    assert rules_at(date(1998, 11, 9)).value(key) == Fraction(50)
    assert rules_at(date(1999, 1, 10)).value(key) is None


# Issue 12, law-a pass 3: editions of the Election Law (zan.gov.kz doc 4) read in the public
# mirror kazakhstan-law/codes, one commit per edition; each value cites the edition as url.
EL_1999 = "https://zan.gov.kz/client/#!/doc/4/rus/27.06.1999"
EL_2007 = "https://zan.gov.kz/client/#!/doc/4/rus/19.06.2007"
EL_2017 = "https://zan.gov.kz/client/#!/doc/4/rus/15.06.2017"
EL_2020 = "https://zan.gov.kz/client/#!/doc/4/rus/25.05.2020"
EL_2022 = "https://zan.gov.kz/client/#!/doc/4/rus/07.02.2022"
MIRROR = "https://github.com/kazakhstan-law/codes/blob/"


def _from_edition(day: date, key: str, url: str) -> None:
    rule = rules_at(day).leaf(key)
    assert not rule.unverified and rule.source.url == url, (day, key, rule.source.url)
    assert any(link.startswith(MIRROR) for link in rule.source.see_also), key


def test_list_seats_went_by_list_order_until_2007() -> None:
    """Art. 97-1(4) as introduced by Law No. 375-I (edition of 27.06.1999, unchanged on
    22.12.2006): 'the mandates are distributed in strict accordance with the sequence of the
    candidates on the party list'; from Law No. 268 of 19 June 2007 the party's governing body
    decides within ten days (edition of 19.06.2007)."""
    key = "majilis.list_seats_assigned_by"
    assert rules_at(date(2004, 9, 19)).optional_str(key) == "list-order"
    _from_edition(date(1999, 10, 10), key, EL_1999)
    assert rules_at(date(2007, 8, 18)).optional_str(key) == "party-congress"
    _from_edition(date(2023, 3, 19), key, EL_2007)
    assert _starts(key) == [date(1995, 8, 30), date(1999, 5, 6), date(2007, 6, 19)]


def test_the_1999_barrier_was_a_share_of_all_ballots_cast() -> None:
    """Edition of 27.06.1999: Art. 97-1(1) 'seven and more percent of the votes of the voters
    out of the number who took part'; Art. 43(4) counts those who took part apart from, and
    including, the invalid and against-all ballots. CEC 1999: Otan 1,622,895 of 5,253,864 ballots
    = 30.89%, of which the 7% barrier is 367,770.48 ballots."""
    assert rules_at(date(1999, 10, 10)).optional_str("majilis.threshold_base") == "cast"
    _from_edition(date(1999, 10, 10), "majilis.threshold_base", EL_1999)
    assert round(Fraction(1_622_895 * 100, 5_253_864), 2) == Fraction(3089, 100)


def test_second_party_guarantee_and_its_two_seat_floor_in_the_text() -> None:
    """Art. 97-1 in the wording of Law No. 124-IV (editions of 25.05.2020 and 07.02.2022): the
    runner-up 'receives not less than two mandates'; after Law No. 41-VII of 24.05.2021 the
    barrier is five percent and the guarantee stays."""
    floor = rules_at(date(2012, 1, 15)).leaf("majilis.second_party_min_seats")
    assert floor.value == 2 and not floor.unverified and floor.source.url == EL_2020
    book = rules_at(date(2021, 6, 1))
    assert book.bool_("majilis.second_party_guarantee")
    assert book.optional_fraction("majilis.threshold_percent") == Fraction(5)
    _from_edition(date(2021, 6, 1), "majilis.second_party_guarantee", EL_2022)


def test_maslikhat_barrier_seven_then_five_and_akims_by_plurality() -> None:
    """Art. 111-1(1) added by Law No. 162-VI (edition of 25.05.2020): 'seven and more percent';
    amended by Law No. 41-VII of 24.05.2021 (edition of 07.02.2022): 'five and more percent'.
    Art. 113-10(2) (chapter 13-1, Law No. 41-VII): the akim candidate with more votes than the
    others is elected."""
    key = "local_elections.maslikhat_list_threshold_percent"
    assert rules_at(date(2021, 1, 10)).optional_fraction(key) == Fraction(7)
    _from_edition(date(2021, 1, 10), key, EL_2020)
    assert rules_at(date(2021, 7, 25)).optional_fraction(key) == Fraction(5)
    _from_edition(date(2021, 7, 25), key, EL_2022)
    assert rules_at(date(2021, 7, 25)).optional_str("local_elections.akim_election_rule") == \
        "plurality"
    _from_edition(date(2021, 7, 25), "local_elections.akim_election_rule", EL_2022)


def test_commission_sizes_and_who_forms_them_by_edition() -> None:
    """1995 (text as amended to 1998, Arts. 13(2), 15(2), 17(2)): nine to fifteen members, formed
    by the akims; Law No. 375-I (edition of 27.06.1999, Arts. 13, 15, 17): seven, formed by the
    commissions on the akims' proposals; Law No. 545 (22.12.2006, Art. 10(3)): elected by the
    maslikhats; Law No. 162-VI (25.05.2020, Art. 17(1)): precincts five to eleven; the CEC has
    no fixed size until Law No. 254-III (Const. Art. 44(7), 57(1): 3 + 2 + 2)."""
    sizes = {day: tuple(rules_at(day).optional_int(f"election_administration.{k}") for k in (
        "cec_members", "territorial_members_min", "territorial_members_max",
        "precinct_members_min", "precinct_members_max"))
        for day in (date(1995, 12, 9), date(2004, 9, 19), date(2023, 3, 19))}
    assert sizes == {date(1995, 12, 9): (None, 9, 15, 9, 15),
                     date(2004, 9, 19): (None, 7, 7, 7, 7),
                     date(2023, 3, 19): (7, 7, 7, 5, 11)}
    formed = "election_administration.lower_commissions_elected_by"
    assert [rules_at(day).str_(formed) for day in (
        date(1995, 12, 9), date(1999, 10, 10), date(2004, 9, 19))] == [
        "akims", "election-commissions-on-akims-proposals", "maslikhats"]
    _from_edition(date(1999, 10, 10), formed, EL_1999)
    _from_edition(date(2023, 3, 19), "election_administration.precinct_members_max", EL_2020)


def test_cec_composition_changed_with_the_2007_amendment() -> None:
    """Const. Art. 44(7) and 57(1) as amended by Law No. 254-III of 21 May 2007 (2010-2017
    edition): the President appoints the chair and two members, each chamber two; the Election
    Law's edition of 22.12.2006 still has the Majilis elect the whole commission (Art. 11(2))."""
    key = "election_administration.cec_appointment"
    assert rules_at(date(2007, 5, 20)).str_(key).startswith("Majilis elects")
    rule = rules_at(date(2007, 5, 21)).leaf(key)
    assert rule.value == "President appoints the chair and 2 members; each chamber appoints 2"
    assert not rule.unverified and rule.source.url == "https://adilet.zan.kz/rus/docs/K950001000_"


def test_voter_lists_passed_to_the_akimats_with_law_545() -> None:
    """Edition of 27.06.1999, Art. 18(3): the precinct commission 'draws up the voter list';
    edition of 22.12.2006: it 'refines' it (Art. 18 changed by Law No. 545 only) and Art. 24(5)
    gives the lists to the local executive body."""
    assert rules_at(date(2004, 4, 13)).str_("voter_lists.compiled_by") == "precinct-commissions"
    _from_edition(date(2004, 4, 14), "voter_lists.compiled_by", ELECTION_LAW_2006)


def test_parties_and_ngos_send_observers_from_2004_and_the_cec_sets_airtime_from_2018() -> None:
    """Art. 20-1(4), added by Law No. 545 (edition of 22.12.2006): one observer 'from each
    political party, public association, non-commercial organisation'; before, Art. 40(3): from
    the public associations. Art. 28(3): fixed 15/10 minutes and two articles still in the
    edition of 15.06.2017; 'the order and volumes ... are determined by the Central Election
    Commission' in that of 25.05.2020 (Law No. 162-VI the only change in between)."""
    senders = "election_administration.domestic_observer_senders"
    assert rules_at(date(1999, 10, 10)).str_list(senders) == ("public-associations",)
    assert rules_at(date(2004, 4, 14)).str_list(senders) == (
        "political-parties", "public-associations", "non-commercial-organisations")
    _from_edition(date(2004, 4, 14), senders, ELECTION_LAW_2006)
    airtime = "election_administration.airtime_amount_set_by"
    assert [rules_at(day).str_(airtime) for day in (date(2017, 6, 15), date(2018, 6, 29))] == [
        "law", "cec"]
    _from_edition(date(2019, 6, 9), airtime, EL_2020)
    assert EL_2017 in rules_at(date(2017, 6, 15)).leaf(airtime).source.see_also


def test_runoff_two_months_still_in_the_2020_and_2026_editions() -> None:
    """Art. 63(2), editions of 25.05.2020 and 01.07.2026 (footnote: Laws No. 285, 375, 545
    only): 'not later than within a two-month term'."""
    rule = rules_at(date(2019, 6, 9)).leaf("president.runoff_within_months")
    assert rule.value == 2 and "25.05.2020" in (rule.note or "")
    # and in the edition of 01.07.2026 (after Law No. 305-VIII), footnote unchanged since 2004
    assert "01.07.2026" in (rule.note or "")
    assert rules_at(date(2026, 8, 1)).optional_int("president.runoff_within_months") == 2
    assert MIRROR + "02834514c41ad72be84fdb71eddccbbae003879f/" in " ".join(rule.source.see_also)


def test_senators_three_years_in_their_unit_from_the_1998_edition() -> None:
    """Const. Art. 51(4), 1998-2007 edition (06.10.1998) and 2010-2017 edition: 'permanently
    residing ... not less than three years'; the 1995 wording stays unread (Law No. 284-I)."""
    key = "senate.residency_years_in_unit"
    assert rules_at(date(1999, 9, 17)).int_(key) == 3
    rule = rules_at(date(1999, 9, 17)).leaf(key)
    assert not rule.unverified and rule.source.url == "https://zan.gov.kz/client/#!/doc/1/rus/06.10.1998"
    assert rules_at(date(1996, 1, 1)).leaf(key).unverified


def test_the_1995_validity_clause_read_in_the_official_text() -> None:
    """Election Law Art. 9(1) clause 1 as amended to 8 May 1998 (ELECTION_LAW_1998): elections
    of the President and Parliament are valid 'if more than fifty percent of the voters, or of
    the electors for the Senate, took part'; Arts. 13(2), 15(2), 17(2): commissions of nine to
    fifteen. After 1998 the Senate rule is Const. Art. 51(5) (1998-2007 edition)."""
    for key in ("majilis.district_validity_turnout_percent", "senate.elector_quorum_percent"):
        rule = rules_at(date(1995, 12, 5)).leaf(key)
        assert rule.value == Fraction(50) and ELECTION_LAW_1998 in rule.source.see_also
    after = rules_at(date(1999, 9, 17)).leaf("senate.elector_quorum_percent")
    assert after.source.url == "https://zan.gov.kz/client/#!/doc/1/rus/06.10.1998"


def test_recall_of_district_deputies_by_the_2022_law() -> None:
    """Election Law chapter 13-2 (Law No. 156-VII of 5 Nov 2022), edition of 01.01.2024:
    signatures of more than 10% of the district's voters (Art. 113-14(2)), a vote valid with at
    least a third of them (Art. 113-16(3)), recall by more than half of those voting (113-16(4)).
    Hand-worked: a district of 90,000 voters needs 9,001 signatures and 30,000 voters at the
    polls; with 30,000 voting, 15,001 for recall removes the deputy."""
    book = rules_at(date(2024, 1, 1))
    percent = book.fraction("recall.signatures_percent")
    turnout = book.fraction("recall.min_turnout_fraction")
    majority = book.fraction("recall.recall_majority_percent")
    assert (percent, turnout, majority) == (Fraction(10), Fraction(1, 3), Fraction(50))
    assert floor(90_000 * percent / 100) + 1 == 9_001
    assert 90_000 * turnout == 30_000
    assert floor(30_000 * majority / 100) + 1 == 15_001
    assert rules_at(date(2022, 11, 4)).optional_fraction("recall.signatures_percent") is None
    _from_edition(date(2024, 1, 1), "recall.min_turnout_fraction",
                  "https://zan.gov.kz/client/#!/doc/4/rus/01.01.2024")


ELECTION_LAW_2026 = ("https://github.com/kazakhstan-law/codes/blob/33b96181783a214d1572849fed7ae41527de34ac/"
                     "01-const-laws/1995/0928-o-vyborakh-v-respublike-kazakhstan-4/rus/")
KURULTAI_LIST_KEYS = ("threshold_base", "threshold_at_exact", "list_method", "list_tie_break",
                      "second_party_guarantee", "second_party_correction_index",
                      "second_party_min_seats", "against_all_on_ballot")


def test_kurultai_list_rules_are_read_in_the_election_law_of_1_july_2026() -> None:
    """Election Law as in force from 1 July 2026 (zan.gov.kz edition 01.07.2026, caused by
    Constitutional Law No. 305-VIII of 11 June 2026; mirror kazakhstan-law/codes at 33b9618):
    chapter 12 'Elections of deputies of the Kurultai', Art. 97-1 and Art. 43."""
    book = rules_at(date(2026, 8, 23))
    expected = {"threshold_base": "lists-and-against-all", "threshold_at_exact": "pass",
                "list_method": "hare-largest-remainder", "list_tie_break": "earlier-registration",
                "second_party_guarantee": True, "second_party_correction_index": Fraction(7, 10),
                "second_party_min_seats": 2, "against_all_on_ballot": True}
    for key in KURULTAI_LIST_KEYS:
        rule = book.leaf(f"kurultai.{key}")
        assert rule.value == expected[key], key
        assert not rule.unverified, key
        assert rule.source.act_id == "el-amend-2026", key
        assert any(u.startswith(ELECTION_LAW_2026) for u in rule.source.see_also), key


def test_kurultai_seats_by_hand_under_article_97_1() -> None:
    """Art. 97-1(1), (3), (4), hand-worked for 145 seats: 1,000 votes for lists and against all
    (invalid ballots left out, Art. 43(5)); D has exactly 5% and is admitted ('five and more');
    quota 1000/145: A 72.5, B 43.5, C 21.75, D 7.25 -> 143 seats; C's .75 takes one, A and B tie
    on .5 and the list registered earlier (A) takes the last."""
    outcome = allocate_list_seats_on(date(2026, 8, 23), {"A": 500, "B": 300, "C": 150, "D": 50},
                                     invalid=40, chamber="kurultai",
                                     registration_order=["A", "B", "C", "D"])
    assert isinstance(outcome, ListCompleted)
    assert outcome.allocation.threshold_base_votes == 1000
    assert {p.party: p.seats for p in outcome.allocation.parties} == {
        "A": 73, "B": 43, "C": 22, "D": 7}


def test_kurultai_runner_up_takes_seats_when_one_list_passes() -> None:
    """Art. 97-1(2)-(4): only A passes (900 of 1,000); B, the next, is admitted: quota
    (900+40)/145 = 188/29; A 900*29/188 = 138.8 -> 138; B 40*29/188*0.7 = 4.3 -> 4 (at least two);
    the three seats left go to the list that passed the threshold: A 141, B 4, C 0."""
    outcome = allocate_list_seats_on(date(2026, 8, 23), {"A": 900, "B": 40, "C": 30},
                                     against_all=30, chamber="kurultai")
    assert isinstance(outcome, ListCompleted)
    assert outcome.allocation.quota == Fraction(188, 29)
    assert {p.party: p.seats for p in outcome.allocation.parties} == {"A": 141, "B": 4, "C": 0}
