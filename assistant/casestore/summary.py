"""The per-case summary behind authority-wide reports (``case_facts``), and keeping it current.

An authority's overdue list covers tens of thousands of cases; aggregating
every one of their events for each report took seconds. ``case_facts`` holds
the same aggregates per case, over the case's whole history, so a report
reads one row per case instead. A row answers for any day on or after its
``last_event_date`` (every event then counts); for an earlier day the store
aggregates the events themselves, exactly as before.

Keeping it current: every write to ``events`` (the CSV and census imports,
``Store.append_event``) calls :func:`refresh_case_facts` inside its own
transaction, naming the cases it touched. ``case_facts_state`` remembers the
highest event id taken into account, so anything that wrote events some other
way (or a database upgraded from before this table) is caught up the next time
a writer or a report runs. History is append-only, so new events always have
higher ids. On PostgreSQL refreshes take a lock that only other refreshes wait
for, so two writers never summarise the same case from different snapshots.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from sqlalchemy import (
    Text,
    and_,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    text,
    update,
)
from sqlalchemy import case as sql_case
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from assistant.casestore.models import CaseFactsRow, CaseFactsState, Event
from assistant.domain.codes import CASE_CLOSED, STEP_DOWN_EVENTS, VISIT
from assistant.domain.records import MEETING_EVENTS

STATE_ID = 1
_CHUNK = 500  # case ids per IN (...) list
_REBUILD_ABOVE = 5_000  # more touched cases than this: summarise every case in one pass

_SEPARATOR = ";"


def encode_meetings(meetings: Iterable[Tuple[dt.date, str]]) -> str:
    """Distinct (date, event) meetings as stored: "2026-01-05 cin_review;...", by date then event."""
    return _SEPARATOR.join(f"{when.isoformat()} {event}" for when, event in sorted(set(meetings)))


def decode_meetings(stored: str) -> Tuple[Tuple[str, dt.date], ...]:
    """The ``CaseFacts.uncirculated_meetings`` value of a stored string: ((event, date), ...)."""
    if not stored:
        return ()
    found = []
    for part in stored.split(_SEPARATOR):
        when, _, event = part.partition(" ")
        found.append((event, dt.date.fromisoformat(when)))
    return tuple(found)


def refresh_case_facts(connection: Connection, case_ids: Iterable[str] = ()) -> int:
    """Re-summarise ``case_ids`` and every case with events newer than the mark; returns how many.

    Run it inside the transaction that wrote the events, after writing them.
    """
    if connection.dialect.name == "postgresql":
        # Conflicts only with itself (and writes to case_facts): one refresh at a time,
        # each seeing the events the previous one committed. Reports are not blocked.
        connection.execute(text("LOCK TABLE case_facts IN SHARE ROW EXCLUSIVE MODE"))
    mark = connection.execute(select(CaseFactsState.last_event_id).where(CaseFactsState.id == STATE_ID)).scalar()
    newest = connection.execute(select(func.max(Event.id))).scalar() or 0
    targets = set(case_ids)
    if mark is None or mark == 0:
        everything = newest > 0
    else:
        everything = False
        if newest > mark:
            targets.update(
                connection.execute(
                    select(Event.case_id).where(Event.id > mark, Event.id <= newest).distinct()
                ).scalars()
            )
        everything = len(targets) > _REBUILD_ABOVE
    if everything:
        connection.execute(delete(CaseFactsRow))
        refreshed = _summarise(connection, None)
    else:
        refreshed = 0
        ordered = sorted(targets)
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            connection.execute(delete(CaseFactsRow).where(CaseFactsRow.case_id.in_(chunk)))
            refreshed += _summarise(connection, chunk)
    if mark is None:
        connection.execute(insert(CaseFactsState), [{"id": STATE_ID, "last_event_id": newest}])
    elif newest > mark:
        connection.execute(
            update(CaseFactsState)
            .where(CaseFactsState.id == STATE_ID, CaseFactsState.last_event_id < newest)
            .values(last_event_id=newest)
        )
    return refreshed


def needs_refresh(connection: Connection) -> bool:
    """Have events been added since ``case_facts`` was last brought up to date? (Two index look-ups.)"""
    mark = connection.execute(select(CaseFactsState.last_event_id).where(CaseFactsState.id == STATE_ID)).scalar()
    newest = connection.execute(select(func.max(Event.id))).scalar() or 0
    return mark is None or newest > mark


def _meeting_list(connection: Connection) -> ColumnElement:
    """Aggregate: a case's meetings as "YYYY-MM-DD event" joined by ";" (any order), or NULL.

    Collected in the same pass as the other aggregates, so the summary reads
    each event once; the meetings after the last circulation are picked in Python.
    """
    meeting = Event.event.in_(MEETING_EVENTS)
    if connection.dialect.name == "postgresql":
        stamped = func.to_char(Event.date, "YYYY-MM-DD").concat(" ").concat(Event.event)
        return func.string_agg(sql_case((meeting, stamped)), literal(_SEPARATOR))
    # SQLite stores a date as its ISO text, which is what is wanted here.
    stamped = cast(Event.date, Text).concat(" ").concat(Event.event)
    return func.group_concat(sql_case((meeting, stamped)), literal(_SEPARATOR))


def _meetings_after(listed: Optional[str], circulated: Optional[dt.date]) -> List[Tuple[dt.date, str]]:
    """The (date, event) meetings of an aggregated list dated after the last circulation (or all)."""
    if not listed:
        return []
    found = []
    for part in listed.split(_SEPARATOR):
        when, _, event = part.partition(" ")
        day = dt.date.fromisoformat(when)
        if circulated is None or day > circulated:
            found.append((day, event))
    return found


def _summarise(connection: Connection, case_ids: Optional[Sequence[str]]) -> int:
    """Insert the summary rows of ``case_ids`` (None: every case with events); returns how many."""

    def only(*conditions: ColumnElement) -> List[ColumnElement]:
        return [*conditions, Event.case_id.in_(case_ids)] if case_ids is not None else list(conditions)

    def latest(*conditions: ColumnElement) -> ColumnElement:
        return func.max(sql_case((and_(*conditions), Event.date)))

    def named(event: str) -> ColumnElement:
        return Event.event == event

    aggregates = (
        func.max(Event.date),
        func.max(sql_case((named(CASE_CLOSED), 1), else_=0)),
        func.min(sql_case((named("assessment_completed"), Event.date))),
        latest(named(VISIT)),
        latest(named(VISIT), Event.child_seen.is_(True)),
        latest(named("initial_cin_meeting")),
        latest(named("plan_circulated")),
        latest(named("cin_review")),
        latest(named("supervision")),
        latest(named("case_summary")),
        *(latest(named(step)) for step in STEP_DOWN_EVENTS),
    )
    rows = connection.execute(
        select(Event.case_id, *aggregates, _meeting_list(connection)).where(*only()).group_by(Event.case_id)
    ).all()
    summaries = []
    for row in rows:
        case_id, last_event, closed, assessed, visit, seen, initial, circulated_on, review, supervision, summary = row[
            :11
        ]
        stepped = [(d, e) for d, e in zip(row[11:-1], STEP_DOWN_EVENTS) if d is not None]
        meetings = _meetings_after(row[-1], circulated_on)
        step = max(stepped) if stepped else None
        summaries.append(
            {
                "case_id": case_id,
                "last_event_date": last_event,
                "closed": bool(closed),
                "first_assessment_completed": assessed,
                "last_visit": visit,
                "last_seen_visit": seen,
                "last_initial_cin_meeting": initial,
                "step_down_event": step[1] if step else None,
                "step_down_date": step[0] if step else None,
                "last_plan_circulated": circulated_on,
                "uncirculated_meetings": encode_meetings(meetings),
                "last_cin_review": review,
                "last_supervision": supervision,
                "last_case_summary": summary,
            }
        )
    _insert(connection, summaries)
    return len(summaries)


_COLUMNS = tuple(column.name for column in CaseFactsRow.__table__.columns)


def _insert(connection: Connection, rows: List[Dict[str, object]]) -> None:
    """Insert summary rows; many at once straight through the driver (a rebuild writes 100,000).

    SQLAlchemy's per-value processing took longer than the aggregate itself:
    SQLite gets plain tuples (dates as the ISO text SQLAlchemy stores), PostgreSQL a COPY.
    """
    if len(rows) < 100 or connection.dialect.name not in ("sqlite", "postgresql"):
        if rows:
            connection.execute(insert(CaseFactsRow), rows)
        return
    cursor = connection.connection.cursor()  # the DBAPI connection of this same transaction
    try:
        if connection.dialect.name == "sqlite":
            cursor.executemany(
                f"INSERT INTO case_facts ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)})",
                [tuple(_sqlite_value(row[c]) for c in _COLUMNS) for row in rows],
            )
        else:
            buffer = io.StringIO()
            for row in rows:
                buffer.write("\t".join(_copy_value(row[c]) for c in _COLUMNS))
                buffer.write("\n")
            buffer.seek(0)
            cursor.copy_expert(f"COPY case_facts ({', '.join(_COLUMNS)}) FROM STDIN", buffer)
    finally:
        cursor.close()


def _sqlite_value(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _copy_value(value: object) -> str:
    """One value in COPY's text format (the summary holds ids, codes, dates and flags)."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text_value = value.isoformat() if isinstance(value, dt.date) else str(value)
    return text_value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
