"""The store on SQLite and PostgreSQL: versions, idempotency, conflicts, aggregation,
tampering detected by ``audit verify``."""

from __future__ import annotations

import random
import threading
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.lifecycle import ACCEPTED, Conflict, Forbidden
from kazpolity.administration.protocol import Protocol
from kazpolity.administration.results import results_document
from kazpolity.administration.store.credentials import hash_token
from kazpolity.administration.store.decisions import WriteAnswer
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.store.schema import metadata
from kazpolity.administration.store.verify import verify_store
from kazpolity.administration.submission import Repeat
from kazpolity.administration.synthetic import synthetic_protocols
from kazpolity.administration.tabulation import tabulate

from .helpers import bumped, execute_raw, run_everything, seed, submission


@pytest.fixture(scope="module")
def protocols(small_definition: ElectionDefinition) -> dict[str, Protocol]:
    return synthetic_protocols(small_definition)


def problems(store: AdministrationStore) -> list[str]:
    report = verify_store(store.url)
    return [p for e in report["elections"] for p in e["problems"]]


def test_the_migrations_create_exactly_the_declared_tables(store: AdministrationStore) -> None:
    with store.writer.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_results_cannot_be_updated_or_deleted(
    store: AdministrationStore, small_definition: ElectionDefinition,
    protocols: dict[str, Protocol],
) -> None:
    sign = seed(store, small_definition)
    pid = small_definition.hierarchy.at_level(PRECINCT)[0]
    store.submit_protocol(small_definition.id, sign(pid), pid,
                          submission(small_definition, protocols[pid]))
    for sql in ("UPDATE protocol_versions SET payload = '{}'",
                "DELETE FROM audit_log WHERE seq = 1",
                "UPDATE credentials SET token_hash = 'x'"):
        with pytest.raises(DBAPIError, match="append-only"), store.writer.begin() as conn:
            conn.execute(text(sql))


def test_the_same_payload_twice_is_one_version_and_a_repeat_needs_reasons(
    store: AdministrationStore, small_definition: ElectionDefinition,
    protocols: dict[str, Protocol],
) -> None:
    sign = seed(store, small_definition)
    eid = small_definition.id
    pid = small_definition.hierarchy.at_level(PRECINCT)[0]
    first = store.submit_protocol(eid, sign(pid), pid, submission(small_definition, protocols[pid]))
    again = store.submit_protocol(eid, sign(pid), pid, submission(small_definition, protocols[pid]))
    assert (first.version, first.idempotent) == (1, False)
    assert (again.version, again.idempotent) == (1, True)
    changed = bumped(small_definition, protocols[pid])
    with pytest.raises(Conflict, match="repeat protocol needs"):
        store.submit_protocol(eid, sign(pid), pid, submission(small_definition, changed))
    with pytest.raises(Conflict, match="current version is 1"):
        store.submit_protocol(eid, sign(pid), pid, submission(
            small_definition, changed, Repeat("recount ordered", "TEC decision 5", supersedes=0)))
    repeat = store.submit_protocol(eid, sign(pid), pid, submission(
        small_definition, changed, Repeat("recount ordered", "TEC decision 5", supersedes=1)))
    assert repeat.version == 2
    history = store.history(eid, pid)
    assert [v.version for v in history.versions] == [1, 2]
    assert history.versions[1].detail["repeat"]["authority"] == "TEC decision 5"
    assert problems(store) == []


