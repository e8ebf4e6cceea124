"""Pure decisions over an election's state: what a write asks, checked, as a plan.

Each builder returns a ``Decide``: given the state and the chain head (a scratch copy the
commit engine owns), it checks the law's rules (``lifecycle``), the caller's credential
and signature against the ones in force at that point of the log (``Author``), and
returns the audit entries and protocol versions to write with the typed answer. Nothing
here touches the database; the store (``repository``) commits the plan or, when another
process moved the log, replays and decides again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kazpolity.administration.audit import AuditAction, AuditEntry, ChainHead, utc_now
from kazpolity.administration.canonical import canonical_hash, canonical_json
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.lifecycle import (
    ADMIN_ACTOR,
    DECISION_STATUS,
    Conflict,
    ElectionState,
    Forbidden,
    ProtocolStatus,
    Unauthorized,
)
from kazpolity.administration.register import check_register
from kazpolity.administration.seats import allocate_seats
from kazpolity.administration.signing import (
    SigningKey,
    request_message,
    signature_record,
    verify,
)
from kazpolity.administration.submission import Submission
from kazpolity.administration.submission import text as written_text
from kazpolity.errors import InputError

PARENT_ACTIONS: Mapping[str, AuditAction] = {
    "accept": AuditAction.ACCEPT, "return": AuditAction.RETURN,
    "annul": AuditAction.ANNUL, "reopen": AuditAction.REOPEN,
}


@dataclass(frozen=True, slots=True)
class Presigned:
    """A write that arrived with the commission's bearer token and its signature (HTTP).
    ``checked`` holds what was already verified before the write queued (off the commit
    lock): (key, commission, action, version, payload hash); the decision verifies again
    only if what it must check differs."""

    actor: str
    token_hash: str
    at: str
    signature: str
    checked: frozenset[tuple[str, str, str, int | None, str | None]] = frozenset()


@dataclass(frozen=True, slots=True)
class LocalSigner:
    """A write made in this process by whoever holds the key (CLI, demo, tests); the admin
    signs with the election's log key."""

    actor: str
    key: SigningKey


Author = Presigned | LocalSigner


@dataclass(frozen=True, slots=True)
class WriteAnswer:
    """The answer to one protocol write: the version it concerns and what became of it."""

    election_id: str
    commission_id: str
    version: int
    payload_hash: str | None
    status: str
    idempotent: bool
    entry_hash: str | None = None
    reported: int | None = None
    expected: int | None = None


@dataclass(frozen=True, slots=True)
class BulkAnswer:
    """How many entries a bulk write recorded, and how many were already there."""

    recorded: int
    unchanged: int = 0


@dataclass(frozen=True, slots=True)
class ElectionAnswer:
    """The answer to finalizing or reopening an election."""

    election_id: str
    finalized: bool
    entry_hash: str | None
    seats: Mapping[str, Any] | None = None
    idempotent: bool = False


Answer = WriteAnswer | BulkAnswer | ElectionAnswer


@dataclass(frozen=True)
class Plan:
    """What a decision wants written, and what to answer."""

    entries: Sequence[AuditEntry]
    versions: Sequence[dict[str, Any]]
    values: Mapping[int, tuple[int, ...]]
    answer: Answer


Decide = Callable[[ElectionState, ChainHead], Plan]


