"""``kazpolity institutions``, ``eligibility`` and the procedure commands.

``institutions show`` prints the bodies on a date; ``eligibility candidate|deputy|party``
checks a person or party file; ``legislate``, ``appoint``, ``no-confidence``, ``dissolve``,
``succession`` and ``referendum-initiative`` run a scenario file through the procedure in
force on its date. Each prints one JSON object with ``--json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import typer

from kazpolity.cli.progress import progress_bar
from kazpolity.cli.text import plain
from kazpolity.institutions.appoint import appoint
from kazpolity.institutions.bodies import institutions_on
from kazpolity.institutions.dissolve import dissolve
from kazpolity.institutions.eligibility import Eligibility, candidate, deputy, party
from kazpolity.institutions.legislate import legislate
from kazpolity.institutions.no_confidence import no_confidence
from kazpolity.institutions.procedure import ProcedureResult
from kazpolity.institutions.referendum_initiative import referendum_initiative
from kazpolity.institutions.scenario import (
    Fields,
    load_yaml,
    parse_appoint,
    parse_candidate,
    parse_deputy,
    parse_dissolve,
    parse_legislate,
    parse_no_confidence,
    parse_party,
    parse_referendum_initiative,
    parse_succession,
)
from kazpolity.institutions.succession import succession
from kazpolity.law import check_in_model, parse_day
from kazpolity.presentation.institution_json import (
    eligibility_json,
    institutions_json,
    monte_carlo_json,
    procedure_json,
)
from kazpolity.presentation.institution_text import institutions_text, render_institutions
from kazpolity.presentation.words import word

institutions_app = typer.Typer(help="State bodies on a date: composition and office-holders.",
                               no_args_is_help=True)
eligibility_app = typer.Typer(help="Eligibility of candidates and deputies; party registration.",
                              no_args_is_help=True)

JSON_OPTION = typer.Option(False, "--json", help="Print one JSON object.")


def _print_json(payload: object) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _day(text: str | None, field: str = "--on") -> date:
    return check_in_model(date.today() if text is None else parse_day(text, field), field)


def _render_procedure(result: ProcedureResult) -> str:
    """A procedure's result, for people: the steps, the findings, the notes, the doubts."""
    lines = [f"{result.procedure} on {result.on.isoformat()} (era {result.era}): "
             f"{result.status.value.upper()}"]
    lines += [step.line() for step in result.steps]
    lines += [f"{key}: {plain(value)}" for key, value in result.details.items()]
    if result.monte_carlo is not None:
        lines.append("monte_carlo: "
                     + plain(monte_carlo_json(result.monte_carlo)))
    lines += [f"note: {note}" for note in result.notes if note]
    if result.unverified_rules:
        lines.append("UNVERIFIED rules used (the outcome rests on them): "
                     + ", ".join(result.unverified_rules))
    return "\n".join(lines)


def _emit(result: ProcedureResult, as_json: bool) -> None:
    if as_json:
        _print_json(procedure_json(result))
    else:
        typer.echo(_render_procedure(result))


