"""A bill through the procedure in force on its date (ordinary, constitutional law, amendment).

Eras handled (legislation.ordinary_model): the Majilis approves and the Senate adopts
(1995-2022, with the Senate's 60 days, rejection and the Majilis' 2/3 re-pass); the
Majilis adopts and the Senate approves (2023-2026); the Kurultai's three readings with
rejection by a majority of all deputies (2026). Around them: legislative initiative, the
Government's conclusion on budget-impact bills, urgent bills and decrees having the force
of law (to 2017-03-10), priority bills (2 months, from 2017-03-10), delegated powers (to
2017), constitutional review before signature, signature (15 working days until 2007, then a
month), veto and override (signature within 7 days of it until 2007, then a month).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from kazpolity.errors import InputError
from kazpolity.institutions.bodies import SeatStatus, chamber_composition
from kazpolity.institutions.majority import votes_needed
from kazpolity.institutions.procedure import (
    MonteCarlo,
    ProcedureResult,
    ProcedureStatus,
    Trace,
    Vote,
    article,
)
from kazpolity.institutions.votes import (
    CombinedVotes,
    ExplicitVotes,
    ModelSpec,
    VoteSource,
    VotingModel,
)
from kazpolity.law import rules_at
from kazpolity.law.calendar import Period, add_days, add_months

INITIATORS = ("president", "deputies", "government", "halyk_kenesi")
KINDS = ("ordinary", "constitutional-law", "constitutional-amendment")
CHAMBER_TITLES = {"majilis": "Majilis", "senate": "Senate", "kurultai": "Kurultai"}


@dataclass(frozen=True)
class Bill:
    on: date
    initiator: str
    kind: str
    urgent: bool
    priority: bool
    delegated: bool
    budget_impact: bool
    government_conclusion: str | None
    parliament: str
    president: str
    president_wording: bool
    review: str | None
    route: str
    constitutional_conclusion: str


@dataclass(frozen=True)
class LegislateRequest:
    """A bill, the votes the scenario gives, and (optionally) a voting model for the rest."""

    bill: Bill
    votes: ExplicitVotes = field(default_factory=ExplicitVotes)
    model: ModelSpec | None = None


def _size(chamber: str, trace: Trace) -> int:
    composition = chamber_composition(chamber, trace.on, trace.rb)
    if composition.status == SeatStatus.DISSOLVED:
        raise InputError("date", f"the {chamber} is dissolved on {trace.on.isoformat()} "
                         f"({composition.note}); no vote is possible")
    if composition.status == SeatStatus.NOT_YET_ELECTED:
        raise InputError("date", f"the {chamber} has not been elected on "
                         f"{trace.on.isoformat()} ({composition.note})")
    if composition.seats_sitting and composition.seats_sitting != composition.seats_total:
        trace.notes.append(f"{chamber}: thresholds counted on the {composition.seats_sitting} "
                           f"deputies sitting, not the {composition.seats_total} of the rule "
                           "in force (chamber elected under the previous rule)")
    return composition.size


def run_bill(bill: Bill, votes: VoteSource) -> ProcedureResult:
    """Run one bill deterministically with the votes ``votes`` supplies."""
    rb = rules_at(bill.on)
    trace = Trace("legislate", rb)
    trace.details["kind"] = bill.kind
    day = bill.on
    entitled = bill.initiator in rb.str_list("legislature.legislative_initiative")
    chamber_in = rb.str_("legislature.bills_introduced_in")
    trace.info(day, bill.initiator, f"introduce the bill in the {CHAMBER_TITLES[chamber_in]}",
               "legislature.legislative_initiative", passed=entitled,
               note=None if entitled else f"the {bill.initiator} has no legislative initiative")
    if not entitled:
        return trace.result(ProcedureStatus.NOT_ADOPTED)
    if bill.budget_impact and not _budget_conclusion(bill, trace):
        return trace.result(ProcedureStatus.NOT_ADOPTED)
    if bill.kind == "constitutional-amendment":
        return _amendment(bill, trace, votes)
    if bill.delegated:
        return _delegated(bill, trace, votes)
    outcome = _deadlines(bill, trace)
    if outcome is not None:
        return trace.result(outcome)
    model = rb.str_("legislation.ordinary_model")
    if bill.kind == "constitutional-law":
        adopted = _constitutional_law(bill, trace, votes)
    elif model == "kurultai-three-readings":
        adopted = _kurultai(trace, votes)
    else:
        adopted = _bicameral(trace, votes, model)
    if adopted != ProcedureStatus.ADOPTED:
        return trace.result(adopted)
    return trace.result(_president(bill, trace, votes))


def _budget_conclusion(bill: Bill, trace: Trace) -> bool:
    rule = trace.rule("legislation.budget_impact_conclusion")
    given = bill.government_conclusion
    ok = given == "positive" if rule.value == "positive-conclusion" else given != "none"
    trace.info(trace.on, "government", f"conclusion on a bill that cuts revenue or raises "
               f"spending: {given}", "legislation.budget_impact_conclusion", passed=ok,
               note=None if ok else "the bill may not be introduced without it")
    return ok


def _deadlines(bill: Bill, trace: Trace) -> ProcedureStatus | None:
    """Urgent and priority bills; a Parliament that ignores the bill."""
    rb, day = trace.rb, trace.on
    urgent_months = rb.optional_int("legislation.urgent_bill_deadline_months")
    priority_months = rb.optional_int("legislation.priority_bill_deadline_months")
    urgent_deadline = None
    if bill.urgent:
        if urgent_months is None:
            trace.info(day, "president", "declare the bill urgent: not available",
                       "legislation.urgent_bill_deadline_months", passed=False,
                       note="urgent bills and decrees having the force of law were abolished "
                       "on 2017-03-10; the declaration has no effect")
        else:
            urgent_deadline = add_months(day, urgent_months)
            trace.info(day, "president", f"declare the bill urgent: Parliament must consider "
                       f"it by {urgent_deadline.isoformat()}",
                       "legislation.urgent_bill_deadline_months")
    priority_deadline = None
    if bill.priority:
        if priority_months is None:
            trace.info(day, "president", "give the bill priority (no deadline set)",
                       "legislation.priority_bill_deadline_months")
        else:
            priority_deadline = add_months(day, priority_months)
            trace.info(day, "president", f"give the bill priority: to be adopted by "
                       f"{priority_deadline.isoformat()}",
                       "legislation.priority_bill_deadline_months")
    if bill.parliament != "ignore":
        return None
    if urgent_deadline is not None:
        trace.info(urgent_deadline, "parliament", "did not consider the urgent bill within "
                   "the deadline", "legislation.urgent_bill_deadline_months", passed=False)
        if rb.bool_("legislation.urgent_bill_decree"):
            trace.info(urgent_deadline, "president", "issue a decree having the force of law, "
                       "in effect until Parliament adopts a new law",
                       "legislation.urgent_bill_decree", passed=True)
            return ProcedureStatus.DECREE
    if priority_deadline is not None:
        trace.info(priority_deadline, "parliament", "priority bill not adopted within the "
                   "deadline", "legislation.priority_bill_deadline_months", passed=False,
                   note="no consequence of a missed priority deadline is set in the sources; "
                   "the bill stays pending")
    else:
        trace.info(day, "parliament", "the bill is not considered", None,
                   note="no deadline runs against Parliament for this bill")
    return ProcedureStatus.PENDING


def _bicameral(trace: Trace, votes: VoteSource, model: str) -> ProcedureStatus:
    rb, day = trace.rb, trace.on
    new_model = model == "majilis-adopts-senate-approves"
    majilis_action = "adopt the law" if new_model else "approve the law"
    senate_action = "approve the law" if new_model else "adopt the law"
    m_size = _size("majilis", trace)
    step = trace.vote(day, "majilis", majilis_action, "legislation.majilis_majority",
                      votes.get("majilis", "majilis", m_size), m_size)
    if step.passed is None:
        return ProcedureStatus.PENDING
    if not step.passed:
        return ProcedureStatus.REJECTED
    s_size = _size("senate", trace)
    days = rb.optional_int("legislation.senate_deadline_days")
    deadline = add_days(day, days) if days else None
    step = trace.vote(day, "senate", senate_action + (f" (within {days} days, by "
                      f"{deadline.isoformat()})" if deadline else ""),
                      "legislation.senate_majority", votes.get("senate", "senate", s_size), s_size)
    if step.passed is None:
        return ProcedureStatus.PENDING
    if step.passed:
        return ProcedureStatus.ADOPTED
    trace.info(day, "senate", "the Senate does not adopt the law; it returns to the Majilis",
               "legislation.majilis_repass_majority")
    step = trace.vote(day, "majilis", "re-pass the law", "legislation.majilis_repass_majority",
                      votes.get("majilis_repass", "majilis", m_size), m_size)
    if not step.passed:
        return ProcedureStatus.REJECTED
    after = rb.leaf("legislation.after_majilis_repass")
    if after.value == "to-president":
        trace.info(day, "majilis", "the re-passed law goes to the President",
                   "legislation.after_majilis_repass")
        return ProcedureStatus.ADOPTED
    trace.info(day, "majilis", "the re-passed law goes back to the Senate",
               "legislation.after_majilis_repass")
    step = trace.vote(day, "senate", "vote again on the law", "legislation.senate_majority",
                      votes.get("senate_revote", "senate", s_size), s_size,
                      note="a law the Senate rejects twice cannot be reintroduced in the same "
                      "session")
    if step.passed is None:
        return ProcedureStatus.PENDING
    return ProcedureStatus.ADOPTED if step.passed else ProcedureStatus.REJECTED


def _kurultai(trace: Trace, votes: VoteSource) -> ProcedureStatus:
    day = trace.on
    size = trace.rb.int_("kurultai.seats_total")
    trace.info(day, "kurultai", f"consider the bill in {trace.rb.int_('kurultai.readings')} "
               "readings", "kurultai.readings")
    vote = votes.get("kurultai", "kurultai", size)
    if vote is None:
        trace.vote(day, "kurultai", "adopt the law", "legislation.kurultai_adoption_majority",
                   None, size)
        return ProcedureStatus.PENDING
    rejection = trace.vote(day, "kurultai", "reject the bill (votes against)",
                           "legislation.kurultai_rejection_majority",
                           Vote(vote.no, vote.yes, vote.abstain), size,
                           note="a rejected bill is deemed not adopted and returns to its "
                           "initiators")
    if rejection.passed:
        return ProcedureStatus.REJECTED
    adoption = trace.vote(day, "kurultai", "adopt the law",
                          "legislation.kurultai_adoption_majority", vote, size)
    if adoption.passed:
        return ProcedureStatus.ADOPTED
    trace.notes.append("neither adopted nor rejected by a majority of all deputies")
    return ProcedureStatus.NOT_ADOPTED


def _joint_or_separate(trace: Trace, votes: VoteSource, key: str, action: str,
                       sitting: str, stage_prefix: str = "",
                       day: date | None = None) -> bool | None:
    """A vote of each chamber (separately or at a joint sitting), or of the Kurultai."""
    day = day or trace.on
    chambers = ("kurultai",) if sitting == "kurultai" else ("majilis", "senate")
    where = " at a joint sitting" if sitting == "joint" else ""
    result: bool | None = True
    for chamber in chambers:
        size = _size(chamber, trace) if chamber != "kurultai" else trace.rb.int_(
            "kurultai.seats_total")
        step = trace.vote(day, chamber, action + where, key,
                          votes.get(stage_prefix + chamber, chamber, size), size)
        if step.passed is None:
            return None
        if not step.passed:
            result = False
            break
    return result


def _constitutional_law(bill: Bill, trace: Trace, votes: VoteSource) -> ProcedureStatus:
    sitting = trace.rb.str_("legislation.constitutional_law_sitting")
    readings = trace.rb.int_("legislation.constitutional_min_readings")
    trace.info(trace.on, "parliament", f"at least {readings} readings",
               "legislation.constitutional_min_readings")
    trace.info(trace.on, "parliament", f"constitutional law voted at a {sitting} sitting",
               "legislation.constitutional_law_sitting")
    passed = _joint_or_separate(trace, votes, "legislation.constitutional_law_majority",
                                "adopt the constitutional law", sitting)
    if passed is None:
        return ProcedureStatus.PENDING
    return ProcedureStatus.ADOPTED if passed else ProcedureStatus.REJECTED


def _amendment(bill: Bill, trace: Trace, votes: VoteSource) -> ProcedureResult:
    rb, day = trace.rb, trace.on
    if rb.optional_str("legislation.amendment_majority") is None:
        trace.info(day, "kurultai", "amend the Constitution: only by referendum",
                   "referendum.constitution_amended_by", passed=None,
                   note="see `kazpolity referendum-initiative`")
        return trace.result(ProcedureStatus.PENDING)
    proposers = rb.str_list("legislation.amendment_proposed_by")
    ok = bill.initiator in proposers
    trace.info(day, bill.initiator, "propose amendments to the Constitution",
               "legislation.amendment_proposed_by", passed=ok)
    if not ok:
        return trace.result(ProcedureStatus.NOT_ADOPTED)
    if rb.bool_("legislation.amendment_requires_constitutional_conclusion"):
        body = "constitutional_court" if rb.exists("constitutional_court") \
            else "constitutional_council"
        good = bill.constitutional_conclusion == "positive"
        trace.info(day, body, f"conclusion on the draft: {bill.constitutional_conclusion}",
                   "legislation.amendment_requires_constitutional_conclusion", passed=good)
        if not good:
            return trace.result(ProcedureStatus.NOT_ADOPTED)
    if bill.route == "referendum":
        trace.info(day, "president", "put the amendments to a referendum",
                   "referendum.constitution_amended_by",
                   note="the outcome depends on the vote; see the referendum rules")
        return trace.result(ProcedureStatus.PENDING)
    trace.info(day, "parliament", f"at least {rb.int_('legislation.constitutional_min_readings')}"
               " readings", "legislation.constitutional_min_readings")
    passed = _joint_or_separate(trace, votes, "legislation.amendment_majority",
                                "adopt the amendments", "joint")
    if passed is None:
        return trace.result(ProcedureStatus.PENDING)
    if not passed:
        return trace.result(ProcedureStatus.REJECTED)
    return trace.result(_president(bill, trace, votes))


def _delegated(bill: Bill, trace: Trace, votes: VoteSource) -> ProcedureResult:
    rb, day = trace.rb, trace.on
    years = rb.optional_int("legislation.delegation_max_years")
    if years is None:
        trace.info(day, "parliament", "delegate legislative powers to the President: not "
                   "available", "legislation.delegation_max_years", passed=False)
        return trace.result(ProcedureStatus.NOT_ADOPTED)
    ok = bill.initiator == "president"
    trace.info(day, bill.initiator, f"initiate a delegation of legislative powers for up to "
               f"{years} year(s)", "legislation.delegation_max_years", passed=ok,
               note=None if ok else "only on the President's initiative")
    if not ok:
        return trace.result(ProcedureStatus.NOT_ADOPTED)
    passed = _joint_or_separate(trace, votes, "legislation.delegation_majority",
                                "delegate legislative powers", "joint", "delegation.")
    if passed is None:
        return trace.result(ProcedureStatus.PENDING)
    if not passed:
        return trace.result(ProcedureStatus.REJECTED)
    trace.info(day, "president", "issue the law under delegated powers",
               "legislation.delegation_max_years", passed=True)
    return trace.result(ProcedureStatus.ADOPTED)


def _president(bill: Bill, trace: Trace, votes: VoteSource) -> ProcedureStatus:
    rb, day = trace.rb, trace.on
    to_president = add_days(day, rb.int_("legislation.to_president_within_days"))
    trace.info(day, "parliament", f"send the law to the President (by {to_president.isoformat()})",
               "legislation.to_president_within_days")
    if bill.review is not None:
        reviewer = rb.optional_str("legislation.pre_signature_review_by")
        if reviewer is None:
            trace.info(day, "president", "constitutional review requested: no review body "
                       "sits on this date", "legislation.pre_signature_review_by")
        else:
            ok = bill.review == "conforms"
            trace.info(day, reviewer, "review before signature: " + (
                "conforms to the Constitution" if ok else "unconstitutional, not signed"),
                "legislation.pre_signature_review_by", passed=ok)
            if not ok:
                return ProcedureStatus.NOT_ADOPTED
    period = Period.parse(rb.str_("legislation.signature_deadline"))
    deadline = period.after(to_president)
    if bill.president == "sign":
        trace.info(to_president, "president", f"sign the law within {period} (deadline "
                   f"{deadline.isoformat()})", "legislation.signature_deadline", passed=True)
        return ProcedureStatus.ADOPTED
    if bill.president == "none":
        trace.info(to_president, "president", f"no action yet (deadline {deadline.isoformat()})",
                   "legislation.signature_deadline",
                   note="the law awaits signature or objections")
        return ProcedureStatus.PENDING
    trace.info(to_president, "president", "return the law with objections"
               + (" and his own wording" if bill.president_wording else ""),
               "legislation.signature_deadline", passed=False)
    sitting = rb.str_("legislation.veto_override_sitting")
    override_months = rb.int_("legislation.veto_override_deadline_months")
    override_deadline = add_months(to_president, override_months)
    passed = _joint_or_separate(trace, votes, "legislation.veto_override_majority",
                                f"override the objections (by {override_deadline.isoformat()})",
                                sitting, "override.", to_president)
    outcome = (ProcedureStatus.ADOPTED_IN_PRESIDENT_WORDING if bill.president_wording
               else ProcedureStatus.NOT_ADOPTED)
    if passed is None:
        trace.info(override_deadline, "parliament", "no re-vote within the deadline: the "
                   "objections are accepted", "legislation.veto_override_deadline_months")
        return outcome
    if passed:
        after = Period.parse(rb.str_("legislation.override_signature_deadline"))
        trace.info(override_deadline, "president", f"sign the law within {after} of the "
                   f"override (by {after.after(override_deadline).isoformat()} at the latest)",
                   "legislation.override_signature_deadline", passed=True)
        return ProcedureStatus.ADOPTED
    return outcome


def legislate(request: LegislateRequest, runs: int = 1000, seed: int = 1,
              progress: Callable[[], None] | None = None) -> ProcedureResult:
    """Run a bill: with explicit votes once, or under the voting model ``runs`` times (seeded).

    With a model the status is the most frequent one, the steps are the first run's, and
    ``monte_carlo`` gives every status's share. ``progress`` is called after each run.
    """
    if request.model is None:
        return run_bill(request.bill, request.votes)
    if runs < 1:
        raise InputError("--runs", "must be at least 1")
    model = VotingModel.seeded(request.model, request.bill.on, seed)
    counts: Counter[ProcedureStatus] = Counter()
    first: ProcedureResult | None = None
    for _ in range(runs):
        result = run_bill(request.bill, CombinedVotes(request.votes, model))
        counts[result.status] += 1
        first = first or result
        if progress is not None:
            progress()
    assert first is not None
    shares = tuple((status, counts[status] / runs) for status in sorted(counts))
    return replace(first, status=counts.most_common(1)[0][0],
                   monte_carlo=MonteCarlo(runs, seed, shares))


__all__ = ["Bill", "LegislateRequest", "article", "legislate", "run_bill", "votes_needed"]
