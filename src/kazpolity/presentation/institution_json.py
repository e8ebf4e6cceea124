"""The institutions package's records as the faces print them (``--json``, the pages).

``institutions_on`` returns an ``InstitutionsSnapshot`` of typed entries; the eligibility
checks return an ``Eligibility``; who held an office, a ``HolderAnswer``. Their JSON is made
here, once, in the shape ``kazpolity institutions show --json`` and ``eligibility --json``
have always printed.
"""

from __future__ import annotations

from typing import NotRequired

from typing_extensions import TypedDict

from kazpolity.institutions.bodies import (
    BodySection,
    Composition,
    CompositionEntry,
    FactEntry,
    HolderEntry,
    InstitutionsSnapshot,
    MandateEntry,
    RuleEntry,
)
from kazpolity.institutions.eligibility import Check, Eligibility, Evidence
from kazpolity.institutions.holders import HolderAnswer, PresidentialTerm
from kazpolity.institutions.procedure import MonteCarlo, ProcedureResult, Step
from kazpolity.law.model import json_value

JsonSection = dict[str, object]
"""A body's section: its entries by name, then ``sources`` and ``unverified``."""


HolderDetailJson = TypedDict("HolderDetailJson", {
    "holder": str | None, "status": str, "certain": bool, "acting": bool,
    "from": str | None, "until": str | None, "note": str | None, "sources": list[str]})


class CompositionJson(TypedDict):
    seats_total: int
    seats_sitting: int | None
    status: str
    composition: dict[str, int]
    composition_by_kind: dict[str, int]
    composition_by_party: dict[str, int] | None
    election: str | None
    election_date: str | None
    note: str | None


class MandateJson(TypedDict):
    president_elected: str
    elected: str
    ends: str
    ends_exact: bool
    note: str | None
    sources: list[str]


class CheckJson(TypedDict):
    requirement: str
    rule: str
    article: str
    required: Evidence
    got: Evidence
    passed: bool
    unverified: bool
    note: str | None


class EligibilityJson(TypedDict):
    kind: str
    date: str
    subject: str | None
    eligible: bool
    answer: str
    failures: list[CheckJson]
    checks: list[CheckJson]
    unverified_rules: list[str]
    chamber: NotRequired[str]


def holder_json(answer: HolderAnswer) -> HolderDetailJson:
    """Who held the office, how sure the data is, and the tenure's dates and sources."""
    tenure = answer.tenure
    return {
        "holder": answer.holder,
        "status": answer.status.value,
        "certain": answer.certain,
        "acting": bool(tenure and tenure.acting),
        "from": tenure.start.isoformat() if tenure else None,
        "until": tenure.end.isoformat() if tenure and tenure.end else None,
        "note": tenure.note if tenure else "no record for this date",
        "sources": list(tenure.sources) if tenure else [],
    }


def composition_json(composition: Composition) -> CompositionJson:
    """A chamber's members: by party where known, else by kind of seat."""
    c = composition
    return {
        "seats_total": c.seats_total,
        "seats_sitting": c.seats_sitting,
        "status": c.status.value,
        "composition": dict(c.by_party) if c.by_party else dict(c.by_kind),
        "composition_by_kind": dict(c.by_kind),
        "composition_by_party": dict(c.by_party) or None,
        "election": c.election_id,
        "election_date": c.election_date.isoformat() if c.election_date else None,
        "note": c.note,
    }


def _mandate_json(term: PresidentialTerm) -> MandateJson:
    return {"president_elected": term.president, "elected": term.elected.isoformat(),
            "ends": term.ends.isoformat(), "ends_exact": term.ends_exact,
            "note": term.note, "sources": list(term.sources)}


