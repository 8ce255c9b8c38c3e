"""The case store and its scoped queries.

``open_store()`` gives a :class:`Store`; each method opens a short session and
returns frozen records (:mod:`records`). The chat should always go through a
:class:`Scope` (``store.scope_for(worker_id)``): a case or child outside it is
reported exactly as if it did not exist. ``open_cases_for_authority`` is the
one unscoped listing, for the CLI and reports.

Histories are fetched for many cases at once: one query for the cases (with
their children) and one for all their events, whatever the number of cases.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Dict, Iterable, List, Optional, Sequence, Tuple

from sqlalchemy import and_, exists, func, or_, select, true
from sqlalchemy import case as sql_case
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, aliased, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from assistant.casestore import audit
from assistant.casestore.db import create_store_engine
from assistant.casestore.exchange.csv_format import event_field_problems
from assistant.casestore.migrate import upgrade
from assistant.casestore.models import (
    Authority,
    Case,
    CaseFactsRow,
    Child,
    Event,
    Team,
    Worker,
)
from assistant.casestore.summary import (
    decode_meetings,
    needs_refresh,
    refresh_case_facts,
)
from assistant.config import load_settings
from assistant.domain.clock import utcnow
from assistant.domain.codes import (
    CASE_CLOSED,
    MANAGER_ROLES,
    SOURCE_CHAT,
    SOURCES,
    STEP_DOWN_EVENTS,
    VISIT,
)
from assistant.domain.records import (
    MEETING_EVENTS,
    CaseFacts,
    CaseRecord,
    CaseSummary,
    ChildMatch,
    ChildRecord,
    EventRecord,
    Scope,
    UnknownCaseError,
    UnknownWorkerError,
    WorkerRecord,
)

if TYPE_CHECKING:
    from assistant.casestore.audit import Via


def open_store(url: Optional[str] = None) -> "Store":
    """Open the case store at ``url`` (default: ``CIN_DATABASE_URL`` or the project's SQLite file).

    Creates a SQLite file's folder and upgrades the schema to the newest
    migration, so a fresh checkout and an old database both just work.
    """
    if url is None:
        url = load_settings().database_url
    engine = create_store_engine(url)
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


def _closed_condition() -> ColumnElement:
    """True for a case (the enclosing query's ``cases`` row) that has a ``case_closed`` event."""
    closing = aliased(Event)
    return exists().where(closing.case_id == Case.case_id, closing.event == CASE_CLOSED).correlate(Case)


def _open_condition() -> ColumnElement:
    return ~_closed_condition()


def _scope_condition(scope: Scope) -> ColumnElement:
    """Cases the scope may see: its workers' cases, plus unallocated ones for a manager."""
    visible: List[ColumnElement] = [Case.worker_id.in_(sorted(scope.worker_ids))]
    if scope.unallocated_authority is not None:
        visible.append(and_(Case.worker_id.is_(None), Case.authority_id == scope.unallocated_authority))
    return or_(*visible)


_WORKER_COLUMNS = (
    Worker.worker_id,
    Worker.name,
    Worker.role,
    Worker.team_id,
    Team.name,
    Team.authority_id,
    Worker.manager_id,
)
_CHILD_COLUMNS = (Child.child_id, Child.first_name, Child.last_name, Child.birth_date, Child.disabled)
_EVENT_COLUMNS = (
    Event.id,
    Event.event,
    Event.date,
    Event.child_seen,
    Event.seen_alone,
    Event.note,
    Event.source,
    Event.recorded_at,
)


def _worker_record(row: Sequence) -> WorkerRecord:
    return WorkerRecord(*row)


def _child_record(row: Sequence) -> ChildRecord:
    child_id, first_name, last_name, birth_date, disabled = row
    return ChildRecord(child_id, first_name, last_name, birth_date, bool(disabled))


def _event_record(row: Sequence) -> EventRecord:
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


_FACT_CASE_COLUMNS = (Case.case_id, Case.worker_id, Case.authority_id, Case.category, Case.referral_date)


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


class Store:
    """The case store: an engine plus the queries the chat and the CLI need."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, future=True, expire_on_commit=False)

    # --- lifecycle ---------------------------------------------------------

    def session(self) -> Session:
        """A new ORM session (use as a context manager) for queries not offered here."""
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- workers and scope -------------------------------------------------

    def worker(self, worker_id: str) -> Optional[WorkerRecord]:
        """A worker by id, or None."""
        with self._sessions() as session:
            row = session.execute(
                select(*_WORKER_COLUMNS).join(Team, Worker.team_id == Team.team_id).where(Worker.worker_id == worker_id)
            ).first()
        return None if row is None else _worker_record(row)

    def team_workers(self, team_id: str) -> List[WorkerRecord]:
        """A team's workers, by name (empty for an unknown team)."""
        return self._workers(Worker.team_id == team_id)

    def workers(self, authority_id: Optional[str] = None) -> List[WorkerRecord]:
        """Every worker (of one authority, if given), by name: for reports and benchmarks."""
        return self._workers(Team.authority_id == authority_id if authority_id else true())

    def _workers(self, condition: ColumnElement) -> List[WorkerRecord]:
        with self._sessions() as session:
            rows = session.execute(
                select(*_WORKER_COLUMNS)
                .join(Team, Worker.team_id == Team.team_id)
                .where(condition)
                .order_by(Worker.name, Worker.worker_id)
            ).all()
        return [_worker_record(row) for row in rows]

    def scope_for(self, worker_id: str) -> Scope:
        """Whose cases ``worker_id`` may see.

        Everyone sees their own. A manager (role practice_manager or
        team_manager, or anyone named as some worker's manager_id) also sees
        their team's workers, their direct reports wherever those sit, and the
        authority's unallocated cases. Raises :class:`UnknownWorkerError`.
        """
        with self._sessions() as session:
            row = session.execute(
                select(Worker.role, Worker.team_id, Team.authority_id)
                .join(Team, Worker.team_id == Team.team_id)
                .where(Worker.worker_id == worker_id)
            ).first()
            if row is None:
                raise UnknownWorkerError(worker_id)
            role, team_id, authority_id = row
            reports = set(session.execute(select(Worker.worker_id).where(Worker.manager_id == worker_id)).scalars())
            is_manager = role in MANAGER_ROLES or bool(reports)
            visible = {worker_id}
            if is_manager:
                visible |= reports
                visible |= set(session.execute(select(Worker.worker_id).where(Worker.team_id == team_id)).scalars())
        return Scope(
            viewer_id=worker_id,
            worker_ids=frozenset(visible),
            is_manager=is_manager,
            team_id=team_id,
            authority_id=authority_id,
            unallocated_authority=authority_id if is_manager else None,
        )

    # --- cases with histories ----------------------------------------------

    def open_cases_for_worker(self, worker_id: str) -> List[CaseRecord]:
        """The open cases allocated to one worker (their own caseload, not their team's)."""
        return self._load_cases(and_(Case.worker_id == worker_id, _open_condition()))

    def open_cases_for_workers(
        self, worker_ids: Iterable[str], unallocated_authority: Optional[str] = None
    ) -> List[CaseRecord]:
        """Open cases of a set of workers, plus the unallocated open cases of ``unallocated_authority``."""
        ids = sorted(set(worker_ids))
        visible: List[ColumnElement] = [Case.worker_id.in_(ids)] if ids else []
        if unallocated_authority is not None:
            visible.append(and_(Case.worker_id.is_(None), Case.authority_id == unallocated_authority))
        if not visible:
            return []
        return self._load_cases(and_(or_(*visible), _open_condition()))

    def open_cases_for_scope(self, scope: Scope) -> List[CaseRecord]:
        """Every open case the viewer may see (a manager: the team's and the unallocated ones)."""
        return self._load_cases(and_(_scope_condition(scope), _open_condition()))

    def case_names(self, scope: Scope) -> List[Tuple[str, str, str, bool]]:
        """(case_id, first name, last name, open) of every case the viewer may see, closed ones too.

        A question about a child whose case has closed gets "the case is
        closed", not "which child do you mean?".
        """
        with self._sessions() as session:
            rows = session.execute(
                select(Case.case_id, Child.first_name, Child.last_name, _closed_condition().label("closed"))
                .join(Child, Case.child_id == Child.child_id)
                .where(_scope_condition(scope))
                .order_by(Case.case_id)
            ).all()
        return [(r[0], r[1], r[2], not bool(r[3])) for r in rows]

    def open_case_names(self, scope: Scope) -> List[Tuple[str, str, str]]:
        """(case_id, first name, last name) of every open case the viewer may see.

        Light on purpose (no histories): the chat checks a message against the
        names on the worker's caseload on every caseload turn.
        """
        with self._sessions() as session:
            rows = session.execute(
                select(Case.case_id, Child.first_name, Child.last_name)
                .join(Child, Case.child_id == Child.child_id)
                .where(_scope_condition(scope), _open_condition())
                .order_by(Case.case_id)
            ).all()
        return [(r[0], r[1], r[2]) for r in rows]

    def open_cases_for_authority(self, authority_id: str, include_unallocated: bool = True) -> List[CaseRecord]:
        """Every open case of an authority. Unscoped: for the CLI and reports, not the chat."""
        condition = Case.authority_id == authority_id
        if not include_unallocated:
            condition = and_(condition, Case.worker_id.isnot(None))
        return self._load_cases(and_(condition, _open_condition()))

    def open_case_facts_for_worker(self, worker_id: str, as_of: dt.date) -> List[CaseFacts]:
        """The due-date facts of one worker's open cases, from the summary table (see below).

        What a due list needs, one row per case instead of every event: the
        chat's "what's due?" answers from this.
        """
        return self._load_facts(and_(Case.worker_id == worker_id, _open_condition()), as_of)

    def open_case_facts_for_scope(self, scope: Scope, as_of: dt.date) -> List[CaseFacts]:
        """The due-date facts of every open case the viewer may see (:meth:`open_cases_for_scope`)."""
        return self._load_facts(and_(_scope_condition(scope), _open_condition()), as_of)

    def open_case_facts_for_authority(
        self, authority_id: str, as_of: dt.date, include_unallocated: bool = True
    ) -> List[CaseFacts]:
        """The due-date facts of every open case of an authority, without loading each event.

        Read from the per-case summary (``case_facts``, see :mod:`summary`), one
        row per case. Unscoped, like :meth:`open_cases_for_authority`: for reports and the CLI.
        """
        condition = Case.authority_id == authority_id
        if not include_unallocated:
            condition = and_(condition, Case.worker_id.isnot(None))
        return self._load_facts(and_(condition, _open_condition()), as_of)

    def _load_facts(self, condition: ColumnElement, as_of: dt.date) -> List[CaseFacts]:
        """Facts of the cases matching ``condition`` as of ``as_of``, ordered by case id.

        A case whose summary row (``case_facts``) covers ``as_of`` is read from
        it; the rest (a day before the case's latest event, or a case with no
        events) are aggregated from their events. Both give the same facts.
        """
        with self.engine.connect() as connection:
            stale = needs_refresh(connection)
        if stale:  # events written some other way, or a store from before the summary
            with self.engine.begin() as connection:
                refresh_case_facts(connection)
        summary_columns = tuple(getattr(CaseFactsRow, c.name) for c in CaseFactsRow.__table__.columns)
        covered = and_(CaseFactsRow.case_id == Case.case_id, CaseFactsRow.last_event_date <= as_of)
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(*_FACT_CASE_COLUMNS, *_CHILD_COLUMNS, *summary_columns)
                .join(Child, Case.child_id == Child.child_id)
                .outerjoin(CaseFactsRow, covered)
                .where(condition)
                .order_by(Case.case_id)
            ).all()
            uncovered = [row[0] for row in rows if row[10] is None]
            if len(uncovered) > len(rows) // 2:  # a day long past: most cases have later events
                return self._aggregate_facts(connection, condition, as_of)
            others: Dict[str, CaseFacts] = {}
            for start in range(0, len(uncovered), 500):
                chunk = Case.case_id.in_(uncovered[start : start + 500])
                others.update((f.case_id, f) for f in self._aggregate_facts(connection, chunk, as_of))
        return [others[row[0]] if row[10] is None else _summarised_facts(row, as_of) for row in rows]

    @staticmethod
    def _aggregate_facts(connection: Connection, condition: ColumnElement, as_of: dt.date) -> List[CaseFacts]:
        """Facts from the events themselves: one aggregate row per case, plus the meetings not
        yet followed by a plan circulation. For cases the summary table cannot answer for."""

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
        case_columns = _FACT_CASE_COLUMNS
        circulated = aliased(Event)
        last_circulation = (
            select(func.max(circulated.date))
            .where(circulated.case_id == Event.case_id, circulated.event == "plan_circulated", circulated.date <= as_of)
            .scalar_subquery()
        )
        rows = connection.execute(
            select(*case_columns, *_CHILD_COLUMNS, *aggregates)
            .join(Child, Case.child_id == Child.child_id)
            .outerjoin(Event, and_(Event.case_id == Case.case_id, Event.date <= as_of))
            .where(condition)
            .group_by(*case_columns, *_CHILD_COLUMNS)
            .order_by(Case.case_id)
        ).all()
        if not rows:
            return []
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
        facts = []
        for row in rows:
            case_id, worker_id, authority_id, category, referral = row[:5]
            child = _child_record(row[5:10])
            closed, assessed, visited, seen, initial = row[10:15]
            steps_end = 15 + len(STEP_DOWN_EVENTS)
            step_dates = row[15:steps_end]
            circulated_on, review, supervision, summary = row[steps_end:]
            stepped = [(d, e) for d, e in zip(step_dates, STEP_DOWN_EVENTS) if d is not None]
            step = max(stepped) if stepped else None
            facts.append(
                CaseFacts(
                    case_id=case_id,
                    child=child,
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
                    uncirculated_meetings=tuple((e, d) for d, e in sorted(pending.get(case_id, ()))),
                    last_cin_review=review,
                    last_supervision=supervision,
                    last_case_summary=summary,
                )
            )
        return facts

    def cases(self, case_ids: Iterable[str], scope: Optional[Scope] = None) -> List[CaseRecord]:
        """Cases by id, open or closed, with histories; limited to ``scope`` when given.

        Ids that do not exist or are out of scope are simply absent.
        """
        ids = sorted(set(case_ids))
        if not ids:
            return []
        condition: ColumnElement = Case.case_id.in_(ids)
        if scope is not None:
            condition = and_(condition, _scope_condition(scope))
        return self._load_cases(condition)

    def _load_cases(self, condition: ColumnElement) -> List[CaseRecord]:
        """Cases matching ``condition`` with child and history: two queries for any number of cases.

        Runs on a plain connection, not the ORM: rows become records directly,
        which matters for an authority's whole caseload.
        """
        with self.engine.connect() as connection:
            case_rows = connection.execute(
                select(
                    Case.case_id,
                    Case.worker_id,
                    Case.authority_id,
                    Case.category,
                    Case.referral_date,
                    *_CHILD_COLUMNS,
                )
                .join(Child, Case.child_id == Child.child_id)
                .where(condition)
                .order_by(Case.case_id)
            ).all()
            if not case_rows:
                return []
            history: Dict[str, List[EventRecord]] = defaultdict(list)
            event_rows = connection.execute(
                select(Event.case_id, *_EVENT_COLUMNS)
                .where(Event.case_id.in_(select(Case.case_id).where(condition)))
                .order_by(Event.case_id, Event.date, Event.id)
            )
            for row in event_rows:
                history[row[0]].append(_event_record(row[1:]))
        return [
            CaseRecord(
                case_id=row[0],
                child=_child_record(row[5:]),
                worker_id=row[1],
                authority_id=row[2],
                category=row[3],
                referral_date=row[4],
                events=tuple(history.get(row[0], ())),
            )
            for row in case_rows
        ]

    # --- children ------------------------------------------------------------

    def find_children(self, scope: Scope, text: str) -> List[ChildMatch]:
        """Children in scope matching ``text``, each with the cases the viewer may see.

        ``text`` matches, ignoring case and extra spaces: a child_id or case_id
        exactly; the start of a first name ("Am" finds Amelia); the start of
        the full name ("amelia k"); first and last name starts ("am kes"); or a
        last name exactly. Every match is returned, so the chat can ask which
        child is meant. A child outside the scope is never returned, exactly
        as if it did not exist.
        """
        needle = " ".join(text.split()).lower()
        if not needle:
            return []
        first = func.lower(Child.first_name)
        last = func.lower(Child.last_name)
        matches: List[ColumnElement] = [
            func.lower(Child.child_id) == needle,
            func.lower(Case.case_id) == needle,
            first.startswith(needle, autoescape=True),
            func.lower(Child.first_name + " " + Child.last_name).startswith(needle, autoescape=True),
        ]
        tokens = needle.split(" ")
        if len(tokens) == 1:
            matches.append(last == needle)
        else:
            matches.append(
                and_(first.startswith(tokens[0], autoescape=True), last.startswith(tokens[-1], autoescape=True))
            )
        in_scope = _scope_condition(scope)
        matching_children = (
            select(Case.child_id).join(Child, Case.child_id == Child.child_id).where(in_scope, or_(*matches))
        )
        with self._sessions() as session:
            rows = session.execute(
                select(
                    *_CHILD_COLUMNS,
                    Case.case_id,
                    Case.worker_id,
                    Case.authority_id,
                    Case.category,
                    Case.referral_date,
                    _open_condition().label("is_open"),
                )
                .join(Child, Case.child_id == Child.child_id)
                .where(in_scope, Case.child_id.in_(matching_children))
                .order_by(Child.last_name, Child.first_name, Child.child_id, Case.referral_date, Case.case_id)
            ).all()
        found: Dict[str, ChildMatch] = {}
        for row in rows:
            child = _child_record(row[:5])
            summary = CaseSummary(row[5], row[6], row[7], row[8], row[9], bool(row[10]))
            previous = found.get(child.child_id)
            found[child.child_id] = ChildMatch(child, (previous.cases if previous else ()) + (summary,))
        return list(found.values())

    # --- recording -----------------------------------------------------------

    def append_event(
        self,
        scope: Scope,
        case_id: str,
        event: str,
        date: dt.date,
        child_seen: Optional[bool] = None,
        seen_alone: Optional[bool] = None,
        note: str = "",
        source: str = SOURCE_CHAT,
        via: Optional["Via"] = None,
    ) -> EventRecord:
        """Add an event to a case in ``scope`` (history is append-only: there is no edit or delete).

        An identical event (same case, code, date, seen flags and note) is not
        added twice: the existing one is returned. Raises
        :class:`UnknownCaseError` for a case out of scope or missing, and
        ValueError for codes or flags that do not fit.

        Every call that reaches a case is audited (``assistant.casestore.audit``) in the
        same transaction as the write: the event and its audit row are saved
        together or not at all. ``via`` says the way in (default: the source).
        """
        via = via or audit.Via(source)
        problems = event_field_problems(event, child_seen, seen_alone)
        if source not in SOURCES:
            problems.append(f"unknown source {source!r}")
        if problems:
            raise ValueError("; ".join(problems))
        note = note.strip()
        with self._sessions() as session, session.begin():
            visible = session.execute(
                select(Case.case_id).where(Case.case_id == case_id, _scope_condition(scope))
            ).first()
            if visible is None:
                raise UnknownCaseError(case_id)
            same = session.execute(
                select(*_EVENT_COLUMNS).where(
                    Event.case_id == case_id,
                    Event.event == event,
                    Event.date == date,
                    Event.child_seen.is_(None) if child_seen is None else Event.child_seen == child_seen,
                    Event.seen_alone.is_(None) if seen_alone is None else Event.seen_alone == seen_alone,
                    Event.note == note,
                )
            ).first()
            if same is not None:
                audit.record_write(
                    session.connection(), scope.viewer_id, via, event, case_id, same[0], outcome=audit.ALREADY_RECORDED
                )
                return _event_record(same)
            row = Event(
                case_id=case_id,
                event=event,
                date=date,
                child_seen=child_seen,
                seen_alone=seen_alone,
                note=note,
                source=source,
                recorded_at=utcnow(),
            )
            session.add(row)
            session.flush()
            refresh_case_facts(session.connection(), [case_id])
            audit.record_write(session.connection(), scope.viewer_id, via, event, case_id, row.id)
            return _event_record(
                (row.id, row.event, row.date, row.child_seen, row.seen_alone, row.note, row.source, row.recorded_at)
            )

    # --- housekeeping --------------------------------------------------------

    def counts(self) -> Dict[str, int]:
        """Rows per table, for a status line or a test."""
        with self._sessions() as session:
            return {
                model.__tablename__: session.execute(select(func.count()).select_from(model)).scalar_one()
                for model in (Authority, Team, Worker, Child, Case, Event)
            }
