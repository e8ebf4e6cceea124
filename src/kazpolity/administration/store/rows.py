"""Appending a commit batch to the log's tables: one multi-row ``INSERT`` per chunk.

The commit engine runs on a worker thread, and Python's ``sqlite3`` gives up the GIL
around every statement step. An ``executemany`` of n rows is n steps, and after each the
writer waits for the event loop to hand the GIL back (up to the 5 ms switch interval):
under the issue-11 benchmark a batch of 14 submissions spent 0.9 ms per ``executemany``,
against a few microseconds of SQLite work per row. One statement of n rows is one step.
The tables' columns are plain text and integers (``schema``), so the driver takes the
values as they are; the statement text is made once per table, column list, row count and
placeholder style.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, Final

from sqlalchemy import Connection, Table, func, select, text

from kazpolity.administration.store.schema import audit_log

ROWS_PER_STATEMENT: Final = 256
"""At most 256 rows × 12 columns = 3,072 parameters: under SQLite's 32,766 (3.32+) and
PostgreSQL's 65,535."""


class HeadMoved(Exception):
    """Another process appended to the election's log since this one read its head."""


def lock_and_check_head(conn: Connection, election_id: str, head_seq: int) -> None:
    """Hold the election for a write decided at ``head_seq``, in ``conn``'s transaction.

    PostgreSQL takes the election's advisory lock and compares the head. On SQLite the
    transaction already holds the database's write lock (``BEGIN IMMEDIATE``) and the
    batch's first entry takes ``head_seq + 1``, which the audit log's primary key refuses
    (``IntegrityError``) if another process appended since: a head query would cost the
    commit thread one more wait for the GIL."""
    if conn.dialect.name != "postgresql":
        return
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                 {"k": zlib.crc32(election_id.encode("utf-8"))})
    current = conn.execute(select(func.max(audit_log.c.seq))
                           .where(audit_log.c.election_id == election_id)).scalar()
    if int(current or 0) != head_seq:
        raise HeadMoved


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (each naming the same columns) into ``table``."""
    if not rows:
        return
    columns = tuple(rows[0])
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start:start + ROWS_PER_STATEMENT]
        values: list[Any] = []
        for row in chunk:
            if len(row) != len(columns):
                raise ValueError(f"rows for {table.name} name different columns")
            values.extend(row[name] for name in columns)
        conn.exec_driver_sql(_statement(table.name, columns, len(chunk), marker),
                             tuple(values))


@lru_cache(maxsize=1024)
def _statement(table: str, columns: tuple[str, ...], count: int, marker: str) -> str:
    one = "(" + ", ".join([marker] * len(columns)) + ")"
    names = ", ".join(f'"{name}"' for name in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ' + ", ".join([one] * count)
