"""Trust that does not rest on the operator: each tampering an insider could try, and
whether ``audit verify`` catches it alone or needs a checkpoint an observer saved.

Also the defects and weaknesses of issue 11 (register, reasons, idempotent decisions,
503, the request gate, verify on a missing store, dropped triggers, the demo's own file,
a server role without DDL rights)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kazpolity.administration.audit import AuditEntry, entry_hash
from kazpolity.administration.checkpoint import Checkpoint
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.protocol import Protocol
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.store.verify import verify_store
from kazpolity.administration.synthetic import synthetic_protocols

from .helpers import execute_raw, run_everything, seed


@pytest.fixture(scope="module")
def protocols(small_definition: ElectionDefinition) -> dict[str, Protocol]:
    return synthetic_protocols(small_definition)


@pytest.fixture
def finished(tmp_path: Path, small_definition: ElectionDefinition,
             protocols: dict[str, Protocol]) -> Iterator[tuple[AdministrationStore, Path]]:
    """A finished election on SQLite, and a checkpoint an observer saved at its end."""
    store = AdministrationStore(f"sqlite:///{tmp_path / 'trust.db'}")
    sign = seed(store, small_definition)
    run_everything(store, small_definition, protocols, sign)
    saved = tmp_path / "checkpoint.json"
    rt = store.fresh(small_definition.id)
    checkpoint = Checkpoint.sign(small_definition.id, rt.tree, store.log_key(small_definition.id))
    saved.write_text(json.dumps(checkpoint.to_json()), "utf-8")
    try:
        yield store, saved
    finally:
        store.close()


def verify(store: AdministrationStore, *checkpoints: Path) -> list[str]:
    report = verify_store(store.url, checkpoints=checkpoints)
    return [p for e in report["elections"] for p in e["problems"]]


def _rows(store: AdministrationStore) -> list[AuditEntry]:
    with sqlite3.connect(str(store.writer.url.database)) as conn:
        conn.row_factory = sqlite3.Row
        return [AuditEntry.from_row(dict(r))
                for r in conn.execute("SELECT * FROM audit_log ORDER BY seq")]


def rewrite_from(store: AdministrationStore, seq: int, change: Any) -> None:
    """Rewrite the log consistently from ``seq``: ``change`` edits that entry, then every
    hash and link after it is recomputed, as an insider with the database would."""
    entries = _rows(store)
    prev = entries[seq - 2].entry_hash
    last: dict[str, str] = {}
    for e in entries[:seq - 1]:
        last[e.commission_id] = e.entry_hash
    fixed = []
    for e in entries[seq - 1:]:
        detail = change(dict(e.detail)) if e.seq == seq else dict(e.detail)
        body = {**e.body(), "detail": detail, "prev": prev,
                "commission_prev": last.get(e.commission_id, "0" * 64)}
        digest = entry_hash(body)
        fixed.append((json.dumps(detail, sort_keys=True, separators=(",", ":"),
                                 ensure_ascii=False), prev, body["commission_prev"], digest,
                      e.seq))
        prev = last[e.commission_id] = digest
    execute_raw(store, "SELECT 1")  # drops the triggers, as the insider would
    with sqlite3.connect(str(store.writer.url.database)) as conn:
        conn.executemany("UPDATE audit_log SET detail = ?, prev_hash = ?, "
                         "commission_prev_hash = ?, entry_hash = ? WHERE seq = ?", fixed)


def _return_reason(store: AdministrationStore) -> int:
    return next(e.seq for e in _rows(store) if e.action == "protocol.accept")


# case → (how, caught by verify alone?, expected words in a problem)
TAMPERING: dict[str, tuple[Any, bool, str]] = {
    "edit a payload and its hash": (
        lambda s: execute_raw(s, "UPDATE protocol_versions SET payload = REPLACE(payload, "
                              "'\"ballots_invalid\":', '\"ballots_invalid\": 1'), "
                              "payload_hash = 'ff' || SUBSTR(payload_hash, 3) WHERE id = 1"),
        True, "payload hashes to"),
    "delete a version": (
        lambda s: execute_raw(s, "DELETE FROM protocol_versions WHERE id = 7"),
        True, "missing from the store"),
    "reorder entries": (
        lambda s: execute_raw(s, "UPDATE audit_log SET seq = -1 WHERE seq = 120; "
                              "UPDATE audit_log SET seq = 120 WHERE seq = 121; "
                              "UPDATE audit_log SET seq = 121 WHERE seq = -1"),
        True, "does not match"),
    "change a register": (
        lambda s: execute_raw(s, "UPDATE commissions SET voters_on_list = voters_on_list + 5 "
                              "WHERE id = (SELECT MAX(id) FROM commissions "
                              "WHERE level = 'precinct')"),
        True, "definition hash"),
    "change the members": (
        lambda s: execute_raw(s, "UPDATE commissions SET members = REPLACE(members, "
                              "'\"name\":\"', '\"name\":\"X') WHERE ordinal = 3"),
        True, "definition hash"),
    "truncate the tail": (
        lambda s: execute_raw(s, "DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 3 "
                              "FROM audit_log)"),
        False, "truncation"),
    "rewrite the chain consistently from a point": (
        lambda s: rewrite_from(s, _return_reason(s) + 2,
                               lambda d: {**d, "note": "entered later"}),
        False, "rewritten or forked"),
    "append well-formed entries without the commission's key": (
        lambda s: _append_forged(s), True, "signature is not valid"),
}


def _append_forged(store: AdministrationStore) -> None:
    """Append a reopen of the central election in the CEC's name, hashed and linked
    correctly, signed with a key that is not the CEC's."""
    from kazpolity.administration.audit import ChainHead
    from kazpolity.administration.signing import SigningKey, request_message

    entries = _rows(store)
    head = ChainHead(entries[0].election_id)
    for e in entries:
        head.advance(e)
    forger = SigningKey.generate()
    at = "2023-03-20T01:00:00.000000Z"
    message = request_message(election_id=head.election_id, commission_id="CEC",
                              signer="CEC", action="election.reopen", version=None,
                              payload_hash=None, at=at)
    entry = head.append(actor="CEC", commission_id="CEC", action="election.reopen",
                        disposition="reopened", subject_hash=None,
                        detail={"reason": "recount of three regions",
                                "signature": {"at": at, "value": forger.sign(message)}},
                        at=at)
    row = entry.to_row()
    with sqlite3.connect(str(store.writer.url.database)) as conn:
        conn.execute(f"INSERT INTO audit_log ({', '.join(row)}) VALUES "
                     f"({', '.join('?' for _ in row)})", list(row.values()))


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_each_tampering_is_caught_by_verify_alone_or_with_a_checkpoint(
    finished: tuple[AdministrationStore, Path], case: str,
) -> None:
    store, checkpoint = finished
    assert verify(store, checkpoint) == []
    how, alone, expected = TAMPERING[case]
    how(store)
    without = verify(store)
    with_checkpoint = verify(store, checkpoint)
    if alone:
        assert any(expected in p for p in without), without
    else:
        assert not [p for p in without if "checkpoint" in p]
        assert any(expected in p for p in with_checkpoint), with_checkpoint


def test_a_consistent_rewrite_of_unsigned_fields_passes_verify_alone(
    finished: tuple[AdministrationStore, Path],
) -> None:
    """Why checkpoints are needed: this rewrite keeps every hash, link and signature."""
    store, checkpoint = finished
    rewrite_from(store, _return_reason(store) + 2, lambda d: {**d, "note": "entered later"})
    report = verify_store(store.url)
    assert [p for e in report["elections"] for p in e["problems"]] == []
    assert report["store_problems"]  # only the dropped triggers show an insider was here
    assert any("rewritten or forked" in p for p in verify(store, checkpoint))


def test_audit_verify_counts_every_signature(finished: tuple[AdministrationStore, Path]) -> None:
    store, _ = finished
    report = verify_store(store.url)
    assert report["ok"]
    entries = report["elections"][0]["entries"]
    assert report["signatures_verified"] == entries > 100
