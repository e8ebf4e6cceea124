"""``kazpolity elections``: official results, their reproduction, and counterfactual re-runs."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kazpolity.cli import exit_codes
from kazpolity.cli.progress import progress_bar
from kazpolity.cli.rules import wide_console
from kazpolity.elections.indices import disproportionality, list_tier_indices
from kazpolity.elections.kazakh_lists import ListCompleted, ListLotRequired
from kazpolity.elections.majority import MajorityOutcome
from kazpolity.elections.official import official_election, official_elections
from kazpolity.elections.reproduce import Reproduction, reproduce, rerun
from kazpolity.elections.threshold import parse_percent
from kazpolity.errors import InputError
from kazpolity.law import parse_day
from kazpolity.names import result_name
from kazpolity.presentation.election_json import official_json, reproduction_json, rerun_json
from kazpolity.presentation.election_tables import (
    RERUN_COLUMNS,
    RESULT_COLUMNS,
    parse_format,
    rerun_rows,
    result_rows,
    write_table,
)
from kazpolity.presentation.election_text import (
    list_outcome_text,
    reproduction_checked,
    reproduction_detail,
)
from kazpolity.presentation.numbers import format_date, format_int, format_number
from kazpolity.presentation.reproduction_text import (
    indices_text,
    reproduction_cells,
    reproduction_text,
)
from kazpolity.presentation.steps import english, render_step
from kazpolity.presentation.words import word

elections_app = typer.Typer(help="Official results 1991-2026: list, show, reproduce, re-run.",
                            no_args_is_help=True)


def _print_json(payload: object) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


@elections_app.command("list")
def list_elections(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Every bundled national election and referendum."""
    items = official_elections()
    if as_json:
        _print_json([{"id": e.election_id, "body": e.body, "date": e.date.isoformat()}
                     for e in items])
        return
    from kazpolity.cli.app import current_lang
    from kazpolity.names import name_of

    lang = current_lang()
    table = Table("id", *(word(k, lang) for k in ("body", "date", "Registered voters",
                                                   "turnout, %")))
    for e in items:
        table.add_row(e.election_id, name_of("election_kinds", e.body, lang, e.body),
                      e.date.isoformat(), format_int(e.registered or None, lang),
                      format_number(e.turnout_percent, lang))
    wide_console().print(table)


