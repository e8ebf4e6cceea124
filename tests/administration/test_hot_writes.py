"""The hot writes (``kazpolity.api.hot_writes``) answer exactly as the routed path does.

Two worlds are built on the same election, one app answering submissions and decisions
before the router and one sending every write through FastAPI's routes; the same sequence
of requests, each signed in its own world, must get the same status, headers and body in
both (an entry hash differs only by the time in the entry, so only its presence is
compared). The hot world must also have taken every well-formed write itself.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.api import hot_writes
from kazpolity.server import create_app
from kazpolity.settings import Settings

from .helpers import bumped
from .test_api import World, make_world

Step = Callable[[World], Any]


def _world(tmp_path: Path, name: str, definition: ElectionDefinition,
           hot: bool) -> tuple[World, AdministrationStore]:
    world, store = make_world(f"sqlite:///{tmp_path / name}", definition)
    app = create_app(Settings(hot_writes=hot))
    app.state.administration_store = store
    world.client = TestClient(app)
    return world, store


def _raw(w: World, path: str, role: str, body: bytes, content_type: str,
         sign_as: Any) -> Any:
    headers = w.headers(path, role, sign_as)
    headers["Content-Type"] = content_type
    return w.client.post(f"/api/v1/elections/{w.eid}{path}", content=body, headers=headers)


def _bad_signature(w: World) -> Any:
    path = f"/protocols/{w.p2}"
    body = w.body(w.p2)
    headers = w.headers(path, w.p2, body)
    headers["X-Kazpolity-Signature"] = headers["X-Kazpolity-Signature"][::-1]
    return w.client.post(f"/api/v1/elections/{w.eid}{path}", json=body, headers=headers)


def _unsigned(w: World) -> Any:
    return w.client.post(f"/api/v1/elections/{w.eid}/protocols/{w.p2}", json=w.body(w.p2),
                         headers={"Authorization": f"Bearer {w.tokens[w.p2]}"})


def _lines_as_text(w: World) -> Any:
    body = w.body(w.p2)
    body["lines"] = {k: str(v) for k, v in body["lines"].items()}
    return w.post(f"/protocols/{w.p2}", w.p2, body)


def _voters_above_any_bound(w: World) -> Any:
    body = w.body(w.p2)
    body["lines"]["voters_on_list"] = 10 ** 12
    return w.post(f"/protocols/{w.p2}", w.p2, body)


def _other_numbers(w: World) -> Any:
    body = w.body(w.p1, bumped(w.definition, w.protocols[w.p1]))
    return w.post(f"/protocols/{w.p1}", w.p1, body)


STEPS: list[tuple[str, Step]] = [
    ("submit", lambda w: w.post(f"/protocols/{w.p1}", w.p1, w.body(w.p1))),
    ("submit again (idempotent)", lambda w: w.post(f"/protocols/{w.p1}", w.p1, w.body(w.p1))),
    ("other numbers without a repeat", _other_numbers),
    ("someone else's protocol", lambda w: w.post(f"/protocols/{w.p2}", w.p1, w.body(w.p2),
                                                 token=w.tokens[w.p1])),
    ("bad signature", _bad_signature),
    ("no signature headers", _unsigned),
    ("lines as text", _lines_as_text),
    ("mode of another election", lambda w: w.post(f"/protocols/{w.p2}", w.p2,
                                                  {**w.body(w.p2), "mode": "live"})),
    ("voters above any legal bound", _voters_above_any_bound),
    ("text/plain body", lambda w: _raw(w, f"/protocols/{w.p2}", w.p2,
                                       b'{"mode": "test"}', "text/plain", {"mode": "test"})),
    ("json+ media type", lambda w: _raw(
        w, f"/protocols/{w.p2}", w.p2,
        json.dumps(w.body(w.p2)).encode(), "application/vnd.x+json",
        w.body(w.p2))),
    ("accept by the parent", lambda w: w.post(f"/protocols/{w.p1}/accept", w.t1,
                                              {"version": 1})),
    ("accept again (idempotent)", lambda w: w.post(f"/protocols/{w.p1}/accept", w.t1,
                                                   {"version": 1})),
    ("accept by a stranger", lambda w: w.post(f"/protocols/{w.p2}/accept", w.t1,
                                              {"version": 1})),
    ("accept an unknown version", lambda w: w.post(f"/protocols/{w.p2}/accept", w.t2,
                                                   {"version": 7})),
    ("return without a reason", lambda w: w.post(f"/protocols/{w.p2}/return", w.t2,
                                                 {"version": 1})),
    ("return with a reason", lambda w: w.post(
        f"/protocols/{w.p2}/return", w.t2,
        {"version": 1, "reason": "the seal on the ballot box was broken"})),
    ("version as text", lambda w: w.post(f"/protocols/{w.p2}/annul", w.t2,
                                         {"version": "1", "reason": "a reason in words"})),
    ("reopen the accepted one", lambda w: w.post(
        f"/protocols/{w.p1}/reopen", w.t1, {"version": 1, "reason": "recount ordered today"})),
]


@pytest.fixture
def worlds(tmp_path: Path, small_definition: ElectionDefinition) -> Iterator[
    tuple[World, World]
]:
    hot, hot_store = _world(tmp_path, "hot.db", small_definition, hot=True)
    routed, routed_store = _world(tmp_path, "routed.db", small_definition, hot=False)
    try:
        yield hot, routed
    finally:
        hot_store.close()
        routed_store.close()


def _comparable(response: Any) -> tuple[int, dict[str, str], str]:
    """Status, the headers a client acts on, and the body's bytes with the entry hash's
    value (which covers the entry's time) blanked."""
    headers = {k: response.headers[k] for k in ("content-type", "content-length",
                                                 "www-authenticate", "retry-after")
               if k in response.headers}
    body = re.sub(r'"entry_hash":"[0-9a-f]{64}"', '"entry_hash":"…"', response.text)
    return response.status_code, headers, body


def test_the_hot_path_answers_as_the_router_does(worlds: tuple[World, World],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    hot, routed = worlds
    taken: list[bool] = []
    original = hot_writes.answer

    async def counted(*args: Any) -> bool:
        answered = await original(*args)
        taken.append(answered)
        return answered

    monkeypatch.setattr(hot_writes, "answer", counted)
    statuses = []
    for name, step in STEPS:
        before = len(taken)
        got, expected = _comparable(step(hot)), _comparable(step(routed))
        assert got == expected, name
        statuses.append(got[0])
        if got[0] < 400:
            assert taken[before:] == [True], f"{name}: not taken by the hot path"
    assert statuses == [201, 200, 409, 403, 401, 401, 422, 422, 422, 422, 201,
                        200, 200, 403, 409, 422, 200, 422, 200]


def test_the_hot_path_can_be_switched_off(worlds: tuple[World, World],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _, routed = worlds
    calls: list[object] = []

    async def never(*args: object) -> bool:
        calls.append(args)
        return False

    monkeypatch.setattr(hot_writes, "answer", never)
    assert routed.post(f"/protocols/{routed.p1}", routed.p1,
                       routed.body(routed.p1)).status_code == 201
    assert calls == []


def test_an_unexpected_failure_is_the_same_500_both_ways(
        worlds: tuple[World, World], monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate stands outside the server's error middleware, so it answers an unexpected
    failure itself: the same 500 envelope as the routed path, never a traceback."""

    async def broken(*_args: object) -> object:
        raise RuntimeError("disk on fire")

    answers = []
    for world in worlds:
        monkeypatch.setattr(world.store, "submit_protocol_async", broken)
        world.client = TestClient(world.client.app, raise_server_exceptions=False)
        answers.append(_comparable(world.post(f"/protocols/{world.p1}", world.p1,
                                              world.body(world.p1))))
    assert answers[0] == answers[1]
    assert answers[0][0] == 500 and "disk on fire" not in answers[0][2]
    assert json.loads(answers[0][2]) == {"error": {"field": "server",
                                                   "message": "internal error"}}
