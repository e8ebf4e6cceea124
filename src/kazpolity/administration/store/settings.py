"""Where the administration store lives: ``--db`` URL, ``KAZPOLITY_DATABASE_URL``, or SQLite.

The default is an embedded SQLite file ``kazpolity.db`` in the data directory
(``KAZPOLITY_DATA_DIR`` or ``./.kazpolity-data``). PostgreSQL is used when a URL says so
(``postgresql://...`` or ``postgresql+psycopg://...``; psycopg 3 is the driver).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

DATA_DIR_ENV: Final = "KAZPOLITY_DATA_DIR"
DATABASE_URL_ENV: Final = "KAZPOLITY_DATABASE_URL"
DEFAULT_DATA_DIR: Final = ".kazpolity-data"
SQLITE_FILE: Final = "kazpolity.db"


def data_dir() -> Path:
    """The data directory (not created here)."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


def normalise_url(url: str) -> str:
    """Map plain ``postgresql://`` / ``postgres://`` URLs to the psycopg 3 driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    if "://" not in url and not url.startswith("sqlite"):
        # A bare path means an SQLite file.
        return f"sqlite:///{Path(url).resolve()}"
    return url


def database_url(explicit: str | None = None) -> str:
    """``explicit`` (``--db``), else ``KAZPOLITY_DATABASE_URL``, else the data dir's SQLite."""
    if explicit:
        return normalise_url(explicit)
    env = os.environ.get(DATABASE_URL_ENV)
    if env:
        return normalise_url(env)
    directory = data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(directory / SQLITE_FILE).resolve()}"
