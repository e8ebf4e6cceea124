"""Dissolution of Parliament, the Majilis or the Kurultai, checked against the limits.

Grounds (1995-2007), consultations (2007-2026), the 2026 text; and the three limits: not in
a state of emergency or martial law, not in the last six months of the President's term,
not within a year of the previous dissolution. Early elections follow within two months.
"""

from __future__ import annotations

from typing import Any

from kazpolity.errors import InputError
from kazpolity.institutions.holders import dissolutions_before, presidential_term_on
from kazpolity.institutions.procedure import Trace
from kazpolity.institutions.scenario import Fields
from kazpolity.law import rules_at
from kazpolity.law.calendar import add_months, add_years

GROUNDS = ("no-confidence", "pm-consent-refused-twice", "political-crisis",
           "government-resignation-declined", "consent-or-election-refused-twice")




def dissolve(fields: Fields) -> dict[str, Any]:
    on = fields.day("date")
    rb = rules_at(on)
    trace = Trace("dissolve", rb)
    target = fields.text("target", ("parliament", "majilis", "kurultai"))
    trace.extra["target"] = target
    allowed = rb.str_list("dissolution.dissolvable")
    ok = target in allowed
    trace.info(on, "president", f"dissolve the {target}", "dissolution.dissolvable", passed=ok)
    if not ok:
        return trace.result("rejected").to_json()
    if rb.bool_("dissolution.grounds_required"):
        ground = fields.text("ground", GROUNDS) if fields.has("ground") else None
        listed = rb.str_list("dissolution.grounds")
        good = ground in listed
        trace.info(on, "president", f"ground invoked: {ground or 'none'}", "dissolution.grounds",
                   passed=good)
        if not good:
            return trace.result("rejected").to_json()
    elif fields.has("ground"):
        trace.info(on, "president", f"occasion: {fields.text('ground', GROUNDS)} (no ground is "
                   "required)", "dissolution.grounds_required")
    required = rb.str_list("dissolution.consultations")
    if required:
        done = set(fields.texts("consulted")) if fields.has("consulted") else set(required)
        missing = [office for office in required if office not in done]
        trace.info(on, "president", "consult " + ", ".join(required), "dissolution.consultations",
                   passed=not missing,
                   note=f"not consulted: {', '.join(missing)}" if missing else None)
        if missing:
            return trace.result("rejected").to_json()
    emergency = fields.flag("state_of_emergency")
    trace.info(on, "president", "no state of emergency or martial law" if not emergency
               else "a state of emergency or martial law is in force",
               "dissolution.barred_in_emergency",
               passed=not (emergency and rb.bool_("dissolution.barred_in_emergency")))
    if emergency and rb.bool_("dissolution.barred_in_emergency"):
        return trace.result("rejected").to_json()
    months = rb.int_("dissolution.barred_last_months_of_presidency")
    term = presidential_term_on(on)
    if fields.has("president_term_ends"):
        ends, exact, label = fields.day("president_term_ends", in_model=False), True, "given"
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
    if in_window:
        return trace.result("rejected").to_json()
    years = rb.int_("dissolution.min_years_between")
    previous = fields.optional_day("previous_dissolution", in_model=False)
    recorded = dissolutions_before(on)
    doubt = None
    if previous is None and recorded:
        previous = recorded[-1].on
        if recorded[-1].unverified:
            doubt = f"the dissolution of {previous.isoformat()} is UNVERIFIED: {recorded[-1].note}"
    if previous is not None:
        allowed_from = add_years(previous, years)
        ok = on >= allowed_from
        trace.info(on, "president", f"not within {years} year(s) of the previous dissolution "
                   f"({previous.isoformat()}; allowed from {allowed_from.isoformat()})",
                   "dissolution.min_years_between", passed=ok, note=doubt)
        if not ok:
            return trace.result("rejected").to_json()
    else:
        trace.info(on, "president", "no previous dissolution recorded",
                   "dissolution.min_years_between", passed=True)
    election_by = add_months(on, rb.int_("dissolution.early_election_within_months"))
    trace.info(on, "central_election_commission", f"early election by {election_by.isoformat()}",
               "dissolution.early_election_within_months")
    if target == "majilis" and rb.bool_("dissolution.senate_legislates_without_majilis"):
        trace.info(on, "senate", "performs Parliament's law-making functions until the new "
                   "Majilis meets", "dissolution.senate_legislates_without_majilis")
    trace.extra["early_election_by"] = election_by.isoformat()
    return trace.result("adopted").to_json()
