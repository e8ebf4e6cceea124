"""*Administration*: live tabulation of the administered elections in the store.

"Reported k of N" at every level, drill-down central → territorial (→ district) → precinct,
every protocol's versions with their reasons, and the audit chain's status (recomputed by
``kazpolity.administration.store.verify``, cached per log head).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from kazpolity.administration.hierarchy import CENTRAL, PRECINCT, Commission
from kazpolity.administration.lifecycle import ElectionState
from kazpolity.administration.results import live_tallies, seats_document
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.store.verify import verify_election
from kazpolity.administration.tabulation import Tally
from kazpolity.charts.election_colours import result_colour
from kazpolity.charts.parliament import SeatGroup, arch_svg, with_distinct_colours
from kazpolity.charts.regions_map import TileValue, regions_map_svg
from kazpolity.errors import InputError, KazpolityError
from kazpolity.geo import GEO_START, Region, regions_at
from kazpolity.http.access import PUBLIC, policy
from kazpolity.http.state import store_of
from kazpolity.names import name_of, result_name
from kazpolity.presentation import format_date, format_int, format_percent
from kazpolity.presentation.administration_json import listing_json
from kazpolity.web.i18n import pick_lang, translate
from kazpolity.web.pages import page

_verify_lock = threading.Lock()
_verified: dict[tuple[str, str, int], dict[str, Any]] = {}

MAP_COLOURS: dict[str, str] = {"reported": "precincts reported, %", "turnout": "turnout, %",
                               "leader": "leading list's share of valid votes, %"}


def administered_elections(request: Request) -> tuple[list[dict[str, Any]], str | None]:
    """Every administered election with its progress, or none and why the store failed."""
    try:
        store = store_of(request)
        rows = []
        for item in store.list_elections():
            state = store.fresh(item.id).state
            root = live_tallies(state)[state.election.hierarchy.root_id]
            rows.append({**listing_json(item), "on": item.date, "on_date": state.election.on,
                         "precincts": root.expected,
                         "reported": root.reported, "finalized": state.finalized,
                         "entries": state.head.seq})
        return rows, None
    except (KazpolityError, OSError, RuntimeError) as err:
        return [], str(err)
    except Exception as err:  # a database that cannot be opened must not break the page
        return [], f"{type(err).__name__}: {err}"


def audit_status(store: AdministrationStore, state: ElectionState) -> dict[str, Any]:
    """The chain's verification, recomputed once per log head."""
    key = (store.url, state.election.id, state.head.seq)
    with _verify_lock:
        hit = _verified.get(key)
    if hit is None:
        hit = verify_election(store, state.election.id)
        with _verify_lock:
            if len(_verified) > 32:
                _verified.clear()
            _verified[key] = hit
    return hit


@dataclass(frozen=True)
class Row:
    """One commission in a drill-down table."""

    id: str
    level: str
    name: str
    region_code: str | None
    reported: int
    expected: int
    status: str
    version: int
    registered: int
    turnout: float | None
    leader_share: float | None
    is_precinct: bool

    @property
    def percent(self) -> float:
        return 100 * self.reported / self.expected if self.expected else 0.0


POLLING_STATION = re.compile(r"^Polling station (?P<abroad>abroad )?(?P<number>\d+)\b")
STATION_NAMES: dict[str, tuple[str, str]] = {
    "kk": ("№{n} сайлау учаскесі, {region}", "Шетелдегі №{n} сайлау учаскесі"),
    "ru": ("Избирательный участок №{n}, {region}", "Избирательный участок за рубежом №{n}"),
}


