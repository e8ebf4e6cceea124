"""The administration store: elections, credentials, protocol versions and the audit log.

Writes are append-only. Each change is decided against the in-memory replayed state under
a per-election lock, then written in one transaction together with its audit entries; the
transaction first takes the database's write lock (SQLite ``BEGIN IMMEDIATE``, a PostgreSQL
advisory lock) and checks that the log's head is still the one the decision was made on
(another process may share the database): if not, the state is replayed again and the
decision retried. The in-memory state changes only after the commit.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
import threading
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from kazpolity.administration.audit import AuditEntry, ChainHead, utc_now
from kazpolity.administration.canonical import canonical_hash, canonical_json
from kazpolity.administration.election import BallotOption, ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT, Commission, Hierarchy, Member
from kazpolity.administration.lifecycle import (
    ADMIN_ACTOR,
    Conflict,
    ElectionState,
    Forbidden,
)
from kazpolity.administration.replay import ReplayResult, VersionRecord, replay
from kazpolity.administration.seats import allocate_seats
from kazpolity.administration.store.engine import make_engine, migrate
from kazpolity.administration.store.schema import (
    audit_log,
    commissions,
    credentials,
    elections,
    protocol_versions,
)
from kazpolity.administration.store.settings import database_url
from kazpolity.administration.submission import Submission
from kazpolity.administration.submission import text as written_text
from kazpolity.errors import InputError, NotFound

MAX_ATTEMPTS = 5
STREAM_ROWS = 5000


def hash_token(token: str) -> str:
    """Credentials are stored only as SHA-256 of the token (256 random bits, so a fast hash
    is enough: there is nothing to brute-force)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Plan:
    """What a decision wants written, and what to answer."""

    entries: Sequence[AuditEntry]
    versions: Sequence[dict[str, Any]]
    values: Mapping[int, tuple[int, ...]]
    result: dict[str, Any]


class _Stale(Exception):
    pass


@dataclass
class _Ticket:
    decide: Callable[[ElectionState, ChainHead], Plan]
    result: dict[str, Any] | None = None
    error: BaseException | None = None
    done: bool = False


@dataclass
class Runtime:
    """One election's replayed state and credentials, held by a server process."""

    state: ElectionState
    token_to_commission: dict[str, str]
    lock: threading.Lock = field(default_factory=threading.Lock)
    pending_lock: threading.Lock = field(default_factory=threading.Lock)
    pending: list[_Ticket] = field(default_factory=list)
    async_pending: list[tuple[_Ticket, asyncio.Future[dict[str, Any]]]] = field(
        default_factory=list)
    async_flushing: bool = False
    flush_task: asyncio.Task[None] | None = None

    @property
    def definition(self) -> ElectionDefinition:
        return self.state.election


def _version_row(
    election_id: str,
    commission_id: str,
    version: int,
    kind: str,
    payload: dict[str, Any],
    payload_hash: str,
    detail: dict[str, Any],
    at: str,
) -> dict[str, Any]:
    return {
        "election_id": election_id,
        "commission_id": commission_id,
        "version": version,
        "kind": kind,
        "payload": canonical_json(payload, checked=False).decode("utf-8"),
        "payload_hash": payload_hash,
        "detail": canonical_json(detail, checked=False).decode("utf-8"),
        "created_at": at,
    }


def _answer(election_id: str, commission_id: str, version: int, payload_hash: str | None,
            status: str, idempotent: bool) -> dict[str, Any]:
    return {
        "election_id": election_id,
        "commission_id": commission_id,
        "version": version,
        "payload_hash": payload_hash,
        "status": status,
        "idempotent": idempotent,
    }


