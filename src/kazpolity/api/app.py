"""The FastAPI application: JSON API and HTML pages over the same core.

Each module in ``ROUTE_MODULES`` exposes ``register(app)``. The app refuses to start if
any route lacks an access policy (see ``kazpolity.api.access``). Errors are answered as
JSON (API) or an HTML page (browser), never as a traceback.
"""

from __future__ import annotations

import importlib

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response

from kazpolity import __version__
from kazpolity.api.access import assert_every_route_has_policy
from kazpolity.errors import InputError, KazpolityError, NotFound

ROUTE_MODULES: tuple[str, ...] = (
    "kazpolity.api.rules", "kazpolity.web.pages",
    "kazpolity.api.v1_elections", "kazpolity.api.protocols", "kazpolity.api.results",
    "kazpolity.api.official",
)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get(
        "accept", ""
    )


def _error_response(request: Request, status: int, field: str, message: str) -> Response:
    if _wants_html(request):
        from kazpolity.web.pages import render_error

        return render_error(request, status, f"{field}: {message}")
    return JSONResponse(status_code=status, content={"error": {"field": field,
                                                               "message": message}})


def create_app() -> FastAPI:
    """Build the app with every registered route module; fail closed on missing policies."""
    app = FastAPI(
        title="kazpolity",
        version=__version__,
        description="Kazakhstan's political system as executable, verifiable Python.",
    )

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return _error_response(request, 404, exc.field, exc.message)

    @app.exception_handler(InputError)
    async def _bad_input(request: Request, exc: InputError) -> Response:
        return _error_response(request, 422, exc.field, exc.message)

    @app.exception_handler(KazpolityError)
    async def _kazpolity_error(request: Request, exc: KazpolityError) -> Response:
        return _error_response(request, 400, "request", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        first = errors[0] if errors else {"loc": ("request",), "msg": "invalid"}
        field = ".".join(str(part) for part in first.get("loc", ("request",)))
        return _error_response(request, 422, field, str(first.get("msg", "invalid")))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        if _wants_html(request):
            from kazpolity.web.pages import render_error

            return render_error(request, 500, "internal error")
        return JSONResponse(status_code=500, content={"error": {"field": "server",
                                                                "message": "internal error"}})

    for name in ROUTE_MODULES:
        importlib.import_module(name).register(app)
    assert_every_route_has_policy(app)
    return app


def html(body: str, status: int = 200) -> HTMLResponse:
    """An HTML response (helper for pages that build markup directly)."""
    return HTMLResponse(body, status_code=status)
