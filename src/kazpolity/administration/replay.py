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

from kazpolity.administration.audit import AuditAction, AuditEntry
from kazpolity.administration.audit_checks import AuditChecks
from kazpolity.administration.canonical import ZERO_HASH
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.lifecycle import (
    ADMIN_ACTOR,
    Conflict,
    ElectionState,
    Forbidden,
)
from kazpolity.administration.merkle import MerkleLog, leaf_hash
from kazpolity.administration.protocol import MAX_COUNT, parse_protocol
from kazpolity.administration.tabulation import add_values
from kazpolity.errors import InputError

VERSION_COLUMNS: Final = ("commission_id", "version", "kind", "payload", "payload_hash",
                          "detail")
"""The columns of a stored version that a replay reads, in ``from_tuple`` order."""


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """One stored protocol version (a precinct count or an aggregate)."""

    commission_id: str
    version: int
    kind: str
    payload_text: str
    payload_hash: str
    detail_text: str

    @property
    def payload(self) -> Mapping[str, Any]:
        parsed: Mapping[str, Any] = json.loads(self.payload_text)
        return parsed

    @property
    def detail(self) -> Mapping[str, Any]:
        parsed: Mapping[str, Any] = json.loads(self.detail_text)
        return parsed

    @staticmethod
    def from_row(row: Mapping[Any, Any]) -> VersionRecord:
        return VersionRecord.from_tuple(tuple(row[name] for name in VERSION_COLUMNS))

    @staticmethod
    def from_tuple(row: tuple[Any, ...]) -> VersionRecord:
        """A version from its columns in ``VERSION_COLUMNS`` order."""
        commission_id, version, kind, payload, payload_hash, detail = row
        return VersionRecord(commission_id, int(version), kind, payload, payload_hash, detail)


@dataclass
class ReplayResult:
    state: ElectionState
    problems: list[str] = field(default_factory=list)
    tree: MerkleLog = field(default_factory=MerkleLog)
    """The log's Merkle tree (RFC 9162), built in the same pass."""
    signatures: int = 0
    """How many entries' signatures were checked and found valid (strict replay)."""


def key_in_force(state: ElectionState, entry: AuditEntry) -> str | None:
    """The public key the entry's signer held at that point of the log: the election's
    own log key for its creation and the administrator, else the commission's."""
    if entry.action == AuditAction.CREATE:
        key = entry.detail.get("log_key")
    elif entry.actor == ADMIN_ACTOR:
        key = state.log_key
    else:
        held = state.keys.get(entry.actor)
        key = held.public_key if held is not None else None
    return key


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
    """The numbers of a stored version's payload, in the form's field order (read
    directly when every field is there as a count, else by the strict parser)."""
    form = definition.form
    lines, votes = payload.get("lines"), payload.get("votes")
    if (type(lines) is dict and type(votes) is dict and len(lines) == len(form.line_keys)
            and len(votes) == len(form.options)):
        try:
            values = tuple([lines[k] for k in form.line_keys] + [votes[o] for o in form.options])
        except KeyError:
            values = ()
        if values and all(type(v) is int and 0 <= v <= MAX_COUNT for v in values):
            return values
    return parse_protocol(form, {"lines": lines, "votes": votes}).values


def record_values(definition: ElectionDefinition, record: VersionRecord) -> tuple[int, ...]:
    """A stored version's numbers."""
    return version_values(definition, record.payload)


