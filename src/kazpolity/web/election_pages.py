"""*Elections*: the list, and for each election its results, seats arch, regions map,
disproportionality indices, the step-by-step allocation, and a re-run under another date's
law or another method with the difference from the official seats."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from kazpolity.charts.compositions import Composition, election_composition
from kazpolity.charts.palette import UNKNOWN
from kazpolity.charts.parliament import SeatGroup, arch_svg
from kazpolity.charts.regions_map import regions_map_svg
from kazpolity.elections.indices import disproportionality, list_tier_indices
from kazpolity.elections.kazakh_lists import ListCompleted, ListOutcome
from kazpolity.elections.majority import MajorityOutcome
from kazpolity.elections.method_rules import DIVISOR_RULES
from kazpolity.elections.methods import textbook_methods
from kazpolity.elections.official import OfficialElection, official_election, official_elections
from kazpolity.elections.reproduce import Rerun, presidential_outcome, reproduce, rerun
from kazpolity.elections.threshold import parse_percent
from kazpolity.errors import InputError
from kazpolity.geo import GEO_START, regions_at
from kazpolity.http.access import PUBLIC, policy
from kazpolity.law import MODEL_END, MODEL_START, parse_day
from kazpolity.presentation import format_date, format_int
from kazpolity.presentation.election_text import reproduction_checked, reproduction_notes
from kazpolity.presentation.reproduction_text import INDEX_NAMES
from kazpolity.web.i18n import pick_lang, translate
from kazpolity.web.pages import page, shown_name


def method_names(lang: str) -> dict[str, str]:
    """The methods a re-run may use, by id, named in ``lang`` (from the method registry)."""
    return {method.id: method.name(lang) for method in textbook_methods()}


@dataclass(frozen=True)
class RerunRequest:
    """The re-run form's values, validated."""

    under: date
    method: str | None
    threshold: Fraction | None
    seats: int | None
    form: dict[str, str]


def can_rerun(election: OfficialElection) -> bool:
    return (election.body == "majilis" and bool(election.list_votes)) or (
        election.body == "president" and election.date >= MODEL_START)


def parse_rerun(election: OfficialElection, under: str | None, method: str | None,
                threshold: str | None, seats: str | None) -> RerunRequest | None:
    """The form's values (``None`` when the form was not submitted); bad values raise."""
    form = {"under": under or "", "method": method or "", "threshold": threshold or "",
            "seats": seats or ""}
    if not any(form.values()):
        return None
    if not can_rerun(election):
        raise InputError("election", f"{election.election_id} has no votes to re-run (only "
                                     "party-list and presidential elections can be re-run)")
    day = parse_day(under, "under") if under else election.date
    chosen = method or None
    if chosen is not None and chosen not in method_names("en"):
        raise InputError("method", f"unknown method {chosen!r} (known: "
                                   f"{', '.join(method_names('en'))})")
    percent = parse_percent("threshold", threshold) if threshold else None
    count: int | None = None
    if seats:
        if not seats.strip().isdigit() or int(seats) <= 0 or int(seats) > 2000:
            raise InputError("seats", f"must be a whole number of seats from 1 to 2000, "
                                      f"got {seats!r}")
        count = int(seats)
    if election.body == "president" and (chosen or percent is not None or count):
        raise InputError("method", "a presidential election takes no method, threshold or "
                                   "seats: only the date whose law applies")
    return RerunRequest(day, chosen, percent, count, form)


def rerun_view(election: OfficialElection, request: RerunRequest, lang: str = "en"
               ) -> dict[str, Any]:
    """The re-run's outcome as the template shows it."""
    result: Rerun = rerun(election, request.under, method=request.method,
                          threshold=request.threshold, seats=request.seats)
    view: dict[str, Any] = {"under": request.under.isoformat(), "result": result}
    outcome = result.outcome
    if isinstance(outcome, ListOutcome):
        view["kind"] = "list"
        view["status"] = outcome.status
        view["outcome"] = outcome
        if isinstance(outcome, ListCompleted):
            view["indices"] = list_tier_indices(outcome.votes, outcome.seats)
            parties = list(dict.fromkeys([*result.official, *outcome.seats]))
            view["rows"] = [
                {"party": party, "votes": outcome.votes.get(party),
                 "official": result.official.get(party, 0), "rerun": outcome.seats.get(party, 0),
                 "difference": outcome.seats.get(party, 0) - result.official.get(party, 0)}
                for party in parties]
            groups = [SeatGroup(p, n, label=shown_name(p, lang))
                      for p, n in outcome.seats.items() if n]
            if groups:
                title = translate("Re-run under {day}: {n} list seats", lang).format(
                    day=format_date(request.under, lang), n=sum(outcome.seats.values()))
                view["arch"] = arch_svg(groups, title=title)
        if result.rules is not None:
            view["rules"] = result.rules
    else:
        view["kind"] = "majority"
        view["outcome"] = outcome
    return view


def explanation(election: OfficialElection) -> ListOutcome | MajorityOutcome | None:
    """The allocation under the election's own law, with its working (``None`` if none)."""
    if election.body == "majilis" and election.list_votes:
        outcome = rerun(election, election.date).outcome
        return outcome
    if election.body == "president" and election.date >= MODEL_START:
        return presidential_outcome(election)
    return None


