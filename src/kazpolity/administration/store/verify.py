"""``kazpolity audit verify``: recompute everything the store claims, from the leaves up.

For each election: the definition hash (commissions, registers, members), every audit
entry's hash and links (global chain and per-commission chain), every credential and
protocol version against its log entry, every transition against the access rules, every
stored precinct protocol against the hard relations, every published aggregate against its
children at that moment, the final aggregate against the precinct leaves, the seats
against the elections engine, and every accepted aggregate against its children now.
Deleting the newest entries together with their rows cannot be seen from inside the
database: compare the closing hash with a published one (``--closing-hash``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.lifecycle import ACCEPTED
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.errors import KazpolityError


def verify_election(store: AdministrationStore, election_id: str) -> dict[str, Any]:
    try:
        result = store.replay(election_id, strict=True)
    except (KazpolityError, ValueError, KeyError, TypeError) as err:
        return {"election_id": election_id, "entries": 0, "closing_hash": None,
                "problems": [f"cannot replay the election: {type(err).__name__}: {err}"]}
    state = result.state
    problems = list(result.problems)
    h = state.election.hierarchy
    for cid in h.order:
        commission = h.commissions[cid]
        own = state.commissions[cid]
        if commission.level == PRECINCT:
            continue
        if (own.status == ACCEPTED or (cid == h.root_id and state.finalized)) and not (
            state.aggregate_is_fresh(cid)
        ):
            problems.append(f"{cid}: its accepted aggregate (version {own.version}) no longer "
                            "equals the sum of its accepted children")
    return {
        "election_id": election_id,
        "entries": state.head.seq,
        "closing_hash": state.head.election_closing(),
        "finalized": state.finalized,
        "problems": problems,
    }


def verify_store(url: str | None, election_id: str | None = None,
                 expected_closing_hash: str | None = None, *,
                 on_start: Callable[[int], None] | None = None,
                 on_step: Callable[[], None] | None = None) -> dict[str, Any]:
    """Verify every election (or one); ``expected_closing_hash`` is a closing hash published
    earlier, which catches the newest entries deleted together with their rows.

    Progress hooks (a bar): ``on_start(n)`` with the number of elections to verify, then
    ``on_step()`` after each."""
    store = AdministrationStore(url, migrate_schema=False)
    try:
        ids = [election_id] if election_id else [e["id"] for e in store.list_elections()]
        if on_start is not None:
            on_start(len(ids))
        elections = []
        for eid in ids:
            elections.append(verify_election(store, eid))
            if on_step is not None:
                on_step()
    finally:
        store.close()
    if expected_closing_hash is not None:
        for item in elections:
            if item["closing_hash"] != expected_closing_hash:
                item["problems"].append(
                    f"closing hash {item['closing_hash']} differs from the published "
                    f"{expected_closing_hash} (entries removed or added since)")
    return {"ok": all(not e["problems"] for e in elections), "elections": elections}
