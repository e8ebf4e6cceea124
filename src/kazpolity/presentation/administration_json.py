"""The results server's records as the faces publish them (API, CLI ``--json``, pages).

The administration engine returns typed records (``ElectionListing``, the answers of
``store.decisions``, ``ProtocolForm``); their JSON shapes live here, one
``TypedDict`` each, so that a face never builds them on its own. What is *not* here is the
data format itself — the canonical JSON of an audit entry, an election's definition, a
protocol's payload, a checkpoint and the publication files — which is hashed or signed and
stays beside its record (``AuditEntry.to_json``, ``ElectionDefinition.to_json``,
``Protocol.to_json``, ``Checkpoint.to_json``, ``administration.results``).

``TypedDict`` comes from ``typing_extensions``: the API's response models use these shapes
too, and pydantic reads only that ``TypedDict`` on Python 3.11.
"""

from __future__ import annotations

from typing import NotRequired

from typing_extensions import TypedDict

from kazpolity.administration.forms import ProtocolForm
from kazpolity.administration.store.decisions import BulkAnswer, ElectionAnswer, WriteAnswer
from kazpolity.administration.store.read_models import ElectionListing


class ElectionListingJson(TypedDict):
    id: str
    election_type: str
    date: str
    mode: str


class WriteAnswerJson(TypedDict):
    election_id: str
    commission_id: str
    version: int
    payload_hash: str | None
    status: str
    idempotent: bool
    entry_hash: NotRequired[str]
    reported: NotRequired[int]
    expected: NotRequired[int]


class ElectionAnswerJson(TypedDict):
    election_id: str
    finalized: bool
    entry_hash: str | None
    seats: NotRequired[dict[str, object]]
    idempotent: NotRequired[bool]


class BulkAnswerJson(TypedDict):
    recorded: int
    unchanged: int


class FormLineJson(TypedDict):
    key: str
    label: str
    unverified: bool


class RelationJson(TypedDict):
    name: str
    kind: str
    text: str
    left: list[str]
    op: str
    right: list[str]
    left_factor: int
    right_factor: int
    unverified: bool


class ProtocolFormJson(TypedDict):
    id: str
    election_type: str
    on: str
    legal_basis: str
    unverified: bool
    lines: list[FormLineJson]
    against_all: bool
    options: list[str]
    relations: list[RelationJson]


def listing_json(listing: ElectionListing) -> ElectionListingJson:
    return {"id": listing.id, "election_type": listing.election_type, "date": listing.date,
            "mode": listing.mode}


def write_answer_json(answer: WriteAnswer) -> WriteAnswerJson:
    """A protocol write's answer; the hash of the new entry and the progress only when set."""
    out: WriteAnswerJson = {
        "election_id": answer.election_id, "commission_id": answer.commission_id,
        "version": answer.version, "payload_hash": answer.payload_hash,
        "status": str(answer.status), "idempotent": answer.idempotent,
    }
    if answer.entry_hash is not None:
        out["entry_hash"] = answer.entry_hash
    if answer.reported is not None:
        out["reported"] = answer.reported
    if answer.expected is not None:
        out["expected"] = answer.expected
    return out


def election_answer_json(answer: ElectionAnswer) -> ElectionAnswerJson:
    out: ElectionAnswerJson = {"election_id": answer.election_id,
                               "finalized": answer.finalized, "entry_hash": answer.entry_hash}
    if answer.seats is not None:
        out["seats"] = dict(answer.seats)
    if answer.idempotent:
        out["idempotent"] = True
    return out


def bulk_answer_json(answer: BulkAnswer) -> BulkAnswerJson:
    return {"recorded": answer.recorded, "unchanged": answer.unchanged}


def form_json(form: ProtocolForm) -> ProtocolFormJson:
    """The protocol form: its lines, its options and its control relations, each with its
    ``unverified`` mark."""
    return {
        "id": form.id, "election_type": form.election_type, "on": form.on.isoformat(),
        "legal_basis": form.legal_basis, "unverified": form.unverified,
        "lines": [{"key": line.key, "label": line.label, "unverified": line.unverified}
                  for line in form.lines],
        "against_all": form.against_all, "options": list(form.options),
        "relations": [
            {"name": r.name, "kind": r.kind, "text": r.text, "left": list(r.left), "op": r.op,
             "right": list(r.right), "left_factor": r.left_factor,
             "right_factor": r.right_factor, "unverified": r.unverified}
            for r in form.relations
        ],
    }
