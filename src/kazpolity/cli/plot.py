"""``kazpolity plot``: the dashboard's charts as files.

* ``kazpolity plot parliament majilis-2023 -o out.svg`` — the arch of an election's seats;
  ``kazpolity plot parliament seats.csv -o out.png`` — of any chamber, from a seats CSV
  (SVG, PNG or PDF);
* ``kazpolity plot map --on 2023-03-19 -o out.svg [--lang kk]`` — the regions cartogram;
* ``kazpolity plot fingerprint FILE --map role=COL -o out.svg`` — the turnout × share
  fingerprint of a precinct table, drawn by ``kazpolity.forensics.figures``; FILE may be
  ``store:ELECTION_ID`` (an election in the store, ``--db URL``).

Each prints what it wrote (``--json``: one JSON object). Exit codes: 0 ok, 2 bad input.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from kazpolity.errors import InputError

plot_app = typer.Typer(name="plot", help="Export the dashboard's charts (SVG; the arch also "
                       "PNG or PDF).",
                       no_args_is_help=True)

OUT_OPT = typer.Option(..., "-o", "--output", help="File to write (.svg).")
JSON_OPT = typer.Option(False, "--json", help="Print one JSON object describing the file.")


def _write(path: Path, text: str) -> None:
    if path.suffix.lower() != ".svg":
        raise InputError("--output", f"must end in .svg, got {path.name!r}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise InputError("--output", f"cannot write {path}: {err.strerror}") from err


def _report(as_json: bool, payload: dict[str, object], line: str) -> None:
    if as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False))
    else:
        typer.echo(line)


@plot_app.command("parliament")
def parliament(
    source: str = typer.Argument(..., help="An election id (e.g. majilis-2023, senate-2023) "
                                 "or a seats CSV: columns party (or name), seats, and "
                                 "optionally colour (#rrggbb) and label; rows drawn in order."),
    output: Path = typer.Option(..., "-o", "--output", help="File to write: .svg, .png or "
                                ".pdf."),
    title: str | None = typer.Option(None, "--title", help="Title (default: the election "
                                     "or file name and the number of seats)."),
    as_json: bool = JSON_OPT,
) -> None:
    """The arch diagram of a chamber's seats, coloured by party (no two parties alike)."""
    from kazpolity.charts.seat_files import read_seat_groups, write_arch

    notes: tuple[str, ...] = ()
    if source.lower().endswith(".csv") or Path(source).is_file():
        groups = read_seat_groups(Path(source))
        name = Path(source).stem
    else:
        from kazpolity.charts.compositions import election_composition
        from kazpolity.elections.official import official_election

        election = official_election(source)
        composition = election_composition(election)
        if composition is None:
            raise InputError("election", f"{source} filled no seats (a {election.body} "
                                         "election): nothing to draw")
        groups, name, notes = list(composition.groups), source, composition.notes
    seats = sum(group.seats for group in groups)
    write_arch(groups, title or f"{name}: {seats} seats", output)
    _report(as_json, {"output": str(output), "source": source, "seats": seats,
                      "groups": [{"name": g.name, "seats": g.seats, "colour": g.fill}
                                 for g in groups],
                      "notes": list(notes)},
            f"wrote {output} ({seats} seats, {len(groups)} groups)")


@plot_app.command("map")
def regions_map(
    on: str = typer.Option(..., "--on", help="YYYY-MM-DD: the units in force that day."),
    output: Path = OUT_OPT,
    lang: str | None = typer.Option(None, "--lang", help="Names in en, kk or ru (default: "
                                    "the root --lang or KAZPOLITY_LANG, else en)."),
    as_json: bool = JSON_OPT,
) -> None:
    """The tile cartogram of Kazakhstan's first-level units on a date."""
    from kazpolity.charts.regions_map import regions_map_svg
    from kazpolity.geo import LANGS, regions_at
    from kazpolity.law import parse_day

    if lang is None:
        from kazpolity.cli.app import current_lang

        lang = current_lang()
    if lang not in LANGS:
        raise InputError("--lang", f"must be one of {', '.join(LANGS)}, got {lang!r}")
    day = parse_day(on, "--on")
    regions = regions_at(day)
    _write(output, regions_map_svg(regions, title=f"Regions of Kazakhstan on {day.isoformat()}",
                                   lang=lang))
    _report(as_json, {"output": str(output), "on": day.isoformat(), "units": len(regions),
                      "codes": [r.code for r in regions]},
            f"wrote {output} ({len(regions)} units on {day.isoformat()})")


@plot_app.command("fingerprint")
def fingerprint(
    file: Path = typer.Argument(..., help="CSV, .zip holding one CSV, or Parquet file; or "
                                "store:ELECTION_ID for an election in the store (see --db)."),
    map_: list[str] = typer.Option([], "--map", "-m", help="role=COLUMN, as for "
                                   "`kazpolity forensics fingerprint`."),
    output: Path = OUT_OPT,
    bins: int = typer.Option(100, "--bins", help="Bins per axis."),
    db: str | None = typer.Option(None, "--db", help="Database URL for store:ELECTION_ID "
                                  "(default: KAZPOLITY_DATABASE_URL or the data dir's "
                                  "SQLite file)."),
    as_json: bool = JSON_OPT,
) -> None:
    """The turnout × leader-share fingerprint (Klimek et al. 2012) of a precinct table."""
    from kazpolity.cli.forensics import load_table
    from kazpolity.forensics.figures import fingerprint_figure, inline_svg
    from kazpolity.forensics.klimek import fingerprint as compute_fingerprint

    if bins < 2:
        raise InputError("--bins", "must be at least 2")
    table = load_table(file, map_, db, as_json)
    result = compute_fingerprint(table, bins)
    _write(output, inline_svg(fingerprint_figure(result)))
    _report(as_json, {"output": str(output), "precincts": result.n_used, "bins": bins},
            f"wrote {output} (fingerprint of {result.n_used:,} precincts)")


def register(app: typer.Typer) -> None:
    app.add_typer(plot_app, name="plot")
