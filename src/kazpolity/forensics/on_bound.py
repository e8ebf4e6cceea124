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


def klimek_bounds(f_i: float, f_e: float, alpha: float, theta: float,
              alphas: tuple[float, ...], thetas: tuple[float, ...]) -> tuple[OnBound, ...]:
    """Estimates on an edge: the grid's or the constraint f_i + f_e <= 1 (an estimate there
    says the model cannot place the data, not that the value is that edge)."""
    out = []
    if f_i + f_e >= 0.999:
        out.append(OnBound(BoundKind.SUM_AT_ONE, "f_i + f_e", f_i + f_e, 1.0,
                           "f_i + f_e at its bound 1"))
    if len(alphas) > 1 and alpha in (min(alphas), max(alphas)):
        out.append(OnBound(BoundKind.GRID_EDGE, "alpha", alpha, alpha,
                           f"alpha {alpha} at an edge of its grid {list(alphas)}", alphas))
    if len(thetas) > 1 and theta in (min(thetas), max(thetas)):
        out.append(OnBound(BoundKind.GRID_EDGE, "theta", theta, theta,
                           f"theta {theta} at an edge of its grid {list(thetas)}", thetas))
    return tuple(out)
