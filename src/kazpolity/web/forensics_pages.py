"""*Forensics*: the turnout × share fingerprint, integer-percent histograms and digit tests
for a loaded election, each with its null model and caveats in words.

Sources: the administered synthetic election in the store (its precinct protocols as
they stand), or an election simulated by ``kazpolity.simulate`` — clean, or with a known
falsification injected — to show what each statistic looks like when the truth is known.
Results are cached per source (and, for the store, per audit-log head).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from kazpolity.errors import InputError
from kazpolity.http.access import PUBLIC, policy
from kazpolity.http.state import store_of
from kazpolity.presentation.forensic_text import null_text, summary, text
from kazpolity.web.i18n import pick_lang
from kazpolity.web.pages import page

if TYPE_CHECKING:  # the statistics stack (scipy, matplotlib) loads on first use
    from kazpolity.forensics.digits import BatteryRow, DigitTest
    from kazpolity.forensics.integer_percent import IntegerPercentResult
    from kazpolity.forensics.klimek import Fingerprint
    from kazpolity.forensics.report import ForensicReport
    from kazpolity.forensics.table import PrecinctTable

REPLICATES = 200
SWITCHING_REPLICATES = 19
SIMULATION_SEED = 20120412
SIMULATED: dict[str, str] = {
    "simulated-clean": "Simulated, clean: 3,000 precincts in 10 regions, honest counts",
    "simulated-stuffed": "Simulated, ballot stuffing: the clean election with Klimek-model "
                         "stuffing in 10% (incremental) and 2% (extreme) of precincts",
    "simulated-rounded": "Simulated, rounded percentages: the clean election with the "
                         "leader's share set to a whole percent in 8% of precincts",
}

_lock = threading.Lock()
_cache: dict[tuple[str, int, int], Analysis] = {}


@dataclass(frozen=True)
class Analysis:
    """Everything the page shows for one source."""

    source: str
    title: str
    table_size: int
    turnout: float
    leader: str
    leader_share: float
    fingerprint: Fingerprint
    integer: IntegerPercentResult
    last_digit: DigitTest
    pairs: tuple[DigitTest, DigitTest]
    battery: tuple[BatteryRow, ...]
    report: ForensicReport
    fingerprint_svg: str
    histograms_png: str
    digits_svg: str
    truth: dict[str, Any]


def simulated_table(source: str) -> tuple[PrecinctTable, str, dict[str, Any]]:
    """A simulated election with its ground truth."""
    from kazpolity.simulate.election import ElectionSpec, generate_election
    from kazpolity.simulate.falsify import round_to_integer_percent, stuff_ballots

    spec = ElectionSpec(n_regions=10, precincts_per_region=300)
    election = generate_election(spec, SIMULATION_SEED)
    rng = np.random.default_rng(SIMULATION_SEED + 1)
    if source == "simulated-stuffed":
        election = stuff_ballots(election, 0.10, 0.02, rng)
    elif source == "simulated-rounded":
        election = round_to_integer_percent(election, 0.08, rng)
    tampered = int(election.tampered.sum()) if election.tampered is not None else 0
    truth = {"clean": source == "simulated-clean", "tampered_precincts": tampered}
    return election.table(), "party P0 (the leader)", truth


def analyse(source: str, title: str, table: PrecinctTable, leader: str,
            truth: dict[str, Any]) -> Analysis:
    """The page's view of the one battery (``kazpolity.forensics.report.build_report``)."""
    from kazpolity.forensics.figures import (
        digit_figure,
        fingerprint_figure,
        inline_png,
        inline_svg,
        integer_histograms_figure,
    )
    from kazpolity.forensics.report import build_report

    report = build_report(table, replicates=REPLICATES, seed=0, klimek_repeats=1,
                          switching_replicates=SWITCHING_REPLICATES)
    integer, print_, last = report.integer, report.fingerprint, report.last_digit
    assert integer is not None and print_ is not None and last is not None
    assert len(report.pairs) == 2
    return Analysis(
        source=source, title=title, table_size=len(table),
        turnout=report.turnout, leader=leader, leader_share=report.leader_share or 0.0,
        fingerprint=print_, integer=integer, last_digit=last,
        pairs=(report.pairs[0], report.pairs[1]), battery=report.battery,
        report=report,
        fingerprint_svg=inline_svg(fingerprint_figure(print_)),
        histograms_png=inline_png(integer_histograms_figure(table, integer)),
        digits_svg=inline_svg(digit_figure(last.frequencies,
                                           "Last digits of party counts")),
        truth=truth)


