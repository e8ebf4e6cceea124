"""Tabulation consistency: protocol arithmetic and children-sum-to-parent checks.

Every finding is a named residual (``field`` and ``reported - expected``) with the rule it
breaks, never a verdict: a residual says two published numbers disagree, not why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kazpolity.errors import InputError
from kazpolity.forensics.table import PrecinctTable


@dataclass(frozen=True)
class Residual:
    unit: str  # precinct or parent label
    field: str
    reported: int
    expected: int
    rule: str

    @property
    def residual(self) -> int:
        return self.reported - self.expected

    def as_json(self) -> dict[str, object]:
        return {"unit": self.unit, "field": self.field, "reported": self.reported,
                "expected": self.expected, "residual": self.residual, "rule": self.rule}


def protocol_residuals(table: PrecinctTable) -> list[Residual]:
    """Per-precinct arithmetic: ballots <= issued, valid + invalid = ballots, leader <= valid,
    and, when party columns are given, their sum <= valid."""
    out: list[Residual] = []

    def add(mask: NDArray[np.bool_], field: str, rep: NDArray[np.int64],
            exp: NDArray[np.int64], rule: str) -> None:
        for i in np.flatnonzero(mask):
            out.append(Residual(table.row_label(int(i)), field, int(rep[i]), int(exp[i]), rule))

    if table.ballots is not None and table.issued is not None:
        add(table.ballots > table.issued, "ballots", table.ballots, table.issued,
            "ballots found in the boxes must not exceed ballots issued")
    if table.valid is not None and table.invalid is not None and table.ballots is not None:
        s = table.valid + table.invalid
        add(s != table.ballots, "valid+invalid", s, table.ballots,
            "valid plus invalid ballots must equal ballots in the boxes")
    if table.leader is not None and table.valid is not None:
        add(table.leader > table.valid, "leader", table.leader, table.valid,
            "leader votes must not exceed valid ballots")
    if table.parties and table.valid is not None:
        s = np.sum(np.stack(list(table.parties.values())), axis=0)
        add(s > table.valid, "sum(parties)", s, table.valid,
            "party votes must not exceed valid ballots")
    return out


@dataclass(frozen=True)
class ParentTotals:
    """Totals reported by the level above (e.g. territorial commissions)."""

    names: NDArray[np.object_]
    fields: Mapping[str, NDArray[np.int64]]


def children_vs_parents(
    table: PrecinctTable, level: str, parents: ParentTotals
) -> list[Residual]:
    """For each parent and field, the parent's reported total minus the sum of its children
    (the precincts whose ``level`` label equals the parent's name)."""
    labels = getattr(table, level, None) if level in ("region", "commission", "channel") else None
    if labels is None:
        raise InputError(level, "children-vs-parent needs this label role mapped")
    out: list[Residual] = []
    child_names = labels.astype(str)
    for field, reported in parents.fields.items():
        child = _child_field(table, field)
        for j, name in enumerate(parents.names):
            expected = int(child[child_names == str(name)].sum())
            if int(reported[j]) != expected:
                out.append(Residual(str(name), field, int(reported[j]), expected,
                                    f"{level} total must equal the sum of its precincts"))
    known = {str(n) for n in parents.names}
    for orphan in sorted(set(child_names) - known):
        out.append(Residual(orphan, level, 0, int((child_names == orphan).sum()),
                            "precincts whose parent reports no protocol"))
    return out


def _child_field(table: PrecinctTable, field: str) -> NDArray[np.int64]:
    if field in table.parties:
        return table.parties[field]
    value = getattr(table, field, None) if field in (
        "registered", "issued", "ballots", "valid", "invalid", "leader") else None
    if value is None:
        raise InputError(field, "parent field has no matching precinct column")
    return np.asarray(value, dtype=np.int64)
