"""Eligibility per era: every failed requirement with its rule and article."""

from __future__ import annotations

from datetime import date

import pytest

from kazpolity.errors import InputError
from kazpolity.institutions import eligibility
from kazpolity.institutions.scenario import Fields, parse_candidate, parse_deputy, parse_party
from kazpolity.presentation.institution_json import EligibilityJson, eligibility_json

BASE = {"birth_date": "1953-05-17", "citizen_by_birth": True, "state_language": True,
        "residency_years": 30, "higher_education": True, "public_service_years": 30}


def candidate(fields: Fields, on: date) -> EligibilityJson:
    """The answer as ``--json`` prints it."""
    return eligibility_json(eligibility.candidate(parse_candidate(fields), on))


def deputy(fields: Fields, on: date) -> EligibilityJson:
    return eligibility_json(eligibility.deputy(parse_deputy(fields), on))


def party(fields: Fields, on: date) -> EligibilityJson:
    return eligibility_json(eligibility.party(parse_party(fields), on))


def test_the_answer_is_a_typed_record() -> None:
    young = {**BASE, "birth_date": "1960-01-01"}
    answer = eligibility.candidate(parse_candidate(Fields(young)), date(1999, 1, 10))
    assert not answer.eligible
    assert [check.key for check in answer.failures] == ["president.min_age"]
    (age,) = answer.failures
    assert (age.required, age.got, age.passed) == (40, 39, False)


def failed(answer: EligibilityJson) -> set[str]:
    return {item["rule"] for item in answer["failures"]}


def test_candidate_ok_2019() -> None:
    answer = candidate(Fields(dict(BASE)), date(2019, 6, 9))
    assert answer["eligible"] and answer["answer"] == "yes"
    # Art. 41(2) as amended by Law No. 51-VI of 2017 (rev. 2017 text): verified
    assert "president.higher_education_required" not in answer["unverified_rules"]


def test_age_limits_by_era() -> None:
    young = {**BASE, "birth_date": "1960-01-01"}           # 37 in 1997, 39 in 1999
    assert candidate(Fields(young), date(1997, 1, 1))["eligible"]       # 35+ (1995)
    assert "president.min_age" in failed(candidate(Fields(young), date(1999, 1, 10)))
    old = {**BASE, "birth_date": "1930-01-01"}
    assert "president.max_age" in failed(candidate(Fields(old), date(1997, 1, 1)))
    assert candidate(Fields(old), date(1999, 1, 10))["eligible"]        # no upper limit


def test_2017_requirements_all_listed() -> None:
    person = {**BASE, "birth_date": "1990-01-01", "higher_education": False,
              "public_service_years": 2, "nomination": "self"}
    answer = candidate(Fields(person), date(2022, 11, 20))
    assert failed(answer) == {"president.min_age", "president.higher_education_required",
                              "president.public_service_years",
                              "president.self_nomination_allowed"}
    assert all(item["article"] for item in answer["failures"])


def test_first_president_exemption_2011_and_single_term_2022() -> None:
    nazarbayev = {**BASE, "first_president": True, "consecutive_terms": 2,
                  "presidential_terms_served": 4}
    assert candidate(Fields(nazarbayev), date(2011, 4, 3))["eligible"]
    other = {**BASE, "consecutive_terms": 2, "presidential_terms_served": 2}
    assert "president.max_consecutive_terms" in failed(candidate(Fields(other),
                                                                 date(2011, 4, 3)))
    once = {**BASE, "presidential_terms_served": 1}
    assert "president.single_term" in failed(candidate(Fields(once), date(2026, 10, 1)))


def test_deputies() -> None:
    senator = {"chamber": "senate", "birth_date": "1980-02-01", "citizen": True,
               "residency_years_in_unit": 2, "higher_education": True,
               "work_experience_years": 4}
    answer = deputy(Fields(senator), date(2023, 1, 14))
    assert failed(answer) == {"senate.residency_years_in_unit", "senate.work_experience_years"}
    majilis = {"chamber": "majilis", "birth_date": "2000-01-01", "citizen": True,
               "residency_years": 10}
    assert "majilis.min_age" in failed(deputy(Fields(majilis), date(2023, 3, 19)))
    assert deputy(Fields({**majilis, "chamber": "kurultai", "birth_date": "1990-01-01"}),
                  date(2026, 8, 23))["eligible"]
    with pytest.raises(InputError):
        deputy(Fields({**majilis, "chamber": "senate"}), date(2026, 8, 23))


@pytest.mark.parametrize(
    ("on", "members", "per_region", "ok"),
    [(date(2005, 1, 1), 50_000, 700, True),
     (date(2005, 1, 1), 49_999, 700, False),
     (date(2015, 1, 1), 40_000, 599, False),
     (date(2024, 1, 1), 5_000, 200, True)],
)
def test_party_thresholds(on: date, members: int, per_region: int, ok: bool) -> None:
    data = {"members": members, "min_members_per_region": per_region, "initiative_group": 1000}
    assert party(Fields(data), on)["eligible"] is ok


def test_banned_kind_and_list_quota() -> None:
    data = {"members": 6000, "min_members_per_region": 210, "initiative_group": 800,
            "kinds": ["religious"],
            "list": {"candidates": 90, "women": 15, "youth": 10, "people-with-disabilities": 1}}
    answer = party(Fields(data), date(2024, 1, 1))
    assert failed(answer) == {"parties.banned_kinds", "majilis.list_quota_percent"}
