"""The forensic battery: every method on one table, findings ranked, one summary.

This module is the one owner of the battery (the CLI report and the web page both call
``build_report``). Findings come in a fixed order: protocol residuals first (two published
numbers disagree: no model needed), then per-precinct statistical flags only after a stated
multiple-testing correction, each family with the count expected by chance beside the count
observed, then the population statistics. ``summary_lines`` is the short version every face
prints first; ``kazpolity.forensics.report_html`` folds the details below it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from kazpolity.errors import InputError
from kazpolity.forensics.consistency import ConsistencyResult
from kazpolity.forensics.digits import (
    BATTERY_NULLS,
    BatteryRow,
    DigitTest,
    battery_steps,
    digit_pair_tests,
    eft_battery,
    last_digit_chi2,
)
from kazpolity.forensics.flags import Flag, FlagFamily, corner_count, integer_percent_family
from kazpolity.forensics.intake import Intake, intake_of_table
from kazpolity.forensics.integer_percent import IntegerPercentResult, integer_percent_test
from kazpolity.forensics.klimek import Fingerprint, KlimekFit, fingerprint, klimek_fit
from kazpolity.forensics.klimek_interval import klimek_interval
from kazpolity.forensics.not_run import NotRun
from kazpolity.forensics.shpilkin import ShpilkinEstimate, shpilkin_estimate
from kazpolity.forensics.switching import switching_test
from kazpolity.forensics.switching_flags import switching_family
from kazpolity.forensics.switching_result import SwitchingResult
from kazpolity.forensics.table import PrecinctTable

T = TypeVar("T")

SWITCHING_REPLICATES = 19
"""Bootstrap replicates of the switching mixture inside the report: the smallest p-value it
can show is 1/20, and the report prints a p at that floor as "<= 0.05" (``p_text``);
``kazpolity forensics switching --replicates`` runs more."""

KLIMEK_SIMULATED = 20_000
"""Simulated precincts per fingerprint in the report's Klimek fit (larger tables are
subsampled for the simulation only; the observed fingerprint uses every precinct):
``kazpolity forensics klimek-fit`` simulates as many as observed."""

KLIMEK_INTERVAL_REPLICATES = 39
"""Parametric-bootstrap replicates of the Klimek fit's 95% intervals inside the report (the
2.5% and 97.5% points fall between the 1st and 2nd most extreme of 39);
``kazpolity forensics klimek-fit --interval-replicates`` runs more."""

DISCLAIMER = (
    "Each statistic below measures how far published numbers depart from a stated model of "
    "honest counting. A departure is evidence to investigate, not a finding about intent or "
    "about who did what; models can fail for innocent reasons (local customs, data entry, "
    "heterogeneous regions)."
)


@dataclass(frozen=True)
class SummaryLine:
    """One line of the short report: the topic and what it found, in words and numbers."""

    topic: str
    text: str

    def as_json(self) -> dict[str, str]:
        return {"topic": self.topic, "text": self.text}


@dataclass(frozen=True)
class ForensicReport:
    n_precincts: int
    turnout: float
    leader_share: float | None
    intake: Intake
    integer: IntegerPercentResult | None
    fingerprint: Fingerprint | None
    klimek: KlimekFit | None
    shpilkin: ShpilkinEstimate | None
    battery: tuple[BatteryRow, ...]
    last_digit: DigitTest | None
    pairs: tuple[DigitTest, ...]
    families: tuple[FlagFamily, ...]
    corner: int
    strata_by: str | None
    switching: SwitchingResult | None = None
    not_run: tuple[NotRun, ...] = ()  # the methods the table cannot feed, with the reason

    @property
    def consistency(self) -> ConsistencyResult:
        return self.intake.consistency

    @property
    def flags(self) -> tuple[Flag, ...]:
        """Statistical flags that survive their family's correction."""
        return tuple(f for family in self.families for f in family.flags)

    @property
    def protocol_residuals(self) -> int:
        return len(self.consistency.residuals)

    def as_json(self) -> dict[str, object]:
        return {
            "disclaimer": DISCLAIMER,
            "summary": [line.as_json() for line in summary_lines(self)],
            "n_precincts": self.n_precincts,
            **self.intake.as_json(),
            "turnout": self.turnout,
            "leader_share": self.leader_share,
            "consistency": self.consistency.as_json(),
            "flag_families": [f.as_json() for f in self.families],
            "corner_precincts": self.corner,
            "integer_percent": self.integer.as_json() if self.integer else None,
            "klimek_fit": self.klimek.as_json() if self.klimek else None,
            "shpilkin": self.shpilkin.as_json() if self.shpilkin else None,
            "switching": self.switching.as_json() if self.switching else None,
            "not_run": {item.method: item.english for item in self.not_run},
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


@dataclass(frozen=True)
class _Models:
    integer: IntegerPercentResult | None = None
    fingerprint: Fingerprint | None = None
    klimek: KlimekFit | None = None
    shpilkin: ShpilkinEstimate | None = None
    switching: SwitchingResult | None = None


def build_report(
    table: PrecinctTable,
    by: str | None = None,
    replicates: int = 1000,
    seed: int | None = 0,
    klimek_repeats: int = 2,
    *,
    intake: Intake | None = None,
    switching_replicates: int = SWITCHING_REPLICATES,
    on_step: Callable[[], None] | None = None,
) -> ForensicReport:
    """Every method on one table. ``intake`` (from ``load_intake``) carries the consistency
    findings on all complete rows, including those left out of ``table``; without it they
    are computed on ``table``. ``klimek_repeats = 0`` leaves the Klimek fit out. ``on_step``
    is called ``report_steps`` times in all (a progress bar)."""
    step = on_step if on_step is not None else _no_step
    intake = intake if intake is not None else intake_of_table(table)
    not_run: dict[str, NotRun] = {}
    models = _models(table, replicates, seed, klimek_repeats, switching_replicates, not_run,
                     step)
    battery = tuple(eft_battery(table, by=by, replicates=min(replicates, 1000), seed=seed,
                                on_step=step))
    counts = _digit_counts(table)
    last_digit = last_digit_chi2(counts)
    pairs = digit_pair_tests(counts)
    step()
    families = _families(table, models.switching)
    step()
    corner = corner_count(table) if table.leader is not None else 0
    step()
    total_reg = float(table.registered.sum())
    return ForensicReport(
        n_precincts=len(table),
        turnout=float(table.voters().sum() / total_reg) if total_reg else float("nan"),
        leader_share=(float(table.leader_votes().sum() / max(1, int(table.cast().sum())))
                      if table.leader is not None else None),
        intake=intake, integer=models.integer, fingerprint=models.fingerprint,
        klimek=models.klimek, shpilkin=models.shpilkin, battery=battery,
        last_digit=last_digit, pairs=pairs, families=families, corner=corner, strata_by=by,
        switching=models.switching, not_run=tuple(not_run.values()))


def _models(table: PrecinctTable, replicates: int, seed: int | None, klimek_repeats: int,
            switching_replicates: int, not_run: dict[str, NotRun],
            step: Callable[[], None]) -> _Models:
    if table.leader is None:
        return _Models()
    integer = integer_percent_test(table, replicates, seed)
    step()
    fp = fingerprint(table)
    step()
    klimek = _attempt("klimek_fit", not_run, klimek_repeats, step, lambda: klimek_interval(
        table, klimek_fit(
            table, repeats=klimek_repeats, seed=seed, on_repeat=step,
            simulated=(min(len(table), KLIMEK_SIMULATED) if len(table) > KLIMEK_SIMULATED
                       else None)),
        KLIMEK_INTERVAL_REPLICATES, seed)) if klimek_repeats else None
    shpilkin = _attempt("shpilkin", not_run, 1, _no_step, lambda: shpilkin_estimate(table))
    step()
    switching = _attempt("switching", not_run, switching_replicates, step,
                         lambda: switching_test(table, replicates=switching_replicates,
                                                seed=seed, on_replicate=step))
    return _Models(integer, fp, klimek, shpilkin, switching)


def _digit_counts(table: PrecinctTable) -> NDArray[np.int64]:
    series: list[NDArray[np.int64]] = list(table.parties.values())
    if table.leader is not None:
        series = [table.leader, *series]
    return np.concatenate(series or [table.voters()])


def _families(table: PrecinctTable, switching: SwitchingResult | None) -> tuple[
        FlagFamily, ...]:
    out: list[FlagFamily] = []
    if table.leader is not None:
        out.append(integer_percent_family(table))
    if switching is not None:
        out.append(switching_family(table, switching))
    return tuple(out)


def _attempt(method: str, not_run: dict[str, NotRun], steps: int, step: Callable[[], None],
             run: Callable[[], T]) -> T | None:
    """``run()``, or ``None`` with the reason recorded when the table cannot feed the method
    (too few usable precincts, say): the report names the reason instead of failing. The
    ``steps`` progress steps the method would have made are made up."""
    try:
        return run()
    except InputError as err:
        for _ in range(steps):
            step()
        not_run[method] = NotRun.of(method, err)
        return None


def report_steps(table: PrecinctTable, by: str | None = None, klimek_repeats: int = 2,
                 switching_replicates: int = SWITCHING_REPLICATES) -> int:
    """How often ``build_report`` calls ``on_step`` for these arguments."""
    leader_steps = (3 + klimek_repeats + switching_replicates
                    if table.leader is not None else 0)
    return leader_steps + battery_steps(table, by) + 3


def _no_step() -> None:
    return None


def summary_lines(report: ForensicReport) -> tuple[SummaryLine, ...]:
    """The short report, findings first: rows, residuals, corrected flags, then each
    population statistic in one line with its reference (null band, interval, range)."""
    lines = [SummaryLine("rows", report.intake.note())]
    c = report.consistency
    checked = [ch for ch in c.checks if ch.checked]
    lines.append(SummaryLine("consistency", (
        f"{len(c.residuals):,} protocol residual(s) on {len(checked)} relation(s) checked: "
        + "; ".join(f"{ch.relation.name} {ch.violations:,} of {ch.checked:,}" for ch in checked)
        if checked else "no relation could be checked (map issued, ballots, valid, invalid, "
        "leader or party columns)")))
    for fam in report.families:
        lines.append(SummaryLine(f"flags: {fam.code}", (
            f"{fam.observed:,} precinct(s) show the pattern, {fam.expected_by_chance:,.1f} "
            f"expected by chance; {len(fam.flags):,} flagged after {fam.correction}")))
    lines += _method_lines(report)
    for item in report.not_run:
        lines.append(SummaryLine(item.method, f"not run: {item.english}"))
    return tuple(lines)


def _method_lines(report: ForensicReport) -> list[SummaryLine]:
    out: list[SummaryLine] = []
    r = report.integer
    if r is not None:
        where = "above" if r.excess_any > r.band_999[1] else "within"
        out.append(SummaryLine("integer percentages", (
            f"excess {r.excess_any:,.1f} precincts (null SD {r.null_sd:.1f}; 99.9% null band "
            f"[{r.band_999[0]:.1f}, {r.band_999[1]:.1f}]): {where} the band")))
    k = report.klimek
    if k is not None:
        iv = k.interval
        out.append(SummaryLine("Klimek fit", (
            f"f_e = {k.f_extreme:.4f}"
            + (f" (95% {iv.f_extreme[0]:.4f} to {iv.f_extreme[1]:.4f})" if iv else "")
            + f", f_i = {k.f_incremental:.3f}"
            + (f" (95% {iv.f_incremental[0]:.3f} to {iv.f_incremental[1]:.3f}; parametric "
               f"bootstrap, {iv.replicates} replicates, given alpha and theta)" if iv else "")
            + f"; spread over {k.repeats} "
            f"simulation repeat(s): {k.f_extreme_sd:.4f} and {k.f_incremental_sd:.3f}, "
            f"simulation noise only; {report.corner:,} precinct(s) at >= 99% turnout and "
            "share" + (f"; on a bound: {'; '.join(k.on_bound)}" if k.on_bound else "")
            + ("" if k.converged else "; not converged (Nelder-Mead evaluation cap)")
            + (f"; {' and '.join(k.outside_interval())} outside its interval: the fit and the "
               "bootstrap's refit disagree (a misfit of the model)"
               if k.outside_interval() else ""))))
    s = report.shpilkin
    if s is not None:
        out.append(SummaryLine("clean-peak estimate", (
            f"{s.low:,.0f} to {s.high:,.0f} anomalous leader votes of {s.official_leader:,} "
            "(range over bin widths and windows, not a sampling interval)")))
    w = report.switching
    if w is not None:
        ci = w.switched_votes_interval
        out.append(SummaryLine("switching mixture", (
            f"LR {w.lr_statistic:.2f}, p {w.p_text()}; share switched {w.share_switched:.3f}, "
            f"switched votes {w.switched_votes:,.0f}"
            + (f" (95% {ci[0]:,.0f} to {ci[1]:,.0f})" if ci else " (no interval)")
            + (f"; on a bound: {'; '.join(w.on_bound)}" if w.on_bound else "")
            + ("" if w.converged else "; not converged (iteration cap or failed line search)")
            + (f"; {w.replicates_not_converged} bootstrap fit(s) not converged"
               if w.replicates_not_converged else ""))))
    ld = report.last_digit
    if ld is not None and ld.n:
        out.append(SummaryLine("digits", (
            f"last digits chi2 {ld.statistic:.1f} (9 df), p {ld.p_value:.3g}, n {ld.n:,}; "
            + "; ".join(f"{p.name} {p.statistic:.3f} (expected {p.expected}), p "
                        f"{p.p_value:.3g}" for p in report.pairs))))
    return out
