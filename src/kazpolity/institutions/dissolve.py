"""Dissolution of Parliament, the Majilis or the Kurultai, checked against the limits.

Grounds (1995-2007), consultations (2007-2026), the 2026 text; and the three limits: not in
a state of emergency or martial law, not in the last six months of the President's term,
not within a year of the previous dissolution. Early elections follow within two months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kazpolity.errors import InputError
from kazpolity.institutions.holders import dissolutions_before, presidential_term_on
from kazpolity.institutions.procedure import ProcedureResult, ProcedureStatus, Trace
from kazpolity.law import rules_at
from kazpolity.law.calendar import add_months, add_years

GROUNDS = ("no-confidence", "pm-consent-refused-twice", "political-crisis",
           "government-resignation-declined", "consent-or-election-refused-twice")




TARGETS = ("parliament", "majilis", "kurultai")


@dataclass(frozen=True)
class DissolveRequest:
    """The President's act as the scenario states it."""

    on: date
    target: str
    ground: str | None = None
    consulted: tuple[str, ...] | None = None
    """Offices consulted; ``None``: all the consultations the rule requires were held."""
    state_of_emergency: bool = False
    president_term_ends: date | None = None
    """Overrides the recorded presidential term."""
    previous_dissolution: date | None = None
    """Overrides the recorded dissolutions."""


def dissolve(request: DissolveRequest) -> ProcedureResult:
    """The dissolution checked against the grounds, consultations and limits in force."""
    on, rb = request.on, rules_at(request.on)
    trace = Trace("dissolve", rb)
    trace.details["target"] = request.target
    for check in (_dissolvable, _grounds, _consultations, _not_in_emergency, _not_at_term_end,
                  _not_too_soon):
        if not check(request, trace):
            return trace.result(ProcedureStatus.REJECTED)
    election_by = add_months(on, rb.int_("dissolution.early_election_within_months"))
    trace.info(on, "central_election_commission", f"early election by {election_by.isoformat()}",
               "dissolution.early_election_within_months")
    if request.target == "majilis" and rb.bool_("dissolution.senate_legislates_without_majilis"):
        trace.info(on, "senate", "performs Parliament's law-making functions until the new "
                   "Majilis meets", "dissolution.senate_legislates_without_majilis")
    trace.details["early_election_by"] = election_by.isoformat()
    return trace.result(ProcedureStatus.ADOPTED)


def _dissolvable(request: DissolveRequest, trace: Trace) -> bool:
    ok = request.target in trace.rb.str_list("dissolution.dissolvable")
    trace.info(trace.on, "president", f"dissolve the {request.target}",
               "dissolution.dissolvable", passed=ok)
    return ok


def _grounds(request: DissolveRequest, trace: Trace) -> bool:
    """A listed ground where the text requires one (1995-2007); else an occasion, noted."""
    rb, on, ground = trace.rb, trace.on, request.ground
    if rb.bool_("dissolution.grounds_required"):
        good = ground in rb.str_list("dissolution.grounds")
        trace.info(on, "president", f"ground invoked: {ground or 'none'}", "dissolution.grounds",
                   passed=good)
        return good
    if ground is not None:
        trace.info(on, "president", f"occasion: {ground} (no ground is "
                   "required)", "dissolution.grounds_required")
    return True


def _consultations(request: DissolveRequest, trace: Trace) -> bool:
    required = trace.rb.str_list("dissolution.consultations")
    if not required:
        return True
    done = set(request.consulted) if request.consulted is not None else set(required)
    missing = [office for office in required if office not in done]
    trace.info(trace.on, "president", "consult " + ", ".join(required),
               "dissolution.consultations", passed=not missing,
               note=f"not consulted: {', '.join(missing)}" if missing else None)
    return not missing


def _not_in_emergency(request: DissolveRequest, trace: Trace) -> bool:
    emergency = request.state_of_emergency
    barred = emergency and trace.rb.bool_("dissolution.barred_in_emergency")
    trace.info(trace.on, "president", "no state of emergency or martial law" if not emergency
               else "a state of emergency or martial law is in force",
               "dissolution.barred_in_emergency", passed=not barred)
    return not barred


def _not_at_term_end(request: DissolveRequest, trace: Trace) -> bool:
    """Not in the last months of the President's term (the recorded term, or the one given)."""
    on = trace.on
    months = trace.rb.int_("dissolution.barred_last_months_of_presidency")
    term = presidential_term_on(on)
    if request.president_term_ends is not None:
        ends, exact, label = request.president_term_ends, True, "given"
    elif term is not None:
        ends, exact = term.ends, term.ends_exact
        label = f"term of the {term.elected.isoformat()} election"
    else:
        raise InputError("president_term_ends", "no presidential term is recorded for this date; "
                         "give president_term_ends")
    barred_from = add_months(ends, -months)
    in_window = barred_from <= on < ends
    trace.info(on, "president", f"not in the last {months} months of the President's term "
               f"({label}, ends {ends.isoformat()}{'' if exact else ' approx.'}; barred from "
               f"{barred_from.isoformat()})", "dissolution.barred_last_months_of_presidency",
               passed=not in_window)
    return not in_window


def _not_too_soon(request: DissolveRequest, trace: Trace) -> bool:
    """Not within the rule's years of the previous dissolution (recorded, or given)."""
    on = trace.on
    years = trace.rb.int_("dissolution.min_years_between")
    previous = request.previous_dissolution
    recorded = dissolutions_before(on)
    doubt = None
    if previous is None and recorded:
        previous = recorded[-1].on
        if recorded[-1].unverified:
            doubt = f"the dissolution of {previous.isoformat()} is UNVERIFIED: {recorded[-1].note}"
    if previous is None:
        trace.info(on, "president", "no previous dissolution recorded",
                   "dissolution.min_years_between", passed=True)
        return True
    allowed_from = add_years(previous, years)
    ok = on >= allowed_from
    trace.info(on, "president", f"not within {years} year(s) of the previous dissolution "
               f"({previous.isoformat()}; allowed from {allowed_from.isoformat()})",
               "dissolution.min_years_between", passed=ok, note=doubt)
    return ok
