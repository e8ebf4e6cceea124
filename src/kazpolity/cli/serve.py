"""``kazpolity serve``: the web dashboard and the HTTP API on one port.

Without ``--db`` or ``KAZPOLITY_DATABASE_URL`` the server shows the demo: a synthetic
election in its own file (``demo.db`` in the data directory), made on first run. A store
given by ``--db`` or the environment is never seeded, and is opened without migrating it
(run ``kazpolity admin migrate`` first; the server's role needs only INSERT and SELECT).
``--publish-dir`` rewrites a signed static publication of every election at each
checkpoint interval while the log grows (``kazpolity publish``).

The command parses its flags into ``Settings`` and hands them to the app factory it is
given by the entry point (``kazpolity.cli.__main__``): the CLI face never imports the API or
the web pages. The demo's seeding is simulation (``kazpolity.simulate.seed``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import typer

from kazpolity.administration.store.signature_process import pin_serving_threads
from kazpolity.cli.ports import ensure_bindable
from kazpolity.collector import collect_rarely
from kazpolity.errors import InputError
from kazpolity.settings import DEFAULT_HOST, Settings

AppFactory = Callable[[Settings], Any]
"""Builds the ASGI app from the settings (``kazpolity.server.create_app``)."""


def _port(value: int | None, settings: Settings) -> int:
    port = settings.port if value is None else value
    if not 1 <= port <= 65535:
        raise InputError("--port", f"{port} is outside 1-65535")
    return port


def serve_command(create_app: AppFactory) -> Callable[..., None]:
    """The ``serve`` command over an app factory (the composition root's)."""

    def serve(
        host: str = typer.Option(DEFAULT_HOST, "--host", help="Interface to listen on."),
        port: int | None = typer.Option(None, "--port",
                                        help="Port (default: KAZPOLITY_PORT or 8000)."),
        db: str | None = typer.Option(None, "--db", help="Database URL (default: "
                                      "KAZPOLITY_DATABASE_URL or SQLite in the data directory)."),
        seed: bool | None = typer.Option(None, "--seed/--no-seed", help="Serve the demo store "
                                         "(its own file, seeded on first run); the default "
                                         "when no --db or KAZPOLITY_DATABASE_URL is given."),
        publish_dir: Path | None = typer.Option(None, "--publish-dir", help="Keep a signed "
                                                "static publication of every election here."),
        publish_every: float = typer.Option(10.0, "--publish-every",
                                            help="Seconds between publication checkpoints."),
        pin: bool = typer.Option(True, "--pin/--no-pin", help="Keep the server's threads "
                                 "on one CPU and check signatures in a helper process on "
                                 "the others (when there are two or more)."),
    ) -> None:
        """Serve the dashboard and the API (http://127.0.0.1:8000 by default)."""
        import uvicorn

        settings = Settings.from_env()
        chosen = _port(port, settings)
        if publish_every <= 0:
            raise InputError("--publish-every", "must be a positive number of seconds")
        ensure_bindable(host, chosen)
        url = _store_url(db, seed)
        cpus = pin_serving_threads() if pin else frozenset()
        settings = replace(settings, host=host, port=chosen, database_url=url,
                           signature_cpus=cpus)
        app = create_app(settings)
        if publish_dir is not None:
            from kazpolity.cli.publisher import start_publisher

            start_publisher(url, publish_dir, publish_every)
        collect_rarely()
        typer.echo(f"kazpolity serving on http://{host}:{chosen}", err=True)
        # No access log: at election-night rates its formatting costs throughput, and the
        # audit log already records every write. Forwarded headers are read inside the app
        # (``server.KazpolityApp``), and no header names the server's software. (uvicorn
        # picks httptools and uvloop.)
        uvicorn.run(app, host=host, port=chosen, log_level="warning", access_log=False,
                    proxy_headers=False, server_header=False)

    return serve


def _store_url(db: str | None, seed: bool | None) -> str:
    """The store to serve: the one given (``--db``, else ``KAZPOLITY_DATABASE_URL``), or the
    demo's own file (seeded here)."""
    from kazpolity.administration.store.settings import database_url
    from kazpolity.simulate.seed import demo_database_url, seed_dashboard

    given = db or Settings.from_env().database_url
    if given:
        if seed:
            raise InputError("--seed", "the demo lives in its own file; it is never written "
                             "into a store given by --db or KAZPOLITY_DATABASE_URL")
        return database_url(given)
    if seed is False:
        return database_url(None)
    url = demo_database_url()
    summary = seed_dashboard(url)
    state = "made" if summary["created"] else "found"
    typer.echo(f"demo store {state}: {summary['election_id']} ({summary['precincts']:,} "
               f"precincts) in {summary['seconds']} s; pass --db to serve your own store",
               err=True)
    return url
