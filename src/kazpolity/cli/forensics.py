"""``kazpolity forensics ...``: election forensics on precinct results (a thin face).

Every command reads FILE (CSV, zipped CSV or Parquet) with ``--map role=COLUMN`` and prints
its statistic, null model, uncertainty and assumptions; ``--json`` prints one JSON object.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import typer

from kazpolity.cli.progress import progress_bar
from kazpolity.errors import InputError

forensics_app = typer.Typer(
    name="forensics",
    help="Election forensics on precinct results: statistics against stated null models.",
    no_args_is_help=True,
)

FILE_ARG = typer.Argument(..., help="CSV, .zip holding one CSV, or Parquet file.")
MAP_OPT = typer.Option(
    [], "--map", "-m", help="role=COLUMN (roles: registered, issued, ballots, valid, invalid, "
    "leader, region, commission, channel, precinct, party:<label>); A+B sums columns.")
JSON_OPT = typer.Option(False, "--json", help="Print one JSON object.")
SEED_OPT = typer.Option(0, "--seed", help="Random seed.")
REPS_OPT = typer.Option(1000, "--replicates", help="Null / bootstrap replicates.")
OUT_OPT = typer.Option(None, "-o", "--output", help="Write figures to STEM.png and STEM.svg.")
BY_OPT = typer.Option(None, "--by", help="Stratify by a label role: region, commission, channel.")


def _load(file: Path, maps: list[str]) -> Any:
    from kazpolity.forensics.loaders import load_precincts
    from kazpolity.forensics.table import ColumnMap

    return load_precincts(file, ColumnMap.parse(maps))


def _emit(obj: dict[str, object]) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, default=_json_default))


def _json_default(o: object) -> object:
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        return None if not np.isfinite(o) else float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    return str(o)


def _check_reps(replicates: int) -> None:
    if replicates < 2:
        raise InputError("replicates", "must be at least 2")


@forensics_app.command("integer-percent")
def integer_percent(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    seed: int = SEED_OPT, replicates: int = REPS_OPT, output: Path | None = OUT_OPT,
    engine: str = typer.Option("indicator", "--engine", help="indicator or binomial."),
) -> None:
    """Integer-percent test (Kobak, Shpilkin & Pshenichnikov 2016)."""
    from kazpolity.forensics.integer_percent import integer_percent_test

    _check_reps(replicates)
    if engine not in ("indicator", "binomial"):
        raise InputError("engine", "must be indicator or binomial")
    table = _load(file, map_)
    res = integer_percent_test(table, replicates, seed, engine)  # type: ignore[arg-type]
    if output is not None:
        from kazpolity.forensics.figures import integer_histograms_figure, save

        save(integer_histograms_figure(table, res), output)
    if json_out:
        _emit(res.as_json())
        return
    typer.echo(f"Statistic: {res.statistic}.")
    typer.echo(f"Null model: {res.null_model}; {res.replicates} replicates, seed {res.seed}.")
    typer.echo(f"Included precincts: {res.n_included} of {res.n_precincts}.")
    typer.echo(f"Excess (turnout or leader): {res.excess_any:.1f}  null SD {res.null_sd:.1f}  "
               f"99.9% null band [{res.band_999[0]:.1f}, {res.band_999[1]:.1f}]")
    typer.echo(f"Excess (turnout): {res.excess_turnout:.1f}  (leader): {res.excess_leader:.1f}")
    typer.echo(f"Assumptions: {res.assumptions}.")


@forensics_app.command("fingerprint")
def fingerprint_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    output: Path | None = OUT_OPT, bins: int = typer.Option(100, "--bins"),
) -> None:
    """Turnout x leader-share 2-D histogram (Klimek et al. 2012)."""
    from kazpolity.forensics.klimek import fingerprint

    if bins < 2:
        raise InputError("bins", "must be at least 2")
    table = _load(file, map_)
    fp = fingerprint(table, bins)
    if output is not None:
        from kazpolity.forensics.figures import fingerprint_figure, save

        save(fingerprint_figure(fp), output)
    if json_out:
        _emit(fp.as_json())
        return
    top = np.unravel_index(int(np.argmax(fp.counts)), fp.counts.shape)
    typer.echo(f"Fingerprint of {fp.n_used} precincts, {bins}x{bins} bins; densest cell at "
               f"turnout {100 * fp.turnout_edges[top[0]]:.0f}%, share "
               f"{100 * fp.share_edges[top[1]]:.0f}%; precincts at >=99% turnout and share: "
               f"{int(fp.counts[-1, -1])}.")
    typer.echo("Statistic: counts only; compare its shape with one Gaussian blob (no test).")


@forensics_app.command("klimek-fit")
def klimek_fit_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    seed: int = SEED_OPT, replicates: int = typer.Option(3, "--replicates",
                                                         help="Simulation repeats."),
) -> None:
    """Fit the Klimek et al. (2012) ballot-stuffing model by simulation."""
    from kazpolity.forensics.klimek import klimek_fit

    if replicates < 1:
        raise InputError("replicates", "must be at least 1")
    table = _load(file, map_)
    with progress_bar("Klimek fit: simulation repeats", replicates,
                      enabled=not json_out) as step:
        res = klimek_fit(table, repeats=replicates, seed=seed, on_repeat=step)
    if json_out:
        _emit(res.as_json())
        return
    typer.echo(f"f_i (incremental) = {res.f_incremental:.3f} (SD {res.f_incremental_sd:.3f}); "
               f"f_e (extreme) = {res.f_extreme:.4f} (SD {res.f_extreme_sd:.4f}); "
               f"alpha = {res.alpha}; theta = {res.theta}")
    typer.echo(f"Clean blob: turnout {res.clean.tau:.3f} +- {res.clean.sigma_tau:.3f}, share "
               f"{res.clean.nu:.3f} +- {res.clean.sigma_nu:.3f}; SDs over {res.repeats} "
               "simulation repeats. f_i is weakly identified; read f_e first.")


@forensics_app.command("shpilkin")
def shpilkin_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
) -> None:
    """Shpilkin's clean-peak estimate of anomalous leader votes (a range)."""
    from kazpolity.forensics.shpilkin import shpilkin_estimate

    res = shpilkin_estimate(_load(file, map_))
    if json_out:
        _emit(res.as_json())
        return
    typer.echo(f"Anomalous leader votes: {res.low:,.0f} to {res.high:,.0f} "
               f"(median over variants {res.central:,.0f}) of {res.official_leader:,} official.")
    typer.echo("Assumes: opposition votes honest; leader's clean share independent of turnout; "
               "range over bin widths and reference windows.")


