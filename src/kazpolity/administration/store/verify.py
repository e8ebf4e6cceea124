"""``kazpolity audit verify``: recompute everything the store claims, from the leaves up.

For each election: the definition hash (commissions, registers, members), every audit
entry's hash and links (global chain and per-commission chain), every signature against
the key in force at that point of the log, every credential and protocol version against
its log entry, every transition against the access rules, every stored precinct protocol
against the hard relations and its register, every published aggregate against its
children at that moment, the final aggregate against the precinct leaves, the seats
against the elections engine, every accepted aggregate against its children now, and the
append-only triggers. What cannot be seen from inside the database — a truncated tail, a
consistent rewrite — is caught against checkpoints an observer saved (``--checkpoint``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from kazpolity.administration.checkpoint import Checkpoint, checkpoint_problems
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.lifecycle import ACCEPTED
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.store.schema import APPEND_ONLY_TABLES
from kazpolity.administration.store.settings import database_url
from kazpolity.collector import rare_collections
from kazpolity.errors import InputError, KazpolityError


def verify_election(store: AdministrationStore, election_id: str,
                    checkpoints: Sequence[tuple[str, Checkpoint]] = ()) -> dict[str, Any]:
    try:
        result = store.replay(election_id, strict=True)
    except (KazpolityError, ValueError, KeyError, TypeError) as err:
        return {"election_id": election_id, "entries": 0, "closing_hash": None,
                "signatures_verified": 0,
                "problems": [f"cannot replay the election: {type(err).__name__}: {err}"]}
    state = result.state
    problems = list(result.problems)
    h = state.election.hierarchy
    for cid in h.order:
        own = state.commissions[cid]
        if h.commissions[cid].level == PRECINCT:
            continue
        if (own.status == ACCEPTED or (cid == h.root_id and state.finalized)) and not (
            state.aggregate_is_fresh(cid)
        ):
            problems.append(f"{cid}: its accepted aggregate (version {own.version}) no longer "
                            "equals the sum of its accepted children")
    tree = result.tree
    for name, checkpoint in checkpoints:
        if checkpoint.election_id == election_id:
            problems.extend(checkpoint_problems(checkpoint, name, tree, state.log_key))
    return {
        "election_id": election_id,
        "entries": state.head.seq,
        "closing_hash": state.head.election_closing(),
        "tree_root": tree.root().hex(),
        "signatures_verified": result.signatures,
        "checkpoints_verified": sum(1 for _, c in checkpoints if c.election_id == election_id),
        "finalized": state.finalized,
        "problems": problems,
    }


def trigger_problems(engine: Engine) -> list[str]:
    """Every append-only table must still refuse UPDATE and DELETE (its triggers)."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            names = {r[0] for r in conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type='trigger'"))}
            wanted = {f"{t}_no_{e}" for t in APPEND_ONLY_TABLES for e in ("update", "delete")}
        else:
            names = {r[0] for r in conn.execute(text(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"))}
            wanted = {f"{t}_{e}" for t in APPEND_ONLY_TABLES
                      for e in ("append_only", "no_truncate")}
    return [f"append-only trigger {name} is missing or disabled"
            for name in sorted(wanted - names)]


def _existing_store(url: str | None) -> str:
    resolved = database_url(url)
    if resolved.startswith("sqlite") and ":memory:" not in resolved:
        path = Path(resolved.split(":///", 1)[1].split("?")[0])
        if not path.is_file():
            raise InputError("--db", f"no store at {path} (nothing was created)")
    return resolved


def verify_store(url: str | None, election_id: str | None = None,
                 expected_closing_hash: str | None = None, *,
                 checkpoints: Sequence[Path] = (),
                 on_start: Callable[[int], None] | None = None,
                 on_step: Callable[[], None] | None = None) -> dict[str, Any]:
    """Verify every election (or one). ``expected_closing_hash`` is a closing hash published
    earlier; ``checkpoints`` are signed checkpoints saved by observers. A missing store is
    an input error (exit 2): nothing is created.

    Progress hooks (a bar): ``on_start(n)`` with the number of elections to verify, then
    ``on_step()`` after each."""
    saved = [(str(path), Checkpoint.read(path)) for path in checkpoints]
    store = AdministrationStore(_existing_store(url), migrate_schema=False)
    try:
        try:
            known = [e.id for e in store.list_elections()]
        except DBAPIError:
            raise InputError("--db", "cannot read a kazpolity store there (unreachable, or "
                             "no schema: see kazpolity admin migrate)") from None
        if election_id is not None and election_id not in known:
            raise InputError("--election", f"no election {election_id!r} in the store")
        ids = [election_id] if election_id else known
        if on_start is not None:
            on_start(len(ids))
        elections = []
        for eid in ids:
            with rare_collections():
                elections.append(verify_election(store, eid, saved))
            if on_step is not None:
                on_step()
        store_problems = trigger_problems(store.writer)
    finally:
        store.close()
    for name, checkpoint in saved:
        if checkpoint.election_id not in ids:
            store_problems.append(f"checkpoint {name}: election {checkpoint.election_id!r} "
                                  "is not in the store")
    if expected_closing_hash is not None:
        for item in elections:
            if item["closing_hash"] != expected_closing_hash:
                item["problems"].append(
                    f"closing hash {item['closing_hash']} differs from the published "
                    f"{expected_closing_hash} (entries removed or added since)")
    ok = not store_problems and all(not e["problems"] for e in elections)
    return {"ok": ok, "elections": elections, "store_problems": store_problems,
            "signatures_verified": sum(e["signatures_verified"] for e in elections)}
