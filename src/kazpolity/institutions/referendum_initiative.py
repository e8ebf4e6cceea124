"""Who may start a republican referendum, and what happens to the proposal.

The President decides, on his own initiative or on a proposal of Parliament or the
Government (from 2026 also the Kurultai and the Halyk Kenesi), or of 200,000 citizens with
an initiative group from every region and the signatures spread equally over the regions
(Referendum Law Art. 11(1)(4): each unit gives at least its equal share, rounded up).
Excluded subjects stop a proposal. Where the President rejects Parliament's proposal of
constitutional amendments, Parliament may adopt them itself by 4/5 of each chamber (the
route whose text is UNVERIFIED).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from kazpolity.errors import InputError
from kazpolity.geo import regions_at
from kazpolity.institutions.bodies import chamber_composition
from kazpolity.institutions.procedure import ProcedureResult, ProcedureStatus, Step, Trace
from kazpolity.institutions.votes import ExplicitVotes
from kazpolity.law import rules_at

INITIATORS = ("president", "parliament", "government", "citizens", "kurultai", "halyk_kenesi")


SUBJECTS = ("constitutional-amendment", "other")


@dataclass(frozen=True)
class ReferendumInitiativeRequest:
    """A proposal to hold a republican referendum as the scenario states it."""

    on: date
    initiator: str
    subject: str = "other"
    president: str = "none"
    """The President's decision: accept, reject, or none (not yet taken)."""
    signatures: int | None = None
    signatures_by_region: Mapping[str, int] | None = None
    """Signatures per region code (KZ-AKM, ...); their sum stands for ``signatures`` if unset."""
    initiative_group_min_per_region: int | None = None
    topics: tuple[str, ...] = ()
    votes: ExplicitVotes = field(default_factory=ExplicitVotes)


def referendum_initiative(request: ReferendumInitiativeRequest) -> ProcedureResult:
    """Whether the initiator may propose, and what becomes of the proposal."""
    on, initiator, subject = request.on, request.initiator, request.subject
    rb = rules_at(on)
    trace = Trace("referendum-initiative", rb)
    trace.details.update({"initiator": initiator, "subject": subject})
    for body in ("kurultai", "halyk_kenesi"):
        if initiator == body and not rb.exists(body):
            raise InputError("initiator", f"the {body} does not exist on {on.isoformat()}")
    if initiator == "parliament" and rb.exists("kurultai"):
        raise InputError("initiator", f"there is no bicameral Parliament on {on.isoformat()}; "
                         "use kurultai")
    allowed = initiator in rb.str_list("referendum.initiators")
    trace.info(on, initiator, "propose a republican referendum", "referendum.initiators",
               passed=allowed)
    if not allowed:
        return trace.result(ProcedureStatus.REJECTED)
    if initiator == "citizens":
        stopped = _citizens(request, trace)
        if stopped is not None:
            return trace.result(stopped)
    excluded = set(rb.str_list("referendum.excluded_subjects"))
    topics = set(request.topics)
    hit = sorted(topics & excluded)
    trace.info(on, "central_election_commission", "subject not excluded" if not hit
               else f"excluded subject(s): {', '.join(hit)}", "referendum.excluded_subjects",
               passed=not hit)
    if hit:
        return trace.result(ProcedureStatus.REJECTED)
    if subject == "constitutional-amendment":
        unamendable = sorted(topics & set(rb.str_list("referendum.unamendable")))
        trace.info(on, "president", "no unamendable provision touched" if not unamendable
                   else f"touches unamendable provision(s): {', '.join(unamendable)}",
                   "referendum.unamendable", passed=not unamendable)
        if unamendable:
            return trace.result(ProcedureStatus.REJECTED)
    decision = request.president
    decider = rb.str_("referendum.decided_by")
    if decision == "none":
        trace.info(on, decider, "decide whether to hold the referendum",
                   "referendum.decided_by")
        return trace.result(ProcedureStatus.PENDING)
    if decision == "accept":
        trace.info(on, decider, "call the referendum", "referendum.decided_by", passed=True)
        return trace.result(ProcedureStatus.ADOPTED)
    trace.info(on, decider, "reject the proposal", "referendum.decided_by", passed=False)
    if initiator == "parliament" and subject == "constitutional-amendment" \
            and rb.value("referendum.parliament_four_fifths_route") is True:
        return trace.result(_parliament_four_fifths(request, trace))
    return trace.result(ProcedureStatus.REJECTED)