@elections_app.command("show")
def show(
    election_id: str = typer.Argument(..., help="e.g. majilis-2021, president-2019"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """One election: results, seats, disproportionality indices, and its reproduction."""
    election = official_election(election_id)
    indices = disproportionality(election)
    check = reproduce(election)
    if as_json:
        _print_json({**official_json(election), "indices": indices,
                     "reproduction": reproduction_json(check)})
        return
    console = wide_console()
    from kazpolity.cli.app import current_lang
    from kazpolity.names import result_name

    lang = current_lang()
    console.print(f"[bold]{election.election_id}[/bold] — {format_date(election.date, lang)}")
    facts = [("registered", election.registered), ("Ballots cast", election.ballots_cast),
             ("invalid", election.invalid), ("valid", election.valid)]
    console.print("  ".join(f"{word(name, lang)}: {format_int(value, lang)}"
                            for name, value in facts if value is not None))
    table = Table(*(word(k, lang) for k in ("name", "votes", "%", "list seats",
                                            "district seats", "total seats")))
    for row in election.rows:
        table.add_row(result_name(row.name, lang), format_int(row.votes, lang),
                      format_number(row.percent, lang),
                      *(format_int(v, lang)
                        for v in (row.seats_list, row.seats_district, row.seats_total)))
    console.print(table)
    if indices:
        console.print(indices_text(indices, lang))
    console.print(f"{word('Reproduction', lang)}: {reproduction_text(check, lang)}")
    console.print(f"{word('Sources', lang)}: " + " ; ".join(election.sources))


def _reproduction_table(rows: list[Reproduction], console: Console, lang: str) -> None:
    """The English working (what was checked, the detail) only in English; in Kazakh and
    Russian the outcome columns, rendered from the record's fields."""
    colour = {"match": "green", "mismatch": "red", "not-reproducible": "yellow"}
    if lang == "en":
        table = Table("election", "date", "checked", "official", "computed", "status", "detail")
        for row in rows:
            detail = reproduction_detail(row, step_text=english)
            table.add_row(row.election_id, row.date.isoformat(), reproduction_checked(row),
                          row.official, row.computed, f"[{colour[row.status]}]{row.status}[/]",
                          detail)
    else:
        table = Table(*(word(k, lang) for k in ("election", "date", "official", "computed",
                                                "state")))
        for row in rows:
            official, computed = reproduction_cells(row, lang)
            table.add_row(row.election_id, row.date.isoformat(), official, computed,
                          f"[{colour[row.status]}]{word(row.status, lang)}[/]")
    console.print(table)


@elections_app.command("reproduce")
def reproduce_all(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Recompute every election under the law of its date; exit 1 on any mismatch."""
    elections = official_elections()
    rows = []
    with progress_bar("Reproducing official results", len(elections),
                      enabled=not as_json) as step:
        for election in elections:
            rows.append(reproduce(election))
            step()
    mismatches = [row for row in rows if row.status == "mismatch"]
    summary = {status: sum(1 for row in rows if row.status == status)
               for status in ("match", "mismatch", "not-reproducible")}
    if as_json:
        _print_json({"summary": summary, "rows": [reproduction_json(row) for row in rows]})
    else:
        from kazpolity.cli.app import current_lang

        lang = current_lang()
        console = wide_console()
        _reproduction_table(rows, console, lang)
        console.print(word("{match} match, {mismatch} mismatch, {other} not reproducible (no "
                           "votes published or before the rulebook)", lang).format(
            match=summary["match"], mismatch=summary["mismatch"],
            other=summary["not-reproducible"]))
    if mismatches:
        raise typer.Exit(exit_codes.CHECK_FAILED)


@elections_app.command("rerun")
def rerun_command(
    election_id: str = typer.Argument(..., help="e.g. majilis-2007"),
    under: str = typer.Option(..., "--under", help="Apply the law in force on this date."),
    method: str | None = typer.Option(None, "--method", help="Replace the allocation method."),
    threshold: str | None = typer.Option(None, "--threshold", help="Replace the threshold %."),
    seats: int | None = typer.Option(None, "--seats", help="Replace the number of list seats."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Re-run an election's votes under another date's law or a modified rule."""
    day: date = parse_day(under, "--under")
    percent: Fraction | None = parse_percent("--threshold", threshold) if threshold else None
    if seats is not None and seats <= 0:
        raise InputError("--seats", "must be a positive number of seats")
    result = rerun(official_election(election_id), day, method=method, threshold=percent,
                   seats=seats)
    payload = rerun_json(result)
    indices = (list_tier_indices(result.outcome.votes, result.outcome.seats)
               if isinstance(result.outcome, ListCompleted) else None)
    if isinstance(result.outcome, ListCompleted):
        payload["indices"] = indices
    if as_json:
        _print_json(payload)
    else:
        from kazpolity.cli.app import current_lang

        lang = current_lang()
        typer.echo(word("{election} under the law of {day}", lang).format(
            election=election_id, day=format_date(day, lang)))
        outcome = result.outcome
        typer.echo("\n".join(render_step(one, lang, None if lang != "en" else str)
                              for one in outcome.steps)
                   if isinstance(outcome, MajorityOutcome) else list_outcome_text(outcome, lang))
        if indices:
            typer.echo(indices_text(indices, lang))
        if result.difference is not None:
            typer.echo(f"{word('Difference from the official seats', lang)}: " + ", ".join(
                f"{result_name(party, lang)} {change:+d}"
                for party, change in result.difference.items() if change))
    if isinstance(result.outcome, ListLotRequired):
        raise typer.Exit(exit_codes.LOT_REQUIRED)


@elections_app.command("export")
def export_command(
    election_id: str = typer.Argument(..., help="e.g. majilis-2023"),
    fmt: str = typer.Option("csv", "--format", help="csv | parquet | json."),
    output: Path = typer.Option(..., "-o", "--output", help="File to write."),
    under: str | None = typer.Option(None, "--under",
                                     help="Export a re-run under this date's law instead."),
    method: str | None = typer.Option(None, "--method", help="Re-run: replace the method."),
    threshold: str | None = typer.Option(None, "--threshold", help="Re-run: replace the %."),
    seats: int | None = typer.Option(None, "--seats", help="Re-run: replace the list seats."),
) -> None:
    """Write an election's official results (or, with --under, a re-run) to a file."""
    kind = parse_format(fmt)
    election = official_election(election_id)
    if under is None:
        if method or threshold or seats:
            raise InputError("--under", "--method, --threshold and --seats need --under")
        write_table(result_rows(election), RESULT_COLUMNS, kind, output)
        return
    percent = parse_percent("--threshold", threshold) if threshold else None
    if seats is not None and seats <= 0:
        raise InputError("--seats", "must be a positive number of seats")
    result = rerun(election, parse_day(under, "--under"), method=method, threshold=percent,
                   seats=seats)
    rows = rerun_rows(result)
    if not rows:
        raise InputError("election", f"{election_id} under {under} gives no seats to export "
                                     "(a presidential election, or a lot is required)")
    write_table(rows, RERUN_COLUMNS, kind, output)


def register(app: typer.Typer) -> None:
    app.add_typer(elections_app, name="elections")
