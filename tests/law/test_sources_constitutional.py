"""Constitutional rules of issue 12 (law-a), each pinned to the primary text that settled it.

The expected values come from the texts named in each docstring, not from the YAML. C2026 is
the Constitution adopted at the referendum of 15 March 2026 (adilet K2600000000; the text
published on 12 February 2026 and put to the vote, read in the pkzsk.info copy whose wording
matches the articles quoted by RIA, Rambler and Vestikavkaza).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from kazpolity.law import rules_at

C2026_DAY = date(2026, 7, 1)
K2600000000 = "https://adilet.zan.kz/rus/docs/K2600000000"


def test_c2026_values_cite_the_adopted_text() -> None:
    """Every value corrected from the C2026 text cites it with its article."""
    book = rules_at(C2026_DAY)
    for key in ("succession.treason_initiative_fraction", "dissolution.consultations",
                "government.no_confidence_initiative_fraction",
                "legislation.kurultai_adoption_majority", "president.regular_election_day"):
        rule = book.leaf(key)
        assert rule.source.url == K2600000000 and not rule.unverified, key
        assert rule.source.article.startswith("Art. "), key


def test_treason_procedure_under_c2026() -> None:
    """C2026 Art. 50(3): initiative of a third of all Kurultai deputies, accusation by a
    majority of all deputies, removal by three quarters, rejected after two months; a rejected
    accusation ends the initiators' mandates."""
    book = rules_at(C2026_DAY)
    assert book.optional_fraction("succession.treason_initiative_fraction") == Fraction(1, 3)
    assert book.optional_str("succession.treason_accusation_majority") == "majority-of-total"
    assert book.str_("succession.removal_majority") == "three-quarters-of-total"
    assert book.optional_int("succession.removal_deadline_months") == 2
    assert book.value("succession.failed_accusation_ends_initiators_mandates") is True


def test_successor_lays_down_his_former_office_under_c2026() -> None:
    """C2026 Art. 51(1) part 3: the person who assumes the President's powers 'lays down the
    powers of the Vice President, the Chair of the Kurultai, the Prime Minister'."""
    book = rules_at(C2026_DAY)
    assert book.bool_("succession.successor_leaves_former_post") is True
    assert book.str_list("succession.order") == ("vice-president", "kurultai-chair",
                                                 "prime-minister")


def test_kurultai_dissolution_needs_consultations() -> None:
    """C2026 Art. 62(1): the President may dissolve the Kurultai 'after consultations with the
    Chair of the Kurultai and the Prime Minister'; Art. 54(2): new election within two
    months."""
    book = rules_at(C2026_DAY)
    assert book.str_list("dissolution.consultations") == ("kurultai-chair", "prime-minister")
    assert book.int_("dissolution.early_election_within_months") == 2


def test_no_confidence_and_ministers_under_c2026() -> None:
    """C2026 Art. 56(13): no confidence on the initiative of a fifth, by a majority of all
    deputies; Art. 69(4),(6): the President accepts or rejects the resignation within ten
    days; Art. 46(4): ministers on the PM's proposal made after consultations with the
    Kurultai, the foreign, defence and interior ministers by the President alone."""
    book = rules_at(C2026_DAY)
    assert book.optional_fraction("government.no_confidence_initiative_fraction") == \
        Fraction(1, 5)
    assert book.str_("government.no_confidence_majority") == "majority-of-total"
    assert book.bool_("government.no_confidence_president_may_decline") is True
    assert book.optional_int("government.no_confidence_president_decides_days") == 10
    assert book.bool_("government.ministers_after_majilis_consultation") is True
    assert set(book.str_list("government.ministers_appointed_by_president_alone")) == {
        "foreign-affairs", "defence", "interior"}


def test_presidential_election_day_under_c2026() -> None:
    """C2026 Art. 43(3): regular elections 'not later than two months before the end of' the
    term, not coinciding with a Kurultai election (no fixed Sunday any more)."""
    day = rules_at(C2026_DAY).optional_str("president.regular_election_day")
    assert day is not None and "two months" in day and "Kurultai" in day