def sign_off(state: ElectionState, author: Author, *, commission_id: str, action: str,
             version: int | None, payload_hash: str | None) -> dict[str, Any]:
    """Check ``author``'s credential and signature against those in force in ``state``
    (or sign, in process); the signature record to keep in the entry. Raises
    ``Unauthorized`` for a replaced credential, a wrong key or a bad signature."""
    key = state.log_key if author.actor == ADMIN_ACTOR else None
    if author.actor != ADMIN_ACTOR:
        held = state.keys.get(author.actor)
        key = held.public_key if held is not None else None
        if isinstance(author, Presigned) and (held is None
                                              or held.token_hash != author.token_hash):
            raise Unauthorized(f"{author.actor}'s credential has been replaced")

    def message(at: str) -> bytes:
        return request_message(election_id=state.election.id, commission_id=commission_id,
                               signer=author.actor, action=str(action), version=version,
                               payload_hash=payload_hash, at=at)

    if isinstance(author, LocalSigner):
        if key is None or author.key.public_b64 != key:
            raise Unauthorized(f"the key given is not {author.actor}'s key in force")
        at = utc_now()
        return signature_record(at, author.key.sign(message(at)))
    if key is not None and (key, commission_id, str(action), version,
                            payload_hash) in author.checked:
        return signature_record(author.at, author.signature)
    if not verify(key, message(author.at), author.signature):
        raise Unauthorized(f"the signature is not {author.actor}'s over this request "
                           "(see docs/audit-chain.md, signed requests)")
    return signature_record(author.at, author.signature)


def submission_request(state: ElectionState, commission_id: str, submission: Submission) -> (
    tuple[Submission, str, int]
):
    """The submission checked against its precinct's register, its payload hash and the
    version it would be (the current one again when the payload is the same)."""
    definition = state.election
    definition.hierarchy.get(commission_id)
    checked = check_register(definition, commission_id, submission)
    payload_hash = canonical_hash(checked.payload(definition), checked=False)
    current = state.commissions.get(commission_id)
    version = 1
    if current is not None:
        version = current.version if current.payload_hash == payload_hash else (
            current.version + 1)
    return checked, payload_hash, version


@dataclass(frozen=True, slots=True)
class SignedRequest:
    """A presigned write's signature to check before it queues: the key in force, the
    message signed, and what a good signature lets the decision skip."""

    author: Presigned
    key: str
    message: bytes
    done: tuple[str, str, str, int | None, str | None]

    def checked(self) -> Presigned:
        """The author, marked as verified for this request."""
        a = self.author
        return Presigned(a.actor, a.token_hash, a.at, a.signature, a.checked | {self.done})


def signed_request(state: ElectionState, author: Author, *, commission_id: str, action: str,
                   version: int | None, payload_hash: str | None) -> SignedRequest | None:
    """The check ``prechecked`` makes, or None when there is nothing to check early (an
    in-process signer, or no key in force: the decision refuses it under the lock)."""
    if not isinstance(author, Presigned):
        return None
    held = state.keys.get(author.actor)
    if held is None or held.public_key is None:
        return None
    message = request_message(election_id=state.election.id, commission_id=commission_id,
                              signer=author.actor, action=str(action), version=version,
                              payload_hash=payload_hash, at=author.at)
    return SignedRequest(author, held.public_key, message,
                         (held.public_key, commission_id, str(action), version, payload_hash))


def prechecked(state: ElectionState, author: Author, *, commission_id: str, action: str,
               version: int | None, payload_hash: str | None) -> Author:
    """``author`` with its signature verified now against the state as it stands (outside
    the commit lock); the decision re-verifies only if the state moved meanwhile."""
    request = signed_request(state, author, commission_id=commission_id, action=action,
                             version=version, payload_hash=payload_hash)
    if request is None or not verify(request.key, request.message, request.author.signature):
        return author
    return request.checked()


def version_row(election_id: str, commission_id: str, version: int, kind: str,
                payload: dict[str, Any], payload_hash: str, detail: dict[str, Any],
                at: str) -> dict[str, Any]:
    return {
        "election_id": election_id, "commission_id": commission_id, "version": version,
        "kind": kind, "payload": canonical_json(payload, checked=False).decode("utf-8"),
        "payload_hash": payload_hash,
        "detail": canonical_json(detail, checked=False).decode("utf-8"), "created_at": at,
    }


def current_answer(state: ElectionState, commission_id: str) -> WriteAnswer:
    current = state.commissions[commission_id]
    return WriteAnswer(state.election.id, commission_id, current.version,
                       current.payload_hash, current.status, True)


