"""*Institutions* on a date: each chamber's composition (as a parliament arch), who holds the
main offices, the procedures that run between the bodies (each linked to its rules), and the
bill simulator — a bill run through the law-making procedure in force on its date
(``kazpolity.institutions.legislate``), step by step, each step with the rule it applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from kazpolity.charts.timeline import TimelineStep, timeline_svg
from kazpolity.errors import InputError
from kazpolity.http.access import PUBLIC, policy
from kazpolity.institutions.legislate import INITIATORS, KINDS, legislate
from kazpolity.institutions.scenario import Fields, parse_legislate
from kazpolity.law import MODEL_END, MODEL_START, rules_at
from kazpolity.names import catalogue, name_of
from kazpolity.names.labels import label
from kazpolity.presentation import format_date
from kazpolity.presentation.institution_json import procedure_json
from kazpolity.presentation.rule_text import rule_title
from kazpolity.web.i18n import pick_lang, translate
from kazpolity.web.pages import day_or_today, page
from kazpolity.web.today_pages import chambers_on, holders_on

CHAMBER_VOTES = ("majilis", "senate", "kurultai")
PRESIDENT = ("sign", "veto", "none")
MAX_RUNS = 500
DEFAULTS: dict[str, str] = {
    "date": "2024-03-01", "initiator": "government", "kind": "ordinary", "president": "sign",
    "majilis_yes": "70", "majilis_no": "20", "majilis_abstain": "0",
    "senate_yes": "40", "senate_no": "5", "senate_abstain": "0",
}
PRESETS: dict[str, dict[str, str]] = {
    "A government bill in 2024, passed and signed": DEFAULTS,
    "A 2024 bill vetoed by the President": {**DEFAULTS, "president": "veto"},
    "A 2012 bill the Senate rejects": {
        "date": "2012-05-01", "initiator": "deputies", "kind": "ordinary", "president": "sign",
        "majilis_yes": "80", "majilis_no": "10", "senate_yes": "10", "senate_no": "30"},
    "A Kurultai bill in 2026, voted by a discipline model": {
        "date": "2026-09-15", "initiator": "government", "kind": "ordinary",
        "president": "sign", "model": "on", "discipline": "0.9", "default": "yes",
        "composition": "Amanat=80, Others=65"},
}


@dataclass(frozen=True)
class Scenario:
    """The form's values as the institutions package's scenario mapping."""

    data: dict[str, Any]
    runs: int


def _count(form: dict[str, str], key: str) -> int | None:
    raw = form.get(key, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise InputError(key.replace("_", "."), f"expected a whole number of votes, got {raw!r}")
    return int(raw)


def _composition(text: str) -> dict[str, int]:
    factions: dict[str, int] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, _, seats = part.partition("=")
        if not name.strip() or not seats.strip().isdigit():
            raise InputError("model.composition", f"{part!r} is not of the form Faction=seats")
        factions[name.strip()] = int(seats)
    return factions


def scenario_from_form(form: dict[str, str]) -> Scenario:
    """Build the scenario; every bad value raises ``InputError`` naming its field."""
    data: dict[str, Any] = {
        "date": form.get("date") or DEFAULTS["date"],
        "initiator": form.get("initiator") or "government",
        "kind": form.get("kind") or "ordinary",
        "president": form.get("president") or "sign",
        "urgent": form.get("urgent") == "on",
    }
    votes: dict[str, dict[str, int]] = {}
    for chamber in CHAMBER_VOTES:
        counts = {part: _count(form, f"{chamber}_{part}") for part in ("yes", "no", "abstain")}
        if any(value is not None for value in counts.values()):
            votes[chamber] = {part: value or 0 for part, value in counts.items()}
    if votes:
        data["votes"] = votes
    override: dict[str, dict[str, int]] = {}
    for chamber in CHAMBER_VOTES:
        counts = {part: _count(form, f"override_{chamber}_{part}") for part in ("yes", "no")}
        if any(value is not None for value in counts.values()):
            override[chamber] = {part: value or 0 for part, value in counts.items()}
    if override:
        data["override"] = override
    runs = 1
    if form.get("model") == "on":
        try:
            discipline = float(form.get("discipline") or "0.95")
        except ValueError:
            raise InputError("model.discipline", "expected a probability 0..1") from None
        model: dict[str, Any] = {"discipline": discipline,
                                 "default": form.get("default") or "yes"}
        if form.get("composition", "").strip():
            model["composition"] = _composition(form["composition"])
        data["model"] = model
        runs = 200
    return Scenario(data, min(runs, MAX_RUNS))


def run_scenario(scenario: Scenario, lang: str = "en") -> dict[str, Any]:
    """The procedure's result with its timeline drawn and each step's rule named in
    ``lang``."""
    result: dict[str, Any] = procedure_json(legislate(
        parse_legislate(Fields(scenario.data)), runs=scenario.runs, seed=1))
    for step in result["steps"]:
        step["rule_key"] = str(step["rule"]).split(" = ", 1)[0].strip()
        step["actor"] = actor_name(step["body"], lang)
    steps = [TimelineStep(date.fromisoformat(s["date"]), s["actor"],
                          s["action"] if lang == "en" else rule_title(s["rule_key"], lang),
                          s["passed"], bool(s["unverified"])) for s in result["steps"]]
    day = date.fromisoformat(result["date"])
    result["timeline"] = timeline_svg(steps, title=translate("Bill of {day}: {status}", lang)
                                      .format(day=format_date(day, lang),
                                              status=translate(result["status"], lang)))
    return result


def actor_name(body: str, lang: str) -> str:
    """A step's actor: a body or office from the names catalogue, else its word
    (``deputies``, ``government``) from the rule values' labels."""
    for kind in ("bodies", "offices"):
        if catalogue().entry(kind, body) is not None:
            return name_of(kind, body, lang)
    return label("values", body, lang, body)