def test_kurultai_majorities_under_c2026() -> None:
    """C2026 Art. 61(3),(4), 56(2), 46(3): laws by a majority of all deputies, constitutional
    laws by two thirds; objections overridden by two thirds within a month; signature within
    a month."""
    book = rules_at(C2026_DAY)
    assert book.str_("legislation.kurultai_adoption_majority") == "majority-of-total"
    assert book.str_("legislation.constitutional_law_majority") == "two-thirds-of-total"
    assert book.str_("legislation.veto_override_majority") == "two-thirds-of-total"
    assert book.int_("legislation.veto_override_deadline_months") == 1
    assert book.str_("legislation.signature_deadline") == "1 month"
    assert book.str_("legislation.override_signature_deadline") == "1 month"


def test_presidential_election_day_before_2026() -> None:
    """Const. Art. 41(3) in the 1998-2007 edition (prokuror.gov.kz), the 2007 edition with
    amendment notes (surak.baribar.kz) and the rev. 2017 text: 'on the first Sunday of December'
    and not coinciding with the election of a new Parliament (hence the Council's ruling of
    19 Aug 2005 that the 2005 election fell in December)."""
    for day in (date(1999, 1, 1), date(2005, 8, 19), date(2020, 1, 1)):
        rule = rules_at(day).leaf("president.regular_election_day")
        assert rule.value is not None and rule.value.startswith("first Sunday of December")
        assert not rule.unverified


def test_higher_education_came_with_the_2017_amendment() -> None:
    """Art. 41(2): absent in the 1998-2007 edition and in the wording of Law No. 254-III (2007),
    present in the rev. 2017 text; the 2011 amendment touched only Art. 41(3-1)."""
    assert rules_at(date(2016, 1, 1)).bool_("president.higher_education_required") is False
    rule = rules_at(date(2017, 6, 1)).leaf("president.higher_education_required")
    assert rule.value is True and not rule.unverified


def test_government_resigns_before_the_new_majilis_from_2017() -> None:
    """Decree of 29 Mar 2023 quoting Const. Art. 70(1) ('before the newly elected Majilis');
    Interfax, Jan 2021: the rule came with the constitutional amendments of 2017; in 2015 the
    Government resigned before the newly elected President."""
    assert rules_at(date(2015, 4, 30)).str_("government.resigns_before") == "new-president"
    rule = rules_at(date(2023, 3, 29)).leaf("government.resigns_before")
    assert rule.value == "new-majilis" and not rule.unverified


def test_removal_for_incapacity_before_2023() -> None:
    """Art. 47(1) as quoted by the zakon.kz commentary: a joint sitting, three quarters of the
    total deputies of each chamber, on the conclusion of the Constitutional Council."""
    book = rules_at(date(2010, 6, 1))
    assert book.str_("succession.removal_majority") == "three-quarters-of-total"
    assert book.optional_str("succession.removal_procedure_conclusion_by") == \
        "constitutional-council"
    assert not book.leaf("succession.removal_procedure_conclusion_by").unverified


def test_council_members_named_by_the_chamber_chairs_in_1995() -> None:
    """Decree No. 2737 of 29 Dec 1995 (constcouncil.kz), Art. 3(2): two members each by the
    Chairmen of the Senate and of the Majilis; the text in force before 2022 (Art. 71(3)) and
    the Constitutional Law as edited in 2017 (Art. 3(2)): by the chambers on their chairs'
    proposal."""
    early = rules_at(date(1996, 6, 1)).leaf("constitutional_council.chamber_appointments_made_by")
    late = rules_at(date(2018, 1, 1)).leaf("constitutional_council.chamber_appointments_made_by")
    assert (early.value, late.value) == ("chamber-chair", "chamber-on-chair-proposal")
    assert "constcouncil.kz" in early.source.url and not late.unverified


