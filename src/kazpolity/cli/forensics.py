"""``kazpolity forensics ...``: election forensics on precinct results (a thin face).

Every command reads FILE (CSV, zipped CSV or Parquet) with ``--map role=COLUMN``, or
``store:ELECTION_ID`` (an election's protocols in the administration store, ``--db URL``), and
prints its statistic, null model, uncertainty and assumptions; ``--json`` prints one JSON
object. Exit codes: 0 ok, 2 bad input (one line on stderr), 70 internal error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import typer

from kazpolity.cli.progress import progress_bar
from kazpolity.errors import InputError
from kazpolity.forensics.not_run import NotRun
from kazpolity.presentation import forensic_cli_text as localised
from kazpolity.presentation import forensic_model_text as model_text

if TYPE_CHECKING:
    from kazpolity.forensics.consistency import ParentTotals

forensics_app = typer.Typer(
    name="forensics",
    help="Election forensics on precinct results: statistics against stated null models.",
    no_args_is_help=True,
)

FILE_ARG = typer.Argument(..., help="CSV, .zip holding one CSV, or Parquet file; or "
                          "store:ELECTION_ID for an election in the store (see --db).")
DB_OPT = typer.Option(None, "--db", help="Database URL for store:ELECTION_ID (default: "
                      "KAZPOLITY_DATABASE_URL or the data dir's SQLite file).")
MAP_OPT = typer.Option(
    [], "--map", "-m", help="role=COLUMN (roles: registered, issued, ballots, valid, invalid, "
    "leader, region, commission, channel, precinct, party:<label>); A+B sums columns. For "
    "store:ELECTION_ID only leader=OPTION (an option's id or name; default: most votes).")
JSON_OPT = typer.Option(False, "--json", help="Print one JSON object.")
SEED_OPT = typer.Option(0, "--seed", help="Random seed.")
REPS_OPT = typer.Option(1000, "--replicates", help="Null / bootstrap replicates.")
OUT_OPT = typer.Option(None, "-o", "--output", help="Write figures to STEM.png and STEM.svg.")
BY_OPT = typer.Option(None, "--by", help="Stratify by a label role: region, commission, channel.")


SKIP_OPT = typer.Option(False, "--skip-incomplete", help="Leave out rows with a missing value "
                       "in a mapped column and report how many (skipped_incomplete).")
STRICT_OPT = typer.Option(False, "--strict", help="Refuse rows that break a protocol bound "
                          "(by default they are consistency findings, left out of the "
                          "model-based tests).")


def load_intake(file: Path | str, maps: list[str], db: str | None = None,
                json_out: bool = False, *, skip_incomplete: bool = False,
                strict: bool = False) -> Any:
    """FILE (a path or ``store:ELECTION_ID``) read as an ``Intake``: usable rows,
    consistency findings and counts of rows left out."""
    from kazpolity.forensics.loaders import load_intake as read
    from kazpolity.forensics.store_source import parse_source
    from kazpolity.forensics.table import ColumnMap

    source = parse_source(file, db)
    if db is not None and isinstance(source, Path):
        raise InputError("--db", "applies only to FILE = store:ELECTION_ID")
    with progress_bar(f"Reading {source}", None, enabled=not json_out):
        return read(source, ColumnMap.parse(maps), skip_incomplete=skip_incomplete,
                    strict=strict)


def load_table(file: Path | str, maps: list[str], db: str | None = None,
               json_out: bool = False) -> Any:
    """FILE as a ``PrecinctTable`` of its usable rows (also used by ``kazpolity plot
    fingerprint``)."""
    return load_intake(file, maps, db, json_out).table


def _lang() -> str:
    from kazpolity.cli.app import current_lang

    return current_lang()


def _rows_line(intake: Any, json_out: bool) -> None:
    if not json_out:
        typer.echo(intake.note() if _lang() == "en" else localised.intake_line(intake, _lang()))


def _echo_lines(lines: list[str]) -> None:
    typer.echo("\n".join(lines))


def write_page(path: Path, text: str) -> None:
    """Write a self-contained HTML page (folders made as needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def emit(obj: dict[str, object], intake: Any = None) -> None:
    """Print ``obj`` as one JSON line, with the intake's row counts if given."""
    if intake is not None:
        obj = {**obj, **intake.as_json()}
    typer.echo(json.dumps(obj, ensure_ascii=False, default=_json_default))


def _json_default(o: object) -> object:
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        return None if not np.isfinite(o) else float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    return str(o)


def per_stratum(table: Any, by: str | None, run: Any) -> list[tuple[str, Any]]:
    """``run`` on each stratum of ``by`` (a label role): (name, result or the reason the
    stratum could not feed the method)."""
    if by is None:
        return []
    out: list[tuple[str, Any]] = []
    for name, mask in table.strata(by).items():
        try:
            out.append((name, run(table.subset(mask))))
        except InputError as err:
            out.append((name, NotRun.of(name, err)))
    return out


def _stratum_text(result: NotRun) -> str:
    return f"not run: {result.english}"


def _strata_json(rows: list[tuple[str, Any]]) -> list[dict[str, object]]:
    return [{"stratum": name, **(r.as_json() if not isinstance(r, NotRun)
                                 else {"not_run": _stratum_text(r)})}
            for name, r in rows]


def _strata_lines(strata: list[tuple[str, Any]]) -> None:
    """Consistency per stratum: residuals and each checked relation's count."""
    for name, r in strata:
        typer.echo(f"  {name}: " + (_stratum_text(r) if isinstance(r, NotRun) else
                   f"{len(r.residuals):,} residual(s); " + "; ".join(
                       f"{ch.relation.name} {ch.violations:,} of {ch.checked:,}"
                       for ch in r.checks if ch.checked)))


def _with_interval(est: Any) -> str:
    if est is None or not np.isfinite(est.value):
        return "-"
    if np.isfinite(est.ci_low):
        return f"{est.value:.3f} [{est.ci_low:.3f}, {est.ci_high:.3f}]"
    return f"{est.value:.3f}"


def _check_reps(replicates: int) -> None:
    if replicates < 2:
        raise InputError("replicates", "must be at least 2")


@forensics_app.command("integer-percent")
def integer_percent(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    seed: int = SEED_OPT, replicates: int = REPS_OPT, output: Path | None = OUT_OPT,
    by: str | None = BY_OPT,
    engine: str = typer.Option("pmf", "--engine", help="pmf (exact Poisson-binomial law, "
                               "default), indicator or binomial (literal redraws)."),
    db: str | None = DB_OPT, skip_incomplete: bool = SKIP_OPT, strict: bool = STRICT_OPT,
) -> None:
    """Integer-percent test (Kobak, Shpilkin & Pshenichnikov 2016)."""
    from kazpolity.forensics.integer_percent import check_engine, integer_percent_test

    _check_reps(replicates)
    null_engine = check_engine(engine)
    intake = load_intake(file, map_, db, json_out, skip_incomplete=skip_incomplete,
                         strict=strict)
    table = intake.table
    _rows_line(intake, json_out)
    with progress_bar(f"Integer-percent null model ({engine})", None, enabled=not json_out):
        res = integer_percent_test(table, replicates, seed, null_engine)
        strata = per_stratum(table, by, lambda t: integer_percent_test(
            t, replicates, seed, null_engine))
    if output is not None:
        from kazpolity.forensics.figures import integer_histograms_figure, save

        save(integer_histograms_figure(table, res), output)
    if json_out:
        emit({**res.as_json(), "by": _strata_json(strata)}, intake)
        return
    if _lang() != "en":
        return _echo_lines(localised.integer_lines(res, strata, _lang()))
    typer.echo(f"Statistic: {res.statistic}.")
    typer.echo(f"Null model: {res.null_model}; {res.replicates} replicates, seed {res.seed}.")
    typer.echo(f"Included precincts: {res.n_included:,} of {res.n_precincts:,}.")
    typer.echo(f"Excess (turnout or leader): {res.excess_any:.1f}  null SD {res.null_sd:.1f}  "
               f"99.9% null band [{res.band_999[0]:.1f}, {res.band_999[1]:.1f}]")
    typer.echo(f"Excess (turnout): {res.excess_turnout:.1f}  (leader): {res.excess_leader:.1f}")
    for name, r in strata:
        typer.echo(f"  {name}: " + (_stratum_text(r) if isinstance(r, NotRun) else
                   f"excess {r.excess_any:.1f} (null SD {r.null_sd:.1f}), "
                   f"{r.n_included:,} included"))
    typer.echo(f"Assumptions: {res.assumptions}.")


@forensics_app.command("fingerprint")
def fingerprint_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    output: Path | None = OUT_OPT, bins: int = typer.Option(100, "--bins"),
    by: str | None = BY_OPT,
    db: str | None = DB_OPT, skip_incomplete: bool = SKIP_OPT, strict: bool = STRICT_OPT,
) -> None:
    """Turnout x leader-share 2-D histogram (Klimek et al. 2012)."""
    from kazpolity.forensics.klimek import fingerprint

    if bins < 2:
        raise InputError("bins", "must be at least 2")
    intake = load_intake(file, map_, db, json_out, skip_incomplete=skip_incomplete,
                         strict=strict)
    table = intake.table
    _rows_line(intake, json_out)
    fp = fingerprint(table, bins)
    strata = per_stratum(table, by, lambda t: fingerprint(t, bins))
    if output is not None:
        from kazpolity.forensics.figures import fingerprint_figure, save

        save(fingerprint_figure(fp), output)
    if json_out:
        emit({**fp.as_json(), "by": _strata_json(strata)}, intake)
        return
    top = np.unravel_index(int(np.argmax(fp.counts)), fp.counts.shape)
    if _lang() != "en":
        return _echo_lines(localised.fingerprint_lines(fp, bins, top, _lang(), strata))
    for name, r in strata:
        typer.echo(f"  {name}: " + (_stratum_text(r) if isinstance(r, NotRun) else
                   f"{r.n_used:,} precincts, {int(r.counts[-1, -1]):,} at >=99% turnout "
                   "and share"))
    typer.echo(f"Fingerprint of {fp.n_used:,} precincts, {bins}x{bins} bins; densest cell at "
               f"turnout {100 * fp.turnout_edges[top[0]]:.0f}%, share "
               f"{100 * fp.share_edges[top[1]]:.0f}%; precincts at >=99% turnout and share: "
               f"{int(fp.counts[-1, -1]):,}.")
    typer.echo("Statistic: counts only; compare its shape with one Gaussian blob (no test).")


