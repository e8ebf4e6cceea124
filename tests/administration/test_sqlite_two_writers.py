"""Two stores (two server processes) writing one SQLite file: the one whose log head is
old is refused by the log's primary key, catches up and decides again (the SQLite
commit takes no head query: ``store.rows.lock_and_check_head``)."""

from __future__ import annotations

from pathlib import Path

from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.store.verify import verify_store
from kazpolity.administration.synthetic import synthetic_protocols

from .helpers import seed, submission


def test_interleaved_writers_on_one_file_lose_nothing(
        tmp_path: Path, small_definition: ElectionDefinition) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first = AdministrationStore(url)
    signers = seed(first, small_definition)
    second = AdministrationStore(url)
    eid = small_definition.id
    protocols = synthetic_protocols(small_definition)
    precincts = list(small_definition.hierarchy.at_level(PRECINCT))
    first.runtime(eid)
    second.runtime(eid)  # both heads now at the same point
    answers = []
    for i, pid in enumerate(precincts):
        store = (first, second)[i % 2]  # each write finds the other's entry in the way
        answers.append(store.submit_protocol(eid, signers(pid), pid,
                                             submission(small_definition, protocols[pid])))
    assert [a.version for a in answers] == [1] * len(precincts)
    for store in (first, second):
        state = store.fresh(eid).state
        assert all(state.commissions[pid].version == 1 for pid in precincts)
    seqs = [first.runtime(eid).state.head.seq, second.runtime(eid).state.head.seq]
    first.close()
    second.close()
    report = verify_store(url)
    assert report["ok"], report
    entries = report["elections"][0]["entries"]
    assert seqs == [entries, entries]
    assert entries == 1 + len(small_definition.hierarchy.order) + len(precincts)
