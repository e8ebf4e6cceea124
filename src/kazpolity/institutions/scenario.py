"""Reading scenario files: the edge where YAML becomes each procedure's typed request.

Every bad field is an ``InputError`` naming the field and the rule. The procedures take the
requests built here (``parse_dissolve`` → ``DissolveRequest`` ...) and never see the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

import yaml

from kazpolity.errors import InputError
from kazpolity.institutions.appoint import (
    APPOINTERS,
    OFFICES,
    SENATE_CONSENT_OFFICES,
    AppointRequest,
)
from kazpolity.institutions.dissolve import GROUNDS, DissolveRequest
from kazpolity.institutions.dissolve import TARGETS as DISSOLVE_TARGETS
from kazpolity.institutions.eligibility import (
    CHAMBERS,
    CandidateRequest,
    DeputyRequest,
    PartyRequest,
)
from kazpolity.institutions.legislate import INITIATORS as BILL_INITIATORS
from kazpolity.institutions.legislate import KINDS, Bill, LegislateRequest
from kazpolity.institutions.no_confidence import DECISIONS, NoConfidenceRequest
from kazpolity.institutions.no_confidence import TARGETS as NO_CONFIDENCE_TARGETS
from kazpolity.institutions.procedure import Vote
from kazpolity.institutions.referendum_initiative import (
    INITIATORS as REFERENDUM_INITIATORS,
)
from kazpolity.institutions.referendum_initiative import SUBJECTS, ReferendumInitiativeRequest
from kazpolity.institutions.succession import EVENTS, SuccessionRequest
from kazpolity.institutions.votes import CastVote, ExplicitVotes, ModelSpec
from kazpolity.law import check_in_model, rules_at


def load_yaml(path: Path, field: str = "scenario") -> dict[str, object]:
    """A scenario or person file as a mapping."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(field, f"cannot read {path}: {err.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise InputError(field, f"{path} is not valid YAML: {str(err).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise InputError(field, f"{path} must be a mapping of fields")
    return {_key(key): value for key, value in data.items()}


def _key(key: object) -> str:
    """YAML 1.1 reads bare ``yes:`` / ``no:`` keys as booleans; give them their names back."""
    if key is True:
        return "yes"
    if key is False:
        return "no"
    return str(key)


class Fields:
    """Typed access to a scenario mapping, with field paths in every error."""

    def __init__(self, data: Mapping[str, object], prefix: str = "") -> None:
        self.data = data
        self.prefix = prefix

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def day(self, key: str = "date", in_model: bool = True) -> date:
        """A date field; ``in_model`` refuses dates the rulebook does not model."""
        raw = self.data.get(key)
        if raw is None:
            raise InputError(self.name(key), "required: the date the procedure starts (YYYY-MM-DD)")
        if isinstance(raw, date):
            day = raw
        else:
            try:
                day = date.fromisoformat(str(raw))
            except ValueError:
                raise InputError(self.name(key), f"{raw!r} is not a date YYYY-MM-DD") from None
        return check_in_model(day, self.name(key)) if in_model else day

    def optional_day(self, key: str, in_model: bool = True) -> date | None:
        return self.day(key, in_model) if self.has(key) else None

    def text(self, key: str, choices: tuple[str, ...] | None = None,
             default: str | None = None) -> str:
        raw = self.data.get(key, default)
        if raw is None:
            raise InputError(self.name(key), "required" + (
                f" (one of: {', '.join(choices)})" if choices else ""))
        value = _key(raw)
        if choices is not None and value not in choices:
            raise InputError(self.name(key), f"{value!r} is not one of: {', '.join(choices)}")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        raw = self.data.get(key, default)
        if not isinstance(raw, bool):
            raise InputError(self.name(key), f"expected true or false, got {raw!r}")
        return raw

    def count(self, key: str, default: int | None = None) -> int | None:
        raw = self.data.get(key, default)
        if raw is None:
            return None
        if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
            raise InputError(self.name(key), f"expected a non-negative whole number, got {raw!r}")
        return raw

    def texts(self, key: str) -> tuple[str, ...]:
        raw = self.data.get(key, [])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            raise InputError(self.name(key), "expected a list of names")
        return tuple(raw)

    def section(self, key: str) -> Fields | None:
        raw = self.data.get(key)
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise InputError(self.name(key), "expected a mapping")
        return Fields({_key(k): v for k, v in raw.items()}, f"{self.name(key)}.")

    def vote(self, key: str) -> Vote | None:
        """``{yes: 80, no: 20, abstain: 0}`` (checked against the body's size where cast)."""
        section = self.section(key)
        if section is None:
            return None
        yes = section.count("yes", 0) or 0
        no = section.count("no", 0) or 0
        abstain = section.count("abstain", 0) or 0
        unknown = set(section.data) - {"yes", "no", "abstain"}
        if unknown:
            raise InputError(self.name(key), f"unknown field(s) {sorted(unknown)} "
                             "(allowed: yes, no, abstain)")
        return Vote(yes, no, abstain)


def explicit_votes(fields: Fields, prefixed: tuple[str, ...] = ()) -> ExplicitVotes:
    """The votes under ``votes:`` by stage, and under each ``prefixed`` section as
    ``section.stage`` (``override.senate``)."""
    by_stage: dict[str, CastVote] = {}
    for head in ("votes", *prefixed):
        section = fields.section(head)
        if section is None:
            continue
        for key in section.data:
            vote = section.vote(key) if section.has(key) else None
            if vote is not None:
                stage = key if head == "votes" else f"{head}.{key}"
                by_stage[stage] = CastVote(section.name(key), vote)
    return ExplicitVotes(by_stage)


def _probability(model: Fields, name: str, value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
        raise InputError(model.name(name), f"expected a probability 0..1, got {value!r}")
    return float(value)


def parse_model(fields: Fields) -> ModelSpec | None:
    """The voting model (``model:``), if the scenario gives one."""
    model = fields.section("model")
    if model is None:
        return None
    discipline = _probability(model, "discipline", model.data.get("discipline", 0.95))
    senate_yes = _probability(model, "senate_yes", model.data.get("senate_yes", discipline))
    positions: dict[str, bool] = {}
    raw = model.data.get("positions", {})
    if not isinstance(raw, dict):
        raise InputError(model.name("positions"), "expected {faction: yes|no}")
    for party, position in raw.items():
        if position not in ("yes", "no", True, False):
            raise InputError(model.name(f"positions.{party}"), "expected yes or no")
        positions[str(party)] = position in ("yes", True)
    default = model.text("default", ("yes", "no"), "no")
    composition = None
    raw_comp = model.data.get("composition")
    if raw_comp is not None:
        if not isinstance(raw_comp, dict) or not all(
                isinstance(v, int) and not isinstance(v, bool) and v >= 0
                for v in raw_comp.values()):
            raise InputError(model.name("composition"), "expected {faction: seats}")
        composition = {str(k): int(v) for k, v in raw_comp.items()}
    return ModelSpec(discipline, positions, default == "yes", senate_yes, composition)


def parse_bill(fields: Fields) -> Bill:
    """The bill of a ``legislate`` scenario."""
    on = fields.day("date")
    initiator = fields.text("initiator", BILL_INITIATORS)
    if initiator == "halyk_kenesi" and not rules_at(on).exists("halyk_kenesi"):
        raise InputError("initiator", f"the Halyk Kenesi does not exist on {on.isoformat()} "
                         "(it exists from 2026-07-01)")
    return Bill(
        on=on,
        initiator=initiator,
        kind=fields.text("kind", KINDS, "ordinary"),
        urgent=fields.flag("urgent"),
        priority=fields.flag("priority"),
        delegated=fields.flag("delegated"),
        budget_impact=fields.flag("budget_impact"),
        government_conclusion=fields.text("government_conclusion",
                                          ("positive", "negative", "none"),
                                          "positive" if initiator == "government" else "none"),
        parliament=fields.text("parliament", ("consider", "ignore"), "consider"),
        president=fields.text("president", ("sign", "veto", "none"), "sign"),
        president_wording=fields.flag("president_wording"),
        review=fields.text("review", ("conforms", "unconstitutional"))
        if fields.has("review") else None,
        route=fields.text("route", ("parliament", "referendum"), "parliament"),
        constitutional_conclusion=fields.text("constitutional_conclusion",
                                              ("positive", "negative"), "positive"),
    )


def parse_legislate(fields: Fields) -> LegislateRequest:
    bill = parse_bill(fields)
    return LegislateRequest(bill, explicit_votes(fields, ("override", "delegation")),
                            parse_model(fields))


def parse_dissolve(fields: Fields) -> DissolveRequest:
    return DissolveRequest(
        on=fields.day("date"),
        target=fields.text("target", DISSOLVE_TARGETS),
        ground=fields.text("ground", GROUNDS) if fields.has("ground") else None,
        consulted=fields.texts("consulted") if fields.has("consulted") else None,
        state_of_emergency=fields.flag("state_of_emergency"),
        president_term_ends=fields.optional_day("president_term_ends", in_model=False),
        previous_dissolution=fields.optional_day("previous_dissolution", in_model=False),
    )


def parse_no_confidence(fields: Fields) -> NoConfidenceRequest:
    on = fields.day("date")
    target = fields.text("target", NO_CONFIDENCE_TARGETS, "government")
    return NoConfidenceRequest(
        on=on, target=target,
        chamber=fields.text("chamber", ("majilis", "senate", "kurultai"))
        if target == "minister" and fields.has("chamber") else None,
        initiators=fields.count("initiators"),
        president=fields.text("president", DECISIONS) if fields.has("president") else None,
        votes=explicit_votes(fields),
    )


def parse_appoint(fields: Fields) -> AppointRequest:
    on = fields.day("date")
    office = fields.text("office", OFFICES)
    return AppointRequest(
        on=on, office=office,
        candidate=fields.text("candidate", None, "the candidate"),
        attempt=fields.count("attempt", 1) or 1,
        party_member=fields.flag("party_member"),
        appointed_by=fields.text("appointed_by", APPOINTERS[office])
        if office in APPOINTERS and fields.has("appointed_by") else None,
        position=fields.text("position", SENATE_CONSENT_OFFICES)
        if office == "senate-consent" and fields.has("position") else None,
        votes=explicit_votes(fields),
    )


def parse_succession(fields: Fields) -> SuccessionRequest:
    return SuccessionRequest(on=fields.day("date"), event=fields.text("event", EVENTS),
                             initiators=fields.count("initiators"),
                             votes=explicit_votes(fields))


def parse_referendum_initiative(fields: Fields) -> ReferendumInitiativeRequest:
    on = fields.day("date")
    initiator = fields.text("initiator", REFERENDUM_INITIATORS)
    return ReferendumInitiativeRequest(
        on=on, initiator=initiator,
        subject=fields.text("subject", SUBJECTS, "other"),
        president=fields.text("president", ("accept", "reject", "none"),
                              "accept" if initiator == "president" else "none"),
        signatures=fields.count("signatures"),
        signatures_by_region=_counts_by_key(fields, "signatures_by_region"),
        initiative_group_min_per_region=fields.count("initiative_group_min_per_region"),
        topics=fields.texts("topics"),
        votes=explicit_votes(fields),
    )


def _counts_by_key(fields: Fields, key: str) -> dict[str, int] | None:
    """A mapping of names to non-negative whole numbers (``{KZ-AKM: 12500, ...}``)."""
    section = fields.section(key)
    if section is None:
        return None
    counts: dict[str, int] = {}
    for name in section.data:
        count = section.count(name)
        if count is None:
            raise InputError(section.name(name), "expected a non-negative whole number")
        counts[name] = count
    return counts


def _birth(fields: Fields) -> date:
    raw = fields.data.get("birth_date")
    if raw is None:
        raise InputError("birth_date", "required (YYYY-MM-DD)")
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise InputError("birth_date", f"{raw!r} is not a date YYYY-MM-DD") from None


def _name(fields: Fields) -> str | None:
    raw = fields.data.get("name")
    return None if raw is None else str(raw)


def _given_flag(fields: Fields, key: str) -> bool | None:
    return fields.flag(key) if key in fields.data else None


def _counts(fields: Fields, key: str) -> dict[str, int] | None:
    """A mapping of names to whole numbers (``members_per_region``, ``list``)."""
    section = fields.section(key)
    if section is None:
        return None
    return {name: section.count(name) or 0 for name in section.data}


def parse_candidate(fields: Fields) -> CandidateRequest:
    terms = fields.count("presidential_terms_served", 0) or 0
    return CandidateRequest(
        birth_date=_birth(fields), name=_name(fields),
        citizen_by_birth=_given_flag(fields, "citizen_by_birth"),
        state_language=_given_flag(fields, "state_language"),
        residency_years=fields.count("residency_years"),
        higher_education=_given_flag(fields, "higher_education"),
        public_service_years=fields.count("public_service_years"),
        nomination=fields.text("nomination", ("party", "public-association", "self"), "party"),
        first_president=fields.flag("first_president"),
        presidential_terms_served=terms,
        consecutive_terms=fields.count("consecutive_terms", terms) or 0,
    )


def parse_deputy(fields: Fields) -> DeputyRequest:
    return DeputyRequest(
        chamber=fields.text("chamber", CHAMBERS), birth_date=_birth(fields), name=_name(fields),
        citizen=_given_flag(fields, "citizen"),
        residency_years=fields.count("residency_years"),
        residency_years_in_unit=fields.count("residency_years_in_unit"),
        higher_education=_given_flag(fields, "higher_education"),
        work_experience_years=fields.count("work_experience_years"),
    )


def parse_party(fields: Fields) -> PartyRequest:
    members = fields.count("members")
    if members is None:
        raise InputError("members", "required (a whole number)")
    return PartyRequest(
        members=members, name=_name(fields),
        members_per_region=_counts(fields, "members_per_region"),
        min_members_per_region=fields.count("min_members_per_region"),
        initiative_group=fields.count("initiative_group"),
        kinds=fields.texts("kinds"),
        list_counts=_counts(fields, "list"),
    )
