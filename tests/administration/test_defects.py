"""The defects and weaknesses of issue 11, each as the failure it was: register, reasons,
repeated decisions, transient faults, the request gate, verify on a missing store, the
demo's own file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.protocol import Protocol
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.synthetic import synthetic_protocols
from kazpolity.server import create_app

from .helpers import Signers, seed, signed_headers_for


class Api:
    def __init__(self, store: AdministrationStore, definition: ElectionDefinition,
                 signers: Signers) -> None:
        app = create_app()
        app.state.administration_store = store
        self.client = TestClient(app)
        self.store = store
        self.definition = definition
        self.signers = signers
        self.protocols = synthetic_protocols(definition)
        h = definition.hierarchy
        self.tec = h.at_level("territorial")[0]
        self.pid = h.children[self.tec][0]

    def body(self, protocol: Protocol | None = None, **extra: Any) -> dict[str, Any]:
        p = protocol or self.protocols[self.pid]
        return {"mode": "test", **p.to_json(self.definition.form), **extra}

    def post(self, path: str, signer: str, json: Any = None) -> Any:
        headers = signed_headers_for(self.store, self.definition.id, path, json, signer,
                                     self.signers.credentials[signer])
        return self.client.post(f"/api/v1/elections/{self.definition.id}{path}", json=json,
                                headers=headers)


@pytest.fixture
def api(tmp_path: Path, small_definition: ElectionDefinition) -> Iterator[Api]:
    store = AdministrationStore(f"sqlite:///{tmp_path / 'defects.db'}")
    try:
        yield Api(store, small_definition, seed(store, small_definition))
    finally:
        store.close()


def _with_voters(api: Api, voters: int) -> Protocol:
    form = api.definition.form
    values = list(api.protocols[api.pid].values)
    values[form.index["voters_on_list"]] = voters
    return Protocol(tuple(values))


def test_the_register_is_the_reference_for_voters_on_the_list(api: Api) -> None:
    register = api.definition.hierarchy.commissions[api.pid].voters_on_list
    assert register is not None
    absurd = api.post(f"/protocols/{api.pid}", api.pid, api.body(_with_voters(api, 10**12)))
    assert absurd.status_code == 422
    assert absurd.json()["error"]["field"] == "lines.voters_on_list"
    added = _with_voters(api, register + 12)
    unexplained = api.post(f"/protocols/{api.pid}", api.pid, api.body(added))
    assert unexplained.status_code == 422
    assert unexplained.json()["error"]["field"] == \
        "flag_reasons.voters_added_on_election_day"
    explained = api.post(f"/protocols/{api.pid}", api.pid, api.body(added, flag_reasons={
        "voters_added_on_election_day": "twelve voters added on the additional list"}))
    assert explained.status_code == 201, explained.text
    history = api.store.history(api.definition.id, api.pid)
    assert history.versions[0].detail["flags"] == ["voters_added_on_election_day"]


def test_a_reason_needs_real_words(api: Api) -> None:
    api.post(f"/protocols/{api.pid}", api.pid, api.body())
    for reason in ("x", "ok", "- -", "12345 678"):
        response = api.post(f"/protocols/{api.pid}/return", api.tec,
                            {"version": 1, "reason": reason})
        assert response.status_code == 422, reason
        assert response.json()["error"]["field"] == "reason"
    assert api.post(f"/protocols/{api.pid}/return", api.tec,
                    {"version": 1, "reason": "two signatures missing"}).status_code == 200


def test_a_repeated_decision_is_answered_again(api: Api) -> None:
    api.post(f"/protocols/{api.pid}", api.pid, api.body())
    first = api.post(f"/protocols/{api.pid}/accept", api.tec, {"version": 1})
    again = api.post(f"/protocols/{api.pid}/accept", api.tec, {"version": 1})
    assert (first.status_code, again.status_code) == (200, 200)
    assert (first.json()["idempotent"], again.json()["idempotent"]) == (False, True)
    entries = api.store.fresh(api.definition.id).state.head.seq
    assert api.post(f"/protocols/{api.pid}/accept", api.tec, {"version": 1}).status_code == 200
    assert api.store.fresh(api.definition.id).state.head.seq == entries


def test_a_database_outage_answers_503_without_the_driver_text(
    api: Api, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def down(*_args: Any, **_kwargs: Any) -> Any:
        raise OperationalError("INSERT", {}, Exception("/var/run/postgresql/.s.PGSQL.5432"))

    monkeypatch.setattr(api.store.writer, "begin", down)
    response = api.post(f"/protocols/{api.pid}", api.pid, api.body())
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert "PGSQL" not in response.text and response.json()["error"]["field"] == "store"
    monkeypatch.setattr(api.store.reader, "connect", down)
    read = api.client.get(f"/api/v1/elections/{api.definition.id}")
    assert read.status_code == 503 and "PGSQL" not in read.text


def test_unsigned_or_wrongly_signed_writes_get_401(api: Api) -> None:
    path = f"/api/v1/elections/{api.definition.id}/protocols/{api.pid}"
    token = api.signers.token(api.pid)
    unsigned = api.client.post(path, json=api.body(),
                               headers={"Authorization": f"Bearer {token}"})
    assert unsigned.status_code == 401
    headers = signed_headers_for(api.store, api.definition.id, f"/protocols/{api.pid}",
                                 api.body(), api.pid, api.signers.credentials[api.pid])
    other = api.body(_with_voters(api, 5))  # signed one payload, sends another
    wrong = api.client.post(path, json=other, headers=headers)
    assert wrong.status_code in (401, 422)
    stolen = signed_headers_for(api.store, api.definition.id, f"/protocols/{api.pid}",
                                api.body(), api.pid, api.signers.credentials[api.tec])
    stolen["Authorization"] = f"Bearer {token}"
    assert api.client.post(path, json=api.body(), headers=stolen).status_code == 401
    assert api.client.post(path, json=api.body(), headers=headers).status_code == 201


def test_the_gate_refuses_before_reading_and_names_at_most_ten_keys(api: Api) -> None:
    path = f"/api/v1/elections/{api.definition.id}/protocols/{api.pid}"
    token = api.signers.token(api.pid)
    huge = api.client.post(path, content=b"{" + b" " * 1_100_000 + b"}",
                           headers={"Content-Type": "application/json"})
    assert huge.status_code == 413 and huge.json()["error"]["field"] == "body"
    anonymous = api.client.post(path, content=b"{not json", headers={
        "Content-Type": "application/json"})
    assert anonymous.status_code == 401 and "error" in anonymous.json()
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    broken = api.client.post(path, content=b"{not json", headers=auth)
    assert broken.status_code == 422 and broken.json()["error"]["field"] == "body"
    duplicate = api.client.post(path, content=b'{"mode":"test","mode":"live"}', headers=auth)
    assert duplicate.status_code == 422 and "duplicate key 'mode'" in duplicate.text
    many = {**api.body(), **{f"k{i:02d}" + "x" * 500: 1 for i in range(15)}}
    unknown = api.client.post(path, json=many, headers=auth)
    message = unknown.json()["error"]["message"]
    assert unknown.status_code == 422 and "and 5 more" in message
    assert message.count("'k") == 10 and len(unknown.content) < 1200


def test_verify_on_a_missing_store_exits_2_and_creates_nothing(tmp_path: Path) -> None:
    from kazpolity.cli.app import main

    missing = tmp_path / "typo.db"
    assert main(["audit", "verify", "--db", f"sqlite:///{missing}"]) == 2
    assert not missing.exists()
    assert main(["audit", "verify", "--db", str(missing)]) == 2
    assert not missing.exists()


def test_serve_never_seeds_a_store_it_is_given(tmp_path: Path) -> None:
    from kazpolity.cli.app import main

    assert main(["serve", "--seed", "--db", f"sqlite:///{tmp_path / 'mine.db'}"]) == 2
    assert not (tmp_path / "mine.db").exists()


def test_the_demo_leaves_an_election_it_did_not_make_alone(tmp_path: Path) -> None:
    from datetime import date

    from kazpolity.administration.synthetic import synthetic_definition
    from kazpolity.errors import InputError
    from kazpolity.simulate.seed import SEED_ELECTION_ID, seed_dashboard

    url = f"sqlite:///{tmp_path / 'live.db'}"
    store = AdministrationStore(url)
    live = synthetic_definition(date(2023, 3, 19), election_id=SEED_ELECTION_ID,
                                mode="live", precincts=40)
    seed(store, live)
    store.close()
    with pytest.raises(InputError, match="not made by the demo"):
        seed_dashboard(url, precincts=40)
    store = AdministrationStore(url)
    assert store.fresh(SEED_ELECTION_ID).state.head.seq == 1 + len(live.hierarchy.order)
    store.close()


def test_the_log_routes_give_a_signed_checkpoint_and_proofs_that_verify(api: Api) -> None:
    from kazpolity.administration.checkpoint import Checkpoint
    from kazpolity.administration.merkle import leaf_hash, verify_consistency, verify_inclusion

    base = f"/api/v1/elections/{api.definition.id}/log"
    early = Checkpoint.from_json(api.client.get(f"{base}/checkpoint").json(), "checkpoint")
    assert early.signature_valid() and early.tree_size == 1 + len(api.definition.hierarchy.order)
    api.post(f"/protocols/{api.pid}", api.pid, api.body())
    api.post(f"/protocols/{api.pid}/accept", api.tec, {"version": 1})
    late = Checkpoint.from_json(api.client.get(f"{base}/checkpoint").json(), "checkpoint")
    assert late.tree_size == early.tree_size + 2
    proof = api.client.get(f"{base}/consistency", params={
        "first": early.tree_size, "second": late.tree_size}).json()
    assert verify_consistency(early.tree_size, late.tree_size, bytes.fromhex(early.root_hash),
                              bytes.fromhex(late.root_hash),
                              [bytes.fromhex(p) for p in proof["proof"]])
    history = api.store.history(api.definition.id, api.pid)
    submitted = history.log[-2]
    index = submitted.seq - 1
    inclusion = api.client.get(f"{base}/inclusion", params={
        "index": index, "size": late.tree_size}).json()
    assert inclusion["leaf_hash"] == leaf_hash(bytes.fromhex(submitted.entry_hash)).hex()
    assert verify_inclusion(bytes.fromhex(inclusion["leaf_hash"]), index, late.tree_size,
                            [bytes.fromhex(p) for p in inclusion["proof"]],
                            bytes.fromhex(late.root_hash))
    too_far = api.client.get(f"{base}/inclusion", params={"index": 0, "size": 10**6})
    assert too_far.status_code == 422 and too_far.json()["error"]["field"] == "size"
    backwards = api.client.get(f"{base}/consistency", params={"first": 5, "second": 2})
    assert backwards.status_code == 422


def test_serve_publish_dir_republishes_only_when_the_log_moved(api: Api, tmp_path: Path) -> None:
    from kazpolity.administration.publication import verify_publication
    from kazpolity.cli.publisher import publish_changed

    site = tmp_path / "site"
    last: dict[str, int] = {}
    assert publish_changed(api.store.url, site, last) == [api.definition.id]
    assert verify_publication(site / api.definition.id) == []
    assert publish_changed(api.store.url, site, last) == []
    api.post(f"/protocols/{api.pid}", api.pid, api.body())
    api.post(f"/protocols/{api.pid}/accept", api.tec, {"version": 1})
    assert publish_changed(api.store.url, site, last) == [api.definition.id]
    assert verify_publication(site / api.definition.id) == []
