"""Per-precinct flags with reasons. A flag marks a number worth a second look and says why;
many flags arise by chance (each states its chance probability where one is known)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kazpolity.forensics.consistency import protocol_residuals
from kazpolity.forensics.integer_percent import integer_flags
from kazpolity.forensics.table import PrecinctTable


@dataclass(frozen=True)
class Flag:
    unit: str
    code: str
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"unit": self.unit, "code": self.code, "reason": self.reason}


def precinct_flags(table: PrecinctTable) -> list[Flag]:
    out: list[Flag] = []
    has_leader = table.leader is not None
    turnout = table.turnout()
    if has_leader:
        t_int, l_int, prob = integer_flags(table)
        share = table.leader_share()
        for i in np.flatnonzero(t_int | l_int):
            what = []
            if t_int[i]:
                what.append(f"turnout {100 * turnout[i]:.2f}%")
            if l_int[i]:
                what.append(f"leader share {100 * share[i]:.2f}%")
            out.append(Flag(table.row_label(int(i)), "integer-percent",
                            f"{' and '.join(what)} within 0.05 points of a whole percent "
                            f"(chance probability under the binomial null {prob[i]:.3f})"))
        corner = (turnout >= 0.99) & (share >= 0.99)
        for i in np.flatnonzero(corner):
            out.append(Flag(table.row_label(int(i)), "corner",
                            f"turnout {100 * turnout[i]:.1f}% and leader share "
                            f"{100 * share[i]:.1f}% (the extreme corner of the fingerprint)"))
    for r in protocol_residuals(table):
        out.append(Flag(r.unit, "protocol", f"{r.field}: reported {r.reported}, expected "
                        f"{r.expected} (residual {r.residual:+d}); rule: {r.rule}"))
    return out