def test_signing_day_stands_where_no_publication_day_is_stored() -> None:
    """docs/parameter-files.md rule 3: the 2010 'Leader of the Nation' law (No. 289-IV of
    14 Jun 2010, adilet Z000000083_) and the 2022 Security Council amendment are keyed by their
    signing day, and their notes say so."""
    for key, day in (("first_president.leader_of_the_nation_title", date(2010, 6, 14)),
                     ("security_council.chair", date(2022, 2, 7))):
        rule = rules_at(day).leaf(key)
        assert rule.valid_from == day and "signing day is used" in (rule.note or "")
    assert rules_at(date(2010, 6, 14)).bool_("first_president.leader_of_the_nation_title")
    assert rules_at(date(2022, 2, 7)).str_("security_council.chair") == "president"


def test_removal_conclusion_body_by_era() -> None:
    """Art. 72(1) item 5 (ksrk.gov.kz): the Council concludes in the cases of Art. 47(1)-(2);
    it existed from Decree No. 2737 of 29 Dec 1995; from 2023 the Constitutional Court does
    (constitutionrk.kz, text in force from 2023; C2026 Art. 73(1) item 7)."""
    eras = [(date(1995, 10, 1), None), (date(2000, 1, 1), "constitutional-council"),
            (date(2024, 1, 1), "constitutional-court"), (date(2026, 7, 1), "constitutional-court")]
    for day, body in eras:
        rule = rules_at(day).leaf("succession.removal_procedure_conclusion_by")
        assert rule.value == body and not rule.unverified, day


def test_supreme_court_has_65_judges_from_2016() -> None:
    """Presidential Decree U970003315, item 1 in its edition of 10 Jun 2023 (zakon.uchet.kz
    history): 65 judges including the Chair and the collegia chairs; item 1 last amended by
    Decree No. 112 of 16 Nov 2015, in force 1 Jan 2016."""
    rule = rules_at(date(2019, 1, 1)).leaf("courts.supreme_court_judges")
    assert rule.value == 65 and not rule.unverified
    assert rule.valid_from == date(2016, 1, 1)
    assert rules_at(date(2015, 12, 31)).leaf("courts.supreme_court_judges").unverified


def test_security_council_under_c2026() -> None:
    """C2026 Art. 46(21): the President forms the Security Council; the chair stays with the
    President under Law No. 178-VI as amended by Law No. 106-VII (2022)."""
    book = rules_at(C2026_DAY)
    rule = book.leaf("security_council.formed_by")
    assert rule.value == "president" and rule.source.article == "Art. 46(21)"
    assert book.str_("security_council.chair") == "president"


# The 1998-2007 edition (zan.gov.kz version of 06.10.1998) and the edition of 17.09.2022, whose
# notes give the 2023 wording, read in their kazakhstan-law/codes mirror (commits 09c7c80 and
# a1ebbfa). The 1998-2007 edition's footnotes name each article Law No. 284-I changed; an
# article without such a footnote keeps its 1995 wording.
ED_1998 = "https://zan.gov.kz/client/#!/doc/1/rus/06.10.1998"
ED_2022 = "https://zan.gov.kz/client/#!/doc/1/rus/17.09.2022"
TREASON_KEYS = ("succession.treason_accusation_majority", "succession.treason_initiative_fraction",
                "succession.treason_senate_investigation_majority",
                "succession.removal_deadline_months",
                "succession.failed_accusation_ends_initiators_mandates")


def _confirmed_from(day: date, key: str, url: str) -> None:
    rule = rules_at(day).leaf(key)
    assert not rule.unverified and rule.source.url == url, (day, key)


def test_treason_procedure_1995_to_2026() -> None:
    """Art. 47(2), unchanged by Law No. 284-I, Law No. 254-III (which touched only 47(3)) and
    the 2023 wording (the Constitutional Court replaces the Council): accusation by a majority
    of all Majilis deputies on a third's initiative, Senate investigation by a majority of all
    senators, rejected after two months, the initiators' mandates ended."""
    for day in (date(1996, 1, 1), date(2010, 1, 1), date(2024, 1, 1)):
        book = rules_at(day)
        assert book.optional_str("succession.treason_accusation_majority") == "majority-of-total"
        assert book.optional_fraction("succession.treason_initiative_fraction") == Fraction(1, 3)
        assert book.optional_str("succession.treason_senate_investigation_majority") == \
            "majority-of-total"
        assert book.optional_int("succession.removal_deadline_months") == 2
        assert book.value("succession.failed_accusation_ends_initiators_mandates") is True
        for key in TREASON_KEYS:
            _confirmed_from(day, key, ED_1998)


