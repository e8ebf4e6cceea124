"""Procedures pinned to the articles: thresholds at their boundaries, eras, outcomes."""

from __future__ import annotations

from typing import Any

import pytest

from kazpolity.errors import InputError, OutOfModelRange
from kazpolity.institutions.appoint import appoint
from kazpolity.institutions.dissolve import dissolve
from kazpolity.institutions.legislate import legislate
from kazpolity.institutions.no_confidence import no_confidence
from kazpolity.institutions.procedure import ProcedureResult, ProcedureStatus
from kazpolity.institutions.referendum_initiative import referendum_initiative
from kazpolity.institutions.scenario import (
    Fields,
    parse_appoint,
    parse_dissolve,
    parse_legislate,
    parse_no_confidence,
    parse_referendum_initiative,
    parse_succession,
)
from kazpolity.institutions.succession import succession
from kazpolity.presentation.institution_json import procedure_json

PARSERS: dict[Any, Any] = {
    legislate: parse_legislate, appoint: parse_appoint, dissolve: parse_dissolve,
    no_confidence: parse_no_confidence, succession: parse_succession,
    referendum_initiative: parse_referendum_initiative,
}


def typed(function: Any, **data: Any) -> ProcedureResult:
    """The scenario read at the edge, then the procedure on its typed request."""
    result: ProcedureResult = function(PARSERS[function](Fields(data)))
    return result


def run(function: Any, **data: Any) -> dict[str, Any]:
    """The result as the faces print it (``--json``)."""
    return procedure_json(typed(function, **data))


def step(result: dict[str, Any], body: str, action_start: str) -> dict[str, Any]:
    for item in result["steps"]:
        if item["body"] == body and item["action"].startswith(action_start):
            return item
    raise AssertionError(f"no step {body} {action_start}: {result['steps']}")


def override(majilis: int, senate: int) -> dict[str, Any]:
    return run(legislate, date="2011-06-01", initiator="government",
               votes={"majilis": {"yes": 80, "no": 27}, "senate": {"yes": 40}},
               president="veto", override={"majilis": {"yes": majilis},
                                           "senate": {"yes": senate}})


def test_veto_override_boundaries_2011() -> None:
    # Law No. 254-III (2007), Art. 54(2)2: 2/3 of the total deputies of EACH chamber:
    # 72 of 107, 32 of 47
    assert override(72, 32)["status"] == "adopted"
    assert override(71, 32)["status"] == "not_adopted"
    assert override(72, 31)["status"] == "not_adopted"
    result = override(72, 32)
    majilis = step(result, "majilis", "override")
    assert (majilis["votes_needed"], majilis["votes_got"]) == (72, 72)
    assert "54(2)" in majilis["article"]
    assert step(result, "senate", "override")["votes_needed"] == 32
    assert not majilis["unverified"]


def test_failed_override_with_president_wording() -> None:
    result = run(legislate, date="2011-06-01", initiator="government",
                 votes={"majilis": {"yes": 80}, "senate": {"yes": 40}}, president="veto",
                 president_wording=True, override={"majilis": {"yes": 71}})
    assert result["status"] == "adopted_in_president_wording"


def test_urgent_bill_ignored_2015_decree_2018_nothing() -> None:
    # Art. 61(2): urgent bills to 2017-03-10, priority bills from then (Law No. 51-VI)
    in_2015 = run(legislate, date="2015-03-02", initiator="government", urgent=True,
                  parliament="ignore")
    assert in_2015["status"] == "decree"
    decree = step(in_2015, "president", "issue a decree")
    assert decree["date"] == "2015-04-02" and "61(2)" in decree["article"]
    in_2018 = run(legislate, date="2018-03-01", initiator="government", urgent=True,
                  parliament="ignore")
    assert in_2018["status"] == "pending"
    assert not any("decree" in s["action"] for s in in_2018["steps"] if s["passed"])


