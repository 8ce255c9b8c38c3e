"""Per-case due-date summary (case_facts) and its high-water mark (case_facts_state).

Revision ID: 0002_case_facts
Revises: 0001_initial
Create Date: 2026-11-23

The tables start empty with a mark of 0: the first report (or write) after the
upgrade summarises every existing case (``assistant.casestore.summary``), so
this migration stays self-contained and quick.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_case_facts"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

ID = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "case_facts",
        sa.Column("case_id", ID, nullable=False),
        sa.Column("last_event_date", sa.Date(), nullable=False),
        sa.Column("closed", sa.Boolean(create_constraint=False), nullable=False),
        sa.Column("first_assessment_completed", sa.Date(), nullable=True),
        sa.Column("last_visit", sa.Date(), nullable=True),
        sa.Column("last_seen_visit", sa.Date(), nullable=True),
        sa.Column("last_initial_cin_meeting", sa.Date(), nullable=True),
        sa.Column("step_down_event", sa.String(length=40), nullable=True),
        sa.Column("step_down_date", sa.Date(), nullable=True),
        sa.Column("last_plan_circulated", sa.Date(), nullable=True),
        sa.Column("uncirculated_meetings", sa.Text(), nullable=False),
        sa.Column("last_cin_review", sa.Date(), nullable=True),
        sa.Column("last_supervision", sa.Date(), nullable=True),
        sa.Column("last_case_summary", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.case_id"], name="fk_case_facts_case_id_cases"),
        sa.PrimaryKeyConstraint("case_id", name="pk_case_facts"),
    )
    op.create_table(
        "case_facts_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_event_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_case_facts_state"),
    )
    op.bulk_insert(
        sa.table("case_facts_state", sa.column("id", sa.Integer()), sa.column("last_event_id", sa.Integer())),
        [{"id": 1, "last_event_id": 0}],
    )


def downgrade() -> None:
    op.drop_table("case_facts_state")
    op.drop_table("case_facts")