def test_objections_overridden_at_a_joint_sitting_before_2007() -> None:
    """Art. 53(3) of the 1998-2007 edition: Parliament 'at a joint sitting of the Chambers'
    re-votes within a month; two thirds of all deputies of each Chamber confirm the law.
    Corrected from separate sittings, which came with Art. 54(2) of Law No. 254-III."""
    book = rules_at(date(2000, 1, 1))
    assert book.str_("legislation.veto_override_sitting") == "joint"
    assert book.str_("legislation.veto_override_majority") == "two-thirds-of-total"
    assert book.int_("legislation.veto_override_deadline_months") == 1
    _confirmed_from(date(2000, 1, 1), "legislation.veto_override_sitting", ED_1998)
    assert rules_at(date(2011, 6, 1)).str_("legislation.veto_override_sitting") == "separate"


def test_urgent_bills_delegation_and_budget_impact_in_1995() -> None:
    """Art. 61(2): urgent bills within a month, else a decree having the force of law;
    Art. 53(4): delegation for up to a year by two thirds of each Chamber; Art. 61(6): a
    positive conclusion of the Government for bills cutting revenue or raising spending."""
    book = rules_at(date(1996, 6, 1))
    assert book.optional_int("legislation.urgent_bill_deadline_months") == 1
    assert book.bool_("legislation.urgent_bill_decree") is True
    assert book.optional_int("legislation.delegation_max_years") == 1
    assert book.optional_str("legislation.delegation_majority") == "two-thirds-of-total"
    assert book.str_("legislation.budget_impact_conclusion") == "positive-conclusion"
    for key in ("legislation.urgent_bill_deadline_months", "legislation.urgent_bill_decree",
                "legislation.delegation_max_years", "legislation.delegation_majority",
                "legislation.budget_impact_conclusion"):
        _confirmed_from(date(1996, 6, 1), key, ED_1998)
    _confirmed_from(date(2019, 1, 1), "legislation.budget_impact_conclusion", ED_2022)


def test_president_party_membership_by_era() -> None:
    """Art. 43(2) of 1995 ('suspends his activity in a political party'), excluded by Law
    No. 254-III of 21.05.2007; Art. 43(3) of 8 June 2022 bars membership again. Corrected from
    'allowed' for 1995-2007."""
    assert rules_at(date(1999, 1, 1)).bool_("president.party_membership_allowed") is False
    _confirmed_from(date(1999, 1, 1), "president.party_membership_allowed", ED_1998)
    assert rules_at(date(2010, 1, 1)).bool_("president.party_membership_allowed") is True
    _confirmed_from(date(2010, 1, 1), "president.party_membership_allowed", ED_2022)
    assert rules_at(date(2023, 1, 1)).bool_("president.party_membership_allowed") is False


def test_two_consecutive_terms_in_1998_2007() -> None:
    """Art. 42(5) in the 1998-2007 edition: 'not more than twice in a row' (Law No. 284-I
    changed Art. 42 but kept this paragraph). Corrected from no limit."""
    assert rules_at(date(2000, 1, 1)).optional_int("president.max_consecutive_terms") == 2
    _confirmed_from(date(2000, 1, 1), "president.max_consecutive_terms", ED_1998)


def test_no_confidence_and_programme_before_2007() -> None:
    """Art. 70(4): the President decides on the resignation within ten days (corrected from no
    deadline); Art. 53(6): a second rejection of the Programme by two thirds is a vote of no
    confidence (corrected from false for 1995-1998); Law No. 254-III dropped the Programme vote
    (restated Art. 53, excluded Art. 67(2))."""
    assert rules_at(date(1996, 1, 1)).optional_int(
        "government.no_confidence_president_decides_days") == 10
    _confirmed_from(date(1996, 1, 1), "government.no_confidence_president_decides_days", ED_1998)
    assert rules_at(date(1996, 1, 1)).value(
        "government.programme_rejected_twice_is_no_confidence") is True
    _confirmed_from(date(1996, 1, 1), "government.programme_rejected_twice_is_no_confidence",
                    ED_1998)
    assert rules_at(date(2010, 1, 1)).value(
        "government.programme_rejected_twice_is_no_confidence") is False