@forensics_app.command("klimek-fit")
def klimek_fit_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    seed: int = SEED_OPT, replicates: int = typer.Option(3, "--replicates",
                                                         help="Simulation repeats."),
    db: str | None = DB_OPT, skip_incomplete: bool = SKIP_OPT, strict: bool = STRICT_OPT,
    by_region: bool = typer.Option(False, "--by-region", help="Centre the clean blob on each "
                                   "region (needs the region role)."),
    clean_scale: str = typer.Option("linear", "--clean-scale", help="linear (Gaussian in "
                                    "fractions, as in the paper) or logit."),
    theta: float | None = typer.Option(None, "--theta", help="Fix the incremental-stuffing "
                                       "scale theta instead of fitting it on the grid (f_i is "
                                       "identified only with theta known)."),
    interval_replicates: int = typer.Option(
        199, "--interval-replicates", help="Parametric-bootstrap replicates of the 95% "
        "intervals of f_i and f_e (0: no interval; else at least 19)."),
    output: Path | None = OUT_OPT,
) -> None:
    """Fit the Klimek et al. (2012) ballot-stuffing model by simulation."""
    from kazpolity.forensics.klimek import THETA_GRID, klimek_fit
    from kazpolity.forensics.klimek_interval import klimek_interval

    if replicates < 1:
        raise InputError("replicates", "must be at least 1")
    if theta is not None and not 0.0 < theta < 1.0:
        raise InputError("--theta", f"must lie in (0, 1) (got {theta})")
    intake = load_intake(file, map_, db, json_out, skip_incomplete=skip_incomplete,
                         strict=strict)
    table = intake.table
    _rows_line(intake, json_out)
    with progress_bar("Klimek fit: simulation repeats", replicates,
                      enabled=not json_out) as step:
        res = klimek_fit(table, repeats=replicates, seed=seed, on_repeat=step,
                         thetas=THETA_GRID if theta is None else (theta,),
                         by_region=by_region, clean_scale=clean_scale)
    with progress_bar("Klimek fit: bootstrap interval", None, enabled=not json_out):
        res = klimek_interval(table, res, interval_replicates, seed)
    if output is not None:
        from kazpolity.forensics.figures import fingerprint_figure, save
        from kazpolity.forensics.klimek import fingerprint

        save(fingerprint_figure(fingerprint(table)), output)
    if json_out:
        emit(res.as_json(), intake)
        return
    if _lang() != "en":
        return _echo_lines(model_text.klimek_lines(res, _lang()))
    _klimek_text(res)


