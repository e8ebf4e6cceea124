"""Elections: exact seat allocation, thresholds, lots, disproportionality indices.

The public API other modules build on (the Kazakh rules wrap these, never re-implement them):

* :func:`allocate` — the exact engine (``int``/``Fraction``) returning an :class:`Allocation`
  or a :class:`LotRequired`;
* :class:`ThresholdRule`, :class:`BallotExtras`, :func:`judge_threshold` — thresholds with an
  explicit base and rule at equality;
* :func:`settle_tie` — the law's tie order or a drawn lot;
* :class:`Step` — explanation steps as records, rendered by :mod:`kazpolity.presentation.steps`;
* :mod:`kazpolity.elections.methods` — the registry of every method (textbook and law-bound);
* :mod:`kazpolity.elections.batch` — the vectorised engine for simulations (imports numpy,
  so it is not imported here);
* :mod:`kazpolity.elections.indices` — Gallagher, Loosemore–Hanby, Sainte-Laguë index, ENP.
"""

from kazpolity.elections.apportionment import allocate, check_votes
from kazpolity.elections.explanation import Allocation, PartyOutcome, SeatAward
from kazpolity.elections.lots import LotRequired, TieSettlement, settle_tie
from kazpolity.elections.method_rules import (
    DIVISOR_METHODS,
    DIVISOR_RULES,
    METHODS,
    QUOTA_METHODS,
    QUOTA_RULES,
    DivisorRule,
    QuotaRule,
    quota_for,
)
from kazpolity.elections.steps import Step, StepKind
from kazpolity.elections.threshold import (
    AtThreshold,
    BallotExtras,
    ThresholdBase,
    ThresholdRule,
    ThresholdVerdict,
    judge_lists,
    judge_threshold,
    parse_percent,
    threshold_base_votes,
)

__all__ = [
    "DIVISOR_METHODS",
    "DIVISOR_RULES",
    "METHODS",
    "QUOTA_METHODS",
    "QUOTA_RULES",
    "Allocation",
    "AtThreshold",
    "BallotExtras",
    "DivisorRule",
    "LotRequired",
    "PartyOutcome",
    "QuotaRule",
    "SeatAward",
    "Step",
    "StepKind",
    "ThresholdBase",
    "ThresholdRule",
    "ThresholdVerdict",
    "TieSettlement",
    "allocate",
    "check_votes",
    "judge_lists",
    "judge_threshold",
    "parse_percent",
    "quota_for",
    "settle_tie",
    "threshold_base_votes",
]
