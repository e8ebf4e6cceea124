"""Access policies: every route declares one, and the app refuses to start otherwise.

Fail closed (VotingWorks' Arlo does the same): a route added without a policy is a
configuration error found at start-up, not an open door found in production.
A policy is recorded in the route's OpenAPI extension ``x-access-policy`` so that the
published OpenAPI document shows who may call what.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Final

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Mount, Route

POLICY_KEY: Final = "x-access-policy"

PUBLIC: Final = "public"
"""Anyone may read; no credential."""

COMMISSION_OWN: Final = "commission:own"
"""A commission's bearer token, acting on its own protocol only."""

COMMISSION_PARENT: Final = "commission:parent"
"""A commission's bearer token, acting on its direct children only."""

COMMISSION_CENTRAL: Final = "commission:central"
"""The central commission's bearer token."""

KNOWN_POLICIES: Final = frozenset({PUBLIC, COMMISSION_OWN, COMMISSION_PARENT, COMMISSION_CENTRAL})


class AccessPolicyMissing(RuntimeError):
    """A route without a declared access policy: the app must not start."""


def policy(kind: str) -> dict[str, Any]:
    """The ``openapi_extra`` that declares a route's access policy."""
    if kind not in KNOWN_POLICIES:
        raise ValueError(f"unknown access policy {kind!r}")
    return {POLICY_KEY: kind}


def public_mount(mount: Mount) -> Mount:
    """Mark a static mount (assets) as public; mounts carry no OpenAPI data."""
    mount.app.__dict__[POLICY_KEY] = PUBLIC
    return mount


def route_policy(route: object) -> str | None:
    """The declared policy of a route, or None."""
    if isinstance(route, APIRoute):
        extra = route.openapi_extra or {}
        value = extra.get(POLICY_KEY)
        return value if isinstance(value, str) else None
    if isinstance(route, Mount):
        value = getattr(route.app, "__dict__", {}).get(POLICY_KEY)
        return value if isinstance(value, str) else None
    if isinstance(route, Route):
        # FastAPI's own documentation routes (/openapi.json, /docs) are public by design.
        return PUBLIC if route.path in {"/openapi.json", "/docs", "/redoc",
                                        "/docs/oauth2-redirect"} else None
    return None


def iter_routes(routes: Iterable[object]) -> Iterator[object]:
    """Every route, descending into included routers (FastAPI >= 0.160 keeps them nested)."""
    for route in routes:
        nested = getattr(route, "original_router", None)
        if nested is not None:
            yield from iter_routes(nested.routes)
        else:
            yield route


def assert_every_route_has_policy(app: FastAPI) -> None:
    """Raise ``AccessPolicyMissing`` naming every route that lacks a known policy."""
    missing = [
        getattr(route, "path", type(route).__name__)
        for route in iter_routes(app.routes)
        if route_policy(route) not in KNOWN_POLICIES
    ]
    if missing:
        raise AccessPolicyMissing(
            "routes without a declared access policy: " + ", ".join(sorted(missing))
        )
