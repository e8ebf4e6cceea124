"""``kazpolity forensics pvt ...`` and ``forensics copies``: the observers' own tools.

* ``pvt sample FRAME`` draws the stratified random sample of precincts for a parallel vote
  tabulation (size from the stated formula, seed stated) and writes it with ``-o``;
* ``pvt estimate OFFICIAL --sample COPIES`` estimates the leader's share and turnout from the
  sampled protocols with intervals and sets the official result beside them;
* ``copies OFFICIAL --copies COPIES`` compares observers' protocol copies with the official
  protocols, line by line.
"""

from __future__ import annotations

from pathlib import Path

import typer

from kazpolity.cli.forensics import (
    DB_OPT,
    FILE_ARG,
    JSON_OPT,
    MAP_OPT,
    SKIP_OPT,
    STRICT_OPT,
    emit,
    load_intake,
    write_page,
)
from kazpolity.errors import InputError
from kazpolity.presentation import observer_text


def _lang() -> str:
    from kazpolity.cli.app import current_lang

    return current_lang()


def _echo_lines(lines: list[str]) -> None:
    typer.echo("\n".join(lines))

pvt_app = typer.Typer(name="pvt", help="Parallel vote tabulation: sample and estimate.",
                      no_args_is_help=True)


@pvt_app.command("sample")
def pvt_sample_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    margin: float = typer.Option(0.01, "--margin", help="Margin of error of the leader's "
                                 "share (a fraction: 0.01 = 1 point)."),
    confidence: float = typer.Option(0.95, "--confidence"),
    sd: float | None = typer.Option(None, "--sd", help="SD of the precinct ratio residual "
                                    "(default: from the frame's results, else 0.5)."),
    seed: int = typer.Option(..., "--seed", help="Random seed (stated in the output)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the sampled "
                                       "precincts (precinct, region) to this CSV."),
    db: str | None = DB_OPT, skip_incomplete: bool = SKIP_OPT, strict: bool = STRICT_OPT,
) -> None:
    """Draw the PVT sample: stratified by region, size m0 = (z S / E)^2 with the
    finite-population correction."""
    import pandas as pd

    from kazpolity.forensics.pvt import draw_sample

    intake = load_intake(file, map_, db, json_out, skip_incomplete=skip_incomplete,
                         strict=strict)
    table = intake.table
    if table.precinct is None:
        raise InputError("precinct", "the frame needs precinct ids (--map precinct=COLUMN)")
    design = draw_sample(table, margin, confidence, seed, sd)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        region = table.region[design.rows] if table.region is not None else "National"
        pd.DataFrame({"precinct": table.precinct[design.rows], "region": region}).to_csv(
            output, index=False)
    if json_out:
        emit(design.as_json(), intake)
        return
    if _lang() != "en":
        return _echo_lines(observer_text.pvt_sample_lines(
            design, len(table), None if output is None else str(output), _lang()))
    typer.echo(f"Sample of {design.size:,} precincts of {len(table):,} (formula "
               f"{design.size_unrounded:,.1f}: m0 = (z S / E)^2, E = {margin}, confidence "
               f"{confidence}, S = {design.residual_sd:.4f} from {design.sd_source}; finite "
               f"population corrected), seed {seed}.")
    for name, (m, n) in design.strata.items():
        typer.echo(f"  {name}: {n:,} of {m:,}")
    if output is not None:
        typer.echo(f"Sampled precincts: {output}")


@pvt_app.command("estimate")
def pvt_estimate_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    sample: Path = typer.Option(..., "--sample", help="Observers' protocols of the sampled "
                                "precincts (CSV, zipped CSV or Parquet), same columns."),
    sample_map: list[str] = typer.Option([], "--sample-map", help="role=COLUMN for the "
                                         "sample file (default: the same as --map)."),
    confidence: float = typer.Option(0.95, "--confidence"),
    db: str | None = DB_OPT, skip_incomplete: bool = SKIP_OPT, strict: bool = STRICT_OPT,
) -> None:
    """Estimate the leader's share and turnout from the sample, with intervals, beside the
    official result of FILE."""
    from kazpolity.forensics.pvt import pvt_estimate

    if not 0.5 < confidence < 1:
        raise InputError("--confidence", f"must lie in (0.5, 1) (got {confidence})")
    intake = load_intake(file, map_, db, json_out, skip_incomplete=skip_incomplete,
                         strict=strict)
    copies = load_intake(sample, sample_map or map_, None, json_out,
                         skip_incomplete=skip_incomplete, strict=strict)
    result = pvt_estimate(intake.table, copies.table, confidence)
    if json_out:
        emit(result.as_json(), intake)
        return
    if _lang() != "en":
        return _echo_lines(observer_text.pvt_estimate_lines(result, _lang()))
    out = result.as_json()
    typer.echo(f"{result.n_sampled:,} sampled protocols of {result.n_frame:,} precincts in "
               f"{result.n_strata} regions; {100 * confidence:.0f}% intervals.")
    for est in (result.share, result.turnout):
        if est is None:
            continue
        line = (f"{est.quantity[0].upper()}{est.quantity[1:]}: {100 * est.estimate:.2f}% "
                f"[{100 * est.low:.2f}, {100 * est.high:.2f}] (SE {100 * est.se:.2f} points)")
        if est.official is not None:
            where = "outside" if est.official_outside else "inside"
            line += f"; official {100 * est.official:.2f}% ({where} the interval)"
        typer.echo(line)
    typer.echo(f"Null model: {out['null_model']}. Assumptions: {out['assumptions']}.")




