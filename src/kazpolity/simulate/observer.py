"""What an observer does over HTTP: fetch and check the election's signed checkpoint."""

from __future__ import annotations

import asyncio

import httpx

from kazpolity.administration.checkpoint import Checkpoint
from kazpolity.errors import InputError
from kazpolity.simulate.driver import get_json


async def _fetch(url: str, election_id: str) -> Checkpoint:
    async with httpx.AsyncClient(base_url=url.rstrip("/"), timeout=30.0) as client:
        data = await get_json(client, f"/api/v1/elections/{election_id}/log/checkpoint")
    return Checkpoint.from_json(data, "checkpoint")


def fetch_checkpoint(url: str, election_id: str) -> Checkpoint:
    """The server's current checkpoint, refused unless its signature is valid."""
    checkpoint = asyncio.run(_fetch(url, election_id))
    if checkpoint.election_id != election_id or not checkpoint.signature_valid():
        raise InputError("checkpoint", f"the server's checkpoint for {election_id} is not "
                         "validly signed")
    return checkpoint
