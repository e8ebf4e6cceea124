"""The administration store as a commit engine: runtimes, group commit, catch-up.

Writes are append-only. Each change is decided (``store.decisions``) against the
in-memory replayed state under a per-election lock, then written in one transaction
together with its audit entries; the transaction first takes the database's write lock
(SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock) and checks that the log's head is
still the one the decision was made on (another process may share the database): if not,
the newer entries are read and applied, and the decision made again — so a credential
replaced by another process fails on its very next use. The in-memory state changes only
after the commit. Reads catch up with the database's head first (``fresh``).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from kazpolity.administration.audit import AuditAction, AuditEntry, ChainHead, utc_now
from kazpolity.administration.canonical import canonical_json
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.lifecycle import (
    ADMIN_ACTOR,
    VERSION_ACTIONS,
    ElectionState,
)
from kazpolity.administration.merkle import MerkleLog, leaf_hash
from kazpolity.administration.register import check_register
from kazpolity.administration.replay import ReplayResult, record_values
from kazpolity.administration.signing import SigningKey, credential_hash
from kazpolity.administration.store import decisions, read_models
from kazpolity.administration.store.credentials import CommissionCredential, hash_token
from kazpolity.administration.store.decisions import (
    Answer,
    Author,
    BulkAnswer,
    Decide,
    ElectionAnswer,
    LocalSigner,
    Plan,
    WriteAnswer,
)
from kazpolity.administration.store.engine import make_engine, migrate
from kazpolity.administration.store.keys import load_log_key, save_log_key
from kazpolity.administration.store.read_models import tree_of
from kazpolity.administration.store.rows import HeadMoved, insert_rows, lock_and_check_head
from kazpolity.administration.store.schema import (
    audit_log,
    commissions,
    credentials,
    elections,
    protocol_versions,
)
from kazpolity.administration.store.settings import database_url
from kazpolity.administration.store.signature_batch import SignatureBatch
from kazpolity.administration.store.signature_process import SignatureProcess
from kazpolity.administration.submission import Submission
from kazpolity.errors import InputError, KazpolityError

MAX_ATTEMPTS = 20
_A = TypeVar("_A", WriteAnswer, BulkAnswer, ElectionAnswer)


class Unavailable(KazpolityError):
    """The database did not answer in time or is down: transient, retry (503)."""


@dataclass
class _Ticket:
    decide: Decide
    result: Answer | None = None
    error: BaseException | None = None
    done: bool = False


@dataclass
class Runtime:
    """One election's replayed state and Merkle log, held by a server process."""

    state: ElectionState
    tree: MerkleLog
    lock: threading.Lock = field(default_factory=threading.Lock)
    pending_lock: threading.Lock = field(default_factory=threading.Lock)
    pending: list[_Ticket] = field(default_factory=list)
    async_pending: list[tuple[_Ticket, asyncio.Future[Answer]]] = field(default_factory=list)
    async_flushing: bool = False
    signature_checks: SignatureBatch = field(default_factory=SignatureBatch)
    flush_task: asyncio.Task[None] | None = None
    _token_index: tuple[tuple[int, int], dict[str, str]] | None = None

    @property
    def definition(self) -> ElectionDefinition:
        return self.state.election

    def token_owner(self, digest: str) -> str | None:
        """The commission whose credential in force has this token hash (an index rebuilt
        only when a credential changes)."""
        state = self.state
        index = self._token_index
        if index is None or index[0] != (id(state), state.keys_version):
            mapping = {key.token_hash: cid for cid, key in state.keys.items()
                       if key.token_hash is not None}
            index = self._token_index = ((id(state), state.keys_version), mapping)
        return index[1].get(digest)