def test_dissolution_grounds_before_2007() -> None:
    """Art. 63(1): no confidence, the Prime Minister refused twice, a political crisis;
    Art. 70(6): dissolution after a rejected resignation offered upon no confidence."""
    grounds = rules_at(date(2000, 1, 1)).str_list("dissolution.grounds")
    assert set(grounds) == {"no-confidence", "pm-consent-refused-twice", "political-crisis",
                            "government-resignation-declined"}
    _confirmed_from(date(2000, 1, 1), "dissolution.grounds", ED_1998)


def test_government_rules_from_2017() -> None:
    """Art. 44(3) as amended by Law No. 51-VI: ministers on the Prime Minister's proposal made
    after consultations with the Majilis, foreign affairs, defence and interior by the President
    alone; Art. 57(6): a third of a Chamber initiates hearing a minister (corrected from none);
    Art. 70(4),(6): the President may reject the resignation after no confidence (corrected
    from false)."""
    day = date(2019, 1, 1)
    book = rules_at(day)
    assert book.bool_("government.ministers_after_majilis_consultation") is True
    assert set(book.str_list("government.ministers_appointed_by_president_alone")) == {
        "foreign-affairs", "defence", "interior"}
    assert book.optional_fraction("government.minister_dismissal_initiative_fraction") == \
        Fraction(1, 3)
    assert book.bool_("government.no_confidence_president_may_decline") is True
    for key in ("government.ministers_after_majilis_consultation",
                "government.ministers_appointed_by_president_alone",
                "government.minister_dismissal_initiative_fraction",
                "government.no_confidence_president_may_decline"):
        _confirmed_from(day, key, ED_2022)


def test_council_objection_override_until_2017() -> None:
    """Art. 73(4): the President's objections to a Council decision are overcome by two thirds
    of all its members; excluded by Law No. 51-VI."""
    assert rules_at(date(2000, 1, 1)).optional_str(
        "constitutional_council.presidential_objection_override") == "two-thirds-of-total"
    _confirmed_from(date(2000, 1, 1), "constitutional_council.presidential_objection_override",
                    ED_1998)
    assert rules_at(date(2018, 1, 1)).optional_str(
        "constitutional_council.presidential_objection_override") is None
    _confirmed_from(date(2018, 1, 1), "constitutional_council.presidential_objection_override",
                    ED_2022)


def test_immediate_joint_consideration_from_2023() -> None:
    """Art. 61(2) part 2 was added by the Law of 8 June 2022 with effect from 1 January 2023,
    not in 2017 (the 2022 edition prints it as a part still to come)."""
    assert rules_at(date(2020, 1, 1)).bool_("legislation.immediate_joint_consideration") is False
    rule = rules_at(date(2023, 1, 1)).leaf("legislation.immediate_joint_consideration")
    assert rule.value is True and rule.valid_from == date(2023, 1, 1)
    assert not rule.unverified and rule.source.url == ED_2022


def test_legislative_procedure_2023_to_2026() -> None:
    """The 2023 wording of Art. 61(4)-(5), 62(4)-(5), 54(2) item 2 and 61(3) part 3: the
    Senate approves by a majority of all senators within sixty days; after conciliation the
    Majilis confirms its text by two thirds and the law goes to the President (corrected from a
    second Senate vote); constitutional laws by two thirds of each Chamber; objections overcome
    by two thirds within a month; the Government's temporary acts having the force of law."""
    day = date(2024, 1, 1)
    book = rules_at(day)
    assert book.optional_str("legislation.senate_majority") == "majority-of-total"
    assert book.optional_int("legislation.senate_deadline_days") == 60
    assert book.optional_str("legislation.majilis_repass_majority") == "two-thirds-of-total"
    assert book.optional_str("legislation.after_majilis_repass") == "to-president"
    assert book.str_("legislation.constitutional_law_majority") == "two-thirds-of-total"
    assert book.int_("legislation.veto_override_deadline_months") == 1
    assert book.bool_("government.temporary_resolutions_with_force_of_law") is True
    for key in ("legislation.senate_majority", "legislation.senate_deadline_days",
                "legislation.majilis_repass_majority", "legislation.after_majilis_repass",
                "legislation.constitutional_law_majority", "legislation.veto_override_majority",
                "legislation.veto_override_deadline_months",
                "government.temporary_resolutions_with_force_of_law"):
        _confirmed_from(day, key, ED_2022)


