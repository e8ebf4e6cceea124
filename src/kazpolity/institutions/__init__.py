"""State institutions by date: bodies, office-holders, procedures, eligibility (issue 5)."""

from kazpolity.institutions.bodies import SeatStatus, chamber_composition, institutions_on
from kazpolity.institutions.holders import holder_on
from kazpolity.institutions.majority import votes_needed
from kazpolity.institutions.procedure import ProcedureResult, ProcedureStatus, Step

__all__ = [
    "ProcedureResult",
    "ProcedureStatus",
    "SeatStatus",
    "Step",
    "chamber_composition",
    "holder_on",
    "institutions_on",
    "votes_needed",
]
