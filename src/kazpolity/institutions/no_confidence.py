"""No-confidence in the Government, and a chamber's request to dismiss a minister.

1995-2007: Parliament, 2/3 of each chamber, on 1/5 of all deputies' initiative (Const. 1995
Art. 53); 2007-2026: the Majilis, a majority of its deputies, on 1/5's initiative (Law
No. 254-III, Art. 56(2)); from 2026 the Kurultai (Constitution of 2026). A minister: 2/3 of a
chamber (Art. 57(6), 1998 text); the President bound from 2017 (Law No. 51-VI, Art. 57(6)).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kazpolity.errors import InputError
from kazpolity.institutions.bodies import SeatStatus, chamber_composition
from kazpolity.institutions.majority import share_needed
from kazpolity.institutions.procedure import ProcedureResult, ProcedureStatus, Step, Trace
from kazpolity.institutions.votes import ExplicitVotes
from kazpolity.law import rules_at
from kazpolity.law.calendar import add_days


def _size(trace: Trace, chamber: str) -> int:
    if chamber == "kurultai":
        return trace.rb.int_("kurultai.seats_total")
    composition = chamber_composition(chamber, trace.on, trace.rb)
    if composition.status in (SeatStatus.DISSOLVED, SeatStatus.NOT_YET_ELECTED):
        raise InputError("date", f"the {chamber} cannot vote on {trace.on.isoformat()}: "
                         f"{composition.status}")
    return composition.size


TARGETS = ("government", "minister")
DECISIONS = ("accept", "decline", "none")


@dataclass(frozen=True)
class NoConfidenceRequest:
    """A vote of no confidence in the Government, or a chamber's request to dismiss a
    minister, as the scenario states it."""

    on: date
    target: str = "government"
    chamber: str | None = None
    """The chamber asking to dismiss a minister (``target: minister`` only)."""
    initiators: int | None = None
    president: str | None = None
    """The President's decision (accept, decline, none); ``None``: as the procedure assumes."""
    votes: ExplicitVotes = field(default_factory=ExplicitVotes)


def no_confidence(request: NoConfidenceRequest) -> ProcedureResult:
    """The vote and its consequence under the rules in force on the date."""
    trace = Trace("no-confidence", rules_at(request.on))
    trace.details["target"] = request.target
    if request.target == "minister":
        return _minister(request, trace)
    return _government(request, trace)


def _government(request: NoConfidenceRequest, trace: Trace) -> ProcedureResult:
    rb, day = trace.rb, trace.on
    votes = request.votes
    by = rb.str_("government.no_confidence_by")
    chambers = ("majilis", "senate") if by == "parliament-each-chamber" else (by,)
    sizes = {chamber: _size(trace, chamber) for chamber in chambers}
    fraction = rb.optional_fraction("government.no_confidence_initiative_fraction")
    initiators = request.initiators
    if fraction is not None:
        base = sum(sizes.values())
        need = share_needed(fraction, base)
        rule = rb.leaf("government.no_confidence_initiative_fraction")
        passed = None if initiators is None else initiators >= need
        trace.add(Step(day, "deputies", f"initiate the vote ({fraction} of {base} deputies)",
                       f"government.no_confidence_initiative_fraction = {fraction}",
                       f"{rule.source.act}, {rule.source.article}", need, initiators, passed,
                       rule.unverified, rule.note if rule.unverified else
                       (None if initiators is not None else "number of initiators not given")))
        if passed is False:
            return trace.result(ProcedureStatus.REJECTED)
    else:
        trace.info(day, "deputies", "initiate the vote",
                   "government.no_confidence_initiative_fraction",
                   note="no initiative threshold is known for this date")
    for chamber in chambers:
        step = trace.vote(day, chamber, "express no confidence in the Government",
                          "government.no_confidence_majority",
                          votes.get(chamber, chamber, sizes[chamber]), sizes[chamber])
        if step.passed is None:
            return trace.result(ProcedureStatus.PENDING)
        if not step.passed:
            return trace.result(ProcedureStatus.REJECTED)
    trace.info(day, "government", "offer its resignation", "government.no_confidence_by")
    days = rb.optional_int("government.no_confidence_president_decides_days")
    deadline = add_days(day, days) if days else None
    may_decline = rb.bool_("government.no_confidence_president_may_decline")
    decision = request.president or "accept"
    if decision == "decline" and not may_decline:
        trace.info(day, "president", "decline the resignation: not allowed",
                   "government.no_confidence_president_may_decline", passed=False,
                   note="the President must accept the resignation")
        decision = "accept"
    when = f" (within {days} days, by {deadline.isoformat()})" if deadline else ""
    if decision == "none":
        trace.info(day, "president", f"decide on the resignation{when}",
                   "government.no_confidence_president_decides_days")
        return trace.result(ProcedureStatus.PENDING)
    if decision == "decline":
        trace.info(day, "president", f"decline the resignation{when}",
                   "government.no_confidence_president_may_decline", passed=True)
        if "government-resignation-declined" in rb.str_list("dissolution.grounds") \
                or "no-confidence" in rb.str_list("dissolution.grounds"):
            trace.info(day, "president", "a ground to dissolve Parliament exists",
                       "dissolution.grounds")
        trace.details["government"] = "stays in office"
        return trace.result(ProcedureStatus.ADOPTED)
    trace.info(day, "president", f"accept the resignation{when}",
               "government.no_confidence_president_decides_days", passed=True)
    trace.details["government"] = "resigns; acts until a new Government is formed"
    return trace.result(ProcedureStatus.ADOPTED)