def election_map(election: OfficialElection, lang: str) -> tuple[str | None, str]:
    """The cartogram of the units in force on the election day, and a caption."""
    if election.date < GEO_START:
        return None, translate("Regions are modelled from {start}; this election precedes "
                               "that.", lang).format(start=GEO_START.isoformat())
    regions = regions_at(election.date)
    svg = regions_map_svg(regions, lang=lang,
                          title=translate("Regions of Kazakhstan on {day}", lang)
                          .format(day=format_date(election.date, lang)))
    return svg, translate("The {n} first-level units in force on {day}. No regional results "
                          "are bundled for this election, so the units are shown without "
                          "values.", lang).format(n=len(regions),
                                                  day=format_date(election.date, lang))


def synthetic_twin(request: Request, election: OfficialElection) -> str | None:
    """The id of an administered synthetic (precinct-level, test-data) election held on the
    same day for the same body, if the store has one: the real election's page links to it
    and never shows its numbers (they are not official)."""
    administered, _ = administered_elections_safe(request)
    for item in administered:
        if item["on"] == election.date.isoformat() and item["election_type"] == election.body:
            return str(item["id"])
    return None


def administered_elections_safe(request: Request) -> tuple[list[dict[str, Any]], str | None]:
    from kazpolity.web.admin_pages import administered_elections

    return administered_elections(request)


def seat_notes(composition: Composition | None, election: OfficialElection,
               lang: str) -> list[str]:
    """What a reader should know about the seats chart, in ``lang``: written from the
    composition's numbers (the charts package's own notes are English)."""
    if composition is None:
        return []
    if lang == "en":
        return list(composition.notes)
    law, filled = composition.seats_by_law, composition.seats
    notes = []
    if composition.chamber == "senate":
        notes.append(translate("The Senate's party composition is not published: seats are "
                               "shown by how they are filled (rulebook: senate.seats_elected, "
                               "senate.seats_appointed).", lang))
    elif law is not None and any(group.name == UNKNOWN for group in composition.groups):
        notes.append(translate("{n} of the {law} seats are not split in the published result: "
                               "shown as unknown.", lang).format(
            n=format_int(_unknown(composition), lang),
            law=format_int(law, lang)))
    elif law is not None and filled > law:
        notes.append(translate("The published seats ({filled}) exceed the {law} seats the "
                               "rulebook sets on {day}.", lang).format(
            filled=format_int(filled, lang), law=format_int(law, lang),
            day=format_date(election.date, lang)))
    return notes


def group_label(name: str, election: OfficialElection, lang: str) -> str:
    """A seat group's label in ``lang``; the Senate's "Elected on <date>" group of this
    election is worded with the date in the language."""
    if name == f"Elected on {election.date.isoformat()}":
        return translate("Elected on {day}", lang).format(day=format_date(election.date, lang))
    return shown_name(name, lang)


def _unknown(composition: Composition) -> int:
    return sum(group.seats for group in composition.groups if group.name == UNKNOWN)


def election_page(request: Request, election_id: str, under: str | None, method: str | None,
                  threshold: str | None, seats: str | None) -> HTMLResponse:
    election = official_election(election_id)
    lang = pick_lang(request)
    composition = election_composition(election)
    arch = (arch_svg([replace(group, label=group_label(group.name, election, lang))
                      for group in composition.groups],
                     title=f"{election_id}: {composition.seats} {translate('seats', lang)}")
            if composition else None)
    twin_id = synthetic_twin(request, election)
    map_svg, map_caption = election_map(election, lang)
    rerun_error: str | None = None
    rerun_result: dict[str, Any] | None = None
    form = {"under": under or "", "method": method or "", "threshold": threshold or "",
            "seats": seats or ""}
    status = 200
    try:
        asked = parse_rerun(election, under, method, threshold, seats)
        if asked is not None:
            rerun_result = rerun_view(election, asked, lang)
    except InputError as err:
        rerun_error, status = f"{err.field}: {err.message}", 422
    indices = disproportionality(election)
    return page(
        request, "election.html", f"{election_id} — {election.date.isoformat()}", "/elections",
        status=status, election=election, composition=composition, arch=arch, map_svg=map_svg,
        seat_notes=seat_notes(composition, election, lang),
        map_caption=map_caption, twin_id=twin_id, indices=indices, index_names=INDEX_NAMES,
        check=(check := reproduce(election)), check_what=reproduction_checked(check),
        check_detail=reproduction_notes(check), explained=explanation(election),
        can_rerun=can_rerun(election), methods=method_names(lang), form=form,
        divisor_rules=DIVISOR_RULES,
        rerun=rerun_result, rerun_error=rerun_error,
        model_start=MODEL_START.isoformat(), model_end=MODEL_END.isoformat(),
        is_list=isinstance, ListOutcome=ListOutcome)


def elections_list_page(request: Request) -> HTMLResponse:
    rows = [{"election": e, "check": reproduce(e)} for e in official_elections()]
    administered, admin_error = administered_elections_safe(request)
    return page(request, "elections.html", "Elections", "/elections", rows=rows,
                administered=administered, admin_error=admin_error)


router = APIRouter()


@router.get("/elections", response_class=HTMLResponse, openapi_extra=policy(PUBLIC),
            include_in_schema=False)
def elections(request: Request) -> HTMLResponse:
    return elections_list_page(request)


@router.get("/elections/{election_id}", response_class=HTMLResponse,
            openapi_extra=policy(PUBLIC), include_in_schema=False)
def election(request: Request, election_id: str,
             under: str | None = Query(None, description="YYYY-MM-DD whose law applies"),
             method: str | None = Query(None), threshold: str | None = Query(None),
             seats: str | None = Query(None)) -> HTMLResponse:
    return election_page(request, election_id, under, method, threshold, seats)
