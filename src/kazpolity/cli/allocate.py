"""``kazpolity allocate``: seats from a CSV of votes, by a named method, explained.

Input FILE (or ``-`` for standard input) is CSV with the header ``party,votes`` and one row per
list. Rows for votes "against all" and for invalid ballots never win seats but feed the threshold
base; they are recognised by the names :data:`kazpolity.elections.ballot_rows.RESERVED_NAMES`
lists ("Against all", "против всех", "барлығына қарсы", ``__against_all__``; "Invalid",
"недействительные", "жарамсыз", ``__invalid__``).

Methods come from the registry :data:`kazpolity.elections.methods.METHODS` (textbook quota and
divisor methods, and the law-bound ``kz-majilis``). ``--on`` is passed through; textbook methods
refuse it, since no date changes their arithmetic.

Exit codes: 0 with a result, 3 when a tie needs a drawing of lots (the JSON then has
``status: lot_required``; re-run with ``--lot`` naming the drawn lists), 2 on bad input.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import typer

from kazpolity.cli import exit_codes
from kazpolity.elections.apportionment import check_votes
from kazpolity.elections.ballot_rows import BallotRow, reserved_row
from kazpolity.elections.lots import LotRequired
from kazpolity.elections.methods import METHODS, AllocateRequest, method_named
from kazpolity.elections.threshold import (
    AtThreshold,
    BallotExtras,
    ThresholdBase,
    ThresholdRule,
    check_vote_count,
    parse_at_threshold,
    parse_percent,
    parse_threshold_base,
)
from kazpolity.errors import InputError
from kazpolity.law import parse_day
from kazpolity.presentation.election_json import allocate_result_json
from kazpolity.presentation.election_text import allocate_result_text

__all__ = ["AllocateRequest", "read_votes_csv", "register"]


def read_votes_csv(text: str, source: str) -> tuple[tuple[tuple[str, int], ...], BallotExtras]:
    """Parse ``party,votes`` CSV text into list votes and the reserved extra rows."""
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if not rows:
        raise InputError(source, "is empty; expected a header 'party,votes' and one row per list")
    header = [cell.strip().lower() for cell in rows[0]]
    if header != ["party", "votes"]:
        raise InputError(source, f"line 1: the header must be 'party,votes', got {rows[0]!r}")
    votes: list[tuple[str, int]] = []
    extras: dict[BallotRow, int] = {}
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
        reserved = reserved_row(party)
        if reserved is not None:
            if reserved in extras:
                raise InputError(source, f"line {line}: a second {reserved.value} row ({party!r})")
            extras[reserved] = count
        else:
            votes.append((party, count))
    if not votes:
        raise InputError(source, "has no list rows under the header")
    checked = check_votes(votes)  # duplicate names, counts
    return tuple(checked.items()), BallotExtras(
        against_all=extras.get(BallotRow.AGAINST_ALL, 0), invalid=extras.get(BallotRow.INVALID, 0)
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


def _threshold_rule(threshold: str | None, threshold_base: str | None,
                    at_threshold: str | None) -> ThresholdRule | None:
    """The threshold the options describe (``None`` without ``--threshold``)."""
    if threshold is None:
        if threshold_base is not None or at_threshold is not None:
            raise InputError("--threshold",
                             "--threshold-base and --at-threshold need --threshold")
        return None
    base = (parse_threshold_base(threshold_base, "--threshold-base")
            if threshold_base is not None else ThresholdBase.VALID)
    at = (parse_at_threshold(at_threshold, "--at-threshold")
          if at_threshold is not None else AtThreshold.PASS)
    return ThresholdRule(parse_percent("--threshold", threshold), base, at)


def allocate_command(
    file: str = typer.Argument(..., help="CSV 'party,votes' (or '-' for standard input)."),
    seats: int = typer.Option(..., "--seats", help="Seats to allocate (≥ 1)."),
    method: str = typer.Option(..., "--method", help="Method id: " + ", ".join(METHODS) + "."),
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

    FILE is CSV 'party,votes'. These rows never win seats (see --threshold-base):

    against all: "Against all", "против всех", "барлығына қарсы", __against_all__

    invalid ballots: "Invalid", "недействительные", "жарамсыз", __invalid__

    Exit 3 (with status lot_required) when a tie decides a seat and no --lot settles it.
    """
    chosen = method_named(method, "--method")
    if seats <= 0:
        raise InputError("--seats", f"must be at least 1, got {seats}")
    rule = _threshold_rule(threshold, threshold_base, at_threshold)
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
    result = chosen.function(request)
    if as_json:
        typer.echo(json.dumps(allocate_result_json(result), ensure_ascii=False))
    else:
        from kazpolity.cli.app import current_lang

        typer.echo(allocate_result_text(result, current_lang()))
    if isinstance(result, LotRequired):
        raise typer.Exit(exit_codes.LOT_REQUIRED)


def register(app: typer.Typer) -> None:
    """Add the ``allocate`` command to the root app."""
    app.command("allocate")(allocate_command)
