"""HTML pages, server-rendered from the same core as the API. No CDN: assets are served here.

This module holds the common layout (``page``), the error page (``render_error``), the
static assets and the navigation; each area's pages live in their own module
(``today_pages``, ``rules_pages``, ``election_pages``, ``admin_pages``, ``forensics_pages``,
``institution_pages``), each with its own ``router``; ``web.site`` lists them in navigation order.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Mount

from kazpolity.charts.election_colours import result_colour
from kazpolity.http.access import public_mount
from kazpolity.law import parse_day
from kazpolity.law.model import display_value
from kazpolity.names import name_of, person_name, result_name
from kazpolity.names.labels import label
from kazpolity.presentation import format_date
from kazpolity.presentation.rule_text import act_title, article, rule_title, rule_value
from kazpolity.presentation.steps import render_step as translate_step
from kazpolity.web.i18n import COOKIE, LANG_NAMES, LANGS, number, pick_lang, translate

WEB_DIR = Path(__file__).parent
templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
templates.env.globals["show"] = display_value
templates.env.globals["colour"] = result_colour
templates.env.globals["colour_of"] = result_colour
templates.env.filters["step_text"] = translate_step
templates.env.globals.update(rule_title=rule_title, rule_value=rule_value, act_title=act_title,
                             article=article, day_text=format_date)
templates.env.globals["value_word"] = lambda word: word

NAV: list[tuple[str, str]] = [
    ("/", "Today"), ("/rules", "Rules"), ("/elections", "Elections"),
    ("/administration", "Administration"), ("/forensics", "Forensics"),
    ("/institutions", "Institutions"),
]
"""Navigation entries: (path, English label)."""

def _lang_url(request: Request, lang: str) -> str:
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    query.append(("lang", lang))
    return f"{request.url.path}?{urlencode(query)}"


def page(request: Request, template: str, title: str, active: str, status: int = 200,
         **context: Any) -> HTMLResponse:
    """Render a page inside the common layout, in the reader's language."""
    lang = pick_lang(request)

    def words(word: str) -> str:
        return translate(word, lang)

    def fmt(value: int | float | None, places: int | None = None) -> str:
        return number(value, lang, places)

    def name(kind: str, key: str, default: str | None = None) -> str:
        return name_of(kind, key, lang, default)

    response_context: dict[str, Any] = {"name": name, "rname": lambda text: shown_name(text, lang),
                                        "value_word": lambda word: label("values", word, lang),
                                        "pname": lambda text: person_name(text, lang)}

    response = templates.TemplateResponse(
        request, template,
        {"title": title, "nav": NAV, "active": active, "lang": lang, "langs": LANGS,
         "lang_names": LANG_NAMES, "lang_url": lambda code: _lang_url(request, code),
         "_": words, "num": fmt, "svg": Markup, **response_context, **context},
        status_code=status,
    )
    asked = request.query_params.get("lang")
    if asked in LANGS:
        response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="lax")
    return response


def shown_name(text: str, lang: str) -> str:
    """A result row's or seat group's name in ``lang``: the names catalogue for parties,
    candidates and options, else the interface's words, else English."""
    named = result_name(text, lang)
    return named if named != text else translate(text, lang)


def render_error(request: Request, status: int, message: str) -> Response:
    """An error as a page, never a traceback."""
    heading = {400: "Bad request", 404: "Not found", 422: "Invalid input"}.get(status, "Error")
    explanation = ERROR_EXPLANATIONS.get(status, ERROR_EXPLANATIONS[500])
    return page(request, "error.html", translate(heading, pick_lang(request)), "",
                status=status, heading=heading, status_code=status, message=message,
                explanation=explanation)


ERROR_EXPLANATIONS: dict[int, str] = {
    400: "The request could not be answered as asked.",
    404: "There is no such page or record.",
    422: "A value in the address breaks a rule: see the line below, then change it.",
    500: "Something went wrong on the server; the error was not caused by your request.",
}


def day_or_today(text: str | None, field: str) -> date:
    """The date asked for, or today."""
    return date.today() if not text else parse_day(text, field)


JSON_PATHS: tuple[str, ...] = ("/api/", "/openapi.json")
"""Paths whose errors stay JSON whatever the client accepts; every other path is a page."""


def wants_html(request: Request) -> bool:
    """An error on an HTML route is a page (whatever the ``Accept`` header says: a link
    opened by curl or a crawler is still a page); under ``/api`` it stays JSON."""
    path = request.url.path
    return not (path == "/api" or path.startswith(JSON_PATHS))


async def http_error(request: Request, exc: Exception) -> Response:
    """Unknown paths and other HTTP errors: a page for browsers, JSON for the rest."""
    assert isinstance(exc, StarletteHTTPException)
    if wants_html(request):
        message = exc.detail if isinstance(exc.detail, str) else "the request failed"
        if exc.status_code == 404:
            message = f"no page at {request.url.path}"
        return render_error(request, exc.status_code, message)
    return await http_exception_handler(request, exc)


def static_mount() -> Mount:
    """The page assets (CSS, scripts, fonts), served here: no CDN."""
    return public_mount(Mount("/static", app=StaticFiles(directory=str(WEB_DIR / "static")),
                              name="static"))
