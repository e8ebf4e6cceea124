"""Who may change what, and what each change does: the protocol state machine.

A commission's protocol (a precinct's count, or a higher commission's aggregate of its
children) moves through ``none → submitted → accepted``; the parent may ``return`` a
submitted one, ``annul`` it, or ``reopen`` an accepted or annulled one (always with a
reason). Only the precinct submits or repeats its own count; a higher commission only
publishes the sum of its accepted children, never edits them; only the central commission
finalizes. A commission acts below itself only while its own protocol is not accepted, and
accepts a child's aggregate only when it still equals that child's children, so an accepted
aggregate always equals the precinct leaves beneath it.

The same rules run in the server (before writing) and in the verifier (replaying the log).
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from kazpolity.administration.audit import AuditAction, AuditEntry, ChainHead
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.tabulation import add_values
from kazpolity.errors import KazpolityError


class ProtocolStatus(StrEnum):
    """Where a commission's protocol stands (replayed from the log, never stored)."""

    NONE = "none"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    REOPENED = "reopened"
    ANNULLED = "annulled"


NONE: Final = ProtocolStatus.NONE
SUBMITTED: Final = ProtocolStatus.SUBMITTED
ACCEPTED: Final = ProtocolStatus.ACCEPTED
RETURNED: Final = ProtocolStatus.RETURNED
REOPENED: Final = ProtocolStatus.REOPENED
ANNULLED: Final = ProtocolStatus.ANNULLED

ADMIN_ACTOR: Final = "admin"

SUBMITTABLE: Final = frozenset({NONE, SUBMITTED, RETURNED, REOPENED})

VERSION_ACTIONS: Final = frozenset({AuditAction.SUBMIT, AuditAction.PUBLISH})
"""Actions that store a new protocol version."""

DECISION_STATUS: Final[Mapping[str, ProtocolStatus]] = {
    AuditAction.ACCEPT: ACCEPTED,
    AuditAction.RETURN: RETURNED,
    AuditAction.ANNUL: ANNULLED,
    AuditAction.REOPEN: REOPENED,
}
"""A parent's decision and the status it leaves the child's protocol in."""

_PROTOCOL_ACTIONS: Final = VERSION_ACTIONS | frozenset(DECISION_STATUS)

_ALLOWED_FROM: Final[Mapping[str, frozenset[ProtocolStatus]]] = {
    "accept": frozenset({SUBMITTED}),
    "return": frozenset({SUBMITTED}),
    "annul": frozenset({SUBMITTED, ACCEPTED}),
    "reopen": frozenset({ACCEPTED, ANNULLED}),
}
"""The statuses a parent's decision may act on."""


class Forbidden(KazpolityError):
    """The credential is valid but the action is outside its commission's scope (403)."""


class Unauthorized(KazpolityError):
    """The credential or the signature is not the commission's in force (401)."""


class Conflict(KazpolityError):
    """The action clashes with the current state (409): already accepted, finalized, stale."""


@dataclass
class CommissionState:
    version: int = 0
    payload_hash: str | None = None
    values: tuple[int, ...] | None = None
    reported: int = 0
    """k of the current version: 1 for a precinct count, the summed k for an aggregate."""
    status: ProtocolStatus = NONE

    def copy(self) -> CommissionState:
        return CommissionState(self.version, self.payload_hash, self.values, self.reported,
                               self.status)


@dataclass(frozen=True, slots=True)
class CommissionKey:
    """A commission's credential in force: its token's SHA-256 and its public key."""

    token_hash: str | None
    public_key: str | None


@dataclass(frozen=True, slots=True)
class Aggregate:
    values: tuple[int, ...]
    reported: int
    expected: int
    children: tuple[tuple[str, int, str], ...]
    """(child id, version, payload hash) of every accepted child in the sum."""

    def payload(self, line_keys: tuple[str, ...], options: tuple[str, ...]) -> dict[str, Any]:
        n = len(line_keys)
        return {
            "lines": dict(zip(line_keys, self.values[:n], strict=True)),
            "votes": dict(zip(options, self.values[n:], strict=True)),
            "reported": self.reported,
            "expected": self.expected,
            "children": [list(child) for child in self.children],
        }


