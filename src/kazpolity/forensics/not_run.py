"""Why a forensic method was not run on a table: a typed reason with its numbers.

A method that the table cannot feed (too few usable precincts, a label role not mapped, no
precinct passing the inclusion rules) raises :class:`MethodNotApplicable`; the report records
a :class:`NotRun` instead of failing, and each face renders the reason in its language from
these fields (the English sentence is kept for the JSON output and English text).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kazpolity.errors import InputError


class NotRunReason(StrEnum):
    """The reasons a method can be left out of a report."""

    TOO_FEW_PRECINCTS = "too-few-precincts"
    ROLE_NOT_MAPPED = "role-not-mapped"
    NO_PRECINCT_INCLUDED = "no-precinct-included"
    LEADER_EXCEEDS_BASE = "leader-exceeds-base"
    OTHER = "other"


class MethodNotApplicable(InputError):
    """The table cannot feed a method: bad input for that method alone, with its reason."""

    def __init__(self, field: str, message: str, reason: NotRunReason, *,
                 needed: int | None = None, found: int | None = None,
                 role: str | None = None) -> None:
        super().__init__(field, message)
        self.reason = reason
        self.needed = needed
        self.found = found
        self.role = role


@dataclass(frozen=True)
class NotRun:
    """A method left out: its id, the typed reason and its numbers, and the engine's English
    sentence (``field: message``)."""

    method: str
    reason: NotRunReason
    english: str
    needed: int | None = None
    found: int | None = None
    role: str | None = None

    @classmethod
    def of(cls, method: str, err: InputError) -> NotRun:
        """The record of ``err``; an error that carries no reason is ``OTHER``."""
        if isinstance(err, MethodNotApplicable):
            return cls(method, err.reason, str(err), err.needed, err.found, err.role)
        return cls(method, NotRunReason.OTHER, str(err))
