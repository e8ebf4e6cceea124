"""The API's documentation pages (Swagger UI at ``/docs``, ReDoc at ``/redoc``) with their
scripts and styles served from this server, never from a CDN.

FastAPI's default pages load Swagger UI and ReDoc from jsDelivr, so without internet ``/docs``
is blank. The ``fastapi-offline`` package ships the same assets; they are mounted at
``/static/api-docs`` and the default routes are replaced by pages that point there.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.routing import Mount, Route

from kazpolity.http.access import PUBLIC, policy, public_mount

ASSETS_URL = "/static/api-docs"
ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"
DOC_PATHS = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})
REDOC_SCRIPT = "redoc-offline.js"
REDOC_LOGO = re.compile(r"https?://[^\"'\s)]*/logo-mini\.svg")
"""ReDoc's bundle fetches its "powered by" logo from the web (its CDN); the served copy shows
ours, wherever the bundle's version points."""


@cache
def redoc_script() -> str:
    """ReDoc's bundle with its one external image pointed at this server's icon."""
    text = (ASSETS_DIR / "redoc.standalone.js").read_text(encoding="utf-8")
    return REDOC_LOGO.sub("/static/favicon.svg", text)


def _swagger(app: FastAPI) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} — API",
        swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
        swagger_favicon_url="/static/favicon.svg")


def _redoc(app: FastAPI) -> HTMLResponse:
    return get_redoc_html(
        openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} — API",
        redoc_js_url=f"/{REDOC_SCRIPT}",
        redoc_favicon_url="/static/favicon.svg", with_google_fonts=False)


def install_api_docs(app: FastAPI) -> None:
    """Replace FastAPI's CDN-backed documentation routes by offline ones."""
    app.router.routes[:] = [route for route in app.router.routes
                            if not (isinstance(route, Route) and route.path in DOC_PATHS)]
    assets = Mount(ASSETS_URL, app=StaticFiles(directory=str(ASSETS_DIR)), name="api-docs")
    app.router.routes.insert(0, public_mount(assets))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False,
             openapi_extra=policy(PUBLIC))
    def swagger() -> HTMLResponse:
        return _swagger(app)

    @app.get("/redoc", response_class=HTMLResponse, include_in_schema=False,
             openapi_extra=policy(PUBLIC))
    def redoc() -> HTMLResponse:
        return _redoc(app)

    @app.get(f"/{REDOC_SCRIPT}", include_in_schema=False,
             openapi_extra=policy(PUBLIC))
    def redoc_bundle() -> Response:
        return Response(redoc_script(), media_type="text/javascript",
                        headers={"cache-control": "public, max-age=86400"})
