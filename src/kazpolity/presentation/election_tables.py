"""Official results and re-runs as tables, written as CSV, Parquet or JSON.

One row per published line (a list, a candidate, an option, "against all") or, for a re-run, per
list with its official and re-run seats. Every face that offers data out (``kazpolity elections
export``, ``GET /api/v1/official/{id}?format=csv``, the download buttons) uses these functions, so
the columns are the same everywhere.
"""

from __future__ import annotations

import csv
import io
import json
from enum import StrEnum
from pathlib import Path

from kazpolity.elections.kazakh_lists import ListCompleted
from kazpolity.elections.official import OfficialElection
from kazpolity.elections.reproduce import Rerun
from kazpolity.errors import InputError
from kazpolity.presentation.language import parse_choice

RESULT_COLUMNS = ("election_id", "date", "body", "name", "kind", "votes", "percent",
                  "seats_list", "seats_district", "seats_total")
RERUN_COLUMNS = ("election_id", "under", "party", "votes", "official_seats", "rerun_seats",
                 "difference")


class TableFormat(StrEnum):
    """The formats data can be exported in."""

    CSV = "csv"
    PARQUET = "parquet"
    JSON = "json"


def parse_format(value: str, field: str = "--format") -> TableFormat:
    return parse_choice(TableFormat, value, field, "format")


def result_rows(election: OfficialElection) -> list[dict[str, object]]:
    """The election's published lines, one dict per line, in :data:`RESULT_COLUMNS` order."""
    return [{"election_id": election.election_id, "date": election.date.isoformat(),
             "body": election.body, "name": row.name, "kind": row.kind, "votes": row.votes,
             "percent": row.percent, "seats_list": row.seats_list,
             "seats_district": row.seats_district, "seats_total": row.seats_total}
            for row in election.rows]


def rerun_rows(result: Rerun) -> list[dict[str, object]]:
    """A list re-run's lists with their official and re-run seats (empty for other kinds)."""
    outcome = result.outcome
    if not isinstance(outcome, ListCompleted):
        return []
    parties = list(dict.fromkeys([*outcome.votes, *result.official]))
    return [{"election_id": result.election_id, "under": result.under.isoformat(),
             "party": party, "votes": outcome.votes.get(party),
             "official_seats": result.official.get(party, 0),
             "rerun_seats": outcome.seats.get(party, 0),
             "difference": outcome.seats.get(party, 0) - result.official.get(party, 0)}
            for party in parties]


def csv_text(rows: list[dict[str, object]], columns: tuple[str, ...]) -> str:
    """``rows`` as CSV with a header; a missing value is an empty cell."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def write_table(rows: list[dict[str, object]], columns: tuple[str, ...], fmt: TableFormat,
                path: Path) -> None:
    """Write ``rows`` to ``path`` in ``fmt``, whole or not at all (a temporary file is renamed
    into place, so a failure leaves no partial file)."""
    temporary = path.with_name(path.name + ".part")
    try:
        if fmt is TableFormat.CSV:
            temporary.write_text(csv_text(rows, columns), encoding="utf-8")
        elif fmt is TableFormat.JSON:
            temporary.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n",
                                 encoding="utf-8")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.table({c: [row.get(c) for row in rows] for c in columns})
            pq.write_table(table, temporary)
        temporary.replace(path)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise InputError("-o", f"cannot write {path}: {err.strerror}") from None
