"""``/api/v1/official``: the bundled official results 1991-2026, their reproduction under the law
of their day, and re-runs under another date's law — as JSON, or as CSV with ``?format=csv``.

The same tables as ``kazpolity elections export`` (:mod:`kazpolity.presentation.election_tables`)
and the same JSON as ``kazpolity elections show --json`` / ``rerun --json``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from kazpolity.api.models import OfficialElectionOut, RerunOut
from kazpolity.elections.indices import list_tier_indices
from kazpolity.elections.kazakh_lists import ListCompleted
from kazpolity.elections.official import official_election, official_elections
from kazpolity.elections.reproduce import reproduce, rerun
from kazpolity.elections.threshold import parse_percent
from kazpolity.errors import InputError
from kazpolity.http.access import PUBLIC, policy
from kazpolity.law import parse_day
from kazpolity.presentation.election_json import official_json, reproduction_json, rerun_json
from kazpolity.presentation.election_tables import (
    RERUN_COLUMNS,
    RESULT_COLUMNS,
    TableFormat,
    csv_text,
    parse_format,
    rerun_rows,
    result_rows,
)

router = APIRouter(prefix="/api/v1/official", tags=["official results"])

FORMAT = Query("json", description="json or csv")


class OfficialSummary(BaseModel):
    """One bundled election or referendum."""

    id: str
    body: str
    date: str
    url: str


def _format(value: str) -> TableFormat:
    fmt = parse_format(value, "format")
    if fmt is TableFormat.PARQUET:
        raise InputError("format", "the API serves json or csv; use `kazpolity elections "
                                   "export --format parquet` for Parquet")
    return fmt


def _csv(text: str, name: str) -> Response:
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}.csv"'})


@router.get("", openapi_extra=policy(PUBLIC), summary="Every bundled official election",
            response_model=list[OfficialSummary])
def official_list(format: str = FORMAT) -> Any:
    items = [OfficialSummary(id=e.election_id, body=e.body, date=e.date.isoformat(),
                             url=f"/api/v1/official/{e.election_id}")
             for e in official_elections()]
    if _format(format) is TableFormat.CSV:
        return _csv(csv_text([item.model_dump() for item in items],
                             ("id", "body", "date", "url")), "official-elections")
    return items


@router.get("/{election_id}", openapi_extra=policy(PUBLIC),
            summary="One official election: results, indices, reproduction",
            response_model=OfficialElectionOut)
def official_one(election_id: str, format: str = FORMAT) -> Any:
    election = official_election(election_id)
    if _format(format) is TableFormat.CSV:
        return _csv(csv_text(result_rows(election), RESULT_COLUMNS), election_id)
    return {**official_json(election),
            "indices": list_tier_indices(election.list_votes, election.official_list_seats),
            "reproduction": reproduction_json(reproduce(election))}


@router.get("/{election_id}/rerun", openapi_extra=policy(PUBLIC),
            summary="An official election re-run under another date's law or method",
            response_model=RerunOut)
def official_rerun(election_id: str,
                   under: str = Query(..., description="YYYY-MM-DD whose law applies"),
                   method: str | None = Query(None), threshold: str | None = Query(None),
                   seats: int | None = Query(None, ge=1, le=2000),
                   format: str = FORMAT) -> Any:
    fmt = _format(format)
    result = rerun(official_election(election_id), parse_day(under, "under"),
                   method=method or None,
                   threshold=parse_percent("threshold", threshold) if threshold else None,
                   seats=seats)
    if fmt is TableFormat.CSV:
        return _csv(csv_text(rerun_rows(result), RERUN_COLUMNS), f"{election_id}-rerun")
    data = rerun_json(result)
    if isinstance(result.outcome, ListCompleted):
        data["indices"] = list_tier_indices(result.outcome.votes, result.outcome.seats)
    return data

