"""Benchmark: election administration in process and over HTTP, in one run.

1. In process, per scale (10,000 → 100,000 → 1,000,000 precincts, each in its own
   subprocess so its peak memory is its own): protocols drawn, validated (the numpy
   validator), stored as immutable versions with their audit entries (SQLite, WAL,
   synchronous=FULL), accepted by their territorial commissions, published as aggregates up
   every level, accepted, finalized — which allocates the seats through the elections
   engine — and verified from the leaves. The 10,000 run is the baseline: larger scales
   print time and memory per precinct as a ratio of it (1.0 = linear).
2. Over HTTP on loopback: a server process (``kazpolity serve``) and 32 keep-alive clients
   submit every precinct's protocol of the synthetic 2023 election; submissions per
   second, p50/p99 latency and lost submissions (acknowledged but not stored) are printed,
   with a baseline of the same clients reading ``GET /api/v1/elections`` in the same run.

Every write is signed (Ed25519: the precincts' submissions over HTTP by their own keys,
the bulk path by the election's log key) and the audit log is kept as an RFC 9162 Merkle
tree; ``audit verify`` checks every signature and rebuilds the tree.

Targets (issue 11, 2 cores): ≥1,500 submissions/s with p99 < 150 ms at concurrency 32;
verifying 1,000,000 entries within 2 minutes. ``audit verify`` and the HTTP figures are
also measured, in the same run, with the code of a baseline revision (``--baseline``,
default d434098, unpacked with ``git archive`` under the temporary directory) and printed
as ratios, each with the load average beside it.
Run: ``.venv/bin/python bench/bench_administration.py`` (``--quick``: 10,000 and 100,000
in process, verify at 20,000 precincts, 3,000 over HTTP; ``--part verify|http|pipeline``
for one part; ``--verify-precincts 500000`` verifies ≈ 1,000,000 entries).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ON = date(2023, 3, 19)
TERRITORIAL = 20
CHUNK = 20_000
"""Protocols per transaction in the bulk path (bounds the memory in flight)."""


def in_process(precincts: int, *, verify: bool = True) -> dict[str, Any]:
    """One in-process run at ``precincts`` precincts (called in a subprocess); without
    ``verify`` the store is left for ``--verify-store`` and its URL returned."""
    from kazpolity.administration.controls import validate_matrix
    from kazpolity.administration.election import ElectionDefinition
    from kazpolity.administration.hierarchy import Commission, Hierarchy
    from kazpolity.administration.protocol import Protocol
    from kazpolity.administration.store.decisions import LocalSigner
    from kazpolity.administration.store.repository import AdministrationStore
    from kazpolity.administration.store.verify import verify_store
    from kazpolity.administration.submission import Submission
    from kazpolity.administration.synthetic import election_facts, synthetic_matrix

    facts = election_facts(ON)
    commissions = [Commission("CEC", "central", None, "CEC")]
    commissions += [Commission(f"TEC-{t:02d}", "territorial", "CEC", f"TEC {t}")
                    for t in range(TERRITORIAL)]
    from kazpolity.administration.forms import form_for

    form = form_for("majilis", ON, [o.id for o in facts.options], against_all=True)
    matrix = synthetic_matrix(form, precincts)
    commissions += [
        Commission(f"PEC-{i:07d}", "precinct", f"TEC-{i % TERRITORIAL:02d}", f"PEC {i}",
                   voters_on_list=int(matrix[i, 0]))
        for i in range(precincts)
    ]
    hierarchy = Hierarchy.build(("central", "territorial", "precinct"), commissions)
    definition = ElectionDefinition("bench", "majilis", ON, "test", facts.options, True,
                                    hierarchy)
    directory = tempfile.mkdtemp(prefix="kazpolity-bench-")
    url = f"sqlite:///{directory}/bench.db"
    store = AdministrationStore(url)
    t0 = time.perf_counter()
    store.create_election(definition)
    higher = ["CEC", *(f"TEC-{t:02d}" for t in range(TERRITORIAL))]
    keys = store.issue_credentials("bench", higher)
    setup = time.perf_counter() - t0

    def sign(cid: str) -> LocalSigner:
        return LocalSigner(cid, keys[cid].key)

    timings: dict[str, float] = {}
    start = time.perf_counter()
    check = validate_matrix(definition.form, matrix)
    assert not check.rejected_rows().any() and not check.flagged_rows().any()
    timings["validate"] = time.perf_counter() - start
    t = time.perf_counter()
    ids = definition.hierarchy.at_level("precinct")
    for chunk in range(0, precincts, CHUNK):
        chunk_ids = ids[chunk:chunk + CHUNK]
        rows = matrix[[int(cid[4:]) for cid in chunk_ids]].tolist()
        items = [(cid, Submission(Protocol(tuple(row)), "test"))
                 for cid, row in zip(chunk_ids, rows, strict=True)]
        store.submit_many("bench", items)
    timings["store"] = time.perf_counter() - t
    t = time.perf_counter()
    h = definition.hierarchy
    for tec in h.at_level("territorial"):
        children = h.children[tec]
        for chunk in range(0, len(children), CHUNK):
            store.decide_many("bench", sign(tec), children[chunk:chunk + CHUNK])
        store.publish_aggregate("bench", sign(tec), tec)
    store.decide_many("bench", sign("CEC"), h.children["CEC"])
    store.publish_aggregate("bench", sign("CEC"), "CEC")
    timings["aggregate"] = time.perf_counter() - t
    t = time.perf_counter()
    final = store.finalize("bench", sign("CEC"))
    timings["allocate"] = time.perf_counter() - t
    end_to_end = time.perf_counter() - start
    rss_pipeline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    store.close()
    if not verify:
        return {"url": url, "keys_dir": os.environ.get("KAZPOLITY_KEYS_DIR", "")}
    t = time.perf_counter()
    report = verify_store(url)
    verify_seconds = time.perf_counter() - t
    assert report["ok"], report
    entries = report["elections"][0]["entries"]
    assert report["signatures_verified"] == entries
    return {
        "precincts": precincts,
        "setup_seconds": setup,
        "end_to_end_seconds": end_to_end,
        "steps": timings,
        "verify_seconds": verify_seconds,
        "entries": entries,
        "seats": final.seats,
        "peak_rss_mb": rss_pipeline,
        "peak_rss_with_verify_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def http_burst(port: int, requests: list[tuple[str, dict[str, str], bytes | None]],
                     concurrency: int) -> tuple[float, list[float], int, list[str]]:
    from kazpolity.simulate.lean_http import LeanConnection

    latencies: list[float] = []
    acknowledged: list[str] = []
    failures = 0
    queue = list(reversed(requests))

    async def worker() -> None:
        nonlocal failures
        connection = LeanConnection(f"http://127.0.0.1:{port}")
        while queue:
            path, headers, body = queue.pop()
            t = time.perf_counter()
            response = await connection.request("POST" if body else "GET", path, body,
                                                None, headers)
            latencies.append(time.perf_counter() - t)
            if response.status < 300:
                acknowledged.append(path)
            else:
                failures += 1
        await connection.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - start, latencies, failures, acknowledged


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def over_http(precincts: int | None, concurrency: int,
              server_src: str | None = None) -> dict[str, Any]:
    """Submissions over loopback to a ``kazpolity serve`` running this checkout's code, or
    the code under ``server_src`` (the baseline's ``src``) on a store made by this code."""
    from sqlalchemy import func, select

    from kazpolity.administration.canonical import canonical_hash
    from kazpolity.administration.hierarchy import PRECINCT
    from kazpolity.administration.store.repository import AdministrationStore
    from kazpolity.administration.store.schema import protocol_versions
    from kazpolity.administration.synthetic import synthetic_definition, synthetic_protocols
    from kazpolity.simulate.driver import signed_headers

    directory = tempfile.mkdtemp(prefix="kazpolity-bench-http-")
    url = f"sqlite:///{directory}/http.db"
    definition = synthetic_definition(ON, precincts=precincts)
    store = AdministrationStore(url)
    store.create_election(definition)
    credentials = store.issue_credentials(definition.id)
    store.close()
    protocols = synthetic_protocols(definition)
    form = definition.form
    base = f"/api/v1/elections/{definition.id}"
    submissions: list[tuple[str, dict[str, str], bytes | None]] = []
    for pid in definition.hierarchy.at_level(PRECINCT):
        payload = protocols[pid].to_json(form)
        headers = signed_headers(credentials[pid], election_id=definition.id, signer=pid,
                                 commission_id=pid, action="protocol.submit", version=1,
                                 payload_hash=canonical_hash(payload))
        submissions.append((f"{base}/protocols/{pid}", headers,
                            json.dumps({"mode": "test", **payload}).encode()))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kazpolity.cli", "serve", "--port", str(port), "--no-seed"],
        env={**os.environ, "KAZPOLITY_DATABASE_URL": url, "KAZPOLITY_DATA_DIR": directory,
             **({"PYTHONPATH": server_src} if server_src else {})},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        import httpx

        for _ in range(600):
            try:
                if httpx.get(f"http://127.0.0.1:{port}{base}", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        reads: list[tuple[str, dict[str, str], bytes | None]] = [
            (f"{base}/commissions/CEC", {}, None)] * min(3000, len(submissions))
        read_seconds, _, _, _ = asyncio.run(http_burst(port, reads, concurrency))
        seconds, latencies, failures, acknowledged = asyncio.run(
            http_burst(port, submissions, concurrency))
    finally:
        server.kill()
        server.wait()
    store = AdministrationStore(url)
    with store.reader.connect() as conn:
        stored = int(conn.execute(
            select(func.count()).select_from(protocol_versions)
            .where(protocol_versions.c.election_id == definition.id)).scalar() or 0)
    store.close()
    return {
        "submissions": len(submissions),
        "concurrency": concurrency,
        "seconds": seconds,
        "per_second": len(acknowledged) / seconds,
        "p50_ms": percentile(latencies, 0.5) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "failed": failures,
        "lost": len(acknowledged) - stored,
        "baseline_reads_per_second": len(reads) / read_seconds,
        "load": os.getloadavg()[0],
    }


BASELINE = "d434098"
"""The code path the ratios compare with (main before this session's speed work)."""
REPO = Path(__file__).resolve().parent.parent


def baseline_src(rev: str) -> str:
    """``src`` of ``rev``, unpacked once under the temporary directory (``git archive``)."""
    root = Path(tempfile.gettempdir()) / f"kazpolity-baseline-{rev}"
    if not (root / "src" / "kazpolity").is_dir():
        root.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "src"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(root)], input=archive, check=True)
    return str(root / "src")


