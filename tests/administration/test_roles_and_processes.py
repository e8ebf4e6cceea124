"""PostgreSQL as deployed: the server's role may only insert and select; two server
processes share one database under load, lose nothing and never answer from an older
state."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from fastapi.testclient import TestClient

from kazpolity.administration.canonical import canonical_hash
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.store.verify import verify_store
from kazpolity.administration.synthetic import synthetic_definition, synthetic_protocols
from kazpolity.http.state import open_for_serving
from kazpolity.server import create_app
from kazpolity.simulate.driver import signed_headers
from kazpolity.simulate.lean_http import LeanConnection

from .conftest import ELECTION_DATE, PostgresCluster
from .helpers import seed
from .test_crash_and_end_to_end import free_port, server


def _server_role(cluster: PostgresCluster, url: str) -> str:
    """A role that may only SELECT and INSERT (and draw sequence numbers)."""
    database = url.split("@/", 1)[1].split("?")[0]
    with psycopg.connect(f"host={cluster.socket} user=kazpolity dbname={database}",
                         autocommit=True) as conn:
        conn.execute("DO $$ BEGIN CREATE ROLE server_role LOGIN; "
                     "EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        conn.execute("GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO server_role")
        conn.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO server_role")
    return f"postgresql+psycopg://server_role@/{database}?host={cluster.socket}"


def test_the_server_runs_with_a_role_that_may_only_insert_and_select(
    postgres: PostgresCluster,
) -> None:
    url = postgres.new_database()
    fresh = postgres.new_database()
    definition = synthetic_definition(ELECTION_DATE, precincts=20)
    admin = AdministrationStore(url)  # `admin migrate`: the owner, with DDL rights
    signers = seed(admin, definition)
    admin.close()
    limited = _server_role(postgres, url)
    store = open_for_serving(limited)
    try:
        with pytest.raises(Exception, match="must be owner"), \
                store.writer.begin() as conn:
            conn.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")
        app = create_app()
        app.state.administration_store = store
        client = TestClient(app)
        protocols = synthetic_protocols(definition)
        form = definition.form
        for pid in definition.hierarchy.at_level(PRECINCT)[:5]:
            payload = protocols[pid].to_json(form)
            headers = signed_headers(signers.credentials[pid], election_id=definition.id,
                                     signer=pid, commission_id=pid, action="protocol.submit",
                                     version=1, payload_hash=canonical_hash(payload))
            response = client.post(f"/api/v1/elections/{definition.id}/protocols/{pid}",
                                   json={"mode": "test", **payload}, headers=headers)
            assert response.status_code == 201, response.text
    finally:
        store.close()
    assert verify_store(url)["ok"]
    # An old schema is not migrated by the server: it names the command that does.
    with pytest.raises(RuntimeError, match="admin migrate"):
        open_for_serving(_server_role(postgres, fresh))


def test_two_server_processes_on_one_database_lose_nothing_and_agree(
    postgres: PostgresCluster, tmp_path: Path,
) -> None:
    url = postgres.new_database()
    definition = synthetic_definition(ELECTION_DATE, precincts=300)
    store = AdministrationStore(url)
    signers = seed(store, definition)
    store.close()
    protocols = synthetic_protocols(definition)
    form = definition.form
    precincts = list(definition.hierarchy.at_level(PRECINCT))
    ports = [free_port(), free_port()]
    acknowledged: dict[str, str] = {}
    retried: list[str] = []

    async def burst() -> None:
        queue = list(precincts)

        async def worker(port: int) -> None:
            connection = LeanConnection(f"http://127.0.0.1:{port}")
            while queue:
                pid = queue.pop()
                payload = protocols[pid].to_json(form)
                headers = signed_headers(signers.credentials[pid], election_id=definition.id,
                                         signer=pid, commission_id=pid,
                                         action="protocol.submit", version=1,
                                         payload_hash=canonical_hash(payload))
                body = json.dumps({"mode": "test", **payload}).encode()
                for _ in range(2):  # each protocol goes to both servers: one wins
                    response = await connection.request(
                        "POST", f"/api/v1/elections/{definition.id}/protocols/{pid}", body,
                        None, headers)
                    while response.status == 503:  # retryable, as the driver does
                        retried.append(pid)
                        await asyncio.sleep(0.05)
                        response = await connection.request(
                            "POST", f"/api/v1/elections/{definition.id}/protocols/{pid}",
                            body, None, headers)
                    assert response.status in (200, 201), response.body
                    acknowledged[pid] = json.loads(response.body)["payload_hash"]
            await connection.close()

        await asyncio.gather(*(worker(ports[i % 2]) for i in range(16)))

    with server(url, ports[0]), server(url, ports[1]):
        asyncio.run(burst())
        answers = [httpx.get(f"http://127.0.0.1:{p}/api/v1/elections/{definition.id}",
                             timeout=10).json()["audit"] for p in ports]
        assert answers[0] == answers[1]  # neither answers from an older state
        for pid in precincts[:20]:
            for port in ports:
                history = httpx.get(f"http://127.0.0.1:{port}/api/v1/elections/"
                                    f"{definition.id}/protocols/{pid}", timeout=10).json()
                assert [v["payload_hash"] for v in history["versions"]] == [acknowledged[pid]]
    assert len(acknowledged) == len(precincts)
    assert len(retried) < len(precincts) // 10, len(retried)
    report = verify_store(url)
    assert report["ok"], report
    assert report["elections"][0]["entries"] == 1 + len(definition.hierarchy.order) + 300


def test_simulate_submit_rides_out_postgresql_restarts(
    postgres: PostgresCluster, tmp_path: Path,
) -> None:
    """Defect 4: during PostgreSQL restarts the server answers 503 (never 409 with the
    driver's text) and ``simulate submit`` retries until every protocol is in."""
    import threading
    import time

    from .test_crash_and_end_to_end import run_cli

    url = postgres.new_database()
    credentials = tmp_path / "credentials.json"
    code, seeded = run_cli("admin", "seed-election", "--synthetic", "--db", url,
                           "--credentials-out", str(credentials), "--precincts", "200",
                           "--json")
    assert code == 0
    port = free_port()
    outcome: dict[str, tuple[int, Any]] = {}
    with server(url, port):
        def drive() -> None:
            outcome["result"] = run_cli("simulate", "submit", "--url",
                                        f"http://127.0.0.1:{port}", "--credentials",
                                        str(credentials), "--concurrency", "8", "--json")

        driver = threading.Thread(target=drive)
        driver.start()
        for _ in range(2):
            time.sleep(1.0)
            postgres._run(str(postgres.bindir / "pg_ctl"), "-D", str(postgres.data), "-m",
                          "fast", "-w", "restart")
        driver.join(timeout=300)
    code, report = outcome["result"]
    assert code == 0, report
    assert report["submitted"] == 200 and report["failed"] == 0 and report["finalized"]
    verified = verify_store(url, seeded["election_id"])
    assert verified["ok"], verified
    assert verified["signatures_verified"] == verified["elections"][0]["entries"]