def _klimek_text(res: Any) -> None:
    out = res.as_json()
    typer.echo(f"Statistic: {out['statistic']}.")
    typer.echo(f"Null model: {out['null_model']}.")
    typer.echo(f"f_i (incremental) = {res.f_incremental:.3f}, f_e (extreme) = "
               f"{res.f_extreme:.4f}; alpha = {res.alpha}; theta = {res.theta}; spread "
               f"{res.f_incremental_sd:.3f} and {res.f_extreme_sd:.4f} ({out['sd_meaning']}).")
    iv = res.interval
    typer.echo("95% intervals: " + (
        f"f_i [{iv.f_incremental[0]:.3f}, {iv.f_incremental[1]:.3f}], f_e "
        f"[{iv.f_extreme[0]:.4f}, {iv.f_extreme[1]:.4f}] ({iv.meaning}; {iv.replicates} "
        "replicates)." if iv is not None else "none (--interval-replicates 0)."))
    if not res.converged:
        typer.echo(f"Not converged: {out['not_converged']}.")
    typer.echo(f"Clean blob: turnout {res.clean.tau:.3f} +- {res.clean.sigma_tau:.3f}, share "
               f"{res.clean.nu:.3f} +- {res.clean.sigma_nu:.3f}. f_i is weakly identified; "
               "read f_e first.")
    if res.on_bound:
        typer.echo("On a bound: " + "; ".join(res.on_bound) + ".")
    typer.echo(f"Assumptions: {out['assumptions']}.")


