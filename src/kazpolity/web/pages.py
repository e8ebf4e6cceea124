"""HTML pages, server-rendered from the same core as the API. No CDN: assets are served here."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.routing import Mount

from kazpolity.api.access import PUBLIC, policy, public_mount
from kazpolity.law import MODEL_END, MODEL_START, changes_between, parse_day, rules_at
from kazpolity.law.eras import eras
from kazpolity.law.model import display_value

WEB_DIR = Path(__file__).parent
templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
templates.env.globals["show"] = display_value

NAV: list[tuple[str, str]] = [("/", "Today"), ("/rules", "Rules")]
"""Navigation entries; other page modules append theirs when they register."""


def page(request: Request, template: str, title: str, active: str, status: int = 200,
         **context: Any) -> HTMLResponse:
    """Render a page inside the common layout."""
    return templates.TemplateResponse(
        request, template,
        {"title": title, "nav": NAV, "active": active, **context},
        status_code=status,
    )


def render_error(request: Request, status: int, message: str) -> Response:
    """An error as a page, never a traceback."""
    heading = {400: "Bad request", 404: "Not found", 422: "Invalid input"}.get(status, "Error")
    return page(request, "error.html", heading, "", status=status, heading=heading,
                message=message)


def _day(text: str | None, field: str) -> date:
    return date.today() if not text else parse_day(text, field)


def rules_page(request: Request, on: str | None, compare: str | None, active: str
               ) -> HTMLResponse:
    day = _day(on, "on")
    book = rules_at(day)
    changes = None
    span: tuple[str, str] = ("", "")
    if compare:
        other = parse_day(compare, "compare")
        changes = changes_between(day, other)
        span = (min(day, other).isoformat(), max(day, other).isoformat())
    return page(request, "rules.html", f"Rules on {day.isoformat()}", active, book=book,
                compare=compare, changes=changes, change_span=span, eras=[
                    {"start": era.start.isoformat(), "label": era.label} for era in eras()],
                model_start=MODEL_START.isoformat(), model_end=MODEL_END.isoformat())


def register(app: FastAPI) -> None:
    """Add the pages and the static assets."""
    static = Mount("/static", app=StaticFiles(directory=str(WEB_DIR / "static")),
                   name="static")
    app.router.routes.append(public_mount(static))

    @app.get("/rules", response_class=HTMLResponse, openapi_extra=policy(PUBLIC),
             include_in_schema=False)
    def rules(request: Request, on: str | None = Query(None), compare: str | None = Query(None)
              ) -> HTMLResponse:
        return rules_page(request, on, compare, "/rules")

    if not any(getattr(route, "path", None) == "/" for route in app.routes):
        @app.get("/", response_class=HTMLResponse, openapi_extra=policy(PUBLIC),
                 include_in_schema=False)
        def home(request: Request, on: str | None = Query(None),
                 compare: str | None = Query(None)) -> HTMLResponse:
            return rules_page(request, on, compare, "/")
