"""Inject falsification at known rates into a synthetic ``Election``.

Each function is pure: it takes an election and a generator and returns a new election whose
``truth`` records what was done and whose ``tampered`` mask marks the touched precincts.

* ``stuff_ballots`` — the Klimek et al. (2012) model: with probability ``f_i`` a precinct gets
  incremental stuffing, x ~ |N(0, theta)|; with probability ``f_e`` extreme stuffing,
  x = 1 - |N(0, 0.075)|; the arithmetic (non-voters added, x**alpha of each opposition
  party moved) is ``kazpolity.forensics.klimek.stuffing_transfer``, the one the fit uses.
* ``switch_votes`` — in a share of precincts, a fraction of every opposition party's votes is
  recorded for the leader (turnout unchanged).
* ``round_to_integer_percent`` — in a share of precincts, the leader's share (and/or turnout)
  is set to a whole percent chosen near the true value, by moving votes (or adding/removing
  ballots), as in the falsification Kobak et al. describe.
* ``fabricate_digits`` — in a share of precincts, the last digit of every party count is
  replaced by an invented one (favouring 0 and 5, as people do).
* ``rewrite_commission_protocols`` — a share of territorial commissions report totals in
  which the leader gains a fraction of its votes, without changing the precinct protocols
  below; the returned ``CommissionProtocols`` are the parents that the consistency check
  compares with the sums of their precincts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from kazpolity.errors import InputError
from kazpolity.forensics.integer_percent import is_integer_percent
from kazpolity.forensics.klimek import stuffing_transfer
from kazpolity.simulate.election import Election

# Human-invented last digits (share per digit 0..9): 0 and 5 over-represented.
FABRICATED_DIGIT_WEIGHTS = np.array([0.22, 0.06, 0.07, 0.07, 0.06, 0.2, 0.07, 0.08, 0.08, 0.09])


def _check_rate(name: str, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise InputError(name, f"must lie in [0, 1] (got {value})")


def _with(election: Election, touched: NDArray[np.bool_], votes: NDArray[np.int64],
          issued: NDArray[np.int64] | None = None) -> Election:
    truth = dict(election.truth)
    truth["clean"] = False
    base = election.tampered if election.tampered is not None else np.zeros_like(touched)
    return replace(election, tampered=base | touched, truth=truth, votes=votes,
                   issued=election.issued if issued is None else issued)


def stuff_ballots(
    election: Election,
    f_incremental: float,
    f_extreme: float,
    rng: np.random.Generator,
    alpha: float = 2.0,
    theta: float = 0.15,
) -> Election:
    """Klimek-model ballot stuffing and vote stealing (see module docstring)."""
    _check_rate("f_incremental", f_incremental)
    _check_rate("f_extreme", f_extreme)
    if f_incremental + f_extreme > 1:
        raise InputError("f_incremental", "f_incremental + f_extreme must not exceed 1")
    n = election.registered.size
    u = rng.random(n)
    inc = u < f_incremental
    ext = (u >= f_incremental) & (u < f_incremental + f_extreme)
    x = np.zeros(n)
    xi = np.abs(rng.normal(0.0, theta, n))
    while np.any(bad := xi >= 1):
        xi[bad] = np.abs(rng.normal(0.0, theta, int(bad.sum())))
    xe = 1 - np.abs(rng.normal(0.0, 0.075, n))
    x[inc] = xi[inc]
    x[ext] = np.clip(xe[ext], 0.0, 1.0)
    votes = election.votes.copy()
    nonvoters = election.registered - election.issued
    added_f, stolen_f = stuffing_transfer(x, nonvoters, votes[:, 1:], alpha)
    added, stolen = added_f.astype(np.int64), stolen_f.astype(np.int64)
    votes[:, 1:] -= stolen
    votes[:, 0] += added + stolen.sum(axis=1)
    touched = inc | ext
    out = _with(election, touched, votes=votes, issued=election.issued + added)
    out.truth.update(
        stuffing_f_incremental=f_incremental,
        stuffing_f_extreme=f_extreme,
        stuffing_alpha=alpha,
        stuffing_theta=theta,
        stuffed_ballots=int(added.sum()),
        stolen_votes=int(stolen.sum()),
        incremental_precincts=int(inc.sum()),
        extreme_precincts=int(ext.sum()),
    )
    return out


def switch_votes(
    election: Election, share_precincts: float, fraction: float, rng: np.random.Generator
) -> Election:
    """Move ``fraction`` of every opposition count to the leader in a share of precincts."""
    _check_rate("share_precincts", share_precincts)
    _check_rate("fraction", fraction)
    n = election.registered.size
    touched = rng.random(n) < share_precincts
    votes = election.votes.copy()
    moved = np.floor(fraction * votes[touched, 1:]).astype(np.int64)
    votes[touched, 1:] -= moved
    votes[touched, 0] += moved.sum(axis=1)
    out = _with(election, touched, votes=votes)
    out.truth.update(switch_share=share_precincts, switch_fraction=fraction,
                     switched_votes=int(moved.sum()))
    return out


def _integer_target(k: NDArray[np.int64], n: NDArray[np.int64], up: bool) -> NDArray[np.int64]:
    """The count nearest ``k`` (rounding the percentage up if ``up``) whose percentage of
    ``n`` is a whole number as exactly as the integers allow."""
    pct = 100.0 * k / np.maximum(n, 1)
    target_pct = np.ceil(pct) if up else np.round(pct)
    return np.clip(np.round(target_pct * n / 100.0), 0, n).astype(np.int64)


def round_to_integer_percent(
    election: Election,
    share_precincts: float,
    rng: np.random.Generator,
    what: str = "leader",
) -> Election:
    """Set the leader's share (``what="leader"``), turnout (``"turnout"``) or both
    (``"both"``) to a whole percent in a share of precincts (with >= 100 registered)."""
    _check_rate("share_precincts", share_precincts)
    if what not in ("leader", "turnout", "both"):
        raise InputError("what", "must be leader, turnout or both")
    n = election.registered.size
    touched = (rng.random(n) < share_precincts) & (election.registered >= 100)
    votes = election.votes.copy()
    issued = election.issued.copy()
    if what in ("turnout", "both"):
        target = _integer_target(issued, election.registered, up=True)
        target = np.minimum(target, election.registered)
        delta = np.where(touched, target - issued, 0)
        # extra ballots go to the leader; missing ones are taken from the leader
        delta = np.maximum(delta, -votes[:, 0])
        issued = issued + delta
        votes[:, 0] += delta
    if what in ("leader", "both"):
        cast = votes.sum(axis=1) + election.invalid
        target = _integer_target(votes[:, 0], cast, up=True)
        delta = np.where(touched, target - votes[:, 0], 0)
        opp = votes[:, 1:].sum(axis=1)
        delta = np.minimum(delta, opp)
        # take from (or give to) the largest opposition party
        big = 1 + np.argmax(votes[:, 1:], axis=1)
        rows = np.arange(n)
        give = np.minimum(delta, votes[rows, big])
        votes[rows, big] -= give
        votes[:, 0] += give
    out = _with(election, touched, votes=votes, issued=issued)
    # how many touched precincts really show a whole percent (small precincts cannot: one
    # vote is more than 0.1 points when fewer than 1,000 ballots are cast)
    cast = votes.sum(axis=1) + election.invalid
    hit_l = is_integer_percent(votes[:, 0], np.maximum(cast, 1))
    hit_t = is_integer_percent(issued, np.maximum(election.registered, 1))
    hit = hit_l if what == "leader" else hit_t if what == "turnout" else hit_l | hit_t
    out.truth.update(rounding_share=share_precincts, rounding_target=what,
                     rounded_precincts=int(touched.sum()),
                     rounded_to_integer=int(np.count_nonzero(touched & hit)))
    return out


def fabricate_digits(
    election: Election, share_precincts: float, rng: np.random.Generator
) -> Election:
    """Replace the last digit of every party count (>= 10) in a share of precincts with a
    digit drawn from ``FABRICATED_DIGIT_WEIGHTS``; ballots issued follow the new totals."""
    _check_rate("share_precincts", share_precincts)
    n, k = election.votes.shape
    touched: NDArray[np.bool_] = np.asarray(rng.random(n) < share_precincts, dtype=bool)
    votes = election.votes.copy()
    weights = FABRICATED_DIGIT_WEIGHTS / FABRICATED_DIGIT_WEIGHTS.sum()
    digits = rng.choice(10, size=(n, k), p=weights)
    change = touched[:, None] & (votes >= 10)
    votes = np.where(change, votes - votes % 10 + digits, votes)
    new_valid = votes.sum(axis=1)
    issued = np.minimum(new_valid + election.invalid, election.registered)
    # keep the protocol consistent: registered >= issued = valid + invalid
    over = new_valid + election.invalid > election.registered
    votes[over] = election.votes[over]
    issued = np.where(over, election.issued, issued)
    touched = touched & ~over
    out = _with(election, touched, votes=votes, issued=issued.astype(np.int64))
    out.truth.update(fabricated_share=share_precincts, fabricated_precincts=int(touched.sum()))
    return out


@dataclass(frozen=True)
class CommissionProtocols:
    """Totals reported by territorial commissions (parents of precincts)."""

    commission: NDArray[np.object_]
    registered: NDArray[np.int64]
    issued: NDArray[np.int64]
    votes: NDArray[np.int64]  # (commissions, parties)
    rewritten: NDArray[np.bool_]


def commission_protocols(election: Election) -> CommissionProtocols:
    """Honest commission totals: sums of their precincts."""
    names, inverse = np.unique(election.commission.astype(str), return_inverse=True)
    m = names.size
    reg = np.bincount(inverse, weights=election.registered, minlength=m).astype(np.int64)
    iss = np.bincount(inverse, weights=election.issued, minlength=m).astype(np.int64)
    votes = np.stack(
        [np.bincount(inverse, weights=election.votes[:, j], minlength=m)
         for j in range(election.votes.shape[1])],
        axis=1,
    ).astype(np.int64)
    return CommissionProtocols(names.astype(object), reg, iss, votes, np.zeros(m, dtype=bool))


def rewrite_commission_protocols(
    protocols: CommissionProtocols, share: float, gain: float, rng: np.random.Generator
) -> CommissionProtocols:
    """In a share of commissions, the leader's total gains ``gain`` of its votes, taken from
    the opposition (the commission total of valid ballots is unchanged)."""
    _check_rate("share", share)
    _check_rate("gain", gain)
    m = protocols.commission.size
    hit = rng.random(m) < share
    votes = protocols.votes.copy()
    extra = np.floor(gain * votes[:, 0]).astype(np.int64)
    opp = votes[:, 1:].sum(axis=1)
    extra = np.where(hit, np.minimum(extra, opp), 0)
    # take proportionally from opposition parties, remainder from the largest
    take = np.floor(votes[:, 1:] * (extra / np.maximum(opp, 1))[:, None]).astype(np.int64)
    rest = extra - take.sum(axis=1)
    big = np.argmax(votes[:, 1:] - take, axis=1)
    take[np.arange(m), big] += rest
    votes[:, 1:] -= take
    votes[:, 0] += extra
    return replace(protocols, votes=votes, rewritten=hit & (extra > 0))
