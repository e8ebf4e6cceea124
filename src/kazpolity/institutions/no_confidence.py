"""No-confidence in the Government, and a chamber's request to dismiss a minister.

1995-2007: Parliament, 2/3 of each chamber, on 1/5 of all deputies' initiative (N1);
2007-2026: the Majilis, a majority of its deputies, on 1/5's initiative (N2); from 2026 the
Kurultai (N4). A minister: 2/3 of a chamber; the President bound from 2017 (N3).
"""

from __future__ import annotations

from typing import Any

from kazpolity.errors import InputError
from kazpolity.institutions.bodies import chamber_composition
from kazpolity.institutions.majority import share_needed
from kazpolity.institutions.procedure import ProcedureResult, Step, Trace
from kazpolity.institutions.scenario import Fields
from kazpolity.institutions.votes import ExplicitVotes
from kazpolity.law import rules_at
from kazpolity.law.calendar import add_days


def _size(trace: Trace, chamber: str) -> int:
    if chamber == "kurultai":
        return trace.rb.int_("kurultai.seats_total")
    composition = chamber_composition(chamber, trace.on, trace.rb)
    if composition.status in ("dissolved", "not-yet-elected"):
        raise InputError("date", f"the {chamber} cannot vote on {trace.on.isoformat()}: "
                         f"{composition.status}")
    return composition.size


def no_confidence(fields: Fields) -> dict[str, Any]:
    on = fields.day("date")
    target = fields.text("target", ("government", "minister"), "government")
    trace = Trace("no-confidence", rules_at(on))
    trace.extra["target"] = target
    votes = ExplicitVotes(fields)
    if target == "minister":
        return _minister(fields, trace, votes).to_json()
    return _government(fields, trace, votes).to_json()


def _government(fields: Fields, trace: Trace, votes: ExplicitVotes) -> ProcedureResult:
    rb, day = trace.rb, trace.on
    by = rb.str_("government.no_confidence_by")
    chambers = ("majilis", "senate") if by == "parliament-each-chamber" else (by,)
    sizes = {chamber: _size(trace, chamber) for chamber in chambers}
    fraction = rb.optional_fraction("government.no_confidence_initiative_fraction")
    initiators = fields.count("initiators")
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
            return trace.result("rejected")
    else:
        trace.info(day, "deputies", "initiate the vote",
                   "government.no_confidence_initiative_fraction",
                   note="no initiative threshold is known for this date")
    for chamber in chambers:
        step = trace.vote(day, chamber, "express no confidence in the Government",
                          "government.no_confidence_majority",
                          votes.get(chamber, chamber, sizes[chamber]), sizes[chamber])
        if step.passed is None:
            return trace.result("pending")
        if not step.passed:
            return trace.result("rejected")
    trace.info(day, "government", "offer its resignation", "government.no_confidence_by")
    days = rb.optional_int("government.no_confidence_president_decides_days")
    deadline = add_days(day, days) if days else None
    may_decline = rb.bool_("government.no_confidence_president_may_decline")
    decision = fields.text("president", ("accept", "decline", "none"), "accept")
    if decision == "decline" and not may_decline:
        trace.info(day, "president", "decline the resignation: not allowed",
                   "government.no_confidence_president_may_decline", passed=False,
                   note="the President must accept the resignation")
        decision = "accept"
    when = f" (within {days} days, by {deadline.isoformat()})" if deadline else ""
    if decision == "none":
        trace.info(day, "president", f"decide on the resignation{when}",
                   "government.no_confidence_president_decides_days")
        return trace.result("pending")
    if decision == "decline":
        trace.info(day, "president", f"decline the resignation{when}",
                   "government.no_confidence_president_may_decline", passed=True)
        if "government-resignation-declined" in rb.str_list("dissolution.grounds") \
                or "no-confidence" in rb.str_list("dissolution.grounds"):
            trace.info(day, "president", "a ground to dissolve Parliament exists",
                       "dissolution.grounds")
        trace.extra["government"] = "stays in office"
        return trace.result("adopted")
    trace.info(day, "president", f"accept the resignation{when}",
               "government.no_confidence_president_decides_days", passed=True)
    trace.extra["government"] = "resigns; acts until a new Government is formed"
    return trace.result("adopted")


def _minister(fields: Fields, trace: Trace, votes: ExplicitVotes) -> ProcedureResult:
    rb, day = trace.rb, trace.on
    allowed = rb.str_list("government.minister_dismissal_request_by")
    chamber = fields.text("chamber", ("majilis", "senate", "kurultai"))
    if not rb.exists(chamber):
        raise InputError("chamber", f"the {chamber} does not exist on {day.isoformat()}")
    ok = chamber in allowed
    trace.info(day, chamber, "may ask the President to dismiss a minister",
               "government.minister_dismissal_request_by", passed=ok)
    if not ok:
        return trace.result("rejected")
    size = _size(trace, chamber)
    fraction = rb.optional_fraction("government.minister_dismissal_initiative_fraction")
    initiators = fields.count("initiators")
    if fraction is not None:
        need = share_needed(fraction, size)
        rule = rb.leaf("government.minister_dismissal_initiative_fraction")
        passed = None if initiators is None else initiators >= need
        trace.add(Step(day, chamber, f"initiate the request ({fraction} of {size})",
                       f"government.minister_dismissal_initiative_fraction = {fraction}",
                       f"{rule.source.act}, {rule.source.article}", need, initiators, passed,
                       rule.unverified, rule.note if rule.unverified else None))
        if passed is False:
            return trace.result("rejected")
    step = trace.vote(day, chamber, "ask the President to dismiss the minister",
                      "government.minister_dismissal_majority",
                      votes.get(chamber, chamber, size), size)
    if step.passed is None:
        return trace.result("pending")
    if not step.passed:
        return trace.result("rejected")
    if rb.bool_("government.minister_dismissal_president_bound"):
        trace.info(day, "president", "dismiss the minister (bound by the request)",
                   "government.minister_dismissal_president_bound", passed=True)
        trace.extra["minister"] = "dismissed"
        return trace.result("adopted")
    decision = fields.text("president", ("accept", "decline", "none"), "none")
    trace.info(day, "president", f"decide on the request: {decision} (not bound)",
               "government.minister_dismissal_president_bound",
               passed=None if decision == "none" else decision == "accept")
    if decision == "none":
        return trace.result("pending")
    trace.extra["minister"] = "dismissed" if decision == "accept" else "stays"
    return trace.result("adopted" if decision == "accept" else "rejected")
