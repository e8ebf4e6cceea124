"""Shared steps for the store and API tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from kazpolity.administration.canonical import canonical_hash
from kazpolity.administration.controls import validate
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.protocol import Protocol
from kazpolity.administration.store.credentials import CommissionCredential
from kazpolity.administration.store.decisions import LocalSigner
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.submission import Repeat, Submission


class Signers:
    """Every commission's credential, as the commissions hold them; ``sign(cid)`` is the
    commission signing its own writes in this process."""

    def __init__(self, credentials: dict[str, CommissionCredential]) -> None:
        self.credentials = credentials

    def __call__(self, commission_id: str) -> LocalSigner:
        return LocalSigner(commission_id, self.credentials[commission_id].key)

    def token(self, commission_id: str) -> str:
        return self.credentials[commission_id].token


def seed(store: AdministrationStore, definition: ElectionDefinition) -> Signers:
    store.create_election(definition)
    return Signers(store.issue_credentials(definition.id))


def submission(definition: ElectionDefinition, protocol: Protocol,
               repeat: Repeat | None = None) -> Submission:
    check = validate(definition.form, protocol)
    reasons = {f.relation.name: "explained in the precinct act" for f in check.flags}
    return Submission(protocol, definition.mode, reasons, repeat, check)


def signed_headers_for(store: AdministrationStore, election_id: str, path: str, body: Any,
                       signer: str, credential: CommissionCredential) -> dict[str, str]:
    """What a client signs for ``POST .../{path}``, worked out as a client would: the
    version the write asks for and the payload hash it concerns."""
    from kazpolity.simulate.driver import signed_headers

    state = store.fresh(election_id).state
    parts = path.strip("/").split("/")
    action, commission, version, payload_hash = _what(state, parts, body, signer)
    return signed_headers(credential, election_id=election_id, signer=signer,
                          commission_id=commission, action=action, version=version,
                          payload_hash=payload_hash)


def _what(state: Any, parts: list[str], body: Any, signer: str) -> tuple[
    str, str, int | None, str | None
]:
    root = state.election.hierarchy.root_id
    if parts == ["finalize"]:
        own = state.commissions[root]
        return "election.finalize", signer, own.version, own.payload_hash
    if parts == ["reopen"]:
        return "election.reopen", signer, None, None
    commission = parts[1]
    current = state.commissions.get(commission)
    if len(parts) == 3 and parts[2] == "publish":
        return "aggregate.publish", commission, None, None
    if len(parts) == 3:
        version = body.get("version") if isinstance(body, dict) else None
        return f"protocol.{parts[2]}", commission, version if isinstance(version, int) else None, (
            current.payload_hash if current is not None else None)
    payload = {"lines": body.get("lines"), "votes": body.get("votes")} if isinstance(
        body, dict) else {}
    digest = canonical_hash(payload, checked=False)
    if current is None or current.payload_hash == digest:
        return "protocol.submit", commission, current.version if current else 1, digest
    return "protocol.submit", commission, current.version + 1, digest


def bumped(definition: ElectionDefinition, protocol: Protocol, option_index: int = 0,
           delta: int = 1) -> Protocol:
    """The same protocol with ``delta`` votes moved into one option (still consistent)."""
    form = definition.form
    values = list(protocol.values)
    for key in ("ballots_valid", "ballots_found", "ballots_issued_in_room"):
        values[form.index[key]] += delta
    values[form.index["ballots_cancelled"]] -= delta
    values[form.index[f"votes.{form.options[option_index]}"]] += delta
    return Protocol(tuple(values))


def run_everything(store: AdministrationStore, definition: ElectionDefinition,
                   protocols: dict[str, Protocol], sign: Signers) -> None:
    """Submit every precinct, accept and publish up every level, finalize."""
    h = definition.hierarchy
    for pid in h.at_level(PRECINCT):
        store.submit_protocol(definition.id, sign(pid), pid,
                              submission(definition, protocols[pid]))
    for level in reversed(h.levels[:-1]):
        for parent in h.at_level(level):
            for child in h.children[parent]:
                version = store.runtime(definition.id).state.commissions[child].version
                store.parent_action(definition.id, sign(parent), child, "accept", version,
                                    None)
            store.publish_aggregate(definition.id, sign(parent), parent)
    store.finalize(definition.id, sign(h.root_id))


def execute_raw(store: AdministrationStore, sql: str, **params: Any) -> None:
    """Run SQL around the append-only triggers, as someone with database access could."""
    if store.dialect == "sqlite":
        import sqlite3

        path = store.writer.url.database
        assert path
        with sqlite3.connect(path) as conn:
            names = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='trigger'")]
            for name in names:
                conn.execute(f"DROP TRIGGER {name}")
            for statement in sql.split(";"):
                conn.execute(statement, {k: v for k, v in params.items()
                                         if f":{k}" in statement})
        return
    with store.writer.connect() as conn:
        conn.execute(text("SET session_replication_role = replica"))
        for statement in sql.split(";"):
            conn.execute(text(statement), {k: v for k, v in params.items()
                                           if f":{k}" in statement})
        conn.commit()
