"""Tables of the administration store (SQLAlchemy Core; created by Alembic migrations).

Results are append-only: ``protocol_versions``, ``audit_log`` and ``credentials`` only ever
get INSERTs (triggers refuse UPDATE and DELETE, see the first migration). A commission's
current status is not stored; it is replayed from the audit log.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

elections = Table(
    "elections",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("election_type", String(32), nullable=False),
    Column("election_date", String(10), nullable=False),
    Column("mode", String(8), nullable=False),
    Column("definition", Text, nullable=False),
    Column("definition_hash", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
)

commissions = Table(
    "commissions",
    metadata,
    Column("election_id", String(64), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("ordinal", Integer, nullable=False),
    Column("level", String(32), nullable=False),
    Column("parent_id", String(64), nullable=True),
    Column("name", String(200), nullable=False),
    Column("region_code", String(32), nullable=True),
    Column("voters_on_list", BigInteger, nullable=True),
    Column("members", Text, nullable=False),
    ForeignKeyConstraint(["election_id"], ["elections.id"], name="fk_commissions_election"),
)

credentials = Table(
    "credentials",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("election_id", String(64), nullable=False),
    Column("commission_id", String(64), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("created_at", String(40), nullable=False),
    UniqueConstraint("token_hash", name="uq_credentials_token_hash"),
    ForeignKeyConstraint(
        ["election_id", "commission_id"],
        ["commissions.election_id", "commissions.id"],
        name="fk_credentials_commission",
    ),
)

protocol_versions = Table(
    "protocol_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("election_id", String(64), nullable=False),
    Column("commission_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("payload", Text, nullable=False),
    Column("payload_hash", String(64), nullable=False),
    Column("detail", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    UniqueConstraint("election_id", "commission_id", "version", name="uq_protocol_version"),
    ForeignKeyConstraint(
        ["election_id", "commission_id"],
        ["commissions.election_id", "commissions.id"],
        name="fk_protocol_versions_commission",
    ),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("election_id", String(64), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("commission_id", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("disposition", String(32), nullable=False),
    Column("subject_hash", String(64), nullable=True),
    Column("detail", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("commission_prev_hash", String(64), nullable=False),
    Column("entry_hash", String(64), nullable=False),
    ForeignKeyConstraint(["election_id"], ["elections.id"], name="fk_audit_election"),
)

Index("ix_audit_commission", audit_log.c.election_id, audit_log.c.commission_id)

APPEND_ONLY_TABLES = ("elections", "commissions", "credentials", "protocol_versions",
                      "audit_log")
