"""The documented Python API: the law on a date, official results, re-runs and allocation.

    >>> from kazpolity import rules_at, official_election, rerun, allocate
    >>> rules_at("2023-03-19").int_("majilis.seats_list")
    69
    >>> result = rerun(official_election("majilis-2007"), "2012-01-15")
    >>> allocate({"A": 600, "B": 300, "C": 100}, 10, "dhondt").seats
    {'A': 6, 'B': 3, 'C': 1}

Dates are ``datetime.date`` values or ISO strings (``"2023-03-19"``); anything else is bad input
(:class:`kazpolity.errors.InputError`, naming the argument), never a bare ``TypeError``. Methods
are the registry's ids (:data:`kazpolity.elections.methods.METHODS`), the law-bound
``kz-majilis`` included. Explanation steps are records; :func:`render_step` writes one in
``"en"``, ``"kk"`` or ``"ru"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from fractions import Fraction

from kazpolity.elections.ballot_rows import BallotRow, split_reserved
from kazpolity.elections.explanation import Allocation
from kazpolity.elections.lots import LotRequired
from kazpolity.elections.methods import AllocateRequest, method_named
from kazpolity.elections.official import OfficialElection, official_elections
from kazpolity.elections.official import official_election as _official_election
from kazpolity.elections.reproduce import Rerun
from kazpolity.elections.reproduce import rerun as _rerun
from kazpolity.elections.threshold import (
    BallotExtras,
    ThresholdRule,
    parse_at_threshold,
    parse_percent,
    parse_threshold_base,
)
from kazpolity.errors import InputError
from kazpolity.law import Rulebook, parse_day
from kazpolity.law import rules_at as _rules_at
from kazpolity.presentation.steps import render_step

__all__ = ["allocate", "as_date", "official_election", "official_elections", "render_step",
           "rerun", "rules_at"]

Day = date | str


def as_date(value: object, field: str = "on") -> date:
    """``value`` as a date: a ``date`` (a ``datetime`` is cut to its day) or an ISO string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_day(value, field)
    raise InputError(field, f"must be a date or a YYYY-MM-DD string, got {value!r}")


def rules_at(on: Day) -> Rulebook:
    """The rulebook in force on ``on`` (a date or ``"YYYY-MM-DD"``)."""
    return _rules_at(as_date(on, "on"))


def official_election(election_id: str) -> OfficialElection:
    """One bundled official election or referendum, e.g. ``"majilis-2023"``."""
    if not isinstance(election_id, str):
        raise InputError("election_id", f"must be an id such as 'majilis-2023', got "
                                        f"{election_id!r}")
    return _official_election(election_id)


def rerun(election: OfficialElection | str, under: Day, *, method: str | None = None,
          threshold: Fraction | int | float | str | None = None,
          seats: int | None = None) -> Rerun:
    """An election's votes under the law in force on ``under``, optionally with another method,
    threshold (percent) or number of list seats."""
    chosen = official_election(election) if isinstance(election, str) else election
    percent = parse_percent("threshold", threshold) if threshold is not None else None
    if method is not None:
        method_named(method)
    return _rerun(chosen, as_date(under, "under"), method=method, threshold=percent,
                  seats=seats)


def allocate(votes: Mapping[str, int], seats: int, method: str, *,
             threshold: Fraction | int | float | str | None = None,
             threshold_base: str = "valid", at_threshold: str = "pass",
             against_all: int = 0, invalid: int = 0, on: Day | None = None,
             tie_order: Sequence[str] | None = None,
             lot: Sequence[str] | None = None) -> Allocation | LotRequired:
    """Seats for ``votes`` by a registered method, with its full explanation.

    Rows named like "Against all" / "против всех" / "барлығына қарсы" or "Invalid" are
    recognised (:mod:`kazpolity.elections.ballot_rows`) and never win seats.
    ``threshold`` is a percentage of ``threshold_base`` (``valid``, ``lists-and-against-all``
    or ``cast``); ``against_all`` and ``invalid`` ballots count toward that base and never win
    seats; ``on`` is the date for law-bound methods (``kz-majilis``). Returns
    :class:`~kazpolity.elections.explanation.Allocation` or, when a tie decides a seat and no
    ``tie_order``/``lot`` settles it, :class:`~kazpolity.elections.lots.LotRequired`.
    """
    chosen = method_named(method)
    lists, reserved = split_reserved(votes)
    rule = (ThresholdRule(parse_percent("threshold", threshold),
                          parse_threshold_base(threshold_base),
                          parse_at_threshold(at_threshold))
            if threshold is not None else None)
    request = AllocateRequest(
        votes=tuple(lists.items()), seats=seats, method=method, threshold=rule,
        extras=BallotExtras(against_all=against_all + reserved.get(BallotRow.AGAINST_ALL, 0),
                            invalid=invalid + reserved.get(BallotRow.INVALID, 0)),
        on=as_date(on) if on is not None else None,
        tie_order=tuple(tie_order) if tie_order is not None else None,
        lot=tuple(lot) if lot is not None else None)
    return chosen.function(request)
