"""Party colours: a stable palette keyed by party name (documented in
``docs/parliament-geometry.md``).

Known parties (and their earlier names) have fixed colours so that the same party looks the
same on every chart from 1999 to today. Any other name gets a colour from ``FALLBACK`` chosen
by the SHA-256 of its normalised name, so it is stable across runs, processes and machines.
Seats that are not a party's — Assembly of People (APK) deputies, independents — and seats
whose holder is unknown have neutral colours.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Final

UNKNOWN: Final = "unknown"
UNKNOWN_COLOUR: Final = "#d5d9de"
APK_COLOUR: Final = "#8c8c8c"
INDEPENDENT_COLOUR: Final = "#b7a99a"

KNOWN: Final[tuple[tuple[str, str], ...]] = (
    # (pattern on the lower-cased name, colour); first match wins.
    (r"\b(amanat|nur otan|otan)\b", "#1f5fa8"),
    (r"\bak zhol\b", "#2a9df4"),
    (r"\baist\b", "#8d6e63"),
    (r"\bauyl\b|\bagrarian\b", "#3a9a3a"),
    (r"\brespublica\b", "#f28c28"),
    (r"\bcommunist\b|\bqhp\b|\bqkhp\b|people's party of kazakhstan", "#c0262d"),
    (r"social democratic|\bosdp\b|\bjsdp\b", "#e0457b"),
    (r"\bbaytaq\b|\bgreen\b", "#6bbf59"),
    (r"\bcivic\b", "#7e57c2"),
    (r"\basar\b", "#ffb300"),
    (r"\badal\b", "#00897b"),
    (r"\bapk\b|assembly of people", APK_COLOUR),
    (r"\bindependent", INDEPENDENT_COLOUR),
    (r"^unknown\b|^vacant\b|not (yet )?known", UNKNOWN_COLOUR),
)

FALLBACK: Final[tuple[str, ...]] = (
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#17becf", "#bcbd22", "#6b6ecf",
)


def normalised(name: str) -> str:
    return " ".join(name.lower().split())


def party_colour(name: str) -> str:
    """The colour of a party (or seat group) called ``name``; stable across runs."""
    lowered = normalised(name)
    for pattern, colour in KNOWN:
        if re.search(pattern, lowered):
            return colour
    digest = hashlib.sha256(lowered.encode("utf-8")).digest()
    return FALLBACK[digest[0] % len(FALLBACK)]


NEUTRAL: Final = frozenset({UNKNOWN_COLOUR, APK_COLOUR, INDEPENDENT_COLOUR})
"""Colours of seats that are not a party's: shared on purpose, never made distinct."""


def distinct_colours(names: Sequence[str], fixed: Mapping[str, str] | None = None
                     ) -> dict[str, str]:
    """A colour for each of ``names`` (one election's parties, in order), no two parties
    alike: a name whose colour an earlier name already has gets the first colour of
    ``FALLBACK`` not yet in use. ``fixed`` gives colours chosen by the caller."""
    fixed = fixed or {}
    chosen: dict[str, str] = {}
    for name in names:
        colour = fixed.get(name) or party_colour(name)
        if colour not in NEUTRAL and colour in chosen.values():
            colour = next((c for c in FALLBACK if c not in chosen.values()), colour)
        chosen[name] = colour
    return chosen


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (``#rrggbb``)."""
    red, green, blue = (int(background[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.299 * red + 0.587 * green + 0.114 * blue
    return "#1d2733" if luminance > 150 else "#ffffff"