def test_priority_bill_deadline_from_2017() -> None:
    result = run(legislate, date="2018-09-03", initiator="president", priority=True,
                 parliament="ignore")
    assert step(result, "parliament", "priority bill not adopted")["date"] == "2018-11-03"


def test_kurultai_rejection_needs_a_majority_of_all_145() -> None:
    # Constitution of 2026 (Kurultai): rejection by a majority of the total number of deputies
    rejected = run(legislate, date="2026-08-01", initiator="government",
                   votes={"kurultai": {"yes": 60, "no": 73}})
    assert rejected["status"] == "rejected"
    assert step(rejected, "kurultai", "reject")["votes_needed"] == 73
    short = run(legislate, date="2026-08-01", initiator="government",
                votes={"kurultai": {"yes": 60, "no": 72, "abstain": 13}})
    assert short["status"] == "not_adopted"
    adopted = run(legislate, date="2026-08-01", initiator="government",
                  votes={"kurultai": {"yes": 73, "no": 72}})
    assert adopted["status"] == "adopted"
    # C2026 Art. 61(4): adopted by a majority of the total number of deputies (verified)
    assert "legislation.kurultai_adoption_majority" not in adopted["unverified_rules"]


def test_senate_rejection_and_two_thirds_repass_c1995() -> None:
    base = {"date": "2000-03-01", "initiator": "deputies"}
    votes = {"majilis": {"yes": 60}, "senate": {"yes": 10, "no": 29},
             "senate_revote": {"yes": 25}}
    ok = run(legislate, **base, votes={**votes, "majilis_repass": {"yes": 52}})
    assert ok["status"] == "adopted"
    short = run(legislate, **base, votes={**votes, "majilis_repass": {"yes": 51}})
    assert short["status"] == "rejected"


def test_post_2023_repass_goes_to_the_president() -> None:
    # Art. 61(5) in its 2023 wording (zan.gov.kz edition of 17.09.2022): a law the Majilis
    # confirms by two thirds after the Senate's non-approval goes to the President; the Senate
    # does not vote again (its second "no" below is never asked for).
    result = run(legislate, date="2024-06-01", initiator="government",
                 votes={"majilis": {"yes": 60}, "senate": {"yes": 10, "no": 40},
                        "majilis_repass": {"yes": 66}, "senate_revote": {"yes": 0, "no": 49}})
    assert result["status"] == "adopted"
    assert "legislation.after_majilis_repass" not in result["unverified_rules"]
    assert step(result, "majilis", "adopt").get("votes_needed") == 50
    assert step(result, "majilis", "re-pass").get("votes_needed") == 66
    step(result, "majilis", "the re-passed law goes to the President")
    short = run(legislate, date="2024-06-01", initiator="government",
                votes={"majilis": {"yes": 60}, "senate": {"yes": 10, "no": 40},
                       "majilis_repass": {"yes": 65}})
    assert short["status"] == "rejected"


def test_constitutional_law_and_amendment() -> None:
    law = run(legislate, date="2010-06-01", initiator="president", kind="constitutional-law",
              votes={"majilis": {"yes": 72}, "senate": {"yes": 31}})
    assert law["status"] == "rejected"        # 31 < 32 of 47
    amendment = run(legislate, date="2017-03-06", initiator="president",
                    kind="constitutional-amendment",
                    votes={"majilis": {"yes": 81}, "senate": {"yes": 36}})
    assert amendment["status"] == "adopted"
    assert step(amendment, "majilis", "adopt the amendments")["votes_needed"] == 81
    by_deputies = run(legislate, date="2010-06-01", initiator="deputies",
                      kind="constitutional-amendment")
    assert by_deputies["status"] == "not_adopted"
    only_referendum = run(legislate, date="2026-09-15", initiator="president",
                          kind="constitutional-amendment")
    assert only_referendum["status"] == "pending"


def test_budget_bill_needs_the_governments_conclusion() -> None:
    refused = run(legislate, date="2019-10-01", initiator="deputies", budget_impact=True,
                  government_conclusion="negative")
    assert refused["status"] == "not_adopted"


