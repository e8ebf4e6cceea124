"""First-run content for the dashboard: one synthetic precinct-level election in the store.

The bundled historical elections need no seeding: they are read from the package's data
(``kazpolity.elections.official``). What the store gets is one synthetic election with the
2023 Majilis's official national totals (``kazpolity.administration.synthetic``), brought to
a realistic *live* state so that every Administration and Forensics view has content:

* most territorial commissions have every precinct reported, accepted and their aggregate
  published and accepted by the central commission;
* two regions are still counting (part of their precincts reported, some not accepted yet);
* one precinct's protocol was returned with a reason and repeated (version 2, with reason
  and authority), then accepted; another was returned and is awaiting its repeat;
* the central commission has published a provisional aggregate; the election is not final.

``seed_dashboard()`` is idempotent (a second call finds the election and changes nothing;
an interrupted first run is resumed) and takes a few seconds for the default 2,500 precincts.
The demo lives in its own file (``demo_database_url``: ``demo.db`` in the data directory);
``kazpolity serve`` never seeds a store given by ``--db`` or ``KAZPOLITY_DATABASE_URL``.
The demo code touches only an election it created: one with the demo's own definition
whose commissions' credentials it wrote beside the store; anything else is refused.
Every write is signed by the commission that makes it (the demo holds their keys).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from kazpolity.administration.controls import validate
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.lifecycle import ACCEPTED, NONE, RETURNED, SUBMITTED
from kazpolity.administration.protocol import Protocol
from kazpolity.administration.store.credentials import (
    CommissionCredential,
    credentials_document,
    parse_credentials,
    write_secret_file,
)
from kazpolity.administration.store.decisions import LocalSigner
from kazpolity.administration.store.keys import keys_dir
from kazpolity.administration.store.repository import AdministrationStore
from kazpolity.administration.store.settings import data_dir
from kazpolity.administration.submission import Repeat, Submission
from kazpolity.administration.synthetic import (
    DEFAULT_SEED,
    synthetic_definition,
    synthetic_protocols,
)
from kazpolity.errors import InputError

SEED_ELECTION_ID = "majilis-2023-synthetic"
SEED_DATE = date(2023, 3, 19)
DEFAULT_PRECINCTS = 2500
COUNTING_REGIONS: dict[str, float] = {"KZ-ALA": 0.7, "KZ-MAN": 0.4}
"""Regions still counting, with the share of their precincts reported."""
RETURN_REASON = ("Recount ordered: ballots found did not match the ballots issued in the "
                 "first count")
REPEAT_AUTHORITY = "Decision of the territorial election commission No. 14"
PENDING_REASON = "Protocol returned: signatures of two members missing"
DEMO_FILE = "demo.db"


def demo_database_url() -> str:
    """The demo's own SQLite file in the data directory (created on first use)."""
    directory = data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(directory / DEMO_FILE).resolve()}"


def _credentials_path(store: AdministrationStore) -> Path:
    return keys_dir(store.url) / f"{SEED_ELECTION_ID}.demo-credentials.json"


class Signers:
    """The demo commissions' signing keys, read from the file written when it was made."""

    def __init__(self, credentials: dict[str, CommissionCredential]) -> None:
        self.credentials = credentials

    def __call__(self, commission_id: str) -> LocalSigner:
        return LocalSigner(commission_id, self.credentials[commission_id].key)


def _submission(definition: ElectionDefinition, protocol: Protocol,
                repeat: Repeat | None = None) -> Submission:
    check = validate(definition.form, protocol)
    reasons = {f.relation.name: "explained in the precinct's act (synthetic data)"
               for f in check.flags}
    return Submission(protocol, definition.mode, reasons, repeat, check)


def _corrected(definition: ElectionDefinition, protocol: Protocol) -> Protocol:
    """The same count with one valid vote moved from the first option with votes to the
    next option (the recount's correction; every control relation still holds)."""
    form = definition.form
    values = list(protocol.values)
    options = [form.index[f"votes.{option}"] for option in form.options]
    source = next((i for i in options if values[i] > 0), None)
    if source is None:
        return protocol
    target = options[(options.index(source) + 1) % len(options)]
    values[source] -= 1
    values[target] += 1
    return Protocol(tuple(values))


def _reporting(definition: ElectionDefinition) -> tuple[list[str], list[str]]:
    """(precincts that have reported, precincts still counting), deterministically."""
    h = definition.hierarchy
    reported: list[str] = []
    waiting: list[str] = []
    by_region: dict[str | None, list[str]] = {}
    for pid in h.at_level(PRECINCT):
        by_region.setdefault(h.commissions[pid].region_code, []).append(pid)
    for region, pids in by_region.items():
        share = COUNTING_REGIONS.get(region or "", 1.0)
        cut = round(len(pids) * share)
        reported.extend(pids[:cut])
        waiting.extend(pids[cut:])
    return reported, waiting


def _submitted_children(store: AdministrationStore, election_id: str, parent: str,
                        skip: Sequence[str] = ()) -> list[str]:
    state = store.runtime(election_id).state
    h = state.election.hierarchy
    return [c for c in h.children[parent]
            if state.commissions[c].status == SUBMITTED and c not in skip]


