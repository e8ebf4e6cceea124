"""kazpolity — Kazakhstan's political system as executable, verifiable Python.

The Python API (:mod:`kazpolity.public_api`), loaded on first use so the CLI starts fast::

    from kazpolity import rules_at, official_election, rerun, allocate
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from kazpolity.public_api import (
        allocate,
        as_date,
        official_election,
        official_elections,
        render_step,
        rerun,
        rules_at,
    )

_API = frozenset({"allocate", "as_date", "official_election", "official_elections",
                  "render_step", "rerun", "rules_at"})

__all__ = ["__version__", "allocate", "as_date", "official_election", "official_elections",
           "render_step", "rerun", "rules_at"]


def __getattr__(name: str) -> Any:
    if name in _API:
        from kazpolity import public_api

        return getattr(public_api, name)
    raise AttributeError(f"module 'kazpolity' has no attribute {name!r}")
