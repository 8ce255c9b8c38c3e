"""The audit trail made tamper-evident: insert-only triggers, a keyed hash chain, who acted.

Revision ID: 0005_audit_chain
Revises: 0004_audit
Create Date: 2026-11-24

``audit_log`` gains ``seq``, ``prev_hash`` and ``row_hash`` (the chain),
``actor`` (who did it) and ``address`` (a sign-in's client address);
``action`` widens to 20 characters. A one-row ``audit_head`` (seq, last_hash)
serialises writers. Existing rows are chained in id order (which needs the
audit key, ``assistant.casestore.audit.audit_key``: the hash is the one ``cin-assistant
audit verify`` checks, so it is computed by the same code), and chat and panel
rows get their worker as actor (the only one who could have asked); earlier
command-line rows keep no actor, since who ran them was never recorded.

Then triggers refuse UPDATE and DELETE on ``audit_log`` (and TRUNCATE on
PostgreSQL), and DELETE or a step back of ``audit_head``. They hold against
the application and mistakes; a table owner can drop them, which the chain
then shows. Downgrade drops them and the new columns (narrowing ``action``
fails on PostgreSQL if a longer action was recorded: nothing is cut short).
"""

from typing import Any, Dict, List

import sqlalchemy as sa
from alembic import op

from assistant.casestore.audit import GENESIS, audit_key, chain_hash

revision = "0005_audit_chain"
down_revision = "0004_audit"
branch_labels = None
depends_on = None

ID = sa.String(length=64)
BATCH = 2000
REFUSAL = "audit_log is insert-only"

_LOG = sa.table(
    "audit_log",
    sa.column("id", sa.Integer()),
    sa.column("seq", sa.Integer()),
    sa.column("prev_hash", sa.String()),
    sa.column("row_hash", sa.String()),
    sa.column("at", sa.DateTime()),
    sa.column("worker_id", sa.String()),
    sa.column("actor", sa.String()),
    sa.column("role", sa.String()),
    sa.column("source", sa.String()),
    sa.column("channel", sa.String()),
    sa.column("address", sa.String()),
    sa.column("action", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("outcome", sa.String()),
    sa.column("item_type", sa.String()),
    sa.column("window_start", sa.Date()),
    sa.column("window_end", sa.Date()),
    sa.column("case_id", sa.String()),
    sa.column("event_id", sa.Integer()),
    sa.column("authority_id", sa.String()),
    sa.column("case_ids", sa.Text()),
)
_HEAD = sa.table(
    "audit_head", sa.column("id", sa.Integer()), sa.column("seq", sa.Integer()), sa.column("last_hash", sa.String())
)

SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}: UPDATE refused'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}: DELETE refused'); END",
    "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head "
    "BEGIN SELECT RAISE(ABORT, 'audit_head cannot be deleted'); END",
    "CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head WHEN NEW.seq < OLD.seq OR NEW.id <> OLD.id "
    "BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward'); END",
)
POSTGRES_TRIGGERS = (
    "CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"RAISE EXCEPTION '{REFUSAL}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$",
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()",
    "CREATE FUNCTION audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION 'audit_head cannot be deleted' "
    "USING ERRCODE = 'insufficient_privilege'; END IF; "
    "IF NEW.seq < OLD.seq OR NEW.id <> OLD.id THEN RAISE EXCEPTION 'audit_head only moves forward' "
    "USING ERRCODE = 'insufficient_privilege'; END IF; RETURN NEW; END $$",
    "CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_head "
    "FOR EACH ROW EXECUTE FUNCTION audit_head_guard()",
    "CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_head_guard()",
)
SQLITE_DROPS = (
    "DROP TRIGGER IF EXISTS audit_head_forward",
    "DROP TRIGGER IF EXISTS audit_head_no_delete",
    "DROP TRIGGER IF EXISTS audit_log_no_delete",
    "DROP TRIGGER IF EXISTS audit_log_no_update",
)
POSTGRES_DROPS = (
    "DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head",
    "DROP TRIGGER IF EXISTS audit_head_guard ON audit_head",
    "DROP FUNCTION IF EXISTS audit_head_guard()",
    "DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log",
    "DROP TRIGGER IF EXISTS audit_log_no_delete ON audit_log",
    "DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log",
    "DROP FUNCTION IF EXISTS audit_log_refuse()",
)


def _is_sqlite() -> bool:
    return op.get_context().dialect.name == "sqlite"


def _chain_existing_rows() -> None:
    """Give every existing row its seq, actor and hashes, oldest (lowest id) first; then set the head."""
    bind = op.get_bind()
    seq, prev_hash, last_id = 0, GENESIS, 0
    key = None
    update = (
        _LOG.update()
        .where(_LOG.c.id == sa.bindparam("_id"))
        .values(
            seq=sa.bindparam("_seq"),
            actor=sa.bindparam("_actor"),
            prev_hash=sa.bindparam("_prev"),
            row_hash=sa.bindparam("_hash"),
        )
    )
    while True:
        rows = bind.execute(sa.select(_LOG).where(_LOG.c.id > last_id).order_by(_LOG.c.id).limit(BATCH)).all()
        if not rows:
            break
        key = key or audit_key()
        changes: List[Dict[str, Any]] = []
        for row in rows:
            values = dict(row._mapping)
            seq += 1
            values["seq"] = seq
            values["actor"] = values["worker_id"] if values["source"] in ("chat", "panel") else None
            row_hash = chain_hash(key, prev_hash, values)
            changes.append(
                {"_id": values["id"], "_seq": seq, "_actor": values["actor"], "_prev": prev_hash, "_hash": row_hash}
            )
            prev_hash, last_id = row_hash, values["id"]
        bind.execute(update, changes)
    bind.execute(_HEAD.update().where(_HEAD.c.id == 1).values(seq=seq, last_hash=prev_hash))


def upgrade() -> None:
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_head"),
    )
    op.bulk_insert(_HEAD, [{"id": 1, "seq": 0, "last_hash": GENESIS}])
    with op.batch_alter_table("audit_log") as batch:  # adding nullable columns: no table copy on SQLite
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("row_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("actor", sa.String(length=80), nullable=True))
        batch.add_column(sa.Column("address", sa.String(length=64), nullable=True))
    if not op.get_context().as_sql:  # offline SQL for a DBA: only an empty table can be upgraded that way
        _chain_existing_rows()
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("row_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column(
            "action", existing_type=sa.String(length=10), type_=sa.String(length=20), existing_nullable=False
        )
        batch.create_index("ix_audit_log_seq", ["seq"], unique=True)
    for statement in SQLITE_TRIGGERS if _is_sqlite() else POSTGRES_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    for statement in SQLITE_DROPS if _is_sqlite() else POSTGRES_DROPS:
        op.execute(statement)
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_index("ix_audit_log_seq")
        batch.alter_column(
            "action", existing_type=sa.String(length=20), type_=sa.String(length=10), existing_nullable=False
        )
        batch.drop_column("address")
        batch.drop_column("actor")
        batch.drop_column("row_hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
    op.drop_table("audit_head")