@forensics_app.command("digits")
def digits_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    seed: int = SEED_OPT, replicates: int = REPS_OPT, by: str | None = BY_OPT,
    output: Path | None = OUT_OPT,
) -> None:
    """EFT battery (2BL, LastC, P05s, C05s, skew, kurtosis, dip, Sobyanin, correlation) and
    Beber & Scacco last-digit and digit-pair tests."""
    from kazpolity.forensics.digits import (
        BATTERY_NULLS,
        digit_pair_tests,
        eft_battery,
        last_digit_chi2,
    )

    _check_reps(replicates)
    table = _load(file, map_)
    rows = eft_battery(table, by=by, replicates=replicates, seed=seed)
    series = [table.leader] if table.leader is not None else []
    series += list(table.parties.values())
    counts = np.concatenate(series) if series else table.voters()
    ld = last_digit_chi2(counts)
    pairs = digit_pair_tests(counts)
    if output is not None:
        from kazpolity.forensics.figures import digit_figure, save

        save(digit_figure(ld.frequencies, "Last digits of vote counts"), output)
    if json_out:
        _emit({"method": "EFT battery and Beber & Scacco digit tests", "nulls": dict(BATTERY_NULLS),
               "bootstrap": f"basic 95% intervals, {replicates} replicates, seed {seed}",
               "rows": [r.as_json() for r in rows], "last_digit": ld.as_json(),
               "pairs": [p.as_json() for p in pairs]})
        return
    names = list(BATTERY_NULLS)
    typer.echo("level\tseries\t" + "\t".join(names) + "\tN")
    for r in rows:
        vals = [f"{r.estimates[m].value:.3f}" if m in r.estimates and
                np.isfinite(r.estimates[m].value) else "-" for m in names]
        typer.echo(f"{r.level}\t{r.series}\t" + "\t".join(vals) + f"\t{r.n}")
    typer.echo(f"Last digits: chi2 {ld.statistic:.2f}, p {ld.p_value:.4f}, n {ld.n}; "
               + "; ".join(f"{p.name} {p.statistic:.3f} (expected {p.expected}, p {p.p_value:.4f})"
                           for p in pairs))
    typer.echo("Nulls: " + "; ".join(f"{k}: {v}" for k, v in BATTERY_NULLS.items()))