def _check_repeat(commission_id: str, current_version: int, submission: Submission) -> None:
    repeat = submission.repeat
    if current_version > 0 and repeat is None:
        raise Conflict(
            f"{commission_id} already submitted version {current_version} with other "
            "numbers; a repeat protocol needs repeat.reason, repeat.authority and "
            f"repeat.supersedes={current_version}")
    if repeat is not None and repeat.supersedes != current_version:
        raise Conflict(f"repeat supersedes version {repeat.supersedes} but the current "
                       f"version is {current_version}")


def submit(definition: ElectionDefinition, author: Author, commission_id: str,
           submission: Submission, payload_hash: str | None = None) -> Decide:
    """A precinct submits (or repeats) its own count (``payload_hash`` when the caller
    already computed it)."""
    payload = submission.payload(definition)
    payload_hash = payload_hash or canonical_hash(payload, checked=False)
    detail = submission.detail()
    detail_hash = canonical_hash(detail, checked=False)
    actor = author.actor

    def decide(state: ElectionState, head: ChainHead) -> Plan:
        commission = definition.hierarchy.get(commission_id)
        if actor != commission_id:
            raise Forbidden(f"{actor} may submit only its own protocol")
        if commission.level != PRECINCT:
            raise Forbidden(f"{commission_id} is not a precinct commission")
        current = state.commissions[commission_id]
        if current.payload_hash == payload_hash:
            sign_off(state, author, commission_id=commission_id, action=AuditAction.SUBMIT,
                     version=current.version, payload_hash=payload_hash)
            return Plan([], [], {}, current_answer(state, commission_id))
        state.check_own_submission(actor, commission_id, precinct=True)
        _check_repeat(commission_id, current.version, submission)
        version = current.version + 1
        signature = sign_off(state, author, commission_id=commission_id,
                             action=AuditAction.SUBMIT, version=version,
                             payload_hash=payload_hash)
        at = utc_now()
        entry = head.append(
            actor=actor, commission_id=commission_id, action=AuditAction.SUBMIT,
            disposition="submitted-flagged" if detail["flags"] else "submitted",
            subject_hash=payload_hash,
            detail={"version": version, "detail_hash": detail_hash, "reported": 1,
                    "repeat": submission.repeat is not None, "signature": signature},
            at=at)
        row = version_row(definition.id, commission_id, version, "precinct", payload,
                          payload_hash, detail, at)
        return Plan([entry], [row], {entry.seq: submission.protocol.values},
                    WriteAnswer(definition.id, commission_id, version, payload_hash,
                                ProtocolStatus.SUBMITTED, False, entry.entry_hash))

    return decide


def bulk_submit(definition: ElectionDefinition,
                items: Sequence[tuple[Author, str, Submission]]) -> Decide:
    """Many precinct protocols in one transaction, all or nothing: each signed by its
    author — the precinct itself, or the administrator (bulk data entry, log key)."""
    seen: set[str] = set()
    prepared = []
    for author, cid, submission in items:
        if cid in seen:
            raise InputError("commission_id", f"{cid} appears twice in one batch")
        seen.add(cid)
        payload = submission.payload(definition)
        detail = submission.detail()
        prepared.append((author, cid, submission, payload,
                         canonical_hash(payload, checked=False), detail,
                         canonical_hash(detail)))

    def decide(state: ElectionState, head: ChainHead) -> Plan:
        entries: list[AuditEntry] = []
        rows: list[dict[str, Any]] = []
        values: dict[int, tuple[int, ...]] = {}
        at = utc_now()
        unchanged = 0
        for author, cid, submission, payload, payload_hash, detail, detail_hash in prepared:
            current = state.commissions.get(cid)
            if current is None:
                raise InputError("commission_id", f"no commission {cid!r}")
            if current.payload_hash == payload_hash:
                unchanged += 1
                continue
            state.check_own_submission(author.actor, cid, precinct=True)
            repeat = submission.repeat
            if current.version > 0 and (repeat is None or repeat.supersedes
                                        != current.version):
                raise Conflict(f"{cid} already has version {current.version}; a repeat "
                               "needs reason, authority and the version it supersedes")
            version = current.version + 1
            signature = sign_off(state, author, commission_id=cid, action=AuditAction.SUBMIT,
                                 version=version, payload_hash=payload_hash)
            entry = head.append(
                actor=author.actor, commission_id=cid, action=AuditAction.SUBMIT,
                disposition="submitted-flagged" if detail["flags"] else "submitted",
                subject_hash=payload_hash,
                detail={"version": version, "detail_hash": detail_hash, "reported": 1,
                        "repeat": repeat is not None, "signature": signature},
                at=at)
            entries.append(entry)
            values[entry.seq] = submission.protocol.values
            rows.append(version_row(definition.id, cid, version, "precinct", payload,
                                    payload_hash, detail, at))
        return Plan(entries, rows, values, BulkAnswer(len(entries), unchanged))

    return decide


