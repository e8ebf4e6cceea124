"""The stateless half of ``audit verify``, spread over every core.

Replaying a log is sequential (each step depends on the state before it), but most of
what ``audit verify`` recomputes is not: an entry's hash, its signature under the key
that was in force (which the sequential replay looks up and hands over), a stored
version's payload and detail hashes and its arithmetic. The replay ships these, in
chunks, to worker processes and goes on; the problems come back tagged with the entry's
sequence number, so the report lists them in log order.

The canonical JSON of an entry and of a signed request is assembled from the stored
(canonical) detail text instead of re-encoding the whole object; when the assembled bytes
do not hash to the stored hash, the full canonicalisation decides, so a row stored in a
non-canonical but equal form is judged exactly as before.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from json.encoder import encode_basestring
from typing import Any, Final

import numpy as np

from kazpolity.administration.audit import AuditAction, AuditEntry, entry_hash
from kazpolity.administration.canonical import canonical_hash, canonical_json
from kazpolity.administration.controls import validate, validate_matrix
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.protocol import Protocol, count_template
from kazpolity.administration.register import register_problem
from kazpolity.administration.signing import credential_hash, request_message, verify
from kazpolity.administration.submission import REGISTER_FLAG

CHUNK: Final = 8192
"""Entries (or versions) per job shipped to a worker."""

_UNVERSIONED: Final = frozenset({AuditAction.CREATE, AuditAction.CREDENTIAL,
                                 AuditAction.PUBLISH, AuditAction.ELECTION_REOPEN})
_UNHASHED: Final = frozenset({AuditAction.PUBLISH, AuditAction.ELECTION_REOPEN})

EntryItem = tuple[tuple[Any, ...], str | None, bytes | None, Any]
"""An entry's stored columns, the public key in force for its signer at that point of the
log, the message it must have signed (None: unsigned) and the signature it carries."""
VersionItem = tuple[int, str, str, int, str, str, str, str | None, Any, bool,
                    tuple[int, ...]]
"""(seq, where, commission, version, payload text, stored payload hash, detail text,
the log's subject hash, the log's detail hash, whether a precinct count, its values)."""
Problem = tuple[int, str]


def _row_canonical(row: tuple[Any, ...]) -> bytes:
    """The canonical JSON of an entry's body assembled from its stored columns (the keys
    of ``audit.entry_body`` in code-point order; ``detail`` as stored). Equal to
    ``canonical_json(entry.body())`` whenever the stored detail text is canonical."""
    (election_id, seq, at, actor, commission_id, action, disposition, subject_hash,
     detail, prev_hash, commission_prev_hash, _) = row
    if not (type(seq) is int and all(type(v) is str for v in (
            election_id, at, actor, commission_id, action, disposition, detail, prev_hash,
            commission_prev_hash)) and (subject_hash is None or type(subject_hash) is str)):
        return b""
    enc = encode_basestring
    text: str = (
        f'{{"action":{enc(action)},"actor":{enc(actor)},"at":{enc(at)},'
        f'"commission_id":{enc(commission_id)},"commission_prev":{enc(commission_prev_hash)},'
        f'"detail":{detail},"disposition":{enc(disposition)},'
        f'"election_id":{enc(election_id)},"prev":{enc(prev_hash)},"seq":{seq},'
        f'"subject_hash":{"null" if subject_hash is None else enc(subject_hash)},'
        '"type":"kazpolity.audit.entry/1"}'
    )
    return text.encode("utf-8")


def message_canonical(*, election_id: str, commission_id: str, signer: str, action: str,
                      version: int | None, payload_hash: str | None, at: str) -> bytes:
    """``signing.request_message`` assembled directly (same bytes; tested against it)."""
    if not (all(type(v) is str for v in (election_id, commission_id, signer, action, at))
            and type(version) in (int, type(None))
            and (payload_hash is None or type(payload_hash) is str)):
        return request_message(election_id=election_id, commission_id=commission_id,
                               signer=signer, action=action, version=version,
                               payload_hash=payload_hash, at=at)
    enc = encode_basestring
    text: str = (
        f'{{"action":{enc(action)},"at":{enc(at)},"commission_id":{enc(commission_id)},'
        f'"election_id":{enc(election_id)},'
        f'"payload_hash":{"null" if payload_hash is None else enc(payload_hash)},'
        f'"signer":{enc(signer)},"type":"kazpolity.signed-request/1",'
        f'"version":{"null" if version is None else version}}}'
    )
    return text.encode("utf-8")


def signed_message(entry: AuditEntry) -> bytes | None:
    """The bytes the entry's signer must have signed, or None when it carries no
    signature (docs/audit-chain.md)."""
    detail = entry.detail
    signature = detail.get("signature")
    if not isinstance(signature, Mapping) or not isinstance(signature.get("at"), str):
        return None
    action = entry.action
    payload_hash = entry.subject_hash
    if action == AuditAction.CREDENTIAL:
        payload_hash = credential_hash(entry.subject_hash, detail.get("public_key"))
    elif action in _UNHASHED:
        payload_hash = None
    version = None if action in _UNVERSIONED else detail.get("version")
    return message_canonical(
        election_id=entry.election_id, commission_id=entry.commission_id, signer=entry.actor,
        action=action, version=version if isinstance(version, int) else None,
        payload_hash=payload_hash, at=signature["at"])


def check_entries(items: list[EntryItem]) -> tuple[list[Problem], int]:
    """Each entry's hash against its fields, and its signature against the key in force:
    (problems tagged with the entry's seq, how many signatures are valid)."""
    problems: list[Problem] = []
    valid = 0
    for row, key, message, signature in items:
        seq, action, commission_id, actor, digest = row[1], row[5], row[4], row[3], row[11]
        if hashlib.sha256(_row_canonical(row)).hexdigest() != digest:
            recomputed = entry_hash(AuditEntry.from_tuple(row).body())
            if recomputed != digest:
                problems.append((seq, f"audit entry {seq} ({action} {commission_id}): stored "
                                 f"hash {digest[:16]}… ≠ recomputed {recomputed[:16]}… "
                                 "(the row was modified)"))
        if message is None:
            problems.append((seq, f"audit entry {seq} ({action} {commission_id}): unsigned "
                             f"(no signature of {actor})"))
        elif verify(key, message, signature):
            valid += 1
        else:
            problems.append((seq, f"audit entry {seq} ({action} {commission_id}): the "
                             f"signature is not valid under {actor}'s key in force at that "
                             "point of the log"))
    return problems, valid


def check_versions(definition: ElectionDefinition,
                   items: list[VersionItem]) -> tuple[list[Problem], int]:
    """A stored version's payload and detail against the hashes its entry logged, and a
    precinct count against the form, its register and its mode."""
    problems: list[Problem] = []
    form = definition.form
    template, order = count_template(form.line_keys, form.options)
    counts = [item[10] for item in items if item[9]]
    failed: list[bool] = []
    if counts:
        matrix = validate_matrix(form, np.array(counts, dtype=np.int64))
        rows = np.asarray(matrix.failed.any(axis=1), dtype=np.bool_)
        failed = [bool(row) for row in rows]
    failing = iter(failed)
    details: dict[str, tuple[Any, str]] = {}
    for (seq, where, cid, version, payload_text, stored_hash, detail_text, subject_hash,
         detail_hash, precinct, values) in items:
        found: list[str] = []
        if precinct and payload_text == template % tuple(values[i] for i in order):
            payload_hash = hashlib.sha256(payload_text.encode("utf-8")).hexdigest()
        else:
            payload_hash = canonical_hash(dict(json.loads(payload_text)), checked=False)
        if payload_hash != stored_hash or payload_hash != subject_hash:
            found.append(f"{where}: stored payload hashes to {payload_hash[:16]}…, the "
                         f"log says {str(subject_hash)[:16]}…")
        if detail_text not in details:
            parsed = json.loads(detail_text)
            details[detail_text] = (parsed, canonical_hash(dict(parsed), checked=False))
        detail, recomputed = details[detail_text]
        if recomputed != detail_hash:
            found.append(f"{where}: version detail does not match its logged hash")
        if precinct:
            precinct_problems(definition, cid, version, detail, values, found, where,
                              relations_hold=not next(failing))
        problems.extend((seq, text) for text in found)
    return problems, 0


def precinct_problems(definition: ElectionDefinition, commission_id: str, version: int,
                      detail: Mapping[str, Any], values: tuple[int, ...], problems: list[str],
                      where: str, *, relations_hold: bool = False) -> None:
    """A stored precinct count: hard relations, written flag reasons, its register (Law
    No. 2464, Articles 23-24), the election's mode, a repeat's reason and authority.
    ``relations_hold``: every relation of the form is already known to hold (a matrix
    check of the whole chunk), so there is nothing to explain."""
    if definition.hierarchy.commissions[commission_id].level != PRECINCT:
        problems.append(f"{where}: only precincts submit counts")
    reasons = detail.get("flag_reasons") or {}
    if not relations_hold:
        check = validate(definition.form, Protocol(values))
        for failed in check.rejections:
            problems.append(f"{where}: stored protocol breaks {failed.message()}")
        for flag in check.flags:
            if not str(reasons.get(flag.relation.name, "")).strip():
                problems.append(f"{where}: flag {flag.relation.name} has no written reason")
    register = register_problem(definition, commission_id,
                                values[definition.form.index["voters_on_list"]],
                                reasons.get(REGISTER_FLAG))
    if register is not None:
        problems.append(f"{where}: {register[0]}: {register[1]}")
    if detail.get("mode") != definition.mode:
        problems.append(f"{where}: submitted in mode {detail.get('mode')!r}, the "
                        f"election is {definition.mode!r}")
    if version > 1:
        repeat = detail.get("repeat") or {}
        if not str(repeat.get("reason", "")).strip() or not str(
            repeat.get("authority", "")
        ).strip():
            problems.append(f"{where}: repeat protocol without a reason and authority")


_DEFINITION: ElectionDefinition | None = None
"""The election a worker process checks (inherited when the pool forks)."""


def _versions_job(items: list[VersionItem]) -> tuple[list[Problem], int]:
    assert _DEFINITION is not None
    return check_versions(_DEFINITION, items)


class AuditChecks:
    """Collects entries and versions during a strict replay and checks them in chunks, in
    a pool of ``workers`` forked processes once a chunk is full (a log smaller than a
    chunk is checked in process)."""

    def __init__(self, definition: ElectionDefinition, *, workers: int | None = None,
                 chunk: int | None = None) -> None:
        self.definition = definition
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.chunk = chunk or CHUNK
        self._entries: list[EntryItem] = []
        self._versions: list[VersionItem] = []
        self._pool: ProcessPoolExecutor | None = None
        self._pending: list[Future[tuple[list[Problem], int]]] = []
        self._problems: list[Problem] = []
        self.valid_signatures = 0

    def entry(self, entry: AuditEntry, key: str | None) -> None:
        row = entry.to_tuple()
        if not entry.detail_text:
            row = (*row[:8], canonical_json(dict(entry.detail), checked=False).decode(),
                   *row[9:])
        message = signed_message(entry)
        signature = entry.detail["signature"].get("value") if message is not None else None
        self._entries.append((row, key, message, signature))
        if len(self._entries) >= self.chunk:
            items, self._entries = self._entries, []
            self._ship(check_entries, items)

    def version(self, item: VersionItem) -> None:
        self._versions.append(item)
        if len(self._versions) >= self.chunk:
            items, self._versions = self._versions, []
            self._ship(_versions_job, items)

    def _ship(self, job: Any, items: list[Any]) -> None:
        if self._pool is None and self.workers > 1:
            global _DEFINITION
            _DEFINITION = self.definition
            self._pool = ProcessPoolExecutor(self.workers,
                                             mp_context=multiprocessing.get_context("fork"))
        if self._pool is None:
            self._take(job(items) if job is check_entries
                       else check_versions(self.definition, items))
        else:
            self._pending.append(self._pool.submit(job, items))
            # Back-pressure: a replay faster than the workers must not queue the whole log.
            while len(self._pending) > 2 * self.workers:
                self._take(self._pending.pop(0).result())

    def _take(self, result: tuple[list[Problem], int]) -> None:
        problems, valid = result
        self._problems.extend(problems)
        self.valid_signatures += valid

    def finish(self) -> list[Problem]:
        """Every problem found, tagged with its entry's seq, in log order."""
        if self._entries:
            self._take(check_entries(self._entries))
        if self._versions:
            self._take(check_versions(self.definition, self._versions))
        self._entries, self._versions = [], []
        try:
            for future in self._pending:
                self._take(future.result())
        finally:
            if self._pool is not None:
                self._pool.shutdown()
                self._pool = None
            self._pending = []
        return sorted(self._problems, key=lambda problem: problem[0])
