"""A real server process: kill -9 during a burst (signed writes), restart, nothing
acknowledged is lost; and the whole flow from the command line (seed, serve, simulate
submit, audit checkpoint, audit verify, publish, publish verify)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from kazpolity.administration.canonical import canonical_hash
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.store.verify import verify_store
from kazpolity.administration.synthetic import synthetic_definition, synthetic_protocols
from kazpolity.cli.app import main
from kazpolity.simulate.driver import signed_headers
from kazpolity.simulate.lean_http import LeanConnection

from .conftest import ELECTION_DATE
from .helpers import seed


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(url: str, port: int, *extra: str) -> Iterator[subprocess.Popen[bytes]]:
    """``kazpolity serve`` on the store ``url`` (given by the environment: never seeded)."""
    env = {**os.environ, "KAZPOLITY_DATABASE_URL": url}
    process = subprocess.Popen(
        [sys.executable, "-m", "kazpolity.cli", "serve", "--port", str(port), *extra],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v1/elections",
                             timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"server did not start: {process.stderr!r}")
            time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


@pytest.mark.parametrize("db", ["sqlite", "postgresql"])
def test_kill_9_during_a_burst_loses_no_acknowledged_submission(
    db: str, tmp_path: Path, request: pytest.FixtureRequest,
) -> None:
    if db == "sqlite":
        url = f"sqlite:///{tmp_path / 'crash.db'}"
    else:
        url = request.getfixturevalue("postgres").new_database()
    definition = synthetic_definition(ELECTION_DATE, precincts=400)
    store = AdministrationStore(url)
    signers = seed(store, definition)
    store.close()
    protocols = synthetic_protocols(definition)
    form = definition.form
    precincts = list(definition.hierarchy.at_level(PRECINCT))
    bodies = {p: json.dumps({"mode": "test", **protocols[p].to_json(form)}).encode()
              for p in precincts}
    headers = {p: signed_headers(signers.credentials[p], election_id=definition.id, signer=p,
                                 commission_id=p, action="protocol.submit", version=1,
                                 payload_hash=canonical_hash(protocols[p].to_json(form)))
               for p in precincts}
    port = free_port()
    acknowledged: dict[str, str] = {}

    async def burst(process: subprocess.Popen[bytes]) -> None:
        queue = list(precincts)

        async def worker() -> None:
            connection = LeanConnection(f"http://127.0.0.1:{port}")
            while queue:
                pid = queue.pop()
                try:
                    response = await connection.request(
                        "POST", f"/api/v1/elections/{definition.id}/protocols/{pid}",
                        bodies[pid], None, headers[pid])
                except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                    continue
                if response.status in (200, 201):
                    acknowledged[pid] = json.loads(response.body)["payload_hash"]
                    if len(acknowledged) == 150:
                        os.kill(process.pid, signal.SIGKILL)
            await connection.close()

        await asyncio.gather(*(worker() for _ in range(16)))

    with server(url, port) as process:
        asyncio.run(burst(process))
        process.wait()
        assert process.returncode == -signal.SIGKILL
    assert 150 <= len(acknowledged) < len(precincts)

    with server(url, port), httpx.Client(timeout=10) as client:
        base = f"http://127.0.0.1:{port}/api/v1/elections/{definition.id}"
        for pid, payload_hash in acknowledged.items():
            history = client.get(f"{base}/protocols/{pid}").json()
            assert [v["payload_hash"] for v in history["versions"]] == [payload_hash]
            assert payload_hash == canonical_hash(protocols[pid].to_json(form))
        # The rest can be sent again; those committed but not acknowledged answer 200.
        for pid in precincts:
            response = client.post(f"{base}/protocols/{pid}", content=bodies[pid],
                                   headers={**headers[pid],
                                            "Content-Type": "application/json"})
            assert response.status_code == (200 if pid in acknowledged else
                                            response.status_code)
            assert response.status_code in (200, 201)
    report = verify_store(url)
    assert report["ok"], report
    assert report["signatures_verified"] == report["elections"][0]["entries"]


def run_cli(*args: str) -> tuple[int, Any]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(list(args))
    text = out.getvalue()
    try:
        return code, json.loads(text)
    except ValueError:
        return code, text


def test_seed_serve_simulate_and_verify_from_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e2e.db'}"
    credentials = tmp_path / "credentials.json"
    code, seeded = run_cli("admin", "seed-election", "--synthetic", "--date", "2023-03-19",
                           "--db", url, "--credentials-out", str(credentials),
                           "--precincts", "300", "--json")
    assert code == 0
    assert seeded["commissions"]["precinct"] == 300
    assert seeded["registered_voters"] == 12_035_578
    tokens = json.loads(credentials.read_text())
    assert len(tokens) == 321 and oct(credentials.stat().st_mode & 0o777) == "0o600"
    assert set(tokens["CEC"]) == {"token", "signing_key"}
    port = free_port()
    early = tmp_path / "early-checkpoint.json"
    with server(url, port):
        # A store given by the environment is never seeded with the demo.
        listing = httpx.get(f"http://127.0.0.1:{port}/api/v1/elections").json()["elections"]
        assert [e["id"] for e in listing] == [seeded["election_id"]]
        code, _ = run_cli("audit", "checkpoint", "--url", f"http://127.0.0.1:{port}",
                          "--election", seeded["election_id"], "-o", str(early), "--json")
        assert code == 0
        code, report = run_cli("simulate", "submit", "--url", f"http://127.0.0.1:{port}",
                               "--credentials", str(credentials), "--concurrency", "8",
                               "--json")
        assert code == 0, report
        final = tmp_path / "final-checkpoint.json"
        code, _ = run_cli("audit", "checkpoint", "--url", f"http://127.0.0.1:{port}",
                          "--election", seeded["election_id"], "-o", str(final), "--json")
        assert code == 0
    assert report["submitted"] == 300 and report["failed"] == 0
    assert report["finalized"] is True
    assert report["reported"] == "reported 300 of 300"
    # National totals equal the official ones, so the seats are the official 2023 seats.
    assert report["seats"] == {"amanat": 40, "auyl": 8, "respublica": 6, "ak-zhol": 6,
                               "qhp": 5, "jsdp": 4, "baytaq": 0}
    code, verified = run_cli("audit", "verify", "--db", url, "--election",
                             seeded["election_id"], "--checkpoint", str(early), "--checkpoint",
                             str(final), "--json")
    assert code == 0 and verified["ok"], verified
    assert verified["signatures_verified"] == verified["elections"][0]["entries"]
    published = verified["elections"][0]["closing_hash"]
    check_publication(url, seeded["election_id"], tmp_path)
    from tests.administration.helpers import execute_raw

    # Removing the newest entry (the finalization) leaves a consistent-looking log; the
    # published closing hash and the saved final checkpoint show it (the early one not).
    store = AdministrationStore(url)
    execute_raw(store, "DELETE FROM audit_log WHERE election_id = :e AND seq = (SELECT MAX(seq) "
                "FROM audit_log WHERE election_id = :e)", e=seeded["election_id"])
    code, verified = run_cli("audit", "verify", "--db", url, "--election",
                             seeded["election_id"], "--json")
    assert code == 1 and verified["store_problems"]  # the triggers were dropped to do it
    code, verified = run_cli("audit", "verify", "--db", url, "--election", seeded["election_id"],
                             "--closing-hash", published, "--checkpoint", str(early),
                             "--checkpoint", str(final), "--json")
    problems = verified["elections"][0]["problems"]
    assert code == 1 and any("differs from the published" in p for p in problems)
    assert [p for p in problems if "checkpoint" in p] == [
        p for p in problems if str(final) in p and "truncation" in p]
    execute_raw(store, "DELETE FROM audit_log WHERE election_id = :e AND seq = 400",
                e=seeded["election_id"])
    store.close()
    code, verified = run_cli("audit", "verify", "--db", url, "--election",
                             seeded["election_id"], "--json")
    assert code == 1
    assert any("sequence number" in p for p in verified["elections"][0]["problems"])


def check_publication(url: str, election_id: str, tmp_path: Path) -> None:
    """``publish`` writes files that ``publish verify`` accepts; one edited number in any
    results file is named."""
    out = tmp_path / "site"
    code, summary = run_cli("publish", "--db", url, "--election", election_id, "--out",
                            str(out), "--json")
    assert code == 0, summary
    code, report = run_cli("publish", "verify", str(out), "--json")
    assert code == 0 and report["ok"], report
    central = out / "results" / "central.json"
    original = central.read_text("utf-8")
    document = json.loads(original)
    document["rows"][0]["votes"]["respublica"] += 3
    central.write_text(json.dumps(document), "utf-8")
    code, report = run_cli("publish", "verify", str(out), "--json")
    assert code == 1 and any(p.startswith("results/central.json") for p in report["problems"])
    central.write_text(original, "utf-8")
    csv_file = out / "results" / "precinct.csv"
    csv_file.write_text(csv_file.read_text("utf-8").replace(",", ";", 1), "utf-8")
    code, report = run_cli("publish", "verify", str(out), "--json")
    assert code == 1 and report["problems"] == [
        "results/precinct.csv: its SHA-256 differs from the signed manifest (edited)"]


def test_bulk_import_and_export_validate_their_input(
    tmp_path: Path, small_definition: ElectionDefinition,
) -> None:
    import pandas as pd

    from kazpolity.administration.bulk import read_protocols, write_protocols
    from kazpolity.errors import InputError

    protocols = synthetic_protocols(small_definition)
    values = {cid: p.values for cid, p in protocols.items()}
    for suffix in ("csv", "parquet"):
        path = tmp_path / f"p.{suffix}"
        assert write_protocols(small_definition, values, path) == 60
        assert read_protocols(small_definition, path) == protocols
    good = pd.read_csv(tmp_path / "p.csv", dtype=str)

    def broken(change: Any) -> Path:
        frame = good.copy()
        change(frame)
        path = tmp_path / "broken.csv"
        frame.to_csv(path, index=False)
        return path

    cases = {
        "negative": lambda f: f.__setitem__("ballots_invalid", ["-1", *f["ballots_invalid"][1:]]),
        "not a whole number": lambda f: f.__setitem__("ballots_invalid",
                                                      ["2.5", *f["ballots_invalid"][1:]]),
        "more than once": lambda f: f.__setitem__("commission_id",
                                                  [f["commission_id"][1],
                                                   *f["commission_id"][1:]]),
        "ballots_found_split": lambda f: f.__setitem__(
            "ballots_found", [str(int(f["ballots_found"][0]) + 1), *f["ballots_found"][1:]]),
    }
    for expected, change in cases.items():
        with pytest.raises(InputError, match=expected):
            read_protocols(small_definition, broken(change))
    # A territorial row must equal the sum of its children.
    h = small_definition.hierarchy
    tec = h.at_level("territorial")[0]
    total = [sum(protocols[c].values[i] for c in h.children[tec])
             for i in range(len(small_definition.form.fields))]
    with_sum = {**values, tec: tuple(total)}
    path = tmp_path / "sums.csv"
    write_protocols(small_definition, with_sum, path)
    read_protocols(small_definition, path)
    total[-1] += 1
    write_protocols(small_definition, {**values, tec: tuple(total)}, path)
    with pytest.raises(InputError, match="the sum of its children"):
        read_protocols(small_definition, path)
    # Import through the CLI records admin data entry; verify stays clean.
    url = f"sqlite:///{tmp_path / 'bulk.db'}"
    store = AdministrationStore(url)
    seed(store, small_definition)
    store.close()
    code, result = run_cli("admin", "import-protocols", "--db", url, "--election",
                           small_definition.id, "--file", str(tmp_path / "p.parquet"), "--json")
    assert code == 0 and result["recorded"] == 60
    code, result = run_cli("admin", "import-protocols", "--db", url, "--election",
                           small_definition.id, "--file", str(tmp_path / "p.csv"), "--json")
    assert code == 0 and (result["recorded"], result["unchanged"]) == (0, 60)
    assert verify_store(url)["ok"]
