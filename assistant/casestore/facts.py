"""Due-date facts of many cases at once (:class:`~assistant.domain.records.CaseFacts`), one row per case.

A case whose summary row (``case_facts``, kept by :mod:`assistant.casestore.summary`)
covers the day asked about is read from it; the rest are aggregated from their
events here. Both give the same facts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Dict, List, Sequence, Tuple

from sqlalchemy import and_, func, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import ColumnElement

from assistant.casestore.models import Case, CaseFactsRow, Child, Event
from assistant.casestore.queries import CHILD_COLUMNS, FACT_CASE_COLUMNS, child_record
from assistant.casestore.summary import decode_meetings, needs_refresh, refresh_case_facts
from assistant.domain.codes import CASE_CLOSED, STEP_DOWN_EVENTS, VISIT
from assistant.domain.records import MEETING_EVENTS, CaseFacts, ChildRecord


def load_facts(engine: Engine, condition: ColumnElement, as_of: dt.date) -> List[CaseFacts]:
    """Facts of the cases matching ``condition`` as of ``as_of``, ordered by case id.

    A case whose summary row (``case_facts``) covers ``as_of`` is read from
    it; the rest (a day before the case's latest event, or a case with no
    events) are aggregated from their events. Both give the same facts.
    """
    with engine.connect() as connection:
        stale = needs_refresh(connection)
    if stale:  # events written some other way, or a store from before the summary
        with engine.begin() as connection:
            refresh_case_facts(connection)
    summary_columns = tuple(getattr(CaseFactsRow, c.name) for c in CaseFactsRow.__table__.columns)
    covered = and_(CaseFactsRow.case_id == Case.case_id, CaseFactsRow.last_event_date <= as_of)
    with engine.connect() as connection:
        rows = connection.execute(
            select(*FACT_CASE_COLUMNS, *CHILD_COLUMNS, *summary_columns)
            .join(Child, Case.child_id == Child.child_id)
            .outerjoin(CaseFactsRow, covered)
            .where(condition)
            .order_by(Case.case_id)
        ).all()
        uncovered = [row[0] for row in rows if row[10] is None]
        if len(uncovered) > len(rows) // 2:  # a day long past: most cases have later events
            return aggregate_facts(connection, condition, as_of)
        others: Dict[str, CaseFacts] = {}
        for start in range(0, len(uncovered), 500):
            chunk = Case.case_id.in_(uncovered[start : start + 500])
            others.update((f.case_id, f) for f in aggregate_facts(connection, chunk, as_of))
    return [others[row[0]] if row[10] is None else _summarised_facts(row, as_of) for row in rows]


def _summarised_facts(row: Sequence, as_of: dt.date) -> CaseFacts:
    """CaseFacts from a case row, its child and its ``case_facts`` row (which covers ``as_of``)."""
    (
        case_id,
        worker_id,
        authority_id,
        category,
        referral,
        child_id,
        first_name,
        last_name,
        birth_date,
        disabled,
        _case_id,
        _last_event,
        closed,
        assessed,
        visit,
        seen,
        initial,
        step_event,
        step_date,
        circulated_on,
        meetings,
        review,
        supervision,
        summary,
    ) = row
    return CaseFacts(
        case_id=case_id,
        child=ChildRecord(child_id, first_name, last_name, birth_date, bool(disabled)),
        worker_id=worker_id,
        authority_id=authority_id,
        category=category,
        referral_date=referral,
        as_of=as_of,
        closed=bool(closed),
        first_assessment_completed=assessed,
        visited_since_referral=visit is not None and visit >= referral,
        last_seen_visit=seen,
        last_initial_cin_meeting=initial,
        step_down=(step_event, step_date) if step_event is not None else None,
        last_plan_circulated=circulated_on,
        uncirculated_meetings=decode_meetings(meetings) if meetings else (),
        last_cin_review=review,
        last_supervision=supervision,
        last_case_summary=summary,
    )


def aggregate_facts(connection: Connection, condition: ColumnElement, as_of: dt.date) -> List[CaseFacts]:
    """Facts from the events themselves: one aggregate row per case, plus the meetings not
    yet followed by a plan circulation. For cases the summary table cannot answer for."""
    rows = connection.execute(_aggregate_query(condition, as_of)).all()
    if not rows:
        return []
    pending = _uncirculated_meetings(connection, condition, as_of)
    return [_aggregated_facts(row, pending.get(row[0], []), as_of) for row in rows]


def _aggregate_query(condition: ColumnElement, as_of: dt.date) -> Select:
    """One row per case: its columns, its child's, then each fact as an aggregate over its events to ``as_of``."""

    def latest(*conditions: ColumnElement) -> ColumnElement:
        return func.max(sql_case((and_(*conditions), Event.date)))

    def named(event: str) -> ColumnElement:
        return Event.event == event

    aggregates = (
        func.max(sql_case((named(CASE_CLOSED), 1), else_=0)),
        func.min(sql_case((named("assessment_completed"), Event.date))),
        func.max(sql_case((and_(named(VISIT), Event.date >= Case.referral_date), 1), else_=0)),
        latest(named(VISIT), Event.child_seen.is_(True)),
        latest(named("initial_cin_meeting")),
        *(latest(named(step)) for step in STEP_DOWN_EVENTS),
        latest(named("plan_circulated")),
        latest(named("cin_review")),
        latest(named("supervision")),
        latest(named("case_summary")),
    )
    return (
        select(*FACT_CASE_COLUMNS, *CHILD_COLUMNS, *aggregates)
        .join(Child, Case.child_id == Child.child_id)
        .outerjoin(Event, and_(Event.case_id == Case.case_id, Event.date <= as_of))
        .where(condition)
        .group_by(*FACT_CASE_COLUMNS, *CHILD_COLUMNS)
        .order_by(Case.case_id)
    )


