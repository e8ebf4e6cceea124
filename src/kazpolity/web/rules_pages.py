"""*Rules*: the rulebook on any date, the changes between two dates, each rule with its
source, and a timeline of the constitutional eras."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from kazpolity.http.access import PUBLIC, policy
from kazpolity.law import MODEL_END, MODEL_START, Change, changes_between, parse_day, rules_at
from kazpolity.law.eras import Era, era_at, eras
from kazpolity.presentation import format_date
from kazpolity.web.i18n import pick_lang, translate
from kazpolity.web.pages import day_or_today, page


def era_timeline(on: date | None = None) -> list[dict[str, object]]:
    """Each era with its span and its share of the modelled period (for a timeline bar)."""
    items = eras()
    total = (MODEL_END - MODEL_START).days + 1
    current: Era | None = era_at(on) if on is not None else None
    rows: list[dict[str, object]] = []
    for index, era in enumerate(items):
        end = items[index + 1].start if index + 1 < len(items) else MODEL_END
        rows.append({
            "start": era.start.isoformat(), "end": end.isoformat(), "code": era.code,
            "start_date": era.start,
            "label": era.label, "url": era.url,
            "percent": round(100 * max((end - era.start).days, 1) / total, 3),
            "current": era == current,
        })
    return rows


def value_changed(change: Change) -> bool:
    """A change readers care about: the value, or the rule appearing or disappearing (a new
    source for the same value is not one)."""
    return change.before is None or change.after is None or (
        change.before.value != change.after.value)


def rules_page(request: Request, on: str | None, compare: str | None) -> HTMLResponse:
    day = day_or_today(on, "on")
    lang = pick_lang(request)
    book = rules_at(day)
    changes = None
    span: tuple[str, str] = ("", "")
    if compare:
        other = parse_day(compare, "compare")
        changes = [change for change in changes_between(day, other) if value_changed(change)]
        span = (format_date(min(day, other), lang), format_date(max(day, other), lang))
    title = translate("Rules on {day}", lang).format(day=format_date(day, lang))
    return page(request, "rules.html", title, "/rules", book=book,
                compare=compare, changes=changes, change_span=span,
                eras=era_timeline(day), era=era_at(day),
                model_start=MODEL_START.isoformat(), model_end=MODEL_END.isoformat())


router = APIRouter()


@router.get("/rules", response_class=HTMLResponse, openapi_extra=policy(PUBLIC),
            include_in_schema=False)
def rules(request: Request, on: str | None = Query(None), compare: str | None = Query(None)
          ) -> HTMLResponse:
    return rules_page(request, on, compare)
