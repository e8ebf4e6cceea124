"""Eligibility of presidential candidates and deputies, and registration of parties, by date.

Each requirement is read from the rulebook on the date asked and reported with its key and
article; a requirement whose rule is unverified says so. The answer lists every failed
requirement, not just the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import TypeVar

from kazpolity.errors import InputError
from kazpolity.law import Rulebook, rules_at

CHAMBERS = ("majilis", "senate", "kurultai", "maslikhat")


Evidence = int | float | bool | str | list[str] | dict[str, object] | None
"""What a requirement asks and what the file gives (a count, a flag, a list of names ...)."""


@dataclass(frozen=True)
class Check:
    """One requirement, the rule that sets it and whether the person or party meets it."""

    requirement: str
    key: str
    article: str
    required: Evidence
    got: Evidence
    passed: bool
    unverified: bool
    note: str | None = None


class _Checks:
    def __init__(self, rb: Rulebook) -> None:
        self.rb = rb
        self.items: list[Check] = []

    def add(self, requirement: str, key: str, required: Evidence, got: Evidence, passed: bool,
            note: str | None = None) -> None:
        rule = self.rb.leaf(key)
        notes = [n for n in (note, rule.note if rule.unverified else None) if n]
        self.items.append(Check(requirement, key, f"{rule.source.act}, {rule.source.article}",
                                required, got, passed, rule.unverified,
                                "; ".join(notes) or None))

    def answer(self, kind: str, on: date, subject: object, chamber: str | None = None
               ) -> Eligibility:
        return Eligibility(kind, on, None if subject is None else str(subject),
                           tuple(self.items), chamber)


@dataclass(frozen=True)
class Eligibility:
    """The answer: every requirement checked, and the failed ones (not just the first)."""

    kind: str
    on: date
    subject: str | None
    checks: tuple[Check, ...]
    chamber: str | None = None
    """The chamber a deputy stands for (deputies only)."""

    @property
    def failures(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if not check.passed)

    @property
    def eligible(self) -> bool:
        return not self.failures

    @property
    def unverified_rules(self) -> tuple[str, ...]:
        return tuple(sorted({check.key for check in self.checks if check.unverified}))


@dataclass(frozen=True)
class CandidateRequest:
    """A would-be presidential candidate as the file describes them (``None``: not given)."""

    birth_date: date
    name: str | None = None
    citizen_by_birth: bool | None = None
    state_language: bool | None = None
    residency_years: int | None = None
    higher_education: bool | None = None
    public_service_years: int | None = None
    nomination: str = "party"
    first_president: bool = False
    presidential_terms_served: int = 0
    consecutive_terms: int = 0


@dataclass(frozen=True)
class DeputyRequest:
    """A would-be deputy as the file describes them (``None``: not given)."""

    chamber: str
    birth_date: date
    name: str | None = None
    citizen: bool | None = None
    residency_years: int | None = None
    residency_years_in_unit: int | None = None
    higher_education: bool | None = None
    work_experience_years: int | None = None


@dataclass(frozen=True)
class PartyRequest:
    """A party applying for registration, and optionally its list (``None``: not given)."""

    members: int
    name: str | None = None
    members_per_region: Mapping[str, int] | None = None
    min_members_per_region: int | None = None
    initiative_group: int | None = None
    kinds: tuple[str, ...] = ()
    list_counts: Mapping[str, int] | None = None
    """The list: ``candidates`` and the number from each group (women, youth ...)."""


T = TypeVar("T", int, bool)


def _required(value: T | None, key: str, what: str) -> T:
    """A field the rule in force needs: missing is bad input naming the field."""
    if value is None:
        raise InputError(key, f"required ({what})")
    return value


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def candidate(person: CandidateRequest, on: date) -> Eligibility:
    """A presidential candidate on the election date ``on``."""
    rb = rules_at(on)
    checks = _Checks(rb)
    age = age_on(person.birth_date, on)
    min_age = rb.int_("president.min_age")
    checks.add(f"at least {min_age} years old", "president.min_age", min_age, age, age >= min_age)
    max_age = rb.optional_int("president.max_age")
    if max_age is not None:
        checks.add(f"at most {max_age} years old", "president.max_age", max_age, age,
                   age <= max_age)
    if rb.bool_("president.citizenship_by_birth"):
        by_birth = _required(person.citizen_by_birth, "citizen_by_birth", "true or false")
        checks.add("citizen by birth", "president.citizenship_by_birth", True, by_birth, by_birth)
    if rb.bool_("president.state_language_required"):
        speaks = _required(person.state_language, "state_language", "true or false")
        checks.add("fluent in the state (Kazakh) language", "president.state_language_required",
                   True, speaks, speaks)
    years = rb.int_("president.residency_years")
    lived = _required(person.residency_years, "residency_years", "a whole number")
    checks.add(f"resident in Kazakhstan for the last {years} years", "president.residency_years",
               years, lived, lived >= years)
    if rb.bool_("president.higher_education_required"):
        educated = _required(person.higher_education, "higher_education", "true or false")
        checks.add("higher education", "president.higher_education_required", True, educated,
                   educated)
    service = rb.optional_int("president.public_service_years")
    if service is not None:
        served = _required(person.public_service_years, "public_service_years", "a whole number")
        checks.add(f"at least {service} years in the civil service or elected public office",
                   "president.public_service_years", service, served, served >= service)
    if person.nomination == "self":
        allowed = rb.bool_("president.self_nomination_allowed")
        checks.add("self-nomination allowed", "president.self_nomination_allowed", True, False,
                   allowed)
    first = person.first_president
    terms, consecutive = person.presidential_terms_served, person.consecutive_terms
    if rb.bool_("president.single_term"):
        checks.add("has not already served a term (single seven-year term)",
                   "president.single_term", 0, terms, terms == 0,
                   note="every earlier presidential term is counted")
    else:
        limit = rb.optional_int("president.max_consecutive_terms")
        if limit is not None:
            exempt = first and rb.bool_("president.first_president_exempt")
            checks.add(f"not more than {limit} consecutive terms"
                       + (" (the First President is exempt)" if exempt else ""),
                       "president.max_consecutive_terms", limit, consecutive,
                       exempt or consecutive < limit)
            if first:
                checks.add("First President's exemption from the term limit",
                           "president.first_president_exempt", True,
                           rb.bool_("president.first_president_exempt"), True)
    return checks.answer("candidate", on, person.name)


def deputy(person: DeputyRequest, on: date) -> Eligibility:
    """A candidate deputy of the Majilis, the Senate, the Kurultai or a maslikhat."""
    rb = rules_at(on)
    chamber = person.chamber
    body = "local_government" if chamber == "maslikhat" else chamber
    if not rb.exists(body):
        raise InputError("chamber", f"the {chamber} does not exist on {on.isoformat()}")
    checks = _Checks(rb)
    citizen = _required(person.citizen, "citizen", "true or false")
    age_key = "local_government.maslikhat_min_age" if chamber == "maslikhat" \
        else f"{chamber}.min_age"
    checks.add("citizen of Kazakhstan", age_key, True, citizen, citizen)
    age = age_on(person.birth_date, on)
    min_age = rb.int_(age_key)
    checks.add(f"at least {min_age} years old", age_key, min_age, age, age >= min_age)
    if chamber in ("majilis", "kurultai"):
        years = rb.int_(f"{chamber}.residency_years")
        lived = _required(person.residency_years, "residency_years", "a whole number")
        checks.add(f"permanently resident in Kazakhstan for the last {years} years",
                   f"{chamber}.residency_years", years, lived, lived >= years)
    if chamber == "senate":
        years = rb.int_("senate.residency_years_in_unit")
        lived = _required(person.residency_years_in_unit, "residency_years_in_unit",
                          "a whole number")
        checks.add(f"resident in the region for at least {years} years",
                   "senate.residency_years_in_unit", years, lived, lived >= years)
        if rb.bool_("senate.higher_education_required"):
            educated = _required(person.higher_education, "higher_education", "true or false")
            checks.add("higher education", "senate.higher_education_required", True, educated,
                       educated)
        work = rb.int_("senate.work_experience_years")
        worked = _required(person.work_experience_years, "work_experience_years", "a whole number")
        checks.add(f"at least {work} years of work experience", "senate.work_experience_years",
                   work, worked, worked >= work)
    return checks.answer("deputy", on, person.name, chamber)


def party(party: PartyRequest, on: date) -> Eligibility:
    """A party's registration (members, regional minimums, initiative group, banned kinds)
    and, if a list is given, its list quota."""
    rb = rules_at(on)
    checks = _Checks(rb)
    members = party.members
    need = rb.int_("parties.min_members")
    checks.add(f"at least {need} members", "parties.min_members", need, members, members >= need)
    per_region = rb.optional_int("parties.min_members_per_region")
    if per_region is not None:
        regions = rb.int_("regions.count")
        if party.members_per_region is not None:
            counts = party.members_per_region
            short = sorted(name for name, value in counts.items() if value < per_region)
            missing = regions - len(counts)
            ok = not short and missing <= 0
            got: Evidence = {"regions_given": len(counts), "below_minimum": short}
        else:
            smallest = _required(party.min_members_per_region, "min_members_per_region",
                                 "a whole number")
            ok, got = smallest >= per_region, smallest
        checks.add(f"at least {per_region} members in each of the {regions} regions",
                   "parties.min_members_per_region", per_region, got, ok)
    group = rb.optional_int("parties.initiative_group_min")
    if group is not None:
        founders = _required(party.initiative_group, "initiative_group", "a whole number")
        checks.add(f"initiative group of at least {group} citizens",
                   "parties.initiative_group_min", group, founders, founders >= group)
    kinds = set(party.kinds)
    banned = sorted(kinds & set(rb.str_list("parties.banned_kinds")))
    checks.add("not a banned kind of party", "parties.banned_kinds", [], banned, not banned)
    listing = party.list_counts
    if listing is not None:
        chamber = "kurultai" if rb.exists("kurultai") else "majilis"
        quota = rb.optional_fraction(f"{chamber}.list_quota_percent")
        groups = rb.str_list("parties.list_quota_groups")
        if quota is not None and groups:
            total = listing.get("candidates")
            if not total:
                raise InputError("list.candidates", "required (the number of candidates)")
            counted = sum(listing.get(group, 0) for group in groups)
            share = Fraction(counted * 100, total)
            checks.add(f"at least {quota}% of the list from: {', '.join(groups)}",
                       f"{chamber}.list_quota_percent", float(quota), round(float(share), 2),
                       share >= quota,
                       note="the quota is read as one combined share of the groups listed in "
                       "parties.list_quota_groups")
    return checks.answer("party", on, party.name)
