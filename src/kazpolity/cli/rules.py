"""``kazpolity rules``: the rulebook on a date, changes between two dates, one rule explained."""

from __future__ import annotations

import json
from datetime import date

import typer
from rich.console import Console
from rich.table import Table

from kazpolity.errors import InputError
from kazpolity.law import Change, Rule, Rulebook, changes_between, laws, parse_day, rules_at
from kazpolity.law.model import display_value

rules_app = typer.Typer(help="The dated law: rules in force on a date, changes, explanations.",
                        no_args_is_help=True)


def _day(text: str | None, field: str) -> date:
    return date.today() if text is None else parse_day(text, field)


def _print_json(payload: object) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _source_cell(rule: Rule) -> str:
    return f"{rule.source.act_id or rule.source.act}, {rule.source.article}"


def _interval(rule: Rule) -> str:
    until = rule.valid_until.isoformat() if rule.valid_until else "…"
    return f"{rule.valid_from.isoformat()} → {until}"


def render_rulebook(book: Rulebook, console: Console) -> None:
    """The rulebook as one table per body; bodies that do not exist are listed at the end."""
    from kazpolity.cli.app import current_lang
    from kazpolity.names import name_of
    from kazpolity.names.labels import label

    lang = current_lang()
    console.print(f"[bold]Rules in force on {book.on.isoformat()}[/bold]")
    absent = []
    for body, rules in book.bodies.items():
        if rules is None:
            absent.append(body)
            continue
        title = name_of("bodies", body, lang, book.titles[body])
        table = Table(title=f"{title} ({body})", title_justify="left",
                      show_lines=False, expand=False)
        table.add_column("rule", no_wrap=True)
        if lang != "en":
            table.add_column("title", overflow="fold")
        table.add_column("value", overflow="fold")
        table.add_column("in force", no_wrap=True)
        table.add_column("source", overflow="fold")
        for name, rule in rules.items():
            value = display_value(rule.value)
            if rule.unverified:
                value += " [yellow](unverified)[/yellow]"
            title_cells = [label("rule_titles", rule.key, lang)] if lang != "en" else []
            table.add_row(name, *title_cells, value, _interval(rule), _source_cell(rule))
        console.print(table)
    if absent:
        console.print("Not in existence on this date: " + ", ".join(absent))


def wide_console() -> Console:
    """A console at least 140 columns wide when output is not a terminal (files, pipes)."""
    console = Console()
    return console if console.is_terminal else Console(width=160)


def _change_line(change: Change) -> str:
    before = display_value(change.before.value) if change.before else "(none)"
    after = display_value(change.after.value) if change.after else "(none)"
    cited = change.after or change.before
    source = f" — {cited.source.act}, {cited.source.article}" if cited else ""
    return f"{change.on.isoformat()}  {change.key}: {before} → {after}{source}"


@rules_app.command("show")
def show(
    on: str | None = typer.Option(None, "--on", help="Date YYYY-MM-DD (default: today)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Print every rule in force on a date, each with its interval and source."""
    book = rules_at(_day(on, "--on"))
    if as_json:
        _print_json(book.to_json())
        return
    render_rulebook(book, wide_console())


def value_changed(change: Change) -> bool:
    """A change of value, or a body's rule appearing or disappearing — not a change of
    source, article or verification status alone."""
    return change.before is None or change.after is None or (
        change.before.value != change.after.value)


def _selected(change: Change, body: str | None, prefix: str | None) -> bool:
    if body is not None and change.key.split(".", 1)[0] != body:
        return False
    return prefix is None or change.key.startswith(prefix)


@rules_app.command("diff")
def diff(
    first: str = typer.Argument(..., help="From date YYYY-MM-DD."),
    second: str = typer.Argument(..., help="To date YYYY-MM-DD."),
    body: str | None = typer.Option(None, "--body", help="Only this body's rules, e.g. "
                                    "majilis."),
    prefix: str | None = typer.Option(None, "--key", help="Only keys starting with this, "
                                      "e.g. majilis.threshold."),
    every: bool = typer.Option(False, "--all", help="Also changes of source or verification "
                               "status whose value stayed the same."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Show every rule whose value changed between two dates, in order, with its source."""
    start, end = parse_day(first, "D1"), parse_day(second, "D2")
    if body is not None and body not in laws().bodies:
        raise InputError("--body", f"unknown body {body!r} (known: "
                                   f"{', '.join(sorted(laws().bodies))})")
    changes = [change for change in changes_between(start, end)
               if _selected(change, body, prefix) and (every or value_changed(change))]
    if as_json:
        _print_json({"from": min(start, end).isoformat(), "to": max(start, end).isoformat(),
                     "changes": [{**change.to_json(), "value_changed": value_changed(change)}
                                 for change in changes]})
        return
    kind = "changes" if every else "changes of value"
    typer.echo(f"{len(changes)} {kind} between {min(start, end)} and {max(start, end)}")
    for change in changes:
        typer.echo(_change_line(change) + ("" if value_changed(change) else "  (source only)"))


@rules_app.command("explain")
def explain(
    key: str = typer.Argument(..., help="Dotted key, e.g. majilis.threshold_percent."),
    on: str | None = typer.Option(None, "--on", help="Date YYYY-MM-DD (default: today)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Show one rule on a date: value, interval, source, and its whole history."""
    parameter = laws().parameter(key)
    rule = rules_at(_day(on, "--on")).leaf(key)
    if as_json:
        _print_json({"key": key, "description": parameter.description, "unit": parameter.unit,
                     **rule.to_json(),
                     "history": [item.to_json() for item in parameter.timeline]})
        return
    typer.echo(f"{key}: {parameter.description}")
    typer.echo(f"  value:    {display_value(rule.value)} ({parameter.unit})"
               + ("  [UNVERIFIED]" if rule.unverified else ""))
    typer.echo(f"  in force: {_interval(rule)}")
    typer.echo(f"  source:   {rule.source}")
    if rule.note:
        typer.echo(f"  note:     {rule.note}")
    typer.echo("  history:")
    for item in parameter.timeline:
        flag = " [UNVERIFIED]" if item.unverified else ""
        typer.echo(f"    {_interval(item)}: {display_value(item.value)}{flag} "
                   f"({item.source.act}, {item.source.article})")


@rules_app.command("unverified")
def unverified(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List every value no source confirmed, across all dates, with its note."""
    rows = [rule for body in laws().bodies.values() for parameter in body.parameters.values()
            for rule in parameter.timeline if rule.unverified]
    if as_json:
        _print_json([{"key": rule.key, **rule.to_json()} for rule in rows])
        return
    typer.echo(f"{len(rows)} unverified values")
    for rule in rows:
        typer.echo(f"{rule.key} [{_interval(rule)}] = {display_value(rule.value)}: {rule.note}")


def register(app: typer.Typer) -> None:
    """Add the ``rules`` sub-app."""
    app.add_typer(rules_app, name="rules")
