"""The switched-votes mixture's result record and its stated model (method, statistic, null
model, assumptions), apart from the fitting code in ``kazpolity.forensics.switching``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kazpolity.forensics.on_bound import OnBound
from kazpolity.forensics.table import FloatArray

Z95 = 1.959963984540054
"""The two-sided 95% normal quantile of the Wald intervals."""

METHOD = "switched-votes finite mixture (stolen-votes component, after Mebane et al.)"
STATISTIC = (
    "likelihood ratio 2(loglik mixture - loglik null) for a second component in which a "
    "fraction s of opposition votes was recorded for the leader in a share pi of precincts"
)
NULL_MODEL = (
    "leader's logit share ~ N(region (or commission) effect + slope x logit turnout, tau^2 + "
    "binomial sampling variance), one component; p-value by parametric bootstrap from the "
    "fitted null (leader counts redrawn as binomials)"
)
ASSUMPTIONS = (
    "clean support is Gaussian on the logit scale around region levels and a linear turnout "
    "trend, with common variance; switching moves the same fraction of every opposition "
    "party and leaves turnout unchanged; switched precincts are a minority chosen "
    "independently of support; one precinct with switched votes cannot be told from one "
    "with genuinely strong local support, only the population pattern is evidence; ballot "
    "stuffing also lifts the leader's share above what turnout predicts and is a known "
    "confound (see turnout_contrast: near 0 under switching, positive under stuffing); "
    "intervals are Wald intervals from the observed information, not shown near pi = 0"
)


@dataclass(frozen=True)
class SwitchingResult:
    """Outcome of the switched-votes mixture on one table."""

    n_precincts: int
    n_used: int
    level: str
    n_groups: int
    loglik_null: float
    loglik_mixture: float
    lr_statistic: float
    p_value: float | None
    replicates: int
    seed: int | None
    share_switched: float  # pi
    share_switched_se: float | None
    fraction: float  # s
    fraction_se: float | None
    switched_votes: float
    switched_votes_interval: tuple[float, float] | None
    official_leader: int
    tau: float
    turnout_slope: float
    turnout_contrast: float
    turnout_contrast_se: float
    null_tau: float
    null_lr: FloatArray  # bootstrap LR statistics
    posterior: FloatArray  # per table row; NaN where not used
    on_bound: tuple[str, ...] = ()  # estimates sitting on a constraint of the fit
    bounds: tuple[OnBound, ...] = ()  # the same, typed (for the kk/ru texts)
    converged: bool = True  # the mixture fit stopped on a convergence criterion
    replicates_not_converged: int = 0  # bootstrap replicates whose fit did not converge

    statistic = STATISTIC
    null_model = NULL_MODEL
    assumptions = ASSUMPTIONS

    def n_flagged(self, threshold: float = 0.9) -> int:
        return int(np.count_nonzero(self.posterior >= threshold))

    def as_json(self) -> dict[str, object]:
        def interval(lo: float, hi: float) -> list[float]:
            return [lo, hi]

        pi_ci = (
            interval(max(0.0, self.share_switched - Z95 * self.share_switched_se),
                     min(1.0, self.share_switched + Z95 * self.share_switched_se))
            if self.share_switched_se is not None else None
        )
        s_ci = (
            interval(max(0.0, self.fraction - Z95 * self.fraction_se),
                     min(1.0, self.fraction + Z95 * self.fraction_se))
            if self.fraction_se is not None else None
        )
        return {
            "method": METHOD,
            "statistic": self.statistic,
            "null_model": self.null_model,
            "assumptions": self.assumptions,
            "uncertainty": "p-value by parametric bootstrap; 95% Wald intervals from the "
            "observed information (switched votes: delta method plus allocation variance)",
            "n_precincts": self.n_precincts,
            "n_used": self.n_used,
            "level": self.level,
            "n_groups": self.n_groups,
            "lr_statistic": self.lr_statistic,
            "p_value": self.p_value,
            "replicates": self.replicates,
            "seed": self.seed,
            "loglik_null": self.loglik_null,
            "loglik_mixture": self.loglik_mixture,
            "share_switched": self.share_switched,
            "share_switched_se": self.share_switched_se,
            "share_switched_ci95": pi_ci,
            "fraction_switched": self.fraction,
            "fraction_switched_se": self.fraction_se,
            "fraction_switched_ci95": s_ci,
            "switched_votes": self.switched_votes,
            "switched_votes_ci95": (
                list(self.switched_votes_interval) if self.switched_votes_interval else None
            ),
            "official_leader": self.official_leader,
            "tau": self.tau,
            "null_tau": self.null_tau,
            "turnout_slope": self.turnout_slope,
            "turnout_contrast": self.turnout_contrast,
            "turnout_contrast_se": self.turnout_contrast_se,
            "n_flagged_posterior_0_9": self.n_flagged(0.9),
            "on_bound": list(self.on_bound),
            "converged": self.converged,
            "not_converged": self.convergence_note(),
            "replicates_not_converged": self.replicates_not_converged,
            "p_value_floor": 1 / (1 + self.replicates) if self.replicates else None,
        }

    def convergence_note(self) -> str | None:
        """Why the estimate is provisional, if it is: the optimiser stopped at its iteration
        cap or on a failed line search, so the estimate and the LR are the best point found,
        not a verified maximum (None when it converged)."""
        if self.converged:
            return None
        return ("the mixture fit did not converge (iteration cap or failed line search): the "
                "estimate and the LR statistic are the best point found, not a verified "
                "maximum")

    def p_text(self) -> str:
        """The p-value as text, with the resolution its replicates allow: with R replicates
        the smallest p a bootstrap can show is 1/(R+1), so a p at that floor is printed as
        an upper bound."""
        if self.p_value is None:
            return "n/a (no bootstrap)"
        floor = 1 / (1 + self.replicates)
        if self.p_value <= floor + 1e-12:
            return f"<= {floor:.3g} (the floor of {self.replicates} replicates)"
        return f"{self.p_value:.3g} ({self.replicates} replicates)"
