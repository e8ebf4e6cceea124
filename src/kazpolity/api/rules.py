"""JSON API over the rulebook: ``/api/rules?on=``, ``/api/rules/diff``, ``/api/rules/{key}``."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Query

from kazpolity.api.models import RulebookOut, RuleExplainedOut, RulesDiffOut
from kazpolity.http.access import PUBLIC, policy
from kazpolity.law import changes_between, laws, parse_day, rules_at

router = APIRouter(prefix="/api/rules", tags=["rules"])


def _day(text: str | None, field: str) -> date:
    return date.today() if text is None else parse_day(text, field)


@router.get("", openapi_extra=policy(PUBLIC), summary="The rulebook in force on a date",
            response_model=RulebookOut, response_model_exclude_unset=True)
def rules_on(on: str | None = Query(None, description="YYYY-MM-DD; default today")
             ) -> RulebookOut:
    """Every body of law on the date; a body that does not exist is ``null``."""
    return RulebookOut.model_validate(rules_at(_day(on, "on")).to_json())


@router.get("/diff", openapi_extra=policy(PUBLIC), summary="What changed between two dates",
            response_model=RulesDiffOut, response_model_exclude_unset=True)
def rules_diff(
    start: str = Query(..., alias="from", description="YYYY-MM-DD"),
    end: str = Query(..., alias="to", description="YYYY-MM-DD"),
) -> RulesDiffOut:
    first, second = parse_day(start, "from"), parse_day(end, "to")
    return RulesDiffOut.model_validate(
        {"from": min(first, second).isoformat(), "to": max(first, second).isoformat(),
         "changes": [change.to_json() for change in changes_between(first, second)]})


@router.get("/{key}", openapi_extra=policy(PUBLIC), summary="One rule with its history",
            response_model=RuleExplainedOut, response_model_exclude_unset=True)
def rule_explained(key: str, on: str | None = Query(None, description="YYYY-MM-DD")
                   ) -> RuleExplainedOut:
    parameter = laws().parameter(key)
    rule = rules_at(_day(on, "on")).leaf(key)
    return RuleExplainedOut.model_validate(
        {"key": key, "description": parameter.description, "unit": parameter.unit,
         **rule.to_json(), "history": [item.to_json() for item in parameter.timeline]})
