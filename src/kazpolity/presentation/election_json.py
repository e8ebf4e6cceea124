"""Election outcomes as JSON: the one place that turns the engines' typed results into the
``--json`` output of the CLI and the bodies of the API.

Explanation steps are written as their English sentences (:func:`kazpolity.presentation.steps.
english`), exact numbers as fraction text (``"22/3"``), so the output of a recorded command stays
byte-identical across refactorings of the engines.
"""

from __future__ import annotations

from fractions import Fraction

from typing_extensions import TypedDict

from kazpolity.elections.explanation import Allocation, PartyOutcome, SeatAward, fraction_text
from kazpolity.elections.kazakh_lists import (
    ListCompleted,
    ListOutcome,
    ListRules,
    SecondPartyStep,
)
from kazpolity.elections.lots import LotRequired
from kazpolity.elections.majority import MajorityOutcome
from kazpolity.elections.official import OfficialElection, ResultRow
from kazpolity.elections.reproduce import Reproduction, Rerun
from kazpolity.elections.steps import Step
from kazpolity.elections.threshold import ThresholdRule, ThresholdVerdict
from kazpolity.presentation.election_text import reproduction_checked, reproduction_detail
from kazpolity.presentation.steps import english

SHARE_BASE = "votes for lists"
"""What ``share`` in an allocation's party rows is a share of (the threshold has its own base)."""


class ListRulesJson(TypedDict):
    chamber: str
    on: str
    seats: int
    threshold: dict[str, object] | None
    method: str
    tie_break: str | None
    second_party_guarantee: bool
    correction_index: str | None
    second_party_min_seats: int | None
    citations: dict[str, str]
    unverified: list[str]


class SecondPartyJson(TypedDict):
    leader: str
    runner_up: str
    quota: str
    runner_up_quotient: str
    corrected_quotient: str
    reading: str
    legal_gap: str
    runner_up_seats: int
    leader_seats: int


class BaseJson(TypedDict):
    name: str
    votes: int


class MajorityJson(TypedDict):
    status: str
    winner: str | None
    runoff: list[str]
    options: list[str]
    base: BaseJson
    needed_percent_more_than: float
    votes: dict[str, int]
    shares_percent: dict[str, float]
    steps: list[str]
    article: str
    unverified: list[str]


class ReproductionJson(TypedDict):
    id: str
    date: str
    what: str
    official: str
    computed: str
    status: str
    detail: str
    unverified: list[str]


class ResultRowJson(TypedDict):
    name: str
    kind: str
    votes: int | None
    percent: float | None
    seats_list: int | None
    seats_district: int | None
    seats_total: int | None
    note: str | None


class OfficialElectionJson(TypedDict):
    id: str
    body: str
    date: str
    registered: int | None
    ballots_cast: int | None
    invalid: int | None
    valid: int | None
    turnout_percent: float | None
    question: str | None
    rows: list[ResultRowJson]
    seats_contested: int | None
    electors: int | None
    electors_voted: int | None
    sources: list[str]
    checks: str | None
    notes: str | None
    result_status: str
    result_status_note: str | None


def _row_json(row: ResultRow) -> ResultRowJson:
    return {"name": row.name, "kind": row.kind, "votes": row.votes, "percent": row.percent,
            "seats_list": row.seats_list, "seats_district": row.seats_district,
            "seats_total": row.seats_total, "note": row.note}


def official_json(e: OfficialElection) -> OfficialElectionJson:
    """A bundled election as published: its counts, its rows, its sources and how final the
    figures are."""
    return {
        "id": e.election_id, "body": e.body, "date": e.date.isoformat(),
        "registered": e.registered, "ballots_cast": e.ballots_cast, "invalid": e.invalid,
        "valid": e.valid, "turnout_percent": e.turnout_percent, "question": e.question,
        "rows": [_row_json(row) for row in e.rows],
        "seats_contested": e.seats_contested, "electors": e.electors,
        "electors_voted": e.electors_voted, "sources": list(e.sources), "checks": e.checks,
        "notes": e.notes, "result_status": e.result_status,
        "result_status_note": e.result_status_note,
    }


def _steps(steps: tuple[Step, ...]) -> list[str]:
    return [english(one) for one in steps]


def _exact(value: Fraction | None) -> str | None:
    return fraction_text(value) if value is not None else None


def threshold_rule_json(rule: ThresholdRule) -> dict[str, object]:
    return {"percent": fraction_text(rule.percent), "base": rule.base,
            "at_threshold": rule.at_threshold}


def verdict_json(verdict: ThresholdVerdict) -> dict[str, object]:
    return {
        "passed": verdict.passed,
        "votes": verdict.votes,
        "base_votes": verdict.base_votes,
        "share_percent": fraction_text(verdict.share_percent),
        "exactly_at_threshold": verdict.exactly_at,
        "rule": threshold_rule_json(verdict.rule),
        "reason": english(verdict.step()),
    }


def party_json(p: PartyOutcome) -> dict[str, object]:
    return {
        "party": p.party,
        "votes": p.votes,
        "share": fraction_text(p.share),
        "share_percent": float(p.share * 100),
        "share_base": SHARE_BASE,
        "admitted": p.admitted,
        "threshold": verdict_json(p.threshold) if p.threshold else None,
        "quotient": _exact(p.quotient),
        "integer_part": p.integer_part,
        "remainder": _exact(p.remainder),
        "remainder_seat": p.remainder_seat,
        "seats": p.seats,
    }