@forensics_app.command("shpilkin")
def shpilkin_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    output: Path | None = OUT_OPT, by: str | None = BY_OPT,
    db: str | None = DB_OPT, skip_incomplete: bool = SKIP_OPT, strict: bool = STRICT_OPT,
) -> None:
    """Shpilkin's clean-peak estimate of anomalous leader votes (a range)."""
    from kazpolity.forensics.shpilkin import shpilkin_estimate

    intake = load_intake(file, map_, db, json_out, skip_incomplete=skip_incomplete,
                         strict=strict)
    _rows_line(intake, json_out)
    res = shpilkin_estimate(intake.table)
    strata = per_stratum(intake.table, by, shpilkin_estimate)
    if output is not None:
        from kazpolity.forensics.figures import save, shpilkin_figure

        save(shpilkin_figure(intake.table, res), output)
    if json_out:
        emit({**res.as_json(), "by": _strata_json(strata)}, intake)
        return
    if _lang() != "en":
        return _echo_lines(localised.shpilkin_lines(res, strata, _lang()))
    for name, r in strata:
        typer.echo(f"  {name}: " + (_stratum_text(r) if isinstance(r, NotRun) else
                   f"{r.low:,.0f} to {r.high:,.0f} of {r.official_leader:,}"))
    typer.echo(f"Anomalous leader votes: {res.low:,.0f} to {res.high:,.0f} "
               f"(median over variants {res.central:,.0f}) of {res.official_leader:,} official.")
    out = res.as_json()
    typer.echo(f"Statistic: {out['statistic']}. Null model: {out['null_model']}.")
    for v in res.variants:
        window = "all left of the peak" if v.window is None else f"{100 * v.window:.0f} points"
        typer.echo(f"  bin {100 * v.bin_width:.1f} points, window {window}: peak turnout "
                   f"{100 * v.peak_turnout:.1f}%, clean share {100 * v.clean_share:.2f}%, "
                   f"anomalous {v.anomalous_votes:,.0f}")
    assumptions = out["assumptions"]
    assert isinstance(assumptions, list)
    typer.echo("Assumptions: " + "; ".join(str(a) for a in assumptions) + ".")