def test_delegated_powers_until_2017() -> None:
    granted = run(legislate, date="2005-06-01", initiator="president", delegated=True,
                  delegation={"majilis": {"yes": 52}, "senate": {"yes": 26}})
    assert granted["status"] == "adopted"
    gone = run(legislate, date="2018-06-01", initiator="president", delegated=True)
    assert gone["status"] == "not_adopted"


def test_review_before_signature() -> None:
    result = run(legislate, date="2012-06-01", initiator="government",
                 votes={"majilis": {"yes": 90}, "senate": {"yes": 40}},
                 review="unconstitutional")
    assert result["status"] == "not_adopted"
    assert step(result, "constitutional-council", "review")["passed"] is False


def test_monte_carlo_is_seeded_and_sums_to_one() -> None:
    data = {"date": "2021-06-01", "initiator": "deputies",
            "model": {"discipline": 0.6, "positions": {"Nur Otan": "yes"}, "default": "no",
                      "senate_yes": 0.9}}
    first = legislate(parse_legislate(Fields(data)), runs=60, seed=7)
    again = legislate(parse_legislate(Fields(data)), runs=60, seed=7)
    assert first.monte_carlo is not None and first.monte_carlo == again.monte_carlo
    assert abs(sum(share for _, share in first.monte_carlo.probabilities) - 1) < 1e-9
    certain = legislate(parse_legislate(Fields({**data, "model": {
        "discipline": 1.0, "positions": {"Nur Otan": "yes"}, "default": "no",
        "senate_yes": 1.0}})), runs=5, seed=1)
    assert certain.monte_carlo is not None
    assert certain.monte_carlo.probabilities == ((ProcedureStatus.ADOPTED, 1.0),)
    assert procedure_json(certain)["monte_carlo"] == {
        "runs": 5, "seed": 1, "probabilities": {"adopted": 1.0}, "steps_from": "the first run"}


def test_no_confidence_by_era() -> None:
    # Before 2007: 2/3 of each chamber (IPU Parline, rules of 1990-2000); Law No. 254-III
    # (2007), Art. 56(2): a Majilis majority of all
    before = run(no_confidence, date="2005-01-10", initiators=24,
                 votes={"majilis": {"yes": 51}, "senate": {"yes": 26}})
    assert before["status"] == "rejected"          # 51 < 52 of 77
    assert "government.no_confidence_majority" not in before["unverified_rules"]
    after = run(no_confidence, date="2010-01-11", initiators=22, votes={"majilis": {"yes": 54}})
    assert after["status"] == "adopted" and after["certain"]
    too_few = run(no_confidence, date="2010-01-11", initiators=21, votes={"majilis": {"yes": 90}})
    assert too_few["status"] == "rejected"
    kurultai = run(no_confidence, date="2026-11-02", votes={"kurultai": {"yes": 73}})
    assert step(kurultai, "kurultai", "express")["votes_needed"] == 73


def test_minister_dismissal_president_bound_from_2017() -> None:
    before = run(no_confidence, date="2010-06-01", target="minister", chamber="majilis",
                 initiators=36, votes={"majilis": {"yes": 72}})
    assert before["status"] == "pending"            # the President is not bound
    after = run(no_confidence, date="2018-06-01", target="minister", chamber="senate",
                votes={"senate": {"yes": 32}})
    assert after["status"] == "adopted" and after["minister"] == "dismissed"


@pytest.mark.parametrize(
    ("day", "consent", "yes", "status"),
    [("1997-10-10", {"majilis": {"yes": 34}, "senate": {"yes": 24}}, None, "adopted"),
     ("1997-10-10", {"majilis": {"yes": 34}, "senate": {"yes": 23}}, None, "rejected"),
     ("1997-10-10", {"majilis": {"yes": 33}, "senate": {"yes": 24}}, None, "rejected"),
     ("2019-02-25", {"majilis": {"yes": 54}}, None, "adopted"),
     ("2019-02-25", {"majilis": {"yes": 53}}, None, "rejected"),
     ("2026-10-01", {"kurultai": {"yes": 73}}, None, "adopted")],
)
def test_prime_minister_consent(day: str, consent: dict[str, Any], yes: None,
                                status: str) -> None:
    assert run(appoint, date=day, office="prime-minister", votes=consent)["status"] == status


