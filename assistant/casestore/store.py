"""The case store and its scoped queries.

``open_store()`` gives a :class:`Store`; each method opens a short session and
returns frozen records (:mod:`records`). The chat should always go through a
:class:`Scope` (``store.scope_for(worker_id)``): a case or child outside it is
reported exactly as if it did not exist. ``open_cases_for_authority`` is the
one unscoped listing, for the CLI and reports.

Histories are fetched for many cases at once: one query for the cases (with
their children) and one for all their events, whatever the number of cases.
The conditions and columns the queries share are in :mod:`queries`; due-date
facts (from the summary table, or aggregated from events) in :mod:`facts`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Dict, Iterable, List, Optional, Tuple

from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.engine import Engine, Row
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from assistant.casestore import audit
from assistant.casestore.db import create_store_engine
from assistant.casestore.exchange.csv_format import event_field_problems
from assistant.casestore.facts import load_facts
from assistant.casestore.migrate import upgrade
from assistant.casestore.models import (
    Authority,
    Case,
    Child,
    Event,
    Team,
    Worker,
)
from assistant.casestore.queries import (
    CHILD_COLUMNS,
    EVENT_COLUMNS,
    WORKER_COLUMNS,
    child_record,
    closed_condition,
    event_record,
    open_condition,
    scope_condition,
    worker_record,
)
from assistant.casestore.summary import refresh_case_facts
from assistant.config import load_settings
from assistant.domain.clock import utcnow
from assistant.domain.codes import (
    MANAGER_ROLES,
    SOURCE_CHAT,
    SOURCES,
)
from assistant.domain.records import (
    CaseFacts,
    CaseRecord,
    CaseSummary,
    ChildMatch,
    EventRecord,
    Scope,
    UnknownCaseError,
    UnknownWorkerError,
    WorkerRecord,
)


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
                select(*WORKER_COLUMNS).join(Team, Worker.team_id == Team.team_id).where(Worker.worker_id == worker_id)
            ).first()
        return None if row is None else worker_record(row)

    def team_workers(self, team_id: str) -> List[WorkerRecord]:
        """A team's workers, by name (empty for an unknown team)."""
        return self._workers(Worker.team_id == team_id)

    def workers(self, authority_id: Optional[str] = None) -> List[WorkerRecord]:
        """Every worker (of one authority, if given), by name: for reports and benchmarks."""
        return self._workers(Team.authority_id == authority_id if authority_id else true())

    def _workers(self, condition: ColumnElement) -> List[WorkerRecord]:
        with self._sessions() as session:
            rows = session.execute(
                select(*WORKER_COLUMNS)
                .join(Team, Worker.team_id == Team.team_id)
                .where(condition)
                .order_by(Worker.name, Worker.worker_id)
            ).all()
        return [worker_record(row) for row in rows]

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
        return self._load_cases(and_(Case.worker_id == worker_id, open_condition()))

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
        return self._load_cases(and_(or_(*visible), open_condition()))

    def open_cases_for_scope(self, scope: Scope) -> List[CaseRecord]:
        """Every open case the viewer may see (a manager: the team's and the unallocated ones)."""
        return self._load_cases(and_(scope_condition(scope), open_condition()))

    def case_names(self, scope: Scope) -> List[Tuple[str, str, str, bool]]:
        """(case_id, first name, last name, open) of every case the viewer may see, closed ones too.

        A question about a child whose case has closed gets "the case is
        closed", not "which child do you mean?".
        """
        with self._sessions() as session:
            rows = session.execute(
                select(Case.case_id, Child.first_name, Child.last_name, closed_condition().label("closed"))
                .join(Child, Case.child_id == Child.child_id)
                .where(scope_condition(scope))
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
                .where(scope_condition(scope), open_condition())
                .order_by(Case.case_id)
            ).all()
        return [(r[0], r[1], r[2]) for r in rows]

    def open_cases_for_authority(self, authority_id: str, include_unallocated: bool = True) -> List[CaseRecord]:
        """Every open case of an authority. Unscoped: for the CLI and reports, not the chat."""
        condition = Case.authority_id == authority_id
        if not include_unallocated:
            condition = and_(condition, Case.worker_id.isnot(None))
        return self._load_cases(and_(condition, open_condition()))

    def open_case_facts_for_worker(self, worker_id: str, as_of: dt.date) -> List[CaseFacts]:
        """The due-date facts of one worker's open cases, from the summary table (see below).

        What a due list needs, one row per case instead of every event: the
        chat's "what's due?" answers from this.
        """
        return load_facts(self.engine, and_(Case.worker_id == worker_id, open_condition()), as_of)

    def open_case_facts_for_scope(self, scope: Scope, as_of: dt.date) -> List[CaseFacts]:
        """The due-date facts of every open case the viewer may see (:meth:`open_cases_for_scope`)."""
        return load_facts(self.engine, and_(scope_condition(scope), open_condition()), as_of)

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
        return load_facts(self.engine, and_(condition, open_condition()), as_of)

    def cases(self, case_ids: Iterable[str], scope: Optional[Scope] = None) -> List[CaseRecord]:
        """Cases by id, open or closed, with histories; limited to ``scope`` when given.

        Ids that do not exist or are out of scope are simply absent.
        """
        ids = sorted(set(case_ids))
        if not ids:
            return []
        condition: ColumnElement = Case.case_id.in_(ids)
        if scope is not None:
            condition = and_(condition, scope_condition(scope))
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
                    *CHILD_COLUMNS,
                )
                .join(Child, Case.child_id == Child.child_id)
                .where(condition)
                .order_by(Case.case_id)
            ).all()
            if not case_rows:
                return []
            history: Dict[str, List[EventRecord]] = defaultdict(list)
            event_rows = connection.execute(
                select(Event.case_id, *EVENT_COLUMNS)
                .where(Event.case_id.in_(select(Case.case_id).where(condition)))
                .order_by(Event.case_id, Event.date, Event.id)
            )
            for row in event_rows:
                history[row[0]].append(event_record(row[1:]))
        return [
            CaseRecord(
                case_id=row[0],
                child=child_record(row[5:]),
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
        in_scope = scope_condition(scope)
        matching_children = (
            select(Case.child_id).join(Child, Case.child_id == Child.child_id).where(in_scope, or_(*matches))
        )
        with self._sessions() as session:
            rows = session.execute(
                select(
                    *CHILD_COLUMNS,
                    Case.case_id,
                    Case.worker_id,
                    Case.authority_id,
                    Case.category,
                    Case.referral_date,
                    open_condition().label("is_open"),
                )
                .join(Child, Case.child_id == Child.child_id)
                .where(in_scope, Case.child_id.in_(matching_children))
                .order_by(Child.last_name, Child.first_name, Child.child_id, Case.referral_date, Case.case_id)
            ).all()
        found: Dict[str, ChildMatch] = {}
        for row in rows:
            child = child_record(row[:5])
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
        via: Optional[audit.Via] = None,
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
        _check_event(event, child_seen, seen_alone, source)
        note = note.strip()
        with self._sessions() as session, session.begin():
            visible = session.execute(
                select(Case.case_id).where(Case.case_id == case_id, scope_condition(scope))
            ).first()
            if visible is None:
                raise UnknownCaseError(case_id)
            same = _same_event(session, case_id, event, date, child_seen, seen_alone, note)
            if same is not None:
                audit.record_write(
                    session.connection(), scope.viewer_id, via, event, case_id, same[0], outcome=audit.ALREADY_RECORDED
                )
                return event_record(same)
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
            return event_record(
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


def _check_event(event: str, child_seen: Optional[bool], seen_alone: Optional[bool], source: str) -> None:
    """ValueError naming every way the event's code, seen flags and source do not fit."""
    problems = event_field_problems(event, child_seen, seen_alone)
    if source not in SOURCES:
        problems.append(f"unknown source {source!r}")
    if problems:
        raise ValueError("; ".join(problems))


def _same_event(
    session: Session,
    case_id: str,
    event: str,
    date: dt.date,
    child_seen: Optional[bool],
    seen_alone: Optional[bool],
    note: str,
) -> Optional[Row]:
    """The stored event with this identity (case, code, date, seen flags and note), if there is one."""
    return session.execute(
        select(*EVENT_COLUMNS).where(
            Event.case_id == case_id,
            Event.event == event,
            Event.date == date,
            Event.child_seen.is_(None) if child_seen is None else Event.child_seen == child_seen,
            Event.seen_alone.is_(None) if seen_alone is None else Event.seen_alone == seen_alone,
            Event.note == note,
        )
    ).first()