PROCEDURES: tuple[tuple[str, str, str], ...] = (
    ("How a bill becomes law", "legislation", "kazpolity legislate FILE"),
    ("Appointing the Prime Minister and the Government", "government",
     "kazpolity appoint FILE"),
    ("A vote of no confidence in the Government", "government", "kazpolity no-confidence FILE"),
    ("Dissolving the chamber", "dissolution", "kazpolity dissolve FILE"),
    ("Succession to the President", "succession", "kazpolity succession FILE"),
    ("A referendum initiative", "referendum", "kazpolity referendum-initiative FILE"),
)
"""The procedures between the bodies: (title, rulebook body that sets them, CLI command)."""


def institutions_page(request: Request) -> HTMLResponse:
    lang = pick_lang(request)
    form = {k: v for k, v in request.query_params.items() if k != "lang"}
    submitted = any(k != "date" for k in form)
    values = {**DEFAULTS, **form} if not submitted else form
    result: dict[str, Any] | None = None
    error: str | None = None
    status = 200
    day = day_or_today(form.get("date"), "date") if "date" in form else date.today()
    if submitted:
        try:
            result = run_scenario(scenario_from_form(values), lang)
        except InputError as err:
            error, status = f"{err.field}: {err.message}", 422
    else:
        values["date"] = day.isoformat()
    book = rules_at(day)
    chambers = [c for c in CHAMBER_VOTES if book.exists(c)]
    holders, holders_error = holders_on(day)
    title = translate("Institutions on {day}", lang).format(day=format_date(day, lang))
    return page(request, "institutions.html", title, "/institutions", status=status,
                day=day, form=values, result=result, error=error, initiators=INITIATORS,
                kinds=KINDS, presidents=PRESIDENT, chambers=CHAMBER_VOTES, chambers_on=chambers,
                presets=PRESETS, model_start=MODEL_START.isoformat(),
                model_end=MODEL_END.isoformat(), compositions=chambers_on(day, lang),
                holders=holders, holders_error=holders_error,
                procedures=[p for p in PROCEDURES if book.exists(p[1])],
                result_day=date.fromisoformat(result["date"]) if result else None)


router = APIRouter()


@router.get("/institutions", response_class=HTMLResponse, openapi_extra=policy(PUBLIC),
            include_in_schema=False)
def institutions(request: Request) -> HTMLResponse:
    return institutions_page(request)
