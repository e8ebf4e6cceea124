"""Administered elections over HTTP: the store, bearer credentials and scope checks.

The store is the app's (``kazpolity.http.state``: opened in the lifespan from the settings).
Each commission authenticates with its own bearer token (only its SHA-256 is stored) and
signs every write with its Ed25519 key (headers ``X-Kazpolity-Signed-At`` and
``X-Kazpolity-Signature``, see docs/audit-chain.md). A valid token outside its scope gets
403; a missing or unknown token, a replaced credential or a bad signature 401. A database
that is down or locked answers 503 with ``Retry-After`` (never the driver's text).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.exc import InterfaceError, OperationalError

from kazpolity.administration.lifecycle import Conflict, Forbidden, Unauthorized
from kazpolity.administration.store.credentials import hash_token
from kazpolity.administration.store.decisions import Presigned
from kazpolity.administration.store.repository import AdministrationStore, Unavailable
from kazpolity.api.models import (
    CommissionDetailOut,
    CommissionRowOut,
    CommissionsOut,
    ElectionsOut,
    ElectionSummaryOut,
)
from kazpolity.http.access import PUBLIC, policy
from kazpolity.http.state import store_of
from kazpolity.presentation.administration_json import form_json, listing_json

SIGNED_AT_HEADER = "x-kazpolity-signed-at"
SIGNATURE_HEADER = "x-kazpolity-signature"
RETRY_AFTER_SECONDS = "1"

_bearer = HTTPBearer(auto_error=False, description="A commission's credential")

ID_REGEX = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
ElectionId = Annotated[str, Path(pattern=ID_REGEX, description="Election id")]
CommissionId = Annotated[str, Path(pattern=ID_REGEX, description="Commission id")]


async def get_store(request: Request) -> AdministrationStore:
    return store_of(request)


Store = Annotated[AdministrationStore, Depends(get_store)]
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(
        status_code=401,
        detail={"field": "authorization", "message": message},
        headers={"WWW-Authenticate": "Bearer"},
    )


def authenticate(store: AdministrationStore, election_id: str,
                 credentials: HTTPAuthorizationCredentials | None) -> str:
    """The commission whose bearer token came with the request (401 otherwise)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorized("a commission's bearer token is required")
    token = credentials.credentials
    if not token or len(token) > 200:
        raise _unauthorized("unknown credential")
    commission_id = store.authenticate(election_id, token)
    if commission_id is None:
        raise _unauthorized("unknown credential for this election")
    return commission_id


def presigned(actor: str, authorization: str, signed_at: str, signature: str) -> (
    Presigned | None
):
    """The signed author of a write from its header values, or None when the signature
    headers are missing or oversized (the signature itself is checked at the log's head)."""
    if not signed_at or not signature or len(signed_at) > 40 or len(signature) > 200:
        return None
    token = authorization.split(" ", 1)[-1].strip()
    return Presigned(actor, hash_token(token), signed_at, signature)


def author_of(request: Request, actor: str) -> Presigned:
    """The signed author of a write: its token's hash and its signature headers (401 when
    they are missing)."""
    author = presigned(actor, request.headers.get("authorization", ""),
                       request.headers.get(SIGNED_AT_HEADER, ""),
                       request.headers.get(SIGNATURE_HEADER, ""))
    if author is None:
        raise _unauthorized("every write needs X-Kazpolity-Signed-At and X-Kazpolity-Signature "
                            "(see docs/audit-chain.md, signed requests)")
    return author


def forbid(message: str) -> HTTPException:
    return HTTPException(status_code=403, detail={"field": "authorization", "message": message})


# One flat dependency per policy (each nested dependency costs FastAPI time per request).

async def own_scope(request: Request, election_id: ElectionId, commission_id: CommissionId,
                    credentials: Bearer) -> str:
    """COMMISSION_OWN: the token's commission is the one in the path."""
    actor = authenticate(store_of(request), election_id, credentials)
    if actor != commission_id:
        raise forbid(f"{actor}'s credential acts only on {actor}'s own protocol")
    return actor


def is_parent(store: AdministrationStore, election_id: str, actor: str,
              commission_id: str) -> bool:
    """Whether ``actor`` is the parent commission of ``commission_id``."""
    target = store.runtime(election_id).definition.hierarchy.commissions.get(commission_id)
    return target is not None and target.parent_id == actor


async def parent_scope(request: Request, election_id: ElectionId,
                       commission_id: CommissionId, credentials: Bearer) -> str:
    """COMMISSION_PARENT: the token's commission is the parent of the one in the path."""
    store = store_of(request)
    actor = authenticate(store, election_id, credentials)
    if not is_parent(store, election_id, actor, commission_id):
        raise forbid(f"{actor} is not the parent commission of {commission_id}")
    return actor


