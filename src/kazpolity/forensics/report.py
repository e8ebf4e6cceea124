"""The summary report: every method's statistic, null model, uncertainty and assumptions,
plus per-precinct flags, as one JSON-able value or a self-contained HTML page."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from kazpolity.errors import InputError
from kazpolity.forensics.consistency import protocol_residuals
from kazpolity.forensics.digits import (
    BATTERY_NULLS,
    BatteryRow,
    DigitTest,
    battery_steps,
    digit_pair_tests,
    eft_battery,
    last_digit_chi2,
)
from kazpolity.forensics.figures import (
    digit_figure,
    fingerprint_figure,
    inline_png,
    inline_svg,
    integer_histograms_figure,
)
from kazpolity.forensics.flags import Flag, precinct_flags
from kazpolity.forensics.integer_percent import IntegerPercentResult, integer_percent_test
from kazpolity.forensics.klimek import Fingerprint, KlimekFit, fingerprint, klimek_fit
from kazpolity.forensics.shpilkin import ShpilkinEstimate, shpilkin_estimate
from kazpolity.forensics.switching import SwitchingResult, switching_flags, switching_test
from kazpolity.forensics.table import PrecinctTable

T = TypeVar("T")

SWITCHING_REPLICATES = 19
"""Bootstrap replicates of the switching mixture inside the report (p-value resolution 0.05);
``kazpolity forensics switching --replicates`` runs more."""

DISCLAIMER = (
    "Each statistic below measures how far published numbers depart from a stated model of "
    "honest counting. A departure is evidence to investigate, not a finding about intent or "
    "about who did what; models can fail for innocent reasons (local customs, data entry, "
    "heterogeneous regions)."
)


@dataclass(frozen=True)
class ForensicReport:
    n_precincts: int
    turnout: float
    leader_share: float | None
    integer: IntegerPercentResult | None
    fingerprint: Fingerprint | None
    klimek: KlimekFit | None
    shpilkin: ShpilkinEstimate | None
    battery: tuple[BatteryRow, ...]
    last_digit: DigitTest | None
    pairs: tuple[DigitTest, ...]
    flags: tuple[Flag, ...]
    protocol_residuals: int
    strata_by: str | None
    switching: SwitchingResult | None = None
    not_run: tuple[tuple[str, str], ...] = ()  # (method, why) for methods the table cannot feed

    def as_json(self) -> dict[str, object]:
        return {
            "disclaimer": DISCLAIMER,
            "n_precincts": self.n_precincts,
            "turnout": self.turnout,
            "leader_share": self.leader_share,
            "integer_percent": self.integer.as_json() if self.integer else None,
            "klimek_fit": self.klimek.as_json() if self.klimek else None,
            "shpilkin": self.shpilkin.as_json() if self.shpilkin else None,
            "switching": self.switching.as_json() if self.switching else None,
            "not_run": dict(self.not_run),
            "digits": {
                "strata_by": self.strata_by,
                "nulls": dict(BATTERY_NULLS),
                "rows": [r.as_json() for r in self.battery],
                "last_digit": self.last_digit.as_json() if self.last_digit else None,
                "pairs": [p.as_json() for p in self.pairs],
            },
            "protocol_residuals": self.protocol_residuals,
            "flags": [f.as_json() for f in self.flags],
        }


def build_report(
    table: PrecinctTable,
    by: str | None = None,
    replicates: int = 1000,
    seed: int | None = 0,
    klimek_repeats: int = 2,
    *,
    on_step: Callable[[], None] | None = None,
) -> ForensicReport:
    """Every method on one table. ``on_step`` is called after each stage, each Klimek
    repeat and each digit-battery row: ``report_steps`` times in all (a progress bar)."""
    step = on_step if on_step is not None else _no_step
    has_leader = table.leader is not None
    total_reg = float(table.registered.sum())
    turnout = float(table.voters().sum() / total_reg) if total_reg else float("nan")
    share = (
        float(table.leader_votes().sum() / max(1, int(table.cast().sum())))
        if has_leader
        else None
    )
    series: list[NDArray[np.int64]] = list(table.parties.values())
    if table.leader is not None:
        series = [table.leader, *series]
    counts = np.concatenate(series or [table.voters()])
    integer = fp = klimek = shpilkin = None
    not_run: dict[str, str] = {}
    if has_leader:
        integer = integer_percent_test(table, replicates, seed)
        step()
        fp = fingerprint(table)
        step()
        klimek = _attempt("klimek_fit", not_run, klimek_repeats, step, lambda: klimek_fit(
            table, repeats=klimek_repeats, seed=seed, on_repeat=step))
        shpilkin = shpilkin_estimate(table)
        step()
    switching = _attempt("switching", not_run, SWITCHING_REPLICATES, step, lambda: switching_test(
        table, replicates=SWITCHING_REPLICATES, seed=seed, on_replicate=step)
                         ) if has_leader else None
    battery = tuple(eft_battery(table, by=by, replicates=min(replicates, 1000), seed=seed,
                                on_step=step))
    last_digit = last_digit_chi2(counts)
    pairs = digit_pair_tests(counts)
    step()
    flags = tuple(precinct_flags(table)) + (
        tuple(switching_flags(table, switching)) if switching is not None else ())
    step()
    residuals = len(protocol_residuals(table))
    step()
    return ForensicReport(
        n_precincts=len(table),
        turnout=turnout,
        leader_share=share,
        integer=integer,
        fingerprint=fp,
        klimek=klimek,
        shpilkin=shpilkin,
        battery=battery,
        last_digit=last_digit,
        pairs=pairs,
        flags=flags,
        protocol_residuals=residuals,
        strata_by=by,
        switching=switching,
        not_run=tuple(not_run.items()),
    )


def _attempt(method: str, not_run: dict[str, str], steps: int, step: Callable[[], None],
             run: Callable[[], T]) -> T | None:
    """``run()``, or ``None`` with the reason recorded when the table cannot feed the method
    (too few usable precincts, say): the report names the reason instead of failing. The
    ``steps`` progress steps the method would have made are made up."""
    try:
        return run()
    except InputError as err:
        for _ in range(steps):
            step()
        not_run[method] = str(err)
        return None


def report_steps(table: PrecinctTable, by: str | None = None, klimek_repeats: int = 2) -> int:
    """How often ``build_report`` calls ``on_step`` for these arguments."""
    leader_steps = (3 + klimek_repeats + SWITCHING_REPLICATES
                    if table.leader is not None else 0)
    return leader_steps + battery_steps(table, by) + 3


def _no_step() -> None:
    return None


def _fmt(v: float | None, digits: int = 3) -> str:
    if v is None or not np.isfinite(v):
        return "–"
    return f"{v:.{digits}f}"


def render_html(report: ForensicReport, table: PrecinctTable, title: str) -> str:
    """A self-contained page: inline SVG and base64 PNG, no external assets."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(title)}</title><style>body{{font-family:sans-serif;max-width:60em;"
        "margin:2em auto;line-height:1.4}table{border-collapse:collapse;font-size:.85em}"
        "td,th{border:1px solid #bbb;padding:2px 6px;text-align:right}"
        "th{background:#eee}.note{color:#444;font-size:.9em}</style></head><body>",
        f"<h1>{e(title)}</h1><p class='note'>{e(DISCLAIMER)}</p>",
        f"<p>{report.n_precincts} precincts; turnout {100 * report.turnout:.2f}%",
    ]
    if report.leader_share is not None:
        parts.append(f"; leader's share {100 * report.leader_share:.2f}%")
    parts.append("</p>")
    if report.integer is not None:
        r = report.integer
        parts += [
            "<h2>Integer percentages (Kobak, Shpilkin &amp; Pshenichnikov 2016)</h2>",
            f"<p>Statistic: {e(r.statistic)}.<br>Null model: {e(r.null_model)}.<br>"
            f"Assumptions: {e(r.assumptions)}.</p>",
            "<table><tr><th>count</th><th>observed</th><th>null mean</th><th>excess</th>"
            "<th>null SD</th></tr>",
            f"<tr><td>turnout or leader</td><td>{r.observed_any}</td><td>{r.null_mean_any:.1f}"
            f"</td><td>{r.excess_any:.1f}</td><td>{r.null_sd:.1f}</td></tr>",
            f"<tr><td>turnout</td><td>{r.observed_turnout}</td><td>{r.null_mean_turnout:.1f}"
            f"</td><td>{r.excess_turnout:.1f}</td><td>{r.null_sd_turnout:.1f}</td></tr>",
            f"<tr><td>leader</td><td>{r.observed_leader}</td><td>{r.null_mean_leader:.1f}"
            f"</td><td>{r.excess_leader:.1f}</td><td>{r.null_sd_leader:.1f}</td></tr></table>",
            f"<p>99.9% null band of the excess: [{r.band_999[0]:.1f}, {r.band_999[1]:.1f}]; "
            f"{r.n_included} of {r.n_precincts} precincts included; {r.replicates} replicates, "
            f"seed {r.seed}.</p>",
            "<img alt='integer-percent histograms' src='"
            + inline_png(integer_histograms_figure(table, r))
            + "'>",
        ]
    if report.fingerprint is not None:
        parts += ["<h2>Turnout x share fingerprint (Klimek et al. 2012)</h2>",
                  inline_svg(fingerprint_figure(report.fingerprint))]
    if report.klimek is not None:
        k = report.klimek
        parts.append(
            f"<p>Klimek model fit by simulation: f_i = {k.f_incremental:.3f} "
            f"(SD {k.f_incremental_sd:.3f}), f_e = {k.f_extreme:.4f} (SD {k.f_extreme_sd:.4f}), "
            f"alpha = {k.alpha}, theta = {k.theta}. SDs are over {k.repeats} simulation repeats. "
            "On synthetic elections f_e is recovered within 0.01; f_i only within -0.05 to "
            "+0.15 and only with theta known (it trades off against theta and the shape of "
            "the clean blob), so it should not be read alone.</p>")
    if report.shpilkin is not None:
        s = report.shpilkin
        parts.append(
            "<h2>Clean-peak estimate (Shpilkin)</h2>"
            f"<p>Anomalous leader votes: {s.low:,.0f} to {s.high:,.0f} (median over variants "
            f"{s.central:,.0f}). Assumes opposition votes are honest and the leader's clean "
            "share does not depend on turnout; range is over bin widths and reference windows, "
            "not a sampling interval.</p>")
    if report.switching is not None:
        w = report.switching
        parts.append(
            "<h2>Switched votes (finite mixture)</h2>"
            f"<p>LR = {w.lr_statistic:.2f}, p = {_fmt(w.p_value, 4)} ({w.replicates} "
            f"bootstrap replicates); share of precincts {w.share_switched:.3f}, fraction of "
            f"opposition votes moved {w.fraction:.3f}, switched votes {w.switched_votes:,.0f}."
            f"<br>Null model: {e(w.null_model)}.<br>Assumptions: {e(w.assumptions)}.</p>")
    for method, why in report.not_run:
        parts.append(f"<p class='note'>Not run: {e(method)} — {e(why)}.</p>")
    parts.append("<h2>Digit and distribution battery (Election Forensics Toolkit)</h2><table>")
    methods = list(BATTERY_NULLS)
    parts.append("<tr><th>level</th><th>series</th>" + "".join(
        f"<th>{e(m)}</th>" for m in methods) + "<th>N</th></tr>")
    for row in report.battery:
        cells = []
        for m in methods:
            est = row.estimates.get(m)
            if est is None:
                cells.append("<td>–</td>")
            else:
                ci = (
                    f"<br>({_fmt(est.ci_low)}, {_fmt(est.ci_high)})"
                    if np.isfinite(est.ci_low)
                    else ""
                )
                cells.append(f"<td>{_fmt(est.value)}{ci}</td>")
        parts.append(f"<tr><td>{e(row.level)}</td><td>{e(row.series)}</td>{''.join(cells)}"
                     f"<td>{row.n}</td></tr>")
    parts.append("</table><p class='note'>" + "; ".join(
        f"{e(k)}: {e(v)}" for k, v in BATTERY_NULLS.items()) + ". Intervals: basic bootstrap "
        "95%.</p>")
    if report.last_digit is not None:
        ld = report.last_digit
        parts.append(f"<p>Beber &amp; Scacco last digits: chi2 = {_fmt(ld.statistic, 2)}, "
                     f"p = {_fmt(ld.p_value, 4)}, n = {ld.n} ({e(ld.null_model)}).</p>")
        chart = inline_png(digit_figure(ld.frequencies, "Last digits of vote counts"))
        parts.append(f"<img alt='last digits' src='{chart}'>")
    for p in report.pairs:
        parts.append(f"<p>{e(p.name)}: {_fmt(p.statistic)} (expected {p.expected}), "
                     f"p = {_fmt(p.p_value, 4)}, n = {p.n}.</p>")
    parts.append(f"<h2>Per-precinct flags ({len(report.flags)})</h2><p class='note'>Protocol "
                 f"residuals: {report.protocol_residuals}. Integer-percent flags arise by chance "
                 "too; each states its chance probability.</p><table><tr><th>unit</th>"
                 "<th>code</th><th>reason</th></tr>")
    for f in report.flags[:500]:
        parts.append(f"<tr><td>{e(f.unit)}</td><td>{e(f.code)}</td>"
                     f"<td style='text-align:left'>{e(f.reason)}</td></tr>")
    parts.append("</table>")
    if len(report.flags) > 500:
        parts.append(f"<p>… and {len(report.flags) - 500} more (see --json).</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
