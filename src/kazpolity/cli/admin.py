"""``kazpolity admin``, ``kazpolity audit`` and ``kazpolity simulate``: election administration.

- ``admin seed-election --synthetic --date 2023-03-19 --db URL --credentials-out FILE``
- ``admin issue-credential``, ``admin migrate``, ``admin list``
- ``admin import-protocols`` / ``admin export-protocols`` (CSV or Parquet)
- ``audit verify --db URL [--checkpoint FILE]...``: recompute the hash chain, every
  signature and aggregate, and check saved checkpoints; exit 1 on any discrepancy, naming it
- ``audit checkpoint --url URL --election ID -o FILE``: save the server's signed checkpoint
- ``simulate submit --url URL --credentials FILE [--concurrency N]``: drive every precinct's
  protocol through the API, then every higher level's acceptance, then finalize
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import typer

from kazpolity.cli import exit_codes
from kazpolity.cli.progress import progress_bar
from kazpolity.cli.text import plain
from kazpolity.errors import InputError
from kazpolity.presentation.administration_json import bulk_answer_json, listing_json

admin_app = typer.Typer(help="Create elections, commissions and credentials; bulk data.",
                        no_args_is_help=True)
audit_app = typer.Typer(help="Verify the audit log and every aggregate.", no_args_is_help=True)
simulate_app = typer.Typer(help="Drive an election through the HTTP API.",
                           no_args_is_help=True)

DB_HELP = "Database URL (default: KAZPOLITY_DATABASE_URL or the data dir's SQLite file)."


def _emit(data: Mapping[str, object], as_json: bool, lines: list[str]) -> None:
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, sort_keys=True))
    else:
        for line in lines:
            typer.echo(line)


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError("--date", f"{value!r} is not a date (YYYY-MM-DD)") from None


@admin_app.command("migrate")
def migrate_cmd(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Create or upgrade the store's schema (Alembic; the role needs DDL rights — the
    server itself runs with a role that may only insert and select)."""
    from kazpolity.administration.store.repository import AdministrationStore

    store = AdministrationStore(db, migrate_schema=True)
    where = store.url.split("@")[-1]
    store.close()
    if as_json:
        _emit({"schema": "up to date", "database": where}, True, [])
    else:
        typer.echo(f"schema up to date: {where}", err=True)


