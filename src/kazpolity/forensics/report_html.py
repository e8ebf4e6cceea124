"""The forensic report as one self-contained HTML page: the summary first, then the
findings (protocol residuals in full order of size, corrected flag families), then each
method's details folded (``<details>``), with inline SVG and PNG figures."""

from __future__ import annotations

import html

import numpy as np

from kazpolity.forensics.digits import BATTERY_NULLS
from kazpolity.forensics.figures import (
    digit_figure,
    fingerprint_figure,
    inline_png,
    inline_svg,
    integer_histograms_figure,
)
from kazpolity.forensics.klimek import NOT_CONVERGED, KlimekFit
from kazpolity.forensics.report import DISCLAIMER, ForensicReport, summary_lines
from kazpolity.forensics.table import PrecinctTable

RESIDUALS_SHOWN = 200
FLAGS_SHOWN = 200
_STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
    "table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #bbb;padding:2px 6px;"
    "text-align:right}th{background:#eee}.note{color:#444;font-size:.9em}"
    "details{margin:.6em 0}summary{font-weight:bold;cursor:pointer}"
)


def _fmt(v: float | None, digits: int = 3) -> str:
    if v is None or not np.isfinite(v):
        return "–"
    return f"{v:.{digits}f}"


def render_html(report: ForensicReport, table: PrecinctTable, title: str) -> str:
    """A self-contained page: inline SVG and base64 PNG, no external assets."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(title)}</h1><p class='note'>{e(DISCLAIMER)}</p>",
        "<h2>Summary</h2><ul id='summary'>",
        *(f"<li><strong>{e(line.topic)}</strong>: {e(line.text)}</li>"
          for line in summary_lines(report)),
        "</ul>",
    ]
    parts += _findings(report)
    parts += _details(report, table)
    parts.append("</body></html>")
    return "\n".join(parts)


def _findings(report: ForensicReport) -> list[str]:
    e = html.escape
    c = report.consistency
    parts = ["<h2>Findings 1: protocol residuals</h2><table id='relations'><tr><th>relation"
             "</th><th>rule</th><th>precincts checked</th><th>violations</th></tr>"]
    for ch in c.checks:
        checked = f"{ch.checked:,}" if ch.checked else "not checked (needs " + ", ".join(
            ch.missing) + ")"
        parts.append(f"<tr><td>{e(ch.relation.name)}</td><td style='text-align:left'>"
                     f"{e(ch.relation.rule)}</td><td>{e(checked)}</td>"
                     f"<td>{ch.violations:,}</td></tr>")
    parts.append("</table><p class='note'>Residual = reported − expected, largest first. "
                 "Rows breaking a bound are left out of the statistical tests below.</p>")
    if c.residuals:
        parts.append("<table id='residuals'><tr><th>unit</th><th>field</th><th>reported</th>"
                     "<th>expected</th><th>residual</th></tr>")
        for r in c.residuals[:RESIDUALS_SHOWN]:
            parts.append(f"<tr><td>{e(r.unit)}</td><td>{e(r.field)}</td><td>{r.reported}</td>"
                         f"<td>{r.expected}</td><td>{r.residual:+d}</td></tr>")
        parts.append("</table>")
        if len(c.residuals) > RESIDUALS_SHOWN:
            parts.append(f"<p>… and {len(c.residuals) - RESIDUALS_SHOWN:,} more "
                         "(see --json).</p>")
    parts.append("<h2>Findings 2: per-precinct statistical flags</h2>")
    for fam in report.families:
        parts.append(f"<p><strong>{e(fam.code)}</strong>: {fam.observed:,} precincts show "
                     f"the pattern against {fam.expected_by_chance:,.1f} expected by chance "
                     f"among {fam.tested:,} tested; {len(fam.flags):,} flagged after "
                     f"{e(fam.correction)}.</p>")
        if fam.flags:
            parts.append("<details><summary>Flagged precincts</summary><table><tr><th>unit"
                         "</th><th>reason</th></tr>")
            parts += [f"<tr><td>{e(f.unit)}</td><td style='text-align:left'>{e(f.reason)}"
                      "</td></tr>" for f in fam.flags[:FLAGS_SHOWN]]
            parts.append("</table></details>")
    return parts


def _details(report: ForensicReport, table: PrecinctTable) -> list[str]:
    e = html.escape
    parts = ["<h2>Details</h2>"]
    r = report.integer
    if r is not None:
        parts += [
            "<details id='integer'><summary>Integer percentages (Kobak, Shpilkin &amp; "
            "Pshenichnikov 2016)</summary>",
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
            + inline_png(integer_histograms_figure(table, r)) + "'></details>",
        ]
    if report.fingerprint is not None:
        parts += ["<details id='fingerprint'><summary>Turnout x share fingerprint (Klimek et "
                  "al. 2012)</summary>", inline_svg(fingerprint_figure(report.fingerprint))]
        if report.klimek is not None:
            parts.append(_klimek_html(report.klimek))
        parts.append("</details>")
    if report.shpilkin is not None:
        s = report.shpilkin
        parts.append(
            "<details id='shpilkin'><summary>Clean-peak estimate (Shpilkin)</summary>"
            f"<p>Anomalous leader votes: {s.low:,.0f} to {s.high:,.0f} (median over variants "
            f"{s.central:,.0f}). Assumes opposition votes are honest and the leader's clean "
            "share does not depend on turnout; range is over bin widths and reference windows, "
            "not a sampling interval.</p></details>")
    if report.switching is not None:
        w = report.switching
        parts.append(
            "<details id='switching'><summary>Switched votes (finite mixture)</summary>"
            f"<p>LR = {w.lr_statistic:.2f}, p {e(w.p_text())}; share of precincts "
            f"{w.share_switched:.3f}, fraction of opposition votes moved {w.fraction:.3f}, "
            f"switched votes {w.switched_votes:,.0f}.<br>Null model: {e(w.null_model)}.<br>"
            f"Assumptions: {e(w.assumptions)}.</p>"
            + _flags_html(w.on_bound, w.convergence_note()) + "</details>")
    for item in report.not_run:
        parts.append(f"<p class='note'>Not run: {e(item.method)} — {e(item.english)}.</p>")
    parts += _battery_html(report)
    return parts


def _klimek_html(k: KlimekFit) -> str:
    e = html.escape
    return (f"<p>Klimek model fit by simulation: f_i = {k.f_incremental:.3f}, f_e = "
            f"{k.f_extreme:.4f}, alpha = {k.alpha}, theta = {k.theta}; spread over "
            f"{k.repeats} simulation repeat(s) (simulation noise, not sampling "
            f"uncertainty): {k.f_incremental_sd:.3f} and {k.f_extreme_sd:.4f}. "
            + (f"95% intervals: f_i {k.interval.f_incremental[0]:.3f} to "
               f"{k.interval.f_incremental[1]:.3f}, f_e {k.interval.f_extreme[0]:.4f} to "
               f"{k.interval.f_extreme[1]:.4f} ({e(k.interval.meaning)}; "
               f"{k.interval.replicates} replicates). " if k.interval else "")
            + "f_i is weakly identified (it trades off against theta and the shape of the "
            "clean blob): read f_e first.</p>"
            + _flags_html(k.on_bound, None if k.converged else NOT_CONVERGED))


def _flags_html(on_bound: tuple[str, ...], not_converged: str | None) -> str:
    """The estimate's caveats beside it: on a bound of its constraints, not converged."""
    e = html.escape
    out = "".join(f"<p class='note'>On a bound: {e(b)}.</p>" for b in on_bound)
    if not_converged is not None:
        out += f"<p class='note'>Not converged: {e(not_converged)}.</p>"
    return out