def test_four_ministers_named_by_the_president_from_2007_to_2017() -> None:
    """Art. 44(3) of the 2010-2017 edition (Law No. 254-III): the President appoints the
    ministers of foreign affairs, defence, internal affairs and justice; Law No. 51-VI left
    justice out (Kazinform, 3 Mar 2017, on the draft)."""
    assert set(rules_at(date(2010, 1, 1)).str_list(
        "government.ministers_appointed_by_president_alone")) == {
        "foreign-affairs", "defence", "interior", "justice"}
    assert "justice" not in rules_at(date(2018, 1, 1)).str_list(
        "government.ministers_appointed_by_president_alone")
    assert rules_at(date(2000, 1, 1)).str_list(
        "government.ministers_appointed_by_president_alone") == ()


def test_halyk_kenesi_composition_from_its_constitutional_law() -> None:
    """Constitutional Law No. 298-VIII of 5 June 2026 (zan.gov.kz doc 226150, in force 1 July
    2026), Art. 12(1): forty-two members each from ethno-cultural associations, from public
    associations and other non-commercial organisations, and from the maslikhats and public
    councils; Art. 7(3): a Session at least once a year."""
    book = rules_at(C2026_DAY)
    assert book.int_("halyk_kenesi.members_per_block") == 42
    assert book.int_("halyk_kenesi.members") == 3 * 42
    assert book.int_("halyk_kenesi.min_sessions_per_year") == 1
    for key in ("halyk_kenesi.members_per_block", "halyk_kenesi.members",
                "halyk_kenesi.min_sessions_per_year"):
        rule = book.leaf(key)
        assert "No. 298-VIII" in rule.source.act and not rule.unverified, key


def test_no_against_all_line_on_the_ballot_2004_2021() -> None:
    """Election Law as of 22.12.2006 (zan.gov.kz doc 4), Art. 37(1) and 42(2): the ballot lists
    the registered candidates and the voter marks the square next to one of them; the line
    'Against all' returns with Law No. 41-VII of 24.05.2021."""
    rule = rules_at(date(2006, 12, 22)).leaf("president.against_all_on_ballot")
    assert rule.value is False and not rule.unverified
    assert rule.source.url == "https://zan.gov.kz/client/#!/doc/4/rus/22.12.2006"
    assert rules_at(date(2022, 11, 20)).bool_("president.against_all_on_ballot") is True


def test_constitutional_laws_at_a_joint_sitting_before_2007() -> None:
    """Art. 53(1) of the 1998-2007 edition: Parliament 'at a joint sitting of the Chambers'
    adopts constitutional laws (corrected from separate); Art. 54(1) as restated by Law
    No. 254-III moved them to separate sittings."""
    assert rules_at(date(2000, 1, 1)).str_("legislation.constitutional_law_sitting") == "joint"
    _confirmed_from(date(2000, 1, 1), "legislation.constitutional_law_sitting", ED_1998)
    assert rules_at(date(2008, 1, 1)).str_("legislation.constitutional_law_sitting") == \
        "separate"