def test_conflicting_concurrent_submissions_one_wins_the_others_get_conflict(
    store: AdministrationStore, small_definition: ElectionDefinition,
    protocols: dict[str, Protocol],
) -> None:
    sign = seed(store, small_definition)
    eid = small_definition.id
    pid = small_definition.hierarchy.at_level(PRECINCT)[1]
    outcomes: list[Any] = []
    barrier = threading.Barrier(8)

    def submit(k: int) -> None:
        barrier.wait()
        try:
            outcomes.append(store.submit_protocol(eid, sign(pid), pid, submission(
                small_definition, bumped(small_definition, protocols[pid], delta=k))))
        except Conflict as err:
            outcomes.append(err)

    threads = [threading.Thread(target=submit, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wins = [o for o in outcomes if isinstance(o, WriteAnswer)]
    assert len(wins) == 1 and len(outcomes) == 8
    assert store.history(eid, pid).version == 1

    same: list[Any] = []
    other = small_definition.hierarchy.at_level(PRECINCT)[2]
    barrier2 = threading.Barrier(6)

    def same_payload() -> None:
        barrier2.wait()
        same.append(store.submit_protocol(eid, sign(other), other,
                                          submission(small_definition, protocols[other])))

    threads = [threading.Thread(target=same_payload) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {r.version for r in same} == {1}
    assert sum(not r.idempotent for r in same) == 1
    assert problems(store) == []


def check_aggregation_invariant(store: AdministrationStore,
                                definition: ElectionDefinition) -> None:
    state = store.runtime(definition.id).state
    h = definition.hierarchy
    counted = {cid: Protocol(v) for cid, v in state.counted_precincts(official=False).items()}
    tallies = tabulate(h, definition.form, counted)
    for level in h.levels:
        document = results_document(state, level)
        for row in document["rows"]:
            tally = tallies[row["commission_id"]]
            assert row["reported"] == tally.reported
            numbers = [*row["lines"].values(), *row["votes"].values()]
            assert tuple(numbers) == tally.values
    for cid in h.order:
        if h.commissions[cid].level != PRECINCT and state.commissions[cid].status == ACCEPTED:
            assert state.aggregate_is_fresh(cid)


@pytest.mark.parametrize("seed_value", [1, 2])
def test_aggregation_holds_after_inserts_repeats_and_annulments(
    store: AdministrationStore, small_definition: ElectionDefinition,
    protocols: dict[str, Protocol], seed_value: int,
) -> None:
    rng = random.Random(seed_value)
    sign = seed(store, small_definition)
    eid = small_definition.id
    h = small_definition.hierarchy
    precincts = list(h.at_level(PRECINCT))
    for pid in precincts:
        store.submit_protocol(eid, sign(pid), pid, submission(small_definition, protocols[pid]))
    check_aggregation_invariant(store, small_definition)
    for pid in precincts:
        parent = h.parent_of(pid)
        assert parent is not None
        store.parent_action(eid, sign(parent), pid, "accept", 1, None)
    check_aggregation_invariant(store, small_definition)
    touched = rng.sample(precincts, 12)
    for i, pid in enumerate(touched):
        parent = h.parent_of(pid)
        assert parent is not None
        if i % 3 == 0:
            store.parent_action(eid, sign(parent), pid, "annul", 1, "ballot box seal broken")
        else:
            store.parent_action(eid, sign(parent), pid, "reopen", 1, "complaint upheld")
            store.submit_protocol(eid, sign(pid), pid, submission(
                small_definition, bumped(small_definition, protocols[pid], i % 2, 2),
                Repeat("recount ordered", f"{parent} decision {i}", 1)))
            if i % 2:
                store.parent_action(eid, sign(parent), pid, "accept", 2, None)
        check_aggregation_invariant(store, small_definition)
    for tec in h.at_level("territorial"):
        store.publish_aggregate(eid, sign(tec), tec)
        store.parent_action(eid, sign(h.root_id), tec, "accept",
                            store.runtime(eid).state.commissions[tec].version, None)
    store.publish_aggregate(eid, sign(h.root_id), h.root_id)
    check_aggregation_invariant(store, small_definition)
    final = store.finalize(eid, sign(h.root_id))
    assert final.seats["status"] == "ok"
    state = store.runtime(eid).state
    root = state.commissions[h.root_id]
    annulled = sum(1 for i in range(len(touched)) if i % 3 == 0)
    unaccepted = sum(1 for i in range(len(touched)) if i % 3 and not i % 2)
    assert root.reported == len(precincts) - annulled - unaccepted
    assert problems(store) == []


def test_a_higher_level_never_edits_and_accepted_work_is_frozen(
    store: AdministrationStore, small_definition: ElectionDefinition,
    protocols: dict[str, Protocol],
) -> None:
    sign = seed(store, small_definition)
    eid = small_definition.id
    h = small_definition.hierarchy
    tec = h.at_level("territorial")[0]
    pid = h.children[tec][0]
    with pytest.raises(Forbidden):
        store.submit_protocol(eid, sign(tec), pid, submission(small_definition, protocols[pid]))
    store.submit_protocol(eid, sign(pid), pid, submission(small_definition, protocols[pid]))
    store.parent_action(eid, sign(tec), pid, "accept", 1, None)
    store.publish_aggregate(eid, sign(tec), tec)
    store.parent_action(eid, sign(h.root_id), tec, "accept", 1, None)
    with pytest.raises(Conflict, match="must reopen"):
        store.parent_action(eid, sign(tec), pid, "reopen", 1, "late complaint upheld")
    store.parent_action(eid, sign(h.root_id), tec, "reopen", 1, "late complaint upheld")
    store.parent_action(eid, sign(tec), pid, "reopen", 1, "late complaint upheld")
    store.submit_protocol(eid, sign(pid), pid, submission(
        small_definition, bumped(small_definition, protocols[pid]),
        Repeat("recount ordered", "TEC decision", 1)))
    store.parent_action(eid, sign(tec), pid, "accept", 2, None)
    # The territorial commission must publish again: its version 1 is stale.
    with pytest.raises(Conflict, match="allowed from"):
        store.parent_action(eid, sign(h.root_id), tec, "accept", 1, None)
    published = store.publish_aggregate(eid, sign(tec), tec)
    assert published.version == 2
    store.parent_action(eid, sign(tec), pid, "annul", 2, "protocol signed by 3 of 7 members")
    with pytest.raises(Conflict, match="no longer equals"):
        store.parent_action(eid, sign(h.root_id), tec, "accept", 2, None)
    assert problems(store) == []


def test_a_second_process_on_the_same_database_stays_consistent(
    db_url: str, small_definition: ElectionDefinition, protocols: dict[str, Protocol],
) -> None:
    a = AdministrationStore(db_url)
    b = AdministrationStore(db_url)
    try:
        sign = seed(a, small_definition)
        eid = small_definition.id
        precincts = small_definition.hierarchy.at_level(PRECINCT)
        b.runtime(eid)  # b loads the state now; a then writes behind its back
        a.submit_protocol(eid, sign(precincts[0]), precincts[0],
                          submission(small_definition, protocols[precincts[0]]))
        b.submit_protocol(eid, sign(precincts[1]), precincts[1],
                          submission(small_definition, protocols[precincts[1]]))
        with pytest.raises(Conflict):
            b.submit_protocol(eid, sign(precincts[0]), precincts[0], submission(
                small_definition, bumped(small_definition, protocols[precincts[0]])))
        assert problems(a) == []
    finally:
        a.close()
        b.close()


TAMPERING = {
    "payload modified": (
        "UPDATE protocol_versions SET payload = REPLACE(payload, '\"ballots_invalid\":', "
        "'\"ballots_invalid\": 1') WHERE id = (SELECT MIN(id) FROM protocol_versions)",
        "payload hashes to",
    ),
    "audit row modified": (
        "UPDATE audit_log SET actor = 'TEC-AKM' WHERE seq = 150", "was modified",
    ),
    "audit row deleted": ("DELETE FROM audit_log WHERE seq = 100", "expected sequence number"),
    "audit rows reordered": (
        "UPDATE audit_log SET seq = -1 WHERE seq = 120; "
        "UPDATE audit_log SET seq = 120 WHERE seq = 121; "
        "UPDATE audit_log SET seq = 121 WHERE seq = -1",
        "does not match",
    ),
    "version deleted": (
        "DELETE FROM protocol_versions WHERE id = (SELECT MAX(id) FROM protocol_versions "
        "WHERE kind = 'precinct')",
        "missing from the store",
    ),
    "register changed": (
        "UPDATE commissions SET voters_on_list = voters_on_list + 1 "
        "WHERE id = (SELECT MIN(id) FROM commissions WHERE level = 'precinct')",
        "definition hash",
    ),
    "credential replaced": (
        "UPDATE credentials SET token_hash = :h WHERE id = 5", "was altered",
    ),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_tampering_in_the_database_is_found_by_audit_verify(
    store: AdministrationStore, small_definition: ElectionDefinition,
    protocols: dict[str, Protocol], case: str,
) -> None:
    sign = seed(store, small_definition)
    run_everything(store, small_definition, protocols, sign)
    assert problems(store) == []
    sql, expected = TAMPERING[case]
    execute_raw(store, sql, h=hash_token("forged"))
    found = problems(store)
    assert found, case
    assert any(expected in p for p in found), found
