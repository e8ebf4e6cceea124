"""One colour per party for every bundled election, no two parties of one election alike.

``palette.party_colour`` colours a name on its own (fixed colours for known parties, a hashed
fallback for the rest), so two small parties of one election can share a fallback colour.
Here every result name of the bundled official elections gets a colour once, seeing the
colours of every name it ever stood beside: known parties keep theirs, and a name whose
preferred colour a neighbour already holds takes the first free one of the palette. Every
page then colours a party the same way, and uniquely within each election.
"""

from __future__ import annotations

import re
from functools import cache

from kazpolity.charts.palette import FALLBACK, KNOWN, NEUTRAL, normalised, party_colour

EXTRA: tuple[str, ...] = ("#8cd17d", "#b6992d", "#499894", "#d37295", "#a0cbe8", "#ffbe7d",
                          "#86bcb6", "#f1ce63", "#d4a6c8", "#79706e")
"""More colours for elections with more parties than ``FALLBACK`` holds."""


def _is_known(name: str) -> bool:
    lowered = normalised(name)
    return any(re.search(pattern, lowered) for pattern, _ in KNOWN)


@cache
def official_colours() -> dict[str, str]:
    """Result name → colour over all bundled official elections (see the module's doc)."""
    from kazpolity.elections.official import official_elections

    neighbours: dict[str, set[str]] = {}
    order: list[str] = []
    for election in official_elections():
        names = [row.name for row in election.rows]
        for name in names:
            if name not in neighbours:
                neighbours[name] = set()
                order.append(name)
            neighbours[name].update(other for other in names if other != name)
    chosen: dict[str, str] = {}
    for name in sorted(order, key=lambda n: not _is_known(n)):
        preferred = party_colour(name)
        taken = {chosen[m] for m in neighbours[name] if m in chosen} - NEUTRAL
        if preferred in NEUTRAL or preferred not in taken:
            chosen[name] = preferred
        else:
            chosen[name] = next((c for c in (*FALLBACK, *EXTRA) if c not in taken), preferred)
    return chosen


def result_colour(name: str) -> str:
    """The colour of a result row or seat group: its official-elections colour, else
    ``party_colour``."""
    return official_colours().get(name) or party_colour(name)
