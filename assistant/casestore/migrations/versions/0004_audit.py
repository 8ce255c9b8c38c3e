"""The audit trail: one row per caseload query and per write (``assistant.casestore.audit``).

Revision ID: 0004_audit
Revises: 0003_accounts
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_audit"
down_revision = "0003_accounts"
branch_labels = None
depends_on = None

ID = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("worker_id", ID, nullable=True),
        sa.Column("role", sa.String(length=40), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=True),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("item_type", sa.String(length=40), nullable=True),
        sa.Column("window_start", sa.Date(), nullable=True),
        sa.Column("window_end", sa.Date(), nullable=True),
        sa.Column("case_id", ID, nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("authority_id", ID, nullable=True),
        sa.Column("case_ids", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_worker_id_at", "audit_log", ["worker_id", "at"])
    op.create_index("ix_audit_log_case_id", "audit_log", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_case_id", table_name="audit_log")
    op.drop_index("ix_audit_log_worker_id_at", table_name="audit_log")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
