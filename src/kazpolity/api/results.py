"""Published results: per level as JSON or CSV, with hashes and "reported k of N"; seats.

``GET /api/v1/elections/{election_id}/results?level=central|territorial|precinct
[&commission_id=...][&format=json|csv]``. The CSV carries its SHA-256 in
``X-Content-SHA256`` and the scope's progress in ``X-Reported``.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from kazpolity.administration.results import results_csv, results_document, seats_document
from kazpolity.api.models import (
    AuditEntryOut,
    AuditSummaryOut,
    ProtocolHistoryOut,
    ResultsOut,
    SeatsOut,
    StoredVersionOut,
    TreeOut,
)
from kazpolity.api.v1_elections import ID_REGEX, CommissionId, ElectionId, Store
from kazpolity.http.access import PUBLIC, policy

router = APIRouter()


@router.get(
    "/api/v1/elections/{election_id}/results",
    openapi_extra=policy(PUBLIC),
    tags=["administration"],
    response_model=ResultsOut,
    responses={200: {"content": {"text/csv": {}}}},
)
def results(
    election_id: ElectionId,
    store: Store,
    level: Annotated[str, Query(pattern=r"^[a-z]{1,32}$",
                                description="central, territorial, (district,) precinct")]
    = "central",
    commission_id: Annotated[str | None, Query(pattern=ID_REGEX)] = None,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> Response:
    """Results of every commission at ``level`` (under ``commission_id`` if given)."""
    state = store.fresh(election_id).state
    document = results_document(state, level, commission_id)
    headers = {"X-Reported": f"{document['reported']} of {document['expected']}",
               "X-Audit-Closing-Hash": document["audit"]["closing_hash"]}
    if format == "csv":
        text = results_csv(document)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return Response(text, media_type="text/csv; charset=utf-8",
                        headers={**headers, "X-Content-SHA256": digest})
    return JSONResponse(document, headers={**headers,
                                           "X-Content-SHA256": document["content_hash"]})


@router.get("/api/v1/elections/{election_id}/seats", openapi_extra=policy(PUBLIC),
            tags=["administration"], response_model=SeatsOut)
def seats(election_id: ElectionId, store: Store) -> SeatsOut:
    """Seats from the central aggregate, computed by the elections engine."""
    return SeatsOut.model_validate(seats_document(store.fresh(election_id).state))


@router.get("/api/v1/elections/{election_id}/protocols/{commission_id}",
            openapi_extra=policy(PUBLIC), tags=["administration"],
            response_model=ProtocolHistoryOut)
def protocol_history(election_id: ElectionId, commission_id: CommissionId,
                     store: Store) -> ProtocolHistoryOut:
    """Every version of a commission's protocol and every logged change to it."""
    history = store.history(election_id, commission_id)
    return ProtocolHistoryOut(
        election_id=history.election_id, commission_id=history.commission_id,
        status=str(history.status), version=history.version,
        versions=[StoredVersionOut.model_validate(
            {"version": v.version, "kind": v.kind, "payload": v.payload,
             "payload_hash": v.payload_hash, "detail": v.detail, "created_at": v.created_at})
            for v in history.versions],
        log=[AuditEntryOut.model_validate(entry.to_json()) for entry in history.log],
        closing_hash=history.closing_hash)


@router.get("/api/v1/elections/{election_id}/audit", openapi_extra=policy(PUBLIC),
            tags=["administration"], response_model=AuditSummaryOut)
def audit_summary(election_id: ElectionId, store: Store) -> AuditSummaryOut:
    """The log's head, its closing hash, its Merkle root (RFC 9162) and every
    commission's closing hash."""
    rt = store.fresh(election_id)
    with rt.lock:  # the tree and the head as one commit left them
        head = rt.state.head.copy()
        tree = TreeOut(size=rt.tree.size, root_hash=rt.tree.root().hex())
    return AuditSummaryOut(election_id=election_id, entries=head.seq, head=head.head_hash,
                           closing_hash=head.election_closing(), tree=tree,
                           commissions=head.closing_hashes())
