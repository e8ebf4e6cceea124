"""One statistic across many elections: the year-by-year series observers publish (Kobak,
Shpilkin & Pshenichnikov 2016, fig. 5, the integer-percent excess of Russian federal
elections 2000-2012). Each election is one ``PanelPoint``: the value and its reference range
(the null band for a test, the range over analyst choices for an estimate)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from kazpolity.errors import InputError
from kazpolity.forensics.flags import corner_count
from kazpolity.forensics.integer_percent import integer_percent_test
from kazpolity.forensics.shpilkin import shpilkin_estimate
from kazpolity.forensics.table import PrecinctTable


@dataclass(frozen=True)
class PanelPoint:
    label: str
    value: float
    low: float
    high: float
    n_precincts: int

    def as_json(self) -> dict[str, object]:
        return {"label": self.label, "value": self.value, "reference_low": self.low,
                "reference_high": self.high, "n_precincts": self.n_precincts}


def _integer(table: PrecinctTable) -> tuple[float, float, float]:
    r = integer_percent_test(table, 200, 0)
    return r.excess_any, r.band_999[0], r.band_999[1]


def _turnout(table: PrecinctTable) -> tuple[float, float, float]:
    v = float(table.voters().sum() / max(int(table.registered.sum()), 1))
    return v, v, v


def _share(table: PrecinctTable) -> tuple[float, float, float]:
    v = float(table.leader_votes().sum() / max(int(table.cast().sum()), 1))
    return v, v, v


def _shpilkin(table: PrecinctTable) -> tuple[float, float, float]:
    s = shpilkin_estimate(table)
    total = max(s.official_leader, 1)
    return s.central / total, s.low / total, s.high / total


def _corner(table: PrecinctTable) -> tuple[float, float, float]:
    v = float(corner_count(table)) / len(table)
    return v, v, v


STATISTICS: dict[str, tuple[str, Callable[[PrecinctTable], tuple[float, float, float]]]] = {
    "integer-excess": ("integer-percent excess, precincts (band: the null's central 99.9%)",
                       _integer),
    "turnout": ("national turnout", _turnout),
    "leader-share": ("leader's national share of ballots cast", _share),
    "shpilkin": ("anomalous share of the leader's votes, clean-peak estimate (range over "
                 "bin widths and windows)", _shpilkin),
    "corner": ("share of precincts at >= 99% turnout and leader share", _corner),
}


def panel(tables: list[PrecinctTable], labels: list[str], statistic: str) -> list[PanelPoint]:
    """``statistic`` (a key of ``STATISTICS``) for each election, in the order given."""
    if statistic not in STATISTICS:
        raise InputError("--statistic", f"unknown statistic {statistic!r} (known: "
                         f"{', '.join(STATISTICS)})")
    if len(labels) != len(tables):
        raise InputError("--label", f"give one label per file ({len(tables)} files, "
                         f"{len(labels)} labels)")
    run = STATISTICS[statistic][1]
    out = []
    for table, label in zip(tables, labels, strict=True):
        value, low, high = run(table)
        out.append(PanelPoint(label, float(value), float(low), float(high), len(table)))
    if not all(np.isfinite(p.value) for p in out):
        raise InputError("--statistic", "not defined for every election")
    return out
