"""``kazpolity allocate``: seats from a CSV of votes, by a named method, explained.

Input FILE (or ``-`` for standard input) is CSV with the header ``party,votes`` and one row per
list. Two reserved rows may follow, which never win seats but feed the threshold base:
``__against_all__`` (votes "against all": counted by the ``lists-and-against-all`` and ``cast``
bases) and ``__invalid__`` (invalid ballots: counted by the ``cast`` base only).

Methods come from :data:`METHODS`, a registry of method id → function taking an
:class:`AllocateRequest`. The textbook methods of :mod:`kazpolity.elections.apportionment` are
registered here; a law-bound method (``kz-majilis``, the Kazakh rule in force ``--on`` a date)
is plugged in with :func:`register_method` by the module that implements it, so this face never
has to know the law. ``--on`` is passed through in the request; textbook methods refuse it,
since no date changes their arithmetic.

Exit codes: 0 with a result, 3 when a tie needs a drawing of lots (the JSON then has
``status: lot_required``; re-run with ``--lot`` naming the drawn lists), 2 on bad input.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import typer

from kazpolity.cli import exit_codes
from kazpolity.elections.apportionment import METHODS as TEXTBOOK_METHODS
from kazpolity.elections.apportionment import allocate, check_votes
from kazpolity.elections.explanation import Allocation
from kazpolity.elections.lots import LotRequired
from kazpolity.elections.threshold import (
    AT_THRESHOLD_RULES,
    THRESHOLD_BASES,
    BallotExtras,
    ThresholdRule,
    check_vote_count,
    parse_percent,
)
from kazpolity.errors import InputError
from kazpolity.law import parse_day

AGAINST_ALL_ROW = "__against_all__"
INVALID_ROW = "__invalid__"


@dataclass(frozen=True)
class AllocateRequest:
    """Everything the command was asked, validated; what a registered method receives."""

    votes: tuple[tuple[str, int], ...]
    seats: int
    method: str
    threshold: ThresholdRule | None
    extras: BallotExtras
    on: date | None = None
    tie_order: tuple[str, ...] | None = None
    lot: tuple[str, ...] | None = None


AllocateMethod = Callable[[AllocateRequest], Allocation | LotRequired]


def _textbook(request: AllocateRequest) -> Allocation | LotRequired:
    if request.on is not None:
        raise InputError(
            "--on",
            f"method {request.method!r} does not depend on a date; --on applies to law-bound "
            "methods such as kz-majilis",
        )
    return allocate(
        request.votes,
        request.seats,
        request.method,
        threshold=request.threshold,
        extras=request.extras,
        tie_order=request.tie_order,
        lot=request.lot,
    )


METHODS: dict[str, AllocateMethod] = dict.fromkeys(TEXTBOOK_METHODS, _textbook)
"""Method id → allocation function. Extend with :func:`register_method`."""


def register_method(method_id: str, function: AllocateMethod) -> None:
    """Make ``method_id`` available to ``kazpolity allocate --method``."""
    METHODS[method_id] = function


def read_votes_csv(text: str, source: str) -> tuple[tuple[tuple[str, int], ...], BallotExtras]:
    """Parse ``party,votes`` CSV text into list votes and the reserved extra rows."""
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        raise InputError(source, "is empty; expected a header 'party,votes' and one row per list")
    header = [cell.strip().lower() for cell in rows[0]]
    if header != ["party", "votes"]:
        raise InputError(source, f"line 1: the header must be 'party,votes', got {rows[0]!r}")
    votes: list[tuple[str, int]] = []
    extras: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != 2:
            raise InputError(
                source, f"line {line}: expected 2 columns (party,votes), got {len(row)}"
            )
        party, raw = row[0].strip(), row[1].strip()
        if not party:
            raise InputError(source, f"line {line}: the party name is empty")
        if not raw.lstrip("-").isdigit():
            raise InputError(
                f"votes[{party}]", f"line {line}: must be a whole number of votes, got {raw!r}"
            )
        count = check_vote_count(f"votes[{party}]", int(raw))
        if party in (AGAINST_ALL_ROW, INVALID_ROW):
            if party in extras:
                raise InputError(source, f"line {line}: {party} given twice")
            extras[party] = count
        else:
            votes.append((party, count))
    if not votes:
        raise InputError(source, "has no list rows under the header")
    checked = check_votes(votes)  # duplicate names, counts
    return tuple(checked.items()), BallotExtras(
        against_all=extras.get(AGAINST_ALL_ROW, 0), invalid=extras.get(INVALID_ROW, 0)
    )


def _read_source(file: str) -> str:
    if file == "-":
        return sys.stdin.read()
    path = Path(file)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("FILE", f"no such file: {file}") from None
    except IsADirectoryError:
        raise InputError("FILE", f"is a directory, not a CSV file: {file}") from None
    except UnicodeDecodeError:
        raise InputError("FILE", f"is not UTF-8 text: {file}") from None
    except OSError as err:
        raise InputError("FILE", f"cannot be read: {file}: {err.strerror}") from None


def _names(text: str | None, field: str) -> tuple[str, ...] | None:
    if text is None:
        return None
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if not names:
        raise InputError(field, "must name at least one list")
    return names


def allocate_command(
    file: str = typer.Argument(..., help="CSV 'party,votes' (or '-' for standard input)."),
    seats: int = typer.Option(..., "--seats", help="Seats to allocate (≥ 1)."),
    method: str = typer.Option(..., "--method", help="Method id, e.g. hare, dhondt."),
    threshold: str | None = typer.Option(None, "--threshold", help="Threshold in percent."),
    threshold_base: str | None = typer.Option(
        None, "--threshold-base", help="valid | lists-and-against-all | cast (default: valid)."
    ),
    at_threshold: str | None = typer.Option(
        None, "--at-threshold", help="pass | fail: a share exactly at the threshold."
    ),
    on: str | None = typer.Option(None, "--on", help="Date YYYY-MM-DD for law-bound methods."),
    tie_order: str | None = typer.Option(
        None, "--tie-order", help="Comma-separated priority order the law uses to break a tie."
    ),
    lot: str | None = typer.Option(
        None, "--lot", help="Comma-separated lists drawn by lot, in the order drawn."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Allocate seats from a CSV of votes and explain every step.

    Exit 3 (with status lot_required) when a tie decides a seat and no --lot settles it.
    """
    if method not in METHODS:
        raise InputError(
            "--method", f"unknown method {method!r}; choose one of {', '.join(sorted(METHODS))}"
        )
    if seats <= 0:
        raise InputError("--seats", f"must be at least 1, got {seats}")
    if threshold is None and (threshold_base is not None or at_threshold is not None):
        raise InputError("--threshold", "--threshold-base and --at-threshold need --threshold")
    if threshold_base is not None and threshold_base not in THRESHOLD_BASES:
        raise InputError("--threshold-base", f"must be one of {', '.join(THRESHOLD_BASES)}")
    if at_threshold is not None and at_threshold not in AT_THRESHOLD_RULES:
        raise InputError("--at-threshold", f"must be one of {', '.join(AT_THRESHOLD_RULES)}")
    rule = (
        ThresholdRule(
            parse_percent("--threshold", threshold),
            threshold_base or "valid",  # type: ignore[arg-type]  # checked above
            at_threshold or "pass",  # type: ignore[arg-type]  # checked above
        )
        if threshold is not None
        else None
    )
    day = parse_day(on, "--on") if on is not None else None
    votes, extras = read_votes_csv(_read_source(file), "FILE" if file == "-" else file)
    request = AllocateRequest(
        votes=votes,
        seats=seats,
        method=method,
        threshold=rule,
        extras=extras,
        on=day,
        tie_order=_names(tie_order, "--tie-order"),
        lot=_names(lot, "--lot"),
    )
    result = METHODS[method](request)
    if as_json:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        typer.echo(result.to_text())
    if isinstance(result, LotRequired):
        raise typer.Exit(exit_codes.LOT_REQUIRED)


