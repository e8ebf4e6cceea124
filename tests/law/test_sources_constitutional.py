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
    assert book.int_("legislation.signature_deadline_months") == 1
