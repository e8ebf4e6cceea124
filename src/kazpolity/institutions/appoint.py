"""Appointments and consents: the Prime Minister, the Vice President, Constitutional
Council/Court members, Supreme Court judges, and officials who need the Senate's consent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from kazpolity.errors import InputError
from kazpolity.institutions.bodies import SeatStatus, chamber_composition
from kazpolity.institutions.procedure import ProcedureResult, ProcedureStatus, Trace
from kazpolity.institutions.votes import ExplicitVotes
from kazpolity.law import rules_at

OFFICES = ("prime-minister", "vice-president", "constitutional-court-chair",
           "constitutional-court-judge", "constitutional-council-member",
           "supreme-court-judge", "senate-consent")
SENATE_CONSENT_OFFICES = ("prosecutor_general", "knb_chair", "national_bank_chair",
                          "constitutional_court_chair", "judicial_council_chair")
APPOINTERS = {"constitutional-court-judge": ("president", "senate", "majilis", "kurultai"),
              "constitutional-council-member": ("president", "senate", "majilis")}
"""Who may appoint, for the offices whose members several bodies appoint."""


@dataclass(frozen=True)
class AppointRequest:
    """An appointment as the scenario states it."""

    on: date
    office: str
    candidate: str = "the candidate"
    attempt: int = 1
    """The Prime Minister: which submission of the candidate this is."""
    party_member: bool = False
    """The Vice President: the candidate belongs to a party."""
    appointed_by: str | None = None
    """Constitutional Court judges and Council members: the appointing body."""
    position: str | None = None
    """Senate consent: the office (one of ``SENATE_CONSENT_OFFICES``)."""
    votes: ExplicitVotes = field(default_factory=ExplicitVotes)


def _size(trace: Trace, chamber: str) -> int:
    composition = chamber_composition(chamber, trace.on, trace.rb)
    if composition.status in (SeatStatus.DISSOLVED, SeatStatus.NOT_YET_ELECTED):
        raise InputError("date", f"the {chamber} cannot vote on {trace.on.isoformat()}: "
                         f"{composition.status} ({composition.note})")
    if composition.status == SeatStatus.UNKNOWN and chamber != "kurultai":
        raise InputError("date", f"the {chamber}'s membership on {trace.on.isoformat()} is unknown")
    return composition.size


DEFAULT_MAJORITY = ("no majority is stated for this vote; a majority of all members (the "
                    "default for a chamber's acts, Const. Art. 62(5)) is applied")


def _chamber_vote(trace: Trace, votes: ExplicitVotes, chamber: str, action: str,
                  key: str, majority: str | None = None) -> bool | None:
    if not trace.rb.exists(chamber):
        raise InputError("date", f"the {chamber} does not exist on {trace.on.isoformat()}")
    size = _size(trace, chamber) if chamber != "kurultai" else trace.rb.int_(
        "kurultai.seats_total")
    step = trace.vote(trace.on, chamber, action, key, votes.get(chamber, chamber, size), size,
                      majority=majority, assumed=DEFAULT_MAJORITY if majority else None)
    return step.passed


def appoint(request: AppointRequest) -> ProcedureResult:
    """The appointment through the consents in force on the date."""
    trace = Trace("appoint", rules_at(request.on))
    trace.details.update({"office": request.office, "candidate": request.candidate})
    handler: Callable[[AppointRequest, Trace, ExplicitVotes], ProcedureResult] = {
        "prime-minister": _prime_minister,
        "vice-president": _vice_president,
        "constitutional-court-chair": _court_chair,
        "constitutional-court-judge": _court_judge,
        "constitutional-council-member": _council_member,
        "supreme-court-judge": _supreme_court,
        "senate-consent": _senate_consent,
    }[request.office]
    return handler(request, trace, request.votes)


def _appointer(request: AppointRequest) -> str:
    if request.appointed_by is None:
        raise InputError("appointed_by",
                         f"required (one of: {', '.join(APPOINTERS[request.office])})")
    return request.appointed_by


def _outcome(trace: Trace, passed: bool | None, what: str) -> ProcedureResult:
    if passed is None:
        return trace.result(ProcedureStatus.PENDING)
    trace.info(trace.on, "president", what if passed else "the appointment fails", None,
               passed=passed)
    return trace.result(ProcedureStatus.ADOPTED if passed else ProcedureStatus.REJECTED)


def _prime_minister(request: AppointRequest, trace: Trace, votes: ExplicitVotes) -> ProcedureResult:
    rb, day = trace.rb, trace.on
    if rb.bool_("government.pm_after_faction_consultations"):
        trace.info(day, "president", "consult the party factions of the Majilis/Kurultai",
                   "government.pm_after_faction_consultations")
    consent_by = rb.str_("government.pm_consent_by")
    attempt = request.attempt
    if consent_by == "parliament-each-chamber":
        trace.info(day, "parliament", "joint sitting on the candidate; votes counted per chamber",
                   "government.pm_consent_by")
        passed: bool | None = True
        for chamber in ("majilis", "senate"):
            result = _chamber_vote(trace, votes, chamber, "consent to the Prime Minister",
                                   "government.pm_consent_majority")
            if result is None:
                return trace.result(ProcedureStatus.PENDING)
            passed = passed and result
    else:
        passed = _chamber_vote(trace, votes, consent_by, "consent to the Prime Minister",
                               "government.pm_consent_majority")
    if passed is False:
        grounds = rb.str_list("dissolution.grounds")
        if attempt >= 2 and ("pm-consent-refused-twice" in grounds
                             or "consent-or-election-refused-twice" in grounds):
            trace.info(day, "president", "consent refused a second time: the President may "
                       "dissolve the legislature", "dissolution.grounds")
    return _outcome(trace, passed, "appoint the Prime Minister")


def _vice_president(request: AppointRequest, trace: Trace, votes: ExplicitVotes) -> ProcedureResult:
    if not trace.rb.exists("vice_president"):
        raise InputError("office", f"there is no Vice President on {trace.on.isoformat()} "
                         "(the office exists from 2026-07-01)")
    if request.party_member:
        trace.info(trace.on, "candidate", "party member: must leave the party to serve",
                   "vice_president.may_be_party_member", passed=False)
        return trace.result(ProcedureStatus.REJECTED)
    passed = _chamber_vote(trace, votes, trace.rb.str_("vice_president.consent_by"),
                           "consent to the Vice President", "vice_president.consent_majority")
    return _outcome(trace, passed, "appoint the Vice President")


def _court_chair(request: AppointRequest, trace: Trace, votes: ExplicitVotes) -> ProcedureResult:
    if not trace.rb.exists("constitutional_court"):
        raise InputError("office", f"there is no Constitutional Court on {trace.on.isoformat()} "
                         "(from 2023-01-01; the Constitutional Council before)")
    consent_by = trace.rb.str_("constitutional_court.chair_consent_by")
    passed = _chamber_vote(trace, votes, consent_by, "consent to the chair of the "
                           "Constitutional Court", "constitutional_court.chair_consent_by",
                           majority="majority-of-total")
    return _outcome(trace, passed, "appoint the chair of the Constitutional Court")


def _court_judge(request: AppointRequest, trace: Trace, votes: ExplicitVotes) -> ProcedureResult:
    rb, day = trace.rb, trace.on
    if not rb.exists("constitutional_court"):
        raise InputError("office", f"there is no Constitutional Court on {day.isoformat()}")
    by = _appointer(request)
    consent = rb.optional_str("constitutional_court.judges_consent_by")
    if by == "kurultai" or consent:
        passed = _chamber_vote(trace, votes, "kurultai", "consent to the judge",
                               "constitutional_court.judges_consent_by",
                               majority="majority-of-total")
        return _outcome(trace, passed, "appoint the judge")
    key = f"constitutional_court.judges_by_{by}"
    quota = rb.optional_int(key)
    trace.info(day, by, f"appoint one of its {quota} judges", key, passed=bool(quota))
    if not quota:
        return trace.result(ProcedureStatus.REJECTED)
    if by == "president":
        return _outcome(trace, True, "appoint the judge")
    passed = _chamber_vote(trace, votes, by, "appoint the judge on the chair's proposal", key,
                           majority="majority-of-total")
    return _outcome(trace, passed, "the judge is appointed")


def _council_member(request: AppointRequest, trace: Trace, votes: ExplicitVotes) -> ProcedureResult:
    rb, day = trace.rb, trace.on
    if not rb.exists("constitutional_council"):
        raise InputError("office", f"there is no Constitutional Council on {day.isoformat()} "
                         "(1995-12-29 to 2022-12-31)")
    by = _appointer(request)
    key = f"constitutional_council.appointed_by_{by}"
    trace.info(day, by, f"appoint one of its {rb.int_(key)} members", key, passed=True)
    if by == "president":
        return _outcome(trace, True, "appoint the member")
    made_by = rb.str_("constitutional_council.chamber_appointments_made_by")
    trace.info(day, f"{by}_chair", f"appointment made by: {made_by}",
               "constitutional_council.chamber_appointments_made_by")
    if made_by == "chamber-chair":
        return _outcome(trace, True, "the chamber chair appoints the member")
    passed = _chamber_vote(trace, votes, by, "appoint the member on the chair's proposal", key,
                           majority="majority-of-total")
    return _outcome(trace, passed, "the member is appointed")


def _supreme_court(request: AppointRequest, trace: Trace, votes: ExplicitVotes) -> ProcedureResult:
    rb, day = trace.rb, trace.on
    trace.info(day, "supreme_judicial_council", "recommend the candidate",
               "courts.supreme_court_recommended_by")
    trace.info(day, "president", "nominate the candidate", "courts.supreme_court_nominated_by")
    chamber = rb.str_("courts.supreme_court_elected_by")
    passed = _chamber_vote(trace, votes, chamber, "elect the Supreme Court judge",
                           "courts.supreme_court_election_majority")
    if passed is None:
        return trace.result(ProcedureStatus.PENDING)
    return trace.result(ProcedureStatus.ADOPTED if passed else ProcedureStatus.REJECTED)


def _senate_consent(request: AppointRequest, trace: Trace, votes: ExplicitVotes) -> ProcedureResult:
    rb, day = trace.rb, trace.on
    if not rb.exists("senate"):
        raise InputError("date", f"there is no Senate on {day.isoformat()}")
    if request.position is None:
        raise InputError("position", f"required (one of: {', '.join(SENATE_CONSENT_OFFICES)})")
    position = request.position
    listed = position in rb.str_list("senate.consents_to")
    trace.info(day, "senate", f"consent needed for {position}: {'yes' if listed else 'no'}",
               "senate.consents_to", passed=listed)
    if not listed:
        trace.notes.append(f"the Senate's consent to the {position} is not required on this "
                           "date; the President appoints alone")
        return _outcome(trace, True, f"appoint the {position}")
    passed = _chamber_vote(trace, votes, "senate", f"consent to the {position}",
                           "senate.consents_to", majority="majority-of-total")
    return _outcome(trace, passed, f"appoint the {position}")
