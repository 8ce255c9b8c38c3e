"""Initial case store: authorities, teams, workers, children, cases, append-only events.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-23

Self-contained on purpose (no import of ``models``): a migration describes the
schema as it was at that revision, whatever the models say later.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "authorities",
        sa.Column("authority_id", ID, nullable=False),
        sa.PrimaryKeyConstraint("authority_id", name="pk_authorities"),
    )
    op.create_table(
        "children",
        sa.Column("child_id", ID, nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("child_id", name="pk_children"),
    )
    op.create_table(
        "teams",
        sa.Column("team_id", ID, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("authority_id", ID, nullable=False),
        sa.ForeignKeyConstraint(
            ["authority_id"], ["authorities.authority_id"], name="fk_teams_authority_id_authorities"
        ),
        sa.PrimaryKeyConstraint("team_id", name="pk_teams"),
    )
    op.create_index("ix_teams_authority_id", "teams", ["authority_id"])
    op.create_table(
        "workers",
        sa.Column("worker_id", ID, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("team_id", ID, nullable=False),
        sa.Column("manager_id", ID, nullable=True),
        sa.ForeignKeyConstraint(["manager_id"], ["workers.worker_id"], name="fk_workers_manager_id_workers"),
        sa.ForeignKeyConstraint(["team_id"], ["teams.team_id"], name="fk_workers_team_id_teams"),
        sa.PrimaryKeyConstraint("worker_id", name="pk_workers"),
    )
    op.create_index("ix_workers_team_id", "workers", ["team_id"])
    op.create_index("ix_workers_manager_id", "workers", ["manager_id"])
    op.create_table(
        "cases",
        sa.Column("case_id", ID, nullable=False),
        sa.Column("child_id", ID, nullable=False),
        sa.Column("worker_id", ID, nullable=True),
        sa.Column("authority_id", ID, nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("referral_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["authority_id"], ["authorities.authority_id"], name="fk_cases_authority_id_authorities"
        ),
        sa.ForeignKeyConstraint(["child_id"], ["children.child_id"], name="fk_cases_child_id_children"),
        sa.ForeignKeyConstraint(["worker_id"], ["workers.worker_id"], name="fk_cases_worker_id_workers"),
        sa.PrimaryKeyConstraint("case_id", name="pk_cases"),
    )
    op.create_index("ix_cases_worker_id", "cases", ["worker_id"])
    op.create_index("ix_cases_authority_id_worker_id", "cases", ["authority_id", "worker_id"])
    op.create_index("ix_cases_child_id", "cases", ["child_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", ID, nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("child_seen", sa.Boolean(), nullable=True),
        sa.Column("seen_alone", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.case_id"], name="fk_events_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_case_id_date", "events", ["case_id", "date", "id"])
    op.create_index("ix_events_event_case_id", "events", ["event", "case_id"])


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("cases")
    op.drop_table("workers")
    op.drop_table("teams")
    op.drop_table("children")
    op.drop_table("authorities")