def accept_many(definition: ElectionDefinition, author: Author,
                commission_ids: Sequence[str]) -> Decide:
    """The parent accepts many children in one transaction, each at its current version."""

    def decide(state: ElectionState, head: ChainHead) -> Plan:
        entries: list[AuditEntry] = []
        at = utc_now()
        for cid in dict.fromkeys(commission_ids):
            state.check_parent_action(author.actor, cid, "accept")
            current = state.commissions[cid]
            signature = sign_off(state, author, commission_id=cid, action=AuditAction.ACCEPT,
                                 version=current.version, payload_hash=current.payload_hash)
            entries.append(head.append(
                actor=author.actor, commission_id=cid, action=AuditAction.ACCEPT,
                disposition="accepted", subject_hash=current.payload_hash,
                detail={"version": current.version, "signature": signature}, at=at))
        return Plan(entries, [], {}, BulkAnswer(len(entries)))

    return decide


def publish(definition: ElectionDefinition, author: Author, commission_id: str) -> Decide:
    """A higher commission publishes the sum of its accepted children as its new version.
    Its signature asks for "the sum of my accepted children now" (version and payload hash
    null): the sum is the server's, and ``audit verify`` recomputes it from the signed
    children."""
    actor = author.actor

    def decide(state: ElectionState, head: ChainHead) -> Plan:
        commission = definition.hierarchy.get(commission_id)
        if actor != commission_id:
            raise Forbidden(f"{actor} may publish only its own aggregate")
        if commission.level == PRECINCT:
            raise Forbidden(f"{commission_id} is a precinct: it submits a count")
        aggregate = state.aggregate_of(commission_id)
        payload = aggregate.payload(definition.form.line_keys, definition.registration_order)
        payload_hash = canonical_hash(payload, checked=False)
        current = state.commissions[commission_id]
        if current.payload_hash == payload_hash:
            sign_off(state, author, commission_id=commission_id, action=AuditAction.PUBLISH,
                     version=None, payload_hash=None)
            return Plan([], [], {}, current_answer(state, commission_id))
        state.check_own_submission(actor, commission_id, precinct=False)
        version = current.version + 1
        signature = sign_off(state, author, commission_id=commission_id,
                             action=AuditAction.PUBLISH, version=None, payload_hash=None)
        at = utc_now()
        detail = {"reported": aggregate.reported, "expected": aggregate.expected}
        entry = head.append(
            actor=actor, commission_id=commission_id, action=AuditAction.PUBLISH,
            disposition="published", subject_hash=payload_hash,
            detail={"version": version, "detail_hash": canonical_hash(detail),
                    "reported": aggregate.reported, "signature": signature},
            at=at)
        row = version_row(definition.id, commission_id, version, "aggregate", payload,
                          payload_hash, detail, at)
        return Plan([entry], [row], {entry.seq: aggregate.values},
                    WriteAnswer(definition.id, commission_id, version, payload_hash,
                                ProtocolStatus.SUBMITTED, False, entry.entry_hash,
                                aggregate.reported, aggregate.expected))

    return decide


