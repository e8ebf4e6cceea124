"""``kazpolity rules``: the rulebook on a date, changes between two dates, one rule explained."""

from __future__ import annotations

import json
from datetime import date

import typer
from rich.console import Console
from rich.table import Table

from kazpolity.errors import InputError
from kazpolity.law import Change, Rule, Rulebook, changes_between, laws, parse_day, rules_at
from kazpolity.law.model import LeafValue, Parameter, display_value
from kazpolity.presentation.numbers import format_date
from kazpolity.presentation.rule_text import rule_title, rule_value, source_text
from kazpolity.presentation.words import word

rules_app = typer.Typer(help="The dated law: rules in force on a date, changes, explanations.",
                        no_args_is_help=True)


def _day(text: str | None, field: str) -> date:
    return date.today() if text is None else parse_day(text, field)


def _print_json(payload: object) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _source_cell(rule: Rule, lang: str = "en") -> str:
    if lang == "en":
        return f"{rule.source.act_id or rule.source.act}, {rule.source.article}"
    return source_text(rule.source, lang)


def _interval(rule: Rule) -> str:
    until = rule.valid_until.isoformat() if rule.valid_until else "…"
    return f"{rule.valid_from.isoformat()} → {until}"


def _value(value: LeafValue, lang: str) -> str:
    return display_value(value) if lang == "en" else rule_value(value, lang)


def render_rulebook(book: Rulebook, console: Console) -> None:
    """The rulebook as one table per body; bodies that do not exist are listed at the end."""
    from kazpolity.cli.app import current_lang
    from kazpolity.names import name_of
    from kazpolity.names.labels import label

    lang = current_lang()
    console.print(f"[bold]{word('Rules in force on', lang)} {format_date(book.on, lang)}[/bold]")
    absent = []
    for body, rules in book.bodies.items():
        if rules is None:
            absent.append(body)
            continue
        title = name_of("bodies", body, lang, book.titles[body])
        table = Table(title=f"{title} ({body})", title_justify="left",
                      show_lines=False, expand=False)
        table.add_column(word("rule", lang), no_wrap=True)
        if lang != "en":
            table.add_column(word("title", lang), overflow="fold")
        table.add_column(word("value", lang), overflow="fold")
        table.add_column(word("in force", lang), no_wrap=True)
        table.add_column(word("source", lang), overflow="fold")
        for name, rule in rules.items():
            value = _value(rule.value, lang)
            if rule.unverified:
                value += f" [yellow]({word('unverified', lang)})[/yellow]"
            title_cells = [label("rule_titles", rule.key, lang)] if lang != "en" else []
            table.add_row(name, *title_cells, value, _interval(rule), _source_cell(rule, lang))
        console.print(table)
    if absent:
        console.print(f"{word('Not in existence on this date', lang)}: " + ", ".join(
            name_of("bodies", body, lang, body) if lang != "en" else body for body in absent))


def wide_console() -> Console:
    """A console at least 140 columns wide when output is not a terminal (files, pipes)."""
    console = Console()
    return console if console.is_terminal else Console(width=160)


def _change_line(change: Change, lang: str = "en") -> str:
    before = _value(change.before.value, lang) if change.before else word("(none)", lang)
    after = _value(change.after.value, lang) if change.after else word("(none)", lang)
    cited = change.after or change.before
    source = f" — {source_text(cited.source, lang)}" if cited else ""
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
    from kazpolity.cli.app import current_lang

    lang = current_lang()
    heading = "{n} changes between {a} and {b}" if every else (
        "{n} changes of value between {a} and {b}")
    typer.echo(word(heading, lang).format(n=len(changes), a=format_date(min(start, end), lang),
                                          b=format_date(max(start, end), lang)))
    for change in changes:
        typer.echo(_change_line(change, lang) + (
            "" if value_changed(change) else f"  ({word('source only', lang)})"))


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
    from kazpolity.cli.app import current_lang

    lang = current_lang()
    if lang != "en":
        _explain_localised(key, parameter, rule, lang)
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


def _explain_localised(key: str, parameter: Parameter, rule: Rule, lang: str) -> None:
    """``explain`` in Kazakh or Russian: the title, value, interval and cited act and article
    in ``lang``; the rule's research note is English and shown with ``--lang en``."""
    flag = f"  [{word('unverified', lang)}]"
    unit = "%" if parameter.unit == "percent" else ""
    typer.echo(f"{key}: {rule_title(key, lang)}")
    typer.echo(f"  {word('value', lang)}: {_value(rule.value, lang)}{unit}"
               + (flag if rule.unverified else ""))
    typer.echo(f"  {word('in force', lang)}: {_interval(rule)}")
    typer.echo(f"  {word('source', lang)}: {source_text(rule.source, lang)}"
               + (f" <{rule.source.url}>" if rule.source.url else ""))
    typer.echo(f"  {word('history', lang)}:")
    for item in parameter.timeline:
        typer.echo(f"    {_interval(item)}: {_value(item.value, lang)}"
                   f"{flag if item.unverified else ''} ({source_text(item.source, lang)})")


@rules_app.command("unverified")
def unverified(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List every value no source confirmed, across all dates, with its note."""
    rows = [rule for body in laws().bodies.values() for parameter in body.parameters.values()
            for rule in parameter.timeline if rule.unverified]
    if as_json:
        _print_json([{"key": rule.key, **rule.to_json()} for rule in rows])
        return
    from kazpolity.cli.app import current_lang

    lang = current_lang()
    typer.echo(word("{n} unverified values", lang).format(n=len(rows)))
    for rule in rows:
        note = f": {rule.note}" if lang == "en" else f" — {rule_title(rule.key, lang)}"
        typer.echo(f"{rule.key} [{_interval(rule)}] = {_value(rule.value, lang)}{note}")


def register(app: typer.Typer) -> None:
    """Add the ``rules`` sub-app."""
    app.add_typer(rules_app, name="rules")
