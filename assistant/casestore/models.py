"""The case store's tables (SQLAlchemy 1.4, declarative).

These classes describe the schema the migrations build; they never create
tables themselves. A change here needs a new migration under
``migrations/versions`` (see ``python -m assistant.casestore.migrate --help``).

Codes (roles, categories, event codes) are plain strings checked by the
importer and :meth:`Store.append_event` against :mod:`csv_format`, not by the
database, so a new code is a vocabulary change rather than a schema change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import declarative_base, relationship

#: Stable constraint names, so Alembic can alter them later (SQLite batch mode needs names).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Base: Any = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))  # no SQLAlchemy mypy plugin in 1.4

ID = String(64)  # council ids are short strings ("w17", "CH-000123")


class Authority(Base):
    """A local authority, by the code its guidance is filed under (e.g. ``medway``)."""

    __tablename__ = "authorities"

    authority_id = Column(ID, primary_key=True)


class Team(Base):
    __tablename__ = "teams"

    team_id = Column(ID, primary_key=True)
    name = Column(String(200), nullable=False)
    authority_id = Column(ID, ForeignKey("authorities.authority_id"), nullable=False, index=True)

    authority = relationship(Authority)


class Worker(Base):
    __tablename__ = "workers"

    worker_id = Column(ID, primary_key=True)
    name = Column(String(200), nullable=False)
    role = Column(String(40), nullable=False)
    team_id = Column(ID, ForeignKey("teams.team_id"), nullable=False)
    manager_id = Column(ID, ForeignKey("workers.worker_id"), nullable=True)

    team = relationship(Team)

    __table_args__ = (
        Index("ix_workers_team_id", "team_id"),  # a team's workers
        Index("ix_workers_manager_id", "manager_id"),  # a manager's direct reports
    )


class Child(Base):
    __tablename__ = "children"

    child_id = Column(ID, primary_key=True)
    first_name = Column(String(200), nullable=False)
    last_name = Column(String(200), nullable=False)
    birth_date = Column(Date, nullable=True)  # unborn children have none
    disabled = Column(Boolean(create_constraint=False), nullable=False)


class Case(Base):
    """A child's CIN case. Open until a ``case_closed`` event; never stored as a flag."""

    __tablename__ = "cases"

    case_id = Column(ID, primary_key=True)
    child_id = Column(ID, ForeignKey("children.child_id"), nullable=False)
    worker_id = Column(ID, ForeignKey("workers.worker_id"), nullable=True)  # NULL = unallocated
    authority_id = Column(ID, ForeignKey("authorities.authority_id"), nullable=False)
    category = Column(String(40), nullable=False)
    referral_date = Column(Date, nullable=False)

    child = relationship(Child)

    __table_args__ = (
        Index("ix_cases_worker_id", "worker_id"),  # a worker's / team's cases
        Index("ix_cases_authority_id_worker_id", "authority_id", "worker_id"),  # authority, unallocated
        Index("ix_cases_child_id", "child_id"),  # a child's cases (name look-up)
    )


class Event(Base):
    """One thing that happened on a case. Append-only: the store has no update or delete.

    An event's identity is (case_id, event, date, child_seen, seen_alone, note):
    an import adds a row only if no event with the same identity exists.
    """

    __tablename__ = "events"

    id = Column(Integer, primary_key=True, autoincrement=True)
    case_id = Column(ID, ForeignKey("cases.case_id"), nullable=False)
    event = Column(String(40), nullable=False)
    date = Column(Date, nullable=False)
    child_seen = Column(Boolean(create_constraint=False), nullable=True)  # visits only
    seen_alone = Column(Boolean(create_constraint=False), nullable=True)  # visits only
    note = Column(Text, nullable=False, default="")
    source = Column(String(20), nullable=False)  # csv_format.SOURCES
    recorded_at = Column(DateTime, nullable=False)  # UTC, naive

    __table_args__ = (
        # Histories of many cases at once, in date order; also serves "is it closed".
        Index("ix_events_case_id_date", "case_id", "date", "id"),
        # "Which cases are closed" without scanning every event.
        Index("ix_events_event_case_id", "event", "case_id"),
    )


class CaseFactsRow(Base):
    """A case's history summarised for due dates: derived from ``events``, never edited by hand.

    Kept current by :func:`assistant.casestore.summary.refresh_case_facts`, which every
    write (CSV and census imports, ``Store.append_event``) runs in its own
    transaction, and which a report also runs first to catch up with events
    added any other way. A row holds every event of the case, so it answers
    for any day on or after ``last_event_date``; earlier days are computed
    from the events themselves.
    """

    __tablename__ = "case_facts"

    case_id = Column(ID, ForeignKey("cases.case_id"), primary_key=True)
    last_event_date = Column(Date, nullable=False)
    closed = Column(Boolean(create_constraint=False), nullable=False)
    first_assessment_completed = Column(Date, nullable=True)
    last_visit = Column(Date, nullable=True)  # any visit, seen or not (compared with the referral date)
    last_seen_visit = Column(Date, nullable=True)
    last_initial_cin_meeting = Column(Date, nullable=True)
    step_down_event = Column(String(40), nullable=True)  # the latest step-down event...
    step_down_date = Column(Date, nullable=True)  # ...and its date
    last_plan_circulated = Column(Date, nullable=True)
    uncirculated_meetings = Column(Text, nullable=False)  # "YYYY-MM-DD event;..." by date, then event
    last_cin_review = Column(Date, nullable=True)
    last_supervision = Column(Date, nullable=True)
    last_case_summary = Column(Date, nullable=True)


