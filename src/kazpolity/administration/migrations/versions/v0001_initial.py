"""Initial administration store: elections, commissions, credentials, versions, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = ("elections", "commissions", "credentials", "protocol_versions", "audit_log")


def upgrade() -> None:
    # Long because a migration is a frozen, flat list of table definitions read top to
    # bottom; splitting it would hide the schema's order without making a step clearer.
    op.create_table(
        "elections",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("election_type", sa.String(32), nullable=False),
        sa.Column("election_date", sa.String(10), nullable=False),
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("definition", sa.Text, nullable=False),
        sa.Column("definition_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "commissions",
        sa.Column("election_id", sa.String(64), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("level", sa.String(32), nullable=False),
        sa.Column("parent_id", sa.String(64), nullable=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("region_code", sa.String(32), nullable=True),
        sa.Column("voters_on_list", sa.BigInteger, nullable=True),
        sa.Column("members", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(["election_id"], ["elections.id"],
                                name="fk_commissions_election"),
    )
    op.create_table(
        "credentials",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("election_id", sa.String(64), nullable=False),
        sa.Column("commission_id", sa.String(64), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("token_hash", name="uq_credentials_token_hash"),
        sa.ForeignKeyConstraint(["election_id", "commission_id"],
                                ["commissions.election_id", "commissions.id"],
                                name="fk_credentials_commission"),
    )
    op.create_table(
        "protocol_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("election_id", sa.String(64), nullable=False),
        sa.Column("commission_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("payload_hash", sa.String(64), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("election_id", "commission_id", "version",
                            name="uq_protocol_version"),
        sa.ForeignKeyConstraint(["election_id", "commission_id"],
                                ["commissions.election_id", "commissions.id"],
                                name="fk_protocol_versions_commission"),
    )
    op.create_table(
        "audit_log",
        sa.Column("election_id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("commission_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("disposition", sa.String(32), nullable=False),
        sa.Column("subject_hash", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("commission_prev_hash", sa.String(64), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["election_id"], ["elections.id"], name="fk_audit_election"),
    )
    op.create_index("ix_audit_commission", "audit_log", ["election_id", "commission_id"])

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in APPEND_ONLY:
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
    elif dialect == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION kazpolity_append_only() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
        )
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION kazpolity_append_only()"
            )
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION kazpolity_append_only()"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in reversed(APPEND_ONLY):
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        op.drop_table(table)
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS kazpolity_append_only()")
