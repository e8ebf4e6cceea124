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


@dataclass(frozen=True)
class Relation:
    """One protocol relation: which roles it needs and the rule it states."""

    name: str
    needs: tuple[str, ...]
    rule: str
    bounds: bool  # True: a violation makes the row unusable for the model-based tests


RELATIONS: tuple[Relation, ...] = (
    Relation("counts >= 0", ("registered",), "counts must not be negative", True),
    Relation("issued <= registered", ("issued", "registered"),
             "ballots issued must not exceed electors on the list", True),
    Relation("ballots <= registered", ("ballots", "registered"),
             "ballots in the boxes must not exceed electors on the list", True),
    Relation("issued <= received", ("issued", "received"),
             "ballots issued must not exceed ballots the commission received", False),
    Relation("ballots <= issued", ("ballots", "issued"),
             "ballots found in the boxes must not exceed ballots issued", False),
    Relation("valid + invalid = ballots", ("valid", "invalid", "ballots"),
             "valid plus invalid ballots must equal ballots in the boxes", False),
    Relation("leader <= valid", ("leader", "valid|ballots"),
             "leader votes must not exceed valid ballots (ballots in the boxes if no valid "
             "column)", True),
    Relation("sum(parties) <= valid", ("party:*", "valid|ballots"),
             "party votes together must not exceed valid ballots (ballots in the boxes if no "
             "valid column)", True),
)
"""The relations between the lines of a precinct protocol (Constitutional Law of the Republic
of Kazakhstan "On Elections" of 28 September 1995 No. 2464, art. 43, the count at the precinct
and its protocol, adilet.zan.kz/rus/docs/Z950002464_; the Russian protocol has the same
lines, Federal Law No. 67-FZ of 12 June 2002, art. 67-68)."""


@dataclass(frozen=True)
class CheckedRelation:
    """A relation with the number of precincts it was checked on and how many break it;
    ``checked == 0`` with ``missing`` naming the roles it would need."""

    relation: Relation
    checked: int
    violations: int
    missing: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"relation": self.relation.name, "rule": self.relation.rule,
                "checked": self.checked, "violations": self.violations,
                "needs": list(self.missing)}


@dataclass(frozen=True)
class ConsistencyResult:
    """Every relation tried (checked or not, and why not) and every residual found."""

    checks: tuple[CheckedRelation, ...]
    residuals: tuple[Residual, ...]
    unusable: NDArray[np.bool_]  # rows breaking a bounds relation

    @property
    def n_checked_relations(self) -> int:
        """Relations between two or more protocol lines that were checked (the sign check
        of single counts always runs and is not counted)."""
        return sum(1 for c in self.checks if c.checked and len(c.relation.needs) > 1)

    def as_json(self) -> dict[str, object]:
        return {"method": "tabulation consistency",
                "relations": [c.as_json() for c in self.checks],
                "relations_checked": self.n_checked_relations,
                "n_residuals": len(self.residuals),
                "residuals": [r.as_json() for r in self.residuals]}


def _sides(table: PrecinctTable, relation: Relation) -> tuple[
        NDArray[np.int64], NDArray[np.int64]] | tuple[str, ...]:
    """(reported, expected) arrays for a relation, or the roles it misses."""
    valid = table.valid if table.valid is not None else table.ballots
    name = relation.name
    pairs: dict[str, tuple[NDArray[np.int64] | None, NDArray[np.int64] | None]] = {
        "issued <= registered": (table.issued, table.registered),
        "ballots <= registered": (table.ballots, table.registered),
        "issued <= received": (table.issued, table.received),
        "ballots <= issued": (table.ballots, table.issued),
        "leader <= valid": (table.leader, valid),
    }
    if name in pairs:
        rep, exp = pairs[name]
    elif name == "valid + invalid = ballots":
        valid_votes, invalid_votes = table.valid, table.invalid
        rep = (valid_votes + invalid_votes
               if valid_votes is not None and invalid_votes is not None else None)
        exp = table.ballots
    else:  # sum(parties) <= valid
        rep = np.sum(np.stack(list(table.parties.values())), axis=0) if table.parties else None
        exp = valid
    if rep is None or exp is None:
        return tuple(r for r in relation.needs if not _has(table, r))
    return rep, exp


def _has(table: PrecinctTable, role: str) -> bool:
    if role == "party:*":
        return bool(table.parties)
    return any(getattr(table, r, None) is not None for r in role.split("|"))


def check_protocols(table: PrecinctTable) -> ConsistencyResult:
    """Every relation of ``RELATIONS`` the mapped roles allow, on every precinct; residuals
    sorted by size (largest first). ``table`` may hold rows that break the bounds (read
    with ``kazpolity.forensics.intake``)."""
    checks: list[CheckedRelation] = []
    out: list[Residual] = []
    unusable = np.zeros(len(table), dtype=bool)
    n = len(table)
    for relation in RELATIONS:
        if relation.name == "counts >= 0":
            bad = np.zeros(n, dtype=bool)
            for role, arr in _count_columns(table):
                neg = arr < 0
                bad |= neg
                out += [Residual(table.row_label(int(i)), role, int(arr[i]), 0, relation.rule)
                        for i in np.flatnonzero(neg)]
            checks.append(CheckedRelation(relation, n, int(bad.sum())))
            unusable |= bad
            continue
        sides = _sides(table, relation)
        if len(sides) != 2 or not isinstance(sides[0], np.ndarray):
            checks.append(CheckedRelation(relation, 0, 0, tuple(str(s) for s in sides)))
            continue
        rep, exp = sides[0], sides[1]
        assert isinstance(exp, np.ndarray)
        bad = rep != exp if "=" in relation.name and "<" not in relation.name else rep > exp
        field = relation.name.split(" ")[0]
        out += [Residual(table.row_label(int(i)), field, int(rep[i]), int(exp[i]), relation.rule)
                for i in np.flatnonzero(bad)]
        checks.append(CheckedRelation(relation, n, int(bad.sum())))
        if relation.bounds:
            unusable |= bad
    out.sort(key=lambda r: -abs(r.residual))
    return ConsistencyResult(tuple(checks), tuple(out), unusable)


def _count_columns(table: PrecinctTable) -> list[tuple[str, NDArray[np.int64]]]:
    roles = ("registered", "received", "issued", "ballots", "valid", "invalid", "leader")
    out = [(r, getattr(table, r)) for r in roles if getattr(table, r) is not None]
    return out + [(f"party:{k}", v) for k, v in table.parties.items()]


def protocol_residuals(table: PrecinctTable) -> list[Residual]:
    """The residuals of ``check_protocols`` (largest first)."""
    return list(check_protocols(table).residuals)


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
