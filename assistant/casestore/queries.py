"""The pieces the case store's queries share: which cases are closed, open or in a scope, the columns
read, and rows made into records (:mod:`assistant.domain.records`)."""

from __future__ import annotations

from functools import lru_cache
from typing import List, Sequence

from sqlalchemy import and_, exists, or_
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from assistant.casestore.models import Case, Child, Event, Team, Worker
from assistant.domain.codes import CASE_CLOSED
from assistant.domain.records import ChildRecord, EventRecord, Scope, WorkerRecord


@lru_cache(maxsize=1)
def closed_condition() -> ColumnElement:
    """True for a case (the enclosing query's ``cases`` row) that has a ``case_closed`` event.

    Built once: an expression is immutable and reused by every query (building it took a tenth of
    a caseload answer's time).
    """
    closing = aliased(Event)
    return exists().where(closing.case_id == Case.case_id, closing.event == CASE_CLOSED).correlate(Case)


@lru_cache(maxsize=1)
def open_condition() -> ColumnElement:
    return ~closed_condition()


def scope_condition(scope: Scope) -> ColumnElement:
    """Cases the scope may see: its workers' cases, plus unallocated ones for a manager."""
    visible: List[ColumnElement] = [Case.worker_id.in_(sorted(scope.worker_ids))]
    if scope.unallocated_authority is not None:
        visible.append(and_(Case.worker_id.is_(None), Case.authority_id == scope.unallocated_authority))
    return or_(*visible)


WORKER_COLUMNS = (
    Worker.worker_id,
    Worker.name,
    Worker.role,
    Worker.team_id,
    Team.name,
    Team.authority_id,
    Worker.manager_id,
)
CHILD_COLUMNS = (Child.child_id, Child.first_name, Child.last_name, Child.birth_date, Child.disabled)
EVENT_COLUMNS = (
    Event.id,
    Event.event,
    Event.date,
    Event.child_seen,
    Event.seen_alone,
    Event.note,
    Event.source,
    Event.recorded_at,
)
#: A case's own columns as the due-date facts read them, before its child's.
FACT_CASE_COLUMNS = (Case.case_id, Case.worker_id, Case.authority_id, Case.category, Case.referral_date)


def worker_record(row: Sequence) -> WorkerRecord:
    return WorkerRecord(*row)


def child_record(row: Sequence) -> ChildRecord:
    child_id, first_name, last_name, birth_date, disabled = row
    return ChildRecord(child_id, first_name, last_name, birth_date, bool(disabled))


def event_record(row: Sequence) -> EventRecord:
    id_, event, date, child_seen, seen_alone, note, source, recorded_at = row
    return EventRecord(
        id_,
        event,
        date,
        None if child_seen is None else bool(child_seen),
        None if seen_alone is None else bool(seen_alone),
        note,
        source,
        recorded_at,
    )
