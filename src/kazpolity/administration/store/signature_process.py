"""Signature checks in a helper process, for a server whose threads share one GIL.

A thread that checks a signature gives up the GIL for the check and must win it back
from the event loop after each one; on a 2-core machine that hand-over cost as much as
the check (the issue-11 benchmark: 185 µs of wall time per 66 µs check, and the commit
thread waited likewise). ``serve`` therefore keeps the event loop and the commit thread
on one CPU (``pin_serving_threads``) and sends each batch of signature checks to this
helper, which runs ``signing.verify`` on the other CPUs with its own interpreter. The
event loop only writes the batch to a pipe and reads one byte per check back.

The helper is this installation's own code, started by the server and speaking only to
it over its pipes, and it runs the same ``signing.verify``. A check it did not confirm —
a bad signature, or a helper that died, hung or answered the wrong number of verdicts —
is made again under the commit lock (``decisions.sign_off``), and a failed helper is
not used again: a failure costs time, never a wrong answer. Frames on both pipes are a
4-byte big-endian length and a body: JSON ``[[public key, message, signature], …]`` one
way, one byte per check (1 good, 0 not) the other.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Sequence
from typing import BinaryIO, Final

import orjson

from kazpolity.administration.signing import verify

MAX_FRAME: Final = 64 * 1024 * 1024
ANSWER_SECONDS: Final = 10.0
"""A helper silent this long is taken for hung (a batch takes milliseconds)."""


def pin_serving_threads() -> frozenset[int]:
    """Keep this process (and the threads it starts from now on) on one of its CPUs; the
    others, for the helper (empty when there is only one, or where the system has no
    affinity calls: macOS, Windows)."""
    if not hasattr(os, "sched_setaffinity"):
        return frozenset()
    cpus = os.sched_getaffinity(0)
    if len(cpus) < 2:
        return frozenset()
    own = min(cpus)
    os.sched_setaffinity(0, {own})
    return frozenset(cpus - {own})


def verdicts_of(checks: Sequence[tuple[str, bytes, str]]) -> list[bool]:
    """``signing.verify`` of each (public key, message, signature): what the helper
    answers, and what a worker thread answers without it."""
    return [verify(key, message, signature) for key, message, signature in checks]


class SignatureProcess:
    """The helper, started on first use in the event loop that uses it."""

    def __init__(self, cpus: frozenset[int]) -> None:
        self.cpus = cpus
        self._process: asyncio.subprocess.Process | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock: asyncio.Lock | None = None
        self.broken = False

    def usable(self) -> bool:
        """Whether to send checks here (not once it failed, nor from another loop)."""
        if self.broken:
            return False
        return self._loop is None or self._loop is asyncio.get_running_loop()

    async def check(self, checks: Sequence[tuple[str, bytes, str]]) -> list[bool]:
        """Verdicts for (public key, message, signature) triples; a failure of the helper
        marks it broken and raises."""
        if self._lock is None:
            self._loop, self._lock = asyncio.get_running_loop(), asyncio.Lock()
        async with self._lock:
            try:
                process = await self._started()
                assert process.stdin is not None and process.stdout is not None
                body = orjson.dumps([[key, message.decode("utf-8"), signature]
                                     for key, message, signature in checks])
                process.stdin.write(len(body).to_bytes(4, "big") + body)
                await process.stdin.drain()
                head = await asyncio.wait_for(process.stdout.readexactly(4), ANSWER_SECONDS)
                size = int.from_bytes(head, "big")
                verdicts = await asyncio.wait_for(process.stdout.readexactly(size),
                                                  ANSWER_SECONDS)
                if size != len(checks):
                    raise RuntimeError(f"the signature helper answered {size} of "
                                       f"{len(checks)} checks")
            except BaseException:
                self.broken = True
                await self.close()
                raise
        return [byte == 1 for byte in verdicts]

    async def _started(self) -> asyncio.subprocess.Process:
        if self._process is None:
            cpus = ",".join(map(str, sorted(self.cpus)))
            self._process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "kazpolity.administration.store.signature_process",
                cpus, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        return self._process

    async def close(self) -> None:
        """Stop the helper (it starts again on next use, in whichever loop uses it)."""
        process, self._process = self._process, None
        self._loop = self._lock = None
        if process is not None and process.returncode is None:
            process.kill()
            await process.wait()


def serve_checks(source: BinaryIO, sink: BinaryIO) -> None:
    """The helper's loop: answer every frame from ``source`` until it closes."""
    while True:
        head = source.read(4)
        if len(head) < 4:
            return
        size = int.from_bytes(head, "big")
        if size > MAX_FRAME:
            return
        checks = orjson.loads(source.read(size))
        verdicts = bytes(verdicts_of([(key, message.encode("utf-8"), signature)
                                      for key, message, signature in checks]))
        sink.write(len(verdicts).to_bytes(4, "big") + verdicts)
        sink.flush()


def main(argv: Sequence[str]) -> None:
    """``python -m kazpolity.administration.store.signature_process [CPU,CPU…]``."""
    if argv and argv[0]:
        os.sched_setaffinity(0, {int(cpu) for cpu in argv[0].split(",")})
    serve_checks(sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    main(sys.argv[1:])
