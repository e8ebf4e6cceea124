"""Signature checks for an event loop, in batches on a worker thread.

Checking an Ed25519 signature takes about 125 µs and releases the GIL, so on the event
loop's thread it stalls every other request while the second core idles (py-spy of
``serve`` under the issue-11 benchmark: 18% of the loop thread). Checks arriving while a
batch runs form the next batch, so a burst costs one thread hop per batch, as the store's
writes do. A failed check only means the decision checks again under the commit lock and
refuses the write there (``decisions.sign_off``).
"""

from __future__ import annotations

import asyncio

from kazpolity.administration.lifecycle import ElectionState
from kazpolity.administration.store.decisions import Author, SignedRequest, signed_request
from kazpolity.administration.store.signature_process import SignatureProcess, verdicts_of


class SignatureBatch:
    """The pending checks of one election in one event loop (made by ``helper`` when one
    is given and usable: ``signature_process``)."""

    def __init__(self, helper: SignatureProcess | None = None) -> None:
        self._pending: list[tuple[SignedRequest, asyncio.Future[bool]]] = []
        self._task: asyncio.Task[None] | None = None
        self._helper = helper

    async def prechecked(self, state: ElectionState, author: Author, *, commission_id: str,
                         action: str, version: int | None, payload_hash: str | None) -> Author:
        """``decisions.prechecked`` with the signature checked off the event loop."""
        request = signed_request(state, author, commission_id=commission_id, action=action,
                                 version=version, payload_hash=payload_hash)
        if request is None:
            return author
        loop = asyncio.get_running_loop()
        future: asyncio.Future[bool] = loop.create_future()
        self._pending.append((request, future))
        if self._task is None:
            self._task = loop.create_task(self._drain())
        return request.checked() if await future else author

    async def _drain(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending, []
                try:
                    verdicts = await self._verdicts([r for r, _ in batch])
                except Exception:  # unchecked here, so checked again under the lock
                    verdicts = [False] * len(batch)
                for (_, future), good in zip(batch, verdicts, strict=True):
                    if not future.done():
                        future.set_result(good)
        finally:
            self._task = None

    async def _verdicts(self, requests: list[SignedRequest]) -> list[bool]:
        checks = [(r.key, r.message, r.author.signature) for r in requests]
        helper = self._helper
        if helper is not None and helper.usable():
            try:
                return await helper.check(checks)
            except Exception:  # the helper is marked broken; this batch goes to a thread
                pass
        return await asyncio.to_thread(verdicts_of, checks)
