"""Engines for the store: SQLite in WAL mode with ``synchronous=FULL``, or PostgreSQL.

Two engines per store: a writer (SQLite ``BEGIN IMMEDIATE``, so a write transaction holds
the database lock from its first statement) and a reader (deferred transactions; WAL lets
reads run beside the writer).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from kazpolity.administration.store.settings import normalise_url


def _sqlite_listeners(engine: Engine, *, immediate: bool) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, *, writer: bool = True) -> Engine:
    """An engine for ``url``; SQLite gets WAL, synchronous=FULL and foreign keys."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            poolclass=NullPool if ":memory:" in url else None,
        )
        _sqlite_listeners(engine, immediate=writer)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=8, max_overflow=8)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    location = resources.files("kazpolity.administration").joinpath("migrations")
    config.set_main_option("script_location", str(location))
    url = engine.url.render_as_string(hide_password=False)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (idempotent)."""
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def schema_is_current(engine: Engine) -> bool:
    """Whether the store's schema is at the newest revision (reads only)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config(engine)
    heads = set(ScriptDirectory.from_config(config).get_heads())
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    return current == heads
