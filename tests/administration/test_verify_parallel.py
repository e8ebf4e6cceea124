"""``audit verify``'s parallel half: the same report as checking everything in process.

The stateless checks (entry hashes, signatures, stored versions' hashes and arithmetic)
run in worker processes over chunks of the log, with the canonical JSON of an entry and
of a signed request assembled from the stored text. The assembled bytes must equal
``canonical_json`` byte for byte, and a tampered store must get the same problems and the
same signature count from a pool of two processes over chunks of three entries as from
one process.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kazpolity.administration import audit_checks
from kazpolity.administration.audit import AuditEntry
from kazpolity.administration.audit_checks import (
    _row_canonical,
    message_canonical,
    signed_message,
)
from kazpolity.administration.canonical import canonical_json
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.merkle import MerkleLog, leaf_hash
from kazpolity.administration.signing import request_message
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.store.verify import verify_store
from kazpolity.administration.synthetic import synthetic_protocols

from .helpers import execute_raw, run_everything, seed


@pytest.fixture
def finished(tmp_path: Path, small_definition: ElectionDefinition) -> Iterator[
    AdministrationStore
]:
    store = AdministrationStore(f"sqlite:///{tmp_path / 'parallel.db'}")
    sign = seed(store, small_definition)
    run_everything(store, small_definition, synthetic_protocols(small_definition), sign)
    try:
        yield store
    finally:
        store.close()


def _rows(store: AdministrationStore) -> list[tuple[Any, ...]]:
    with sqlite3.connect(str(store.writer.url.database)) as conn:
        return list(conn.execute("SELECT election_id, seq, at, actor, commission_id, action, "
                                 "disposition, subject_hash, detail, prev_hash, "
                                 "commission_prev_hash, entry_hash FROM audit_log "
                                 "ORDER BY seq"))


def test_assembled_entries_and_messages_are_canonical_json(
    finished: AdministrationStore,
) -> None:
    rows = _rows(finished)
    assert len({row[5] for row in rows}) >= 5  # every kind of entry is in the log
    for row in rows:
        entry = AuditEntry.from_tuple(row)
        assert _row_canonical(row) == canonical_json(entry.body())
        signature = entry.detail["signature"]
        version = entry.detail.get("version") if entry.action in (
            "protocol.submit", "protocol.accept") else None
        if entry.action in ("protocol.submit", "protocol.accept"):
            assert signed_message(entry) == request_message(
                election_id=entry.election_id, commission_id=entry.commission_id,
                signer=entry.actor, action=entry.action, version=version,
                payload_hash=entry.subject_hash, at=signature["at"])


@pytest.mark.parametrize("text", ['quote " and \\ backslash', "Қазақ тілі", "tab\tnew\nline",
                                  "\u2028\x01\x7f", ""])
def test_assembly_escapes_strings_as_canonical_json_does(text: str) -> None:
    row = ("e", 7, text, text, text, text, text, None, canonical_json({"k": text}).decode(),
           text, text, "0" * 64)
    entry = AuditEntry.from_tuple(row)
    assert _row_canonical(row) == canonical_json(entry.body())
    for version in (None, 0, 12):
        kwargs: dict[str, Any] = {"election_id": text, "commission_id": text, "signer": text,
                                  "action": text, "version": version, "payload_hash": text,
                                  "at": text}
        assert message_canonical(**kwargs) == request_message(**kwargs)
    assert message_canonical(election_id="e", commission_id="c", signer="s", action="a",
                             version=None, payload_hash=None, at="t") == request_message(
        election_id="e", commission_id="c", signer="s", action="a", version=None,
        payload_hash=None, at="t")


def test_a_tree_built_level_by_level_equals_appending_leaf_by_leaf() -> None:
    for size in range(0, 70):
        leaves = [leaf_hash(bytes([i % 256, i // 256])) for i in range(size)]
        appended = MerkleLog()
        for leaf in leaves:
            appended.append(leaf)
        built = MerkleLog.from_leaves(list(leaves))
        assert built.levels == appended.levels
        assert built.root() == appended.root()


def _report(store: AdministrationStore, monkeypatch: pytest.MonkeyPatch, *, chunk: int,
            cores: int) -> dict[str, Any]:
    with monkeypatch.context() as patch:
        patch.setattr(audit_checks, "CHUNK", chunk)
        patch.setattr(os, "cpu_count", lambda: cores)
        return verify_store(store.url)


def test_a_pool_over_small_chunks_reports_what_one_process_reports(
    finished: AdministrationStore, monkeypatch: pytest.MonkeyPatch,
) -> None:
    clean = _report(finished, monkeypatch, chunk=3, cores=2)
    assert clean["ok"] and clean["signatures_verified"] == clean["elections"][0]["entries"]
    execute_raw(finished,
                "UPDATE protocol_versions SET payload = REPLACE(payload, '\"amanat\":', "
                "'\"amanat\":1') WHERE id = 5;"
                "UPDATE protocol_versions SET detail = REPLACE(detail, '\"mode\":\"test\"', "
                "'\"mode\":\"live\"') WHERE id = 9;"
                "UPDATE audit_log SET at = 'x' || at WHERE seq = 40;"
                "UPDATE audit_log SET detail = REPLACE(detail, '\"value\":\"', "
                "'\"value\":\"A') WHERE seq = 61;"
                "UPDATE audit_log SET detail = REPLACE(detail, '{', '{ ') WHERE seq = 70")
    in_process = _report(finished, monkeypatch, chunk=10**9, cores=1)
    pooled = _report(finished, monkeypatch, chunk=3, cores=2)
    problems = in_process["elections"][0]["problems"]
    assert pooled["elections"][0]["problems"] == problems
    assert pooled["signatures_verified"] == in_process["signatures_verified"]
    assert in_process["signatures_verified"] == in_process["elections"][0]["entries"] - 1
    for seq in (40, 61):
        assert any(p.startswith(f"audit entry {seq} ") for p in problems), seq
    assert any("stored payload hashes to" in p for p in problems)
    assert any("version detail does not match" in p for p in problems)
    assert not any(p.startswith("audit entry 70 ") for p in problems)  # same JSON, spaced
