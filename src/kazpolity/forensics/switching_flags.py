"""Per-precinct flags of the switched-votes mixture (``switching``): precincts whose
posterior probability of the switched component is high, listed only when the population
test rejects."""

from __future__ import annotations

import numpy as np

from kazpolity.errors import InputError
from kazpolity.forensics.flags import Flag, FlagFamily
from kazpolity.forensics.switching_result import SwitchingResult
from kazpolity.forensics.table import PrecinctTable


def switching_flags(
    table: PrecinctTable, result: SwitchingResult, threshold: float = 0.9, level: float = 0.05
) -> list[Flag]:
    """Precincts whose posterior probability of the switched component is at least
    ``threshold``, listed only when the LR test rejects at ``level`` (or was not run)."""
    if not 0.0 < threshold <= 1.0:
        raise InputError("threshold", f"must lie in (0, 1] (got {threshold})")
    if result.p_value is not None and result.p_value > level:
        return []
    share = table.leader_share()
    where = "region" if result.level == "region" else (
        "commission" if result.level == "commission" else "country")
    out: list[Flag] = []
    for i in np.flatnonzero(result.posterior >= threshold):
        out.append(Flag(
            table.row_label(int(i)), "switching",
            f"leader share {100 * share[i]:.1f}% unusually high for its {where} at its "
            f"turnout: posterior probability {result.posterior[i]:.2f} of the component in "
            f"which {100 * result.fraction:.0f}% of opposition votes went to the leader "
            f"(mixture fitted to all precincts; LR p = "
            f"{'n/a' if result.p_value is None else f'{result.p_value:.3f}'}); genuine "
            "local support looks the same in a single precinct"))
    return out


def switching_family(
    table: PrecinctTable, result: SwitchingResult, threshold: float = 0.9, level: float = 0.05
) -> FlagFamily:
    """The switching flags as a family: precincts at posterior >= ``threshold`` (a local
    false discovery rate <= 1 - threshold each, Efron 2001), listed only when the LR test
    rejects at ``level`` (none without a bootstrap); the expected number of wrongly flagged
    precincts among them is the sum of their posteriors of the clean component."""
    untested = result.p_value is None  # no bootstrap: no test, so no per-precinct flags
    flags = () if untested else tuple(switching_flags(table, result, threshold, level))
    high = result.posterior >= threshold
    wrong = float(np.nansum(np.where(high, 1.0 - result.posterior, 0.0)))
    return FlagFamily("switching", result.n_used, int(np.count_nonzero(high)), wrong,
                      f"posterior >= {threshold} under the fitted mixture (local false "
                      f"discovery rate <= {1 - threshold:.1f}), listed only if the LR test "
                      f"rejects at {level}; expected_by_chance = expected clean precincts "
                      "among those at the threshold", flags)
