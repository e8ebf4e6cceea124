"""Precinct results as typed arrays: the value every forensic method reads.

A ``PrecinctTable`` holds one row per precinct (polling station, UIK) and one array per
*role*: ``registered`` (electors on the list), ``received`` (ballots the precinct commission
received), ``issued`` (ballots handed to voters),
``ballots`` (ballots found in the boxes, valid plus invalid), ``valid``, ``invalid``,
``leader`` (votes for the leading party or candidate), extra ``party:<label>`` counts, and
labels ``region``, ``commission``, ``channel`` (e.g. electronic vs paper) and ``precinct``.

Which file column plays which role is a ``ColumnMap`` (``role=COLUMN``; ``A+B`` sums
columns), so the same methods run on Russian CEC tables, the Albanian toolkit file, or a
synthetic election.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from kazpolity.errors import InputError

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
LabelArray = NDArray[np.object_]

COUNT_ROLES: tuple[str, ...] = (
    "registered", "received", "issued", "ballots", "valid", "invalid", "leader")
LABEL_ROLES: tuple[str, ...] = ("region", "commission", "channel", "precinct")
PARTY_PREFIX = "party:"
ROLES: tuple[str, ...] = COUNT_ROLES + LABEL_ROLES


def is_known_role(role: str) -> bool:
    """True for the fixed roles and for ``party:<label>`` roles."""
    return role in ROLES or (role.startswith(PARTY_PREFIX) and len(role) > len(PARTY_PREFIX))


@dataclass(frozen=True)
class ColumnMap:
    """Which file columns play which role; each role is the sum of one or more columns."""

    roles: Mapping[str, tuple[str, ...]]

    @staticmethod
    def parse(items: Sequence[str]) -> ColumnMap:
        """Parse ``role=COLUMN`` items; ``role=A+B+C`` sums columns. Column names may be
        any text (non-ASCII included); a column whose name itself contains ``+`` can be
        given as ``role==NAME`` (double ``=``: taken literally)."""
        roles: dict[str, tuple[str, ...]] = {}
        for item in items:
            if "=" not in item:
                raise InputError("map", f"{item!r} is not of the form role=COLUMN")
            role, _, rest = item.partition("=")
            role = role.strip()
            if not is_known_role(role):
                known = ", ".join((*ROLES, "party:<label>"))
                raise InputError("map", f"unknown role {role!r} (known roles: {known})")
            if rest.startswith("="):
                columns: tuple[str, ...] = (rest[1:],)
            else:
                columns = tuple(part.strip() for part in rest.split("+"))
            if not columns or any(not c for c in columns):
                raise InputError("map", f"role {role!r} names an empty column")
            if role in LABEL_ROLES and len(columns) > 1:
                raise InputError("map", f"label role {role!r} cannot sum columns")
            roles[role] = columns
        return ColumnMap(roles)

    def merged(self, defaults: Mapping[str, tuple[str, ...]]) -> ColumnMap:
        """This map with ``defaults`` filling roles it does not name."""
        out = dict(defaults)
        out.update(self.roles)
        return ColumnMap(out)


@dataclass(frozen=True)
class PrecinctTable:
    """One election's precinct results. Counts are non-negative int64 arrays of equal length;
    roles not supplied are ``None``. Build it with ``PrecinctTable.build`` (validates)."""

    registered: IntArray
    received: IntArray | None = None
    issued: IntArray | None = None
    ballots: IntArray | None = None
    valid: IntArray | None = None
    invalid: IntArray | None = None
    leader: IntArray | None = None
    region: LabelArray | None = None
    commission: LabelArray | None = None
    channel: LabelArray | None = None
    precinct: LabelArray | None = None
    parties: Mapping[str, IntArray] = field(default_factory=dict)

    @staticmethod
    def build(
        counts: Mapping[str, Sequence[int] | NDArray[np.generic]],
        labels: Mapping[str, Sequence[object] | NDArray[np.generic]] | None = None,
        parties: Mapping[str, Sequence[int] | NDArray[np.generic]] | None = None,
    ) -> PrecinctTable:
        """Validate and assemble. Rules: ``registered`` is required; every count is a finite
        non-negative whole number; ``issued`` and ``ballots`` never exceed ``registered``;
        all arrays have the same length (at least one precinct)."""
        for role in counts:
            if role not in COUNT_ROLES:
                raise InputError(role, "unknown count role")
        if "registered" not in counts:
            raise InputError("registered", "the registered-voters role is required")
        arrays = {role: _as_counts(role, values) for role, values in counts.items()}
        party_arrays = {
            f"{PARTY_PREFIX}{label}": _as_counts(f"{PARTY_PREFIX}{label}", values)
            for label, values in (parties or {}).items()
        }
        n = arrays["registered"].size
        if n == 0:
            raise InputError("registered", "no precincts (the table is empty)")
        label_arrays: dict[str, LabelArray] = {}
        for role, values in (labels or {}).items():
            if role not in LABEL_ROLES:
                raise InputError(role, "unknown label role")
            arr = np.asarray([str(v) for v in values], dtype=object)
            label_arrays[role] = arr
        for role, arr in {**arrays, **party_arrays, **label_arrays}.items():
            if arr.size != n:
                raise InputError(role, f"has {arr.size} rows, registered has {n}")
        reg = arrays["registered"]
        for role in ("issued", "ballots"):
            if role in arrays:
                over = np.flatnonzero(arrays[role] > reg)
                if over.size:
                    i = int(over[0])
                    raise InputError(
                        role,
                        f"exceeds registered in {over.size} precinct(s), first at row {i + 1} "
                        f"({int(arrays[role][i])} > {int(reg[i])})",
                    )
        return PrecinctTable(
            registered=reg,
            received=arrays.get("received"),
            issued=arrays.get("issued"),
            ballots=arrays.get("ballots"),
            valid=arrays.get("valid"),
            invalid=arrays.get("invalid"),
            leader=arrays.get("leader"),
            region=label_arrays.get("region"),
            commission=label_arrays.get("commission"),
            channel=label_arrays.get("channel"),
            precinct=label_arrays.get("precinct"),
            parties={k[len(PARTY_PREFIX) :]: v for k, v in party_arrays.items()},
        )

    def __len__(self) -> int:
        return int(self.registered.size)

    # -- derived quantities -------------------------------------------------------------
    def voters(self) -> IntArray:
        """Numerator of turnout: ballots issued if known, else ballots in the boxes."""
        if self.issued is not None:
            return self.issued
        if self.ballots is not None:
            return self.ballots
        if self.valid is not None:
            return self.valid + (self.invalid if self.invalid is not None else 0)
        raise InputError("issued", "turnout needs an issued, ballots or valid column")

    def cast(self) -> IntArray:
        """Denominator of vote shares: ballots in the boxes (valid + invalid) if known."""
        if self.ballots is not None:
            return self.ballots
        if self.valid is not None and self.invalid is not None:
            return self.valid + self.invalid
        if self.valid is not None:
            return self.valid
        if self.issued is not None:
            return self.issued
        raise InputError("ballots", "vote shares need a ballots, valid or issued column")

    def leader_votes(self) -> IntArray:
        if self.leader is None:
            raise InputError("leader", "this method needs the leader role (--map leader=COLUMN)")
        return self.leader

    def turnout(self) -> FloatArray:
        """Turnout as a fraction; NaN where nobody is registered."""
        with np.errstate(divide="ignore", invalid="ignore"):
            out = self.voters() / self.registered.astype(np.float64)
        return np.where(self.registered > 0, out, np.nan)

    def leader_share(self) -> FloatArray:
        """Leader's share of ballots cast; NaN where no ballot was cast."""
        cast = self.cast()
        with np.errstate(divide="ignore", invalid="ignore"):
            out = self.leader_votes() / cast.astype(np.float64)
        return np.where(cast > 0, out, np.nan)

    def strata(self, by: str | None) -> dict[str, NDArray[np.bool_]]:
        """Row masks per stratum of a label role (``None``: one national stratum)."""
        if by is None:
            return {"National": np.ones(len(self), dtype=bool)}
        labels = getattr(self, by, None) if by in LABEL_ROLES else None
        if labels is None:
            raise InputError(by, "stratifying needs this label role to be mapped")
        names = sorted({str(x) for x in labels})
        return {name: labels == name for name in names}

    def subset(self, mask: NDArray[np.bool_]) -> PrecinctTable:
        """The rows where ``mask`` is true (no re-validation needed)."""
        return PrecinctTable(
            registered=self.registered[mask],
            received=_cut_int(self.received, mask),
            issued=_cut_int(self.issued, mask),
            ballots=_cut_int(self.ballots, mask),
            valid=_cut_int(self.valid, mask),
            invalid=_cut_int(self.invalid, mask),
            leader=_cut_int(self.leader, mask),
            region=_cut_obj(self.region, mask),
            commission=_cut_obj(self.commission, mask),
            channel=_cut_obj(self.channel, mask),
            precinct=_cut_obj(self.precinct, mask),
            parties={k: v[mask] for k, v in self.parties.items()},
        )

    def row_label(self, i: int) -> str:
        """A human name for row ``i``: precinct id with its commission/region if known."""
        parts = [
            str(a[i])
            for a in (self.region, self.commission, self.precinct)
            if a is not None
        ]
        return " / ".join(parts) if parts else f"row {i + 1}"