@dataclass
class ElectionState:
    """The replayed state of one election."""

    election: ElectionDefinition
    head: ChainHead
    commissions: MutableMapping[str, CommissionState] = field(default_factory=dict)
    finalized: bool = False
    final_seats: Mapping[str, Any] | None = None
    keys: MutableMapping[str, CommissionKey] = field(default_factory=dict)
    log_key: str | None = None
    """The election's log public key (from its ``election.create`` entry)."""
    keys_version: int = 0
    """Counts credential changes, so that indexes over ``keys`` know when to rebuild."""

    def scratch(self) -> ElectionState:
        """A copy to decide a batch on: changes land in an overlay, never in ``self``."""
        return ElectionState(self.election, self.head.copy(),
                             ChainMap({}, self.commissions), self.finalized, self.final_seats,
                             ChainMap({}, self.keys), self.log_key, self.keys_version)

    def merge(self, scratch: ElectionState) -> None:
        """Take over the changes of ``scratch`` (after they were committed)."""
        assert isinstance(scratch.commissions, ChainMap)
        self.commissions.update(scratch.commissions.maps[0])
        assert isinstance(scratch.keys, ChainMap)
        self.keys.update(scratch.keys.maps[0])
        self.keys_version = scratch.keys_version
        self.head = scratch.head
        self.finalized = scratch.finalized
        self.final_seats = scratch.final_seats

    @staticmethod
    def empty(election: ElectionDefinition) -> ElectionState:
        return ElectionState(
            election,
            ChainHead(election.id),
            {cid: CommissionState() for cid in election.hierarchy.commissions},
        )

    # ----- questions -------------------------------------------------------------------

    def status(self, commission_id: str) -> CommissionState:
        return self.commissions[commission_id]

    def aggregate_of(self, commission_id: str) -> Aggregate:
        """The sum of the accepted children of ``commission_id`` (a higher commission)."""
        h = self.election.hierarchy
        width = len(self.election.form.fields)
        rows: list[tuple[int, ...]] = []
        reported = 0
        children: list[tuple[str, int, str]] = []
        for child in h.children[commission_id]:
            state = self.commissions[child]
            if state.status == ACCEPTED and state.values is not None:
                rows.append(state.values)
                reported += state.reported
                children.append((child, state.version, state.payload_hash or ""))
        return Aggregate(add_values(rows, width), reported, h.precinct_counts[commission_id],
                         tuple(children))

    def aggregate_is_fresh(self, commission_id: str) -> bool:
        """Whether the commission's current published aggregate equals its children now."""
        state = self.commissions[commission_id]
        if state.values is None:
            return False
        now = self.aggregate_of(commission_id)
        return now.values == state.values and now.reported == state.reported

    # ----- permission checks (raise Forbidden / Conflict) ------------------------------

    def _open(self) -> None:
        if self.finalized:
            raise Conflict(f"election {self.election.id} is finalized; nothing can change")

    def _parent_not_accepted(self, commission_id: str) -> None:
        parent = self.election.hierarchy.parent_of(commission_id)
        if parent is not None and self.commissions[parent].status == ACCEPTED:
            raise Conflict(
                f"{parent}'s own protocol is accepted; its parent must reopen it before "
                f"anything under it changes"
            )

    def check_own_submission(self, actor: str, commission_id: str, *, precinct: bool) -> None:
        commission = self.election.hierarchy.get(commission_id)
        bulk_entry = precinct and actor == ADMIN_ACTOR
        if actor != commission_id and not bulk_entry:
            raise Forbidden(f"{actor} may submit only its own protocol, not {commission_id}'s")
        if precinct and commission.level != PRECINCT:
            raise Forbidden(f"{commission_id} is a {commission.level} commission: it publishes "
                            "the sum of its children and never enters a count")
        if not precinct and commission.level == PRECINCT:
            raise Forbidden(f"{commission_id} is a precinct: it submits a count, not a sum")
        self._open()
        state = self.commissions[commission_id]
        if state.status not in SUBMITTABLE:
            raise Conflict(
                f"{commission_id}'s protocol version {state.version} is {state.status}; "
                "a higher commission must reopen it first"
            )
        self._parent_not_accepted(commission_id)

    def check_parent_action(self, actor: str, commission_id: str, action: str) -> None:
        h = self.election.hierarchy
        commission = h.get(commission_id)
        if commission.parent_id is None or actor != commission.parent_id:
            raise Forbidden(f"only {commission_id}'s parent commission may {action} its protocol")
        self._open()
        self._parent_not_accepted(commission_id)
        if self.commissions[actor].status == ACCEPTED:
            raise Conflict(f"{actor}'s own protocol is accepted; it must be reopened first")
        state = self.commissions[commission_id]
        allowed = _ALLOWED_FROM[action]
        if state.status not in allowed:
            raise Conflict(
                f"cannot {action} {commission_id}: its protocol is {state.status} "
                f"(allowed from {sorted(allowed)})"
            )
        if action == "accept" and commission.level != PRECINCT and not self.aggregate_is_fresh(
            commission_id
        ):
            raise Conflict(
                f"{commission_id}'s published aggregate no longer equals its accepted "
                "children; it must publish again before it can be accepted"
            )

    def check_finalize(self, actor: str) -> None:
        root = self.election.hierarchy.root_id
        if actor != root:
            raise Forbidden("only the central commission finalizes an election")
        self._open()
        if not self.aggregate_is_fresh(root):
            raise Conflict("the central aggregate is missing or stale; publish it first")

    def check_election_reopen(self, actor: str) -> None:
        if actor != self.election.hierarchy.root_id:
            raise Forbidden("only the central commission reopens an election")
        if not self.finalized:
            raise Conflict(f"election {self.election.id} is not finalized")

    # ----- applying logged entries -----------------------------------------------------

    def apply(self, entry: AuditEntry, values: tuple[int, ...] | None = None) -> None:
        """Apply one logged state change (already allowed) and advance the chain head."""
        action = entry.action
        state = None
        if action in _PROTOCOL_ACTIONS:
            previous = self.commissions.get(entry.commission_id)
            # Copy on write: readers holding the old object never see it change.
            if previous is not None:
                state = self.commissions[entry.commission_id] = previous.copy()
        detail = entry.detail
        if action in VERSION_ACTIONS and state is not None:
            state.version = int(detail["version"])
            state.payload_hash = entry.subject_hash
            state.values = values
            state.reported = int(detail.get("reported", 1))
            state.status = SUBMITTED
        elif action in DECISION_STATUS and state is not None:
            state.status = DECISION_STATUS[action]
        elif action == AuditAction.FINALIZE:
            self.finalized = True
            self.final_seats = detail.get("seats")
        elif action == AuditAction.ELECTION_REOPEN:
            self.finalized = False
            self.final_seats = None
        elif action == AuditAction.CREDENTIAL:
            self.keys[entry.commission_id] = CommissionKey(entry.subject_hash,
                                                           detail.get("public_key"))
            self.keys_version += 1
        elif action == AuditAction.CREATE:
            self.log_key = detail.get("log_key")
        if entry.seq > self.head.seq:
            self.head.advance(entry)

    def counted_precincts(self, *, official: bool) -> dict[str, tuple[int, ...]]:
        """Precincts whose accepted counts are in the results.

        ``official``: only those whose every ancestor below the central commission is
        accepted too (the leaves of the central aggregate); otherwise every accepted precinct.
        """
        h = self.election.hierarchy
        commissions = self.commissions
        # Whether every commission from here up to (not including) the root is accepted;
        # ``order`` lists parents before children.
        cleared = {h.root_id: True}
        out: dict[str, tuple[int, ...]] = {}
        for cid in h.order:
            commission = h.commissions[cid]
            parent = commission.parent_id
            if commission.level != PRECINCT:
                if parent is not None:
                    cleared[cid] = cleared[parent] and commissions[cid].status == ACCEPTED
                continue
            state = commissions[cid]
            if state.status != ACCEPTED or state.values is None:
                continue
            if official and parent is not None and not cleared[parent]:
                continue
            out[cid] = state.values
        return out