@forensics_app.command("digits")
def digits_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    seed: int = SEED_OPT, replicates: int = REPS_OPT, by: str | None = BY_OPT,
    output: Path | None = OUT_OPT, db: str | None = DB_OPT,
    skip_incomplete: bool = SKIP_OPT, strict: bool = STRICT_OPT,
) -> None:
    """EFT battery (2BL, LastC, P05s, C05s, skew, kurtosis, dip, Sobyanin, correlation) and
    Beber & Scacco last-digit and digit-pair tests."""
    from kazpolity.forensics.digits import (
        BATTERY_NULLS,
        battery_steps,
        digit_pair_tests,
        eft_battery,
        last_digit_chi2,
    )

    _check_reps(replicates)
    intake = load_intake(file, map_, db, json_out, skip_incomplete=skip_incomplete,
                         strict=strict)
    table = intake.table
    _rows_line(intake, json_out)
    with progress_bar("EFT battery (bootstrap)", battery_steps(table, by),
                      enabled=not json_out) as step:
        rows = eft_battery(table, by=by, replicates=replicates, seed=seed, on_step=step)
    series = [table.leader] if table.leader is not None else []
    series += list(table.parties.values())
    counts = np.concatenate(series) if series else table.voters()
    ld = last_digit_chi2(counts)
    pairs = digit_pair_tests(counts)
    if output is not None:
        from kazpolity.forensics.figures import digit_figure, save

        save(digit_figure(ld.frequencies, "Last digits of vote counts"), output)
    if json_out:
        emit({"method": "EFT battery and Beber & Scacco digit tests", "nulls": dict(BATTERY_NULLS),
               "bootstrap": f"basic 95% intervals, {replicates} replicates, seed {seed}",
               "rows": [r.as_json() for r in rows], "last_digit": ld.as_json(),
               "pairs": [p.as_json() for p in pairs]}, intake)
        return
    if _lang() != "en":
        return _echo_lines(model_text.digits_lines(rows, BATTERY_NULLS, replicates, seed, ld,
                                                   pairs, _lang()))
    names = list(BATTERY_NULLS)
    typer.echo("level\tseries\t" + "\t".join(names) + "\tN")
    for r in rows:
        typer.echo(f"{r.level}\t{r.series}\t" + "\t".join(
            _with_interval(r.estimates.get(m)) for m in names) + f"\t{r.n:,}")
    typer.echo(f"Intervals: basic bootstrap 95%, {replicates} replicates, seed {seed}.")
    typer.echo(f"Last digits: chi2 {ld.statistic:.2f}, p {ld.p_value:.4f}, n {ld.n:,}; "
               + "; ".join(f"{p.name} {p.statistic:.3f} (expected {p.expected}, p {p.p_value:.4f})"
                           for p in pairs))
    typer.echo("Nulls: " + "; ".join(f"{k}: {v}" for k, v in BATTERY_NULLS.items()))