def _battery_html(report: ForensicReport) -> list[str]:
    e = html.escape
    methods = list(BATTERY_NULLS)
    parts = ["<details id='digits'><summary>Digit and distribution battery (Election "
             "Forensics Toolkit; Beber &amp; Scacco)</summary><table>",
             "<tr><th>level</th><th>series</th>"
             + "".join(f"<th>{e(m)}</th>" for m in methods) + "<th>N</th></tr>"]
    for row in report.battery:
        cells = []
        for m in methods:
            est = row.estimates.get(m)
            if est is None:
                cells.append("<td>–</td>")
            else:
                ci = (f"<br>({_fmt(est.ci_low)}, {_fmt(est.ci_high)})"
                      if np.isfinite(est.ci_low) else "")
                cells.append(f"<td>{_fmt(est.value)}{ci}</td>")
        parts.append(f"<tr><td>{e(row.level)}</td><td>{e(row.series)}</td>{''.join(cells)}"
                     f"<td>{row.n}</td></tr>")
    parts.append("</table><p class='note'>" + "; ".join(
        f"{e(k)}: {e(v)}" for k, v in BATTERY_NULLS.items()) + ". Intervals: basic bootstrap "
        "95%.</p>")
    ld = report.last_digit
    if ld is not None:
        parts.append(f"<p>Beber &amp; Scacco last digits: chi2 = {_fmt(ld.statistic, 2)}, "
                     f"p = {_fmt(ld.p_value, 4)}, n = {ld.n} ({e(ld.null_model)}).</p>")
        chart = inline_png(digit_figure(ld.frequencies, "Last digits of vote counts"))
        parts.append(f"<img alt='last digits' src='{chart}'>")
    for p in report.pairs:
        parts.append(f"<p>{e(p.name)}: {_fmt(p.statistic)} (expected {p.expected}), "
                     f"p = {_fmt(p.p_value, 4)}, n = {p.n}.</p>")
    parts.append("</details>")
    return parts