@forensics_app.command("consistency")
def consistency_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    parents: Path | None = typer.Option(None, "--parents", help="File of parent totals."),
    parent_map: list[str] = typer.Option([], "--parent-map",
                                         help="field=COLUMN for parent totals; key=COLUMN "
                                         "names the parent column."),
    level: str = typer.Option("commission", "--level", help="Label role linking children "
                              "to parents."),
) -> None:
    """Protocol arithmetic per precinct and (with --parents) children-sum-to-parent checks."""
    from kazpolity.forensics.consistency import (
        ParentTotals,
        children_vs_parents,
        protocol_residuals,
    )

    table = _load(file, map_)
    residuals = protocol_residuals(table)
    if parents is not None:
        from kazpolity.forensics.loaders import read_frame

        frame = read_frame(parents)
        pm = dict(item.split("=", 1) for item in parent_map if "=" in item)
        if "key" not in pm:
            raise InputError("parent-map", "name the parent id column with key=COLUMN")
        for f, col in pm.items():
            if col not in frame.columns:
                raise InputError(f, f"parent column {col!r} is not in {parents}")
        fields = {f: frame[c].to_numpy(dtype=np.int64) for f, c in pm.items() if f != "key"}
        totals = ParentTotals(frame[pm["key"]].astype(str).to_numpy(dtype=object), fields)
        residuals += children_vs_parents(table, level, totals)
    if json_out:
        _emit({"method": "tabulation consistency", "n_residuals": len(residuals),
               "residuals": [r.as_json() for r in residuals]})
        return
    typer.echo(f"{len(residuals)} residual(s) (reported - expected):")
    for r in residuals[:200]:
        typer.echo(f"  {r.unit}: {r.field} {r.residual:+d} ({r.rule})")


@forensics_app.command("report")
def report_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    seed: int = SEED_OPT, replicates: int = REPS_OPT, by: str | None = BY_OPT,
    html_out: Path | None = typer.Option(None, "--html", help="Write a self-contained HTML "
                                         "report here."),
) -> None:
    """All methods, per-precinct flags and a summary; --html for a self-contained page."""
    from kazpolity.forensics.report import build_report, render_html

    _check_reps(replicates)
    table = _load(file, map_)
    rep = build_report(table, by=by, replicates=replicates, seed=seed)
    if html_out is not None:
        html_out.parent.mkdir(parents=True, exist_ok=True)
        html_out.write_text(render_html(rep, table, f"Forensic report: {file.name}"),
                            encoding="utf-8")
    if json_out:
        _emit(rep.as_json())
        return
    typer.echo(f"{rep.n_precincts} precincts; turnout {100 * rep.turnout:.2f}%")
    if rep.integer is not None:
        typer.echo(f"Integer-percent excess {rep.integer.excess_any:.1f} "
                   f"(null SD {rep.integer.null_sd:.1f})")
    if rep.shpilkin is not None:
        typer.echo(f"Clean-peak anomalous leader votes: {rep.shpilkin.low:,.0f} to "
                   f"{rep.shpilkin.high:,.0f}")
    typer.echo(f"Flags: {len(rep.flags)}; protocol residuals: {rep.protocol_residuals}")
    if html_out is not None:
        typer.echo(f"HTML report: {html_out}")


def register(app: typer.Typer) -> None:
    app.add_typer(forensics_app, name="forensics")
