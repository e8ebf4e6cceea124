"""Rebuild an election's state from its audit log, optionally checking every step.

The server replays without checks to load its state; ``kazpolity audit verify`` replays
with ``strict=True``, which recomputes every entry hash and link, checks each change was
allowed to its actor, re-validates every stored protocol, recomputes every published
aggregate from the children at that moment, the final aggregate from the precinct leaves,
and the seats from the final aggregate.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from kazpolity.administration.audit import AuditAction, AuditEntry, entry_hash
from kazpolity.administration.canonical import ZERO_HASH, canonical_hash
from kazpolity.administration.controls import validate
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.lifecycle import (
    ADMIN_ACTOR,
    Conflict,
    ElectionState,
    Forbidden,
)
from kazpolity.administration.merkle import MerkleLog, leaf_hash
from kazpolity.administration.protocol import parse_protocol
from kazpolity.administration.register import register_problem
from kazpolity.administration.signing import (
    SignatureChecks,
    credential_hash,
    request_message,
)
from kazpolity.administration.submission import REGISTER_FLAG
from kazpolity.administration.tabulation import tabulate
from kazpolity.errors import InputError


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """One stored protocol version (a precinct count or an aggregate)."""

    commission_id: str
    version: int
    kind: str
    payload: Mapping[str, Any]
    payload_hash: str
    detail: Mapping[str, Any]

    @staticmethod
    def from_row(row: Mapping[Any, Any]) -> VersionRecord:
        return VersionRecord(
            commission_id=row["commission_id"],
            version=int(row["version"]),
            kind=row["kind"],
            payload=json.loads(row["payload"]),
            payload_hash=row["payload_hash"],
            detail=json.loads(row["detail"]),
        )


@dataclass
class ReplayResult:
    state: ElectionState
    problems: list[str] = field(default_factory=list)
    tree: MerkleLog = field(default_factory=MerkleLog)
    """The log's Merkle tree (RFC 9162), built in the same pass."""
    signatures: int = 0
    """How many entries' signatures were checked and found valid (strict replay)."""


_UNVERSIONED: Final = frozenset({AuditAction.CREATE, AuditAction.CREDENTIAL,
                                 AuditAction.PUBLISH, AuditAction.ELECTION_REOPEN})
_UNHASHED: Final = frozenset({AuditAction.PUBLISH, AuditAction.ELECTION_REOPEN})


def signed_message(state: ElectionState, entry: AuditEntry) -> tuple[str | None, bytes | None]:
    """(the public key in force for the entry's signer, the bytes it must have signed)."""
    detail = entry.detail
    signature = detail.get("signature")
    if not isinstance(signature, Mapping) or not isinstance(signature.get("at"), str):
        return None, None
    action = entry.action
    if action == AuditAction.CREATE:
        key = detail.get("log_key")
    elif entry.actor == ADMIN_ACTOR:
        key = state.log_key
    else:
        held = state.keys.get(entry.actor)
        key = held.public_key if held is not None else None
    payload_hash = entry.subject_hash
    if action == AuditAction.CREDENTIAL:
        payload_hash = credential_hash(entry.subject_hash, detail.get("public_key"))
    elif action in _UNHASHED:
        payload_hash = None
    version = None if action in _UNVERSIONED else detail.get("version")
    return key, request_message(
        election_id=entry.election_id, commission_id=entry.commission_id, signer=entry.actor,
        action=action, version=version if isinstance(version, int) else None,
        payload_hash=payload_hash, at=signature["at"])


def _check_signature(state: ElectionState, entry: AuditEntry, where: str,
                     problems: list[str], checks: SignatureChecks) -> None:
    key, message = signed_message(state, entry)
    if message is None:
        problems.append(f"{where}: unsigned (no signature of {entry.actor})")
        return
    checks.add(f"{where}: the signature is not valid under {entry.actor}'s key in force at "
               "that point of the log", key, message, entry.detail["signature"].get("value"))


SeatAllocator = Callable[[ElectionDefinition, tuple[int, ...]], Mapping[str, Any] | None]

_PARENT_ACTIONS = {
    "protocol.accept": "accept",
    "protocol.return": "return",
    "protocol.annul": "annul",
    "protocol.reopen": "reopen",
}


class _VersionStream:
    """Stored versions read in insertion order, which is the order of their log entries:
    a lookup normally takes the next one, so memory stays flat; out-of-order or missing
    rows (tampering) are buffered until found or reported."""

    def __init__(self, versions: Iterable[VersionRecord], problems: list[str]) -> None:
        self._iter = iter(versions)
        self._buffer: dict[tuple[str, int], VersionRecord] = {}
        self._seen: set[tuple[str, int]] = set()
        self._problems = problems

    def get(self, key: tuple[str, int]) -> VersionRecord | None:
        if key in self._buffer:
            return self._buffer.pop(key)
        for record in self._iter:
            found = (record.commission_id, record.version)
            if found in self._seen:
                self._problems.append(f"protocol version {found} stored twice")
                continue
            self._seen.add(found)
            if found == key:
                return record
            self._buffer[found] = record
        return None

    def leftover(self) -> set[tuple[str, int]]:
        for record in self._iter:
            self._buffer[(record.commission_id, record.version)] = record
        return set(self._buffer)


