"""The append-only audit log: SHA-256 hash chain and closing hashes (docs/audit-chain.md).

Every state change of an election (creation, credentials, protocol versions, acceptance,
return, reopening, annulment, finalization) is one entry. An entry's hash covers the
canonical JSON of all its fields, including the hash of the previous entry of the election
(``prev``) and of the previous entry about the same commission (``commission_prev``), so
a modified, deleted, inserted or reordered row breaks the chain. A commission's closing
hash seals its sub-chain; the election's closing hash seals the whole log.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Final

from kazpolity.administration.canonical import ZERO_HASH, canonical_hash, canonical_json


class AuditAction(StrEnum):
    """Every kind of logged change (the ``action`` field of an entry)."""

    CREATE = "election.create"
    CREDENTIAL = "credential.issue"
    SUBMIT = "protocol.submit"
    PUBLISH = "aggregate.publish"
    ACCEPT = "protocol.accept"
    RETURN = "protocol.return"
    ANNUL = "protocol.annul"
    REOPEN = "protocol.reopen"
    FINALIZE = "election.finalize"
    ELECTION_REOPEN = "election.reopen"


ROW_COLUMNS: Final = ("election_id", "seq", "at", "actor", "commission_id", "action",
                      "disposition", "subject_hash", "detail", "prev_hash",
                      "commission_prev_hash", "entry_hash")
"""The columns of an audit entry's row, in the table's order."""

ENTRY_TYPE: Final = "kazpolity.audit.entry/1"
CLOSING_TYPE: Final = "kazpolity.audit.closing/1"
ELECTION_CLOSING_TYPE: Final = "kazpolity.audit.election-closing/1"


def utc_now() -> str:
    """The current time as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (UTC)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    election_id: str
    seq: int
    at: str
    actor: str
    commission_id: str
    action: str
    disposition: str
    subject_hash: str | None
    detail: Mapping[str, Any]
    prev_hash: str
    commission_prev_hash: str
    entry_hash: str
    detail_text: str = field(default="", compare=False, repr=False)
    """The stored text of ``detail`` when read from the store (canonical unless tampered)."""

    def body(self) -> dict[str, Any]:
        return entry_body(
            self.election_id, self.seq, self.at, self.actor, self.commission_id, self.action,
            self.disposition, self.subject_hash, self.detail, self.prev_hash,
            self.commission_prev_hash,
        )

    def to_row(self) -> dict[str, Any]:
        return {
            "election_id": self.election_id,
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "commission_id": self.commission_id,
            "action": self.action,
            "disposition": self.disposition,
            "subject_hash": self.subject_hash,
            "detail": canonical_json(dict(self.detail), checked=False).decode("utf-8"),
            "prev_hash": self.prev_hash,
            "commission_prev_hash": self.commission_prev_hash,
            "entry_hash": self.entry_hash,
        }

    @staticmethod
    def from_row(row: Mapping[Any, Any]) -> AuditEntry:
        return AuditEntry.from_tuple(tuple(row[name] for name in ROW_COLUMNS))

    @staticmethod
    def from_tuple(row: Sequence[Any]) -> AuditEntry:
        """An entry from its columns in ``ROW_COLUMNS`` order (the table's order)."""
        (election_id, seq, at, actor, commission_id, action, disposition, subject_hash,
         detail, prev_hash, commission_prev_hash, digest) = row
        return AuditEntry(election_id, int(seq), at, actor, commission_id, action,
                          disposition, subject_hash, json.loads(detail), prev_hash,
                          commission_prev_hash, digest, detail)

    def to_tuple(self) -> tuple[Any, ...]:
        """The stored columns (``detail`` as its stored text), to ship to a worker."""
        return (self.election_id, self.seq, self.at, self.actor, self.commission_id,
                self.action, self.disposition, self.subject_hash, self.detail_text,
                self.prev_hash, self.commission_prev_hash, self.entry_hash)

    def to_json(self) -> dict[str, Any]:
        """The entry as published: the object its ``entry_hash`` covers, then the hash.

        This is the data format itself (hashed and signed), not a face's JSON: it stays
        beside its record (docs/architecture.md, "Wire formats")."""
        return {**self.body(), "entry_hash": self.entry_hash}


def entry_body(
    election_id: str,
    seq: int,
    at: str,
    actor: str,
    commission_id: str,
    action: str,
    disposition: str,
    subject_hash: str | None,
    detail: Mapping[str, Any],
    prev_hash: str,
    commission_prev_hash: str,
) -> dict[str, Any]:
    """The object whose canonical JSON an entry's hash covers."""
    return {
        "type": ENTRY_TYPE,
        "election_id": election_id,
        "seq": seq,
        "at": at,
        "actor": actor,
        "commission_id": commission_id,
        "action": action,
        "disposition": disposition,
        "subject_hash": subject_hash,
        "detail": dict(detail),
        "prev": prev_hash,
        "commission_prev": commission_prev_hash,
    }


def entry_hash(body: Mapping[str, Any]) -> str:
    return canonical_hash(body, checked=False)


def closing_hash(election_id: str, commission_id: str, last_hash: str, count: int) -> str:
    """Seal of one commission's sub-chain: its last entry's hash and how many entries."""
    return canonical_hash({
        "type": CLOSING_TYPE,
        "election_id": election_id,
        "commission_id": commission_id,
        "last": last_hash,
        "entries": count,
    })


def election_closing_hash(election_id: str, head_hash: str, count: int) -> str:
    """Seal of the whole log of an election."""
    return canonical_hash({
        "type": ELECTION_CLOSING_TYPE,
        "election_id": election_id,
        "head": head_hash,
        "entries": count,
    })


@dataclass
class ChainHead:
    """The end of an election's chain and of every commission's sub-chain."""

    election_id: str
    seq: int = 0
    head_hash: str = ZERO_HASH
    commissions: dict[str, tuple[str, int]] = field(default_factory=dict)
    """commission id → (last entry hash, number of entries)."""

    def copy(self) -> ChainHead:
        return ChainHead(self.election_id, self.seq, self.head_hash, dict(self.commissions))

    def append(
        self,
        *,
        actor: str,
        commission_id: str,
        action: str,
        disposition: str,
        subject_hash: str | None,
        detail: Mapping[str, Any],
        at: str | None = None,
    ) -> AuditEntry:
        """Make the next entry and advance this head past it."""
        last, _ = self.commissions.get(commission_id, (ZERO_HASH, 0))
        seq = self.seq + 1
        when = at or utc_now()
        body = entry_body(self.election_id, seq, when, actor, commission_id, action,
                          disposition, subject_hash, detail, self.head_hash, last)
        digest = entry_hash(body)
        entry = AuditEntry(self.election_id, seq, when, actor, commission_id, action,
                           disposition, subject_hash, dict(detail), self.head_hash, last, digest)
        self.advance(entry)
        return entry

    def advance(self, entry: AuditEntry) -> None:
        _, count = self.commissions.get(entry.commission_id, (ZERO_HASH, 0))
        self.seq = entry.seq
        self.head_hash = entry.entry_hash
        self.commissions[entry.commission_id] = (entry.entry_hash, count + 1)

    def closing_hashes(self) -> dict[str, str]:
        return {
            cid: closing_hash(self.election_id, cid, last, count)
            for cid, (last, count) in sorted(self.commissions.items())
        }

    def election_closing(self) -> str:
        return election_closing_hash(self.election_id, self.head_hash, self.seq)
