"""The dashboard's first-run seed: idempotent, resumable, a realistic live state, signed
by the commissions themselves, in its own file, never in a store given to the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.lifecycle import ACCEPTED, RETURNED
from kazpolity.administration.results import live_tallies
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.store.verify import verify_election
from kazpolity.administration.synthetic import election_facts
from kazpolity.simulate.seed import (
    COUNTING_REGIONS,
    SEED_DATE,
    SEED_ELECTION_ID,
    demo_database_url,
    seed_dashboard,
)


def test_seed_is_idempotent_and_live(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kazpolity.db'}"
    first = seed_dashboard(url, precincts=600)
    second = seed_dashboard(url, precincts=600)
    assert first["created"] and not second["created"]
    assert first["audit_entries"] == second["audit_entries"]
    store = AdministrationStore(url)
    try:
        state = store.runtime(SEED_ELECTION_ID).state
        h = state.election.hierarchy
        assert state.election.on == SEED_DATE and not state.finalized
        root = live_tallies(state)[h.root_id]
        assert 0 < root.reported < root.expected == len(h.at_level(PRECINCT)) == 600
        for tec in h.children[h.root_id]:
            counting = h.commissions[tec].region_code in COUNTING_REGIONS
            assert (state.commissions[tec].status == ACCEPTED) != counting
        statuses = [state.commissions[p].status for p in h.at_level(PRECINCT)]
        assert RETURNED in statuses
        repeated = store.history(SEED_ELECTION_ID, h.at_level(PRECINCT)[0])
        assert [v.version for v in repeated.versions] == [1, 2]
        assert repeated.versions[1].detail["repeat"]["supersedes"] == 1
        verified = verify_election(store, SEED_ELECTION_ID)
        assert verified["problems"] == []
        assert verified["signatures_verified"] == state.head.seq
        facts = election_facts(SEED_DATE)
        assert [o.id for o in state.election.options] == list(facts.votes)
    finally:
        store.close()


def test_the_demo_lives_in_its_own_file_and_a_given_store_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kazpolity.cli.serve import _store_url

    monkeypatch.setenv("KAZPOLITY_DATA_DIR", str(tmp_path / "data"))
    assert demo_database_url() == f"sqlite:///{(tmp_path / 'data' / 'demo.db').resolve()}"
    given = f"sqlite:///{tmp_path / 'mine.db'}"
    monkeypatch.setenv("KAZPOLITY_DATABASE_URL", given)
    assert _store_url(None, None) == given
    assert not (tmp_path / "mine.db").exists()
    assert not (tmp_path / "data" / "demo.db").exists()
