"""``kazpolity serve``: the web dashboard and the HTTP API on one port."""

from __future__ import annotations

import os

import typer

from kazpolity.errors import InputError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _port(value: int | None) -> int:
    if value is not None:
        port = value
    else:
        raw = os.environ.get("KAZPOLITY_PORT", str(DEFAULT_PORT))
        if not raw.isdigit():
            raise InputError("KAZPOLITY_PORT", f"{raw!r} is not a port number")
        port = int(raw)
    if not 1 <= port <= 65535:
        raise InputError("--port", f"{port} is outside 1-65535")
    return port


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

    from kazpolity.administration.store.settings import DATABASE_URL_ENV, database_url
    from kazpolity.api.app import create_app

    chosen = _port(port)
    from kazpolity.cli.ports import ensure_bindable

    ensure_bindable(host, chosen)
    url = database_url(db)
    os.environ[DATABASE_URL_ENV] = url
    if seed:
        from kazpolity.web.seed import seed_dashboard

        summary = seed_dashboard(url)
        state = "seeded" if summary["created"] else "already seeded"
        typer.echo(f"store {state}: {summary['election_id']} ({summary['precincts']:,} "
                   f"precincts) in {summary['seconds']} s", err=True)
    app = create_app()
    typer.echo(f"kazpolity serving on http://{host}:{chosen}", err=True)
    uvicorn.run(app, host=host, port=chosen, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