def _minister(request: NoConfidenceRequest, trace: Trace) -> ProcedureResult:
    rb, day = trace.rb, trace.on
    votes = request.votes
    allowed = rb.str_list("government.minister_dismissal_request_by")
    if request.chamber is None:
        raise InputError("chamber", "required (one of: majilis, senate, kurultai)")
    chamber = request.chamber
    if not rb.exists(chamber):
        raise InputError("chamber", f"the {chamber} does not exist on {day.isoformat()}")
    ok = chamber in allowed
    trace.info(day, chamber, "may ask the President to dismiss a minister",
               "government.minister_dismissal_request_by", passed=ok)
    if not ok:
        return trace.result(ProcedureStatus.REJECTED)
    size = _size(trace, chamber)
    fraction = rb.optional_fraction("government.minister_dismissal_initiative_fraction")
    initiators = request.initiators
    if fraction is not None:
        need = share_needed(fraction, size)
        rule = rb.leaf("government.minister_dismissal_initiative_fraction")
        passed = None if initiators is None else initiators >= need
        trace.add(Step(day, chamber, f"initiate the request ({fraction} of {size})",
                       f"government.minister_dismissal_initiative_fraction = {fraction}",
                       f"{rule.source.act}, {rule.source.article}", need, initiators, passed,
                       rule.unverified, rule.note if rule.unverified else None))
        if passed is False:
            return trace.result(ProcedureStatus.REJECTED)
    step = trace.vote(day, chamber, "ask the President to dismiss the minister",
                      "government.minister_dismissal_majority",
                      votes.get(chamber, chamber, size), size)
    if step.passed is None:
        return trace.result(ProcedureStatus.PENDING)
    if not step.passed:
        return trace.result(ProcedureStatus.REJECTED)
    if rb.bool_("government.minister_dismissal_president_bound"):
        trace.info(day, "president", "dismiss the minister (bound by the request)",
                   "government.minister_dismissal_president_bound", passed=True)
        trace.details["minister"] = "dismissed"
        return trace.result(ProcedureStatus.ADOPTED)
    decision = request.president or "none"
    trace.info(day, "president", f"decide on the request: {decision} (not bound)",
               "government.minister_dismissal_president_bound",
               passed=None if decision == "none" else decision == "accept")
    if decision == "none":
        return trace.result(ProcedureStatus.PENDING)
    trace.details["minister"] = "dismissed" if decision == "accept" else "stays"
    return trace.result(ProcedureStatus.ADOPTED if decision == "accept"
                        else ProcedureStatus.REJECTED)