def copies_cmd(
    file: Path = FILE_ARG, map_: list[str] = MAP_OPT, json_out: bool = JSON_OPT,
    copies: Path = typer.Option(..., "--copies", help="Observers' protocol copies (CSV, "
                                "zipped CSV or Parquet; one row per precinct)."),
    copies_map: list[str] = typer.Option([], "--copies-map", help="role=COLUMN for the "
                                         "copies (default: the same as --map)."),
    html_out: Path | None = typer.Option(None, "--html", help="Write an HTML report here."),
    db: str | None = DB_OPT, skip_incomplete: bool = SKIP_OPT, strict: bool = STRICT_OPT,
) -> None:
    """Compare observers' protocol copies with the official protocols (FILE or
    store:ELECTION_ID): differences per precinct and line, a summary by region."""
    from kazpolity.forensics.copies import compare_copies

    intake = load_intake(file, map_, db, json_out, skip_incomplete=skip_incomplete,
                         strict=strict)
    theirs = load_intake(copies, copies_map or map_, None, json_out,
                         skip_incomplete=skip_incomplete, strict=strict)
    result = compare_copies(intake.table, theirs.table)
    if html_out is not None:
        from kazpolity.forensics.copies_html import render_copies_html

        write_page(html_out, render_copies_html(result, f"Protocol copies: {copies.name}"))
    if json_out:
        emit(result.as_json(), intake)
        return
    if _lang() != "en":
        _echo_lines(observer_text.copies_lines(result, _lang()))
        if html_out is not None:
            typer.echo(observer_text.html_line(html_out, _lang()))
        return
    typer.echo(f"{result.compared:,} copies compared on {len(result.lines)} line(s) "
               f"({', '.join(result.lines)}); {result.differing:,} precinct(s) differ; "
               f"{len(result.not_in_official):,} cop(ies) of precincts not in the official "
               "file.")
    for r in result.by_region:
        typer.echo(f"  {r.region}: {r.differing:,} of {r.compared:,} differ; leader official "
                   f"minus copies {r.leader_difference:+,}")
    for d in result.differences[:200]:
        typer.echo(f"  {d.precinct} ({d.region}) {d.line}: official {d.official:,}, copy "
                   f"{d.copy:,} ({d.difference:+,})")
    if html_out is not None:
        typer.echo(f"HTML report: {html_out}")


def panel_cmd(
    files: list[Path] = typer.Argument(..., help="Precinct files, one per election."),
    label: list[str] = typer.Option(..., "--label", help="One label per file (e.g. a year)."),
    statistic: str = typer.Option("integer-excess", "--statistic", help="integer-excess, "
                                  "turnout, leader-share, shpilkin or corner."),
    map_: list[str] = MAP_OPT,
    leader: list[str] = typer.Option([], "--leader", help="The leader's column, one per file "
                                     "(when it differs between elections)."),
    json_out: bool = JSON_OPT,
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the panel figure "
                                       "to STEM.png and STEM.svg."),
    skip_incomplete: bool = SKIP_OPT, strict: bool = STRICT_OPT,
) -> None:
    """One statistic across many elections (the year-by-year plot)."""
    from kazpolity.forensics.panel import STATISTICS, panel

    if leader and len(leader) != len(files):
        raise InputError("--leader", f"give one per file ({len(files)} files)")
    if statistic not in STATISTICS:
        raise InputError("--statistic", f"unknown statistic {statistic!r} (known: "
                         f"{', '.join(STATISTICS)})")
    tables = []
    for i, file in enumerate(files):
        maps = [*map_, f"leader={leader[i]}"] if leader else map_
        tables.append(load_intake(file, maps, None, json_out, skip_incomplete=skip_incomplete,
                                  strict=strict).table)
    points = panel(tables, label, statistic)
    what = STATISTICS[statistic][0]
    if output is not None:
        from kazpolity.forensics.figures import panel_figure, save

        save(panel_figure([p.label for p in points], [p.value for p in points],
                          [p.low for p in points], [p.high for p in points], what, statistic),
             output)
    if json_out:
        emit({"method": "panel across elections", "statistic": statistic, "meaning": what,
              "points": [p.as_json() for p in points]})
        return
    if _lang() != "en":
        return _echo_lines(observer_text.panel_lines(statistic, points, _lang()))
    typer.echo(f"{statistic}: {what}")
    for p in points:
        typer.echo(f"  {p.label}: {p.value:,.4g} [{p.low:,.4g}, {p.high:,.4g}] "
                   f"({p.n_precincts:,} precincts)")


def register_observers(app: typer.Typer) -> None:
    app.add_typer(pvt_app, name="pvt")
    app.command("copies")(copies_cmd)
    app.command("panel")(panel_cmd)
