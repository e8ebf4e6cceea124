"""Whether ``serve`` can listen where it was asked to, checked before it says it serves.

Uvicorn reports a busy port only after start-up, as a log line and its own exit code 3 (which
is this CLI's "a drawing of lots is required"); checking first turns it into one line naming
``--port`` and exit 2.
"""

from __future__ import annotations

import socket

from kazpolity.errors import InputError


def ensure_bindable(host: str, port: int) -> None:
    """Raise ``InputError`` when ``host:port`` cannot be listened on (in use, not ours)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise InputError("--host", f"{host!r} is not an address of this machine "
                                   f"({err.strerror})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as err:
            raise InputError("--port", f"cannot listen on {host}:{port}: "
                                       f"{err.strerror or err}") from None