def _self(*args: str, src: str | None = None) -> dict[str, Any]:
    """Run this file with ``args`` (under the code in ``src`` if given); its JSON line."""
    env = {**os.environ, **({"PYTHONPATH": src} if src else {})}
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], env=env,
                         check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def timed_verify(url: str) -> dict[str, Any]:
    """``audit verify`` of the store at ``url``, timed (run in a subprocess)."""
    from kazpolity.administration.store.verify import verify_store

    load = os.getloadavg()[0]
    t = time.perf_counter()
    report = verify_store(url)
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "ok": report["ok"],
            "entries": sum(e["entries"] for e in report["elections"]),
            "signatures": report["signatures_verified"],
            "load": (load + os.getloadavg()[0]) / 2}


def verify_part(precincts: int, baseline: str | None) -> None:
    """Verify a store of ``precincts`` precincts (≈ 2 entries each) with this code and the
    baseline's, and extrapolate to 1,000,000 entries."""
    built = _self("--build", str(precincts))
    print(f"audit verify (signatures, chain, Merkle tree, replay; {os.cpu_count()} cores), "
          f"store {built['url']}:")
    new = _self("--verify-store", built["url"])
    per_million = new["seconds"] * 1_000_000 / new["entries"]
    print(f"  this code: {new['entries']:,} entries ({new['signatures']:,} signatures) in "
          f"{new['seconds']:.1f} s, {new['entries'] / new['seconds']:,.0f} entries/s, "
          f"load {new['load']:.1f}; 1,000,000 entries ≈ {per_million:.0f} s "
          f"(target ≤ 120 s: {'meets' if per_million <= 120 else 'MISSES'}); ok={new['ok']}")
    if baseline is not None:
        old = _self("--verify-store", built["url"], src=baseline_src(baseline))
        print(f"  baseline {baseline}: {old['seconds']:.1f} s, load {old['load']:.1f}; "
              f"this code takes ×{new['seconds'] / old['seconds']:.2f} of its time "
              f"(×{old['seconds'] / new['seconds']:.1f} faster); same verdict: "
              f"{old['ok'] == new['ok'] and old['signatures'] == new['signatures']}")


