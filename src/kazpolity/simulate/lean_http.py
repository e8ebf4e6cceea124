"""A minimal HTTP/1.1 keep-alive client for the submission burst (plain ``http://`` only).

A load generator on the same 2-core machine as the server must cost little per request;
a general client (httpx) spends about as much CPU per request as the server does. This one
writes a request, reads the status line, headers and a ``Content-Length`` or chunked
body, and keeps the connection open. Anything else (TLS, redirects) is out of scope: the
driver falls back to httpx for those URLs.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class LeanResponse:
    status: int
    body: bytes


class LeanConnection:
    """One keep-alive connection to ``http://host:port``."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"lean client supports http:// URLs only, got {url!r}")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.host_header = parts.netloc
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if self._reader is None or self._writer is None or self._writer.is_closing():
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        return self._reader, self._writer

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None

    async def request(self, method: str, path: str, body: bytes | None = None,
                      token: str | None = None,
                      headers: Mapping[str, str] | None = None) -> LeanResponse:
        """Send one request; on any transport failure the connection is dropped and the
        error raised (the caller decides whether to retry)."""
        try:
            reader, writer = await self._connect()
            head = [f"{method} {path} HTTP/1.1", f"Host: {self.host_header}",
                    "Accept: application/json"]
            if token:
                head.append(f"Authorization: Bearer {token}")
            head.extend(f"{name}: {value}" for name, value in (headers or {}).items())
            if body is not None:
                head.append("Content-Type: application/json")
            head.append(f"Content-Length: {len(body) if body is not None else 0}")
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + (body or b""))
            await writer.drain()
            raw = await reader.readuntil(b"\r\n\r\n")
            lines = raw.decode("latin-1").split("\r\n")
            status = int(lines[0].split(" ", 2)[1])
            answer: dict[str, str] = {}
            for line in lines[1:]:
                if ":" in line:
                    key, value = line.split(":", 1)
                    answer[key.strip().lower()] = value.strip()
            if answer.get("transfer-encoding", "").lower() == "chunked":
                chunks = []
                while True:
                    size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
                    if size == 0:
                        await reader.readuntil(b"\r\n")
                        break
                    chunks.append(await reader.readexactly(size))
                    await reader.readexactly(2)
                payload = b"".join(chunks)
            else:
                payload = await reader.readexactly(int(answer.get("content-length", "0")))
            if answer.get("connection", "").lower() == "close":
                await self.close()
            return LeanResponse(status, payload)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                IndexError):
            await self.close()
            raise