def _cut_int(a: IntArray | None, mask: NDArray[np.bool_]) -> IntArray | None:
    return None if a is None else a[mask]


def _cut_obj(a: LabelArray | None, mask: NDArray[np.bool_]) -> LabelArray | None:
    return None if a is None else a[mask]


def _as_counts(role: str, values: Sequence[int] | NDArray[np.generic]) -> IntArray:
    farr = whole_numbers(role, values)
    bad = np.flatnonzero(~np.isfinite(farr))
    if bad.size:
        raise InputError(role, f"missing value in {bad.size} row(s), first at row {bad[0] + 1}")
    neg = np.flatnonzero(farr < 0)
    if neg.size:
        i = int(neg[0])
        raise InputError(role, f"negative count in {neg.size} row(s), first at row {i + 1}")
    return farr.astype(np.int64)


def whole_numbers(role: str, values: Sequence[int] | NDArray[np.generic]) -> FloatArray:
    """A count column as floats: NaN where missing; refuses text and fractions (a count
    with a fraction is a misread file, not an inconsistency)."""
    arr = np.asarray(values)
    if arr.ndim != 1:
        raise InputError(role, "must be a one-dimensional column of counts")
    if arr.size and not np.issubdtype(arr.dtype, np.number):
        raise InputError(role, f"must be numeric counts (found {arr.dtype} values)")
    farr: FloatArray = arr.astype(np.float64)
    fin = np.isfinite(farr)
    frac = np.flatnonzero(fin & (farr != np.floor(np.where(fin, farr, 0.0))))
    if frac.size:
        raise InputError(role, f"non-integer count at row {frac[0] + 1}")
    return farr
