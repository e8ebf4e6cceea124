"""*Today* (or any date): the bodies that exist, their composition as parliament arches,
and who holds the main offices — all from ``kazpolity.institutions`` and the rulebook."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from kazpolity.charts.compositions import (
    APPOINTED,
    CHAMBERS,
    ELECTED_NOW,
    neutral_colour,
)
from kazpolity.charts.election_colours import result_colour
from kazpolity.charts.palette import APK_COLOUR, UNKNOWN, UNKNOWN_COLOUR
from kazpolity.charts.parliament import SeatGroup, arch_svg, with_distinct_colours
from kazpolity.charts.regions_map import regions_map_svg
from kazpolity.errors import KazpolityError
from kazpolity.geo import capital_at, regions_at
from kazpolity.http.access import PUBLIC, policy
from kazpolity.institutions import chamber_composition, holder_on
from kazpolity.institutions.bodies import Composition
from kazpolity.institutions.holders import OFFICES, HolderAnswer
from kazpolity.law import MODEL_END, MODEL_START, rules_at
from kazpolity.law.eras import era_at
from kazpolity.names import name_of
from kazpolity.presentation import format_date
from kazpolity.web.i18n import pick_lang, translate
from kazpolity.web.pages import day_or_today, page, shown_name

KINDS: dict[str, tuple[str, str]] = {
    "elected-by-maslikhats": ("Elected by maslikhat electors", ELECTED_NOW),
    "appointed-by-president": ("Appointed by the President", APPOINTED),
    "appointed-on-apk-recommendation": ("Appointed on the APK's recommendation", APK_COLOUR),
    "list": ("Party-list seats (split unknown)", UNKNOWN_COLOUR),
    "district": ("District seats (split unknown)", UNKNOWN_COLOUR),
    "apk": ("Elected by the Assembly of People", APK_COLOUR),
}


def seat_groups(composition: Composition, lang: str = "en") -> list[SeatGroup]:
    """The chamber's seats by party where known, else by kind of seat, else unknown; each
    group labelled in ``lang`` (its ``name`` stays English)."""
    groups: list[SeatGroup] = []
    if composition.by_party:
        groups = with_distinct_colours(
            [SeatGroup(name, seats, neutral_colour(name) or result_colour(name),
                       shown_name(name, lang))
             for name, seats in composition.by_party.items() if seats])
    else:
        for kind, seats in composition.by_kind.items():
            label, colour = KINDS.get(kind, (kind, UNKNOWN_COLOUR))
            if seats:
                groups.append(SeatGroup(label, seats, colour, shown_name(label, lang)))
    shown = sum(group.seats for group in groups)
    if shown < composition.size:
        groups.append(SeatGroup(UNKNOWN, composition.size - shown, UNKNOWN_COLOUR,
                                shown_name(UNKNOWN, lang)))
    return groups


def chambers_on(day: date, lang: str = "en") -> list[dict[str, Any]]:
    """Each chamber that exists on ``day`` with its arch and seat groups."""
    book = rules_at(day)
    shown = []
    for body in CHAMBERS:
        if not book.exists(body):
            continue
        composition = chamber_composition(body, day, book)
        groups = seat_groups(composition, lang)
        seats = sum(group.seats for group in groups)
        title = name_of("bodies", body, lang, book.titles.get(body, body))
        notes = composition_notes(composition, lang)
        shown.append({
            "body": body, "title": title, "seats": seats, "status": composition.status,
            "seats_by_law": composition.seats_total, "groups": groups, "notes": notes,
            "election_id": composition.election_id,
            "election_title": election_title(composition.election_id, lang)
            if composition.election_id else "",
            "arch": arch_svg(groups, title=f"{title}: {seats} {translate('seats', lang)}",
                             legend=False),
        })
    return shown


def composition_notes(composition: Composition, lang: str) -> list[str]:
    """What a reader should know about a chamber's composition, in ``lang``: written from the
    composition's status and numbers (the institutions package's own note is English)."""
    words: list[str] = []
    if composition.election_id and composition.election_date:
        words.append(translate("As elected on {day} ({election}); later changes of mandate "
                               "are not modelled.", lang).format(
            day=format_date(composition.election_date, lang),
            election=election_title(composition.election_id, lang)))
    if lang == "en":
        return words + ([composition.note] if composition.note else [])
    status_note = STATUS_NOTES.get(composition.status)
    if status_note:
        words.append(translate(status_note, lang))
    if composition.election_id == "majilis-1995":
        words.append(translate("The party of 42 of the 67 deputies of 1995 is not published.",
                               lang))
    sitting = composition.seats_sitting
    if composition.status == "elected" and sitting and sitting != composition.seats_total:
        words.append(translate("{sitting} deputies sit, elected under the previous rule; the "
                               "rule in force sets {total}.", lang).format(
            sitting=sitting, total=composition.seats_total))
    if composition.note and "UNVERIFIED" in composition.note:
        words.append(translate("Not confirmed by a source.", lang))
    return words


STATUS_NOTES: dict[str, str] = {
    "not-yet-elected": "Not yet elected on this date.",
    "dissolved": "Dissolved on this date; an early election is due.",
    "by-rule": "Senators are not elected on party lists: the seats are shown by how they are "
               "filled, from the rulebook.",
    "unknown": "The results of this chamber's election are not in the bundled data.",
}


def election_title(election_id: str, lang: str) -> str:
    """``majilis-2023`` as ``Мәжіліс сайлауы, 2023`` (the kind's name and the year)."""
    kind, _, year = election_id.rpartition("-")
    if not kind or not year.isdigit():
        return election_id
    return f"{name_of('election_kinds', kind, lang, kind)}, {year}"


def holders_on(day: date) -> tuple[list[HolderAnswer], str | None]:
    """Every office that exists on ``day`` with its holder, or why the data is missing."""
    try:
        answers = [holder_on(office, day) for office in OFFICES]
    except KazpolityError as err:
        return [], f"office-holder data unavailable: {err}"
    return [answer for answer in answers if answer.status != "no-office"], None


def today_page(request: Request, on: str | None) -> HTMLResponse:
    day = day_or_today(on, "on")
    book = rules_at(day)
    bodies = [(body, book.titles[body]) for body, rules in book.bodies.items()
              if rules is not None]
    absent = [(body, book.titles[body]) for body, rules in book.bodies.items() if rules is None]
    lang = pick_lang(request)
    regions = regions_at(day)
    holders, holders_error = holders_on(day)
    return page(
        request, "today.html",
        translate("Kazakhstan on {day}", lang).format(day=format_date(day, lang)), "/", day=day,
        is_today=day == date.today(), era=era_at(day), bodies=bodies, absent=absent,
        chambers=chambers_on(day, lang), holders=holders, holders_error=holders_error,
        region_count=len(regions), capital=capital_at(day).name(lang),
        regions_map=regions_map_svg(regions, lang=lang,
                                    title=translate("Regions of Kazakhstan on {day}", lang)
                                    .format(day=format_date(day, lang))),
        model_start=MODEL_START.isoformat(), model_end=MODEL_END.isoformat())


router = APIRouter()


@router.get("/", response_class=HTMLResponse, openapi_extra=policy(PUBLIC),
            include_in_schema=False)
def today(request: Request, on: str | None = Query(None, description="YYYY-MM-DD")
          ) -> HTMLResponse:
    return today_page(request, on)
