"""The procedure and institution rules pinned to the acts that set them.

Each expectation is written from the text of the act (the Constitution of 1995 and its
amending laws of 1998, 2007, 2017 and 2022, the Constitution of 2026, the laws named), not
copied from the parameter files; the article is named in each test.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from kazpolity.errors import InputError
from kazpolity.law import laws, rules_at

MAJORITIES = {
    "majority-of-total",
    "majority-of-voting",
    "two-thirds-of-total",
    "three-quarters-of-total",
    "four-fifths-of-total",
}

PROCEDURE_BODIES = (
    "government", "legislation", "dissolution", "succession", "vice_president",
    "constitutional_council", "constitutional_court", "courts", "local_government",
    "assembly_of_people", "halyk_kenesi", "parties",
)


def test_every_procedure_body_loads() -> None:
    names = set(laws().bodies)
    assert set(PROCEDURE_BODIES) <= names


def test_majority_keys_use_the_shared_vocabulary() -> None:
    for name in PROCEDURE_BODIES:
        for parameter in laws().bodies[name].parameters.values():
            if not (parameter.key.endswith("majority") or "majority" in parameter.key):
                continue
            if parameter.kind != "str":
                continue
            for rule in parameter.timeline:
                assert rule.value is None or rule.value in MAJORITIES, rule.key


@pytest.mark.parametrize(
    ("on", "by", "majority", "unverified"),
    [
        # Before 2007: 2/3 of each chamber (IPU Parline oversight module, rules of 1990-2000)
        (date(2005, 1, 1), "parliament-each-chamber", "two-thirds-of-total", False),
        # Law No. 254-III (2007), Art. 56(2): a majority of the Majilis' total deputies
        (date(2010, 1, 1), "majilis", "majority-of-total", False),
        (date(2007, 5, 21), "majilis", "majority-of-total", False),
        (date(2007, 5, 20), "parliament-each-chamber", "two-thirds-of-total", False),
        # Constitution of 2026 (draft Art. 69): the Kurultai
        (date(2026, 8, 1), "kurultai", "majority-of-total", False),
    ],
)
def test_no_confidence(on: date, by: str, majority: str, unverified: bool) -> None:
    rb = rules_at(on)
    assert rb.str_("government.no_confidence_by") == by
    rule = rb.leaf("government.no_confidence_majority")
    assert rule.value == majority
    assert rule.unverified is unverified
    if unverified:
        assert rule.note and "UNVERIFIED" in rule.note


def test_no_confidence_initiative_is_a_fifth_after_2007() -> None:
    assert rules_at(date(2010, 1, 1)).optional_fraction(
        "government.no_confidence_initiative_fraction") == Fraction(1, 5)


@pytest.mark.parametrize(
    ("on", "consent_by"),
    [(date(2000, 1, 1), "parliament-each-chamber"),   # Const. 1995 Art. 44(3), 53
     (date(2019, 6, 1), "majilis"),                     # 2007 text, Art. 44(3), 56(1)2
     (date(2026, 8, 1), "kurultai")],                   # Kurultai powers (2026)
)
def test_pm_consent(on: date, consent_by: str) -> None:
    rb = rules_at(on)
    assert rb.str_("government.pm_consent_by") == consent_by
    assert rb.str_("government.pm_consent_majority") == "majority-of-total"


def test_priority_bills_only_from_2017_03_10() -> None:
    # Art. 61(2) before and after Law No. 51-VI of 10 March 2017: urgent bills and decrees
    # having the force of law until 2017-03-10;
    # priority bills within two months from that day.
    before = rules_at(date(2017, 3, 9))
    after = rules_at(date(2017, 3, 10))
    assert before.optional_int("legislation.priority_bill_deadline_months") is None
    assert before.bool_("legislation.urgent_bill_decree") is True
    assert before.optional_int("legislation.urgent_bill_deadline_months") == 1
    assert after.optional_int("legislation.priority_bill_deadline_months") == 2
    assert after.bool_("legislation.urgent_bill_decree") is False
    assert after.optional_int("legislation.urgent_bill_deadline_months") is None
    # Art. 53(3), repealed by the same law: delegated powers go with them
    assert before.optional_int("legislation.delegation_max_years") == 1
    assert after.optional_int("legislation.delegation_max_years") is None


def test_kurultai_rejection_is_a_majority_of_total_in_2026() -> None:
    # Constitution of 2026 (Kurultai): "It may reject a bill by a majority of its total
    # deputies"
    rb = rules_at(date(2026, 8, 1))
    assert rb.optional_str("legislation.kurultai_rejection_majority") == "majority-of-total"
    assert rb.str_("legislation.ordinary_model") == "kurultai-three-readings"
    assert rules_at(date(2026, 6, 30)).optional_str(
        "legislation.kurultai_rejection_majority") is None


@pytest.mark.parametrize(
    ("on", "model"),
    [(date(2011, 6, 1), "majilis-approves-senate-adopts"),   # Const. 1995 Art. 61
     (date(2023, 6, 1), "majilis-adopts-senate-approves"),   # 2022 text, Art. 56, 61
     (date(2026, 7, 1), "kurultai-three-readings")],         # Constitution of 2026
)
def test_ordinary_law_model(on: date, model: str) -> None:
    assert rules_at(on).str_("legislation.ordinary_model") == model


def test_veto_override_is_two_thirds_in_every_era() -> None:
    # Art. 53(3) of the 1998-2007 edition (joint sitting), Art. 54(2)2 in the 2007 text and in
    # its 2023 wording (zan.gov.kz edition of 17.09.2022), C2026 Art. 56(2): all confirmed
    for on in (date(2000, 1, 1), date(2011, 6, 1), date(2024, 1, 1), date(2026, 8, 1)):
        rule = rules_at(on).leaf("legislation.veto_override_majority")
        assert rule.value == "two-thirds-of-total"
        assert not rule.unverified, on


def test_constitutional_laws_and_amendments() -> None:
    # Art. 62(4) (constitutional laws), Art. 53(1), 62(3) (amendments); 2026: Art. 92
    old = rules_at(date(2011, 6, 1))
    assert old.str_("legislation.constitutional_law_majority") == "two-thirds-of-total"
    assert old.str_("legislation.constitutional_law_sitting") == "separate"
    assert old.optional_str("legislation.amendment_majority") == "three-quarters-of-total"
    assert rules_at(date(2023, 6, 1)).str_("legislation.constitutional_law_sitting") == "joint"
    assert rules_at(date(2023, 6, 1)).str_("legislation.constitutional_law_majority") == \
        "two-thirds-of-total"
    assert rules_at(date(2026, 8, 1)).optional_str("legislation.amendment_majority") is None


def test_dissolution_eras() -> None:
    # Art. 63(1) grounds and Art. 70(6) (1998-2007 edition), 2007 consultations, Art. 63(2)
    early = rules_at(date(2000, 1, 1))
    assert early.bool_("dissolution.grounds_required")
    assert "political-crisis" in early.str_list("dissolution.grounds")
    assert not early.leaf("dissolution.grounds").unverified
    mid = rules_at(date(2011, 11, 16))
    assert not mid.bool_("dissolution.grounds_required")
    assert mid.str_list("dissolution.consultations") == (
        "senate-chair", "majilis-chair", "prime-minister")
    assert mid.int_("dissolution.barred_last_months_of_presidency") == 6
    # Art. 63(2) (constitutionrk.kz, text in force before 2026): the three limits
    assert not mid.leaf("dissolution.min_years_between").unverified
    assert mid.int_("dissolution.min_years_between") == 1
    late = rules_at(date(2026, 8, 1))
    assert not late.leaf("dissolution.min_years_between").unverified
    assert late.int_("dissolution.early_election_within_months") == 2


def test_succession_order() -> None:
    # Const. 1995 Art. 48(1) (used on 2019-03-20); Constitution of 2026, Section III
    rb = rules_at(date(2019, 3, 20))
    assert rb.str_list("succession.order") == ("senate-chair", "majilis-chair", "prime-minister")
    assert rb.str_("succession.successor_serves") == "rest-of-term"
    c2026 = rules_at(date(2026, 8, 1))
    assert c2026.str_list("succession.order")[0] == "vice-president"
    assert c2026.optional_int("succession.early_election_within_months") == 2


def test_vice_president_exists_only_from_2026() -> None:
    assert not rules_at(date(2026, 6, 30)).exists("vice_president")
    assert rules_at(date(2026, 7, 1)).exists("vice_president")
    with pytest.raises(InputError):
        rules_at(date(2020, 1, 1)).leaf("vice_president.consent_by")


@pytest.mark.parametrize(
    ("on", "council", "court"),
    [(date(1995, 12, 28), False, False),
     (date(1995, 12, 29), True, False),
     (date(2022, 12, 31), True, False),
     (date(2023, 1, 1), False, True)],
)
def test_constitutional_review_bodies(on: date, council: bool, court: bool) -> None:
    rb = rules_at(on)
    assert rb.exists("constitutional_council") is council
    assert rb.exists("constitutional_court") is court


def test_constitutional_court_composition() -> None:
    # Const. Art. 71(1) (2022 text), Constitutional Law No. 153-VII: 11 = chair + deputy +
    # 4 President + 3 Senate + 3 Majilis (chair and deputy are appointed by the President)
    rb = rules_at(date(2024, 1, 1))
    total = rb.int_("constitutional_court.judges")
    assert total == 11
    assert (rb.optional_int("constitutional_court.judges_by_president")
            + rb.int_("constitutional_court.judges_by_senate")
            + rb.int_("constitutional_court.judges_by_majilis") + 1) == 11
    assert rb.int_("constitutional_court.term_years") == 8


def test_council_composition() -> None:
    # Const. 1995 Art. 71(1): 7 = 3 President (incl. chair) + 2 Senate + 2 Majilis
    rb = rules_at(date(2010, 1, 1))
    assert rb.int_("constitutional_council.members") == (
        rb.int_("constitutional_council.appointed_by_president")
        + rb.int_("constitutional_council.appointed_by_senate")
        + rb.int_("constitutional_council.appointed_by_majilis"))


@pytest.mark.parametrize(
    ("on", "members", "per_region"),
    [(date(1999, 1, 1), 3000, None),
     (date(2005, 1, 1), 50000, 700),
     (date(2015, 1, 1), 40000, 600),
     (date(2021, 1, 1), 20000, 600),
     (date(2024, 1, 1), 5000, 200)],
)
def test_party_registration_thresholds(on: date, members: int, per_region: int | None) -> None:
    # Law No. 344-II "On Political Parties", Art. 10(5), and its amendments
    rb = rules_at(on)
    assert rb.int_("parties.min_members") == members
    assert rb.optional_int("parties.min_members_per_region") == per_region


def test_apk_and_halyk_kenesi() -> None:
    # Const. Art. 51(1) (2007 and 2022 texts); Constitution of 2026 (Halyk Kenesi)
    assert rules_at(date(2010, 1, 1)).int_("assembly_of_people.majilis_deputies_elected") == 9
    assert rules_at(date(2024, 1, 1)).int_("assembly_of_people.senators_recommended") == 5
    assert not rules_at(date(2026, 7, 1)).exists("assembly_of_people")
    assert rules_at(date(2026, 7, 1)).int_("halyk_kenesi.members") == 126


def test_akims() -> None:
    # Const. Art. 87(4); the rules of 8 June 2022 for maslikhats' consent to akims
    assert rules_at(date(2000, 1, 1)).str_(
        "local_government.regional_akim_appointment") == "president-on-pm-proposal"
    assert rules_at(date(2022, 6, 8)).optional_int(
        "local_government.regional_akim_min_candidates") == 2
    assert rules_at(date(2021, 7, 25)).str_(
        "local_government.rural_akim_selection") == "direct-election"
    assert rules_at(date(2015, 1, 1)).str_(
        "local_government.rural_akim_selection") == "elected-by-district-maslikhat"


def test_supreme_court_elected_by_senate_then_kurultai() -> None:
    # Const. 1995 Art. 55(1), 82(1); Constitution of 2026 (Kurultai powers)
    assert rules_at(date(2010, 1, 1)).str_("courts.supreme_court_elected_by") == "senate"
    assert rules_at(date(2026, 8, 1)).str_("courts.supreme_court_elected_by") == "kurultai"


def test_minister_dismissal() -> None:
    # Art. 57(6): 2/3 request (1998 text), the President bound only from 2017 (Law No. 51-VI)
    assert not rules_at(date(2010, 1, 1)).bool_("government.minister_dismissal_president_bound")
    assert rules_at(date(2018, 1, 1)).bool_("government.minister_dismissal_president_bound")
    assert rules_at(date(2018, 1, 1)).optional_str(
        "government.minister_dismissal_majority") == "two-thirds-of-total"


def test_unverified_rules_carry_notes() -> None:
    for name in PROCEDURE_BODIES:
        for parameter in laws().bodies[name].parameters.values():
            for rule in parameter.timeline:
                if rule.unverified:
                    assert rule.note, rule.key
