"""``kazpolity publish``: signed static results for any web server or CDN; and their check.

- ``publish --db URL --election ID --out DIR``: results per level (JSON, CSV), seats, the
  signed checkpoint, inclusion proofs and a signed manifest (``administration.publication``)
- ``publish verify DIR``: exit 0 when every file matches the signed checkpoint, 1 naming
  the file (and row) that does not
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from kazpolity.cli import exit_codes
from kazpolity.errors import InputError

publish_app = typer.Typer(help="Signed static publication of results.",
                          invoke_without_command=True)


def publish_snapshot(db: str | None, election: str, out: Path) -> dict[str, object]:
    """Write the publication of ``election`` into ``out``; a summary."""
    from kazpolity.administration.checkpoint import Checkpoint
    from kazpolity.administration.publication import publication_files, write_publication
    from kazpolity.administration.store.repository import AdministrationStore, snapshot

    store = AdministrationStore(db, migrate_schema=False)
    try:
        key = store.log_key(election)
        state, entries, tree = snapshot(store, election)
    finally:
        store.close()
    checkpoint = Checkpoint.sign(election, tree, key)
    files = publication_files(state, entries, tree, checkpoint)
    write_publication(out, files, checkpoint, key)
    return {"election_id": election, "out": str(out), "files": len(files) + 1,
            "tree_size": checkpoint.tree_size, "root_hash": checkpoint.root_hash}


@publish_app.callback()
def publish(
    ctx: typer.Context,
    db: str | None = typer.Option(None, "--db", help="Database URL."),
    election: str | None = typer.Option(None, "--election", help="Election id."),
    out: Path | None = typer.Option(None, "--out", help="Directory to (re)write."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Write the election's results, checkpoint, proofs and a signed manifest to --out."""
    if ctx.invoked_subcommand is not None:
        return
    if election is None or out is None:
        raise InputError("--election" if election is None else "--out",
                         "publish needs --election and --out (or: publish verify DIR)")
    summary = publish_snapshot(db, election, out)
    if as_json:
        typer.echo(json.dumps(summary, sort_keys=True))
    else:
        typer.echo(f"published {election} at {summary['tree_size']:,} entries "
                   f"(root {summary['root_hash']}) to {out}")


@publish_app.command("verify")
def verify_cmd(
    directory: Path = typer.Argument(..., help="A directory written by kazpolity publish."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Check every file against the signed manifest and checkpoint (exit 1 naming it)."""
    from kazpolity.administration.publication import verify_publication

    if not (directory / "manifest.json").is_file():
        raise InputError("DIR", f"{directory} holds no manifest.json (not a publication)")
    problems = verify_publication(directory)
    if as_json:
        typer.echo(json.dumps({"ok": not problems, "problems": problems}, sort_keys=True))
    else:
        typer.echo("OK: every file matches the signed checkpoint" if not problems
                   else "\n".join(problems))
    if problems:
        raise typer.Exit(exit_codes.CHECK_FAILED)


def register(app: typer.Typer) -> None:
    app.add_typer(publish_app, name="publish")