def version_values(definition: ElectionDefinition,
                   payload: Mapping[str, Any]) -> tuple[int, ...]:
    """The numbers of a stored version's payload, in the form's field order."""
    lines = {"lines": payload.get("lines"), "votes": payload.get("votes")}
    return parse_protocol(definition.form, lines).values


def replay(
    definition: ElectionDefinition,
    entries: Iterable[AuditEntry],
    versions: Iterable[VersionRecord],
    *,
    strict: bool = False,
    allocate: SeatAllocator | None = None,
    credential_hashes: Mapping[int, tuple[str, str]] | None = None,
    definition_hash: str | None = None,
) -> ReplayResult:
    """Apply ``entries`` in order; with ``strict``, collect every discrepancy found."""
    state = ElectionState.empty(definition)
    result = ReplayResult(state)
    problems = result.problems
    by_key = _VersionStream(versions, problems)
    used: set[tuple[str, int]] = set()
    used_credentials: set[int] = set()
    expected_seq = 1
    checks = SignatureChecks(workers=None if strict else 1)
    for entry in entries:
        where = f"audit entry {entry.seq} ({entry.action} {entry.commission_id})"
        values: tuple[int, ...] | None = None
        if strict:
            if entry.seq != expected_seq:
                problems.append(f"{where}: expected sequence number {expected_seq} "
                                "(an entry is missing, inserted or reordered)")
            if entry.prev_hash != state.head.head_hash:
                problems.append(f"{where}: prev hash {entry.prev_hash[:16]}… does not match "
                                f"the previous entry's hash {state.head.head_hash[:16]}…")
            last, _ = state.head.commissions.get(entry.commission_id, (ZERO_HASH, 0))
            if entry.commission_prev_hash != last:
                problems.append(f"{where}: commission chain link does not match")
            recomputed = entry_hash(entry.body())
            if recomputed != entry.entry_hash:
                problems.append(f"{where}: stored hash {entry.entry_hash[:16]}… ≠ recomputed "
                                f"{recomputed[:16]}… (the row was modified)")
            if entry.election_id != definition.id:
                problems.append(f"{where}: belongs to election {entry.election_id}")
            _check_signature(state, entry, where, problems, checks)
        expected_seq = entry.seq + 1
        result.tree.append(leaf_hash(bytes.fromhex(entry.entry_hash)))
        try:
            values = _check_and_values(
                state, entry, by_key, used, used_credentials, strict, allocate,
                credential_hashes, definition_hash, problems, where,
            )
        except (Forbidden, Conflict, InputError) as err:
            problems.append(f"{where}: not allowed: {err}")
        state.apply(entry, values)
    if strict:
        failed = checks.finish()
        problems.extend(failed)
        result.signatures = checks.checked - len(failed)
        for key in sorted(by_key.leftover()):
            problems.append(f"protocol version {key} has no audit entry")
        if credential_hashes is not None:
            for cred_id in sorted(set(credential_hashes) - used_credentials):
                problems.append(f"credential {cred_id} has no audit entry")
    return result


def _check_and_values(
    state: ElectionState,
    entry: AuditEntry,
    by_key: _VersionStream,
    used: set[tuple[str, int]],
    used_credentials: set[int],
    strict: bool,
    allocate: SeatAllocator | None,
    credential_hashes: Mapping[int, tuple[str, str]] | None,
    definition_hash: str | None,
    problems: list[str],
    where: str,
) -> tuple[int, ...] | None:
    action = entry.action
    if action in ("protocol.submit", "aggregate.publish"):
        key = (entry.commission_id, int(entry.detail["version"]))
        record = by_key.get(key)
        if record is None:
            problems.append(f"{where}: protocol version {key} is missing from the store")
            return None
        used.add(key)
        values = version_values(state.election, record.payload)
        if strict:
            _check_version(state, entry, record, values, problems, where)
        return values
    if not strict:
        return None
    if action in _PARENT_ACTIONS:
        _check_parent_action(state, entry, problems, where)
    elif action == "election.finalize":
        state.check_finalize(entry.actor)
        _check_final(state, entry, allocate, problems, where)
    elif action == "election.reopen":
        state.check_election_reopen(entry.actor)
    elif action == "election.create":
        if entry.actor != ADMIN_ACTOR or entry.seq != 1:
            problems.append(f"{where}: the election must be created first, by the admin")
        if definition_hash is not None and entry.subject_hash != definition_hash:
            problems.append(f"{where}: the stored election or its commissions (registers, "
                            "members) no longer hash to the logged definition hash")
    elif action == "credential.issue":
        _check_credential_issue(entry, used_credentials, credential_hashes, problems, where)
    else:
        problems.append(f"{where}: unknown action")
    return None


