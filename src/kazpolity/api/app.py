"""The JSON API face: its routers, in order, and its error bodies.

The composition root (``kazpolity.server``) includes ``API_ROUTERS`` in the app and answers
every error on an ``/api/`` path with ``json_error``: ``{"error": {"field", "message"}}``,
never a traceback.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse

from kazpolity.api import (
    official,
    protocols,
    results,
    rules,
    transparency,
    v1_elections,
)

API_ROUTERS: tuple[APIRouter, ...] = (rules.router, v1_elections.router, protocols.router,
                                      results.router, transparency.router, official.router)
"""Every API router: the rulebook, then the administered elections."""


def json_error(status: int, field: str, message: str) -> JSONResponse:
    """An error as the API answers it: the field and one line."""
    return JSONResponse(status_code=status, content={"error": {"field": field,
                                                               "message": message}})


def install_error_handlers(app: FastAPI) -> None:
    """The administration routes' own answers (401 unsigned, 403 out of scope, 409 conflicts,
    503 store unavailable). The request gate (size limit, authentication before the body,
    duplicate and unknown keys refused) wraps the whole app (``kazpolity.server``)."""
    v1_elections.install_error_handlers(app)