def _uncirculated_meetings(
    connection: Connection, condition: ColumnElement, as_of: dt.date
) -> Dict[str, List[Tuple[dt.date, str]]]:
    """Each case's meetings (date, event) to ``as_of`` that no plan circulation has followed yet."""
    circulated = aliased(Event)
    last_circulation = (
        select(func.max(circulated.date))
        .where(circulated.case_id == Event.case_id, circulated.event == "plan_circulated", circulated.date <= as_of)
        .scalar_subquery()
    )
    pending: Dict[str, List[Tuple[dt.date, str]]] = defaultdict(list)
    for case_id, event, when in connection.execute(
        select(Event.case_id, Event.event, Event.date)
        .distinct()
        .where(
            Event.event.in_(MEETING_EVENTS),
            Event.date <= as_of,
            Event.case_id.in_(select(Case.case_id).where(condition)),
            or_(last_circulation.is_(None), Event.date > last_circulation),
        )
    ):
        pending[case_id].append((when, event))
    return pending


def _aggregated_facts(row: Sequence, pending: Sequence[Tuple[dt.date, str]], as_of: dt.date) -> CaseFacts:
    """CaseFacts from one row of :func:`_aggregate_query` and the case's uncirculated meetings."""
    case_id, worker_id, authority_id, category, referral = row[:5]
    closed, assessed, visited, seen, initial = row[10:15]
    steps_end = 15 + len(STEP_DOWN_EVENTS)
    step_dates = row[15:steps_end]
    circulated_on, review, supervision, summary = row[steps_end:]
    stepped = [(d, e) for d, e in zip(step_dates, STEP_DOWN_EVENTS) if d is not None]
    step = max(stepped) if stepped else None
    return CaseFacts(
        case_id=case_id,
        child=child_record(row[5:10]),
        worker_id=worker_id,
        authority_id=authority_id,
        category=category,
        referral_date=referral,
        as_of=as_of,
        closed=bool(closed),
        first_assessment_completed=assessed,
        visited_since_referral=bool(visited),
        last_seen_visit=seen,
        last_initial_cin_meeting=initial,
        step_down=(step[1], step[0]) if step else None,
        last_plan_circulated=circulated_on,
        uncirculated_meetings=tuple((e, d) for d, e in sorted(pending)),
        last_cin_review=review,
        last_supervision=supervision,
        last_case_summary=summary,
    )