async def central_scope(request: Request, election_id: ElectionId, credentials: Bearer) -> str:
    """COMMISSION_CENTRAL: the token is the central commission's."""
    store = store_of(request)
    actor = authenticate(store, election_id, credentials)
    if actor != store.runtime(election_id).definition.hierarchy.root_id:
        raise forbid("only the central commission may do this")
    return actor


def _error(status: int, field: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"field": field,
                                                               "message": message}})


def install_error_handlers(app: FastAPI) -> None:
    """Forbidden, Conflict and HTTP errors of the administration routes, as JSON errors."""

    async def _forbidden(_request: Request, exc: Exception) -> Response:
        return _error(403, "authorization", str(exc))

    async def _conflict(_request: Request, exc: Exception) -> Response:
        return _error(409, "state", str(exc))

    async def _unauthorized_write(_request: Request, exc: Exception) -> Response:
        response = _error(401, "authorization", str(exc))
        response.headers["WWW-Authenticate"] = "Bearer"
        return response

    async def _unavailable(_request: Request, _exc: Exception) -> Response:
        response = _error(503, "store", "the results store is unavailable; retry shortly")
        response.headers["Retry-After"] = RETRY_AFTER_SECONDS
        return response

    async def _http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if not request.url.path.startswith("/api/v1/elections"):
            return await http_exception_handler(request, exc)
        detail = exc.detail
        if isinstance(detail, dict):
            content: dict[str, object] = {"error": detail}
        else:
            content = {"error": {"field": "request", "message": str(detail)}}
        return JSONResponse(status_code=exc.status_code, content=content,
                            headers=dict(exc.headers or {}))

    app.add_exception_handler(Forbidden, _forbidden)
    app.add_exception_handler(Conflict, _conflict)
    app.add_exception_handler(Unauthorized, _unauthorized_write)
    for transient in (Unavailable, OperationalError, InterfaceError):
        app.add_exception_handler(transient, _unavailable)
    app.add_exception_handler(HTTPException, _http)


router = APIRouter()
"""The public election summaries."""


@router.get("/api/v1/elections", openapi_extra=policy(PUBLIC), tags=["administration"],
            response_model=ElectionsOut)
def list_elections(store: Store) -> ElectionsOut:
    """Every administered election."""
    return ElectionsOut(elections=[listing_json(e) for e in store.list_elections()])


@router.get("/api/v1/elections/{election_id}", openapi_extra=policy(PUBLIC),
            tags=["administration"], response_model=ElectionSummaryOut)
def election_summary(election_id: ElectionId, store: Store) -> ElectionSummaryOut:
    """The election, its protocol form, its state and its audit closing hash."""
    rt = store.fresh(election_id)
    state = rt.state
    definition = rt.definition
    root = state.commissions[definition.hierarchy.root_id]
    return ElectionSummaryOut.model_validate({
        **definition.to_json(),
        "form": form_json(definition.form),
        "commissions": len(definition.hierarchy.order),
        "precincts": definition.hierarchy.precinct_counts[definition.hierarchy.root_id],
        "registered_voters": definition.hierarchy.registered_voters(
            definition.hierarchy.root_id),
        "finalized": state.finalized,
        "log_key": state.log_key,
        "central_protocol": {"status": str(root.status), "version": root.version,
                             "payload_hash": root.payload_hash},
        "audit": {"entries": state.head.seq, "head": state.head.head_hash,
                  "closing_hash": state.head.election_closing()},
    })


@router.get("/api/v1/elections/{election_id}/commissions", openapi_extra=policy(PUBLIC),
            tags=["administration"], response_model=CommissionsOut)
def list_commissions(election_id: ElectionId, store: Store) -> CommissionsOut:
    """Every commission with its parent, register, protocol status and version."""
    rt = store.fresh(election_id)
    h = rt.definition.hierarchy
    rows = []
    for cid in h.order:
        c = h.commissions[cid]
        s = rt.state.commissions[cid]
        rows.append(CommissionRowOut(
            id=cid, level=c.level, parent_id=c.parent_id, name=c.name,
            region_code=c.region_code, voters_on_list=c.voters_on_list,
            members=len(c.members), status=str(s.status), version=s.version,
        ))
    return CommissionsOut(election_id=election_id, levels=list(h.levels), commissions=rows)


@router.get("/api/v1/elections/{election_id}/commissions/{commission_id}",
            openapi_extra=policy(PUBLIC), tags=["administration"],
            response_model=CommissionDetailOut)
def commission_detail(election_id: ElectionId, commission_id: CommissionId,
                      store: Store) -> CommissionDetailOut:
    """One commission with its members and children."""
    rt = store.fresh(election_id)
    h = rt.definition.hierarchy
    c = h.get(commission_id)
    return CommissionDetailOut.model_validate(
        {**c.to_json(), "children": list(h.children[commission_id]),
         "precincts": h.precinct_counts[commission_id]})