def parent_decision(definition: ElectionDefinition, author: Author, commission_id: str,
                    action: str, version: int, reason: str | None) -> Decide:
    """The parent accepts, returns, annuls or reopens a child's protocol version. The same
    decision repeated on the same version (a lost answer) is answered again, unchanged."""
    if action not in PARENT_ACTIONS:
        raise InputError("action", f"unknown action {action!r}")
    logged = PARENT_ACTIONS[action]
    why = "" if action == "accept" else written_text(reason, "reason")
    outcome = DECISION_STATUS[logged]

    def decide(state: ElectionState, head: ChainHead) -> Plan:
        current = state.commissions.get(commission_id)
        parent = definition.hierarchy.get(commission_id).parent_id
        if (current is not None and parent == author.actor and current.version == version
                and current.status == outcome):
            sign_off(state, author, commission_id=commission_id, action=logged,
                     version=version, payload_hash=current.payload_hash)
            return Plan([], [], {}, current_answer(state, commission_id))
        state.check_parent_action(author.actor, commission_id, action)
        current = state.commissions[commission_id]
        if version != current.version:
            raise Conflict(f"version {version} is not {commission_id}'s current version "
                           f"{current.version}")
        signature = sign_off(state, author, commission_id=commission_id, action=logged,
                             version=version, payload_hash=current.payload_hash)
        detail: dict[str, Any] = {"version": version, "signature": signature}
        if why:
            detail["reason"] = why
        entry = head.append(actor=author.actor, commission_id=commission_id, action=logged,
                            disposition=str(outcome), subject_hash=current.payload_hash,
                            detail=detail)
        return Plan([entry], [], {}, WriteAnswer(
            definition.id, commission_id, version, current.payload_hash, outcome, False,
            entry.entry_hash))

    return decide


def finalize(definition: ElectionDefinition, author: Author) -> Decide:
    """The central commission closes the election on its current aggregate."""

    def decide(state: ElectionState, head: ChainHead) -> Plan:
        root = state.commissions[definition.hierarchy.root_id]
        if state.finalized and author.actor == definition.hierarchy.root_id:
            sign_off(state, author, commission_id=author.actor, action=AuditAction.FINALIZE,
                     version=root.version, payload_hash=root.payload_hash)
            return Plan([], [], {}, ElectionAnswer(definition.id, True, None,
                                                   state.final_seats, idempotent=True))
        state.check_finalize(author.actor)
        assert root.values is not None
        signature = sign_off(state, author, commission_id=author.actor,
                             action=AuditAction.FINALIZE, version=root.version,
                             payload_hash=root.payload_hash)
        seats = allocate_seats(state.election, root.values)
        entry = head.append(
            actor=author.actor, commission_id=author.actor, action=AuditAction.FINALIZE,
            disposition="finalized", subject_hash=root.payload_hash,
            detail={"version": root.version, "seats": seats, "signature": signature})
        return Plan([entry], [], {}, ElectionAnswer(definition.id, True, entry.entry_hash,
                                                    seats))

    return decide


def reopen_election(definition: ElectionDefinition, author: Author,
                    reason: str | None) -> Decide:
    """The central commission reopens a finalized election, with a reason."""
    why = written_text(reason, "reason")

    def decide(state: ElectionState, head: ChainHead) -> Plan:
        state.check_election_reopen(author.actor)
        signature = sign_off(state, author, commission_id=author.actor,
                             action=AuditAction.ELECTION_REOPEN, version=None,
                             payload_hash=None)
        entry = head.append(
            actor=author.actor, commission_id=author.actor,
            action=AuditAction.ELECTION_REOPEN, disposition="reopened", subject_hash=None,
            detail={"reason": why, "signature": signature})
        return Plan([entry], [], {}, ElectionAnswer(definition.id, False, entry.entry_hash))

    return decide