def test_vice_president_only_from_2026() -> None:
    assert run(appoint, date="2026-10-01", office="vice-president",
               votes={"kurultai": {"yes": 73}})["status"] == "adopted"
    with pytest.raises(InputError):
        run(appoint, date="2020-01-01", office="vice-president", votes={})


def test_court_appointments() -> None:
    council = run(appoint, date="1996-06-01", office="constitutional-council-member",
                  appointed_by="majilis")
    # Decree No. 2737 of 1995, Art. 3(2): the Majilis's two members named by its Chairman
    assert council["status"] == "adopted"
    assert "constitutional_council.chamber_appointments_made_by" not in council["unverified_rules"]
    supreme = run(appoint, date="2010-06-01", office="supreme-court-judge",
                  votes={"senate": {"yes": 24}})
    assert supreme["status"] == "adopted"
    assert step(supreme, "senate", "elect")["votes_needed"] == 24
    kurultai = run(appoint, date="2026-10-01", office="supreme-court-judge",
                   votes={"kurultai": {"yes": 72}})
    assert kurultai["status"] == "rejected"


def test_dissolution_limits() -> None:
    assert run(dissolve, date="2011-11-16", target="majilis")["status"] == "adopted"
    assert run(dissolve, date="2016-01-20", target="majilis")["status"] == "adopted"
    twice = run(dissolve, date="2016-06-20", target="majilis")
    assert twice["status"] == "rejected"
    assert step(twice, "president", "not within 1 year")["passed"] is False
    assert run(dissolve, date="2005-06-01", target="majilis")["status"] == "rejected"
    no_ground = run(dissolve, date="2000-06-01", target="parliament")
    assert no_ground["status"] == "rejected"
    last_months = run(dissolve, date="2026-10-01", target="kurultai",
                      president_term_ends="2027-01-15")
    assert last_months["status"] == "rejected"
    emergency = run(dissolve, date="2026-12-01", target="kurultai", state_of_emergency=True)
    assert emergency["status"] == "rejected"
    result = run(dissolve, date="2023-01-19", target="majilis")
    assert result["early_election_by"] == "2023-03-19"


def test_2019_succession() -> None:
    # Const. 1995 Art. 48(1): Nazarbayev's powers ended on 20 March 2019; the Senate chair
    # took over for the
    # rest of the term (to 2020)
    result = run(succession, date="2019-03-20", event="resignation")
    assert result["status"] == "adopted"
    assert result["outgoing_president"] == "Nursultan Nazarbayev"
    assert result["successor"] == "Kassym-Jomart Tokayev"
    assert result["successor_office"] == "senate-chair"
    assert result["serves_until"].startswith("2020")
    assert step(result, "senate-chair", "leaves the post")["article"]


def test_2026_succession_vice_president_and_election() -> None:
    result = run(succession, date="2026-10-01", event="death")
    assert result["successor_office"] == "vice-president"
    assert "UNKNOWN" in result["successor"]
    assert "2026-12-01" in result["serves_until"]


def test_removal_needs_three_quarters() -> None:
    base = {"date": "2010-06-01", "event": "incapacity"}
    ok = run(succession, **base, votes={"majilis": {"yes": 81}, "senate": {"yes": 36}})
    assert ok["status"] == "adopted"
    # Art. 47(1) quoted by the zakon.kz commentary: three quarters of each chamber (verified)
    assert "succession.removal_majority" not in ok["unverified_rules"]
    short = run(succession, **base, votes={"majilis": {"yes": 81}, "senate": {"yes": 35}})
    assert short["status"] == "rejected"
    kurultai = run(succession, date="2026-10-01", event="incapacity",
                   votes={"kurultai": {"yes": 109}})
    assert kurultai["status"] == "adopted"
    assert step(kurultai, "kurultai", "remove")["votes_needed"] == 109


