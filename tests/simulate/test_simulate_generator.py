"""The synthetic generator: valid protocols, determinism, falsifiers change what they say."""

from __future__ import annotations

import numpy as np

from kazpolity.simulate.election import ElectionSpec, generate_election
from kazpolity.simulate.falsify import (
    commission_protocols,
    rewrite_commission_protocols,
    stuff_ballots,
    switch_votes,
)

SPEC = ElectionSpec(n_regions=4, precincts_per_region=300)


def test_clean_election_is_consistent_and_seeded() -> None:
    a = generate_election(SPEC, seed=7)
    b = generate_election(SPEC, seed=7)
    assert np.array_equal(a.votes, b.votes)
    t = a.table()
    assert len(t) == 1200
    assert np.all(t.issued is not None and t.issued <= t.registered)
    assert np.all(a.valid + a.invalid == a.issued)
    # turnout varies by region: regional means differ by more than sampling noise
    means = [a.true_turnout[a.region == r].mean() for r in np.unique(a.region)]
    assert np.ptp(means) > 0.02


def test_stuffing_and_switching_conserve_what_they_should() -> None:
    rng = np.random.default_rng(0)
    e = generate_election(SPEC, rng)
    s = stuff_ballots(e, 0.2, 0.05, rng)
    assert int(s.votes.sum() - e.votes.sum()) == s.truth["stuffed_ballots"]
    assert np.all(s.issued <= s.registered)
    w = switch_votes(e, 0.3, 0.2, rng)
    assert np.array_equal(w.votes.sum(axis=1), e.votes.sum(axis=1))
    assert int(w.votes[:, 0].sum() - e.votes[:, 0].sum()) == w.truth["switched_votes"]


def test_rewritten_protocols_keep_valid_totals() -> None:
    rng = np.random.default_rng(1)
    e = generate_election(SPEC, rng)
    honest = commission_protocols(e)
    rw = rewrite_commission_protocols(honest, 0.3, 0.1, rng)
    assert np.array_equal(rw.votes.sum(axis=1), honest.votes.sum(axis=1))
    assert rw.rewritten.any()
    assert np.array_equal(rw.votes[~rw.rewritten], honest.votes[~rw.rewritten])


def test_one_stuffing_arithmetic_for_fit_and_generator() -> None:
    """Hand case of ``stuffing_transfer``: x = 0.5 adds floor(0.5 * 101) = 50 ballots; with
    alpha = 2, 0.25 of each party moves, rounded half to even per party: 0.25 * 10 = 2.5 -> 2,
    0.25 * 7 = 1.75 -> 2; a total column rounds once: 0.25 * 17 = 4.25 -> 4."""
    from kazpolity.forensics.klimek import stuffing_transfer

    x = np.array([0.5])
    added, stolen = stuffing_transfer(x, np.array([101]), np.array([[10, 7]]), 2.0)
    assert added.tolist() == [50.0] and stolen.tolist() == [[2.0, 2.0]]
    _, total = stuffing_transfer(x, np.array([101]), np.array([17]), 2.0)
    assert total.tolist() == [4.0]
