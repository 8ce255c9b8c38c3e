"""Local sign-in accounts (password hashes) and signed-out tokens.

Revision ID: 0003_accounts
Revises: 0002_case_facts
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_accounts"
down_revision = "0002_case_facts"
branch_labels = None
depends_on = None

ID = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("worker_id", ID, nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["worker_id"], ["workers.worker_id"], name="fk_accounts_worker_id_workers"),
        sa.PrimaryKeyConstraint("worker_id", name="pk_accounts"),
    )
    op.create_table(
        "revoked_tokens",
        sa.Column("jti", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("jti", name="pk_revoked_tokens"),
    )
    op.create_index("ix_revoked_tokens_expires_at", "revoked_tokens", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_revoked_tokens_expires_at", table_name="revoked_tokens")
    op.drop_table("revoked_tokens")
    op.drop_table("accounts")
