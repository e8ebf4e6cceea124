"""The composition root: the ASGI app assembled from the API routers and the web pages.

Nothing imports this module but the entry points (``kazpolity serve``, an ASGI server given
``kazpolity.server:create_app`` with ``--factory``, the tests). It takes one ``Settings``,
opens the administration store in the app's lifespan, includes every router, answers every
error as JSON (``/api/``) or as a page (a browser), and refuses to start if a route lacks an
access policy (``kazpolity.http.access``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.telemetry import TelemetryConfig
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from kazpolity import __version__
from kazpolity.api.app import API_ROUTERS, install_error_handlers, json_error
from kazpolity.api.request_gate import RequestGate
from kazpolity.errors import InputError, KazpolityError, NotFound
from kazpolity.http.access import assert_every_route_has_policy
from kazpolity.http.state import open_store, settings_of
from kazpolity.settings import Settings
from kazpolity.web.api_docs import install_api_docs
from kazpolity.web.pages import http_error, render_error, static_mount, wants_html
from kazpolity.web.site import PAGE_ROUTERS

NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}
"""FastAPI's native OpenTelemetry layer off: the project configures no exporter, and the
layer's per-request look for a global provider (it reads the environment) cost about 8% of
a signed submission's handling (py-spy of ``serve`` under the issue-11 benchmark)."""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the store before the first request; close it after the last, if opened here."""
    opened_here = getattr(app.state, "administration_store", None) is None
    store = open_store(app.state)
    try:
        yield
    finally:
        if store.signature_helper is not None:
            await store.signature_helper.close()
        if opened_here:
            store.close()
            app.state.administration_store = None


def _error(request: Request, status: int, field: str, message: str) -> Response:
    if wants_html(request):
        return render_error(request, status, f"{field}: {message}")
    return json_error(status, field, message)


def _install_error_pages(app: FastAPI) -> None:
    """Every error answered in the asker's form (JSON or a page), never a traceback."""

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, exc.field, exc.message)

    @app.exception_handler(InputError)
    async def _bad_input(request: Request, exc: InputError) -> Response:
        return _error(request, 422, exc.field, exc.message)

    @app.exception_handler(KazpolityError)
    async def _kazpolity_error(request: Request, exc: KazpolityError) -> Response:
        return _error(request, 400, "request", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        first = errors[0] if errors else {"loc": ("request",), "msg": "invalid"}
        field = ".".join(str(part) for part in first.get("loc", ("request",)))
        return _error(request, 422, field, str(first.get("msg", "invalid")))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        if wants_html(request):
            return render_error(request, 500, "internal error")
        return json_error(500, "server", "internal error")

    app.add_exception_handler(StarletteHTTPException, http_error)


class KazpolityApp(FastAPI):
    """FastAPI with the request gate (``kazpolity.api.request_gate``) outside every other
    layer, so that a refused or hot write costs no other middleware — not even the
    forwarded-headers layer, which ``serve`` keeps here rather than in uvicorn (it copies
    every request's headers; the hot writes never read the scheme or the peer)."""

    def build_middleware_stack(self) -> ASGIApp:
        trusted = settings_of(self.state).forwarded_allow_ips
        inner: Any = super().build_middleware_stack()  # uvicorn types ASGI apps its own way
        forwarded: Any = ProxyHeadersMiddleware(inner, trusted_hosts=trusted)
        return RequestGate(forwarded)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app over ``settings`` (the environment's when ``None``); fails closed on a route
    without an access policy."""
    app = KazpolityApp(
        title="kazpolity",
        version=__version__,
        description="Kazakhstan's political system as executable, verifiable Python.",
        lifespan=_lifespan,
        telemetry=NO_TELEMETRY,
    )
    app.state.settings = settings if settings is not None else Settings.from_env()
    _install_error_pages(app)
    install_error_handlers(app)
    app.router.routes.append(static_mount())
    for router in (*PAGE_ROUTERS, *API_ROUTERS):
        app.include_router(router)
    install_api_docs(app)
    assert_every_route_has_policy(app)
    return app