class AdministrationStore:
    """Open (and migrate) the store at ``url`` (default: see ``store.settings``)."""

    def __init__(self, url: str | None = None, *, migrate_schema: bool = True) -> None:
        self.url = database_url(url)
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

    # ----- loading ---------------------------------------------------------------------

    def list_elections(self) -> list[dict[str, Any]]:
        with self.reader.connect() as conn:
            rows = conn.execute(select(elections).order_by(elections.c.id)).mappings().all()
        return [
            {"id": r["id"], "election_type": r["election_type"], "date": r["election_date"],
             "mode": r["mode"]}
            for r in rows
        ]

    def load_definition(self, election_id: str, conn: Connection | None = None) -> tuple[
        ElectionDefinition, str, str
    ]:
        """The election as stored, its stored definition hash and the recomputed one."""
        if conn is None:
            with self.reader.connect() as own:
                return self.load_definition(election_id, own)
        row = conn.execute(
            select(elections).where(elections.c.id == election_id)
        ).mappings().first()
        if row is None:
            raise NotFound("election_id", f"no election {election_id!r}")
        definition = json.loads(row["definition"])
        rows = conn.execute(
            select(commissions)
            .where(commissions.c.election_id == election_id)
            .order_by(commissions.c.ordinal)
        ).mappings().all()
        commission_list = [
            Commission(
                id=r["id"], level=r["level"], parent_id=r["parent_id"], name=r["name"],
                region_code=r["region_code"], voters_on_list=r["voters_on_list"],
                members=tuple(
                    Member(
                        name=m["name"], nominated_by=m["nominated_by"],
                        elected_by=m["elected_by"],
                        term_from=date.fromisoformat(m["term_from"]),
                        term_until=date.fromisoformat(m["term_until"]),
                    )
                    for m in json.loads(r["members"])
                ),
            )
            for r in rows
        ]
        hierarchy = Hierarchy.build(definition["levels"], commission_list)
        election = ElectionDefinition(
            id=definition["id"],
            election_type=definition["election_type"],
            on=date.fromisoformat(definition["date"]),
            mode=definition["mode"],
            options=tuple(BallotOption(o["id"], o["name"]) for o in definition["options"]),
            against_all=bool(definition["against_all"]),
            hierarchy=hierarchy,
        )
        return election, row["definition_hash"], election.definition_hash()

    def replay(self, election_id: str, *, strict: bool = False) -> ReplayResult:
        """Replay the log streaming entries and versions (two cursors), so memory holds
        the state, not the history."""
        with self.reader.connect() as conn, self.reader.connect() as version_conn:
            definition, stored_hash, recomputed = self.load_definition(election_id, conn)
            creds = {
                int(r["id"]): (r["commission_id"], r["token_hash"])
                for r in conn.execute(
                    select(credentials).where(credentials.c.election_id == election_id)
                ).mappings()
            }
            entries = (
                AuditEntry.from_row(r)
                for r in conn.execution_options(yield_per=STREAM_ROWS).execute(
                    select(audit_log)
                    .where(audit_log.c.election_id == election_id)
                    .order_by(audit_log.c.seq)
                ).mappings()
            )
            versions = (
                VersionRecord.from_row(r)
                for r in version_conn.execution_options(yield_per=STREAM_ROWS).execute(
                    select(protocol_versions)
                    .where(protocol_versions.c.election_id == election_id)
                    .order_by(protocol_versions.c.id)
                ).mappings()
            )
            result = replay(
                definition, entries, versions, strict=strict,
                allocate=allocate_seats if strict else None,
                credential_hashes=creds if strict else None,
                definition_hash=recomputed if strict else None,
            )
        if strict and stored_hash != recomputed:
            result.problems.insert(0, f"election {election_id}: stored definition hash "
                                   "differs from its recomputed hash")
        return result

    def _load_runtime(self, election_id: str) -> Runtime:
        result = self.replay(election_id)
        with self.reader.connect() as conn:
            rows = conn.execute(
                select(credentials.c.commission_id, credentials.c.token_hash)
                .where(credentials.c.election_id == election_id)
                .order_by(credentials.c.id)
            ).all()
        latest: dict[str, str] = {}
        for commission_id, token_hash in rows:
            latest[commission_id] = token_hash
        return Runtime(result.state, {h: cid for cid, h in latest.items()})

    def runtime(self, election_id: str) -> Runtime:
        rt = self._runtimes.get(election_id)
        if rt is None:
            with self._runtimes_lock:
                rt = self._runtimes.get(election_id)
                if rt is None:
                    rt = self._load_runtime(election_id)
                    self._runtimes[election_id] = rt
        return rt

    def _refresh(self, rt: Runtime) -> None:
        fresh = self._load_runtime(rt.definition.id)
        rt.state = fresh.state
        rt.token_to_commission = fresh.token_to_commission

    # ----- credentials -----------------------------------------------------------------

    def authenticate(self, election_id: str, token: str) -> str | None:
        """The commission a bearer token belongs to in ``election_id``, or None."""
        rt = self.runtime(election_id)
        digest = hash_token(token)
        cid = rt.token_to_commission.get(digest)
        if cid is None:
            # Perhaps a credential issued by another process after this one loaded the
            # election: one indexed lookup (never a replay, so unknown tokens stay cheap).
            cid = self._lookup_credential(election_id, digest)
            if cid is not None:
                mapping = {h: c for h, c in rt.token_to_commission.items() if c != cid}
                mapping[digest] = cid
                rt.token_to_commission = mapping
        return cid

    def _lookup_credential(self, election_id: str, digest: str) -> str | None:
        """The commission of a stored credential hash, if it is that commission's newest."""
        with self.reader.connect() as conn:
            row = conn.execute(
                select(credentials.c.id, credentials.c.commission_id).where(
                    credentials.c.election_id == election_id,
                    credentials.c.token_hash == digest,
                )
            ).first()
            if row is None:
                return None
            newest = conn.execute(
                select(func.max(credentials.c.id)).where(
                    credentials.c.election_id == election_id,
                    credentials.c.commission_id == row.commission_id,
                )
            ).scalar()
        return str(row.commission_id) if newest == row.id else None

    # ----- writing ---------------------------------------------------------------------

    def _lock_database(self, conn: Connection, election_id: str) -> None:
        if self.dialect == "postgresql":
            key = zlib.crc32(election_id.encode("utf-8"))
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})

    def _lock_and_check_head(self, conn: Connection, election_id: str, head_seq: int) -> None:
        """Take the election's lock and make sure nobody appended since ``head_seq``."""
        self._lock_database(conn, election_id)
        current = conn.execute(
            select(func.max(audit_log.c.seq)).where(audit_log.c.election_id == election_id)
        ).scalar()
        if int(current or 0) != head_seq:
            raise _Stale

    def _write(self, election_id: str, decide: Callable[[ElectionState, ChainHead], Plan]) -> (
        dict[str, Any]
    ):
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
                try:
                    self._run_batch(rt, batch)
                finally:
                    for waiting in batch:
                        if not waiting.done:
                            waiting.error = waiting.error or Conflict("the write was not made")
                            waiting.done = True
        if ticket.error is not None:
            raise ticket.error
        assert ticket.result is not None
        return ticket.result

    async def write_async(
        self, election_id: str, decide: Callable[[ElectionState, ChainHead], Plan]
    ) -> dict[str, Any]:
        """``_write`` for an event loop: requests arriving while a batch commits in a worker
        thread form the next batch, so a burst costs one thread hop per batch."""
        rt = self.runtime(election_id)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[dict[str, Any]] = loop.create_future()
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
                        future.set_exception(Conflict("the write was not made"))
        finally:
            rt.async_flushing = False

    def _run_locked(self, rt: Runtime, tickets: list[_Ticket]) -> None:
        with rt.lock:
            self._run_batch(rt, tickets)

    def _run_batch(self, rt: Runtime, batch: list[_Ticket]) -> None:
        election_id = rt.definition.id
        for _ in range(MAX_ATTEMPTS):
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
            entries = [e for _, plan in planned for e in plan.entries]
            versions = [v for _, plan in planned for v in plan.versions]
            if entries:
                try:
                    with self.writer.begin() as conn:
                        self._lock_and_check_head(conn, election_id, rt.state.head.seq)
                        if versions:
                            conn.execute(insert(protocol_versions), versions)
                        conn.execute(insert(audit_log), [e.to_row() for e in entries])
                except (_Stale, IntegrityError):
                    self._refresh(rt)
                    continue
                except OperationalError as err:  # the database stayed locked too long
                    for ticket in batch:
                        ticket.error = ticket.error or Conflict(f"the store is busy: {err.orig}")
                        ticket.done = True
                    return
                rt.state.merge(scratch)
            for ticket, plan in planned:
                ticket.result = plan.result
            for ticket in batch:
                ticket.done = True
            return
        for ticket in batch:
            ticket.error = Conflict("the store changed under this request too often; retry")
            ticket.done = True

    def create_election(self, definition: ElectionDefinition) -> str:
        """Store a new election and its commissions; log ``election.create``."""
        at = utc_now()
        head = ChainHead(definition.id)
        digest = definition.definition_hash()
        entry = head.append(
            actor=ADMIN_ACTOR, commission_id=definition.hierarchy.root_id,
            action="election.create", disposition="created", subject_hash=digest,
            detail={"mode": definition.mode, "commissions": len(definition.hierarchy.order)},
            at=at,
        )
        rows = [
            {
                "election_id": definition.id,
                "id": cid,
                "ordinal": i,
                "level": c.level,
                "parent_id": c.parent_id,
                "name": c.name,
                "region_code": c.region_code,
                "voters_on_list": c.voters_on_list,
                "members": canonical_json([m.to_json() for m in c.members]).decode("utf-8"),
            }
            for i, cid in enumerate(definition.hierarchy.order)
            for c in (definition.hierarchy.commissions[cid],)
        ]
        try:
            with self.writer.begin() as conn:
                conn.execute(insert(elections), {
                    "id": definition.id,
                    "election_type": definition.election_type,
                    "election_date": definition.on.isoformat(),
                    "mode": definition.mode,
                    "definition": canonical_json(definition.to_json()).decode("utf-8"),
                    "definition_hash": digest,
                    "created_at": at,
                })
                conn.execute(insert(commissions), rows)
                conn.execute(insert(audit_log), [entry.to_row()])
        except IntegrityError as err:
            raise InputError("election_id", f"election {definition.id!r} already exists") from err
        return entry.entry_hash

    def issue_credentials(
        self, election_id: str, commission_ids: Iterable[str] | None = None
    ) -> dict[str, str]:
        """New tokens for ``commission_ids`` (default: all); only their hashes are stored.

        A new credential replaces the commission's previous one."""
        rt = self.runtime(election_id)
        ids = list(commission_ids) if commission_ids is not None else list(
            rt.definition.hierarchy.order
        )
        for cid in ids:
            rt.definition.hierarchy.get(cid)
        tokens = {cid: new_token() for cid in ids}
        with rt.lock:
            for _ in range(MAX_ATTEMPTS):
                head = rt.state.head.copy()
                at = utc_now()
                try:
                    with self.writer.begin() as conn:
                        self._lock_and_check_head(conn, election_id, rt.state.head.seq)
                        start = int(conn.execute(select(func.max(credentials.c.id))).scalar()
                                    or 0)
                        cred_rows: list[dict[str, Any]] = []
                        entries: list[AuditEntry] = []
                        for offset, cid in enumerate(ids, start=1):
                            digest = hash_token(tokens[cid])
                            cred_rows.append({
                                "id": start + offset, "election_id": election_id,
                                "commission_id": cid, "token_hash": digest, "created_at": at,
                            })
                            entries.append(head.append(
                                actor=ADMIN_ACTOR, commission_id=cid,
                                action="credential.issue", disposition="issued",
                                subject_hash=digest, detail={"credential_id": start + offset},
                                at=at,
                            ))
                        conn.execute(insert(credentials), cred_rows)
                        conn.execute(insert(audit_log), [e.to_row() for e in entries])
                except (_Stale, IntegrityError):
                    self._refresh(rt)
                    continue
                for entry in entries:
                    rt.state.apply(entry)
                replaced = set(ids)
                mapping = {h: c for h, c in rt.token_to_commission.items() if c not in replaced}
                for row in cred_rows:
                    mapping[row["token_hash"]] = row["commission_id"]
                rt.token_to_commission = mapping
                return tokens
        raise Conflict("the store changed under this request too often; try again")

    # ----- protocol changes ------------------------------------------------------------

    def submit_protocol(
        self, election_id: str, actor: str, commission_id: str, submission: Submission
    ) -> dict[str, Any]:
        """Record a precinct's protocol (or its repeat) as a new immutable version."""
        return self._write(election_id, self._submit_decision(
            election_id, actor, commission_id, submission))

    async def submit_protocol_async(
        self, election_id: str, actor: str, commission_id: str, submission: Submission
    ) -> dict[str, Any]:
        """``submit_protocol`` for an event loop: batched, one thread hop per batch."""
        return await self.write_async(election_id, self._submit_decision(
            election_id, actor, commission_id, submission))

    def _submit_decision(
        self, election_id: str, actor: str, commission_id: str, submission: Submission
    ) -> Callable[[ElectionState, ChainHead], Plan]:
        rt = self.runtime(election_id)
        definition = rt.definition
        payload = submission.payload(definition)
        payload_hash = canonical_hash(payload, checked=False)
        detail = submission.detail()
        detail_hash = canonical_hash(detail)

        def decide(state: ElectionState, head: ChainHead) -> Plan:
            commission = definition.hierarchy.get(commission_id)
            if actor != commission_id:
                raise Forbidden(f"{actor} may submit only its own protocol")
            if commission.level != PRECINCT:
                raise Forbidden(f"{commission_id} is not a precinct commission")
            current = state.commissions[commission_id]
            if current.payload_hash == payload_hash:
                return Plan([], [], {}, self._answer(state, commission_id, idempotent=True))
            state.check_own_submission(actor, commission_id, precinct=True)
            repeat = submission.repeat
            if current.version > 0 and repeat is None:
                raise Conflict(
                    f"{commission_id} already submitted version {current.version} with other "
                    "numbers; a repeat protocol needs repeat.reason, repeat.authority and "
                    f"repeat.supersedes={current.version}"
                )
            if repeat is not None and repeat.supersedes != current.version:
                raise Conflict(
                    f"repeat supersedes version {repeat.supersedes} but the current version "
                    f"is {current.version}"
                )
            version = current.version + 1
            at = utc_now()
            flags = detail["flags"]
            entry = head.append(
                actor=actor, commission_id=commission_id, action="protocol.submit",
                disposition="submitted-flagged" if flags else "submitted",
                subject_hash=payload_hash,
                detail={"version": version, "detail_hash": detail_hash, "reported": 1,
                        "repeat": repeat is not None},
                at=at,
            )
            row = _version_row(election_id, commission_id, version, "precinct", payload,
                               payload_hash, detail, at)
            return Plan([entry], [row], {entry.seq: submission.protocol.values},
                        {**_answer(election_id, commission_id, version, payload_hash,
                                   "submitted", False), "entry_hash": entry.entry_hash})

        return decide

    def submit_many(
        self, election_id: str, actor: str | None, items: Sequence[tuple[str, Submission]]
    ) -> dict[str, int]:
        """Record many precinct protocols in one transaction (bulk import, benchmarks).

        ``actor`` None means each precinct submits its own; ``ADMIN_ACTOR`` records a bulk
        data entry by the administrator. All or nothing: any conflict rejects the batch.
        Returns counts of new and unchanged (idempotent) versions."""
        rt = self.runtime(election_id)
        definition = rt.definition
        seen: set[str] = set()
        prepared = []
        for cid, submission in items:
            if cid in seen:
                raise InputError("commission_id", f"{cid} appears twice in one batch")
            seen.add(cid)
            payload = submission.payload(definition)
            detail = submission.detail()
            prepared.append((cid, submission, payload, canonical_hash(payload, checked=False),
                             detail, canonical_hash(detail)))

        def decide(state: ElectionState, head: ChainHead) -> Plan:
            entries: list[AuditEntry] = []
            rows: list[dict[str, Any]] = []
            values: dict[int, tuple[int, ...]] = {}
            at = utc_now()
            unchanged = 0
            for cid, submission, payload, payload_hash, detail, detail_hash in prepared:
                who = cid if actor is None else actor
                current = state.commissions.get(cid)
                if current is None:
                    raise InputError("commission_id", f"no commission {cid!r}")
                if current.payload_hash == payload_hash:
                    unchanged += 1
                    continue
                state.check_own_submission(who, cid, precinct=True)
                repeat = submission.repeat
                if current.version > 0 and (repeat is None or repeat.supersedes
                                            != current.version):
                    raise Conflict(f"{cid} already has version {current.version}; a repeat "
                                   "needs reason, authority and the version it supersedes")
                version = current.version + 1
                entry = head.append(
                    actor=who, commission_id=cid, action="protocol.submit",
                    disposition="submitted-flagged" if detail["flags"] else "submitted",
                    subject_hash=payload_hash,
                    detail={"version": version, "detail_hash": detail_hash, "reported": 1,
                            "repeat": repeat is not None},
                    at=at,
                )
                entries.append(entry)
                values[entry.seq] = submission.protocol.values
                rows.append(_version_row(election_id, cid, version, "precinct", payload,
                                         payload_hash, detail, at))
            return Plan(entries, rows, values, {"recorded": len(entries),
                                                "unchanged": unchanged})

        return self._write(election_id, decide)

    def decide_many(
        self, election_id: str, actor: str, action: str, commission_ids: Sequence[str]
    ) -> dict[str, int]:
        """The parent ``actor`` accepts (or returns...) many children in one transaction,
        each at its current version."""
        if action != "accept":
            raise InputError("action", "only accept is available in bulk")

        def decide(state: ElectionState, head: ChainHead) -> Plan:
            entries: list[AuditEntry] = []
            at = utc_now()
            for cid in dict.fromkeys(commission_ids):
                state.check_parent_action(actor, cid, action)
                current = state.commissions[cid]
                entries.append(head.append(
                    actor=actor, commission_id=cid, action="protocol.accept",
                    disposition="accepted", subject_hash=current.payload_hash,
                    detail={"version": current.version}, at=at,
                ))
            return Plan(entries, [], {}, {"recorded": len(entries)})

        return self._write(election_id, decide)

    def publish_aggregate(self, election_id: str, actor: str, commission_id: str) -> (
        dict[str, Any]
    ):
        """Publish the sum of a higher commission's accepted children as its new version."""
        rt = self.runtime(election_id)
        definition = rt.definition

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
                return Plan([], [], {}, self._answer(state, commission_id, idempotent=True))
            state.check_own_submission(actor, commission_id, precinct=False)
            version = current.version + 1
            at = utc_now()
            detail = {"reported": aggregate.reported, "expected": aggregate.expected}
            entry = head.append(
                actor=actor, commission_id=commission_id, action="aggregate.publish",
                disposition="published", subject_hash=payload_hash,
                detail={"version": version, "detail_hash": canonical_hash(detail),
                        "reported": aggregate.reported},
                at=at,
            )
            row = _version_row(election_id, commission_id, version, "aggregate", payload,
                               payload_hash, detail, at)
            return Plan([entry], [row], {entry.seq: aggregate.values},
                        {**_answer(election_id, commission_id, version, payload_hash,
                                   "submitted", False), "entry_hash": entry.entry_hash,
                         "reported": aggregate.reported, "expected": aggregate.expected})

        return self._write(election_id, decide)

    def parent_action(
        self,
        election_id: str,
        actor: str,
        commission_id: str,
        action: str,
        version: int,
        reason: str | None,
    ) -> dict[str, Any]:
        """``accept``, ``return``, ``annul`` or ``reopen`` a child's protocol (the parent)."""
        return self._write(election_id, self._parent_decision(
            election_id, actor, commission_id, action, version, reason))

    async def parent_action_async(
        self,
        election_id: str,
        actor: str,
        commission_id: str,
        action: str,
        version: int,
        reason: str | None,
    ) -> dict[str, Any]:
        """``parent_action`` for an event loop (batched)."""
        return await self.write_async(election_id, self._parent_decision(
            election_id, actor, commission_id, action, version, reason))

    def _parent_decision(
        self,
        election_id: str,
        actor: str,
        commission_id: str,
        action: str,
        version: int,
        reason: str | None,
    ) -> Callable[[ElectionState, ChainHead], Plan]:
        if action not in {"accept", "return", "annul", "reopen"}:
            raise InputError("action", f"unknown action {action!r}")
        why = "" if action == "accept" else written_text(reason, "reason")
        disposition = {"accept": "accepted", "return": "returned", "annul": "annulled",
                       "reopen": "reopened"}[action]

        def decide(state: ElectionState, head: ChainHead) -> Plan:
            state.check_parent_action(actor, commission_id, action)
            current = state.commissions[commission_id]
            if version != current.version:
                raise Conflict(
                    f"version {version} is not {commission_id}'s current version "
                    f"{current.version}"
                )
            detail: dict[str, Any] = {"version": version}
            if why:
                detail["reason"] = why
            entry = head.append(
                actor=actor, commission_id=commission_id, action=f"protocol.{action}",
                disposition=disposition, subject_hash=current.payload_hash, detail=detail,
            )
            return Plan([entry], [], {}, {
                **_answer(election_id, commission_id, version, current.payload_hash,
                          disposition, False),
                "entry_hash": entry.entry_hash,
            })

        return decide

    def finalize(self, election_id: str, actor: str) -> dict[str, Any]:
        """The central commission closes the election on its current aggregate."""

        def decide(state: ElectionState, head: ChainHead) -> Plan:
            state.check_finalize(actor)
            root = state.commissions[state.election.hierarchy.root_id]
            assert root.values is not None
            seats = allocate_seats(state.election, root.values)
            entry = head.append(
                actor=actor, commission_id=actor, action="election.finalize",
                disposition="finalized", subject_hash=root.payload_hash,
                detail={"version": root.version, "seats": seats},
            )
            return Plan([entry], [], {}, {"entry_hash": entry.entry_hash, "seats": seats})

        result = self._write(election_id, decide)
        return {"election_id": election_id, "finalized": True, **result}

    def reopen_election(self, election_id: str, actor: str, reason: str | None) -> (
        dict[str, Any]
    ):
        why = written_text(reason, "reason")

        def decide(state: ElectionState, head: ChainHead) -> Plan:
            state.check_election_reopen(actor)
            entry = head.append(
                actor=actor, commission_id=actor, action="election.reopen",
                disposition="reopened", subject_hash=None, detail={"reason": why},
            )
            return Plan([entry], [], {}, {"entry_hash": entry.entry_hash})

        result = self._write(election_id, decide)
        return {"election_id": election_id, "finalized": False, **result}

    def _answer(self, state: ElectionState, commission_id: str, *, idempotent: bool) -> (
        dict[str, Any]
    ):
        current = state.commissions[commission_id]
        return _answer(state.election.id, commission_id, current.version,
                       current.payload_hash, current.status, idempotent)

    # ----- reading ---------------------------------------------------------------------

    def history(self, election_id: str, commission_id: str) -> dict[str, Any]:
        """Every version and every logged change of one commission's protocol."""
        rt = self.runtime(election_id)
        rt.definition.hierarchy.get(commission_id)
        with self.reader.connect() as conn:
            versions = conn.execute(
                select(protocol_versions)
                .where(protocol_versions.c.election_id == election_id,
                       protocol_versions.c.commission_id == commission_id)
                .order_by(protocol_versions.c.version)
            ).mappings().all()
            entries = conn.execute(
                select(audit_log)
                .where(audit_log.c.election_id == election_id,
                       audit_log.c.commission_id == commission_id)
                .order_by(audit_log.c.seq)
            ).mappings().all()
        state = rt.state.commissions[commission_id]
        head = rt.state.head.commissions.get(commission_id)
        from kazpolity.administration.audit import closing_hash

        return {
            "election_id": election_id,
            "commission_id": commission_id,
            "status": state.status,
            "version": state.version,
            "versions": [
                {
                    "version": v["version"],
                    "kind": v["kind"],
                    "payload": json.loads(v["payload"]),
                    "payload_hash": v["payload_hash"],
                    "detail": json.loads(v["detail"]),
                    "created_at": v["created_at"],
                }
                for v in versions
            ],
            "log": [AuditEntry.from_row(e).to_json() for e in entries],
            "closing_hash": closing_hash(election_id, commission_id, head[0], head[1])
            if head else None,
        }
