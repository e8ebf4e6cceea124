"""Official national results 1991-2026, bundled and validated (``data/official/``).

The file is the project's checked fact base (every election lists its sources and, where
recomputed, its arithmetic checks). Rows are typed here: a list's votes and seats, the
"against all" line, independents and appointed seats kept apart, because each plays a
different part in the law (against-all counts in some threshold bases, never wins a seat).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from kazpolity.errors import DataFileError, NotFound

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "official" / "kz-elections.json"

_BODY_BY_PREFIX = {
    "maj": "majilis",
    "leg": "supreme-council",
    "pres": "president",
    "ref": "referendum",
    "sen": "senate",
}


@dataclass(frozen=True)
class ResultRow:
    """One line of a published result."""

    name: str
    kind: str
    votes: int | None
    percent: float | None
    seats_list: int | None = None
    seats_district: int | None = None
    seats_total: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class OfficialElection:
    """One national election or referendum as published, with its sources."""

    election_id: str
    source_id: str
    body: str
    date: date
    registered: int | None
    ballots_cast: int | None
    invalid: int | None
    valid: int | None
    turnout_percent: float | None
    rows: tuple[ResultRow, ...]
    sources: tuple[str, ...]
    system: dict[str, Any]
    checks: str | None
    notes: str | None
    question: str | None = None
    seats_contested: int | None = None
    electors: int | None = None
    electors_voted: int | None = None
    elector_turnout_percent: float | None = None

    @property
    def results(self) -> tuple[ResultRow, ...]:
        """All published rows (alias used by the institutions package)."""
        return self.rows

    def rows_of(self, kind: str) -> tuple[ResultRow, ...]:
        return tuple(row for row in self.rows if row.kind == kind)

    @property
    def list_votes(self) -> dict[str, int]:
        """Votes per party list, for lists whose votes were published."""
        return {row.name: row.votes for row in self.rows_of("list") if row.votes is not None}

    @property
    def against_all(self) -> int:
        return sum(row.votes or 0 for row in self.rows_of("against_all"))

    @property
    def official_list_seats(self) -> dict[str, int]:
        return {
            row.name: row.seats_list or 0 for row in self.rows_of("list") if row.votes is not None
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.election_id,
            "body": self.body,
            "date": self.date.isoformat(),
            "registered": self.registered,
            "ballots_cast": self.ballots_cast,
            "invalid": self.invalid,
            "valid": self.valid,
            "turnout_percent": self.turnout_percent,
            "question": self.question,
            "rows": [row.__dict__ for row in self.rows],
            "seats_contested": self.seats_contested,
            "electors": self.electors,
            "electors_voted": self.electors_voted,
            "sources": list(self.sources),
            "checks": self.checks,
            "notes": self.notes,
        }


def _row_kind(body: str, name: str, raw: dict[str, Any]) -> str:
    lowered = name.lower()
    if lowered.startswith(("against all", "against")) and body != "referendum":
        return "against_all"
    if body == "referendum":
        if lowered in {"yes", "no"}:
            return "option"
        return "invalid" if lowered.startswith("invalid") else "other"
    if body == "president":
        return "candidate"
    if lowered.startswith(("independent", "apk-elected", "state list", "other parties")):
        return "non_list"
    if body in {"majilis", "supreme-council"} and raw.get("votes") is None:
        return "non_list"
    return "list"


def _count(raw: dict[str, Any], key: str, where: str) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DataFileError(
            str(DATA_FILE),
            None,
            f"{where}.{key}",
            f"expected a non-negative integer, got {value!r}",
        )
    return value


def _percent(raw: dict[str, Any], key: str) -> float | None:
    value = raw.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _election(raw: dict[str, Any]) -> OfficialElection | None:
    source_id = str(raw["id"])
    prefix, _, rest = source_id.partition("-")
    body = _BODY_BY_PREFIX.get(prefix)
    if body is None:
        raise DataFileError(str(DATA_FILE), None, source_id, f"unknown election type {prefix!r}")
    if raw.get("date") is None:
        return None  # a year without a date (sen-2005) cannot be placed in the rulebook
    day = date.fromisoformat(str(raw["date"]))
    rows = []
    for index, item in enumerate(raw.get("results", [])):
        where = f"{source_id}.results[{index}]"
        name = str(item["name"]).strip()
        rows.append(
            ResultRow(
                name=name,
                kind=_row_kind(body, name, item),
                votes=_count(item, "votes", where),
                percent=_percent(item, "percent"),
                seats_list=_count(item, "seats_pr", where),
                seats_district=_count(item, "seats_smd", where),
                seats_total=_count(item, "seats_total", where),
                note=item.get("note"),
            )
        )
    valid = _count(raw, "valid_votes", source_id) or _count(raw, "valid_votes_pr", source_id)
    return OfficialElection(
        election_id=f"{body}-{rest}",
        source_id=source_id,
        body=body,
        date=day,
        registered=_count(raw, "registered_voters", source_id),
        ballots_cast=_count(raw, "votes_cast", source_id),
        invalid=_count(raw, "invalid_votes", source_id),
        valid=valid,
        turnout_percent=_percent(raw, "turnout_pct"),
        rows=tuple(rows),
        sources=tuple(str(url) for url in raw.get("sources", [])),
        system=dict(raw.get("system") or {}),
        checks=raw.get("checks"),
        notes=raw.get("notes") if isinstance(raw.get("notes"), str) else None,
        question=raw.get("question"),
        seats_contested=_count(raw, "seats_contested", source_id),
        electors=_count(raw, "electors", source_id),
        electors_voted=_count(raw, "electors_voted", source_id),
        elector_turnout_percent=_percent(raw, "elector_turnout_pct"),
    )


@cache
def official_elections() -> tuple[OfficialElection, ...]:
    """Every dated national election and referendum, in date order."""
    try:
        raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DataFileError(str(DATA_FILE), None, "(file)", str(err)) from err
    elections = [e for e in (_election(item) for item in raw["elections"]) if e is not None]
    seen: set[str] = set()
    for election in elections:
        if election.election_id in seen:
            raise DataFileError(str(DATA_FILE), None, election.election_id, "duplicate id")
        seen.add(election.election_id)
        if not election.sources:
            raise DataFileError(str(DATA_FILE), None, election.election_id, "no sources")
    return tuple(sorted(elections, key=lambda e: e.date))


def official_election(election_id: str) -> OfficialElection:
    """One election by id (``majilis-2021``); ``NotFound`` lists the known ids."""
    for election in official_elections():
        if election.election_id == election_id:
            return election
    known = ", ".join(e.election_id for e in official_elections())
    raise NotFound("election", f"unknown election {election_id!r} (known: {known})")