class AdministrationStore:
    """Open the store at ``url`` (default: see ``store.settings``); ``migrate_schema``
    brings the schema to the newest revision, which needs DDL rights (``admin migrate``)."""

    def __init__(self, url: str | None = None, *, migrate_schema: bool = True,
                 signature_helper: SignatureProcess | None = None) -> None:
        self.url = database_url(url)
        self.signature_helper = signature_helper
        self.writer: Engine = make_engine(self.url, writer=True)
        self.reader: Engine = (
            make_engine(self.url, writer=False) if self.url.startswith("sqlite") else self.writer
        )
        self.dialect = self.writer.dialect.name
        if migrate_schema:
            migrate(self.writer)
        self._runtimes: dict[str, Runtime] = {}
        self._runtimes_lock = threading.Lock()

    def close(self) -> None:
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()

    # ----- loading and catching up -------------------------------------------------------

    def list_elections(self) -> list[read_models.ElectionListing]:
        return read_models.list_elections(self.reader)

    def load_definition(self, election_id: str) -> tuple[ElectionDefinition, str, str]:
        with self.reader.connect() as conn:
            return read_models.load_definition(conn, election_id)

    def replay(self, election_id: str, *, strict: bool = False) -> ReplayResult:
        return read_models.replay_election(self.reader, election_id, strict=strict)

    def _load_runtime(self, election_id: str) -> Runtime:
        result = self.replay(election_id)
        return Runtime(result.state, result.tree,
                       signature_checks=SignatureBatch(self.signature_helper))

    def runtime(self, election_id: str) -> Runtime:
        rt = self._runtimes.get(election_id)
        if rt is None:
            with self._runtimes_lock:
                rt = self._runtimes.get(election_id)
                if rt is None:
                    rt = self._guarded(self._load_runtime, election_id)
                    self._runtimes[election_id] = rt
        return rt

    def fresh(self, election_id: str) -> Runtime:
        """The runtime caught up with the database's log head (one indexed query when
        nothing changed), so that no process answers from an older state."""
        rt = self.runtime(election_id)
        head = self._guarded(self._head_seq, election_id)
        if head != rt.state.head.seq:
            with rt.lock:
                self._guarded(self._catch_up, rt)
        return rt

    def _head_seq(self, election_id: str) -> int:
        with self.reader.connect() as conn:
            return int(conn.execute(select(func.max(audit_log.c.seq))
                                    .where(audit_log.c.election_id == election_id))
                       .scalar() or 0)

    def _catch_up(self, rt: Runtime) -> None:
        """Apply the entries another process appended since this runtime's head."""
        election_id = rt.definition.id
        with self.reader.connect() as conn:
            entries = list(read_models.stream_entries(conn, election_id, rt.state.head.seq))
            wanted = {(e.commission_id, int(e.detail["version"])) for e in entries
                      if e.action in VERSION_ACTIONS}
            versions = read_models.versions_of(conn, election_id, wanted)
        state = rt.state.scratch()
        for entry in entries:
            values = None
            if entry.action in VERSION_ACTIONS:
                record = versions.get((entry.commission_id, int(entry.detail["version"])))
                if record is None:
                    raise HeadMoved
                values = record_values(rt.definition, record)
            state.apply(entry, values)
        rt.state.merge(state)
        for entry in entries:
            rt.tree.append(leaf_hash(bytes.fromhex(entry.entry_hash)))

    def _guarded(self, call: Any, *args: Any) -> Any:
        """Run ``call``; a database that is down or locked becomes ``Unavailable``."""
        try:
            return call(*args)
        except (OperationalError, DBAPIError) as err:
            if isinstance(err, IntegrityError):
                raise
            raise Unavailable("the store is unavailable; retry shortly") from None

    # ----- credentials -----------------------------------------------------------------

    def authenticate(self, election_id: str, token: str) -> str | None:
        """The commission a bearer token belongs to in ``election_id``, or None. Only a
        first filter: every write checks the credential again at the log's head."""
        rt = self.runtime(election_id)
        digest = hash_token(token)
        cid = rt.token_owner(digest)
        if cid is None:
            self.fresh(election_id)
            cid = rt.token_owner(digest)
        return cid

    def log_key(self, election_id: str) -> SigningKey:
        key = load_log_key(self.url, election_id)
        if key is None:
            raise InputError("log key", f"no log key for election {election_id!r} in the "
                             "keys directory (KAZPOLITY_KEYS_DIR)")
        return key

    def admin(self, election_id: str) -> LocalSigner:
        """The administrator, signing with the election's log key."""
        return LocalSigner(ADMIN_ACTOR, self.log_key(election_id))

    # ----- the commit engine -----------------------------------------------------------

    def write(self, election_id: str, decide: Decide) -> Answer:
        """Decide and commit one change. Concurrent callers are committed together: whoever
        holds the election's lock takes every pending decision into one transaction
        (group commit); each caller gets its own answer or error only after the commit."""
        rt = self.runtime(election_id)
        ticket = _Ticket(decide)
        with rt.pending_lock:
            rt.pending.append(ticket)
        with rt.lock:
            if not ticket.done:
                with rt.pending_lock:
                    batch, rt.pending = rt.pending, []
                self._run_batch(rt, batch)
        if ticket.error is not None:
            raise ticket.error
        assert ticket.result is not None
        return ticket.result

    async def write_async(self, election_id: str, decide: Decide) -> Answer:
        """``write`` for an event loop: requests arriving while a batch commits in a worker
        thread form the next batch, so a burst costs one thread hop per batch."""
        rt = self.runtime(election_id)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Answer] = loop.create_future()
        rt.async_pending.append((_Ticket(decide), future))
        if not rt.async_flushing:
            rt.async_flushing = True
            rt.flush_task = loop.create_task(self._flush_async(rt))
        return await future

    async def _flush_async(self, rt: Runtime) -> None:
        try:
            while rt.async_pending:
                batch, rt.async_pending = rt.async_pending, []
                tickets = [ticket for ticket, _ in batch]
                try:
                    await asyncio.to_thread(self._run_locked, rt, tickets)
                except Exception as err:  # an unexpected failure answers every request
                    for ticket in tickets:
                        ticket.error = ticket.error or err
                for ticket, future in batch:
                    if future.done():
                        continue
                    if ticket.error is not None:
                        future.set_exception(ticket.error)
                    elif ticket.result is not None:
                        future.set_result(ticket.result)
                    else:
                        future.set_exception(Unavailable("the write was not made; retry"))
        finally:
            rt.async_flushing = False

    def _run_locked(self, rt: Runtime, tickets: list[_Ticket]) -> None:
        with rt.lock:
            self._run_batch(rt, tickets)

    def _decide_all(self, rt: Runtime, batch: list[_Ticket]) -> tuple[
        ElectionState, list[tuple[_Ticket, Plan]]
    ]:
        scratch = rt.state.scratch()
        planned: list[tuple[_Ticket, Plan]] = []
        for ticket in batch:
            ticket.error = None
            try:
                plan = ticket.decide(scratch, scratch.head)
            except Exception as err:  # the error goes back to its caller
                ticket.error = err
                continue
            for entry in plan.entries:
                scratch.apply(entry, plan.values.get(entry.seq))
            planned.append((ticket, plan))
        return scratch, planned

    def _run_batch(self, rt: Runtime, batch: list[_Ticket]) -> None:
        try:
            self._commit_batch(rt, batch)
        except Exception as err:
            for ticket in batch:
                if not ticket.done:
                    ticket.error = ticket.error or err
        finally:
            for ticket in batch:
                if not ticket.done and ticket.error is None and ticket.result is None:
                    ticket.error = Unavailable("the write was not made; retry")
                ticket.done = True

    def _commit_batch(self, rt: Runtime, batch: list[_Ticket]) -> None:
        election_id = rt.definition.id
        for _ in range(MAX_ATTEMPTS):
            scratch, planned = self._decide_all(rt, batch)
            entries = [e for _, plan in planned for e in plan.entries]
            versions = [v for _, plan in planned for v in plan.versions]
            if entries:
                try:
                    with self.writer.begin() as conn:
                        lock_and_check_head(conn, election_id, rt.state.head.seq)
                        insert_rows(conn, protocol_versions, versions)
                        insert_rows(conn, audit_log, [e.to_row() for e in entries])
                except (HeadMoved, IntegrityError):
                    self._guarded(self._catch_up_or_reload, rt)
                    continue
                except (OperationalError, DBAPIError):
                    for ticket in batch:
                        ticket.error = ticket.error or Unavailable(
                            "the store is unavailable; retry shortly")
                    return
                rt.state.merge(scratch)
                for entry in entries:
                    rt.tree.append(leaf_hash(bytes.fromhex(entry.entry_hash)))
            for ticket, plan in planned:
                ticket.result = plan.answer
            return
        for ticket in batch:
            ticket.error = Unavailable("the store changed under this request too often; retry")

    def _catch_up_or_reload(self, rt: Runtime) -> None:
        try:
            self._catch_up(rt)
        except HeadMoved:
            fresh = self._load_runtime(rt.definition.id)
            rt.state, rt.tree = fresh.state, fresh.tree

    # ----- creating elections and credentials ------------------------------------------

    def create_election(self, definition: ElectionDefinition) -> str:
        """Store a new election and its commissions; log ``election.create`` with the
        election's new log public key, signed by that key (kept in the keys directory)."""
        from kazpolity.administration.signing import request_message, signature_record

        log_key = SigningKey.generate()
        at = utc_now()
        head = ChainHead(definition.id)
        digest = definition.definition_hash()
        root = definition.hierarchy.root_id
        message = request_message(election_id=definition.id, commission_id=root,
                                  signer=ADMIN_ACTOR, action=AuditAction.CREATE, version=None,
                                  payload_hash=digest, at=at)
        entry = head.append(
            actor=ADMIN_ACTOR, commission_id=root, action=AuditAction.CREATE,
            disposition="created", subject_hash=digest,
            detail={"mode": definition.mode, "commissions": len(definition.hierarchy.order),
                    "log_key": log_key.public_b64,
                    "signature": signature_record(at, log_key.sign(message))},
            at=at)
        try:
            with self.writer.begin() as conn:
                conn.execute(insert(elections), {
                    "id": definition.id, "election_type": definition.election_type,
                    "election_date": definition.on.isoformat(), "mode": definition.mode,
                    "definition": canonical_json(definition.to_json()).decode("utf-8"),
                    "definition_hash": digest, "created_at": at,
                })
                conn.execute(insert(commissions), _commission_rows(definition))
                conn.execute(insert(audit_log), [entry.to_row()])
                save_log_key(self.url, definition.id, log_key)
        except IntegrityError as err:
            raise InputError("election_id", f"election {definition.id!r} already exists") from err
        return entry.entry_hash

    def issue_credentials(
        self, election_id: str, commission_ids: Iterable[str] | None = None
    ) -> dict[str, CommissionCredential]:
        """New tokens and signing keys for ``commission_ids`` (default: all); the store
        keeps the token's hash and the public key. A new credential replaces the old one."""
        rt = self.runtime(election_id)
        h = rt.definition.hierarchy
        ids = list(commission_ids) if commission_ids is not None else list(h.order)
        for cid in ids:
            h.get(cid)
        issued = {cid: CommissionCredential.generate() for cid in ids}
        admin = self.admin(election_id)
        with rt.lock:
            for _ in range(MAX_ATTEMPTS):
                try:
                    entries = self._issue(rt, admin, issued)
                except (HeadMoved, IntegrityError):
                    self._guarded(self._catch_up_or_reload, rt)
                    continue
                except (OperationalError, DBAPIError):
                    raise Unavailable("the store is unavailable; retry shortly") from None
                for entry in entries:
                    rt.state.apply(entry)
                    rt.tree.append(leaf_hash(bytes.fromhex(entry.entry_hash)))
                return issued
        raise Unavailable("the store changed under this request too often; retry")

    def _issue(self, rt: Runtime, admin: LocalSigner,
               issued: dict[str, CommissionCredential]) -> list[AuditEntry]:
        election_id = rt.definition.id
        scratch = rt.state.scratch()
        at = utc_now()
        with self.writer.begin() as conn:
            lock_and_check_head(conn, election_id, rt.state.head.seq)
            start = int(conn.execute(select(func.max(credentials.c.id))).scalar() or 0)
            rows: list[dict[str, Any]] = []
            entries: list[AuditEntry] = []
            for offset, (cid, credential) in enumerate(issued.items(), start=1):
                digest = hash_token(credential.token)
                public = credential.key.public_b64
                signature = decisions.sign_off(
                    scratch, admin, commission_id=cid, action=AuditAction.CREDENTIAL,
                    version=None, payload_hash=credential_hash(digest, public))
                rows.append({"id": start + offset, "election_id": election_id,
                             "commission_id": cid, "token_hash": digest, "created_at": at})
                entries.append(scratch.head.append(
                    actor=ADMIN_ACTOR, commission_id=cid, action=AuditAction.CREDENTIAL,
                    disposition="issued", subject_hash=digest,
                    detail={"credential_id": start + offset, "public_key": public,
                            "signature": signature}, at=at))
            conn.execute(insert(credentials), rows)
            conn.execute(insert(audit_log), [e.to_row() for e in entries])
        return entries

    # ----- protocol changes ------------------------------------------------------------

    def submit_protocol(self, election_id: str, author: Author, commission_id: str,
                        submission: Submission) -> WriteAnswer:
        """Record a precinct's protocol (or its repeat) as a new immutable version."""
        return _as(self.write(election_id, self._submit(
            election_id, author, commission_id, submission)), WriteAnswer)

    async def submit_protocol_async(self, election_id: str, author: Author,
                                    commission_id: str, submission: Submission) -> WriteAnswer:
        """``submit_protocol`` for an event loop: the signature checked and the write made
        in batches, one thread hop per batch."""
        rt, checked, payload_hash, version = self._submission(election_id, commission_id,
                                                              submission)
        author = await rt.signature_checks.prechecked(
            rt.state, author, commission_id=commission_id, action=AuditAction.SUBMIT,
            version=version, payload_hash=payload_hash)
        return _as(await self.write_async(election_id, decisions.submit(
            rt.definition, author, commission_id, checked, payload_hash)), WriteAnswer)

    def _submit(self, election_id: str, author: Author, commission_id: str,
                submission: Submission) -> Decide:
        rt, checked, payload_hash, version = self._submission(election_id, commission_id,
                                                              submission)
        author = decisions.prechecked(rt.state, author, commission_id=commission_id,
                                      action=AuditAction.SUBMIT, version=version,
                                      payload_hash=payload_hash)
        return decisions.submit(rt.definition, author, commission_id, checked, payload_hash)

    def _submission(self, election_id: str, commission_id: str, submission: Submission) -> (
        tuple[Runtime, Submission, str, int]
    ):
        rt = self.runtime(election_id)
        return (rt, *decisions.submission_request(rt.state, commission_id, submission))

    def submit_many(self, election_id: str, items: Sequence[tuple[str, Submission]],
                    signer: Callable[[str], Author] | None = None) -> BulkAnswer:
        """Record many precinct protocols in one transaction (bulk import, the demo,
        benchmarks), all or nothing. ``signer`` gives each precinct's author; without it
        the administrator enters them, signing with the log key."""
        definition = self.runtime(election_id).definition
        if signer is None:
            admin = self.admin(election_id)

            def signer(_cid: str) -> Author:
                return admin

        checked: list[tuple[Author, str, Submission]] = []
        for cid, submission in items:
            definition.hierarchy.get(cid)
            checked.append((signer(cid), cid, check_register(definition, cid, submission)))
        decide = decisions.bulk_submit(definition, checked)
        return _as(self.write(election_id, decide), BulkAnswer)

    def decide_many(self, election_id: str, author: Author,
                    commission_ids: Sequence[str]) -> BulkAnswer:
        """The parent accepts many children in one transaction, each at its version."""
        decide = decisions.accept_many(self.runtime(election_id).definition, author,
                                       commission_ids)
        return _as(self.write(election_id, decide), BulkAnswer)

    def publish_aggregate(self, election_id: str, author: Author,
                          commission_id: str) -> WriteAnswer:
        """Publish the sum of a higher commission's accepted children as its new version."""
        decide = decisions.publish(self.runtime(election_id).definition, author,
                                   commission_id)
        return _as(self.write(election_id, decide), WriteAnswer)

    def parent_action(self, election_id: str, author: Author, commission_id: str,
                      action: str, version: int, reason: str | None) -> WriteAnswer:
        """``accept``, ``return``, ``annul`` or ``reopen`` a child's protocol (the parent)."""
        decide = decisions.parent_decision(self.runtime(election_id).definition, author,
                                           commission_id, action, version, reason)
        return _as(self.write(election_id, decide), WriteAnswer)

    async def parent_action_async(self, election_id: str, author: Author,
                                  commission_id: str, action: str, version: int,
                                  reason: str | None) -> WriteAnswer:
        """``parent_action`` for an event loop (batched)."""
        rt = self.runtime(election_id)
        current = rt.state.commissions.get(commission_id)
        if action in decisions.PARENT_ACTIONS and current is not None:
            author = await rt.signature_checks.prechecked(
                rt.state, author, commission_id=commission_id,
                action=decisions.PARENT_ACTIONS[action], version=version,
                payload_hash=current.payload_hash)
        decide = decisions.parent_decision(rt.definition, author, commission_id, action,
                                           version, reason)
        return _as(await self.write_async(election_id, decide), WriteAnswer)

    def finalize(self, election_id: str, author: Author) -> ElectionAnswer:
        """The central commission closes the election on its current aggregate."""
        decide = decisions.finalize(self.runtime(election_id).definition, author)
        return _as(self.write(election_id, decide), ElectionAnswer)

    def reopen_election(self, election_id: str, author: Author, reason: str | None) -> (
        ElectionAnswer
    ):
        decide = decisions.reopen_election(self.runtime(election_id).definition, author,
                                           reason)
        return _as(self.write(election_id, decide), ElectionAnswer)

    # ----- reading ---------------------------------------------------------------------

    def history(self, election_id: str, commission_id: str) -> read_models.ProtocolHistory:
        """Every version and every logged change of one commission's protocol."""
        return read_models.history(self.reader, self.fresh(election_id).state, commission_id)


