"""The hot writes answered before the router: a precinct's submission and a parent's
decision (accept, return, annul, reopen).

On election night these are nearly every request, and FastAPI's route matching,
dependency solving and response-model serialisation cost more than the write itself (a
cProfile of ``serve`` under the issue-11 benchmark: about 70% of the handling). The request
gate has already checked the size and the credential and parsed the body; this path then
runs the routes' own checks with the same functions — scope (own protocol or parent
commission), the signature headers, the body's model, ``parse_submission`` — and calls the
same store method. It takes the request only when every check passes: otherwise it answers
nothing and the request goes through the router, which gives the canonical refusal (no
write has happened by then). Once the store has been called, an error is answered by the
app's own exception handlers. ``tests/api/test_hot_writes.py`` sends the same requests both
ways and compares the answers byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from kazpolity.administration.submission import parse_submission
from kazpolity.api.protocols import DecisionIn, ProtocolIn, written
from kazpolity.api.v1_elections import (
    ID_REGEX,
    SIGNATURE_HEADER,
    SIGNED_AT_HEADER,
    is_parent,
    presigned,
)
from kazpolity.errors import KazpolityError
from kazpolity.http.state import open_store

DECISIONS: Final = frozenset({"accept", "return", "annul", "reopen"})
_ID: Final = re.compile(ID_REGEX)
_SIGNED_AT: Final = SIGNED_AT_HEADER.encode()
_SIGNATURE: Final = SIGNATURE_HEADER.encode()


def _is_json(content_type: bytes) -> bool:
    """The media types FastAPI reads as JSON (``application/json`` or ``…+json``)."""
    media = content_type.split(b";", 1)[0].strip().lower()
    return media == b"application/json" or (media.startswith(b"application/")
                                            and media.endswith(b"+json"))


def _plain_bearer(authorization: bytes) -> bool:
    """``Bearer <token>`` exactly as the routes' bearer dependency reads it."""
    scheme, sep, token = authorization.partition(b" ")
    return bool(sep) and scheme.lower() == b"bearer" and token == token.strip() != b""


async def answer(scope: Scope, receive: Receive, send: Send, match: re.Match[str],
                 headers: Mapping[bytes, bytes], actor: str, data: object) -> bool:
    """Answer the write ``match`` names if it is a hot one and passes every check; False
    (nothing sent, nothing written) to leave it to the router."""
    sub, action = match.group("sub"), match.group("action")
    if not sub or (action is not None and action not in DECISIONS):
        return False
    election_id, commission_id = match.group("eid"), sub.split("/", 1)[1]
    authorization = headers.get(b"authorization", b"")
    if not (_ID.fullmatch(election_id) and _ID.fullmatch(commission_id)
            and isinstance(data, dict) and _plain_bearer(authorization)
            and _is_json(headers.get(b"content-type", b""))):
        return False
    author = presigned(actor, authorization.decode("latin-1"),
                       headers.get(_SIGNED_AT, b"").decode("latin-1"),
                       headers.get(_SIGNATURE, b"").decode("latin-1"))
    if author is None:
        return False
    store = open_store(scope["app"].state)
    try:
        if action is None:
            if actor != commission_id:
                return False
            ProtocolIn.model_validate(data)
            # The model took the body as it is (strict types, no extra keys), so the body
            # names what its dump would, less the absent optional keys (read as None).
            submission = parse_submission(store.runtime(election_id).definition, data)
        else:
            if not is_parent(store, election_id, actor, commission_id):
                return False
            decision = DecisionIn.model_validate(data)
    except (ValidationError, KazpolityError):
        return False
    response: Response
    try:
        if action is None:
            result = await store.submit_protocol_async(election_id, author, commission_id,
                                                       submission)
        else:
            result = await store.parent_action_async(election_id, author, commission_id,
                                                     action, decision.version, decision.reason)
        response = written(result, created=action is None)
    except Exception as exc:
        response = await _handled(scope, exc)
    await response(scope, receive, send)
    return True


async def _handled(scope: Scope, exc: Exception) -> Response:
    """The answer the app's exception handlers give ``exc`` (re-raised when only the
    catch-all would, so that the server's error middleware answers it as for any route)."""
    handlers = scope["app"].exception_handlers
    for cls in type(exc).__mro__:
        handler = handlers.get(cls)
        if handler is not None and cls is not Exception:
            response: Response = await handler(Request(scope), exc)
            return response
    raise exc

