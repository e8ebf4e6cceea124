"""The server's publisher: a signed static snapshot of every election at each checkpoint.

A daemon thread wakes every ``every`` seconds and, for each election whose log moved since
its last snapshot, rewrites ``DIR/<election_id>/`` atomically (``kazpolity publish``).
Readers are served from those files by any static server or CDN, never by the database.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from kazpolity.errors import KazpolityError

log = logging.getLogger("kazpolity.publisher")


def publish_changed(url: str, directory: Path, last: dict[str, int]) -> list[str]:
    """Publish every election whose log head moved; the ids published."""
    from kazpolity.administration.store.repository import AdministrationStore
    from kazpolity.cli.publish import publish_snapshot

    store = AdministrationStore(url, migrate_schema=False)
    try:
        heads = {e.id: store.fresh(e.id).state.head.seq for e in store.list_elections()}
    finally:
        store.close()
    done = []
    for election_id, head in heads.items():
        if last.get(election_id) == head:
            continue
        try:
            publish_snapshot(url, election_id, directory / election_id)
        except KazpolityError as err:  # e.g. no log key on this server: say so, go on
            log.warning("not published %s: %s", election_id, err)
            continue
        last[election_id] = head
        done.append(election_id)
    return done


def start_publisher(url: str, directory: Path, every: float) -> threading.Event:
    """Start the publisher thread; set the returned event to stop it."""
    stop = threading.Event()
    last: dict[str, int] = {}

    def loop() -> None:
        while not stop.is_set():
            try:
                publish_changed(url, directory, last)
            except Exception:  # the server keeps serving; the next round retries
                log.exception("publication failed")
            stop.wait(every)

    threading.Thread(target=loop, name="kazpolity-publisher", daemon=True).start()
    return stop
