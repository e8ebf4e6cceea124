"""Published results per level: JSON and CSV, with hashes and "reported k of N".

The numbers of every row are summed from the accepted precinct protocols (the leaves);
each row also shows the commission's own protocol (its count or its published aggregate)
with status, version and payload hash, and the document carries a content hash and the
audit log's closing hash. Seats come from the central aggregate through the elections
engine: the finalized one when the election is final, else the current one (provisional).
"""

from __future__ import annotations

import csv
import io
import threading
from typing import Any

from kazpolity.administration.canonical import canonical_hash
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.lifecycle import ElectionState
from kazpolity.administration.protocol import Protocol
from kazpolity.administration.seats import allocate_seats, votes_of
from kazpolity.administration.tabulation import Tally, tabulate
from kazpolity.errors import InputError

_cache_lock = threading.Lock()
_cache: dict[tuple[int, str], tuple[int, dict[str, Tally]]] = {}


def live_tallies(state: ElectionState) -> dict[str, Tally]:
    """Every commission's sum of accepted precinct protocols (cached per log head)."""
    key = (id(state), state.election.id)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] == state.head.seq:
            return hit[1]
    seq = state.head.seq
    counted = {cid: Protocol(v) for cid, v in state.counted_precincts(official=False).items()}
    tallies = tabulate(state.election.hierarchy, state.election.form, counted)
    with _cache_lock:
        if len(_cache) > 16:
            _cache.clear()
        _cache[key] = (seq, tallies)
    return tallies


def results_document(
    state: ElectionState, level: str, commission_id: str | None = None
) -> dict[str, Any]:
    definition = state.election
    h = definition.hierarchy
    if level not in h.levels:
        raise InputError("level", f"must be one of {list(h.levels)}, got {level!r}")
    scope = h.root_id
    if commission_id is not None:
        h.get(commission_id)
        scope = commission_id
    ids = [
        cid for cid in h.at_level(level)
        if commission_id is None or cid == scope or h.is_ancestor(scope, cid)
    ]
    if not ids:
        raise InputError("commission_id", f"{commission_id} has no {level} commissions")
    tallies = live_tallies(state)
    rows = []
    for cid in ids:
        c = h.commissions[cid]
        own = state.commissions[cid]
        tally = tallies[cid]
        rows.append({
            **tally.to_json(definition.form),
            "name": c.name,
            "parent_id": c.parent_id,
            "region_code": c.region_code,
            "protocol": {
                "kind": "count" if c.level == PRECINCT else "aggregate",
                "status": own.status,
                "version": own.version,
                "payload_hash": own.payload_hash,
                "reported": own.reported if own.values is not None else 0,
            },
        })
    scope_tally = tallies[scope]
    body = {
        "election_id": definition.id,
        "mode": definition.mode,
        "level": level,
        "scope": scope,
        "basis": "accepted precinct protocols",
        "reported": scope_tally.reported,
        "expected": scope_tally.expected,
        "reported_text": f"reported {scope_tally.reported} of {scope_tally.expected}",
        "fields": list(definition.form.fields),
        "rows": rows,
        "finalized": state.finalized,
    }
    return {
        **body,
        "content_hash": canonical_hash(body),
        "audit": {
            "entries": state.head.seq,
            "head": state.head.head_hash,
            "closing_hash": state.head.election_closing(),
        },
    }


CSV_FIXED = ["commission_id", "level", "parent_id", "name", "region_code", "reported",
             "expected", "status", "version", "payload_hash"]


def results_csv(document: dict[str, Any]) -> str:
    """The rows of a results document as CSV (the lines, then one column per option)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    fields: list[str] = document["fields"]
    writer.writerow([*CSV_FIXED, *fields])
    for row in document["rows"]:
        numbers = {**row["lines"], **{f"votes.{k}": v for k, v in row["votes"].items()}}
        protocol = row["protocol"]
        writer.writerow([
            row["commission_id"], row["level"], row["parent_id"] or "", row["name"],
            row["region_code"] or "", row["reported"], row["expected"], protocol["status"],
            protocol["version"], protocol["payload_hash"] or "",
            *(numbers[f] for f in fields),
        ])
    return out.getvalue()


def seats_document(state: ElectionState) -> dict[str, Any]:
    definition = state.election
    root_id = definition.hierarchy.root_id
    root = state.commissions[root_id]
    if state.finalized:
        basis = "finalized central aggregate"
        values = root.values
    elif root.values is not None:
        basis = "published central aggregate (provisional)"
        values = root.values
    else:
        basis = "accepted precinct protocols (provisional; no central aggregate yet)"
        values = live_tallies(state)[root_id].values
    assert values is not None
    seats = allocate_seats(definition, values)
    return {
        "election_id": definition.id,
        "basis": basis,
        "finalized": state.finalized,
        "central_protocol": {"version": root.version, "payload_hash": root.payload_hash,
                             "reported": root.reported},
        "votes": votes_of(definition, values),
        "allocation": seats,
        "final_allocation": state.final_seats,
    }