def register(app: typer.Typer) -> None:
    """Add the ``allocate`` command to the root app."""
    app.command("allocate")(allocate_command)


def _kazakh_list_rule(request: AllocateRequest) -> Allocation | LotRequired:
    """``kz-majilis``: the list rule in force on ``--on`` (default today), with ``--seats``.

    A ``--threshold`` replaces the law's percentage (keeping its base); ``--tie-order`` is the
    lists' registration order, which the law uses to break equal remainders.
    """
    from datetime import date as _date

    from kazpolity.elections.kazakh_lists import allocate_list_seats, list_rules_at
    from kazpolity.elections.reproduce import list_chamber_on

    on = request.on or _date.today()
    rules = list_rules_at(on, list_chamber_on(on)).with_changes(
        seats=request.seats,
        threshold_percent=request.threshold.percent if request.threshold else None,
    )
    outcome = allocate_list_seats(
        dict(request.votes), rules, against_all=request.extras.against_all,
        invalid=request.extras.invalid, registration_order=request.tie_order, lot=request.lot)
    if outcome.lot is not None:
        import dataclasses

        return dataclasses.replace(outcome.lot, extra={
            **dict(outcome.lot.extra),
            "law_tie_break": "equal remainders go to the list registered earlier "
            f"({rules.citations.get('list_tie_break', 'Art. 97')}); give the registration "
            "order with --tie-order, or the drawn lot with --lot"})
    assert outcome.allocation is not None
    return outcome.allocation


register_method("kz-majilis", _kazakh_list_rule)