def award_json(award: SeatAward, divisor: str) -> dict[str, object]:
    average = award.average
    return {"seat": award.seat, "party": award.party, "votes": award.votes,
            "divisor": divisor,
            "average": None if average is None else
            fraction_text(average) if isinstance(average, Fraction) else round(average, 6)}


def _tie_break(step: Step | None) -> str | None:
    if step is None:
        return None
    text = english(step)
    return text[0].lower() + text[1:]


def allocation_json(a: Allocation) -> dict[str, object]:
    """The JSON form: ``status: ok``, ``seats`` by party, then the explanation."""
    from kazpolity.elections.method_rules import DIVISOR_RULES

    rule = DIVISOR_RULES.get(a.method)
    data: dict[str, object] = {
        "status": "ok",
        "method": a.method,
        "seats_total": a.seats_total,
        "seats": a.seats,
        "quota": _exact(a.quota),
        "quota_name": a.quota_name,
        "divisors": list(a.divisors) if a.divisors is not None else None,
        "threshold": threshold_rule_json(a.threshold) if a.threshold else None,
        "threshold_base_votes": a.threshold_base_votes,
        "tie_break": _tie_break(a.tie_break),
        "article": a.article,
        "parties": [party_json(p) for p in a.parties],
        "steps": _steps(a.steps),
    }
    if rule is not None:
        data["awards"] = [award_json(w, "∞" if w.average is None else rule.divisor_text(w.held))
                          for w in a.awards]
    return data


def lot_json(lot: LotRequired) -> dict[str, object]:
    """The JSON form; ``status: lot_required`` so no reader mistakes it for a result."""
    return {
        "status": "lot_required",
        "method": lot.method,
        "seats_total": lot.seats_total,
        "options": list(lot.options),
        "seats_to_draw": lot.seats_to_draw,
        "settled": dict(lot.settled),
        "reason": english(lot.reason),
        "article": lot.article,
        "steps": _steps(lot.steps),
        **dict(lot.extra),
    }


def list_rules_json(rules: ListRules) -> ListRulesJson:
    return {
        "chamber": rules.chamber,
        "on": rules.on.isoformat(),
        "seats": rules.seats,
        "threshold": threshold_rule_json(rules.threshold) if rules.threshold else None,
        "method": rules.method,
        "tie_break": rules.tie_break,
        "second_party_guarantee": rules.second_party_guarantee,
        "correction_index": _exact(rules.correction_index),
        "second_party_min_seats": rules.second_party_min_seats,
        "citations": dict(rules.citations),
        "unverified": list(rules.unverified),
    }


def second_party_json(g: SecondPartyStep) -> SecondPartyJson:
    return {
        "leader": g.leader,
        "runner_up": g.runner_up,
        "quota": fraction_text(g.quota),
        "runner_up_quotient": fraction_text(g.runner_up_quotient),
        "corrected_quotient": fraction_text(g.corrected_quotient),
        "reading": g.reading,
        "legal_gap": "the minimum-seats clause is cut off in the retrieved law text; "
        f"reading applied: {g.reading}",
        "runner_up_seats": g.runner_up_seats,
        "leader_seats": g.leader_seats,
    }


def list_outcome_json(outcome: ListOutcome) -> dict[str, object]:
    core: dict[str, object]
    if isinstance(outcome, ListCompleted):
        core = allocation_json(outcome.allocation)
        core["seats"] = outcome.seats
    else:
        core = lot_json(outcome.lot)
        core["seats"] = {}
    core["rules"] = list_rules_json(outcome.rules)
    core["second_party"] = (second_party_json(outcome.second_party)
                            if outcome.second_party else None)
    core["notes"] = _steps(outcome.notes)
    return core


def majority_json(o: MajorityOutcome) -> MajorityJson:
    return {
        "status": o.status,
        "winner": o.winner,
        "runoff": list(o.runoff),
        "options": list(o.lot_options),
        "base": {"name": o.base_name, "votes": o.base},
        "needed_percent_more_than": float(o.needed),
        "votes": o.votes,
        "shares_percent": {name: round(float(o.share(name) * 100), 4) for name in o.votes},
        "steps": _steps(o.steps),
        "article": o.article,
        "unverified": list(o.unverified),
    }


def reproduction_json(r: Reproduction) -> ReproductionJson:
    return {
        "id": r.election_id,
        "date": r.date.isoformat(),
        "what": reproduction_checked(r),
        "official": r.official,
        "computed": r.computed,
        "status": r.status,
        "detail": reproduction_detail(r, step_text=english),
        "unverified": list(r.unverified),
    }


def rerun_json(r: Rerun) -> dict[str, object]:
    """The official seats (or shares), then the outcome's own fields, then the difference."""
    outcome: dict[str, object] = (
        dict(majority_json(r.outcome)) if isinstance(r.outcome, MajorityOutcome)
        else list_outcome_json(r.outcome))
    data: dict[str, object] = {"id": r.election_id, "under": r.under.isoformat(),
                            "official": r.official, **outcome}
    difference = r.difference
    if difference is not None:
        data["difference"] = difference
    return data


def allocate_result_json(result: Allocation | LotRequired) -> dict[str, object]:
    """``kazpolity allocate``'s result."""
    return allocation_json(result) if isinstance(result, Allocation) else lot_json(result)
