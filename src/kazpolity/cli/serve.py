"""``kazpolity serve``: the web dashboard and the HTTP API on one port.

The command parses its flags into ``Settings`` and hands them to the app factory and the
dashboard seeding it is given by the entry point (``kazpolity.cli.__main__``): the CLI face
never imports the API or the web pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import typer

from kazpolity.cli.ports import ensure_bindable
from kazpolity.errors import InputError
from kazpolity.settings import DEFAULT_HOST, Settings

AppFactory = Callable[[Settings], Any]
"""Builds the ASGI app from the settings (``kazpolity.server.create_app``)."""
Seeder = Callable[[str | None], Mapping[str, Any]]
"""Seeds the dashboard's synthetic election in the store at a URL; returns a summary."""


def _port(value: int | None, settings: Settings) -> int:
    port = settings.port if value is None else value
    if not 1 <= port <= 65535:
        raise InputError("--port", f"{port} is outside 1-65535")
    return port


def serve_command(create_app: AppFactory, seed_dashboard: Seeder) -> Callable[..., None]:
    """The ``serve`` command over an app factory and a dashboard seeder."""

    def serve(
        host: str = typer.Option(DEFAULT_HOST, "--host", help="Interface to listen on."),
        port: int | None = typer.Option(None, "--port",
                                        help="Port (default: KAZPOLITY_PORT or 8000)."),
        db: str | None = typer.Option(None, "--db", help="Database URL (default: "
                                      "KAZPOLITY_DATABASE_URL or SQLite in the data directory)."),
        seed: bool = typer.Option(True, "--seed/--no-seed", help="On first run, seed the store "
                                  "with one synthetic precinct-level election (idempotent)."),
    ) -> None:
        """Serve the dashboard and the API (http://127.0.0.1:8000 by default)."""
        import uvicorn

        from kazpolity.administration.store.settings import database_url

        settings = Settings.from_env()
        chosen = _port(port, settings)
        ensure_bindable(host, chosen)
        settings = replace(settings, host=host, port=chosen,
                           database_url=database_url(db or settings.database_url))
        if seed:
            summary = seed_dashboard(settings.database_url)
            state = "seeded" if summary["created"] else "already seeded"
            typer.echo(f"store {state}: {summary['election_id']} ({summary['precincts']:,} "
                       f"precincts) in {summary['seconds']} s", err=True)
        app = create_app(settings)
        typer.echo(f"kazpolity serving on http://{host}:{chosen}", err=True)
        uvicorn.run(app, host=host, port=chosen, log_level="warning")

    return serve
