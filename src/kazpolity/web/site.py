"""The web face's pages, in navigation order (one router per area)."""

from __future__ import annotations

from fastapi import APIRouter

from kazpolity.web import (
    admin_pages,
    election_pages,
    forensics_pages,
    institution_pages,
    rules_pages,
    today_pages,
)

PAGE_ROUTERS: tuple[APIRouter, ...] = (
    today_pages.router, rules_pages.router, election_pages.router, admin_pages.router,
    forensics_pages.router, institution_pages.router,
)
"""Every page router, in the order of the navigation (``web.pages.NAV``)."""