@admin_app.command("list")
def list_cmd(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """List the administered elections."""
    from kazpolity.administration.store.repository import AdministrationStore

    store = AdministrationStore(db)
    elections = store.list_elections()
    store.close()
    _emit({"elections": [listing_json(e) for e in elections]}, as_json,
          [f"{e.id}\t{e.election_type}\t{e.date}\t{e.mode}" for e in elections])


@admin_app.command("seed-election")
def seed_election(
    synthetic: bool = typer.Option(False, "--synthetic",
                                   help="Generate commissions and registers (required)."),
    on: str = typer.Option("2023-03-19", "--date", help="Election date."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    credentials_out: Path = typer.Option(..., "--credentials-out",
                                         help="Write {commission_id: token} JSON here."),
    election_id: str | None = typer.Option(None, "--election-id"),
    mode: str = typer.Option("test", "--mode", help="test or live."),
    precincts: int | None = typer.Option(None, "--precincts",
                                         help="Fewer precincts than the official count."),
    seed: int | None = typer.Option(None, "--seed", help="Random seed."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Create an election with every commission and one credential per commission."""
    if not synthetic:
        raise InputError("--synthetic", "only synthetic elections can be seeded so far")
    from kazpolity.administration.store.credentials import (
        credentials_document,
        write_secret_file,
    )
    from kazpolity.administration.store.repository import AdministrationStore
    from kazpolity.administration.synthetic import DEFAULT_SEED, synthetic_definition

    if precincts is not None and precincts < 1:
        raise InputError("--precincts", "must be at least 1")
    day = _date(on)
    with progress_bar("Generating commissions and registers", 3, enabled=not as_json) as step:
        definition = synthetic_definition(
            day, election_id=election_id, mode=mode,
            seed=DEFAULT_SEED if seed is None else seed, precincts=precincts,
        )
        step()
        step.describe("Writing the election to the store")
        store = AdministrationStore(db)
        store.create_election(definition)
        step()
        step.describe("Issuing credentials and signing keys")
        issued = store.issue_credentials(definition.id)
        write_secret_file(credentials_out, credentials_document(issued))
        store.close()
        step()
    h = definition.hierarchy
    counts = {level: len(h.at_level(level)) for level in h.levels}
    summary: dict[str, Any] = {
        "election_id": definition.id,
        "date": definition.on.isoformat(),
        "mode": definition.mode,
        "levels": list(h.levels),
        "commissions": counts,
        "registered_voters": h.registered_voters(h.root_id),
        "credentials_out": str(credentials_out),
    }
    _emit(summary, as_json, [
        f"election {definition.id} ({definition.mode}) on {definition.on.isoformat()}",
        "commissions: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()),
        f"registered voters: {summary['registered_voters']:,}",
        f"credentials written to {credentials_out} (keep it secret)",
    ])


@admin_app.command("issue-credential")
def issue_credential(
    election: str = typer.Option(..., "--election", help="Election id."),
    commission: list[str] = typer.Option(..., "--commission", help="Commission id(s)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    out: Path | None = typer.Option(None, "--out", help="Write tokens JSON here."),
    as_json: bool = typer.Option(False, "--json", help="With --out: print one JSON object "
                                 "(without --out the tokens are printed as JSON anyway)."),
) -> None:
    """Issue a new credential and signing key (the old ones stop working in every running
    server at once; the replacement is logged and signed); prints or writes them."""
    from kazpolity.administration.store.credentials import (
        credentials_document,
        write_secret_file,
    )
    from kazpolity.administration.store.repository import AdministrationStore

    store = AdministrationStore(db)
    tokens = credentials_document(store.issue_credentials(election, commission))
    store.close()
    if out is not None:
        write_secret_file(out, tokens)
        if as_json:
            _emit({"election_id": election, "credentials": len(tokens), "out": str(out)},
                  True, [])
        else:
            typer.echo(f"{len(tokens):,} credential(s) written to {out}", err=True)
    else:
        typer.echo(json.dumps(tokens, sort_keys=True))


@admin_app.command("import-protocols")
def import_protocols(
    election: str = typer.Option(..., "--election", help="Election id."),
    file: Path = typer.Option(..., "--file", help="A .csv or .parquet file."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Bulk-load precinct protocols (entered by the admin), all or nothing."""
    from kazpolity.administration.bulk import read_protocols
    from kazpolity.administration.controls import validate
    from kazpolity.administration.store.repository import AdministrationStore
    from kazpolity.administration.submission import Submission

    with progress_bar("Reading the election from the store", 4, enabled=not as_json) as step:
        store = AdministrationStore(db)
        definition = store.runtime(election).definition
        step()
        step.describe(f"Reading {file.name}")
        protocols = read_protocols(definition, file)
        step()
        step.describe("Checking protocols")
        items = []
        for cid, protocol in protocols.items():
            check = validate(definition.form, protocol)
            reasons = {f.relation.name: f"bulk import from {file.name}" for f in check.flags}
            items.append((cid, Submission(protocol, definition.mode, reasons, None, check)))
        step()
        step.describe("Recording protocols")
        result = store.submit_many(election, items)
        step()
    _emit({"election_id": election, **bulk_answer_json(result)}, as_json,
          [f"recorded {result.recorded:,} protocol(s), {result.unchanged:,} unchanged"])


@admin_app.command("export-protocols")
def export_protocols(
    election: str = typer.Option(..., "--election", help="Election id."),
    out: Path = typer.Option(..., "--out", help="A .csv or .parquet file."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Write every precinct's current protocol (any status) to CSV or Parquet."""
    from kazpolity.administration.bulk import write_protocols
    from kazpolity.administration.hierarchy import PRECINCT
    from kazpolity.administration.store.repository import AdministrationStore

    with progress_bar("Reading the election from the store", 2, enabled=not as_json) as step:
        rt = AdministrationStore(db).runtime(election)
        protocols = {
            cid: s.values for cid, s in rt.state.commissions.items()
            if s.values is not None and rt.definition.hierarchy.commissions[cid].level == PRECINCT
        }
        step()
        step.describe(f"Writing {out.name}")
        n = write_protocols(rt.definition, protocols, out)
        step()
    if as_json:
        _emit({"election_id": election, "protocols": n, "out": str(out)}, True, [])
    else:
        typer.echo(f"{n:,} protocol(s) written to {out}", err=True)


@audit_app.command("verify")
def verify(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    election: str | None = typer.Option(None, "--election", help="One election (default all)."),
    closing_hash: str | None = typer.Option(
        None, "--closing-hash", help="A closing hash published earlier (needs --election)."),
    checkpoint: list[Path] = typer.Option(
        [], "--checkpoint", help="A signed checkpoint saved earlier (repeatable)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Recompute the hash chain, every signature, stored protocol and aggregate, and the
    seats; check that every saved checkpoint is a prefix of the log (exit 1 naming it)."""
    from kazpolity.administration.store.verify import verify_store

    if closing_hash is not None and election is None:
        raise InputError("--closing-hash", "name the election with --election")
    with progress_bar("Verifying elections", None, enabled=not as_json) as step:
        report = verify_store(db, election, closing_hash, checkpoints=checkpoint,
                              on_start=step.start, on_step=step)
    lines = []
    for item in report["elections"]:
        verdict = f"{len(item['problems'])} problem(s)" if item["problems"] else "OK"
        lines.append(f"{item['election_id']}: {item['entries']:,} entries, "
                     f"{item['signatures_verified']:,} signatures verified, "
                     f"closing hash {item['closing_hash']}, {verdict}")
        lines.extend(f"  - {p}" for p in item["problems"])
    lines.extend(f"store: {p}" for p in report["store_problems"])
    _emit(report, as_json, lines)
    if not report["ok"]:
        raise typer.Exit(exit_codes.CHECK_FAILED)


@simulate_app.command("submit")
def simulate_submit(
    url: str = typer.Option("http://127.0.0.1:8000", "--url", help="The server's base URL."),
    credentials: Path = typer.Option(..., "--credentials", help="JSON {commission: token}."),
    concurrency: int = typer.Option(16, "--concurrency", help="Requests in flight."),
    election: str | None = typer.Option(None, "--election",
                                        help="Election id (default: the only one)."),
    seed: int | None = typer.Option(None, "--seed", help="Seed of the synthetic counts."),
    finalize: bool = typer.Option(True, "--finalize/--no-finalize",
                                  help="Finalize at the central level at the end."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Submit every precinct's protocol, accept and publish up every level, finalize."""
    from kazpolity.administration.store.credentials import parse_credentials
    from kazpolity.simulate.driver import drive_election

    if concurrency < 1:
        raise InputError("--concurrency", "must be at least 1")
    try:
        data = json.loads(credentials.read_text("utf-8"))
    except (OSError, ValueError) as err:
        raise InputError("--credentials", f"cannot read {credentials}: {err}") from err
    report = drive_election(
        url, parse_credentials(data), concurrency=concurrency, election_id=election, seed=seed,
        finalize=finalize, progress=not as_json and sys.stderr.isatty(),
    )
    _emit(report, as_json, [
        f"election {report['election_id']}: {report['submitted']:,} protocols in "
        f"{report['submit_seconds']:.1f} s ({report['submissions_per_second']:.0f}/s, "
        f"p99 {report['p99_ms']:.1f} ms), {report['failed']:,} failed",
        f"accepted {report['accepted']:,}, published {report['published']:,}, "
        f"finalized: {plain(report['finalized'])}",
        f"seats: {plain(report['seats'])}",
    ])
    if report["failed"]:
        raise typer.Exit(exit_codes.CHECK_FAILED)


@audit_app.command("checkpoint")
def checkpoint_cmd(
    url: str = typer.Option("http://127.0.0.1:8000", "--url", help="The server's base URL."),
    election: str = typer.Option(..., "--election", help="Election id."),
    out: Path = typer.Option(..., "-o", "--out", help="Write the checkpoint JSON here."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Save the election's current signed checkpoint (what an observer keeps during the
    count, to prove later that the log only grew)."""
    from kazpolity.simulate.observer import fetch_checkpoint

    checkpoint = fetch_checkpoint(url, election)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(checkpoint.to_json(), indent=1, sort_keys=True) + "\n", "utf-8")
    _emit({**checkpoint.to_json(), "out": str(out)}, as_json,
          [f"checkpoint of {election}: {checkpoint.tree_size:,} entries, root "
           f"{checkpoint.root_hash}, signed at {checkpoint.at} -> {out}"])


def register(app: typer.Typer) -> None:
    from kazpolity.cli.publish import register as register_publish

    register_publish(app)
    app.add_typer(admin_app, name="admin")
    app.add_typer(audit_app, name="audit")
    app.add_typer(simulate_app, name="simulate")