def section_json(section: BodySection) -> JsonSection:
    """A body's entries by name (a holder with its ``<name>_detail``), then the rules' sources
    (``key: act, article``) and the keys of the unverified ones."""
    data: JsonSection = {}
    sources: dict[str, str] = {}
    unverified: list[str] = []
    for entry in section.entries:
        if isinstance(entry, RuleEntry):
            leaf = entry.rule
            data[entry.name] = json_value(leaf.value)
            sources[entry.name] = f"{entry.key}: {leaf.source.act}, {leaf.source.article}"
            if leaf.unverified:
                unverified.append(entry.key)
        elif isinstance(entry, HolderEntry):
            data[entry.name] = entry.answer.holder
            data[f"{entry.name}_detail"] = holder_json(entry.answer)
        elif isinstance(entry, FactEntry):
            data[entry.name] = entry.text
        elif isinstance(entry, CompositionEntry):
            data.update(composition_json(entry.composition))
        elif isinstance(entry, MandateEntry):
            data["mandate"] = _mandate_json(entry.term)
    return {**data, "sources": sources, "unverified": unverified}


def institutions_json(snapshot: InstitutionsSnapshot) -> dict[str, object]:
    """``{"on": day, body: section | null, ...}``; the legislature's chambers come before the
    chambers themselves."""
    out: dict[str, object] = {"on": snapshot.on.isoformat()}
    for name, section in snapshot.bodies:
        if name == "majilis":
            out["legislature"] = {"chambers": list(snapshot.chambers)}
        out[name] = None if section is None else section_json(section)
    return out


def check_json(check: Check) -> CheckJson:
    return {"requirement": check.requirement, "rule": check.key, "article": check.article,
            "required": check.required, "got": check.got, "passed": check.passed,
            "unverified": check.unverified, "note": check.note}


def eligibility_json(answer: Eligibility) -> EligibilityJson:
    """Every requirement checked, the failed ones first; the chamber for a deputy."""
    payload: EligibilityJson = {
        "kind": answer.kind,
        "date": answer.on.isoformat(),
        "subject": answer.subject,
        "eligible": answer.eligible,
        "answer": "yes" if answer.eligible else "no",
        "failures": [check_json(c) for c in answer.failures],
        "checks": [check_json(c) for c in answer.checks],
        "unverified_rules": list(answer.unverified_rules),
    }
    if answer.chamber is not None:
        payload["chamber"] = answer.chamber
    return payload


class StepJson(TypedDict):
    date: str
    body: str
    action: str
    rule: str
    article: str
    votes_needed: int | None
    votes_got: int | None
    passed: bool | None
    unverified: bool
    note: str | None


class MonteCarloJson(TypedDict):
    runs: int
    seed: int
    probabilities: dict[str, float]
    steps_from: str


def step_json(step: Step) -> StepJson:
    return {"date": step.on.isoformat(), "body": step.body, "action": step.action,
            "rule": step.rule, "article": step.article, "votes_needed": step.needed,
            "votes_got": step.got, "passed": step.passed, "unverified": step.unverified,
            "note": step.note}


def monte_carlo_json(mc: MonteCarlo) -> MonteCarloJson:
    return {"runs": mc.runs, "seed": mc.seed,
            "probabilities": {status.value: share for status, share in mc.probabilities},
            "steps_from": mc.steps_from}


def procedure_json(result: ProcedureResult) -> dict[str, object]:
    """A procedure's result as ``--json`` prints it: status, steps, doubts, the notes, then
    the procedure's own details (open-ended: each procedure names its own) and the Monte
    Carlo summary."""
    payload: dict[str, object] = {
        "procedure": result.procedure,
        "date": result.on.isoformat(),
        "era": result.era,
        "status": result.status.value,
        "steps": [step_json(step) for step in result.steps],
        "unverified_rules": list(result.unverified_rules),
        "certain": not result.unverified_rules,
        "notes": list(result.notes),
        **result.details,
    }
    if result.monte_carlo is not None:
        payload["monte_carlo"] = monte_carlo_json(result.monte_carlo)
    return payload
