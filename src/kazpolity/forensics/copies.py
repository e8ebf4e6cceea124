"""Observers' copies of precinct protocols against the official protocols.

Observers at a precinct receive a certified copy of the protocol when the count ends
(Constitutional Law of the Republic of Kazakhstan "On Elections" No. 2464, art. 20-1 on
observers and art. 43 on the count and its protocol; Russia: Federal Law No. 67-FZ, art. 30
p. 9 and art. 68 p. 29). A copy that differs from the protocol published later is the most
direct evidence an observer can bring: no model, two signed documents that disagree. This
module lines them up: per precinct and protocol line the official figure minus the copy,
largest first; a summary by region; copies of precincts the official file does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kazpolity.errors import InputError
from kazpolity.forensics.table import COUNT_ROLES, PrecinctTable


@dataclass(frozen=True)
class LineDifference:
    precinct: str
    region: str
    line: str
    official: int
    copy: int

    @property
    def difference(self) -> int:
        return self.official - self.copy

    def as_json(self) -> dict[str, object]:
        return {"precinct": self.precinct, "region": self.region, "line": self.line,
                "official": self.official, "copy": self.copy,
                "official_minus_copy": self.difference}


@dataclass(frozen=True)
class RegionSummary:
    region: str
    compared: int
    differing: int
    leader_difference: int  # sum of official - copy on the leader line

    def as_json(self) -> dict[str, object]:
        return {"region": self.region, "compared": self.compared, "differing": self.differing,
                "leader_official_minus_copy": self.leader_difference}


@dataclass(frozen=True)
class CopiesComparison:
    lines: tuple[str, ...]
    compared: int
    differing: int
    differences: tuple[LineDifference, ...]
    by_region: tuple[RegionSummary, ...]
    not_in_official: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "method": "observers' protocol copies against the official protocols",
            "statistic": "official minus copy, per precinct and protocol line",
            "null_model": "none: two documents of the same count should agree exactly",
            "assumptions": "the copies are the protocols signed at the precinct; a "
            "difference says the two disagree, not which one is right or why",
            "lines": list(self.lines), "compared": self.compared, "differing": self.differing,
            "n_differences": len(self.differences),
            "differences": [d.as_json() for d in self.differences],
            "by_region": [r.as_json() for r in self.by_region],
            "not_in_official": list(self.not_in_official),
        }


def _lines(table: PrecinctTable) -> dict[str, NDArray[np.int64]]:
    out = {role: getattr(table, role) for role in COUNT_ROLES if getattr(table, role) is not None}
    out.update({f"party:{k}": v for k, v in table.parties.items()})
    return out


def compare_copies(official: PrecinctTable, copies: PrecinctTable) -> CopiesComparison:
    """Every line both files carry, on every precinct both hold (linked by ``precinct``)."""
    if official.precinct is None or copies.precinct is None:
        raise InputError("precinct", "map the precinct id in both files (--map "
                         "precinct=COLUMN) to link copies to protocols")
    index = {str(p): i for i, p in enumerate(official.precinct)}
    ids = [str(p) for p in copies.precinct]
    if len(set(ids)) != len(ids):
        raise InputError("precinct", "a precinct appears twice among the copies")
    matched = [(j, index[p]) for j, p in enumerate(ids) if p in index]
    missing = tuple(p for p in ids if p not in index)
    if not matched:
        raise InputError("precinct", "no copy matches a precinct of the official file")
    mine, theirs = _lines(copies), _lines(official)
    lines = tuple(k for k in theirs if k in mine)
    cj = np.array([j for j, _ in matched], dtype=np.int64)
    oi = np.array([i for _, i in matched], dtype=np.int64)
    region = (official.region[oi] if official.region is not None else np.full(
        oi.size, "National", dtype=object)).astype(str)
    diffs: list[LineDifference] = []
    any_diff = np.zeros(oi.size, dtype=bool)
    for line in lines:
        off, cop = theirs[line][oi], mine[line][cj]
        bad = off != cop
        any_diff |= bad
        diffs += [LineDifference(ids[int(cj[k])], str(region[k]), line, int(off[k]),
                                 int(cop[k])) for k in np.flatnonzero(bad)]
    diffs.sort(key=lambda d: (-abs(d.difference), d.precinct, d.line))
    leader_diff = (theirs["leader"][oi] - mine["leader"][cj] if "leader" in lines
                   else np.zeros(oi.size, dtype=np.int64))
    summary = tuple(
        RegionSummary(name, int((region == name).sum()), int(any_diff[region == name].sum()),
                      int(leader_diff[region == name].sum()))
        for name in sorted(set(region)))
    return CopiesComparison(lines, int(oi.size), int(any_diff.sum()), tuple(diffs), summary,
                            missing)
