"""Early termination of the presidency: succession, and removal for treason or incapacity.

1995-2026 (Art. 48): the Senate chair, then the Majilis chair, then the Prime Minister take
over for the rest of the term, leaving their posts (used on 2019-03-20). From 2026 the Vice
President acts until an extraordinary election within two months. Removal: the accusation
and investigation (treason), then 3/4 of each chamber at a joint sitting (of all Kurultai
deputies from 2026).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from kazpolity.errors import InputError
from kazpolity.institutions.bodies import SeatStatus, chamber_composition
from kazpolity.institutions.holders import holder_on, presidential_term_on
from kazpolity.institutions.majority import share_needed
from kazpolity.institutions.procedure import ProcedureResult, ProcedureStatus, Step, Trace
from kazpolity.institutions.votes import ExplicitVotes
from kazpolity.law import rules_at
from kazpolity.law.calendar import add_days, add_months

EVENTS = ("resignation", "death", "incapacity", "treason")
OFFICE_KEYS = {"vice-president": "vice_president", "senate-chair": "senate_chair",
               "majilis-chair": "majilis_chair", "kurultai-chair": "kurultai_chair",
               "prime-minister": "prime_minister"}


def _size(trace: Trace, chamber: str) -> int:
    if chamber == "kurultai":
        return trace.rb.int_("kurultai.seats_total")
    composition = chamber_composition(chamber, trace.on, trace.rb)
    if composition.status in (SeatStatus.DISSOLVED, SeatStatus.NOT_YET_ELECTED):
        raise InputError("date", f"the {chamber} cannot vote on {trace.on.isoformat()}")
    return composition.size


@dataclass(frozen=True)
class SuccessionRequest:
    """The early end of a presidency as the scenario states it."""

    on: date
    event: str
    initiators: int | None = None
    """Treason: the deputies who initiate the accusation."""
    votes: ExplicitVotes = field(default_factory=ExplicitVotes)


def succession(request: SuccessionRequest) -> ProcedureResult:
    """Who takes over, for how long, and (removal) whether the chambers remove the President."""
    on, event = request.on, request.event
    rb = rules_at(on)
    trace = Trace("succession", rb)
    trace.details["event"] = event
    president = holder_on("president", on - timedelta(days=1))
    trace.details["outgoing_president"] = president.holder
    if event in ("incapacity", "treason"):
        removed = _removal(request, trace)
        if removed is not True:
            return trace.result(ProcedureStatus.PENDING if removed is None
                                else ProcedureStatus.REJECTED)
    else:
        trace.info(on, "president", f"the presidency ends early ({event})",
                   None, article_text=(
                       "Constitution of 1995, Art. 42(3), 48" if not rb.exists("vice_president")
                       else "Constitution of 2026, Section III"), passed=True)
        if event == "resignation" and rb.optional_str("succession.resignation_certified_by"):
            trace.info(on, "constitutional_court", "certify the resignation",
                       "succession.resignation_certified_by", passed=True)
    successor = _successor(trace)
    if successor is None:
        trace.notes.append("no successor can be named from the data for this date")
        trace.details["successor"] = None
        return trace.result(ProcedureStatus.PENDING)
    office, name = successor
    trace.details["successor"] = name if name else f"the {office} (name UNKNOWN in the data)"
    trace.details["successor_office"] = office
    serves = rb.str_("succession.successor_serves")
    if serves == "rest-of-term":
        term = presidential_term_on(on)
        if term is None:
            raise InputError("date", "no presidential term is recorded for this date")
        trace.info(on, office, f"serves the rest of the term: until {term.ends.isoformat()}"
                   + ("" if term.ends_exact else " (approx.: counted from the election of "
                      f"{term.elected.isoformat()}; the exact day is set by the inauguration)"),
                   "succession.successor_serves", passed=True)
        if rb.bool_("succession.successor_leaves_former_post"):
            trace.info(on, office, f"leaves the post of {office}",
                       "succession.successor_leaves_former_post")
        trace.details["serves_until"] = term.ends.isoformat()
        trace.details["serves_until_exact"] = term.ends_exact
    else:
        months = rb.optional_int("succession.early_election_within_months") or 2
        days = rb.optional_int("succession.early_election_announced_within_days")
        election_by = add_months(on, months)
        if days:
            trace.info(on, "president", f"announce the extraordinary election by "
                       f"{add_days(on, days).isoformat()}",
                       "succession.early_election_announced_within_days")
        trace.info(on, office, f"acts as President until the extraordinary election, held by "
                   f"{election_by.isoformat()}", "succession.early_election_within_months",
                   passed=True)
        trace.details["serves_until"] = f"the extraordinary election (by {election_by.isoformat()})"
        trace.details["serves_until_exact"] = False
    return trace.result(ProcedureStatus.ADOPTED)


def _successor(trace: Trace) -> tuple[str, str | None] | None:
    """The first office in the order of succession that is held: (office, holder or None
    where the holder's name is not in the data); ``None`` if no office in the order is."""
    on = trace.on
    for office in trace.rb.str_list("succession.order"):
        answer = holder_on(OFFICE_KEYS[office], on - timedelta(days=1)) \
            if office != "vice-president" else holder_on("vice_president", on)
        if answer.status == "held":
            trace.info(on, office, f"takes over the President's powers: {answer.holder}",
                       "succession.order", passed=True)
            return office, answer.holder
        if answer.status == "unknown":
            trace.info(on, office, "takes over the President's powers: the holder of this "
                       "office, whose name is not in the data", "succession.order", passed=True,
                       note=answer.tenure.note if answer.tenure else None)
            return office, None
        trace.info(on, office, f"{office}: {answer.text()}; next in order", "succession.order",
                   passed=None)
    return None


def _accusation(request: SuccessionRequest, trace: Trace, chamber: str) -> bool | None:
    """Treason: a share of the accusing chamber initiates, a majority of it accuses (the
    Majilis, Const. 1995 Art. 47(2); the Kurultai, C2026 Art. 50(3)), the Senate investigates
    (until 2026), and the final decision is due within the deadline."""
    rb, day, votes = trace.rb, trace.on, request.votes
    size = _size(trace, chamber)
    fraction = rb.optional_fraction("succession.treason_initiative_fraction")
    initiators = request.initiators
    if fraction is not None:
        rule = rb.leaf("succession.treason_initiative_fraction")
        need = share_needed(fraction, size)
        passed = None if initiators is None else initiators >= need
        trace.add(Step(day, chamber, f"initiate the accusation ({fraction} of {size})",
                       f"succession.treason_initiative_fraction = {fraction}",
                       f"{rule.source.act}, {rule.source.article}", need, initiators,
                       passed, rule.unverified, rule.note))
        if passed is False:
            return False
    step = trace.vote(day, chamber, "bring the accusation of high treason",
                      "succession.treason_accusation_majority",
                      votes.get("accusation", chamber, size), size)
    if not step.passed:
        return step.passed
    if rb.optional_str("succession.treason_senate_investigation_majority") is not None:
        s_size = _size(trace, "senate")
        step = trace.vote(day, "senate", "investigation: support the accusation",
                          "succession.treason_senate_investigation_majority",
                          votes.get("investigation", "senate", s_size), s_size)
        if not step.passed:
            return step.passed
    months = rb.optional_int("succession.removal_deadline_months")
    if months:
        trace.info(day, chamber, f"decide by {add_months(day, months).isoformat()}, "
                   "else the accusation is rejected", "succession.removal_deadline_months")
    return True


def _removal(request: SuccessionRequest, trace: Trace) -> bool | None:
    rb, day, event = trace.rb, trace.on, request.event
    votes = request.votes
    unicameral = rb.exists("kurultai")
    accusing = "kurultai" if unicameral else "majilis"
    if event == "treason":
        accused = _accusation(request, trace, accusing)
        if accused is not True:
            return accused
    elif event == "incapacity":
        trace.info(day, "parliament", "commission of deputies and medical specialists", None,
                   article_text="Constitution, Art. 47(1)" if not unicameral
                   else "Constitution of 2026, Art. 50(2)")
    conclusion = rb.optional_str("succession.removal_procedure_conclusion_by")
    if conclusion:
        trace.info(day, conclusion, "conclusion that the procedure was observed",
                   "succession.removal_procedure_conclusion_by")
    chambers = ("kurultai",) if unicameral else ("majilis", "senate")
    for chamber in chambers:
        size = _size(trace, chamber)
        step = trace.vote(day, chamber, "remove the President" + (
            "" if unicameral else " (joint sitting)"), "succession.removal_majority",
            votes.get(chamber, chamber, size), size)
        if not step.passed:
            if step.passed is False and event == "treason" and rb.value(
                    "succession.failed_accusation_ends_initiators_mandates") is True:
                trace.info(day, accusing, "the initiators' mandates end",
                           "succession.failed_accusation_ends_initiators_mandates")
            return step.passed
    return True