def _citizens(request: ReferendumInitiativeRequest, trace: Trace) -> ProcedureStatus | None:
    """The citizens' signatures and initiative group; a status where they stop the proposal."""
    rb, on = trace.rb, trace.on
    need = rb.int_("referendum.citizen_signatures")
    by_region = request.signatures_by_region
    got = request.signatures if request.signatures is not None or by_region is None \
        else sum(by_region.values())
    rule = rb.leaf("referendum.citizen_signatures")
    trace.add(Step(on, "citizens", "collect signatures", f"referendum.citizen_signatures = "
                   f"{need}", f"{rule.source.act}, {rule.source.article}", need, got,
                   None if got is None else got >= need, rule.unverified, rule.note))
    if got is None or got < need:
        return ProcedureStatus.REJECTED if got is not None else ProcedureStatus.PENDING
    per_region = rb.int_("referendum.initiative_group_per_region")
    regions = rb.int_("regions.count")
    group = request.initiative_group_min_per_region
    ok = group is not None and group >= per_region
    trace.add(Step(on, "citizens", f"initiative group: at least {per_region} from each of "
                   f"the {regions} regions (the smallest delegation given: {group})",
                   f"referendum.initiative_group_per_region = {per_region}",
                   f"{rb.leaf('referendum.initiative_group_per_region').source.act}, "
                   f"{rb.leaf('referendum.initiative_group_per_region').source.article}",
                   per_region, group, ok))
    if not ok:
        return ProcedureStatus.REJECTED
    return _signature_spread(request, trace, need)


def _signature_spread(request: ReferendumInitiativeRequest, trace: Trace, need: int
                      ) -> ProcedureStatus | None:
    """Referendum Law Art. 11(1)(4): the citizens 'in equal numbers represent all the oblasts,
    the capital and the cities of republican significance' - each unit in force that day gives
    at least ``need`` divided by the number of units, rounded up. Without a breakdown the step
    is recorded as not checked."""
    rb, on = trace.rb, trace.on
    key = "referendum.signatures_spread_required"
    if rb.value(key) is not True:
        return None
    rule = rb.leaf(key)
    units = [region.code for region in regions_at(on)]
    share = -(-need // len(units))
    action = f"signatures spread equally: at least {share} from each of the {len(units)} regions"
    given = request.signatures_by_region
    if given is None:
        trace.add(Step(on, "citizens", action + " (not checked: no signatures by region)",
                       f"{key} = true", f"{rule.source.act}, {rule.source.article}", share,
                       None, None, rule.unverified, rule.note))
        return None
    unknown = sorted(set(given) - set(units))
    if unknown:
        raise InputError("signatures_by_region", f"{unknown[0]!r} is not a region on "
                         f"{on.isoformat()} (the regions: {', '.join(units)})")
    short = [code for code in units if given.get(code, 0) < share]
    trace.add(Step(on, "citizens", action + (f"; short in {', '.join(short)}" if short else ""),
                   f"{key} = true", f"{rule.source.act}, {rule.source.article}", share,
                   min(given.get(code, 0) for code in units), not short, rule.unverified,
                   rule.note))
    return ProcedureStatus.REJECTED if short else None


def _parliament_four_fifths(request: ReferendumInitiativeRequest, trace: Trace
                            ) -> ProcedureStatus:
    """Parliament adopts the amendments the President rejected, by 4/5 of each chamber."""
    on, rb = trace.on, trace.rb
    for chamber in ("majilis", "senate"):
        size = chamber_composition(chamber, on, rb).size
        step = trace.vote(on, chamber, "adopt the amendments itself",
                          "referendum.parliament_four_fifths_route",
                          request.votes.get(chamber, chamber, size), size,
                          majority="four-fifths-of-total",
                          assumed="the 4/5 route is reported (2011) but the text of Art. "
                          "91 was not retrieved")
        if not step.passed:
            return ProcedureStatus.REJECTED if step.passed is False else ProcedureStatus.PENDING
    trace.info(on, "president", "sign the amendments or put them to a referendum",
               "referendum.parliament_four_fifths_route")
    trace.details["route"] = "adopted by Parliament (4/5)"
    return ProcedureStatus.ADOPTED