class CaseFactsState(Base):
    """One row: the highest ``events.id`` that ``case_facts`` has taken into account."""

    __tablename__ = "case_facts_state"

    id = Column(Integer, primary_key=True, autoincrement=False)
    last_event_id = Column(Integer, nullable=False)


class Account(Base):
    """A worker's local sign-in: only a password hash (argon2), never the password.

    Councils on single sign-on have no rows here: their tokens come from the
    identity provider (``assistant.channels.tokens``).
    """

    __tablename__ = "accounts"

    worker_id = Column(ID, ForeignKey("workers.worker_id"), primary_key=True)
    password_hash = Column(String(200), nullable=False)
    updated_at = Column(DateTime, nullable=False)  # UTC


class RevokedToken(Base):
    """A signed-out token's id, kept until the token would have expired anyway."""

    __tablename__ = "revoked_tokens"

    jti = Column(String(64), primary_key=True)
    expires_at = Column(DateTime, nullable=False, index=True)  # UTC


class AuditRow(Base):
    """Who looked at or changed which cases, when, and through which way in (``assistant.casestore.audit``).

    One row per caseload query or write, sign-in, sign-out, password set,
    token issued or conversation read. What was asked is kept as structured
    fields only, never the words typed: a name that matched nothing leaves no
    trace of the name, only a query that returned no cases. ``worker_id`` has
    no foreign key on purpose, so the trail outlives a worker's removal and
    also records callers the records do not know.

    Insert-only: database triggers (migration ``0005_audit_chain``) refuse
    UPDATE and DELETE (and TRUNCATE on PostgreSQL), and each row is chained to
    the one before by a keyed hash, so a change made around the triggers is
    found by ``cin-assistant audit verify``.
    """

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True, autoincrement=True)
    seq = Column(Integer, nullable=False)  # the row's place in the hash chain: 1, 2, 3... no gaps
    prev_hash = Column(String(64), nullable=False)  # the row before's row_hash (64 zeros for the first)
    row_hash = Column(String(64), nullable=False)  # HMAC-SHA256 over prev_hash and this row's fields
    at = Column(DateTime, nullable=False)  # UTC, naive
    worker_id = Column(ID, nullable=True)  # NULL: an operator's authority-wide report
    actor = Column(String(80), nullable=True)  # who did it: the worker, or "os:<user>" on the server host
    role = Column(String(40), nullable=True)  # the case store's role at the time (or "operator")
    source = Column(String(20), nullable=False)  # chat, panel, cli, auth
    channel = Column(String(20), nullable=True)  # the chat's input channel: rest, web, voice
    address = Column(String(64), nullable=True)  # a sign-in's client address
    action = Column(String(20), nullable=False)  # query, write, signin, signout, password_set, ...
    kind = Column(String(40), nullable=False)  # the query kind, or the event code written
    outcome = Column(String(40), nullable=False)  # answered, saved, or the refusal/clarify reason
    item_type = Column(String(40), nullable=True)
    window_start = Column(Date, nullable=True)
    window_end = Column(Date, nullable=True)
    case_id = Column(ID, nullable=True)  # the child's case the question resolved to, or the case written
    event_id = Column(Integer, nullable=True)  # a write's event
    authority_id = Column(ID, nullable=True)  # an authority-wide report's authority
    case_ids = Column(Text, nullable=False)  # JSON list of the case ids returned or changed

    __table_args__ = (
        Index("ix_audit_log_at", "at"),  # a period
        Index("ix_audit_log_worker_id_at", "worker_id", "at"),  # one worker's trail
        Index("ix_audit_log_case_id", "case_id"),  # who asked about one child
        Index("ix_audit_log_seq", "seq", unique=True),  # the chain's order; one row per place
    )


class AuditHead(Base):
    """One row (id 1): the audit chain's last ``seq`` and ``row_hash``.

    Every audit insert first adds one to ``seq`` here inside its own
    transaction: that UPDATE takes SQLite's write lock or PostgreSQL's row
    lock, so two writers (two servers) take turns and never fork the chain.
    """

    __tablename__ = "audit_head"

    id = Column(Integer, primary_key=True, autoincrement=False)
    seq = Column(Integer, nullable=False)
    last_hash = Column(String(64), nullable=False)
