"""Official national results 1991-2026, bundled and validated (``data/official/``).

The file is the project's checked fact base (every election lists its sources and, where
recomputed, its arithmetic checks). Rows are typed here: a list's votes and seats, the
"against all" line, independents and appointed seats kept apart, because each plays a
different part in the law (against-all counts in some threshold bases, never wins a seat).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from kazpolity.data import EXTRA_ELECTIONS, extra_record_file
from kazpolity.errors import DataFileError, NotFound

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "official" / "kz-elections.json"

_BODY_BY_PREFIX = {
    "kur": "kurultai",
    "maj": "majilis",
    "leg": "supreme-council",
    "pres": "president",
    "ref": "referendum",
    "sen": "senate",
}

RESULT_STATUSES = ("final", "preliminary", "secondary")
"""How far a result is the CEC's own final word: ``final`` (the CEC's final protocol or a report
of it), ``preliminary`` (the CEC's preliminary count; no final one found), ``secondary``
(compiled from IPU Parline, electionguide or encyclopedias; no CEC publication stored)."""


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
    system: Mapping[str, object]
    checks: str | None
    notes: str | None
    question: str | None = None
    seats_contested: int | None = None
    electors: int | None = None
    electors_voted: int | None = None
    elector_turnout_percent: float | None = None
    result_status: str = "secondary"
    result_status_note: str | None = None

    @property
    def preliminary(self) -> bool:
        """Whether the figures are the CEC's preliminary count rather than its final one."""
        return self.result_status == "preliminary"

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


_COUNT_KEYS = (
    "valid_votes", "valid_votes_pr", "registered_voters", "votes_cast", "invalid_votes",
    "seats_contested", "electors", "electors_voted",
)


def _row_kind(body: str, name: str, raw: Mapping[str, object]) -> str:
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
    if body in {"majilis", "kurultai", "supreme-council"} and raw.get("votes") is None:
        return "non_list"
    return "list"


def _count(raw: Mapping[str, object], key: str, where: str, path: Path = DATA_FILE
           ) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DataFileError(
            str(path),
            None,
            f"{where}.{key}",
            f"expected a non-negative integer, got {value!r}",
        )
    return value


def _percent(raw: Mapping[str, object], key: str) -> float | None:
    value = raw.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _text(raw: Mapping[str, object], key: str) -> str | None:
    """A free-text field (a note, a question): its text, or None when absent or not text."""
    value = raw.get(key)
    return value if isinstance(value, str) else None


def _result_rows(
    raw: Mapping[str, object], body: str, source_id: str, path: Path
) -> tuple[ResultRow, ...]:
    rows = []
    results = raw.get("results") or []
    if not isinstance(results, list):
        raise DataFileError(str(path), None, f"{source_id}.results", "expected a list of rows")
    for index, item in enumerate(results):
        where = f"{source_id}.results[{index}]"
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():
            raise DataFileError(str(path), None, f"{where}.name", "every row needs a name")
        name = str(item["name"]).strip()
        rows.append(
            ResultRow(
                name=name,
                kind=_row_kind(body, name, item),
                votes=_count(item, "votes", where, path),
                percent=_percent(item, "percent"),
                seats_list=_count(item, "seats_pr", where, path),
                seats_district=_count(item, "seats_smd", where, path),
                seats_total=_count(item, "seats_total", where, path),
                note=_text(item, "note"),
            )
        )
    return tuple(rows)


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def _object(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _result_status(raw: Mapping[str, object], source_id: str, path: Path) -> str:
    """How far the figures are official (``RESULT_STATUSES``); secondary unless stated."""
    status = raw.get("result_status", "secondary")
    if status not in RESULT_STATUSES:
        raise DataFileError(
            str(path), None, f"{source_id}.result_status",
            f"expected one of {', '.join(RESULT_STATUSES)}, got {status!r}",
        )
    return str(status)


def _election(raw: Mapping[str, object], path: Path = DATA_FILE) -> OfficialElection | None:
    source_id = str(raw.get("id"))
    prefix, _, rest = source_id.partition("-")
    body = _BODY_BY_PREFIX.get(prefix)
    if body is None:
        known = ", ".join(_BODY_BY_PREFIX)
        raise DataFileError(str(path), None, f"{source_id}.id",
                            f"unknown election type {prefix!r} (known: {known})")
    if raw.get("date") is None:
        return None  # a year without a date (sen-2005) cannot be placed in the rulebook
    try:
        day = date.fromisoformat(str(raw["date"]))
    except ValueError:
        raise DataFileError(str(path), None, f"{source_id}.date",
                            f"expected YYYY-MM-DD, got {raw['date']!r}") from None
    rows = _result_rows(raw, body, source_id, path)
    counts = {key: _count(raw, key, source_id, path) for key in _COUNT_KEYS}
    valid = counts["valid_votes"] or counts["valid_votes_pr"]
    status = _result_status(raw, source_id, path)
    return OfficialElection(
        election_id=f"{body}-{rest}",
        source_id=source_id,
        body=body,
        date=day,
        registered=counts["registered_voters"],
        ballots_cast=counts["votes_cast"],
        invalid=counts["invalid_votes"],
        valid=valid,
        turnout_percent=_percent(raw, "turnout_pct"),
        rows=rows,
        sources=tuple(str(url) for url in _list(raw.get("sources"))),
        system=dict(_object(raw.get("system"))),
        checks=_text(raw, "checks"),
        notes=_text(raw, "notes"),
        question=_text(raw, "question"),
        seats_contested=counts["seats_contested"],
        electors=counts["electors"],
        electors_voted=counts["electors_voted"],
        elector_turnout_percent=_percent(raw, "elector_turnout_pct"),
        result_status=status,
        result_status_note=_text(raw, "result_status_note"),
    )


def _elections_in(path: Path) -> list[OfficialElection]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise DataFileError(str(path), None, "(file)", str(err)) from err
    items = raw.get("elections") if isinstance(raw, dict) else None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise DataFileError(str(path), None, "elections", "expected a list of elections")
    return [e for e in (_election(item, path) for item in items) if e is not None]


@cache
def official_elections() -> tuple[OfficialElection, ...]:
    """Every dated national election and referendum, in date order.

    The bundled results, plus those of ``$KAZPOLITY_EXTRA_RECORDS/elections.json`` (elections
    published after the bundled data; docs/adding-records.md).
    """
    files = [DATA_FILE]
    extra = extra_record_file(EXTRA_ELECTIONS)
    if extra is not None:
        files.append(extra)
    seen: set[str] = set()
    elections: list[OfficialElection] = []
    for path in files:
        for election in _elections_in(path):
            if election.election_id in seen:
                raise DataFileError(str(path), None, election.election_id, "duplicate id")
            if not election.sources:
                raise DataFileError(str(path), None, f"{election.source_id}.sources",
                                    "an election needs at least one source")
            seen.add(election.election_id)
            elections.append(election)
    return tuple(sorted(elections, key=lambda e: e.date))


def official_election(election_id: str) -> OfficialElection:
    """One election by id (``majilis-2021``); ``NotFound`` lists the known ids."""
    for election in official_elections():
        if election.election_id == election_id:
            return election
    known = ", ".join(e.election_id for e in official_elections())
    raise NotFound("election", f"unknown election {election_id!r} (known: {known})")