def _print_http(label: str, http: dict[str, Any]) -> None:
    print(f"  {label}: {http['submissions']:,} submissions in {http['seconds']:.2f} s: "
          f"{http['per_second']:.0f}/s, p50 {http['p50_ms']:.1f} ms, "
          f"p99 {http['p99_ms']:.1f} ms, failed {http['failed']}, lost {http['lost']}, "
          f"load {http['load']:.1f}")


def http_part(precincts: int | None, concurrency: int, baseline: str | None) -> None:
    print(f"Over HTTP (loopback, {concurrency} keep-alive clients, one server process):")
    http = over_http(precincts, concurrency)
    _print_http("this code", http)
    print(f"  GET .../commissions/CEC (an in-memory read) in the same server: "
          f"{http['baseline_reads_per_second']:.0f}/s (submissions at "
          f"×{http['per_second'] / http['baseline_reads_per_second']:.2f} of it)")
    if baseline is not None:
        old = over_http(precincts, concurrency, server_src=baseline_src(baseline))
        _print_http(f"baseline {baseline}", old)
        print(f"  this code: throughput ×{http['per_second'] / old['per_second']:.2f}, "
              f"p99 ×{http['p99_ms'] / old['p99_ms']:.2f} of the baseline's")
    verdict = "meets" if (http["per_second"] >= 1500 and http["p99_ms"] < 150
                          and http["lost"] == 0) else "MISSES"
    print(f"  target ≥1,500 signed submissions/s, p99 < 150 ms, none lost: {verdict}")


