"""One administered election: its type, date, test/live mode, ballot and commissions."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from kazpolity.administration.canonical import canonical_hash
from kazpolity.administration.forms import ProtocolForm, form_for
from kazpolity.administration.hierarchy import Hierarchy
from kazpolity.errors import InputError

MODES: Final = frozenset({"test", "live"})
ID_PATTERN: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def check_id(value: str, field: str) -> str:
    if not ID_PATTERN.match(value):
        raise InputError(field, f"{value!r} must be 1-64 letters, digits, '.', '_' or '-'")
    return value


@dataclass(frozen=True, slots=True)
class BallotOption:
    """A party list or candidate on the ballot, in registration order."""

    id: str
    name: str


@dataclass(frozen=True)
class ElectionDefinition:
    id: str
    election_type: str
    on: date
    mode: str
    """``test`` or ``live``: every submission must state the same mode."""
    options: tuple[BallotOption, ...]
    against_all: bool
    hierarchy: Hierarchy

    def __post_init__(self) -> None:
        check_id(self.id, "election_id")
        if self.mode not in MODES:
            raise InputError("mode", f"must be one of {sorted(MODES)}, got {self.mode!r}")
        for cid in self.hierarchy.commissions:
            check_id(cid, "commission_id")

    @functools.cached_property
    def form(self) -> ProtocolForm:
        return form_for(
            self.election_type, self.on, [o.id for o in self.options],
            against_all=self.against_all,
        )

    @property
    def registration_order(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def to_json(self) -> dict[str, Any]:
        """The election without its commissions (stored in ``elections.definition``).

        This is the data format itself (its canonical JSON is hashed into the definition
        hash), not a face's JSON (docs/architecture.md, "Wire formats")."""
        return {
            "id": self.id,
            "election_type": self.election_type,
            "date": self.on.isoformat(),
            "mode": self.mode,
            "options": [{"id": o.id, "name": o.name} for o in self.options],
            "against_all": self.against_all,
            "levels": list(self.hierarchy.levels),
        }

    def definition_hash(self) -> str:
        """Hash of the election and every commission with its register and members."""
        return definition_hash(
            self.to_json(),
            [self.hierarchy.commissions[cid].to_json() for cid in self.hierarchy.order],
            checked=False,
        )


def definition_hash(election: dict[str, Any], commissions: list[dict[str, Any]], *,
                    checked: bool = True) -> str:
    """``checked=False`` for a definition built from typed records (no floats possible)."""
    return canonical_hash({"election": election, "commissions": commissions},
                          checked=checked)