def test_signature_deadlines_with_their_units() -> None:
    """Art. 44 item 2 of the 1998-2007 edition: 'within fifteen working days' (its 1995 wording
    unread, so flagged); Art. 53(3), unchanged since 1995: after an override the President
    signs 'within seven days'; Law No. 254-III: one month for both (Art. 44 item 2, 54(2))."""
    early = rules_at(date(2000, 1, 1))
    assert early.str_("legislation.signature_deadline") == "15 working days"
    _confirmed_from(date(2000, 1, 1), "legislation.signature_deadline", ED_1998)
    assert rules_at(date(1996, 1, 1)).leaf("legislation.signature_deadline").unverified
    assert early.str_("legislation.override_signature_deadline") == "7 days"
    _confirmed_from(date(1996, 1, 1), "legislation.override_signature_deadline", ED_1998)
    late = rules_at(date(2010, 1, 1))
    assert late.str_("legislation.signature_deadline") == "1 month"
    assert late.str_("legislation.override_signature_deadline") == "1 month"
    assert not late.leaf("legislation.override_signature_deadline").unverified


def test_no_confidence_and_pm_consent_before_2007_from_the_text() -> None:
    """Art. 53(5) and 53(7) of the 1998-2007 edition: consent to the Prime Minister and no
    confidence by Parliament at a joint sitting; no confidence by two thirds of each Chamber on
    the initiative of a fifth of all deputies."""
    book = rules_at(date(2000, 1, 1))
    assert book.str_("government.no_confidence_majority") == "two-thirds-of-total"
    assert book.optional_fraction("government.no_confidence_initiative_fraction") == \
        Fraction(1, 5)
    for key in ("government.no_confidence_by", "government.no_confidence_majority",
                "government.no_confidence_initiative_fraction", "government.pm_consent_by",
                "government.pm_consent_majority"):
        _confirmed_from(date(2000, 1, 1), key, ED_1998)


def test_1995_procedure_values_cite_the_text_not_secondary_pages() -> None:
    """Values first sourced from StudFiles, legislationline, pavlodar.com or mindmeister now
    cite Art. 53, 55, 61-63, 65 and 70 of the 1998-2007 edition, articles Law No. 284-I left
    unchanged; the old pages stay as see_also."""
    for key in ("legislation.ordinary_model", "legislation.senate_deadline_days",
                "legislation.after_majilis_repass", "legislation.to_president_within_days",
                "legislation.constitutional_law_majority", "legislation.amendment_majority",
                "dissolution.grounds_required", "dissolution.consultations",
                "government.pm_dismissed_by_president_alone", "government.resigns_before",
                "courts.supreme_court_elected_by"):
        _confirmed_from(date(1996, 6, 1), key, ED_1998)


def test_2007_values_cite_the_text_in_force_before_2023() -> None:
    """The 2007 wording of Art. 54(2), 56(1)-(2), 63(1) and 70, read in the edition of
    17.09.2022 (their footnotes name Law No. 254-III): the Majilis consents to the Prime
    Minister and votes no confidence by a majority of its total, the President dissolves after
    consultations, objections are overcome at separate sittings."""
    day = date(2011, 6, 1)
    book = rules_at(day)
    assert book.str_("government.no_confidence_by") == "majilis"
    assert book.str_("legislation.veto_override_sitting") == "separate"
    assert book.str_list("dissolution.consultations") == (
        "senate-chair", "majilis-chair", "prime-minister")
    for key in ("government.pm_consent_by", "government.no_confidence_majority",
                "legislation.veto_override_sitting", "dissolution.consultations",
                "government.no_confidence_president_decides_days"):
        _confirmed_from(day, key, ED_2022)


def test_2017_repeals_and_minister_appeals_cite_the_text() -> None:
    """Law No. 51-VI excluded Art. 45(2) and Art. 53 item 3 (decrees having the force of law,
    delegation), as the edition of 17.09.2022 marks; Art. 57(6) binds the President to dismiss
    a minister on a two-thirds appeal; the 1998 wording of Art. 57(6) is read in the 1998-2007
    edition."""
    late = rules_at(date(2018, 1, 1))
    assert late.bool_("legislation.urgent_bill_decree") is False
    assert late.optional_int("legislation.delegation_max_years") is None
    assert late.bool_("government.minister_dismissal_president_bound") is True
    for key in ("legislation.urgent_bill_decree", "legislation.delegation_max_years",
                "government.minister_dismissal_president_bound"):
        _confirmed_from(date(2018, 1, 1), key, ED_2022)
    assert rules_at(date(2000, 1, 1)).str_list("government.minister_dismissal_request_by") == (
        "majilis", "senate")
    _confirmed_from(date(2000, 1, 1), "government.minister_dismissal_request_by", ED_1998)