def commission_title(commission: Commission, names: Mapping[str, str], lang: str) -> str:
    """A commission's name in ``lang``: the CEC from the names catalogue, a territorial or
    district commission as its region and level, a polling station by number and region;
    any other name as stored."""
    code = commission.region_code
    if commission.level == CENTRAL and lang != "en":
        return name_of("bodies", "central_election_commission", lang, commission.name)
    if commission.level != PRECINCT and code is not None and code in names:
        return f"{names[code]} — {translate(commission.level, lang)}"
    station = POLLING_STATION.match(commission.name)
    if station is None or lang not in STATION_NAMES:
        return commission.name
    at_home, abroad = STATION_NAMES[lang]
    pattern = abroad if station["abroad"] else at_home
    return pattern.format(n=int(station["number"]), region=names.get(code or "", ""))


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _row(state: ElectionState, tallies: Mapping[str, Tally], cid: str, leader: str,
         names: Mapping[str, str], lang: str = "en") -> Row:
    h = state.election.hierarchy
    form = state.election.form
    commission = h.commissions[cid]
    tally = tallies[cid]
    lines = dict(zip(form.line_keys, tally.values[:len(form.line_keys)], strict=True))
    votes = dict(zip(form.options, tally.values[len(form.line_keys):], strict=True))
    own = state.commissions[cid]
    name = commission_title(commission, names, lang)
    return Row(
        id=cid, level=commission.level, name=name, region_code=commission.region_code,
        reported=tally.reported, expected=tally.expected, status=own.status,
        version=own.version, registered=h.registered_voters(cid),
        turnout=_share(lines.get("ballots_found", 0), lines.get("voters_on_list", 0)),
        leader_share=_share(votes.get(leader, 0), lines.get("ballots_valid", 0)),
        is_precinct=commission.level == PRECINCT)


def _leader(state: ElectionState, tallies: Mapping[str, Tally]) -> str:
    form = state.election.form
    root = tallies[state.election.hierarchy.root_id]
    votes = dict(zip(form.options, root.values[len(form.line_keys):], strict=True))
    return max(votes, key=lambda option: (votes[option], option)) if votes else ""


def _region_names(on: date, lang: str) -> dict[str, str]:
    if on < GEO_START:
        return {}
    return {r.code: r.name(lang) for r in regions_at(on)}


def tabulation_map(state: ElectionState, rows: list[Row], colour: str, lang: str) -> str | None:
    """The cartogram of the election day's units, coloured by a per-region value."""
    on = state.election.on
    if on < GEO_START:
        return None
    regions: tuple[Region, ...] = regions_at(on)
    values: dict[str, TileValue] = {}
    for row in rows:
        if row.region_code is None:
            continue
        if colour == "reported":
            values[row.region_code] = TileValue(
                row.percent, f"{format_int(row.reported, lang)}/{format_int(row.expected, lang)}")
        elif colour == "turnout" and row.turnout is not None and row.reported:
            values[row.region_code] = TileValue(row.turnout,
                                                format_percent(row.turnout, lang, 1))
        elif colour == "leader" and row.leader_share is not None and row.reported:
            values[row.region_code] = TileValue(row.leader_share,
                                                format_percent(row.leader_share, lang, 1))
    shown = translate(MAP_COLOURS[colour], lang)
    return regions_map_svg(regions, lang=lang, values=values, value_name=shown,
                           title=f"{election_heading(state, lang)}: {shown}")


def election_heading(state: ElectionState, lang: str) -> str:
    """An administered election as readers name it: its kind and date, marked when its data
    are synthetic (``mode: test``)."""
    election = state.election
    kind = name_of("election_kinds", election.election_type, lang, election.election_type)
    heading = f"{kind}, {format_date(election.on, lang)}"
    if election.mode == "test":
        heading += f" ({translate('synthetic data', lang)})"
    return heading


def _seats(state: ElectionState, lang: str) -> tuple[dict[str, Any] | None, str | None]:
    document = seats_document(state)
    allocation = document.get("allocation")
    if not allocation or allocation.get("status") != "ok":
        return document, None
    names = {o.id: o.name for o in state.election.options}
    ranked = sorted(allocation["seats"].items(), key=lambda kv: -document["votes"].get(kv[0], 0))
    groups = with_distinct_colours([
        SeatGroup(names.get(k, k), int(v), result_colour(names.get(k, k)),
                  result_name(names.get(k, k), lang))
        for k, v in ranked if v])
    if not groups:
        return document, None
    title = translate("{n} list seats", lang).format(n=sum(g.seats for g in groups))
    return document, arch_svg(groups, title=f"{election_heading(state, lang)}: {title}")