def _parent_totals(parents: Path, parent_map: list[str]) -> ParentTotals:
    """The parent commissions' totals file, its columns named by ``--parent-map``."""
    from kazpolity.forensics.consistency import ParentTotals
    from kazpolity.forensics.loaders import read_frame

    frame = read_frame(parents)
    pm = dict(item.split("=", 1) for item in parent_map if "=" in item)
    if "key" not in pm:
        raise InputError("parent-map", "name the parent id column with key=COLUMN")
    for f, col in pm.items():
        if col not in frame.columns:
            raise InputError(f, f"parent column {col!r} is not in {parents}")
    fields = {f: frame[c].to_numpy(dtype=np.int64) for f, c in pm.items() if f != "key"}
    return ParentTotals(frame[pm["key"]].astype(str).to_numpy(dtype=object), fields)


@forensics_app.command("consistency")
def consistency_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    parents: Path | None = typer.Option(None, "--parents", help="File of parent totals."),
    parent_map: list[str] = typer.Option([], "--parent-map",
                                         help="field=COLUMN for parent totals; key=COLUMN "
                                         "names the parent column."),
    level: str = typer.Option("commission", "--level", help="Label role linking children "
                              "to parents."),
    output: Path | None = OUT_OPT, by: str | None = BY_OPT,
    db: str | None = DB_OPT, skip_incomplete: bool = SKIP_OPT, strict: bool = STRICT_OPT,
) -> None:
    """Protocol arithmetic per precinct and (with --parents) children-sum-to-parent checks."""
    from kazpolity.forensics.consistency import check_protocols, children_vs_parents

    intake = load_intake(file, map_, db, json_out, skip_incomplete=skip_incomplete,
                         strict=strict)
    table = intake.table
    _rows_line(intake, json_out)
    found = intake.consistency
    strata = per_stratum(intake.checked_table, by, check_protocols)
    residuals = list(found.residuals)
    if parents is not None:
        residuals += children_vs_parents(table, level, _parent_totals(parents, parent_map))
    if output is not None:
        from kazpolity.forensics.figures import bars_figure, save

        checked = [c for c in found.checks if c.checked]
        save(bars_figure([c.relation.name for c in checked], [c.violations for c in checked],
                         "Protocol relations: precincts breaking each", "precincts"), output)
    if json_out:
        emit({**found.as_json(), "n_residuals": len(residuals),
               "residuals": [r.as_json() for r in residuals], "by": _strata_json(strata)},
             intake)
        return
    if _lang() != "en":
        return _echo_lines(localised.consistency_lines(found, residuals, _lang(), strata))
    _strata_lines(strata)
    for ch in found.checks:
        typer.echo(f"  {ch.relation.name}: " + (
            f"{ch.violations:,} of {ch.checked:,} precincts break it" if ch.checked
            else f"not checked (needs {', '.join(ch.missing)})"))
    if not found.n_checked_relations:
        typer.echo("No protocol relation could be checked with the mapped columns.")
    typer.echo(f"{len(residuals):,} residual(s) (reported - expected), largest first:")
    for r in residuals[:200]:
        typer.echo(f"  {r.unit}: {r.field} {r.residual:+d} ({r.rule})")


@forensics_app.command("report")
def report_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    seed: int = SEED_OPT, replicates: int = REPS_OPT, by: str | None = BY_OPT,
    html_out: Path | None = typer.Option(None, "--html", help="Write a self-contained HTML "
                                         "report here."),
    switching_replicates: int = typer.Option(19, "--switching-replicates", help="Bootstrap "
                                             "replicates of the switching mixture (the "
                                             "smallest p it can show is 1/(R+1); 0 skips "
                                             "the bootstrap, the slowest stage)."),
    db: str | None = DB_OPT, skip_incomplete: bool = SKIP_OPT, strict: bool = STRICT_OPT,
) -> None:
    """All methods, per-precinct flags and a summary; --html for a self-contained page."""
    from kazpolity.forensics.report import build_report, report_steps, summary_lines
    from kazpolity.forensics.report_html import render_html

    _check_reps(replicates)
    intake = load_intake(file, map_, db, json_out, skip_incomplete=skip_incomplete,
                         strict=strict)
    table = intake.table
    _rows_line(intake, json_out)
    if switching_replicates < 0:
        raise InputError("--switching-replicates", "must be zero or more")
    with progress_bar("Forensic report", report_steps(
            table, by, switching_replicates=switching_replicates),
            enabled=not json_out) as step:
        rep = build_report(table, by=by, replicates=replicates, seed=seed, intake=intake,
                           switching_replicates=switching_replicates, on_step=step)
    if html_out is not None:
        write_page(html_out, render_html(rep, table, f"Forensic report: {file.name}"))
    if json_out:
        emit(rep.as_json(), intake)
        return
    if _lang() != "en":
        _echo_lines(localised.report_lines(rep, _lang()))
    else:
        typer.echo(f"{rep.n_precincts:,} precincts; turnout {100 * rep.turnout:.2f}%")
        for line in summary_lines(rep)[1:]:
            typer.echo(f"{line.topic}: {line.text}")
    if html_out is not None:
        typer.echo(f"HTML report: {html_out}")