def _cached(key: tuple[str, int, int], build: Callable[[], Analysis]) -> Analysis:
    with _lock:  # matplotlib's pyplot is not thread-safe; one analysis at a time
        hit = _cache.get(key)
        if hit is None:
            hit = build()
            if len(_cache) > 16:
                _cache.clear()
            _cache[key] = hit
        return hit


def sources(request: Request) -> dict[str, str]:
    """Every source the page offers: the store's elections, then the simulations."""
    from kazpolity.web.admin_pages import administered_elections

    elections, _ = administered_elections(request)
    found = {f"store:{e['id']}": f"Administered election {e['id']} (precinct protocols in "
                                 "the store)" for e in elections}
    return {**found, **SIMULATED}


def source_label(key: str, english: str, lang: str) -> str:
    """A source's name in the reader's language."""
    if key.startswith("store:"):
        return text("store", lang, english, id=key.removeprefix("store:"))
    return text(key, lang, english)


def labelled_svg(svg: str, label: str) -> Markup:
    """An inline chart a screen reader can name: ``role="img"`` and ``aria-label`` on the
    outer ``<svg>`` (WAI-ARIA graphics role; WCAG 2.1 success criterion 1.1.1)."""
    head, sep, rest = svg.partition("<svg")
    return Markup(head + sep + f' role="img" aria-label="{escape(label)}"' + rest)


def forensics_page(request: Request, source: str | None) -> HTMLResponse:
    from kazpolity.forensics.digits import BATTERY_NULLS
    from kazpolity.forensics.report import DISCLAIMER

    offered = sources(request)
    chosen = source or next(iter(offered))
    if chosen not in offered:
        raise InputError("source", f"unknown source {chosen!r} (known: {', '.join(offered)})")
    if chosen.startswith("store:"):
        election_id = chosen.removeprefix("store:")
        store = store_of(request)
        state = store.fresh(election_id).state

        def build_store() -> Analysis:
            from kazpolity.forensics.store_source import table_from_state

            table, leader = table_from_state(state)
            return analyse(chosen, offered[chosen], table, leader,
                           {"clean": None, "note": "synthetic counts drawn without "
                            "falsification; protocols as they stand in the store"})

        analysis = _cached((chosen, id(store), state.head.seq), build_store)
    else:
        def build_simulated() -> Analysis:
            table, leader, truth = simulated_table(chosen)
            return analyse(chosen, offered[chosen], table, leader, truth)

        analysis = _cached((chosen, 0, 0), build_simulated)
    lang = pick_lang(request)
    return page(request, "forensics.html", "Forensics", "/forensics", a=analysis,
                sources={k: source_label(k, v, lang) for k, v in offered.items()},
                title_text=source_label(chosen, offered[chosen], lang), chosen=chosen,
                disclaimer=text("disclaimer", lang, DISCLAIMER),
                nulls={k: null_text(k, v, lang) for k, v in BATTERY_NULLS.items()},
                summary=summary(analysis.report, lang),
                ft=lambda key, english="", **values: text(key, lang, english, **values),
                labelled=labelled_svg,
                z=(analysis.integer.excess_any / analysis.integer.null_sd
                   if analysis.integer.null_sd > 0 else None))


router = APIRouter()


@router.get("/forensics", response_class=HTMLResponse, openapi_extra=policy(PUBLIC),
            include_in_schema=False)
def forensics(request: Request, source: str | None = Query(None)) -> HTMLResponse:
    return forensics_page(request, source)
