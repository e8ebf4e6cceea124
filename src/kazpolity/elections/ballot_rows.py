"""Rows of a result that are not lists: votes "against all" and invalid ballots.

They never win a seat; they only count toward a threshold base (against-all in the
``lists-and-against-all`` and ``cast`` bases, invalid ballots in ``cast``). Kazakh ballots have
carried an "against all" line in some eras (the Majilis list ballot of 2023 among them, as the
bundled official results show), so a user's file may name that row in any of the three
languages. A row is recognised by its name after case, spacing, hyphens and underscores are
normalised.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class BallotRow(StrEnum):
    """A reserved row: what it counts toward, never a seat."""

    AGAINST_ALL = "against_all"
    INVALID = "invalid"


RESERVED_NAMES: dict[BallotRow, tuple[str, ...]] = {
    BallotRow.AGAINST_ALL: (
        "__against_all__", "against all", "against all (party list ballot)", "против всех",
        "барлығына қарсы", "баршасына қарсы",
    ),
    BallotRow.INVALID: (
        "__invalid__", "invalid", "invalid ballots", "недействительные",
        "недействительные бюллетени", "жарамсыз", "жарамсыз бюллетеньдер",
    ),
}
"""The names each reserved row is recognised by (documented in ``kazpolity allocate --help``)."""


def _normal(name: str) -> str:
    return " ".join(name.replace("_", " ").replace("-", " ").casefold().split())


_BY_NAME: dict[str, BallotRow] = {
    _normal(name): row for row, names in RESERVED_NAMES.items() for name in names
}


def reserved_row(name: str) -> BallotRow | None:
    """The reserved row ``name`` denotes (``"Against all"``, ``"против всех"``, ``"барлығына
    қарсы"``, ``"__invalid__"`` …), or ``None`` for a list."""
    return _BY_NAME.get(_normal(name))


def split_reserved(votes: Mapping[str, int]) -> tuple[dict[str, int], dict[BallotRow, int]]:
    """Lists' votes apart from the reserved rows (summed per row if named twice)."""
    lists: dict[str, int] = {}
    reserved: dict[BallotRow, int] = {}
    for name, count in votes.items():
        row = reserved_row(name)
        if row is None:
            lists[name] = count
        else:
            reserved[row] = reserved.get(row, 0) + count
    return lists, reserved
