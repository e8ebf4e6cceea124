"""Tabulation: every level's protocol is the sum of its children, with "reported k of N".

``tabulate`` is the exact, per-commission version used by the server and the verifier;
``tabulate_matrix`` does the same sums level by level over numpy arrays for bulk work
(10,000 to 1,000,000 precincts) and must agree with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kazpolity.administration.forms import ProtocolForm
from kazpolity.administration.hierarchy import PRECINCT, Hierarchy
from kazpolity.administration.protocol import Protocol


@dataclass(frozen=True, slots=True)
class Tally:
    """A commission's summed numbers and how many of its precincts are in them."""

    commission_id: str
    level: str
    values: tuple[int, ...]
    reported: int
    """k: precincts whose protocols are in the sum."""
    expected: int
    """N: precincts under this commission."""

    def to_json(self, form: ProtocolForm) -> dict[str, Any]:
        """A row of the published results document, whose canonical JSON is hashed into its
        ``content_hash`` (a wire format, not a face's JSON; docs/architecture.md)."""
        n = len(form.line_keys)
        return {
            "commission_id": self.commission_id,
            "level": self.level,
            "reported": self.reported,
            "expected": self.expected,
            "reported_text": f"reported {self.reported} of {self.expected}",
            "lines": dict(zip(form.line_keys, self.values[:n], strict=True)),
            "votes": dict(zip(form.options, self.values[n:], strict=True)),
        }


def add_values(rows: Sequence[Sequence[int]], width: int) -> tuple[int, ...]:
    """Column sums of ``rows`` (exact integers)."""
    if not rows:
        return (0,) * width
    total = tuple(map(sum, zip(*rows, strict=True)))
    if len(total) != width:
        raise ValueError(f"rows of {len(total)} values, the form has {width}")
    return total


def tabulate(
    hierarchy: Hierarchy, form: ProtocolForm, counted: Mapping[str, Protocol]
) -> dict[str, Tally]:
    """Sum the ``counted`` precinct protocols up through every level.

    A precinct missing from ``counted`` (not yet reported, returned or annulled) adds zeros
    and does not count towards k.
    """
    width = len(form.fields)
    zero = (0,) * width
    tallies: dict[str, Tally] = {}
    for cid in reversed(hierarchy.order):
        commission = hierarchy.commissions[cid]
        if commission.level == PRECINCT:
            protocol = counted.get(cid)
            tallies[cid] = Tally(
                cid, PRECINCT, protocol.values if protocol else zero, int(protocol is not None), 1
            )
            continue
        kids = [tallies[k] for k in hierarchy.children[cid]]
        tallies[cid] = Tally(
            cid,
            commission.level,
            add_values([k.values for k in kids], width),
            sum(k.reported for k in kids),
            sum(k.expected for k in kids),
        )
    return tallies


@dataclass(frozen=True)
class LevelSums:
    """One level's sums from ``tabulate_matrix``: a row per commission of that level."""

    values: npt.NDArray[np.int64]
    reported: npt.NDArray[np.int64]
    expected: npt.NDArray[np.int64]


def tabulate_matrix(
    leaves: npt.NDArray[np.int64],
    counted: npt.NDArray[np.bool_],
    parents: Sequence[npt.NDArray[np.intp]],
    sizes: Sequence[int],
) -> list[LevelSums]:
    """Sum precinct rows upwards: ``parents[k]`` maps each row of level k (0 = precincts)
    to its parent's row in level k+1, which has ``sizes[k]`` rows. Returns the precinct
    level first and the central level last."""
    values = np.where(counted[:, None], leaves, 0).astype(np.int64)
    reported = counted.astype(np.int64)
    expected = np.ones(leaves.shape[0], dtype=np.int64)
    out = [LevelSums(values, reported, expected)]
    for parent, size in zip(parents, sizes, strict=True):
        up_values = np.zeros((size, values.shape[1]), dtype=np.int64)
        np.add.at(up_values, parent, values)
        up_reported = np.bincount(parent, weights=reported, minlength=size).astype(np.int64)
        up_expected = np.bincount(parent, weights=expected, minlength=size).astype(np.int64)
        values, reported, expected = up_values, up_reported, up_expected
        out.append(LevelSums(values, reported, expected))
    return out