@institutions_app.command("show")
def show(
    on: str | None = typer.Option(None, "--on", help="Date YYYY-MM-DD (default: today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """The bodies that exist on a date, their size and composition, and who holds office."""
    snapshot = institutions_on(_day(on))
    document = institutions_json(snapshot)
    if as_json:
        _print_json(document)
        return
    from kazpolity.cli.app import current_lang
    from kazpolity.geo import capital_at, regions_at

    lang = current_lang()
    if lang == "en":
        typer.echo(render_institutions(document, *_display_names(lang)))
    else:
        typer.echo(institutions_text(document, lang, *_display_names(lang)))
    day = snapshot.on
    typer.echo(f"{word('Capital', lang)}: {capital_at(day).name(lang)}; "
               f"{word('first-level units', lang)}: "
               + ", ".join(unit.name(lang) for unit in regions_at(day)))


def _display_names(lang: str) -> tuple[Callable[[str, str], str], Callable[[str], str]]:
    """Headings and names for ``render_institutions`` in ``lang``: bodies and offices from
    the names catalogue, people and parties by their result names (English fallback)."""
    from kazpolity.names import catalogue, person_name, result_name

    names = catalogue()

    def heading(body: str, title: str) -> str:
        kind = next((k for k in ("bodies", "offices") if names.entry(k, body) is not None), None)
        return title if lang == "en" or kind is None else names.name(kind, body, lang)

    def name(text: str) -> str:
        shown = result_name(text, lang)
        return shown if shown != text else person_name(text, lang)

    return heading, name


def _eligibility(check: Callable[[Fields, date], Eligibility], file: Path,
                 on: str | None, as_json: bool) -> None:
    fields = Fields(load_yaml(file, "FILE"))
    answer = check(fields, _day(on))
    if as_json:
        _print_json(eligibility_json(answer))
        return
    subject = f" ({answer.subject})" if answer.subject else ""
    typer.echo(f"{answer.kind}{subject} on {answer.on.isoformat()}: eligible: "
               f"{'yes' if answer.eligible else 'no'}")
    for item in answer.checks:
        mark = "ok  " if item.passed else "FAIL"
        flag = " (UNVERIFIED)" if item.unverified else ""
        typer.echo(f"  {mark} {item.requirement}{flag} — got {plain(item.got)}; "
                   f"{item.key}: {item.article}")


@eligibility_app.command("candidate")
def eligibility_candidate(
    file: Path = typer.Argument(..., help="YAML file describing the candidate."),
    on: str | None = typer.Option(None, "--on", help="Election date YYYY-MM-DD."),
    as_json: bool = JSON_OPTION,
) -> None:
    """May this person run for President on that date?"""
    _eligibility(lambda fields, day: candidate(parse_candidate(fields), day), file, on, as_json)


@eligibility_app.command("deputy")
def eligibility_deputy(
    file: Path = typer.Argument(..., help="YAML file describing the candidate deputy."),
    on: str | None = typer.Option(None, "--on", help="Election date YYYY-MM-DD."),
    as_json: bool = JSON_OPTION,
) -> None:
    """May this person stand for the Majilis, the Senate, the Kurultai or a maslikhat?"""
    _eligibility(lambda fields, day: deputy(parse_deputy(fields), day), file, on, as_json)


@eligibility_app.command("party")
def eligibility_party(
    file: Path = typer.Argument(..., help="YAML file describing the party (and its list)."),
    on: str | None = typer.Option(None, "--on", help="Date YYYY-MM-DD."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Could this party be registered (and its list accepted) on that date?"""
    _eligibility(lambda fields, day: party(parse_party(fields), day), file, on, as_json)


def _scenario(file: Path) -> Fields:
    return Fields(load_yaml(file, "SCENARIO"))


def cmd_legislate(
    scenario: Path = typer.Argument(..., help="Scenario YAML (see examples/scenarios/)."),
    runs: int = typer.Option(1000, "--runs", help="Monte Carlo runs when a voting model is given."),
    seed: int = typer.Option(1, "--seed", help="Random seed of the voting model."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Run a bill through the law-making procedure in force on the scenario's date."""
    request = parse_legislate(_scenario(scenario))
    with progress_bar("Monte Carlo runs", runs,
                      enabled=not as_json and request.model is not None) as step:
        result = legislate(request, runs, seed, progress=step)
    _emit(result, as_json)


def _procedure_command(run: Callable[[Fields], ProcedureResult], doc: str
                       ) -> Callable[[Path, bool], None]:
    def command(
        scenario: Path = typer.Argument(..., help="Scenario YAML (see examples/scenarios/)."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        _emit(run(_scenario(scenario)), as_json)

    command.__doc__ = doc
    return command


def register(app: typer.Typer) -> None:
    """Add ``institutions``, ``eligibility`` and the procedure commands."""
    app.add_typer(institutions_app, name="institutions")
    app.add_typer(eligibility_app, name="eligibility")
    app.command("legislate")(cmd_legislate)
    procedures: tuple[tuple[str, Callable[[Fields], ProcedureResult], str], ...] = (
        ("appoint", lambda f: appoint(parse_appoint(f)),
         "Appointments and consents (PM, Vice President, courts, Senate)."),
        ("no-confidence", lambda f: no_confidence(parse_no_confidence(f)),
         "No-confidence in the Government; a minister's dismissal on a chamber's request."),
        ("dissolve", lambda f: dissolve(parse_dissolve(f)),
         "Dissolution of the legislature, checked against the limits."),
        ("succession", lambda f: succession(parse_succession(f)),
         "Early end of the presidency: removal and succession."),
        ("referendum-initiative", lambda f: referendum_initiative(parse_referendum_initiative(f)),
         "Who may start a referendum, and what becomes of the proposal."),
    )
    for name, run, doc in procedures:
        app.command(name)(_procedure_command(run, doc))


__all__ = ["ProcedureResult", "register"]