@forensics_app.command("switching")
def switching_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    seed: int = SEED_OPT, replicates: int = typer.Option(199, "--replicates",
                                                         help="Bootstrap replicates."),
    by: str = typer.Option("auto", "--by", help="Location effects by region, commission or "
                           "national (auto: region if mapped)."),
    output: Path | None = OUT_OPT,
    db: str | None = DB_OPT, skip_incomplete: bool = SKIP_OPT, strict: bool = STRICT_OPT,
) -> None:
    """Votes switched from the opposition to the leader: two-component mixture, LR test."""
    from kazpolity.forensics.switching import switching_test
    from kazpolity.forensics.switching_flags import switching_flags

    if replicates < 0:
        raise InputError("replicates", "must be zero or more")
    intake = load_intake(file, map_, db, json_out, skip_incomplete=skip_incomplete,
                         strict=strict)
    table = intake.table
    _rows_line(intake, json_out)
    with progress_bar("Switching mixture: bootstrap", replicates,
                      enabled=not json_out) as step:
        res = switching_test(table, replicates=replicates, seed=seed, by=by, on_replicate=step)
    flags = switching_flags(table, res)
    if output is not None:
        from kazpolity.forensics.figures import posterior_figure, save

        save(posterior_figure(res.posterior, f"Switching mixture: LR {res.lr_statistic:.1f}, "
                              f"p {res.p_text()}"), output)
    if json_out:
        out = res.as_json()
        out["flags"] = [f.as_json() for f in flags[:500]]
        emit(out, intake)
        return
    if _lang() != "en":
        return _echo_lines(model_text.switching_lines(res, len(flags), _lang()))
    p = res.p_text()
    typer.echo(f"Statistic: {res.statistic}.")
    typer.echo(f"Null model: {res.null_model}; {res.replicates} replicates, seed {res.seed}.")
    typer.echo(f"LR = {res.lr_statistic:.2f}, p = {p}; {res.n_used:,} of {res.n_precincts:,} "
               f"precincts, location effects by {res.level} ({res.n_groups} groups).")
    ci = res.switched_votes_interval
    typer.echo(f"Share of precincts switched {res.share_switched:.3f}, fraction of opposition "
               f"votes moved {res.fraction:.3f}; switched votes {res.switched_votes:,.0f}"
               + (f" (95% {ci[0]:,.0f} to {ci[1]:,.0f})" if ci else " (no interval)")
               + f" of {res.official_leader:,} for the leader.")
    if res.on_bound:
        typer.echo("On a bound: " + "; ".join(res.on_bound) + ".")
    if not res.converged:
        typer.echo(f"Not converged: {res.convergence_note()}.")
    typer.echo(f"Turnout contrast of high-posterior precincts: {res.turnout_contrast:+.3f} "
               f"(SE {res.turnout_contrast_se:.3f}; near 0 under switching, > 0 under "
               f"stuffing). Flags (posterior >= 0.9): {len(flags):,}.")
    typer.echo(f"Assumptions: {res.assumptions}.")


def register(app: typer.Typer) -> None:
    from kazpolity.cli.forensics_observers import register_observers

    register_observers(forensics_app)
    app.add_typer(forensics_app, name="forensics")
