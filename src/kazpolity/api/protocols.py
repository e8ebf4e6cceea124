"""Protocol submission and the commissions' decisions over HTTP.

- ``POST /api/v1/elections/{election_id}/protocols/{commission_id}``: a precinct submits or
  repeats its own protocol (201 a new version, 200 the same payload again).
- ``.../protocols/{commission_id}/publish``: a higher commission publishes the sum of its
  accepted children (it never enters numbers).
- ``.../protocols/{commission_id}/accept|return|annul|reopen``: the parent decides.
- ``.../finalize`` and ``.../reopen`` (election): the central commission only.

Every write is signed by the commission (``v1_elections.author_of``); a decision repeated
on the same version (an answer lost on the way) answers 200 with ``idempotent``.
"""

from __future__ import annotations

from typing import Annotated, Literal

import orjson
from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from kazpolity.administration.store.decisions import WriteAnswer
from kazpolity.administration.submission import parse_submission
from kazpolity.api.v1_elections import (
    CommissionId,
    ElectionId,
    author_of,
    central_scope,
    own_scope,
    parent_scope,
)
from kazpolity.http.access import COMMISSION_CENTRAL, COMMISSION_OWN, COMMISSION_PARENT, policy
from kazpolity.http.state import store_of
from kazpolity.presentation.administration_json import (
    ElectionAnswerJson,
    WriteAnswerJson,
    election_answer_json,
    write_answer_json,
)

Count = Annotated[StrictInt, Field(ge=0)]
Text = Annotated[StrictStr, Field(min_length=1, max_length=2000)]


class RepeatIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Text
    authority: Text
    supersedes: Annotated[StrictInt, Field(ge=0)]


class ProtocolIn(BaseModel):
    """A precinct protocol: every line of the election's form and the votes per option."""

    model_config = ConfigDict(extra="forbid")
    mode: Literal["test", "live"]
    lines: dict[str, Count]
    votes: dict[str, Count]
    flag_reasons: dict[str, Text] | None = None
    repeat: RepeatIn | None = None


class DecisionIn(BaseModel):
    """A parent's decision on a child's protocol version (reason needed except to accept)."""

    model_config = ConfigDict(extra="forbid")
    version: Annotated[StrictInt, Field(ge=1)]
    reason: Text | None = None


class ReasonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: Text


def written(result: WriteAnswer, *, created: bool) -> Response:
    """A write's answer: a submission or publication 201 with a new version and 200 with
    the existing one, a decision 200 (orjson: the bytes Starlette's ``JSONResponse`` gives
    this dict, in a tenth of the time; the hot writes answer with it too)."""
    return Response(orjson.dumps(write_answer_json(result)), media_type="application/json",
                    status_code=201 if created and not result.idempotent else 200)


router = APIRouter()


@router.post(
    "/api/v1/elections/{election_id}/protocols/{commission_id}",
    openapi_extra=policy(COMMISSION_OWN),
    tags=["administration"],
    status_code=201,
    response_model=WriteAnswerJson,
    responses={200: {"description": "The same payload again: the existing version",
                     "model": WriteAnswerJson},
               409: {"description": "Conflicts with the current version or state"}},
)
async def submit_protocol(
    election_id: ElectionId,
    commission_id: CommissionId,
    body: ProtocolIn,
    request: Request,
    actor: Annotated[str, Depends(own_scope)],
) -> Response:
    """A precinct commission submits (or repeats, with reason and authority) its own
    protocol. Hard control relations reject; soft ones need ``flag_reasons``."""
    store = store_of(request)
    author = author_of(request, actor)
    definition = store.runtime(election_id).definition
    submission = parse_submission(definition, body.model_dump())
    result = await store.submit_protocol_async(election_id, author, commission_id, submission)
    return written(result, created=True)


@router.post(
    "/api/v1/elections/{election_id}/protocols/{commission_id}/publish",
    openapi_extra=policy(COMMISSION_OWN),
    tags=["administration"],
    status_code=201,
    response_model=WriteAnswerJson,
    responses={200: {"description": "Already published: the existing version",
                     "model": WriteAnswerJson}},
)
async def publish_aggregate(
    election_id: ElectionId,
    commission_id: CommissionId,
    request: Request,
    actor: Annotated[str, Depends(own_scope)],
) -> Response:
    """A higher commission publishes the sum of its accepted children as its protocol."""
    result = await run_in_threadpool(store_of(request).publish_aggregate, election_id,
                                     author_of(request, actor), commission_id)
    return written(result, created=True)


@router.post(
    "/api/v1/elections/{election_id}/finalize",
    openapi_extra=policy(COMMISSION_CENTRAL),
    tags=["administration"],
    response_model=ElectionAnswerJson,
    response_model_exclude_unset=True,
)
async def finalize(
    election_id: ElectionId,
    request: Request,
    actor: Annotated[str, Depends(central_scope)],
) -> ElectionAnswerJson:
    """The central commission finalizes the election on its current aggregate."""
    result = await run_in_threadpool(store_of(request).finalize, election_id,
                                     author_of(request, actor))
    return election_answer_json(result)


@router.post(
    "/api/v1/elections/{election_id}/reopen",
    openapi_extra=policy(COMMISSION_CENTRAL),
    tags=["administration"],
    response_model=ElectionAnswerJson,
    response_model_exclude_unset=True,
)
async def reopen_election(
    election_id: ElectionId,
    body: ReasonIn,
    request: Request,
    actor: Annotated[str, Depends(central_scope)],
) -> ElectionAnswerJson:
    """The central commission reopens a finalized election, with a reason (logged)."""
    result = await run_in_threadpool(store_of(request).reopen_election, election_id,
                                     author_of(request, actor), body.reason)
    return election_answer_json(result)


def _decision_route(action: str) -> None:
    async def decide(
        election_id: ElectionId,
        commission_id: CommissionId,
        body: DecisionIn,
        request: Request,
        actor: Annotated[str, Depends(parent_scope)],
    ) -> WriteAnswerJson:
        result = await store_of(request).parent_action_async(
            election_id, author_of(request, actor), commission_id, action, body.version,
            body.reason)
        return write_answer_json(result)

    decide.__name__ = f"{action}_protocol"
    decide.__doc__ = (
        f"The parent commission {action}s a child's protocol version"
        + ("." if action == "accept" else ", with a reason (logged).")
    )
    router.post(
        f"/api/v1/elections/{{election_id}}/protocols/{{commission_id}}/{action}",
        openapi_extra=policy(COMMISSION_PARENT),
        tags=["administration"],
        response_model=WriteAnswerJson,
        response_model_exclude_unset=True,
    )(decide)


for _action in ("accept", "return", "annul", "reopen"):
    _decision_route(_action)
