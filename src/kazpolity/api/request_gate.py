"""The gate in front of every write: size, authentication, then one strict parse.

An unauthenticated flood must cost the server as little as possible, so a write is
refused before its body is read when it is too large (``Content-Length`` above 1 MB: 413)
or carries no credential known for the election (401). Only then is the body read — at
most 1 MB, counted as it arrives — and parsed once strictly: duplicate keys are refused
(422, naming the key) and unknown keys are named, at most ten and each cut short, so an
answer never echoes a large input. Every refusal is in the API's error envelope.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Final

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kazpolity.administration.store.repository import Unavailable
from kazpolity.api import hot_writes
from kazpolity.errors import NotFound
from kazpolity.http.state import open_store, settings_of

MAX_BODY_BYTES: Final = 1_000_000
MAX_NAMED_KEYS: Final = 10
KEY_SHOWN: Final = 40

_WRITE = re.compile(r"^/api/v1/elections/(?P<eid>[^/]+)/(?:(?P<sub>protocols/[^/]+)"
                    r"(?:/(?P<action>publish|accept|return|annul|reopen))?|finalize|reopen)$")
_WIDEST: Final = 2.0 ** 63
_SUBMIT_KEYS: Final = frozenset({"mode", "lines", "votes", "flag_reasons", "repeat"})
_DECISION_KEYS: Final = frozenset({"version", "reason"})
_REPEAT_KEYS: Final = frozenset({"reason", "authority", "supersedes"})


class BodyRefused(Exception):
    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status, self.field, self.message = status, field, message


def _shown(key: str) -> str:
    return repr(key if len(key) <= KEY_SHOWN else key[:KEY_SHOWN] + "…")


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise BodyRefused(422, "body", f"duplicate key {_shown(key)}")
        out[key] = value
    return out


def _survey(value: Any) -> tuple[int, bool]:
    """How many object keys ``value`` holds at every depth (a fast duplicate-key test: a
    body whose text has more key separators than its parse has keys lost some), and whether
    it holds a float of magnitude 2**63 or more (orjson reads an integer literal past 64 bits
    as a float, where ``json`` keeps it exact)."""
    keys, wide = 0, False
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            keys += len(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float) and not -_WIDEST < item < _WIDEST:
            wide = True
    return keys, wide


def _unknown(data: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = [k for k in data if k not in allowed]
    if unknown:
        names = ", ".join(_shown(k) for k in unknown[:MAX_NAMED_KEYS])
        more = f" and {len(unknown) - MAX_NAMED_KEYS} more" if len(unknown) > MAX_NAMED_KEYS else ""
        raise BodyRefused(422, where, f"unknown keys {names}{more} (allowed: "
                          f"{', '.join(sorted(allowed))})")


def _parsed(body: bytes) -> tuple[Any, int]:
    """``json.loads(body)`` through orjson when that gives the same objects, in a tenth of
    the time — not when orjson widened an integer to a float, and not what orjson refuses
    (NaN, lone surrogates, which json accepts) — with its number of keys (``_survey``)."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        data = json.loads(body)
    keys, wide = _survey(data)
    return (json.loads(body) if wide else data), keys


def check_body(body: bytes, match: re.Match[str]) -> object:
    """Refuse malformed JSON, duplicate keys and unknown keys of a write's body; the parsed
    body (None when empty)."""
    if not body:
        return None
    try:
        data, keys = _parsed(body)
        if body.count(b'":') != keys:
            # Perhaps a duplicate key (or '":' inside a string): parse again, strictly.
            data = json.loads(body, object_pairs_hook=_pairs)
    except BodyRefused:
        raise
    except (ValueError, RecursionError):
        raise BodyRefused(422, "body", "not valid JSON") from None
    if not isinstance(data, dict):
        raise BodyRefused(422, "body", "must be a JSON object")
    if match.group("sub") and not match.group("action"):
        _unknown(data, _SUBMIT_KEYS, "body")
        if isinstance(data.get("repeat"), dict):
            _unknown(data["repeat"], _REPEAT_KEYS, "repeat")
    else:
        _unknown(data, _DECISION_KEYS, "body")
    return data


class RequestGate:
    """Pure ASGI, outside every other layer of the app (``kazpolity.server``): a refused or
hot write costs no other middleware, and no per-request task or copy for the routes it
lets through."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = _WRITE.match(scope.get("path", "")) if scope["type"] == "http" else None
        if match is None or scope.get("method") != "POST":
            await self.app(scope, receive, send)
            return
        try:
            body = await self._gate(scope, receive, send, match)
        except Exception as exc:
            await _internal_error(scope, receive, send, exc)
            raise
        if body is None:
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _gate(self, scope: Scope, receive: Receive, send: Send,
                    match: re.Match[str]) -> bytes | None:
        """Refuse or answer the write here; its body (to replay to the router) when the
        router should answer it."""
        headers = dict(scope.get("headers") or [])
        try:
            actor = self._admit(scope, match, headers)
            body = await self._read(receive)
            data = check_body(body, match)
        except BodyRefused as refused:
            extra = {"WWW-Authenticate": "Bearer"} if refused.status == 401 else {}
            if refused.status == 503:
                extra = {"Retry-After": "1"}
            response = JSONResponse({"error": {"field": refused.field,
                                               "message": refused.message}},
                                    status_code=refused.status, headers=extra)
            await response(scope, receive, send)
            return None
        if settings_of(scope["app"].state).hot_writes and await hot_writes.answer(
                scope, receive, send, match, headers, actor, data):
            return None
        return body

    def _admit(self, scope: Scope, match: re.Match[str], headers: Mapping[bytes, bytes]) -> str:
        """The commission whose credential came with the write (refusals raise)."""
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
            raise BodyRefused(413, "body", f"larger than {self.limit:,} bytes")
        auth = headers.get(b"authorization", b"").decode("latin-1")
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token.strip() or len(token) > 200:
            raise BodyRefused(401, "authorization", "a commission's bearer token is required")
        store = open_store(scope["app"].state)
        try:
            known = store.authenticate(match.group("eid"), token.strip())
        except NotFound as err:
            raise BodyRefused(404, err.field, err.message) from None
        except Unavailable:
            raise BodyRefused(503, "store", "the results store is unavailable; retry "
                              "shortly") from None
        if known is None:
            raise BodyRefused(401, "authorization", "unknown credential for this election")
        return known

    async def _read(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise BodyRefused(400, "body", "the client went away")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                raise BodyRefused(413, "body", f"larger than {self.limit:,} bytes")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


async def _internal_error(scope: Scope, receive: Receive, send: Send, exc: Exception) -> None:
    """What the server's error middleware would answer (the gate stands outside it): the
    app's own 500 handler, else the API's envelope."""
    handler = scope["app"].exception_handlers.get(Exception)
    if handler is not None:
        response = await handler(Request(scope), exc)
    else:
        response = JSONResponse({"error": {"field": "server", "message": "internal error"}},
                                status_code=500)
    await response(scope, receive, send)
