"""The Security Council, the First President status, the commander-in-chief, dated events.

Expectations typed from the sources named beside them.
"""

from __future__ import annotations

from datetime import date

import pytest

from kazpolity.institutions.events import events_between, institutional_events
from kazpolity.institutions.ex_officio import (
    commander_in_chief,
    first_president_status,
    security_council_chair,
)
from kazpolity.institutions.holders import holder_on
from kazpolity.law import rules_at


@pytest.mark.parametrize(
    ("on", "chair", "for_life"),
    [
        (date(2010, 1, 1), "president", False),
        # Law No. 178-VI of 5 July 2018, published 12 July 2018: Elbasy chairs for life
        # (24.kg, 5-tv.ru).
        (date(2018, 7, 12), "first-president", True),
        (date(2021, 1, 1), "first-president", True),
        # Law No. 106-VII of 7 February 2022: "The President ... is the Chairman" (adilet).
        (date(2022, 3, 1), "president", False),
    ],
)
def test_security_council_chair_by_law(on: date, chair: str, for_life: bool) -> None:
    book = rules_at(on)
    assert book.str_("security_council.chair") == chair
    assert book.value("security_council.chair_for_life") is for_life


def test_security_council_chair_in_fact_and_where_it_departed_from_the_law() -> None:
    # Nazarbayev kept the chair after leaving the presidency (20 March 2019): lawful.
    answer = security_council_chair(date(2020, 1, 1))
    assert answer.holder == "Nursultan Nazarbayev" and answer.agrees_with_law is True
    # Tokayev took it on 5 January 2022 (address to the nation; RBC, newsua.biz) while the
    # law still named the First President: the answer says so and cites the event.
    answer = security_council_chair(date(2022, 1, 20))
    assert answer.by_law == "first-president"
    assert answer.holder == "Kassym-Jomart Tokayev" and answer.agrees_with_law is False
    assert [e.on for e in answer.events] == [date(2022, 1, 5)]
    assert security_council_chair(date(2022, 3, 1)).agrees_with_law is True


def test_first_president_status_2000_to_2023() -> None:
    assert first_president_status(date(1999, 12, 31)) is None
    # 2000 law (No. 83-II): immunity, no title; June 2010 law: Leader of the Nation and
    # family property inviolable (newsline.kz, RT).
    assert first_president_status(date(2005, 1, 1)) == {
        "immunity_for_acts_as_president": True, "leader_of_the_nation_title": False,
        "family_property_inviolable": False, "chairs_security_council_for_life": False,
    }
    status = first_president_status(date(2019, 1, 1))
    assert status is not None and all(status.values())
    # Repealed after the Constitutional Court's resolution of 11 January 2023; signed
    # 15 February 2023 (gazeta.ru, Akorda via the press).
    assert first_president_status(date(2023, 2, 14)) is not None
    assert first_president_status(date(2023, 2, 15)) is None


def test_the_president_is_commander_in_chief() -> None:
    # Constitution 1995 Art. 44(12).
    answer = commander_in_chief(date(2020, 1, 1))
    assert answer.by_law == "president" and answer.holder == "Kassym-Jomart Tokayev"
    assert commander_in_chief(date(2005, 1, 1)).holder == "Nursultan Nazarbayev"


def test_the_2011_initiative_and_its_ruling_are_on_the_timeline() -> None:
    # LOC Global Legal Monitor (9 Feb 2011): Parliament 14 January, referred 17 January,
    # Constitutional Council found the amendment unconstitutional on 31 January 2011.
    events = events_between(date(2010, 12, 1), date(2011, 2, 2))
    assert [(e.on, e.kind) for e in events] == [
        (date(2010, 12, 27), "initiative"), (date(2011, 1, 14), "initiative"),
        (date(2011, 1, 31), "ruling"),
    ]
    ruling = events[-1]
    assert "constitutional_council" in ruling.bodies and "unconstitutional" in ruling.what
    assert holder_on("constitutional_council_chair", ruling.on).holder == "Igor Rogov"
    assert not events[0].date_exact


def test_every_event_is_sourced_and_in_order() -> None:
    events = institutional_events()
    assert len(events) >= 5
    assert [e.on for e in events] == sorted(e.on for e in events)
    assert all(e.sources and e.what and e.outcome for e in events)


def test_voter_lists_are_compiled_by_the_akimats() -> None:
    # CEC appeal for the election of 19 March 2023 ("The lists are compiled by local
    # executive bodies (akimats)"); Central Referendum Commission act of 6 May 2022.
    book = rules_at(date(2023, 3, 19))
    assert book.str_("voter_lists.compiled_by") == "local-executive-bodies"
    # Election Law Art. 24(5), 18(3) in the editions of 1999 and 2006: Law No. 545 of 2004
    assert not book.leaf("voter_lists.compiled_by").unverified


def test_commission_counts_per_level_as_odihr_reported_them() -> None:
    from kazpolity.elections.official import official_election
    from kazpolity.institutions.commission_counts import commission_count, commission_counts

    # ODIHR interim report 2016: CEC, 16 RECs, 208 TECs, 9,840 PECs.
    assert commission_count("majilis-2016").by_level == {
        "cec": 1, "regional": 16, "territorial": 208, "district": None, "precinct": 9840,
    }
    # ODIHR interim report 2020: 232 TECs and 10,061 PECs (district commissions abolished 2018).
    assert commission_count("majilis-2021").by_level["precinct"] == 10061
    assert rules_at(date(2021, 1, 10)).exists("election_administration")
    for count in commission_counts():
        assert official_election(count.election_id).date == count.on
        assert count.sources


def test_recall_of_district_deputies_from_the_2022_laws() -> None:
    # Election Law Art. 1 as amended by Constitutional Law No. 156-VII of 5 November 2022
    # (adilet.zan.kz Z950002464_): recall of Majilis and maslikhat deputies elected in
    # single-member districts; none before (Qazaq TV, 7 September 2022: "to introduce").
    before = rules_at(date(2021, 1, 1))
    assert before.value("recall.maslikhat_district_deputies_recallable") is False
    assert rules_at(date(2023, 3, 19)).value("recall.majilis_district_deputies_recallable") is True
    after = rules_at(date(2026, 8, 23))
    assert after.value("recall.majilis_district_deputies_recallable") is False  # no districts
    assert after.value("recall.maslikhat_district_deputies_recallable") is True
