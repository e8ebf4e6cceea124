"""The HTTP API: the access matrix, idempotency, conflicts, tampering, published results."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kazpolity.administration.canonical import canonical_hash
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.protocol import Protocol
from kazpolity.administration.store.credentials import CommissionCredential
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.synthetic import synthetic_protocols
from kazpolity.http.access import KNOWN_POLICIES, POLICY_KEY
from kazpolity.server import create_app

from .helpers import Signers, bumped, seed, signed_headers_for


class World:
    def __init__(self, client: TestClient, store: AdministrationStore,
                 definition: ElectionDefinition, signers: Signers,
                 protocols: dict[str, Protocol]) -> None:
        self.client = client
        self.store = store
        self.definition = definition
        self.signers = signers
        self.tokens = {cid: c.token for cid, c in signers.credentials.items()}
        self.protocols = protocols
        h = definition.hierarchy
        self.eid = definition.id
        self.central = h.root_id
        self.t1, self.t2 = h.at_level("territorial")[:2]
        self.p1 = h.children[self.t1][0]
        self.p2 = h.children[self.t2][0]
        self.p1b = h.children[self.t1][1] if len(h.children[self.t1]) > 1 else None

    def body(self, pid: str, protocol: Protocol | None = None, **extra: Any) -> dict[str, Any]:
        p = protocol or self.protocols[pid]
        return {"mode": self.definition.mode, **p.to_json(self.definition.form), **extra}

    def headers(self, path: str, signer: str, json: Any,
                credential: CommissionCredential | None = None) -> dict[str, str]:
        return signed_headers_for(self.store, self.eid, path, json, signer,
                                  credential or self.signers.credentials[signer])

    def post(self, path: str, role: str | None, json: Any = None,
             token: str | None = None, credential: CommissionCredential | None = None) -> Any:
        """POST signed by ``role`` (or by the commission whose ``token`` is given)."""
        signer = role or next((c for c, t in self.tokens.items() if t == token), None)
        headers = self.headers(path, signer, json, credential) if signer else {}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.client.post(f"/api/v1/elections/{self.eid}{path}", json=json,
                                headers=headers)


def make_world(url: str, definition: ElectionDefinition) -> tuple[World, AdministrationStore]:
    store = AdministrationStore(url)
    signers = seed(store, definition)
    app = create_app()
    app.state.administration_store = store
    client = TestClient(app)
    return World(client, store, definition, signers, synthetic_protocols(definition)), store


@pytest.fixture
def world(tmp_path: Path, small_definition: ElectionDefinition) -> Iterator[World]:
    w, store = make_world(f"sqlite:///{tmp_path / 'api.db'}", small_definition)
    try:
        yield w
    finally:
        store.close()


def test_every_route_declares_a_known_access_policy(world: World) -> None:
    spec = world.client.get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        if not path.startswith("/api/v1/elections"):
            continue
        for method, operation in methods.items():
            assert operation.get(POLICY_KEY) in KNOWN_POLICIES, (method, path)


# (action, who may) for the access matrix; every other role must get 403.
ROLES = ["central", "t1", "t2", "p1", "p2"]
ACTIONS = {
    "submit p1": "p1",
    "publish t1": "t1",
    "accept p1": "t1",
    "return p1": "t1",
    "annul p1": "t1",
    "reopen p1": "t1",
    "accept t1": "central",
    "finalize": "central",
    "reopen election": "central",
}
MATRIX = [(action, role) for action, allowed in ACTIONS.items() for role in ROLES
          if role != allowed]


def attempt(world: World, action: str, token: str | None, *, anonymous: bool = False) -> Any:
    role_token = None if anonymous else token
    targets = {"p1": world.p1, "t1": world.t1}
    verb, _, target = action.partition(" ")
    if action == "submit p1":
        return world.post(f"/protocols/{world.p1}", None, world.body(world.p1), role_token)
    if verb == "publish":
        return world.post(f"/protocols/{targets[target]}/publish", None, None, role_token)
    if action == "finalize":
        return world.post("/finalize", None, None, role_token)
    if action == "reopen election":
        return world.post("/reopen", None, {"reason": "why not now"}, role_token)
    return world.post(f"/protocols/{targets[target]}/{verb}", None,
                      {"version": 1, "reason": "a written reason"}, role_token)


@pytest.mark.parametrize(("action", "role"), MATRIX)
def test_every_role_outside_its_scope_gets_403(world: World, action: str, role: str) -> None:
    commission = {"central": world.central, "t1": world.t1, "t2": world.t2, "p1": world.p1,
                  "p2": world.p2}[role]
    response = attempt(world, action, world.tokens[commission])
    assert response.status_code == 403, response.text
    assert response.json()["error"]["field"] == "authorization"


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_no_token_or_a_tampered_token_gets_401(world: World, action: str) -> None:
    assert attempt(world, action, None, anonymous=True).status_code == 401
    good = world.tokens[{"p1": world.p1, "t1": world.t1, "central": world.central}[
        ACTIONS[action]]]
    tampered = good[:-1] + ("A" if good[-1] != "A" else "B")
    response = attempt(world, action, tampered)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_token_is_bound_to_its_election(world: World,
                                          small_definition: ElectionDefinition) -> None:
    from dataclasses import replace

    other = replace(small_definition, id="maj-2023-other")
    seed(world.store, other)
    headers = world.headers(f"/protocols/{world.p1}", world.p1, world.body(world.p1))
    response = world.client.post(f"/api/v1/elections/{other.id}/protocols/{world.p1}",
                                 json=world.body(world.p1), headers=headers)
    assert response.status_code == 401


def test_submission_rules_over_http(world: World) -> None:
    p1 = world.p1
    form = world.definition.form
    bad = list(world.protocols[p1].values)
    bad[form.index["ballots_found"]] += 1
    response = world.post(f"/protocols/{p1}", p1, world.body(p1, Protocol(tuple(bad))))
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "protocol.ballots_found_split"
    live = world.post(f"/protocols/{p1}", p1, {**world.body(p1), "mode": "live"})
    assert live.status_code == 422 and live.json()["error"]["field"] == "mode"
    floats = world.body(p1)
    floats["lines"]["ballots_found"] = 1.0
    assert world.post(f"/protocols/{p1}", p1, floats).status_code == 422
    first = world.post(f"/protocols/{p1}", p1, world.body(p1))
    again = world.post(f"/protocols/{p1}", p1, world.body(p1))
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["payload_hash"] == again.json()["payload_hash"]
    changed = bumped(world.definition, world.protocols[p1])
    conflict = world.post(f"/protocols/{p1}", p1, world.body(p1, changed))
    assert conflict.status_code == 409
    repeat = world.post(f"/protocols/{p1}", p1, world.body(
        p1, changed, repeat={"reason": "recount ordered", "authority": "TEC decision 7",
                             "supersedes": 1}))
    assert repeat.status_code == 201 and repeat.json()["version"] == 2
    stale = world.post(f"/protocols/{p1}/accept", world.t1, {"version": 1})
    assert stale.status_code == 409
    ok = world.post(f"/protocols/{p1}/accept", world.t1, {"version": 2})
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"
    again_repeat = world.post(f"/protocols/{p1}", p1, world.body(
        p1, world.protocols[p1], repeat={"reason": "recount again", "authority": "TEC order",
                                         "supersedes": 2}))
    assert again_repeat.status_code == 409  # accepted: the parent must reopen first
    no_reason = world.post(f"/protocols/{p1}/reopen", world.t1, {"version": 2})
    assert no_reason.status_code == 422


def test_a_flagged_protocol_needs_a_reason_over_http(world: World) -> None:
    pid = world.p2
    form = world.definition.form
    values = list(world.protocols[pid].values)
    issued = values[form.index["ballots_issued_in_room"]] + values[
        form.index["ballots_issued_outside"]]
    values[form.index["voters_on_list"]] = issued  # turnout 100%
    flagged = Protocol(tuple(values))
    refused = world.post(f"/protocols/{pid}", pid, world.body(pid, flagged))
    assert refused.status_code == 422
    assert refused.json()["error"]["field"] == "flag_reasons.turnout_ceiling"
    accepted = world.post(f"/protocols/{pid}", pid, world.body(
        pid, flagged, flag_reasons={"turnout_ceiling": "hospital precinct, all voted"}))
    assert accepted.status_code == 201
    history = world.client.get(f"/api/v1/elections/{world.eid}/protocols/{pid}").json()
    assert history["versions"][0]["detail"]["flags"] == ["turnout_ceiling"]
    assert history["log"][-1]["disposition"] == "submitted-flagged"


def run_all_over_http(world: World) -> None:
    h = world.definition.hierarchy
    for pid in h.at_level(PRECINCT):
        assert world.post(f"/protocols/{pid}", pid, world.body(pid)).status_code == 201
    for tec in h.at_level("territorial"):
        for pid in h.children[tec]:
            assert world.post(f"/protocols/{pid}/accept", tec,
                              {"version": 1}).status_code == 200
        assert world.post(f"/protocols/{tec}/publish", tec).status_code == 201
        assert world.post(f"/protocols/{tec}/accept", world.central,
                          {"version": 1}).status_code == 200
    assert world.post(f"/protocols/{world.central}/publish", world.central).status_code == 201
    assert world.post("/finalize", world.central).status_code == 200


def test_results_are_published_with_hashes_and_seats_from_the_engine(world: World) -> None:
    run_all_over_http(world)
    base = f"/api/v1/elections/{world.eid}"
    central = world.client.get(f"{base}/results", params={"level": "central"})
    document = central.json()
    assert document["reported_text"] == "reported 60 of 60"
    body = {k: v for k, v in document.items() if k not in ("content_hash", "audit")}
    assert canonical_hash(body) == document["content_hash"]
    territorial = world.client.get(f"{base}/results",
                                   params={"level": "territorial", "format": "csv"})
    digest = hashlib.sha256(territorial.text.encode("utf-8")).hexdigest()
    assert territorial.headers["x-content-sha256"] == digest
    rows = list(csv.DictReader(io.StringIO(territorial.text)))
    assert len(rows) == 20
    for field in ("ballots_found", "votes.amanat"):
        assert sum(int(r[field]) for r in rows) == document["rows"][0]["lines"].get(
            field, document["rows"][0]["votes"].get(field.removeprefix("votes.")))
    precincts = world.client.get(f"{base}/results", params={
        "level": "precinct", "commission_id": world.t1}).json()
    assert len(precincts["rows"]) == len(world.definition.hierarchy.children[world.t1])
    assert precincts["reported_text"].startswith("reported ")
    seats = world.client.get(f"{base}/seats").json()
    from kazpolity.elections.kazakh_lists import allocate_list_seats_on

    totals = document["rows"][0]
    engine = allocate_list_seats_on(
        world.definition.on, totals["votes"], against_all=totals["lines"]["against_all"],
        invalid=totals["lines"]["ballots_invalid"],
        registration_order=world.definition.registration_order)
    assert seats["final_allocation"]["seats"] == {k: v for k, v in sorted(
        engine.seats.items())}
    assert sum(seats["final_allocation"]["seats"].values()) == 69
    # Nothing changes after finalization.
    assert world.post(f"/protocols/{world.p1}/reopen", world.t1,
                      {"version": 1, "reason": "late complaint"}).status_code == 409
    bad_level = world.client.get(f"{base}/results", params={"level": "district"})
    assert bad_level.status_code == 422
    assert world.client.get("/api/v1/elections/nope/results").status_code == 404


def test_a_new_credential_replaces_the_old_one(world: World) -> None:
    p1 = world.p1
    old = world.signers.credentials[p1]
    new = world.store.issue_credentials(world.eid, [p1])[p1]
    assert world.post(f"/protocols/{p1}", p1, world.body(p1), token=old.token,
                      credential=old).status_code == 401
    assert world.post(f"/protocols/{p1}", p1, world.body(p1), token=new.token,
                      credential=new).status_code == 201
    # Replaced by another process (the admin CLI): the old credential fails on its very
    # next use, and the new one works on its first.
    p2 = world.p2
    before = world.signers.credentials[p2]
    other = AdministrationStore(world.store.url)
    try:
        fresh = other.issue_credentials(world.eid, [p2])[p2]
    finally:
        other.close()
    refused = world.post(f"/protocols/{p2}", p2, world.body(p2), token=before.token,
                         credential=before)
    assert refused.status_code == 401, refused.text
    assert world.post(f"/protocols/{p2}", p2, world.body(p2), token=fresh.token,
                      credential=fresh).status_code == 201
    stored = world.store.history(world.eid, world.p2)
    assert stored.version == 1


def test_concurrent_submissions_over_http_one_wins(world: World) -> None:
    import asyncio

    import httpx

    p1, p2 = world.p1, world.p2
    app = world.client.app
    base = f"/api/v1/elections/{world.eid}/protocols"

    async def burst() -> tuple[list[int], list[int]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            bodies = [world.body(p1, bumped(world.definition, world.protocols[p1], delta=k))
                      for k in range(8)]
            conflicting = [
                client.post(f"{base}/{p1}", json=body,
                            headers=world.headers(f"/protocols/{p1}", p1, body))
                for body in bodies
            ]
            same = [
                client.post(f"{base}/{p2}", json=world.body(p2),
                            headers=world.headers(f"/protocols/{p2}", p2, world.body(p2)))
                for _ in range(6)
            ]
            first = await asyncio.gather(*conflicting)
            second = await asyncio.gather(*same)
        return [r.status_code for r in first], [r.status_code for r in second]

    conflicting, same = asyncio.run(burst())
    assert sorted(conflicting) == [201] + [409] * 7
    assert sorted(same) == [200] * 5 + [201]
    assert world.store.history(world.eid, p1).version == 1
