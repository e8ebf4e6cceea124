"""An estimate sitting on an edge of its range: a typed note with its numbers.

A fitted parameter on a constraint or on an edge of its search grid is the constraint speaking,
not the data, and its Wald interval is not valid (Mebane et al.'s switching mixture; Klimek et
al. 2012). The engines keep their English sentence (``english``, shown in English text and
JSON); each face renders the note in its language from the other fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class BoundKind(StrEnum):
    """Which edge an estimate sits on."""

    SUM_AT_ONE = "sum-at-one"  # Klimek: f_i + f_e at 1
    GRID_EDGE = "grid-edge"  # Klimek: alpha or theta at an end of its grid
    SHARE_UPPER = "share-upper"  # switching: share of precincts at its cap
    SHARE_ZERO = "share-zero"  # switching: no switched component
    FRACTION_UPPER = "fraction-upper"  # switching: fraction of votes moved at its cap
    FRACTION_ZERO = "fraction-zero"  # switching: no votes moved


@dataclass(frozen=True)
class OnBound:
    """One estimate on an edge: the parameter's name, its value, the edge (or the grid)."""

    kind: BoundKind
    parameter: str
    value: float
    limit: float
    english: str
    grid: tuple[float, ...] = ()