def test_regional_akims_and_no_confidence_in_the_1998_and_2007_wordings() -> None:
    """Art. 87(4)-(5), 1998-2007 edition: regional akims appointed by the President on the Prime
    Minister's proposal; no confidence by two thirds of all maslikhat deputies. Law No. 254-III
    (2010-2017 edition): with the maslikhat's consent; a majority of all, on a fifth's initiative.
    The 1995 wording stays unread (Art. 87 carries the footnote of Law No. 284-I)."""
    key = "local_government.akim_no_confidence_majority"
    assert rules_at(date(2000, 1, 1)).str_(key) == "two-thirds-of-total"
    _confirmed_from(date(2000, 1, 1), key, ED_1998)
    assert rules_at(date(1996, 1, 1)).leaf(key).unverified
    assert rules_at(date(2000, 1, 1)).str_("local_government.regional_akim_appointment") == \
        "president-on-pm-proposal"
    consent = rules_at(date(2010, 1, 1)).leaf("local_government.regional_akim_appointment")
    assert consent.value == "president-with-maslikhat-consent" and not consent.unverified
    assert rules_at(date(2010, 1, 1)).str_(key) == "majority-of-total"


def test_no_against_all_line_for_candidates_before_1998() -> None:
    """Election Law as amended to 8 May 1998 (quyse/kz-laws rus/4.md), Arts. 37, 42, 43: the
    voter strikes out names, no 'against all' line; the 1999 editions have 'I vote against all
    candidates' (Art. 42(2)), changed by Laws No. 285 (1998) and No. 375 (1999); Law No. 545
    (2004) removed it."""
    key = "president.against_all_on_ballot"
    early = rules_at(date(1996, 1, 1)).leaf(key)
    assert early.value is False and not early.unverified
    assert rules_at(date(1999, 1, 10)).bool_(key) is True
    assert rules_at(date(2005, 12, 4)).bool_(key) is False


def test_kurultai_and_vice_president_read_in_the_2026_texts() -> None:
    """Constitution of 2026 (adilet K2600000000, text in force from 1 July 2026): Art. 53(1)
    145 deputies by proportional representation in one nationwide constituency, Art. 53(2) five
    years, Art. 54(3) 25 years of age and ten years' residence, Art. 55(4) 4) mandate lost on
    leaving the party, Art. 49(2) the Vice President may be neither a deputy nor a party member.
    Constitutional Law No. 297-VIII of 5 June 2026: Art. 11(5) three deputy chairs, Art. 35(1)
    at most eight committees. Election Law from 1 July 2026: Art. 97-1(1) five per cent,
    Art. 89(4) thirty per cent of a list."""
    book = rules_at(date(2026, 8, 23))
    expected: dict[str, tuple[object, str]] = {
        "kurultai.seats_total": (145, "const-2026"), "kurultai.seats_list": (145, "const-2026"),
        "kurultai.seats_district": (0, "const-2026"), "kurultai.term_years": (5, "const-2026"),
        "kurultai.min_age": (25, "const-2026"), "kurultai.residency_years": (10, "const-2026"),
        "kurultai.mandate_lost_on_party_exit": (True, "const-2026"),
        "kurultai.max_deputy_speakers": (3, "kurultai-law-2026"),
        "kurultai.max_committees": (8, "kurultai-law-2026"),
        "kurultai.threshold_percent": (5, "el-amend-2026"),
        "kurultai.list_quota_percent": (30, "el-amend-2026"),
        "vice_president.may_be_deputy": (False, "const-2026"),
        "vice_president.may_be_party_member": (False, "const-2026"),
        "vice_president.dismissed_by_president_alone": (True, "const-2026"),
    }
    for key, (value, act) in expected.items():
        rule = book.leaf(key)
        assert rule.value == value, key
        assert rule.source.act_id == act, key
        assert not rule.unverified, key
        assert "secondary" not in (rule.note or ""), key