def seed_dashboard(database_url: str | None = None, *,
                   precincts: int = DEFAULT_PRECINCTS) -> dict[str, Any]:
    """Create (or finish creating) the dashboard's synthetic election; return a summary.

    ``database_url`` as for ``AdministrationStore`` (default: ``KAZPOLITY_DATABASE_URL`` or
    the data directory's SQLite file).
    """
    started = time.perf_counter()
    store = AdministrationStore(database_url)
    try:
        known = {e.id for e in store.list_elections()}
        created = SEED_ELECTION_ID not in known
        expected = synthetic_definition(SEED_DATE, election_id=SEED_ELECTION_ID, mode="test",
                                        seed=DEFAULT_SEED, precincts=precincts)
        if created:
            store.create_election(expected)
            issued = store.issue_credentials(SEED_ELECTION_ID)
            write_secret_file(_credentials_path(store), credentials_document(issued))
        signers = _own_election(store, expected)
        state = store.runtime(SEED_ELECTION_ID).state
        definition = state.election
        h = definition.hierarchy
        if state.commissions[h.root_id].version == 0 and not state.finalized:
            _bring_to_live_state(store, definition, signers)
        state = store.runtime(SEED_ELECTION_ID).state
        return {
            "election_id": SEED_ELECTION_ID,
            "created": created,
            "precincts": len(h.at_level(PRECINCT)),
            "central_reported": state.commissions[h.root_id].reported,
            "audit_entries": state.head.seq,
            "seconds": round(time.perf_counter() - started, 2),
        }
    finally:
        store.close()


def _own_election(store: AdministrationStore, expected: ElectionDefinition) -> Signers:
    """The demo's signers, after making sure the stored election is the demo's own."""
    _, stored_hash, _ = store.load_definition(SEED_ELECTION_ID)
    path = _credentials_path(store)
    if stored_hash != expected.definition_hash() or not path.is_file():
        raise InputError("election_id", f"{SEED_ELECTION_ID!r} in {store.url} was not made "
                         "by the demo; the demo leaves it alone")
    signers = Signers(parse_credentials(json.loads(path.read_text("utf-8")), str(path)))
    state = store.runtime(SEED_ELECTION_ID).state
    for cid, credential in signers.credentials.items():
        held = state.keys.get(cid)
        if held is None or held.public_key != credential.key.public_b64:
            raise InputError("election_id", f"{SEED_ELECTION_ID!r}: {cid}'s key is not the "
                             "demo's; the demo leaves this election alone")
    return signers


def _bring_to_live_state(store: AdministrationStore, definition: ElectionDefinition,
                         sign: Signers) -> None:
    eid = definition.id
    h = definition.hierarchy
    protocols = synthetic_protocols(definition, seed=DEFAULT_SEED)
    reported, _waiting = _reporting(definition)
    state = store.runtime(eid).state
    fresh = [(pid, _submission(definition, protocols[pid])) for pid in reported
             if state.commissions[pid].status == NONE]
    if fresh:
        store.submit_many(eid, fresh, sign)

    # A returned and repeated protocol (accepted later) and one awaiting its repeat.
    repeated = reported[0]
    parent = h.commissions[repeated].parent_id
    assert parent is not None
    state = store.runtime(eid).state
    if state.commissions[repeated].version == 1 and state.commissions[repeated].status == (
            SUBMITTED):
        store.parent_action(eid, sign(parent), repeated, "return", 1, RETURN_REASON)
    state = store.runtime(eid).state
    if state.commissions[repeated].status == RETURNED:
        store.submit_protocol(eid, sign(repeated), repeated, _submission(
            definition, _corrected(definition, protocols[repeated]),
            Repeat(RETURN_REASON, REPEAT_AUTHORITY, 1)))
    counting = [pid for pid in reported
                if h.commissions[pid].region_code in COUNTING_REGIONS]
    pending = counting[-1] if counting else None
    pending_parent = h.commissions[pending].parent_id if pending else None
    state = store.runtime(eid).state
    if pending and pending_parent and state.commissions[pending].status == SUBMITTED:
        store.parent_action(eid, sign(pending_parent), pending, "return",
                            state.commissions[pending].version, PENDING_REASON)
    _accept_upwards(store, definition, sign, counting)


def _accept_upwards(store: AdministrationStore, definition: ElectionDefinition,
                    sign: Signers, counting: list[str]) -> None:
    """Every parent accepts its submitted children (a few in the counting regions wait)
    and publishes; the central commission publishes a provisional aggregate."""
    eid = definition.id
    h = definition.hierarchy
    held = set(counting[-max(1, len(counting) // 10):]) if counting else set()
    for level in reversed(h.levels[:-1]):
        for commission in h.at_level(level):
            children = _submitted_children(store, eid, commission, tuple(held))
            if children:
                store.decide_many(eid, sign(commission), children)
            still_counting = h.commissions[commission].region_code in COUNTING_REGIONS
            if level != h.levels[0] and not still_counting:
                state = store.runtime(eid).state
                if state.commissions[commission].status != ACCEPTED:
                    store.publish_aggregate(eid, sign(commission), commission)
    store.publish_aggregate(eid, sign(h.root_id), h.root_id)