def _as(answer: Answer, kind: type[_A]) -> _A:
    if not isinstance(answer, kind):
        raise TypeError(f"expected {kind.__name__}, the decision answered {answer!r}")
    return answer


def _commission_rows(definition: ElectionDefinition) -> list[dict[str, Any]]:
    return [
        {"election_id": definition.id, "id": cid, "ordinal": i, "level": c.level,
         "parent_id": c.parent_id, "name": c.name, "region_code": c.region_code,
         "voters_on_list": c.voters_on_list,
         "members": canonical_json([m.to_json() for m in c.members]).decode("utf-8")}
        for i, cid in enumerate(definition.hierarchy.order)
        for c in (definition.hierarchy.commissions[cid],)
    ]


def snapshot(store: AdministrationStore, election_id: str) -> tuple[
    ElectionState, list[AuditEntry], MerkleLog
]:
    """A consistent copy of the election's state with its log up to the same head (the
    lock is held only to copy references: states are replaced, never changed in place)."""
    rt = store.fresh(election_id)
    with rt.lock:
        state = rt.state
        copy = ElectionState(state.election, state.head.copy(), dict(state.commissions),
                             state.finalized, state.final_seats, dict(state.keys),
                             state.log_key)
    with store.reader.connect() as conn:
        entries = [e for e in read_models.stream_entries(conn, election_id)
                   if e.seq <= copy.head.seq]
    return copy, entries, tree_of(entries)
