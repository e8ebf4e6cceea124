"""Precinct tables from the administration store: an election's protocols as they stand.

``StoreElectionSource(election_id, database_url)`` is a ``PrecinctSource``: its ``load``
reads the election from the store and returns the precincts that have a protocol as a
``PrecinctTable``. The roles come from the protocol form (registered = voters on the list,
issued = ballots issued in the room, outside and early, ballots = ballots found, valid,
invalid; labels region, commission = the parent commission, precinct = the commission id).
The column map may name the leader (``leader=OPTION``, an option's id or name; ``A+B``
sums options); otherwise the leader is the option with the most votes among those
precincts. Every other option becomes a ``party:<name>`` count.

``table_from_state(state)`` does the same for an already replayed ``ElectionState`` (the
web page has one); the command line writes ``store:ELECTION_ID`` for a source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from kazpolity.errors import InputError
from kazpolity.forensics.table import ColumnMap, PrecinctTable

if TYPE_CHECKING:  # the store (SQLAlchemy) loads only when a stored election is read
    from kazpolity.administration.lifecycle import ElectionState

STORE_PREFIX = "store:"
LEADER_ROLE = "leader"


class StoreTable(NamedTuple):
    """A stored election's precincts with the leader's display name."""

    table: PrecinctTable
    leader: str


def table_from_state(state: ElectionState, leader: Sequence[str] | None = None) -> StoreTable:
    """The precincts that have a protocol, as a ``PrecinctTable``.

    ``leader`` names the leading option(s) by id or display name (several are summed);
    by default the leader is the option with the most votes among these precincts."""
    from kazpolity.administration.hierarchy import PRECINCT

    definition = state.election
    form = definition.form
    h = definition.hierarchy
    rows = [(cid, state.commissions[cid].values) for cid in h.at_level(PRECINCT)]
    present = [(cid, values) for cid, values in rows if values is not None]
    if not present:
        raise InputError("election", f"{definition.id} has no precinct protocol yet")
    matrix = np.array([values for _, values in present], dtype=np.int64)

    def line(key: str) -> np.ndarray[Any, np.dtype[np.int64]]:
        if key not in form.index:
            return np.zeros(len(present), dtype=np.int64)
        column: np.ndarray[Any, np.dtype[np.int64]] = matrix[:, form.index[key]]
        return column

    issued = (line("ballots_issued_in_room") + line("ballots_issued_outside")
              + line("ballots_issued_early"))
    votes = {option: matrix[:, form.index[f"votes.{option}"]] for option in form.options}
    names = {o.id: o.name for o in definition.options}
    chosen = (_options(leader, names, definition.id) if leader
              else (max(votes, key=lambda option: (int(votes[option].sum()), option)),))
    leader_votes = np.zeros(len(present), dtype=np.int64)
    for option in chosen:
        leader_votes += votes[option]
    received = {"received": line("ballots_received")} if "ballots_received" in form.index else {}
    table = PrecinctTable.build(
        {"registered": line("voters_on_list"), **received, "issued": issued,
         "ballots": line("ballots_found"), "valid": line("ballots_valid"),
         "invalid": line("ballots_invalid"), "leader": leader_votes},
        {"region": [h.commissions[cid].region_code or "abroad" for cid, _ in present],
         "commission": [h.commissions[cid].parent_id or "" for cid, _ in present],
         "precinct": [cid for cid, _ in present]},
        {names.get(option, option): counts for option, counts in votes.items()
         if option not in chosen},
    )
    return StoreTable(table, " + ".join(names.get(option, option) for option in chosen))


def _options(wanted: Sequence[str], names: dict[str, str], election_id: str
             ) -> tuple[str, ...]:
    by_name = {name: option for option, name in names.items()}
    out: list[str] = []
    for item in wanted:
        option = item if item in names else by_name.get(item)
        if option is None:
            known = ", ".join(names)
            raise InputError(LEADER_ROLE, f"{item!r} is not an option of {election_id} "
                             f"(options: {known})")
        if option not in out:
            out.append(option)
    return tuple(out)


def leader_options(column_map: ColumnMap | None) -> tuple[str, ...] | None:
    """The options the map names as leader; other roles cannot be mapped for the store,
    whose roles are fixed by the protocol form."""
    if column_map is None:
        return None
    other = sorted(role for role in column_map.roles if role != LEADER_ROLE)
    if other:
        raise InputError("map", f"a stored election's roles come from its protocol form; "
                         f"only leader=OPTION can be mapped (got {', '.join(other)})")
    return column_map.roles.get(LEADER_ROLE)


@dataclass(frozen=True)
class StoreElectionSource:
    """One election in the administration store (``database_url`` as for
    ``AdministrationStore``: ``--db``, ``KAZPOLITY_DATABASE_URL`` or the data directory)."""

    election_id: str
    database_url: str | None = None

    def load(self, column_map: ColumnMap) -> PrecinctTable:
        return self.load_named(column_map).table

    def load_named(self, column_map: ColumnMap | None = None) -> StoreTable:
        """The table and the leader's display name."""
        leader = leader_options(column_map)
        return table_from_state(self.state(), leader)

    def state(self) -> ElectionState:
        """The election's replayed state (read only: the store is neither created nor
        migrated here)."""
        from sqlalchemy.exc import SQLAlchemyError

        from kazpolity.administration.store.repository import AdministrationStore
        from kazpolity.administration.store.settings import database_url

        if not self.election_id:
            raise InputError("election", "name a stored election: store:ELECTION_ID")
        url = database_url(self.database_url)
        _require_sqlite_file(url)
        try:
            store = AdministrationStore(url, migrate_schema=False)
        except SQLAlchemyError as err:
            raise InputError("--db", f"cannot open the store: {_first_line(err)}") from err
        try:
            return store.runtime(self.election_id).state
        except SQLAlchemyError as err:
            raise InputError("--db", f"cannot read the store ({_first_line(err)}); is it "
                             "migrated? (kazpolity admin migrate)") from err
        finally:
            store.close()

    def __str__(self) -> str:
        return f"{STORE_PREFIX}{self.election_id}"


def _require_sqlite_file(url: str) -> None:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database
    if database and database != ":memory:" and not Path(database).is_file():
        raise InputError("--db", f"no store at {database}")


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def parse_source(text: str | Path, database_url: str | None = None
                 ) -> Path | StoreElectionSource:
    """``store:ELECTION_ID`` names a stored election; anything else is a file path."""
    raw = str(text)
    if raw.startswith(STORE_PREFIX):
        return StoreElectionSource(raw[len(STORE_PREFIX):], database_url)
    return Path(text)