def admin_index(request: Request) -> HTMLResponse:
    rows, error = administered_elections(request)
    return page(request, "admin_index.html", translate("Administration", pick_lang(request)),
                "/administration",
                elections=rows, error=error)


def election_view(request: Request, election_id: str, colour: str) -> HTMLResponse:
    if colour not in MAP_COLOURS:
        raise InputError("colour", f"must be one of {', '.join(MAP_COLOURS)}, got {colour!r}")
    lang = pick_lang(request)
    store = store_of(request)
    state = store.fresh(election_id).state
    h = state.election.hierarchy
    tallies = live_tallies(state)
    leader = _leader(state, tallies)
    names = _region_names(state.election.on, lang)
    root = _row(state, tallies, h.root_id, leader, names, lang)
    children = [_row(state, tallies, cid, leader, names, lang) for cid in h.children[h.root_id]]
    levels = [{"level": level, "reported": sum(tallies[c].reported for c in h.at_level(level)),
               "expected": sum(tallies[c].expected for c in h.at_level(level)),
               "commissions": len(h.at_level(level)),
               "accepted": sum(1 for c in h.at_level(level)
                               if state.commissions[c].status == "accepted")}
              for level in h.levels]
    seats, arch = _seats(state, lang)
    option_names = {o.id: o.name for o in state.election.options}
    heading = election_heading(state, lang)
    return page(request, "admin_election.html", heading,
                "/administration", election=state.election, state=state, root=root,
                children=children, levels=levels, seats=seats, arch=arch,
                option_names=option_names, audit=audit_status(store, state), heading=heading,
                map_svg=tabulation_map(state, children, colour, lang), colour=colour,
                colours=MAP_COLOURS, leader=option_names.get(leader, leader))


def commission_view(request: Request, election_id: str, commission_id: str) -> HTMLResponse:
    lang = pick_lang(request)
    store = store_of(request)
    state = store.fresh(election_id).state
    h = state.election.hierarchy
    commission = h.get(commission_id)
    tallies = live_tallies(state)
    leader = _leader(state, tallies)
    names = _region_names(state.election.on, lang)
    row = _row(state, tallies, commission_id, leader, names, lang)
    children = [_row(state, tallies, cid, leader, names, lang) for cid in h.children[commission_id]]
    trail = []
    parent = commission.parent_id
    while parent is not None:
        trail.append(_row(state, tallies, parent, leader, names, lang))
        parent = h.commissions[parent].parent_id
    form = state.election.form
    tally = tallies[commission_id]
    lines = list(zip(form.line_keys, tally.values[:len(form.line_keys)], strict=True))
    option_names = {o.id: o.name for o in state.election.options}
    votes = [(option_names.get(o, o), v) for o, v in
             zip(form.options, tally.values[len(form.line_keys):], strict=True)]
    history = store.history(election_id, commission_id)
    return page(request, "admin_commission.html",
                f"{row.name} — {election_heading(state, lang)}",
                "/administration", election=state.election, commission=commission, row=row,
                children=children, trail=list(reversed(trail)), lines=lines, votes=votes,
                history=history, leader=option_names.get(leader, leader),
                heading=election_heading(state, lang))


router = APIRouter()


@router.get("/administration", response_class=HTMLResponse, openapi_extra=policy(PUBLIC),
            include_in_schema=False)
def administration(request: Request) -> HTMLResponse:
    return admin_index(request)


@router.get("/administration/{election_id}", response_class=HTMLResponse,
            openapi_extra=policy(PUBLIC), include_in_schema=False)
def administered(request: Request, election_id: str,
                 colour: str = Query("reported", description="reported, turnout, leader")
                 ) -> HTMLResponse:
    return election_view(request, election_id, colour)


@router.get("/administration/{election_id}/commissions/{commission_id}",
            response_class=HTMLResponse, openapi_extra=policy(PUBLIC), include_in_schema=False)
def commission(request: Request, election_id: str, commission_id: str) -> HTMLResponse:
    return commission_view(request, election_id, commission_id)
