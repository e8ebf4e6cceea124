"""Drive an election through the HTTP API (``kazpolity simulate submit``, benchmarks).

Rebuilds the election from its public endpoints, regenerates every precinct's synthetic
protocol, submits them signed with each commission's key with ``concurrency`` requests in
flight (retrying transport errors and 5xx — a 503 says the store is briefly unavailable —
including the very first connection; a submission sent twice is answered idempotently),
then goes up the levels: each commission accepts its children, publishes its aggregate,
and its parent accepts that; the central commission publishes and finalizes. Reports
throughput, p50/p99 latency and failures.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx

from kazpolity.administration.audit import utc_now
from kazpolity.administration.canonical import canonical_hash
from kazpolity.administration.election import BallotOption, ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT, Commission, Hierarchy
from kazpolity.administration.signing import request_message
from kazpolity.administration.store.credentials import CommissionCredential
from kazpolity.errors import InputError
from kazpolity.simulate.lean_http import LeanConnection

RETRIES = 10
MAX_DELAY = 2.0


def signed_headers(credential: CommissionCredential, *, election_id: str, signer: str,
                   commission_id: str, action: str, version: int | None,
                   payload_hash: str | None) -> dict[str, str]:
    """The headers of one signed write (docs/audit-chain.md, signed requests)."""
    at = utc_now()
    message = request_message(election_id=election_id, commission_id=commission_id,
                              signer=signer, action=action, version=version,
                              payload_hash=payload_hash, at=at)
    return {"Authorization": f"Bearer {credential.token}", "X-Kazpolity-Signed-At": at,
            "X-Kazpolity-Signature": credential.key.sign(message)}


def _retry_after(value: str | None, delay: float) -> float:
    if value and value.isdigit():
        return min(float(value), MAX_DELAY * 2)
    return delay


@dataclass
class Outcome:
    ok: int = 0
    failed: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def record(self, path: str, status: int, text: str, started: float) -> None:
        """One answered request: its latency, and whether it succeeded."""
        self.latencies.append(time.perf_counter() - started)
        if status < 300:
            self.ok += 1
            return
        self.failed += 1
        if len(self.errors) < 20:
            self.errors.append(f"{path}: {status} {text[:300]}")


def definition_from_api(summary: Mapping[str, Any], commissions: Sequence[Mapping[str, Any]]) -> (
    ElectionDefinition
):
    hierarchy = Hierarchy.build(
        summary["levels"],
        [
            Commission(
                id=c["id"], level=c["level"], parent_id=c["parent_id"], name=c["name"],
                region_code=c["region_code"], voters_on_list=c["voters_on_list"],
            )
            for c in commissions
        ],
    )
    return ElectionDefinition(
        id=summary["id"],
        election_type=summary["election_type"],
        on=date.fromisoformat(summary["date"]),
        mode=summary["mode"],
        options=tuple(BallotOption(o["id"], o["name"]) for o in summary["options"]),
        against_all=bool(summary["against_all"]),
        hierarchy=hierarchy,
    )


async def _request(
    client: httpx.AsyncClient,
    method: str,
    path: str,
    headers: Mapping[str, str],
    body: Any,
    outcome: Outcome,
) -> httpx.Response | None:
    delay = 0.05
    for attempt in range(RETRIES):
        start = time.perf_counter()
        try:
            response = await client.request(method, path, json=body, headers=dict(headers))
        except httpx.TransportError as err:
            if attempt == RETRIES - 1:
                outcome.failed += 1
                outcome.errors.append(f"{path}: {type(err).__name__}")
                return None
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_DELAY)
            continue
        if response.status_code >= 500 and attempt < RETRIES - 1:
            await asyncio.sleep(_retry_after(response.headers.get("retry-after"), delay))
            delay = min(delay * 2, MAX_DELAY)
            continue
        outcome.record(path, response.status_code, response.text, start)
        return response
    return None


async def get_json(client: httpx.AsyncClient, path: str) -> Any:
    """A public read, retried like a write: the server may still be starting (the first
    connection) or its store briefly unavailable (503)."""
    outcome = Outcome()
    response = await _request(client, "GET", path, {}, None, outcome)
    if response is None:
        raise InputError("--url", f"no answer from the server for {path}: "
                         f"{'; '.join(outcome.errors) or 'unreachable'}")
    if response.status_code != 200:
        raise InputError("--election", f"{path}: {response.status_code} {response.text[:200]}")
    return response.json()


async def run_pool(
    jobs: Iterable[Callable[[], Awaitable[None]]], concurrency: int,
    tick: Callable[[], None] | None = None,
) -> None:
    queue: asyncio.Queue[Callable[[], Awaitable[None]]] = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)

    async def worker() -> None:
        while True:
            try:
                job = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            await job()
            if tick is not None:
                tick()

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def submit_lean(
    url: str,
    items: Sequence[tuple[str, Mapping[str, str], bytes]],
    concurrency: int,
    outcome: Outcome,
    tick: Callable[[], None] | None = None,
) -> None:
    """POST every (path, token, body) with ``concurrency`` keep-alive connections."""
    queue: asyncio.Queue[tuple[str, Mapping[str, str], bytes]] = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)

    async def worker() -> None:
        connection = LeanConnection(url)
        try:
            while True:
                try:
                    path, headers, body = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                delay = 0.05
                for attempt in range(RETRIES):
                    start = time.perf_counter()
                    try:
                        response = await connection.request("POST", path, body, None, headers)
                    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError,
                            asyncio.LimitOverrunError) as err:
                        if attempt == RETRIES - 1:
                            outcome.failed += 1
                            outcome.errors.append(f"{path}: {type(err).__name__}")
                            break
                        await asyncio.sleep(delay)
                        delay = min(delay * 2, MAX_DELAY)
                        continue
                    if response.status >= 500 and attempt < RETRIES - 1:
                        await asyncio.sleep(delay)
                        delay = min(delay * 2, MAX_DELAY)
                        continue
                    outcome.record(path, response.status, repr(response.body[:300]), start)
                    break
                if tick is not None:
                    tick()
        finally:
            await connection.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


async def _election_of(client: httpx.AsyncClient, listing: Sequence[Mapping[str, Any]],
                       credentials: Mapping[str, CommissionCredential]) -> str:
    """The one election whose commissions are exactly those of the credentials file."""
    if len(listing) == 1:
        return str(listing[0]["id"])
    matches = []
    for election in listing:
        found = await get_json(client, f"/api/v1/elections/{election['id']}/commissions")
        if {c["id"] for c in found["commissions"]} == set(credentials):
            matches.append(str(election["id"]))
    if len(matches) != 1:
        raise InputError("--election", f"the server has {len(listing)} elections and "
                         f"{len(matches)} match the credentials; name one")
    return matches[0]


@dataclass
class _Run:
    """One drive: the client, the election as the API describes it, and the signers."""

    client: httpx.AsyncClient
    url: str
    base: str
    definition: ElectionDefinition
    credentials: Mapping[str, CommissionCredential]
    concurrency: int
    progress: bool

    def headers(self, signer: str, commission_id: str, action: str, version: int | None,
                payload_hash: str | None) -> dict[str, str]:
        return signed_headers(self.credentials[signer], election_id=self.definition.id,
                              signer=signer, commission_id=commission_id, action=action,
                              version=version, payload_hash=payload_hash)

    async def post(self, path: str, headers: Mapping[str, str], body: Any,
                   outcome: Outcome) -> httpx.Response | None:
        return await _request(self.client, "POST", f"{self.base}{path}", headers, body,
                              outcome)


async def _open_run(client: httpx.AsyncClient, url: str,
                    credentials: Mapping[str, CommissionCredential], election_id: str | None,
                    concurrency: int, progress: bool) -> _Run:
    listing = (await get_json(client, "/api/v1/elections"))["elections"]
    if election_id is None:
        election_id = await _election_of(client, listing, credentials)
    base = f"/api/v1/elections/{election_id}"
    summary = await get_json(client, base)
    commissions = (await get_json(client, f"{base}/commissions"))["commissions"]
    definition = definition_from_api(summary, commissions)
    missing = [cid for cid in definition.hierarchy.order if cid not in credentials]
    if missing:
        raise InputError("--credentials", f"no credential for {len(missing)} commissions, "
                         f"e.g. {missing[:3]}")
    return _Run(client, url, base, definition, credentials, concurrency, progress)


async def _submit_all(run: _Run, seed: int | None) -> tuple[Outcome, float]:
    from kazpolity.administration.synthetic import DEFAULT_SEED, synthetic_protocols

    definition = run.definition
    protocols = synthetic_protocols(definition, seed=DEFAULT_SEED if seed is None else seed)
    form = definition.form
    precincts = definition.hierarchy.at_level(PRECINCT)
    items: list[tuple[str, Mapping[str, str], bytes]] = []
    for pid in precincts:
        payload = protocols[pid].to_json(form)
        headers = run.headers(pid, pid, "protocol.submit", 1,
                              canonical_hash(payload, checked=False))
        body = json.dumps({"mode": definition.mode, **payload}, separators=(",", ":"))
        items.append((f"{run.base}/protocols/{pid}", headers, body.encode("utf-8")))
    submissions = Outcome()
    started = time.perf_counter()
    if run.url.startswith("http://"):
        def lean_run(tick: Callable[[], None] | None) -> Awaitable[None]:
            return submit_lean(run.url, items, run.concurrency, submissions, tick)

        await _with_progress(run.progress, "submitting protocols", len(items), lean_run)
    else:
        def job(path: str, headers: Mapping[str, str],
                body: bytes) -> Callable[[], Awaitable[None]]:
            async def send() -> None:
                await _request(run.client, "POST", path, headers, json.loads(body),
                               submissions)
            return send

        await _with_progress(run.progress, "submitting protocols", len(items),
                             lambda tick: run_pool((job(*i) for i in items), run.concurrency,
                                                   tick))
    return submissions, time.perf_counter() - started


async def _accept_child(run: _Run, parent: str, child: str, decisions: Outcome) -> None:
    current = await get_json(run.client, f"{run.base}/protocols/{child}")
    if current["status"] not in ("submitted", "accepted"):
        return
    headers = run.headers(parent, child, "protocol.accept", int(current["version"]),
                          current["versions"][-1]["payload_hash"])
    await run.post(f"/protocols/{child}/accept", headers, {"version": current["version"]},
                   decisions)


async def _publish(run: _Run, commission: str, published: Outcome) -> None:
    headers = run.headers(commission, commission, "aggregate.publish", None, None)
    await run.post(f"/protocols/{commission}/publish", headers, None, published)


async def _go_up(run: _Run, decisions: Outcome, published: Outcome) -> None:
    h = run.definition.hierarchy
    for level in reversed(h.levels[:-1]):
        parents = h.at_level(level)

        def parent_job(parent: str) -> Callable[[], Awaitable[None]]:
            async def job() -> None:
                for child in h.children[parent]:
                    await _accept_child(run, parent, child, decisions)
                await _publish(run, parent, published)
            return job

        jobs = [parent_job(p) for p in parents]

        def level_run(tick: Callable[[], None] | None,
                      level_jobs: list[Callable[[], Awaitable[None]]] = jobs) -> Awaitable[None]:
            return run_pool(level_jobs, run.concurrency, tick)

        await _with_progress(run.progress, f"accepting at {level} level", len(parents),
                             level_run)


async def _finalize(run: _Run, decisions: Outcome) -> bool:
    root = run.definition.hierarchy.root_id
    current = await get_json(run.client, f"{run.base}/protocols/{root}")
    headers = run.headers(root, root, "election.finalize", int(current["version"]),
                          current["versions"][-1]["payload_hash"] if current["versions"]
                          else None)
    final = Outcome()
    response = await run.post("/finalize", headers, None, final)
    decisions.errors.extend(final.errors)
    decisions.failed += final.failed
    return response is not None and response.status_code == 200


async def _drive(url: str, credentials: Mapping[str, CommissionCredential], concurrency: int,
                 election_id: str | None, seed: int | None, finalize: bool,
                 progress: bool) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120.0, limits=limits) as client:
        run = await _open_run(client, url, credentials, election_id, concurrency, progress)
        submissions, submit_seconds = await _submit_all(run, seed)
        decisions, published = Outcome(), Outcome()
        await _go_up(run, decisions, published)
        finalized = await _finalize(run, decisions) if finalize else False
        seats = await get_json(client, f"{run.base}/seats")
        results = await get_json(client, f"{run.base}/results?level="
                                 f"{run.definition.hierarchy.levels[0]}")
    lat = submissions.latencies
    return {
        "election_id": run.definition.id,
        "submitted": submissions.ok,
        "failed": submissions.failed + decisions.failed + published.failed,
        "submit_seconds": submit_seconds,
        "submissions_per_second": submissions.ok / submit_seconds if submit_seconds else 0.0,
        "p50_ms": percentile(lat, 0.50) * 1000,
        "p99_ms": percentile(lat, 0.99) * 1000,
        "accepted": decisions.ok,
        "published": published.ok,
        "finalized": finalized,
        "reported": results.get("reported_text"),
        "seats": (seats.get("final_allocation") or seats.get("allocation") or {}).get("seats"),
        "errors": (submissions.errors + decisions.errors + published.errors)[:20],
    }


async def _with_progress(
    enabled: bool, label: str, total: int,
    run: Callable[[Callable[[], None] | None], Awaitable[None]],
) -> None:
    if not enabled:
        await run(None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True)) as bar:
        task = bar.add_task(label, total=total)
        await run(lambda: bar.advance(task))


def drive_election(
    url: str,
    credentials: Mapping[str, CommissionCredential],
    *,
    concurrency: int = 16,
    election_id: str | None = None,
    seed: int | None = None,
    finalize: bool = True,
    progress: bool = False,
) -> dict[str, Any]:
    """Run the whole election through the API at ``url`` and report."""
    return asyncio.run(_drive(url.rstrip("/"), credentials, concurrency, election_id, seed,
                              finalize, progress))
