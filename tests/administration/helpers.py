"""Shared steps for the store and API tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from kazpolity.administration.controls import validate
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.protocol import Protocol
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.submission import Repeat, Submission


def seed(store: AdministrationStore, definition: ElectionDefinition) -> dict[str, str]:
    store.create_election(definition)
    return store.issue_credentials(definition.id)


def submission(definition: ElectionDefinition, protocol: Protocol,
               repeat: Repeat | None = None) -> Submission:
    check = validate(definition.form, protocol)
    reasons = {f.relation.name: "test" for f in check.flags}
    return Submission(protocol, definition.mode, reasons, repeat, check)


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
                   protocols: dict[str, Protocol]) -> None:
    """Submit every precinct, accept and publish up every level, finalize."""
    h = definition.hierarchy
    for pid in h.at_level(PRECINCT):
        store.submit_protocol(definition.id, pid, pid, submission(definition, protocols[pid]))
    for level in reversed(h.levels[:-1]):
        for parent in h.at_level(level):
            for child in h.children[parent]:
                version = store.runtime(definition.id).state.commissions[child].version
                store.parent_action(definition.id, parent, child, "accept", version, None)
            store.publish_aggregate(definition.id, parent, parent)
    store.finalize(definition.id, h.root_id)


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
