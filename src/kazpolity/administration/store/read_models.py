"""Reading the store: elections, a stored definition, the replayed state, a history.

These run on the reader engine and never write. ``list_elections`` and ``history`` give
typed records; the faces make their JSON (``kazpolity.presentation.administration_json``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, select

from kazpolity.administration.audit import ROW_COLUMNS, AuditEntry, closing_hash
from kazpolity.administration.election import BallotOption, ElectionDefinition
from kazpolity.administration.hierarchy import Commission, Hierarchy, Member
from kazpolity.administration.lifecycle import ElectionState, ProtocolStatus
from kazpolity.administration.merkle import MerkleLog, leaf_hash
from kazpolity.administration.replay import (
    VERSION_COLUMNS,
    ReplayResult,
    VersionRecord,
    replay,
)
from kazpolity.administration.seats import allocate_seats
from kazpolity.administration.store.schema import (
    audit_log,
    commissions,
    credentials,
    elections,
    protocol_versions,
)
from kazpolity.errors import NotFound

STREAM_ROWS = 5000


@dataclass(frozen=True, slots=True)
class ElectionListing:
    id: str
    election_type: str
    date: str
    mode: str


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """One stored version of a protocol: its payload and its hash, what it was and when."""

    version: int
    kind: str
    payload: Mapping[str, object]
    payload_hash: str
    detail: Mapping[str, object]
    created_at: str


@dataclass(frozen=True, slots=True)
class ProtocolHistory:
    """Every version of one commission's protocol and every logged change to it."""

    election_id: str
    commission_id: str
    status: ProtocolStatus
    version: int
    versions: tuple[StoredVersion, ...]
    log: tuple[AuditEntry, ...]
    closing_hash: str | None


def tree_of(entries: Iterable[AuditEntry]) -> MerkleLog:
    tree = MerkleLog()
    for entry in entries:
        tree.append(leaf_hash(bytes.fromhex(entry.entry_hash)))
    return tree


def list_elections(reader: Engine) -> list[ElectionListing]:
    with reader.connect() as conn:
        rows = conn.execute(select(elections).order_by(elections.c.id)).mappings().all()
    return [ElectionListing(r["id"], r["election_type"], r["election_date"], r["mode"])
            for r in rows]


def _commission(row: Any) -> Commission:
    return Commission(
        id=row["id"], level=row["level"], parent_id=row["parent_id"], name=row["name"],
        region_code=row["region_code"], voters_on_list=row["voters_on_list"],
        members=tuple(
            Member(name=m["name"], nominated_by=m["nominated_by"], elected_by=m["elected_by"],
                   term_from=date.fromisoformat(m["term_from"]),
                   term_until=date.fromisoformat(m["term_until"]))
            for m in json.loads(row["members"])),
    )


def load_definition(conn: Connection, election_id: str) -> tuple[ElectionDefinition, str, str]:
    """The election as stored, its stored definition hash and the recomputed one."""
    row = conn.execute(select(elections).where(elections.c.id == election_id)).mappings().first()
    if row is None:
        raise NotFound("election_id", f"no election {election_id!r}")
    definition = json.loads(row["definition"])
    rows = conn.execute(select(commissions).where(commissions.c.election_id == election_id)
                        .order_by(commissions.c.ordinal)).mappings().all()
    hierarchy = Hierarchy.build(definition["levels"], [_commission(r) for r in rows])
    election = ElectionDefinition(
        id=definition["id"], election_type=definition["election_type"],
        on=date.fromisoformat(definition["date"]), mode=definition["mode"],
        options=tuple(BallotOption(o["id"], o["name"]) for o in definition["options"]),
        against_all=bool(definition["against_all"]), hierarchy=hierarchy,
    )
    return election, row["definition_hash"], election.definition_hash()


def stream_entries(conn: Connection, election_id: str, after: int = 0) -> Iterator[AuditEntry]:
    return (AuditEntry.from_tuple(r) for r in conn.execution_options(yield_per=STREAM_ROWS)
            .execute(select(*(audit_log.c[name] for name in ROW_COLUMNS))
                     .where(audit_log.c.election_id == election_id, audit_log.c.seq > after)
                     .order_by(audit_log.c.seq)))


def stream_versions(conn: Connection, election_id: str,
                    after_id: int = 0) -> Iterator[VersionRecord]:
    return (VersionRecord.from_tuple(tuple(r))
            for r in conn.execution_options(yield_per=STREAM_ROWS)
            .execute(select(*(protocol_versions.c[name] for name in VERSION_COLUMNS))
                     .where(protocol_versions.c.election_id == election_id,
                            protocol_versions.c.id > after_id)
                     .order_by(protocol_versions.c.id)))


def versions_of(conn: Connection, election_id: str,
                wanted: set[tuple[str, int]]) -> dict[tuple[str, int], VersionRecord]:
    """The stored versions named by (commission, version), read in one query."""
    if not wanted:
        return {}
    rows = conn.execute(select(protocol_versions).where(
        protocol_versions.c.election_id == election_id,
        protocol_versions.c.commission_id.in_(sorted({cid for cid, _ in wanted})))).mappings()
    records = (VersionRecord.from_row(r) for r in rows)
    return {(r.commission_id, r.version): r for r in records
            if (r.commission_id, r.version) in wanted}


def replay_election(reader: Engine, election_id: str, *, strict: bool = False) -> ReplayResult:
    """Replay the log streaming entries and versions (two cursors), so memory holds the
    state, not the history."""
    with reader.connect() as conn, reader.connect() as version_conn:
        definition, stored_hash, recomputed = load_definition(conn, election_id)
        creds = {
            int(r["id"]): (r["commission_id"], r["token_hash"])
            for r in conn.execute(
                select(credentials).where(credentials.c.election_id == election_id)).mappings()
        }
        result = replay(
            definition, stream_entries(conn, election_id),
            stream_versions(version_conn, election_id), strict=strict,
            allocate=allocate_seats if strict else None,
            credential_hashes=creds if strict else None,
            definition_hash=recomputed if strict else None,
        )
    if strict and stored_hash != recomputed:
        result.problems.insert(0, f"election {election_id}: stored definition hash differs "
                               "from its recomputed hash")
    return result


def history(reader: Engine, state: ElectionState, commission_id: str) -> ProtocolHistory:
    """Every version and every logged change of one commission's protocol."""
    election_id = state.election.id
    state.election.hierarchy.get(commission_id)
    with reader.connect() as conn:
        versions = conn.execute(
            select(protocol_versions)
            .where(protocol_versions.c.election_id == election_id,
                   protocol_versions.c.commission_id == commission_id)
            .order_by(protocol_versions.c.version)).mappings().all()
        entries = conn.execute(
            select(audit_log).where(audit_log.c.election_id == election_id,
                                    audit_log.c.commission_id == commission_id)
            .order_by(audit_log.c.seq)).mappings().all()
    own = state.commissions[commission_id]
    head = state.head.commissions.get(commission_id)
    return ProtocolHistory(
        election_id, commission_id, own.status, own.version,
        tuple(StoredVersion(v["version"], v["kind"], json.loads(v["payload"]),
                            v["payload_hash"], json.loads(v["detail"]), v["created_at"])
              for v in versions),
        tuple(AuditEntry.from_row(e) for e in entries),
        closing_hash(election_id, commission_id, head[0], head[1]) if head else None,
    )