def replay(
    definition: ElectionDefinition,
    entries: Iterable[AuditEntry],
    versions: Iterable[VersionRecord],
    *,
    strict: bool = False,
    allocate: SeatAllocator | None = None,
    credential_hashes: Mapping[int, tuple[str, str]] | None = None,
    definition_hash: str | None = None,
    workers: int | None = None,
) -> ReplayResult:
    """Apply ``entries`` in order; with ``strict``, collect every discrepancy found (the
    stateless checks run on ``workers`` processes, default every core)."""
    state = ElectionState.empty(definition)
    result = ReplayResult(state)
    problems = result.problems
    by_key = _VersionStream(versions, problems)
    used_credentials: set[int] = set()
    checks = AuditChecks(definition, workers=workers if strict else 1)
    tags: list[int] = []
    """The seq of the entry each problem in ``problems`` was found at."""
    leaves: list[bytes] = []
    expected_seq = 1
    for entry in entries:
        where = f"audit entry {entry.seq} ({entry.action} {entry.commission_id})"
        if strict:
            _check_links(state, entry, expected_seq, problems, where)
            checks.entry(entry, key_in_force(state, entry))
        expected_seq = entry.seq + 1
        leaves.append(leaf_hash(bytes.fromhex(entry.entry_hash)))
        values: tuple[int, ...] | None = None
        try:
            values = _check_and_values(
                state, entry, by_key, used_credentials, checks if strict else None,
                allocate, credential_hashes, definition_hash, problems, where,
            )
        except (Forbidden, Conflict, InputError) as err:
            problems.append(f"{where}: not allowed: {err}")
        state.apply(entry, values)
        if len(problems) > len(tags):
            tags.extend([entry.seq] * (len(problems) - len(tags)))
    result.tree = MerkleLog.from_leaves(leaves)
    if strict:
        found = checks.finish()
        problems[:] = [text for _, text in sorted([*zip(tags, problems, strict=True), *found],
                                                  key=lambda problem: problem[0])]
        result.signatures = checks.valid_signatures
        for key in sorted(by_key.leftover()):
            problems.append(f"protocol version {key} has no audit entry")
        if credential_hashes is not None:
            for cred_id in sorted(set(credential_hashes) - used_credentials):
                problems.append(f"credential {cred_id} has no audit entry")
    return result


def _check_links(state: ElectionState, entry: AuditEntry, expected_seq: int,
                 problems: list[str], where: str) -> None:
    """The entry's place in the log: its number and its links to the entries before."""
    if entry.seq != expected_seq:
        problems.append(f"{where}: expected sequence number {expected_seq} "
                        "(an entry is missing, inserted or reordered)")
    if entry.prev_hash != state.head.head_hash:
        problems.append(f"{where}: prev hash {entry.prev_hash[:16]}… does not match "
                        f"the previous entry's hash {state.head.head_hash[:16]}…")
    last, _ = state.head.commissions.get(entry.commission_id, (ZERO_HASH, 0))
    if entry.commission_prev_hash != last:
        problems.append(f"{where}: commission chain link does not match")
    if entry.election_id != state.election.id:
        problems.append(f"{where}: belongs to election {entry.election_id}")


def _check_and_values(
    state: ElectionState,
    entry: AuditEntry,
    by_key: _VersionStream,
    used_credentials: set[int],
    checks: AuditChecks | None,
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
        values = record_values(state.election, record)
        if checks is not None:
            _check_version(state, entry, record, values, checks, problems, where)
        return values
    if checks is None:
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
    checks: AuditChecks,
    problems: list[str],
    where: str,
) -> None:
    """A submitted or published version: its author, its number, its hashes and its sums
    (the hashes and a count's arithmetic are checked by ``checks``, off the sequence)."""
    definition = state.election
    precinct = entry.action == "protocol.submit"
    state.check_own_submission(entry.actor, entry.commission_id, precinct=precinct)
    current = state.commissions[entry.commission_id].version
    version = int(entry.detail["version"])
    if version != current + 1:
        problems.append(f"{where}: version {version} does not follow {current}")
    checks.version((entry.seq, where, record.commission_id, record.version,
                    record.payload_text, record.payload_hash, record.detail_text,
                    entry.subject_hash, entry.detail.get("detail_hash"), precinct, values))
    if not precinct:
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
    leaves = state.counted_precincts(official=True)
    # Every precinct lies under the root: its tally is the sum of the counted leaves.
    total, reported = add_values(list(leaves.values()), len(definition.form.fields)), len(leaves)
    if root.values != total or root.reported != reported:
        problems.append(f"{where}: the final central aggregate does not equal the sum of "
                        f"the precinct leaves ({reported} precincts)")
    if entry.subject_hash != root.payload_hash:
        problems.append(f"{where}: finalizes a central aggregate other than the current one")
    if allocate is not None and root.values is not None:
        seats = allocate(definition, root.values)
        if seats != entry.detail.get("seats"):
            problems.append(f"{where}: the logged seats differ from the engine's "
                            f"allocation of the final aggregate")
