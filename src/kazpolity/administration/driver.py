"""Drive an election through the HTTP API (``kazpolity simulate submit``, benchmarks).

Rebuilds the election from its public endpoints, regenerates every precinct's synthetic
protocol, submits them with ``concurrency`` requests in flight (retrying only on transport
errors and 5xx, so a submission is never sent twice unless it may not have arrived —
submissions are idempotent anyway), then goes up the levels: each commission accepts its
children, publishes its aggregate, and its parent accepts that; the central commission
publishes and finalizes. Reports throughput, p50/p99 latency and failures.
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

from kazpolity.administration.election import BallotOption, ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT, Commission, Hierarchy
from kazpolity.administration.lean_http import LeanConnection
from kazpolity.errors import InputError

RETRIES = 8


@dataclass
class Outcome:
    ok: int = 0
    failed: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


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
    token: str | None,
    body: Any,
    outcome: Outcome,
) -> httpx.Response | None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    delay = 0.05
    for attempt in range(RETRIES):
        start = time.perf_counter()
        try:
            response = await client.request(method, path, json=body, headers=headers)
        except httpx.TransportError as err:
            if attempt == RETRIES - 1:
                outcome.failed += 1
                outcome.errors.append(f"{path}: {type(err).__name__}")
                return None
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)
            continue
        if response.status_code >= 500 and attempt < RETRIES - 1:
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)
            continue
        outcome.latencies.append(time.perf_counter() - start)
        if response.status_code < 300:
            outcome.ok += 1
        else:
            outcome.failed += 1
            if len(outcome.errors) < 20:
                outcome.errors.append(f"{path}: {response.status_code} {response.text[:300]}")
        return response
    return None


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
    items: Sequence[tuple[str, str, bytes]],
    concurrency: int,
    outcome: Outcome,
    tick: Callable[[], None] | None = None,
) -> None:
    """POST every (path, token, body) with ``concurrency`` keep-alive connections."""
    queue: asyncio.Queue[tuple[str, str, bytes]] = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)

    async def worker() -> None:
        connection = LeanConnection(url)
        try:
            while True:
                try:
                    path, token, body = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                delay = 0.05
                for attempt in range(RETRIES):
                    start = time.perf_counter()
                    try:
                        response = await connection.request("POST", path, body, token)
                    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError,
                            asyncio.LimitOverrunError) as err:
                        if attempt == RETRIES - 1:
                            outcome.failed += 1
                            outcome.errors.append(f"{path}: {type(err).__name__}")
                            break
                        await asyncio.sleep(delay)
                        delay = min(delay * 2, 2.0)
                        continue
                    if response.status >= 500 and attempt < RETRIES - 1:
                        await asyncio.sleep(delay)
                        delay = min(delay * 2, 2.0)
                        continue
                    outcome.latencies.append(time.perf_counter() - start)
                    if response.status < 300:
                        outcome.ok += 1
                    else:
                        outcome.failed += 1
                        if len(outcome.errors) < 20:
                            outcome.errors.append(
                                f"{path}: {response.status} {response.body[:300]!r}")
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
                       tokens: Mapping[str, str]) -> str:
    """The one election whose commissions are exactly those of the credentials file."""
    if len(listing) == 1:
        return str(listing[0]["id"])
    matches = []
    for election in listing:
        response = await client.get(f"/api/v1/elections/{election['id']}/commissions")
        ids = {c["id"] for c in response.json()["commissions"]}
        if ids == set(tokens):
            matches.append(str(election["id"]))
    if len(matches) != 1:
        raise InputError("--election", f"the server has {len(listing)} elections and "
                         f"{len(matches)} match the credentials; name one")
    return matches[0]


async def _drive(
    url: str,
    tokens: Mapping[str, str],
    concurrency: int,
    election_id: str | None,
    seed: int | None,
    finalize: bool,
    progress: bool,
) -> dict[str, Any]:
    from kazpolity.administration.synthetic import DEFAULT_SEED, synthetic_protocols

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=120.0, limits=limits) as client:
        listing = (await client.get("/api/v1/elections")).json()["elections"]
        if election_id is None:
            election_id = await _election_of(client, listing, tokens)
        base = f"/api/v1/elections/{election_id}"
        summary_response = await client.get(base)
        if summary_response.status_code != 200:
            raise InputError("--election", f"{election_id}: {summary_response.text[:200]}")
        summary = summary_response.json()
        commissions = (await client.get(f"{base}/commissions")).json()["commissions"]
        definition = definition_from_api(summary, commissions)
        h = definition.hierarchy
        missing = [cid for cid in h.order if cid not in tokens]
        if missing:
            raise InputError("--credentials", f"no token for {len(missing)} commissions, "
                             f"e.g. {missing[:3]}")
        protocols = synthetic_protocols(definition, seed=DEFAULT_SEED if seed is None else seed)
        form = definition.form
        precincts = h.at_level(PRECINCT)
        submissions = Outcome()

        def submit_job(pid: str) -> Callable[[], Awaitable[None]]:
            body = {"mode": definition.mode, **protocols[pid].to_json(form)}

            async def job() -> None:
                await _request(client, "POST", f"{base}/protocols/{pid}", tokens[pid], body,
                               submissions)

            return job

        started = time.perf_counter()
        if url.startswith("http://"):
            items = [
                (f"{base}/protocols/{pid}", tokens[pid],
                 json.dumps({"mode": definition.mode, **protocols[pid].to_json(form)},
                            separators=(",", ":")).encode("utf-8"))
                for pid in precincts
            ]

            def lean_run(tick: Callable[[], None] | None) -> Awaitable[None]:
                return submit_lean(url, items, concurrency, submissions, tick)

            await _with_progress(progress, "submitting protocols", len(precincts), lean_run)
        else:
            await _with_progress(progress, "submitting protocols", len(precincts),
                                 lambda tick: run_pool((submit_job(p) for p in precincts),
                                                       concurrency, tick))
        submit_seconds = time.perf_counter() - started

        decisions = Outcome()
        published = Outcome()
        for level in reversed(h.levels[:-1]):
            parents = h.at_level(level)

            def parent_job(parent: str) -> Callable[[], Awaitable[None]]:
                async def job() -> None:
                    for child in h.children[parent]:
                        history = None
                        version = 1
                        if h.commissions[child].level != PRECINCT:
                            history = await client.get(f"{base}/protocols/{child}")
                            version = int(history.json()["version"])
                        else:
                            version = 1
                        response = await _request(
                            client, "POST", f"{base}/protocols/{child}/accept", tokens[parent],
                            {"version": version}, decisions)
                        if response is not None and response.status_code == 409:
                            # Already accepted or a repeat exists: accept the current one.
                            current = (await client.get(f"{base}/protocols/{child}")).json()
                            if current["status"] == "submitted":
                                await _request(client, "POST",
                                               f"{base}/protocols/{child}/accept",
                                               tokens[parent], {"version": current["version"]},
                                               decisions)
                    await _request(client, "POST", f"{base}/protocols/{parent}/publish",
                                   tokens[parent], None, published)

                return job

            jobs = [parent_job(p) for p in parents]

            def level_run(
                tick: Callable[[], None] | None,
                level_jobs: list[Callable[[], Awaitable[None]]] = jobs,
            ) -> Awaitable[None]:
                return run_pool(level_jobs, concurrency, tick)

            await _with_progress(progress, f"accepting at {level} level", len(parents),
                                 level_run)
        finalized = False
        if finalize:
            final = Outcome()
            response = await _request(client, "POST", f"{base}/finalize", tokens[h.root_id],
                                      None, final)
            finalized = response is not None and response.status_code == 200
            decisions.errors.extend(final.errors)
        seats = (await client.get(f"{base}/seats")).json()
        results = (await client.get(f"{base}/results", params={"level": h.levels[0]})).json()
    lat = submissions.latencies
    return {
        "election_id": election_id,
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
    tokens: Mapping[str, str],
    *,
    concurrency: int = 16,
    election_id: str | None = None,
    seed: int | None = None,
    finalize: bool = True,
    progress: bool = False,
) -> dict[str, Any]:
    """Run the whole election through the API at ``url`` and report."""
    return asyncio.run(_drive(url.rstrip("/"), tokens, concurrency, election_id, seed,
                              finalize, progress))