def _check_version(
    state: ElectionState,
    entry: AuditEntry,
    record: VersionRecord,
    values: tuple[int, ...],
    problems: list[str],
    where: str,
) -> None:
    """A submitted or published version: its author, its number, its hashes and its sums."""
    definition = state.election
    precinct = entry.action == "protocol.submit"
    state.check_own_submission(entry.actor, entry.commission_id, precinct=precinct)
    current = state.commissions[entry.commission_id].version
    version = int(entry.detail["version"])
    if version != current + 1:
        problems.append(f"{where}: version {version} does not follow {current}")
    payload_hash = canonical_hash(dict(record.payload), checked=False)
    if payload_hash != record.payload_hash or payload_hash != entry.subject_hash:
        problems.append(f"{where}: stored payload hashes to {payload_hash[:16]}…, the "
                        f"log says {str(entry.subject_hash)[:16]}…")
    if canonical_hash(dict(record.detail), checked=False) != entry.detail.get("detail_hash"):
        problems.append(f"{where}: version detail does not match its logged hash")
    if precinct:
        _check_precinct(definition, record, values, problems, where)
    else:
        aggregate = state.aggregate_of(entry.commission_id)
        expected = aggregate.payload(definition.form.line_keys, definition.registration_order)
        if dict(record.payload) != expected:
            problems.append(f"{where}: published aggregate does not equal the sum of "
                            "its accepted children at that moment")


def _check_parent_action(
    state: ElectionState, entry: AuditEntry, problems: list[str], where: str
) -> None:
    """A parent's accept or return acts on the child's current version, by its hash."""
    state.check_parent_action(entry.actor, entry.commission_id, _PARENT_ACTIONS[entry.action])
    target = state.commissions[entry.commission_id]
    if int(entry.detail.get("version", -1)) != target.version:
        problems.append(f"{where}: acts on version {entry.detail.get('version')} but the "
                        f"current version is {target.version}")
    if entry.subject_hash != target.payload_hash:
        problems.append(f"{where}: subject hash is not the current version's hash")


def _check_credential_issue(
    entry: AuditEntry,
    used_credentials: set[int],
    credential_hashes: Mapping[int, tuple[str, str]] | None,
    problems: list[str],
    where: str,
) -> None:
    """Only the admin issues credentials, and the stored one is the one logged."""
    cred_id = int(entry.detail.get("credential_id", -1))
    used_credentials.add(cred_id)
    if entry.actor != ADMIN_ACTOR:
        problems.append(f"{where}: credentials are issued only by the admin")
    if credential_hashes is not None:
        stored = credential_hashes.get(cred_id)
        if stored is None:
            problems.append(f"{where}: credential {cred_id} is missing from the store")
        elif stored != (entry.commission_id, entry.subject_hash):
            problems.append(f"{where}: credential {cred_id} was altered in the store")


def _check_precinct(
    definition: ElectionDefinition,
    record: VersionRecord,
    values: tuple[int, ...],
    problems: list[str],
    where: str,
) -> None:
    if definition.hierarchy.commissions[record.commission_id].level != PRECINCT:
        problems.append(f"{where}: only precincts submit counts")
    from kazpolity.administration.protocol import Protocol

    check = validate(definition.form, Protocol(values))
    for failed in check.rejections:
        problems.append(f"{where}: stored protocol breaks {failed.message()}")
    reasons = record.detail.get("flag_reasons") or {}
    for flag in check.flags:
        if not str(reasons.get(flag.relation.name, "")).strip():
            problems.append(f"{where}: flag {flag.relation.name} has no written reason")
    register = register_problem(definition, record.commission_id,
                                values[definition.form.index["voters_on_list"]],
                                reasons.get(REGISTER_FLAG))
    if register is not None:
        problems.append(f"{where}: {register[0]}: {register[1]}")
    if record.detail.get("mode") != definition.mode:
        problems.append(f"{where}: submitted in mode {record.detail.get('mode')!r}, the "
                        f"election is {definition.mode!r}")
    if record.version > 1:
        repeat = record.detail.get("repeat") or {}
        if not str(repeat.get("reason", "")).strip() or not str(
            repeat.get("authority", "")
        ).strip():
            problems.append(f"{where}: repeat protocol without a reason and authority")


def _check_final(
    state: ElectionState,
    entry: AuditEntry,
    allocate: SeatAllocator | None,
    problems: list[str],
    where: str,
) -> None:
    definition = state.election
    h = definition.hierarchy
    root = state.commissions[h.root_id]
    from kazpolity.administration.protocol import Protocol

    leaves = {
        cid: Protocol(values)
        for cid, values in state.counted_precincts(official=True).items()
    }
    tally = tabulate(h, definition.form, leaves)[h.root_id]
    if root.values != tally.values or root.reported != tally.reported:
        problems.append(f"{where}: the final central aggregate does not equal the sum of "
                        f"the precinct leaves ({tally.reported} precincts)")
    if entry.subject_hash != root.payload_hash:
        problems.append(f"{where}: finalizes a central aggregate other than the current one")
    if allocate is not None and root.values is not None:
        seats = allocate(definition, root.values)
        if seats != entry.detail.get("seats"):
            problems.append(f"{where}: the logged seats differ from the engine's "
                            f"allocation of the final aggregate")