def test_referendum_initiative() -> None:
    refused = run(referendum_initiative, date="2011-01-06", initiator="parliament",
                  subject="constitutional-amendment", president="reject",
                  votes={"majilis": {"yes": 86}, "senate": {"yes": 38}})
    assert refused["status"] == "adopted"
    assert "referendum.parliament_four_fifths_route" in refused["unverified_rules"]
    short = run(referendum_initiative, date="2011-01-06", initiator="parliament",
                subject="constitutional-amendment", president="reject",
                votes={"majilis": {"yes": 85}, "senate": {"yes": 38}})
    assert short["status"] == "rejected"
    citizens = run(referendum_initiative, date="2010-12-01", initiator="citizens",
                   signatures=199_999, initiative_group_min_per_region=3)
    assert citizens["status"] == "rejected"
    excluded = run(referendum_initiative, date="2010-12-01", initiator="citizens",
                   signatures=200_000, initiative_group_min_per_region=3,
                   topics=["amnesty-and-pardon"])
    assert excluded["status"] == "rejected"
    halyk = run(referendum_initiative, date="2026-10-01", initiator="halyk_kenesi",
                president="accept")
    assert halyk["status"] == "adopted"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"date": "2020-01-01", "initiator": "halyk_kenesi"}, InputError),
        ({"date": "2011-06-01", "initiator": "government",
          "votes": {"majilis": {"yes": 100, "no": 8}}}, InputError),
        ({"date": "1994-01-01", "initiator": "government"}, OutOfModelRange),
        ({"date": "2027-06-01", "initiator": "government"}, OutOfModelRange),
        ({"date": "2016-02-01", "initiator": "government",
          "votes": {"majilis": {"yes": 60}}}, InputError),
        ({"initiator": "government"}, InputError),
        ({"date": "2011-06-01", "initiator": "king"}, InputError),
    ],
)
def test_bad_scenarios(data: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        legislate(parse_legislate(Fields(data)))


def test_kurultai_treason_procedure() -> None:
    """C2026 Art. 50(3) (adilet K2600000000): a third of the 145 deputies initiate (49), a
    majority of all accuse (73), three quarters remove (109); a failed accusation ends the
    initiators' mandates; no Senate investigation any more."""
    base = {"date": "2026-10-01", "event": "treason"}
    ok = run(succession, **base, initiators=49,
             votes={"accusation": {"yes": 73}, "kurultai": {"yes": 109}})
    assert ok["status"] == "adopted"
    assert step(ok, "kurultai", "initiate")["votes_needed"] == 49
    assert step(ok, "kurultai", "bring the accusation")["votes_needed"] == 73
    assert not any(item["body"] == "senate" for item in ok["steps"])
    too_few = run(succession, **base, initiators=48, votes={"accusation": {"yes": 73}})
    assert too_few["status"] == "rejected"
    failed = run(succession, **base, initiators=49,
                 votes={"accusation": {"yes": 73}, "kurultai": {"yes": 108}})
    assert failed["status"] == "rejected"
    assert step(failed, "kurultai", "the initiators' mandates end")


def test_signature_in_fifteen_working_days_and_seven_days_after_an_override_in_2000() -> None:
    """Const. 1998-2007 edition: Art. 44 item 2, the President signs 'within fifteen working
    days'; Art. 53(3), after a two-thirds override 'within seven days'. Hand-counted: a bill of
    Wed 1 Mar 2000 goes to the President by Sat 11 Mar (Art. 61(4): ten days); fifteen working
    days end on Fri 31 Mar; the re-vote is due by 11 Apr, the signature by 18 Apr."""
    signed = run(legislate, date="2000-03-01", initiator="government",
                 votes={"majilis": {"yes": 60}, "senate": {"yes": 30}}, president="sign")
    sign = step(signed, "president", "sign the law")
    assert "15 working days" in sign["action"] and "2000-03-31" in sign["action"]
    vetoed = run(legislate, date="2000-03-01", initiator="government",
                 votes={"majilis": {"yes": 60}, "senate": {"yes": 30}}, president="veto",
                 override={"majilis": {"yes": 60}, "senate": {"yes": 30}})
    assert vetoed["status"] == "adopted"
    after = step(vetoed, "president", "sign the law within")
    assert "7 days of the override" in after["action"] and "2000-04-18" in after["action"]
    assert after["rule"].startswith("legislation.override_signature_deadline")
    assert not after["unverified"]


def test_signature_within_a_month_after_an_override_from_2007() -> None:
    """Art. 54(2) item 2 (Law No. 254-III): 'the President signs the law within one month' of
    the override: re-vote due 11 Jul 2011, signature by 11 Aug 2011."""
    after = step(override(72, 32), "president", "sign the law within")
    assert "1 month of the override" in after["action"] and "2011-08-11" in after["action"]


def spread(on: str, by_region: dict[str, int]) -> dict[str, Any]:
    return run(referendum_initiative, date=on, initiator="citizens",
               initiative_group_min_per_region=3, signatures_by_region=by_region)


UNITS_2010 = ("KZ-AKM", "KZ-AKT", "KZ-ALA", "KZ-ALM", "KZ-AST", "KZ-ATY", "KZ-KAR", "KZ-KUS",
              "KZ-KZY", "KZ-MAN", "KZ-PAV", "KZ-SEV", "KZ-VOS", "KZ-YUZ", "KZ-ZAP", "KZ-ZHA")


def test_referendum_signatures_spread_equally_over_the_regions() -> None:
    """Referendum Law Art. 11(1)(4): 200,000 citizens 'in equal numbers representing all the
    oblasts, the capital and the cities of republican significance'. Hand-worked for December
    2010 (14 oblasts, Almaty, Astana = 16 units): 200,000 / 16 = 12,500 from each."""
    even = spread("2010-12-01", dict.fromkeys(UNITS_2010, 12_500))
    assert even["status"] == "pending"  # passed the checks; the President has not decided
    check = step(even, "citizens", "signatures spread equally")
    assert (check["votes_needed"], check["votes_got"], check["passed"]) == (12_500, 12_500, True)
    # 207,499 in all, but Zhambyl short by one: the proposal fails
    lopsided = {**dict.fromkeys(UNITS_2010, 13_000), "KZ-ZHA": 12_499}
    short = spread("2010-12-01", lopsided)
    assert short["status"] == "rejected"
    assert "short in KZ-ZHA" in step(short, "citizens", "signatures spread")["action"]
    # a region that gives nothing fails it too, however many the others collect
    missing = spread("2010-12-01", dict.fromkeys(UNITS_2010[:-1], 20_000))
    assert missing["status"] == "rejected"


def test_referendum_spread_in_2020_and_without_a_breakdown() -> None:
    """17 units from 19 June 2018 (Shymkent): 200,000 / 17 = 11,764.7, so 11,765 from each
    (17 x 11,765 = 200,005). Without signatures by region the step says it was not checked."""
    units = (*UNITS_2010, "KZ-SHY")
    assert spread("2020-12-01", dict.fromkeys(units, 11_765))["status"] == "pending"
    assert spread("2020-12-01", {**dict.fromkeys(units, 11_765), "KZ-SHY": 11_764}
                  )["status"] == "rejected"
    total_only = run(referendum_initiative, date="2020-12-01", initiator="citizens",
                     signatures=200_000, initiative_group_min_per_region=3)
    unchecked = step(total_only, "citizens", "signatures spread equally")
    assert unchecked["passed"] is None and "not checked" in unchecked["action"]
    with pytest.raises(InputError, match="signatures_by_region"):
        spread("2020-12-01", {**dict.fromkeys(units, 11_765), "KZ-XXX": 1})
