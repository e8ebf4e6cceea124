"""Synthetic national elections, precinct by precinct, with known ground truth.

The clean process (``generate_election``):

* regions x precincts; register sizes log-normal (median ``register_median``), at least 20;
* turnout: a national mean, a regional shift and a precinct shift on the logit scale;
* support: ``n_parties`` parties with national logits, regional and precinct shifts
  (softmax); party 0 is the leader; support is independent of turnout in the clean process;
* counts: issued ~ Binomial(registered, turnout); invalid ~ Binomial(issued, p_invalid);
  party votes ~ Multinomial(valid, support); ballots in the boxes = issued;
* precincts are grouped into territorial commissions (``precincts_per_commission``) inside
  regions; a share ``electronic_share`` is counted electronically (the ``channel``).

Falsification is applied afterwards by ``kazpolity.simulate.falsify``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from kazpolity.errors import InputError
from kazpolity.forensics.table import IntArray, PrecinctTable


@dataclass(frozen=True)
class ElectionSpec:
    """Parameters of a clean synthetic election."""

    n_regions: int = 10
    precincts_per_region: int = 500
    register_median: float = 1200.0
    register_sigma: float = 0.6
    turnout_mean: float = 0.55
    turnout_region_sd: float = 0.25  # logit scale
    turnout_precinct_sd: float = 0.35  # logit scale
    n_parties: int = 4
    party_logits: tuple[float, ...] = (1.0, 0.3, 0.0, -0.5)
    support_region_sd: float = 0.25
    support_precinct_sd: float = 0.30
    p_invalid: float = 0.02
    precincts_per_commission: int = 25
    electronic_share: float = 0.3

    def __post_init__(self) -> None:
        if self.n_regions < 1 or self.precincts_per_region < 1:
            raise InputError("spec", "need at least one region and one precinct per region")
        if len(self.party_logits) != self.n_parties:
            raise InputError("party_logits", "need one logit per party")
        if not 0 < self.turnout_mean < 1:
            raise InputError("turnout_mean", "must lie strictly between 0 and 1")
        if self.n_parties < 2:
            raise InputError("n_parties", "need at least two parties")


@dataclass(frozen=True)
class Election:
    """A synthetic election: its precinct counts and the truth behind them."""

    registered: IntArray
    issued: IntArray
    invalid: IntArray
    votes: NDArray[np.int64]  # (precincts, parties); column 0 is the leader
    region: NDArray[np.object_]
    commission: NDArray[np.object_]
    channel: NDArray[np.object_]
    true_turnout: NDArray[np.float64]
    true_support: NDArray[np.float64]  # (precincts, parties)
    truth: dict[str, object] = field(default_factory=dict)
    tampered: NDArray[np.bool_] | None = None  # precincts touched by falsification

    @property
    def valid(self) -> IntArray:
        return np.asarray(self.votes.sum(axis=1), dtype=np.int64)

    @property
    def ballots(self) -> IntArray:
        return self.valid + self.invalid

    def table(self) -> PrecinctTable:
        """The election as a validated ``PrecinctTable`` (leader = party 0)."""
        n = self.registered.size
        return PrecinctTable.build(
            {
                "registered": self.registered,
                "issued": self.issued,
                "ballots": self.ballots,
                "valid": self.valid,
                "invalid": self.invalid,
                "leader": self.votes[:, 0],
            },
            {
                "region": self.region,
                "commission": self.commission,
                "channel": self.channel,
                "precinct": np.array([f"P{i + 1:06d}" for i in range(n)], dtype=object),
            },
            {f"P{j}": self.votes[:, j] for j in range(self.votes.shape[1])},
        )


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def generate_election(spec: ElectionSpec, seed: int | np.random.Generator | None) -> Election:
    """Draw one clean election from ``spec``."""
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    r, m, k = spec.n_regions, spec.precincts_per_region, spec.n_parties
    n = r * m
    region_idx = np.repeat(np.arange(r), m)
    registered = np.maximum(
        20, np.round(rng.lognormal(np.log(spec.register_median), spec.register_sigma, n))
    ).astype(np.int64)
    t_region = rng.normal(0.0, spec.turnout_region_sd, r)
    t_logit = _logit(spec.turnout_mean) + t_region[region_idx] + rng.normal(
        0.0, spec.turnout_precinct_sd, n
    )
    turnout = 1.0 / (1.0 + np.exp(-t_logit))
    s_region = rng.normal(0.0, spec.support_region_sd, (r, k))
    logits = (
        np.asarray(spec.party_logits)[None, :]
        + s_region[region_idx]
        + rng.normal(0.0, spec.support_precinct_sd, (n, k))
    )
    support = np.exp(logits - logits.max(axis=1, keepdims=True))
    support /= support.sum(axis=1, keepdims=True)
    issued = rng.binomial(registered, turnout)
    invalid = rng.binomial(issued, spec.p_invalid)
    valid = issued - invalid
    votes = rng.multinomial(valid, support).astype(np.int64)
    region = np.array([f"R{i + 1:02d}" for i in region_idx], dtype=object)
    within = np.tile(np.arange(m), r) // spec.precincts_per_commission
    commission = np.array(
        [f"R{a + 1:02d}-C{b + 1:03d}" for a, b in zip(region_idx, within, strict=True)],
        dtype=object,
    )
    channel = np.where(rng.random(n) < spec.electronic_share, "electronic", "paper").astype(
        object
    )
    return Election(
        registered=registered,
        issued=issued.astype(np.int64),
        invalid=invalid.astype(np.int64),
        votes=votes,
        region=region,
        commission=commission,
        channel=channel,
        true_turnout=turnout,
        true_support=support,
        truth={"clean": True},
        tampered=np.zeros(n, dtype=bool),
    )
