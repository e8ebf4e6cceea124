"""Published precinct files as they are: incomplete and inconsistent rows.

Real files have empty cells (precincts without data) and rows whose numbers break the
protocol's bounds (a negative count, more ballots than electors, party votes above valid
ballots). ``read_intake`` keeps them apart instead of refusing the whole file:

* a row with a missing value in a mapped column is *incomplete*: with ``skip_incomplete`` it
  is left out and counted (``skipped_incomplete``); without, the file is refused with the
  count and the flag to pass;
* a row breaking a bounds relation of ``consistency.RELATIONS`` is *inconsistent*: it is a
  consistency finding (``Intake.consistency``) and is left out of the model-based tests
  (``Intake.table``), which assume counts that could come from a real count; with
  ``strict`` the file is refused instead.

Arithmetic residuals that do not break a bound (ballots in the boxes above ballots issued,
valid + invalid not equal to ballots) are findings too, but the row stays in the tests: the
published analyses (Kobak et al. 2016) keep such rows, and the figures they print reproduce.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kazpolity.errors import InputError
from kazpolity.forensics.consistency import ConsistencyResult, check_protocols
from kazpolity.forensics.table import (
    FloatArray,
    PrecinctTable,
    whole_numbers,
)

SKIP_FLAG = "--skip-incomplete"
STRICT_FLAG = "--strict"


@dataclass(frozen=True)
class Intake:
    """One file read for forensics: the rows fit for the model-based tests, the consistency
    findings on every complete row, and what was left out."""

    table: PrecinctTable
    consistency: ConsistencyResult
    rows_read: int
    skipped_incomplete: int
    excluded_inconsistent: int
    complete: PrecinctTable | None = None  # every complete row, inconsistent ones included

    @property
    def checked_table(self) -> PrecinctTable:
        """The rows the consistency checks read: every complete row (``table`` plus the
        inconsistent rows left out of the model-based tests)."""
        return self.complete if self.complete is not None else self.table

    def as_json(self) -> dict[str, int]:
        return {"rows_read": self.rows_read, "skipped_incomplete": self.skipped_incomplete,
                "excluded_inconsistent": self.excluded_inconsistent,
                "rows_used": len(self.table)}

    def note(self) -> str:
        """One line for text output: what was read and left out."""
        return (f"Rows: {self.rows_read:,} read, {self.skipped_incomplete:,} skipped as "
                f"incomplete, {self.excluded_inconsistent:,} inconsistent (consistency "
                f"findings, left out of the model-based tests), {len(self.table):,} used.")


def intake_of_table(table: PrecinctTable) -> Intake:
    """An already validated table (e.g. from the administration store) as an intake."""
    return Intake(table, check_protocols(table), len(table), 0, 0)


def read_intake(
    counts: Mapping[str, FloatArray],
    labels: Mapping[str, NDArray[np.object_]],
    parties: Mapping[str, FloatArray],
    *,
    skip_incomplete: bool = False,
    strict: bool = False,
) -> Intake:
    """Split rows into incomplete, inconsistent and usable (see module docstring). Counts
    are float arrays with NaN for empty cells."""
    if "registered" not in counts:
        raise InputError("registered", "map the registered-voters column (--map registered=COL)")
    columns = {**counts, **{f"party:{k}": v for k, v in parties.items()}}
    floats = {role: whole_numbers(role, v) for role, v in columns.items()}
    n = floats["registered"].size
    missing = np.zeros(n, dtype=bool)
    first_role = ""
    for role, arr in floats.items():
        gap = ~np.isfinite(arr)
        if gap.any() and not first_role:
            first_role = role
        missing |= gap
    n_missing = int(missing.sum())
    if n_missing and not skip_incomplete:
        i = int(np.flatnonzero(missing)[0])
        raise InputError(first_role, f"{n_missing:,} row(s) have a missing value in a mapped "
                         f"column (first at row {i + 1}); pass {SKIP_FLAG} to leave them out")
    keep = ~missing
    if not keep.any():
        raise InputError(first_role or "registered", "no complete rows")
    raw = _unchecked_table(floats, labels, keep)
    found = check_protocols(raw)
    bad = found.unusable
    if strict and bad.any():
        first = next(r for r in found.residuals if r.rule in {
            c.relation.rule for c in found.checks if c.relation.bounds})
        raise InputError(first.field, f"{int(bad.sum()):,} row(s) break a protocol bound, "
                         f"e.g. {first.unit}: {first.rule} ({first.reported} vs "
                         f"{first.expected}); {STRICT_FLAG} refuses them")
    if bad.all():
        raise InputError("registered", "every row breaks a protocol bound (see consistency)")
    return Intake(raw.subset(~bad), found, n, n_missing, int(bad.sum()), raw)


def _unchecked_table(floats: Mapping[str, FloatArray], labels: Mapping[str, NDArray[np.object_]],
                     keep: NDArray[np.bool_]) -> PrecinctTable:
    """The complete rows as a table whose bounds are not yet checked (consistency reads it;
    only its usable subset reaches the methods)."""
    ints = {role: arr[keep].astype(np.int64) for role, arr in floats.items()}
    text = {role: np.asarray([str(x) for x in v], dtype=object)[keep]
            for role, v in labels.items()}
    for role, arr in text.items():
        if arr.size != int(keep.sum()):
            raise InputError(role, "has a different number of rows than registered")
    return PrecinctTable(
        registered=ints["registered"], received=ints.get("received"),
        issued=ints.get("issued"), ballots=ints.get("ballots"), valid=ints.get("valid"),
        invalid=ints.get("invalid"), leader=ints.get("leader"), region=text.get("region"),
        commission=text.get("commission"), channel=text.get("channel"),
        precinct=text.get("precinct"),
        parties={k.removeprefix("party:"): v for k, v in ints.items()
                 if k.startswith("party:")},
    )
