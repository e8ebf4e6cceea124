"""How many election commissions worked at each level, election by election.

The law fixes the levels (``election_administration.levels`` in the rulebook); how many
commissions each level had is a fact of each election, reported by OSCE/ODIHR missions
(``data/commission_counts.yaml``). Unknown counts stay ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from kazpolity.data import record_list
from kazpolity.errors import DataFileError, NotFound

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "commission_counts.yaml"
LEVELS = ("cec", "regional", "territorial", "district", "precinct")


@dataclass(frozen=True)
class CommissionCount:
    """The commissions of one election, per level (None where not reported)."""

    election_id: str
    on: date
    by_level: dict[str, int | None]
    sources: tuple[str, ...]
    note: str | None


def _fail(key: str, message: str) -> DataFileError:
    return DataFileError(str(DATA_FILE), None, key, message)


def _count(item: Mapping[str, object], where: str) -> CommissionCount:
    day = item.get("date")
    if not isinstance(day, date):
        raise _fail(f"{where}.date", f"expected a date YYYY-MM-DD, got {day!r}")
    by_level: dict[str, int | None] = {}
    for level in LEVELS:
        value = item.get(level)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or value < 0):
            raise _fail(f"{where}.{level}", f"expected a count or null, got {value!r}")
        by_level[level] = value
    sources = item.get("sources")
    if not isinstance(sources, list) or not sources:
        raise _fail(f"{where}.sources", "a non-empty list of URLs")
    return CommissionCount(str(item.get("election")), day, by_level,
                           tuple(str(s) for s in sources), _note(item.get("note"), where))


def _note(value: object, where: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise _fail(f"{where}.note", f"expected text, got {value!r}")
    return value


@cache
def commission_counts() -> tuple[CommissionCount, ...]:
    """Every reported count, in date order."""
    counts = [_count(item, f"counts[{i}]")
              for i, item in enumerate(record_list(DATA_FILE, "counts"))]
    return tuple(sorted(counts, key=lambda c: c.on))


def commission_count(election_id: str) -> CommissionCount:
    """The counts reported for one election (``NotFound`` lists those known)."""
    for count in commission_counts():
        if count.election_id == election_id:
            return count
    known = ", ".join(c.election_id for c in commission_counts())
    raise NotFound("election", f"no commission counts for {election_id!r} (known: {known})")
