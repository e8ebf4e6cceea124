"""Seats from a central aggregate, computed by the elections engine (never here)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.forms import AGAINST_ALL

LIST_CHAMBERS: Final = frozenset({"majilis", "kurultai"})


def votes_of(definition: ElectionDefinition, values: tuple[int, ...]) -> dict[str, int]:
    n = len(definition.form.line_keys)
    return dict(zip(definition.registration_order, values[n:], strict=True))


def allocate_seats(
    definition: ElectionDefinition, values: tuple[int, ...]
) -> Mapping[str, Any] | None:
    """The list-seat allocation of an aggregate, or None for an election without lists.

    Returns ``{"status": "ok" | "lot_required", "seats": {option: seats}}``.
    """
    if definition.election_type not in LIST_CHAMBERS:
        return None
    from kazpolity.elections.kazakh_lists import allocate_list_seats_on

    form = definition.form
    against_all = values[form.index[AGAINST_ALL]] if AGAINST_ALL in form.index else 0
    outcome = allocate_list_seats_on(
        definition.on,
        votes_of(definition, values),
        against_all=against_all,
        invalid=values[form.index["ballots_invalid"]],
        registration_order=definition.registration_order,
        chamber=definition.election_type,
    )
    return {
        "status": outcome.status,
        "seats": {k: int(v) for k, v in sorted(outcome.seats.items())},
    }