def pipeline_part(scales: list[int]) -> None:
    print("In process (validate → store → accept → publish every level → finalize/seats):")
    first: dict[str, Any] | None = None
    for scale in scales:
        result = _self("--scale", str(scale))
        per = result["end_to_end_seconds"] / scale
        mem = result["peak_rss_mb"] / scale
        if first is None:
            first = {"per": per, "mem": mem}
        steps = ", ".join(f"{k} {v:.2f}s" for k, v in result["steps"].items())
        print(f"  {scale:>9,} precincts: {result['end_to_end_seconds']:7.2f} s end to end "
              f"({steps}); verify {result['verify_seconds']:.2f} s; "
              f"peak RSS {result['peak_rss_mb']:.0f} MB "
              f"({result['peak_rss_with_verify_mb']:.0f} MB with verify); "
              f"time/precinct ×{per / first['per']:.2f}, "
              f"memory/precinct ×{mem / first['mem']:.2f} of the first run; "
              f"seats {result['seats']['status']}; {result['entries']:,} entries verified; "
              f"load {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--part", choices=["all", "pipeline", "verify", "http"], default="all")
    parser.add_argument("--verify-precincts", type=int, default=None,
                        help="precincts of the store verify times (≈ 2 entries each; "
                             "default 100,000, --quick 20,000; 500,000 ≈ 1M entries)")
    parser.add_argument("--baseline", default=BASELINE,
                        help="git revision to compare with ('none': no baseline runs)")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--scale", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--verify-store", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale:
        print(json.dumps(in_process(args.scale)))
        return
    if args.build:
        print(json.dumps(in_process(args.build, verify=False)))
        return
    if args.verify_store:
        print(json.dumps(timed_verify(args.verify_store)))
        return
    baseline = None if args.baseline == "none" else args.baseline
    if args.part in ("all", "pipeline"):
        pipeline_part([10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000])
    if args.part in ("all", "verify"):
        verify_part(args.verify_precincts or (20_000 if args.quick else 100_000), baseline)
    if args.part in ("all", "http"):
        http_part(3000 if args.quick else None, args.concurrency, baseline)


if __name__ == "__main__":
    main()
